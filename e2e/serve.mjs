// A small static server, the way any static host would serve the app: dist/ on loopback, the right
// types (application/wasm above all), compressed for a browser that accepts it (every host worth
// using compresses, and the size a person waits for is the compressed one): the build's Brotli copy
// (`name.br`, written by scripts/precompress.mjs) where there is an up-to-date one and the browser
// accepts `br`, else gzip; and index.html for any path without a file extension, because the app
// routes on the client (/segments, /settings, ...).
// The end-to-end tests use it, and so does scripts/serve: the tests see the app as users get it.
//
//   import { serve } from './serve.mjs';
//   const server = await serve();          // port 0: the system picks a free port
//   server.url                             // 'http://127.0.0.1:PORT'
//   await server.close();
//
// Run by hand: node e2e/serve.mjs [port] [address]
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../scripts/precompress.mjs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

// E2E_DIST points the tests at another build (e.g. one made beside a running trunk serve).
export const DIST = process.env.E2E_DIST
  ? resolve(process.env.E2E_DIST)
  : resolve(fileURLToPath(new URL('../dist', import.meta.url)));

// Types worth compressing: text and the .wasm (an image or a zip gains nothing).
const COMPRESS = COMPRESSIBLE;

/** Whether an `accept-encoding` header accepts `coding` (and does not refuse it with `q=0`). */
function accepts(header, coding) {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().split(';').map((p) => p.trim());
    return name === coding && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

export async function serve({ root = DIST, port = 0, address = '127.0.0.1' } = {}) {
  const sockets = new Set();
  // Compressed bodies by file and modification time (zlib's default level, as most hosts use).
  const gzipped = new Map();
  const compressed = (file, info, body) => {
    const key = `${file}:${info.mtimeMs}`;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
    return gzipped.get(key);
  };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info && extname(path) === '') {
        file = join(root, 'index.html'); // a client-side route
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
      };
      const accepted = req.headers['accept-encoding'];
      const brotli = COMPRESS.has(extname(file)) && accepts(accepted, 'br')
        ? await stat(`${file}.br`).catch(() => null)
        : null;
      if (brotli && brotli.mtimeMs >= info.mtimeMs) {
        body = await readFile(`${file}.br`);
        headers['content-encoding'] = 'br';
      } else if (COMPRESS.has(extname(file)) && accepts(accepted, 'gzip')) {
        body = compressed(file, info, body);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((ok) => server.listen(port, address, ok));
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve({ port: Number(process.argv[2] ?? 8080), address: process.argv[3] ?? '127.0.0.1' });
  console.log(`serving ${DIST} at ${server.url}/`);
}
