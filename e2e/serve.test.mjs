// The static server sends a release build as a host with Brotli would (issue 16): the build's
// Brotli copy to a browser that accepts `br`, gzip to one that only accepts gzip, never a copy older
// than its file, and the same bytes whichever way they travel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from './serve.mjs';
import { precompress } from '../scripts/precompress.mjs';

/** GET `path` with `accept-encoding`, returning the status, the encoding and the raw body. */
function get(base, path, acceptEncoding) {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('a build is sent as its Brotli copy where the browser accepts it, gzip otherwise', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'segmentti-serve-'));
  const server = await serve({ root: dir });
  try {
    // Text-like bytes that compress, as a .wasm does.
    const wasm = Buffer.from('segment line contact letter '.repeat(4000));
    await writeFile(join(dir, 'app_bg.wasm'), wasm);
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Segmentti</title>');
    const written = await precompress(dir);
    assert.deepEqual(written.map((w) => w.file).sort(), ['app_bg.wasm', 'index.html']);
    assert.ok(written.every((w) => w.br < w.raw), 'each copy is smaller than its file');
    assert.deepEqual(await precompress(dir), [], 'an up-to-date copy is not written again');

    const br = await get(server.url, '/app_bg.wasm', 'gzip, deflate, br');
    assert.equal(br.status, 200);
    assert.equal(br.encoding, 'br');
    assert.deepEqual(brotliDecompressSync(br.body), wasm);

    for (const onlyGzip of ['gzip, deflate', 'br;q=0, gzip']) {
      const gz = await get(server.url, '/app_bg.wasm', onlyGzip);
      assert.equal(gz.encoding, 'gzip', onlyGzip);
      assert.deepEqual(gunzipSync(gz.body), wasm);
    }
    const plain = await get(server.url, '/app_bg.wasm', 'identity');
    assert.equal(plain.encoding, undefined);
    assert.deepEqual(plain.body, wasm);

    // A client-side route is index.html, compressed the same way.
    const route = await get(server.url, '/segments', 'br');
    assert.equal(route.encoding, 'br');
    assert.match(brotliDecompressSync(route.body).toString(), /<title>Segmentti<\/title>/);

    // A file rebuilt after its copy was written is never answered with the old copy.
    // (The old copy is dated a minute back, so that the file is newer however coarse the clock.)
    const earlier = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'app_bg.wasm.br'), earlier, earlier);
    const rebuilt = Buffer.from('rebuilt module '.repeat(4000));
    await writeFile(join(dir, 'app_bg.wasm'), rebuilt);
    const stale = await get(server.url, '/app_bg.wasm', 'gzip, br');
    assert.equal(stale.encoding, 'gzip');
    assert.deepEqual(gunzipSync(stale.body), rebuilt);
    await precompress(dir);
    const fresh = await get(server.url, '/app_bg.wasm', 'gzip, br');
    assert.equal(fresh.encoding, 'br');
    assert.deepEqual(brotliDecompressSync(fresh.body), rebuilt);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
