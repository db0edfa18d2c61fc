// Packs the release build in dist/ into one self-contained HTML file that works when opened from
// disk (file://): the .wasm, the wasm-bindgen JavaScript glue, every stylesheet and the icon are
// inlined, and nothing is fetched from anywhere, not even from the file's own folder.
//
//   node scripts/package.mjs [dist-dir] [out-file]     (defaults: dist/, dist-file/segmentti.html)
//
// scripts/package runs this after making sure dist/ is a fresh release build; see README.md.
//
// How the pieces are inlined, and why:
// - The .wasm is gzipped and written base64-encoded into a <script type="application/octet-stream">
//   block, which the browser never runs, so it needs no CSP hash. At start the page decodes it,
//   gunzips it with DecompressionStream (no network involved) and hands the bytes to the glue's
//   init, `__wbg_init({ module_or_path: bytes })`: given bytes, the glue compiles them and never
//   builds a URL. Gzip makes the file about a third of the size of plain base64, which matters for
//   a file sent by e-mail.
// - The glue is an ES module; it becomes the body of one inline <script type="module">, with its
//   `export`s dropped (nothing imports it any more) and followed by the start-up code. Its hash
//   goes into the CSP, so this is the only script the page may run.
// - The stylesheets are concatenated into one <style> element in the order index.html lists them.
// - The static shell of index.html (what shows while the module starts) comes along with its script,
//   allowed by hash like the glue.
// - The icon becomes a data: URL. The manifest and the service worker are left out: a page opened
//   from a file can register no service worker and needs none.
// - The Content-Security-Policy is a <meta> element: no connection of any kind (connect-src
//   'none'), scripts only by hash, plus 'wasm-unsafe-eval' to compile the module. Styles need
//   'unsafe-inline' (see STYLE_SRC below).
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const OUT = resolve(process.argv[3] ?? join(ROOT, 'dist-file', 'segmentti.html'));

// Styles: the letter preview is a srcdoc frame and the print view a blob: document, and both
// inherit this page's policy; their <style> elements are written per letter (page size, margins),
// so no hash computed here could cover them, and the app sets style attributes for its virtual
// lists. Styles cannot run code, so 'unsafe-inline' here does not weaken the script policy.
const STYLE_SRC = "'unsafe-inline'";

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** The single match of `pattern` in `text`, or a failure naming `what`. */
function one(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) fail(`expected one ${what} in ${join(DIST, 'index.html')}, found ${found.length}`);
  return found[0];
}

/** A path of index.html (`/segmentti-abc.js`) as a file of dist/. */
function distFile(href) {
  const path = decodeURIComponent(href.replace(/^\.?\//, ''));
  if (path.includes('..') || /^[a-z]+:/i.test(path)) fail(`unexpected asset address ${href}`);
  return join(DIST, path);
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Text that is safe inside an HTML attribute value in double quotes. */
const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const index = await readFile(join(DIST, 'index.html'), 'utf8').catch(() =>
  fail(`no ${join(DIST, 'index.html')}: run trunk build --release first (scripts/package does)`),
);

// The pieces trunk wrote: the glue, the .wasm it loads, the stylesheets in order.
const glueHref = one(index, /import init, \* as bindings from '([^']+\.js)'/g, 'glue import in the start-up script')[1];
const wasmHref = one(index, /module_or_path:\s*'([^']+\.wasm)'/g, 'wasm path in the start-up script')[1];
const cssHrefs = [...index.matchAll(/<link rel="stylesheet" href="([^"]+\.css)"/g)].map((m) => m[1]);
if (cssHrefs.length === 0) fail('no stylesheet in index.html');
const description = one(index, /<meta name="description" content="([^"]*)"/g, 'description')[1];
const themeColor = one(index, /<meta name="theme-color" content="([^"]*)"/g, 'theme colour')[1];
const title = one(index, /<title>([^<]*)<\/title>/g, 'title')[1];
const noscript = one(index, /<noscript>([\s\S]*?)<\/noscript>/g, 'noscript')[1];
// The static shell (header, navigation, loading line) and its small script, shown while the module
// is decoded and compiled, as in the served app; its script is allowed by its hash below.
const shell = one(index, /<!-- shell:start[\s\S]*?-->([\s\S]*?)<!-- shell:end -->/g, 'static shell')[1];
const shellScript = one(shell, /<script>([\s\S]*?)<\/script>/g, 'script in the static shell')[1];

// The web worker (src/worker.rs), which trunk names without a hash: its glue (wasm-bindgen's
// no-modules form) and its module are inlined too; trunk's loader shim is not needed here.
const WORKER_GLUE = 'segmentti-worker.js';
const WORKER_WASM = 'segmentti-worker_bg.wasm';
const WORKER_FILES = [WORKER_GLUE, WORKER_WASM, 'segmentti-worker_loader.js'];

// Snippets (wasm-bindgen `inline_js`) and other on-demand modules would be further files the glue
// imports; none exist today. Refuse to pack rather than write a file that would try to load them.
const extraModules = (await readdir(DIST)).filter(
  (name) => (name.endsWith('.js') || name.endsWith('.wasm')) && name !== 'sw.js' &&
    !glueHref.endsWith(name) && !wasmHref.endsWith(name) && !WORKER_FILES.includes(name),
);
if (extraModules.length > 0 || (await readdir(join(DIST, 'snippets')).catch(() => null))) {
  fail(`dist/ has modules the packer does not inline yet: ${extraModules.join(', ') || 'snippets/'}`);
}

let glue = await readFile(distFile(glueHref), 'utf8');
if (/^\s*import\s/m.test(glue)) fail('the glue imports another module; the packer cannot inline that yet');
// Every exported name, so that window.wasmBindings offers what trunk's start-up script offers.
const exported = new Set();
glue = glue.replace(/^export (function|class|const|let|async function) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
  exported.add(name);
  return `${kind} ${name}`;
});
glue = glue.replace(/^export \{([^}]*)\};?\s*$/gm, (_, names) => {
  for (const part of names.split(',')) {
    const [local, as] = part.trim().split(/\s+as\s+/);
    if (local && (as ?? local) !== 'default') exported.add(local);
  }
  return '';
});
if (/^export\s/m.test(glue)) fail('the glue has an export form the packer does not know');
if (!/function __wbg_init\b/.test(glue)) fail('the glue has no __wbg_init');

const wasm = await readFile(distFile(wasmHref));
if (wasm.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${wasmHref} is not a WebAssembly module`);
const wasmGz = gzipSync(wasm, { level: 9 });

const workerGlue = await readFile(join(DIST, WORKER_GLUE), 'utf8').catch(() =>
  fail(`no ${join(DIST, WORKER_GLUE)}: the worker was not built`),
);
if (!/\bwasm_bindgen\b/.test(workerGlue)) fail(`${WORKER_GLUE} is not wasm-bindgen's no-modules glue`);
const workerWasm = await readFile(join(DIST, WORKER_WASM));
if (workerWasm.subarray(0, 4).toString('latin1') !== '\0asm') fail(`${WORKER_WASM} is not a WebAssembly module`);
const workerWasmGz = gzipSync(workerWasm, { level: 9 });
// The worker's script: the glue, then a start that waits for the module's bytes, which the page
// sends as the worker's first message (a worker made from a blob: URL can fetch nothing).
const workerSource = `${workerGlue}
self.onmessage = (event) => { self.onmessage = null; wasm_bindgen({ module_or_path: event.data }); };
`;

const css = (await Promise.all(cssHrefs.map((href) => readFile(distFile(href), 'utf8')))).join('\n');
if (/url\(\s*['"]?(?!data:|#)/i.test(css)) fail('a stylesheet refers to a file by url(); inline it first');
const icon = await readFile(join(DIST, 'icon.svg'));
const iconUrl = `data:image/svg+xml;base64,${icon.toString('base64')}`;

// The start-up: decode, gunzip, instantiate, then say so the way trunk's own script does. The worker
// is offered to store/jobs.rs as window.__segmenttiWorker, made from inlined pieces when first asked.
const start = `
// Started by scripts/package's one-file build: the module's bytes are in the page itself.
{
  const unpack = async (id) => {
    const text = document.getElementById(id).textContent.trim();
    const packed = typeof Uint8Array.fromBase64 === 'function'
      ? Uint8Array.fromBase64(text)
      : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer();
  };
  const workerSource = ${JSON.stringify(workerSource)};
  window.__segmenttiWorker = () => {
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const worker = new Worker(url);
    unpack('segmentti-worker-wasm').then((bytes) => worker.postMessage(bytes, [bytes]));
    return worker;
  };
  const bytes = await unpack('segmentti-wasm');
  const wasm = await __wbg_init({ module_or_path: bytes });
  window.wasmBindings = { ${[...exported].sort().join(', ')} };
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
`;
const script = `${glue}\n${start}`;
if (script.includes('</script')) fail('the script contains </script and cannot be inlined as it is');
if (css.includes('</style')) fail('the styles contain </style and cannot be inlined as they are');

const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} ${sha256(shellScript)} 'wasm-unsafe-eval'`,
  `style-src ${STYLE_SRC}`,
  // Letters may carry images (uploaded .docx) shown from blob: and data: URLs.
  'img-src data: blob:',
  // No stylesheet declares a font: the interface uses the system's, and the PDF font is in the module.
  "font-src 'none'",
  "connect-src 'none'",
  // The print view opens as a blob: document; the letter preview is a srcdoc frame.
  'frame-src blob:',
  // The worker is made from a blob: URL of its inlined script (see the start-up above).
  'worker-src blob:',
  "manifest-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <!-- Segmentti as one file (scripts/package): everything it needs is below, and the policy
         forbids every connection, so opened from disk it fetches nothing from anywhere. -->
    <meta http-equiv="Content-Security-Policy" content="${attr(csp)}" />
    <meta name="description" content="${description}" />
    <meta name="theme-color" content="${themeColor}" />
    <meta name="generator" content="scripts/package from ${attr(glueHref.replace(/^\//, ''))}" />
    <title>${title}</title>
    <link rel="icon" type="image/svg+xml" href="${iconUrl}" />
    <style>
${css}
    </style>
    <script type="application/octet-stream" id="segmentti-wasm">
${wasmGz.toString('base64')}
    </script>
    <script type="application/octet-stream" id="segmentti-worker-wasm">
${workerWasmGz.toString('base64')}
    </script>
    <script type="module">${script}</script>
  </head>
  <body>
    <noscript>${noscript}</noscript>
${shell.replaceAll('src="/icon.svg"', `src="${iconUrl}"`).trim()}
  </body>
</html>
`;

// Written beside and renamed, so that a reader never sees half a file.
await mkdir(dirname(OUT), { recursive: true });
await writeFile(`${OUT}.tmp`, html);
await rename(`${OUT}.tmp`, OUT);
const gz = gzipSync(Buffer.from(html), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `package: wrote ${OUT}: ${kb(Buffer.byteLength(html))} (gzip ${kb(gz)}); wasm ${kb(wasm.length)}, gzip+base64 ${kb(Math.ceil(wasmGz.length / 3) * 4)}`,
);
