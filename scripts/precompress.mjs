// Writes a Brotli copy (`name.br`, quality 11) next to every text file and .wasm of a release build,
// as a static host's build step does (issue 16: the first load is the compressed .wasm a person
// waits for, and Brotli at its best quality makes it about a third smaller than gzip). A server that
// finds `name.br` no older than `name` sends it to a browser that accepts `br` (e2e/serve.mjs);
// any other host serves the files as before.
//
//   node scripts/precompress.mjs [dir]     (default: $TRUNK_STAGING_DIR, else dist/)
//
// Trunk runs it after each build (Trunk.toml, post_build hook), for release builds only: quality 11
// takes about 12 s for the main module, which a development build rebuilt on every save should not
// pay. A copy already newer than its file is kept, so running it twice costs nothing.
import { brotliCompress, constants } from 'node:zlib';
import { readdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The same types e2e/serve.mjs compresses: text and the .wasm (an image or a zip gains nothing).
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.webmanifest', '.txt']);

const compress = promisify(brotliCompress);

/** Writes `name.br` for each compressible file directly in `dir` whose copy is missing or older. */
export async function precompress(dir) {
  const written = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name))) continue;
    const file = join(dir, entry.name);
    const info = await stat(file);
    const copy = await stat(`${file}.br`).catch(() => null);
    if (copy && copy.mtimeMs >= info.mtimeMs) continue;
    const body = await readFile(file);
    const packed = await compress(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        // Text mode only helps UTF-8 text; the .wasm is generic binary.
        [constants.BROTLI_PARAM_MODE]:
          extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    // Written under another name first, so that a server never sends half a copy.
    await writeFile(`${file}.br.part`, packed);
    await rename(`${file}.br.part`, `${file}.br`);
    written.push({ file: entry.name, raw: body.length, br: packed.length });
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  const dir = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist');
  for (const { file, raw, br } of await precompress(dir)) {
    console.error(`precompress: ${file} ${raw.toLocaleString('en')} -> ${br.toLocaleString('en')} bytes (br)`);
  }
}
