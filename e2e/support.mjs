// Shared pieces of the end-to-end tests: launching Debian's Chromium, a page that records every
// problem (console errors, uncaught exceptions, failed requests, HTTP errors, requests to other
// hosts), and locators a person would use (roles and names), with screenshots and an axe audit.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

export const SHOTS = new URL('../test-results/', import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The launch options: without the background-networking flags Chromium calls Google's hosts. */
export const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export async function launch() {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch(LAUNCH);
}

/**
 * Serves dist/ and launches Chromium before a test file's tests and stops both after them; the
 * returned object's `browser` and `server` are set once the tests run.
 */
export function useBrowserAndServer() {
  const env = { browser: null, server: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Records every problem a page of `context` has into `problems`. */
export function watch(context, page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A request the browser itself cancels because the page reloads or closes (ERR_ABORTED) is
    // not a failure of the app; every other failed request is.
    const error = req.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${error})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  context.on('request', (req) => {
    const url = new URL(req.url());
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (!local && !['data:', 'blob:'].includes(url.protocol)) problems.push(`request to another host: ${req.url()}`);
  });
}

/** A new browser context and page that records every problem the page has. */
export async function open(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = [];
  watch(context, page, problems);
  return { context, page, problems, app: new App(page) };
}

/** Locators a person would use: roles and names. */
export class App {
  constructor(page) {
    this.page = page;
  }
  get nav() {
    return this.page.getByRole('navigation');
  }
  link(name) {
    return this.nav.getByRole('link', { name, exact: true });
  }
  /** The page's heading as the app draws it (the static shell of index.html shows one too, before
   *  the app has loaded, in a `main` without the app's id). */
  get heading() {
    return this.page.locator('#main').getByRole('heading', { level: 1 });
  }
  async goto(base, path = '/') {
    await this.page.goto(base + path);
    await this.heading.waitFor();
  }
  async expectHeading(text) {
    await this.page.waitForFunction((t) => document.querySelector('#main h1')?.textContent === t, text);
  }
  async shot(name) {
    await this.page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
  }
  /** The accessibility violations axe-core finds on the page as it is now. */
  async audit() {
    await this.page.addScriptTag({ path: AXE });
    return this.page.evaluate(async () => {
      const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
      return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }
  /** Only the serious and critical ones, which the tests refuse. */
  async seriousViolations() {
    return (await this.audit()).filter((v) => v.startsWith('serious') || v.startsWith('critical'));
  }
}

/**
 * The path of a sample file of ../shared/data, from the copies kept in tests/fixtures, so that a
 * clone of the repository alone is enough to run the tests.
 */
export function sample(name) {
  for (const dir of ['../tests/fixtures/import/', '../tests/fixtures/']) {
    const path = new URL(dir + name, import.meta.url).pathname;
    if (existsSync(path)) return path;
  }
  throw new Error(`no sample file ${name} in tests/fixtures`);
}
