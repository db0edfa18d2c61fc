// The one-file build's figures for BENCHMARKS.md: the size of dist-file/segmentti.html, raw and
// gzipped, and the time from opening it by its file:// URL to an interactive page.
//
//   scripts/package && node bench/package-open.mjs [runs]      (default 7 runs)
//
// "Interactive" is the moment the app marks <html data-ready="true">: the module is compiled and
// started, the page is drawn and the database is open, so a click is answered. It is measured in
// the page, from the navigation's start (performance.now() is 0 there), by an observer that the
// test driver adds before any of the page's own scripts; the first contentful paint is given too.
// Each run starts a new Chromium on a new empty profile, so nothing is cached between runs
// (Chromium keeps no compiled code for a file:// page's inline module anyway).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LAUNCH } from '../e2e/support.mjs';

const FILE = process.env.E2E_PACKAGE ?? fileURLToPath(new URL('../dist-file/segmentti.html', import.meta.url));
const RUNS = Number(process.argv[2] ?? 7);

const bytes = await readFile(FILE);
const gzip = gzipSync(bytes, { level: 9 }).length;

const samples = [];
for (let run = 0; run < RUNS; run++) {
  const profile = await mkdtemp(join(tmpdir(), 'segmentti-bench-package-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, locale: 'en-US' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      // The script runs before the parser has made <html>, so the whole document is observed.
      new MutationObserver((_, observer) => {
        if (document.documentElement?.dataset.ready === 'true') {
          window.__readyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
    });
    const started = performance.now();
    await page.goto(pathToFileURL(FILE).href);
    await page.waitForSelector('html[data-ready="true"]');
    const outside = performance.now() - started;
    const inside = await page.evaluate(() => ({
      ready: window.__readyAt,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
    samples.push({ ...inside, outside });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v != null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const ms = (v) => `${Math.round(v)} ms`;
const kib = (n) => `${(n / 1024).toFixed(0)} KiB (${n.toLocaleString('en')} bytes)`;
console.log(`file: ${FILE}`);
console.log(`size raw: ${kib(bytes.length)}`);
console.log(`size gzip -9: ${kib(gzip)}`);
console.log(`runs: ${RUNS}, each a new Chromium on a new empty profile (${process.env.CHROMIUM ?? '/usr/bin/chromium'}, headless)`);
console.log(`open → interactive (data-ready), median: ${ms(median(samples.map((s) => s.ready)))}` +
  ` (min ${ms(Math.min(...samples.map((s) => s.ready)))}, max ${ms(Math.max(...samples.map((s) => s.ready)))})`);
console.log(`open → first contentful paint, median: ${ms(median(samples.map((s) => s.fcp)))}`);
console.log(`goto → data-ready seen by the driver, median: ${ms(median(samples.map((s) => s.outside)))}`);
