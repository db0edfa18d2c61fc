// The first load (issue 16): what a person sees before the .wasm has arrived, and the web worker
// that only some actions need. Runs against the release build (dist/) like every e2e file.
//
// The .wasm is held back by the test (a route that answers only when told), so the static shell of
// index.html can be looked at as a slow connection would show it, in English and in Finnish; then
// the app takes over from it without leaving a second navigation behind.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './serve.mjs';
import { open as openPage, useBrowserAndServer } from './support.mjs';

const env = useBrowserAndServer();
const open = (options = {}) => openPage(env.browser, options);

/** Holds back every request for the main .wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(/segmentti-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

async function shellTexts(page) {
  return page.evaluate(() => {
    const shell = document.getElementById('app-shell');
    return {
      visible: shell !== null && shell.getBoundingClientRect().height > 0,
      status: shell?.querySelector('[role=status]')?.textContent,
      navLabel: shell?.querySelector('nav')?.getAttribute('aria-label'),
      links: [...(shell?.querySelectorAll('nav a') ?? [])].map((a) => a.textContent.trim()),
      current: shell?.querySelector('nav a[aria-current=page]')?.textContent.trim(),
      lang: document.documentElement.lang,
    };
  });
}

describe('the first load', () => {
  test('the shell shows header, navigation and a loading line before the .wasm arrives, then the app takes over', async () => {
    const { context, page, problems, app } = await open();
    try {
      const release = await holdWasm(page);
      await page.goto(`${env.server.url}/segments`);
      await page.waitForSelector('#app-shell [role=status]');
      const shell = await shellTexts(page);
      assert.ok(shell.visible, 'the shell is drawn');
      assert.equal(shell.status, 'Opening Segmentti…');
      assert.equal(shell.navLabel, 'Main');
      assert.equal(shell.links.length, 9);
      assert.equal(shell.links[0], 'Contacts');
      assert.equal(shell.current, 'Segments', 'the page being opened is marked in the navigation');
      await app.shot('first-load-shell-en');

      release();
      await app.expectHeading('Segments');
      assert.equal(await page.locator('#app-shell').count(), 0, 'the shell is gone once the app is there');
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1, 'one navigation, the app’s');
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  test('each page shows its heading and introduction before the .wasm arrives, and they stay put when the app takes over', async () => {
    const pages = ['/contacts', '/segments', '/logged-segments', '/interaction-log', '/opportunities', '/templates', '/setup', '/settings', '/conflicts'];
    // Where the page's heading and introduction are drawn and what they say: in the shell (a `main`
    // without the app's id) or in the app.
    const header = (page, where) =>
      page.evaluate((where) => {
        const main = document.querySelector(where);
        const visible = [...(main?.querySelectorAll('h1') ?? [])].filter((h) => h.getBoundingClientRect().height > 0);
        if (visible.length !== 1) return { headings: visible.length };
        const h1 = visible[0];
        const intro = h1.parentElement.querySelector('.intro');
        const box = (el) => {
          const r = el.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height].map(Math.round);
        };
        return { title: h1.textContent, intro: intro.textContent, boxes: [box(h1), box(intro)] };
      }, where);
    for (const path of pages) {
      const { context, page, problems } = await open();
      try {
        // The largest paint of the page, as the browser reports it (what Lighthouse measures).
        await page.addInitScript(() => {
          window.largestPaints = [];
          new PerformanceObserver((list) => window.largestPaints.push(...list.getEntries().map((e) => e.startTime))).observe({
            type: 'largest-contentful-paint',
            buffered: true,
          });
        });
        const release = await holdWasm(page);
        await page.goto(`${env.server.url}${path}`);
        await page.waitForSelector('#app-shell [role=status]');
        const shell = await header(page, '#app-shell main');
        const current = await page.locator('#app-shell nav a[aria-current=page]').textContent();
        assert.equal(current, shell.title, `${path}: the shell marks the page whose heading it shows`);
        const released = await page.evaluate(() => performance.now());
        release();
        await page.waitForSelector('#app-shell', { state: 'detached' });
        await page.waitForFunction(() => document.querySelector('#main h1'));
        const app = await header(page, '#main');
        assert.deepEqual(shell, app, `${path}: the shell's heading and introduction are the app's, in the same place`);
        if (path === '/contacts') {
          // A moment for the app's paint to be reported, if it were the largest.
          await page.waitForTimeout(300);
          const paints = await page.evaluate(() => window.largestPaints);
          assert.ok(paints.length > 0 && paints.every((t) => t < released), `the largest paint came from the shell: ${paints} (released at ${released})`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    }
  });

  test('a contact’s own address marks Contacts in the shell, as the app does, and shows no page heading', async () => {
    const { context, page, problems } = await open();
    try {
      const release = await holdWasm(page);
      await page.goto(`${env.server.url}/contacts/CT000001`);
      await page.waitForSelector('#app-shell [role=status]');
      const shell = await shellTexts(page);
      assert.equal(shell.current, 'Contacts');
      assert.equal(await page.locator('#app-shell h1:visible').count(), 0, 'no page heading for a contact not yet read');
      release();
      await page.waitForSelector('#app-shell', { state: 'detached' });
      await page.waitForSelector('#main h1');
      assert.equal(await page.locator('nav a[aria-current=page]').textContent(), 'Contacts');
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  test('the shell speaks Finnish to a Finnish browser and to a user who chose Finnish', async () => {
    // A Finnish browser without a saved choice, and an English browser whose user chose Finnish.
    for (const options of [{ locale: 'fi-FI' }, { locale: 'en-US', prefs: { language: 'fi' } }]) {
      const { context, page, problems, app } = await open({ locale: options.locale });
      try {
        if (options.prefs) {
          await context.addInitScript((prefs) => {
            if (!localStorage.getItem('segmentti.prefs')) localStorage.setItem('segmentti.prefs', JSON.stringify(prefs));
          }, options.prefs);
        }
        const release = await holdWasm(page);
        await page.goto(`${env.server.url}/contacts`);
        await page.waitForSelector('#app-shell [role=status]');
        const shell = await shellTexts(page);
        assert.equal(shell.status, 'Avataan Segmenttiä…', `shell status for ${JSON.stringify(options)}`);
        assert.equal(shell.navLabel, 'Päävalikko');
        assert.equal(shell.links[0], 'Yhteyshenkilöt');
        assert.equal(shell.lang, 'fi');
        const intro = () => page.locator('main .page-header:not([hidden]) .intro').textContent();
        const shellIntro = await intro();
        assert.match(shellIntro, /^Henkilöt ja yritykset/, 'the page’s introduction in Finnish');
        if (options.prefs) await app.shot('first-load-shell-fi');
        release();
        await app.expectHeading('Yhteyshenkilöt');
        assert.equal(await page.locator('#app-shell').count(), 0);
        assert.equal(await intro(), shellIntro, 'the app’s introduction is the one the shell showed');
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    }
  });

  test('the web worker is not loaded with the first page, and works offline after one load', async () => {
    const own = await serve(); // stopped below, so that nothing but the service worker can answer
    const { context, page, problems, app } = await open();
    const asked = [];
    page.on('request', (req) => asked.push(new URL(req.url()).pathname));
    try {
      await app.goto(own.url, '/contacts');
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      assert.deepEqual(asked.filter((p) => p.includes('segmentti-worker')), [], 'the page did not ask for the worker');

      await context.setOffline(true);
      await own.close();
      await page.reload();
      await app.expectHeading('Contacts');
      // The worker as store/jobs.rs starts it: its loader, its glue and its .wasm, all from the
      // service worker's cache, until it says it is ready.
      const said = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker('/segmentti-worker_loader.js');
            worker.onmessage = (event) => resolve(event.data);
            worker.onerror = (event) => reject(new Error(event.message));
            setTimeout(() => reject(new Error('the worker did not answer in 10 s')), 10_000);
          }),
      );
      assert.equal(said, 'ready');
    } finally {
      await context.close();
      await own.close();
    }
    assert.deepEqual(problems, []);
  });
});
