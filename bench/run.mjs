// The browser benchmarks (issue 7): each figure next to its peer, measured in the same page and
// the same run, in headless Chromium on the release build with the `bench` feature
// (target/bench-dist, made by scripts/bench). Writes the first section of BENCHMARKS.md.
//
// Every figure is the median of RUNS runs after a warm-up, with min and max. Timings are taken
// in the page with performance.now() around one call; preparation is done outside the timing.
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { serve } from '../e2e/serve.mjs';
import { launch } from '../e2e/support.mjs';
import { codeByOrigin, layer } from './wasm-size.mjs';
import { lighthouse } from './lighthouse.mjs';
import { bulkWork } from '../e2e/long_tasks.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 500_000);
const LOG_LINES = 10_000;
const LETTER_BYTES = 7_000;
const LETTERS = 1_000;
const IMPORT_ROWS = 100_000;
const ROOT = process.env.BENCH_DIST ?? new URL('../target/bench-dist/', import.meta.url).pathname;
const TEMPLATE = new URL('../tests/fixtures/letter-template.docx', import.meta.url).pathname;

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

// The preview takes a few milliseconds, so five runs are too few: its median then depends on how
// many of them ran before V8 had compiled the hot code with its optimising tier (seen from 2.0 to
// 3.9 ms on one build). Both sides of that row run this many times.
const PREVIEW_RUNS = Math.max(RUNS, 25);

/** Runs `once` (an async function returning milliseconds) 1 + `runs` times; the first is a warm-up. */
async function measure(label, once, runs = RUNS) {
  await once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  const s = stats(times);
  console.log(`${label.padEnd(58)} median ${s.median.toFixed(1).padStart(8)} ms  (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`);
  return s;
}

const fmt = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
const ratio = (a, b) => (a.median / b.median).toFixed(2);

const server = await serve({ root: ROOT.replace(/\/$/, '') });
const browser = await launch();
// The peers are plain scripts that build functions from strings (pizzip), which the app's
// Content-Security-Policy rightly forbids; the benchmark page lifts it for them.
const context = await browser.newContext({ bypassCSP: true });
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${server.url}/bench`);
await page.waitForFunction(() => window.wasmBindings?.bench_generate);
for (const peer of ['dexie.js', 'papaparse.min.js', 'pizzip.js', 'docxtemplater.js']) {
  await page.addScriptTag({ url: `/peers/${peer}` });
}

const results = {};

// 1. Add Contacts preview with three sections, against plain JavaScript over the same contacts.
console.log(`generating ${CONTACTS} contacts and ${ENTRIES} log entries in the page…`);
await page.evaluate(([c, e]) => window.wasmBindings.bench_generate(c, e), [CONTACTS, ENTRIES]);
await page.evaluate(() => {
  window.peerContacts = JSON.parse(window.wasmBindings.bench_contacts_json());
  window.peerById = new Map(window.peerContacts.map((c) => [c.id, c]));
});
results.preview = await measure('Add Contacts preview, 3 sections (wasm)', () =>
  page.evaluate(() => {
    const t = performance.now();
    window.lastJoin = window.wasmBindings.bench_preview();
    return performance.now() - t;
  }),
  PREVIEW_RUNS,
);
results.previewJs = await measure('same filter, plain JavaScript objects', () =>
  page.evaluate(() => {
    const t = performance.now();
    const cities = new Set(['City 01', 'City 02', 'City 03', 'City 04', 'City 05']);
    const mailing = new Set(['M01', 'M02', 'M03']);
    let n = 0;
    for (const c of window.peerContacts) {
      if (c.excluded || !cities.has(c.city)) continue;
      if (!c.mailing.some((m) => mailing.has(m))) continue;
      const company = c.company == null ? null : window.peerById.get(c.company);
      if (!company || !company.industry.some((i) => i >= 'I01' && i <= 'I09')) continue;
      n++;
    }
    window.lastJsJoin = n;
    return performance.now() - t;
  }),
  PREVIEW_RUNS,
);
const joins = await page.evaluate(() => [window.lastJoin, window.lastJsJoin]);
console.log(`  (wasm finds ${joins[0]}, JavaScript finds ${joins[1]})`);

// 2. Loading the whole database at start (persistence, issue 4).
await page.evaluate(() => window.wasmBindings.bench_store('bench-load'));
results.load = await measure(`load ${CONTACTS} contacts + ${ENTRIES} entries from IndexedDB`, () =>
  page.evaluate(async () => {
    const t = performance.now();
    await window.wasmBindings.bench_load('bench-load');
    return performance.now() - t;
  }),
);

// 3. Logging a 10,000-line segment with 7 KB letters: one transaction, against Dexie bulkPut.
let run = 0;
results.log = await measure(`log ${LOG_LINES} lines with ${LETTER_BYTES} B letters (one transaction)`, async () => {
  run += 1;
  await page.evaluate(([l, b]) => window.wasmBindings.bench_log_prepare(l, b), [LOG_LINES, LETTER_BYTES]);
  return page.evaluate(async (name) => {
    await new Promise((ok) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = ok; });
    const t = performance.now();
    await window.wasmBindings.bench_log_commit(name);
    return performance.now() - t;
  }, `bench-log-${run}`);
});
results.logDexie = await measure('Dexie 4 bulkPut of the same records', async () => {
  run += 1;
  await page.evaluate(([l, b]) => window.wasmBindings.bench_log_prepare(l, b), [LOG_LINES, LETTER_BYTES]);
  return page.evaluate(async (name) => {
    const rows = JSON.parse(window.wasmBindings.bench_log_records_json()).map((r) => ({
      ...r.entry,
      letter: new Uint8Array(r.letterSize).map((_, i) => i & 255),
    }));
    const db = new Dexie(name);
    db.version(1).stores({ entries: 'id' });
    await db.open();
    const t = performance.now();
    await db.entries.bulkPut(rows);
    const ms = performance.now() - t;
    db.close();
    return ms;
  }, `dexie-log-${run}`);
});

// 4. 1,000 personalised letters into one zip, against docxtemplater 3 + pizzip.
const template = await readFile(TEMPLATE);
await page.evaluate((bytes) => window.wasmBindings.bench_letters_prepare(new Uint8Array(bytes)), [...template]);
results.letters = await measure(`${LETTERS} letters from letter-template.docx into a zip (wasm)`, () =>
  page.evaluate((n) => {
    const t = performance.now();
    window.wasmBindings.bench_letters(n);
    return performance.now() - t;
  }, LETTERS),
);
results.lettersPeer = await measure('docxtemplater 3.71 + pizzip, same template and data', () =>
  page.evaluate(([bytes, n]) => {
    // docxtemplater has no {{#if}}: the same condition is its section {{#comment}}…{{/comment}},
    // so the template is adapted once, outside the timing.
    if (!window.peerTemplate) {
      const zip = new PizZip(new Uint8Array(bytes));
      const xml = zip.file('word/document.xml').asText().replace('{{#if comment}}', '{{#comment}}').replace('{{/if}}', '{{/comment}}');
      zip.file('word/document.xml', xml);
      window.peerTemplate = zip.generate({ type: 'uint8array' });
      window.peerData = Array.from({ length: n }, (_, i) => JSON.parse(window.wasmBindings.bench_letter_data_json(i)));
    }
    const t = performance.now();
    const out = new PizZip();
    for (let i = 0; i < n; i++) {
      const doc = new docxtemplater(new PizZip(window.peerTemplate), {
        paragraphLoop: true,
        linebreaks: true,
        delimiters: { start: '{{', end: '}}' },
        nullGetter: () => '',
      });
      doc.render(window.peerData[i]);
      out.file(`letter ${i}.docx`, doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' }));
    }
    out.generate({ type: 'uint8array', compression: 'DEFLATE' });
    return performance.now() - t;
  }, [[...template], LETTERS]),
);

// 4b. 1,000 one-page PDF letters in a zip (issue 13 item 4), the way the download makes them: merged
// in the page, laid out and zipped by the web worker, timed from the call to the zip's arrival.
// The .docx figure above is its baseline in the same run.
results.pdf = await measure(`${LETTERS} one-page PDF letters into a zip (web worker)`, () =>
  page.evaluate(async (n) => {
    const t = performance.now();
    await window.wasmBindings.bench_pdf_zip(n);
    return performance.now() - t;
  }, LETTERS),
);

// 4c. The same for Word letters (a template whose body is a .docx, here letter-template.docx from 4a):
// each letter merged in the page, its merged document sent to the worker, read again and laid out
// there (src/core/pdf/word.rs), zipped, the zip sent back. Measured in the same run as 4b.
results.wordPdf = await measure(`${LETTERS} one-page Word letters as PDFs into a zip (web worker)`, () =>
  page.evaluate(async (n) => {
    const t = performance.now();
    const size = await window.wasmBindings.bench_word_pdf_zip(n);
    if (size < n * 1000) throw new Error(`a zip of ${n} Word-letter PDFs of only ${size} bytes`);
    return performance.now() - t;
  }, LETTERS),
);

// 5. Importing a 100,000-row Google Contacts CSV: parse, dedupe, store.
await page.evaluate((rows) => { window.importBytes = window.wasmBindings.bench_google_csv(rows); }, IMPORT_ROWS);
results.import = await measure(`import ${IMPORT_ROWS}-row Google CSV (parse, dedupe, store)`, async () => {
  run += 1;
  return page.evaluate(async (name) => {
    const t = performance.now();
    await window.wasmBindings.bench_import(window.importBytes, name);
    return performance.now() - t;
  }, `bench-import-${run}`);
});
results.importPeer = await measure('papaparse 5 + dedupe by e-mail + Dexie bulkAdd', async () => {
  run += 1;
  return page.evaluate(async (name) => {
    const text = new TextDecoder().decode(window.importBytes);
    const db = new Dexie(name);
    db.version(1).stores({ contacts: '++id, email' });
    await db.open();
    const t = performance.now();
    const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
    const seen = new Map();
    for (const row of parsed.data) {
      const email = (row['E-mail 1 - Value'] ?? '').toLowerCase();
      if (email && seen.has(email)) continue;
      seen.set(email || Symbol(), row);
    }
    await db.contacts.bulkAdd([...seen.values()]);
    const ms = performance.now() - t;
    db.close();
    return ms;
  }, `papa-import-${run}`);
});

// 6. Cold start to interactive with the large database stored, and memory after start.
await page.evaluate(() => window.wasmBindings.bench_store('segmentti'));
const phases = [];
results.coldStart = await measure('cold start to interactive, large database stored', async () => {
  const fresh = await context.newPage();
  await fresh.goto(`${server.url}/contacts`);
  await fresh.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 120_000 });
  const ms = await fresh.evaluate(() => performance.now());
  // Where the time went: the app's own marks (src/ui/mod.rs, src/ui/state.rs) and the .wasm
  // download, each as milliseconds since the navigation started.
  phases.push(await fresh.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
    return {
      html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? NaN,
      wasmFetched: wasm?.responseEnd ?? NaN,
      wasmStarted: at('segmentti:wasm-started'),
      mounted: at('segmentti:mounted'),
      loaded: at('segmentti:loaded'),
      ready: at('segmentti:ready'),
    };
  }));
  if (!results.memory) {
    results.memory = await fresh.evaluate(() => ({
      heap: performance.memory?.usedJSHeapSize ?? 0,
      wasm: window.wasmBindings.bench_wasm_memory_bytes(),
    }));
  }
  await fresh.close();
  return ms;
});

// The median of each phase over the measured runs (the warm-up's phases are left out).
const phase = (key) => stats(phases.slice(1).map((p) => p[key])).median.toFixed(0);
results.phases = Object.fromEntries(['html', 'wasmFetched', 'wasmStarted', 'mounted', 'loaded', 'ready'].map((k) => [k, phase(k)]));
console.log('cold start phases (ms since navigation):', results.phases);

await browser.close();
await server.close();

// Native preview (the limit for the wasm one), from the native benchmark in the same run.
let native = null;
try {
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench_core'], { encoding: 'utf8' });
  const m = out.match(/Add Contacts preview, 3 sections\s+median\s+([\d.]+)\s+min\s+([\d.]+)\s+max\s+([\d.]+)/);
  if (m) native = { median: Number(m[1]), min: Number(m[2]), max: Number(m[3]) };
} catch (e) {
  console.error('native benchmark failed:', e.message);
}

// Every module of the app build (dist/), raw and gzip -9: the main .wasm and its glue, which the
// first page needs, and the web worker's (src/worker.rs), which loads when a PDF is first asked for.
const DIST_URL = new URL('../dist/', import.meta.url);
const modules = readdirSync(DIST_URL)
  .filter((f) => /\.(wasm|js)$/.test(f) && f !== 'sw.js')
  .map((f) => {
    const bytes = readFileSync(new URL(f, DIST_URL));
    const worker = f.startsWith('segmentti-worker');
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, worker };
  })
  .sort((a, b) => a.worker - b.worker || b.raw - a.raw);
const mainWasm = modules.find((m) => !m.worker && m.file.endsWith('_bg.wasm')) ?? { raw: 0, gzip: 0 };
const size = { raw: mainWasm.raw, gzip: mainWasm.gzip };
const firstLoad = modules.filter((m) => !m.worker).reduce((sum, m) => sum + m.gzip, 0);

// The longest main-thread task of each bulk job, driven through the app build as a person would
// (issue 16 item 3; the same steps as e2e/long_tasks.test.mjs).
let bulk = null;
try {
  const appServer = await serve({ root: DIST_URL.pathname.replace(/\/$/, '') });
  const appBrowser = await launch();
  try {
    bulk = await bulkWork(appBrowser, appServer.url);
  } finally {
    await appBrowser.close();
    await appServer.close();
  }
} catch (e) {
  console.error('long tasks not measured:', e.message);
}

// Lighthouse on the app build as users get it (issue 16 item 4): three runs, the median shown.
let lh = null;
try {
  lh = await lighthouse({ root: DIST_URL.pathname.replace(/\/$/, ''), runs: 3 });
  console.log('lighthouse:', lh.scores, lh.accessibility, lh.bestPractices, lh.metrics);
} catch (e) {
  console.error('lighthouse failed:', e.message);
}
// Where the code comes from, read from the linker's output of the last build (the benchmark build,
// which is the app plus a few exported functions), whose function names are still in it.
let sizeLines = '';
// The share of the code that any first page runs whatever is split off: Leptos (views, reactive
// graph) with the browser bindings, and the standard library's generic code.
let floor = null;
try {
  const linked = await readFile(new URL('../target/wasm32-unknown-unknown/release/segmentti.wasm', import.meta.url));
  const { total, groups } = codeByOrigin(linked);
  const layers = new Map();
  for (const g of groups) layers.set(layer(g.origin), (layers.get(layer(g.origin)) ?? 0) + g.bytes);
  const share = (n) => `${((100 * n) / total).toFixed(0)}%`;
  sizeLines = `- Where the code comes from (\`node bench/wasm-size.mjs\`, before wasm-opt, ${total.toLocaleString('en')} bytes of code): ${[...layers]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${share(n)}`)
    .join(', ')}. Largest groups: ${groups
    .slice(0, 6)
    .map((g) => `${g.origin} ${share(g.bytes)}`)
    .join(', ')}.
`;
  const framework = groups
    .filter((g) => /^(tachys|reactive_graph|leptos\w*|web_sys|js_sys|wasm_bindgen\w*|any_spawner|or_poisoned|send_wrapper|throw_error)$|for (tachys|reactive_graph)/.test(g.origin))
    .reduce((sum, g) => sum + g.bytes, 0);
  const generic = layers.get('standard library and other generic code') ?? 0;
  floor = { framework: framework / total, generic: generic / total };
} catch (e) {
  console.error('no size breakdown:', e.message);
}

const mb = (b) => (b / 1_048_576).toFixed(1);
const rows = [
  ['Add Contacts preview, 3 sections, 100,000 contacts', fmt(results.preview), 'plain JavaScript filter', fmt(results.previewJs), ratio(results.preview, results.previewJs), '≤ 10 ms and ≤ JS'],
  ['same preview natively (the limit)', native ? fmt(native) : 'n/a', 'wasm / native', '', native ? ratio(results.preview, native) : 'n/a', ''],
  [`log ${LOG_LINES} lines with 7 KB letters, one transaction`, fmt(results.log), 'Dexie 4 bulkPut', fmt(results.logDexie), ratio(results.log, results.logDexie), '≤ 1,000 ms'],
  [`${LETTERS} letters into one zip`, fmt(results.letters), 'docxtemplater 3.71 + pizzip', fmt(results.lettersPeer), ratio(results.letters, results.lettersPeer), '≤ 0.25 × peer'],
  [`${LETTERS} one-page PDF letters into one zip (web worker)`, fmt(results.pdf), '.docx letters above', fmt(results.letters), ratio(results.pdf, results.letters), '≤ 3,000 ms'],
  [`${LETTERS} one-page Word letters (letter-template.docx) as PDFs into one zip (web worker)`, fmt(results.wordPdf), 'PDF letters above', fmt(results.pdf), ratio(results.wordPdf, results.pdf), '≤ 3,000 ms'],
  [`import ${IMPORT_ROWS.toLocaleString('en')}-row Google CSV`, fmt(results.import), 'papaparse 5 + Dexie bulkAdd', fmt(results.importPeer), ratio(results.import, results.importPeer), '< 1 × peer'],
  [`load ${CONTACTS.toLocaleString('en')} contacts + ${ENTRIES.toLocaleString('en')} entries at start`, fmt(results.load), '', '', '', '≤ 2,000 ms'],
  ['cold start to interactive, large database', fmt(results.coldStart), '', '', '', '≤ 2,000 ms'],
];
const md = `# Benchmarks

Measured by \`scripts/bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${mb(os.totalmem())} MiB RAM,
headless Chromium (Debian) on the release build with the \`bench\` feature. Each figure is the median of
${RUNS} runs (the preview's two rows, a few milliseconds each: ${PREVIEW_RUNS}) after a warm-up, in milliseconds, with min–max in brackets; each peer ran in the same page in
the same run. The machine is shared, so absolute figures wander; the ratios are the point.

| measurement | Segmentti (ms) | peer | peer (ms) | ratio | goal |
| --- | ---: | --- | ---: | ---: | --- |
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

- Modules of the app build (\`dist/\`), raw and gzip -9 in bytes; the first page loads the main module and its glue
  (${firstLoad.toLocaleString('en')} bytes gzip together; goal for the .wasm ≤ 600 KB gzip), the worker's load when a PDF is first asked for:

  | module | loads | raw | gzip -9 |
  | --- | --- | ---: | ---: |
${modules.map((m) => `  | \`${m.file}\` | ${m.worker ? 'on demand (web worker)' : 'first page'} | ${m.raw.toLocaleString('en')} | ${m.gzip.toLocaleString('en')} |`).join('\n')}

${bulk ? `- The longest main-thread task of each bulk job (issue 16 item 3; goal ≤ 200 ms each), driven through the app build
  with ${bulk.contacts.toLocaleString('en')} generated contacts (\`e2e/long_tasks.mjs\`, one run; PerformanceObserver \`longtask\`):

  | job | took (ms) | longest task (ms) | long tasks |
  | --- | ---: | ---: | ---: |
${bulk.figures.map((f) => `  | ${f.what} | ${f.ms.toLocaleString('en')} | ${f.longest.toLocaleString('en')} | ${f.count} |`).join('\n')}

  The log's commit, in phases (ms): ${Object.entries(bulk.phases ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}.
` : '- The long tasks were not measured (see the console output of scripts/bench).\n'}${lh ? `- Lighthouse 12.2.3 (\`bench/lighthouse.mjs\`: default mobile emulation and simulated slow 4G, the contacts page of \`dist/\`
  served compressed (the build's Brotli copies, gzip for the rest), median of 3 runs, performance ${lh.scores.join(', ')}): performance ${lh.performance} (goal ≥ 90), accessibility
  ${lh.accessibility} (goal 100), best practices ${lh.bestPractices} (goal ≥ 95); first contentful paint ${(lh.metrics.fcp / 1000).toFixed(1)} s, largest
  contentful paint ${(lh.metrics.lcp / 1000).toFixed(1)} s, time to interactive ${(lh.metrics.tti / 1000).toFixed(1)} s, total blocking time ${lh.metrics.tbt.toFixed(0)} ms,
  cumulative layout shift ${lh.metrics.cls.toFixed(3)}. Below 0.9: ${lh.failing.join(', ') || 'nothing'}.
` : '- Lighthouse did not run (see the console output of scripts/bench).\n'}${sizeLines}${size.gzip > 600_000 ? `- What stands in the way of the 600 KB goal: the user interface alone is about half the code (Leptos's views and
  reactive graph are generic and compiled once per component and closure; \`--cfg erase_components\` in
  \`.cargo/config.toml\` already took 20% off), well over 600 KB gzip on its own.${floor ? ` Leptos and the browser bindings are
  ${(100 * floor.framework).toFixed(0)}% of the code and the standard library's generic code ${(100 * floor.generic).toFixed(0)}%: at the main module's
  ratio of gzip to code, about ${Math.round((floor.framework * size.gzip) / 1000)} KB and ${Math.round((floor.generic * size.gzip) / 1000)} KB, ${Math.round(((floor.framework + floor.generic) * size.gzip) / 1000)} KB together. A first page runs the
  framework whole and much of the generic code before the data model, the storage and the page itself, so even a perfect
  split of the pages would leave little or nothing of the 600 KB for them.` : ''} Moving the PDF writer and its font into
  the web worker took them off the first load; the .docx engine, import parsers, exports and exchange files are the next
  candidates, but the page also uses most of them (the letters' check and preview parse templates), and together they are
  about a fifth of the code. Splitting the pages into modules loaded on demand needs wasm-split (Leptos 0.8's \`#[lazy]\`),
  which trunk 0.21 does not run. Optimising for size measured 1.3–2.4× slower for the preview and the letters; per-package
  opt-level "z" for every dependency (the app crate at 3) made the main module larger, not smaller (2026-12-06:
  6,676,344 bytes raw and 2,246,688 gzip against 6,246,144 and 2,170,167), since generic library code is compiled
  into the app crate at its opt-level; not kept.
` : ''}- Cold start, where the time goes (median ms since the navigation started): page loaded ${results.phases.html}, .wasm downloaded
  ${results.phases.wasmFetched}, wasm compiled and started ${results.phases.wasmStarted}, app mounted ${results.phases.mounted}, database read and decoded
  ${results.phases.loaded}, data shown ${results.phases.ready}; the page answered at the figure in the table.
- Memory after a cold start with the large database: JS heap ${mb(results.memory?.heap ?? 0)} MiB, wasm linear memory ${mb(results.memory?.wasm ?? 0)} MiB.
- PDF letters (issue 13 item 4): the figure in the table is the whole round trip in Chromium: the letters merged in the page,
  sent to the web worker (src/worker.rs), laid out there as PDFs with their font subset and zipped, the zip sent back.
  The PDF code and its font (Liberation Sans) are in the worker's module only, which the first page does not load.
  The Word-letter row is the same round trip for a template whose body is a .docx (letter-template.docx: header, footer with
  PAGE/NUMPAGES, table): the merged documents travel to the worker, which reads each again and lays it out (src/core/pdf/word.rs).
- Data: ${CONTACTS.toLocaleString('en')} generated contacts (about 15% companies, persons linked to companies, mailing groups,
  industry groups, job responsibilities) and ${ENTRIES.toLocaleString('en')} log entries (\`src/sample.rs\`, deterministic), letters
  from \`tests/fixtures/letter-template.docx\`, a generated Google Contacts CSV with about 1% repeated rows.
`;
// This script owns the first section of BENCHMARKS.md, between its two markers; the sections after
// it are measured by other commands (named in each) and written by hand, and are kept as they are.
const FILE = new URL('../BENCHMARKS.md', import.meta.url);
const START = '<!-- bench/run.mjs writes from here -->';
const END = '<!-- bench/run.mjs writes up to here -->';
const before = await readFile(FILE, 'utf8').catch(() => '');
const own = `${START}\n${md}${END}\n`;
let next;
if (before.includes(START) && before.includes(END)) {
  next = before.slice(0, before.indexOf(START)) + own + before.slice(before.indexOf(END) + END.length + 1);
} else {
  // A file from before the markers: its first section (up to the first "## " heading) is this one's.
  const rest = before.indexOf('\n## ');
  next = own + (rest >= 0 ? before.slice(rest) : '');
}
await writeFile(FILE, next);
console.log('\nwrote the first section of BENCHMARKS.md');
