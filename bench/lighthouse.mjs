// Lighthouse (npm `lighthouse`, pinned at 12.2.3, the last release that runs on Node 20) against the
// release build as users get it: dist/ served by e2e/serve.mjs (the build's Brotli copies, else gzip;
// no live reload), opened in
// Debian's Chromium with Lighthouse's default mobile emulation and simulated throttling (a slow 4G
// connection and a 4× slower CPU). Issue 16 asks for performance ≥ 90, accessibility 100 and best
// practices ≥ 95.
//
//   import { lighthouse } from './lighthouse.mjs';
//   const report = await lighthouse({ root, runs: 3 });   // the run with the median performance score
//
// Run by hand: node bench/lighthouse.mjs [runs]   (serves dist/)
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve, DIST } from '../e2e/serve.mjs';

const CLI = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tti: 'interactive',
  tbt: 'total-blocking-time',
  si: 'speed-index',
  cls: 'cumulative-layout-shift',
};

/** One Lighthouse run of `url`: the three category scores (0–100) and the metrics in ms. */
async function once(url, dir) {
  const out = join(dir, `report-${Date.now()}.json`);
  await promisify(execFile)(
    process.execPath,
    [
      CLI,
      url,
      `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking`,
      '--only-categories=performance,accessibility,best-practices',
      '--output=json',
      `--output-path=${out}`,
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 << 20 },
  );
  const report = JSON.parse(await readFile(out, 'utf8'));
  const score = (id) => Math.round(report.categories[id].score * 100);
  const metrics = Object.fromEntries(Object.entries(METRICS).map(([key, id]) => [key, report.audits[id].numericValue]));
  // What keeps a score below 100, by audit, so that the figure can be explained.
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    metrics,
    failing,
    warnings: report.runWarnings ?? [],
  };
}

/**
 * Runs Lighthouse `runs` times on the contacts page of the app in `root` and returns the run with
 * the median performance score, and every run's performance score.
 */
export async function lighthouse({ root = DIST, runs = 3, path = '/contacts' } = {}) {
  const server = await serve({ root });
  const dir = await mkdtemp(join(tmpdir(), 'lighthouse-'));
  try {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(server.url + path, dir));
    const sorted = [...results].sort((a, b) => a.performance - b.performance);
    return { ...sorted[Math.floor(sorted.length / 2)], scores: results.map((r) => r.performance) };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await lighthouse({ runs: Number(process.argv[2] ?? 1) });
  console.log(JSON.stringify(report, null, 2));
}
