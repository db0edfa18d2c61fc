// End-to-end tests of the release build (dist/, made by `trunk build --release`), served on loopback
// by ./serve.mjs and driven in Debian's Chromium through playwright-core. Run: node --test e2e/
//
// Every test fails on a console error, an uncaught exception, a failed request, an HTTP error, or a
// request to any host but the test server. Screenshots of each page go to test-results/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './serve.mjs';
import { open as openPage, useBrowserAndServer } from './support.mjs';

const PAGES = [
  { path: '/contacts', en: 'Contacts', fi: 'Yhteyshenkilöt', issue: null },
  { path: '/segments', en: 'Segments', fi: 'Segmentit', issue: null },
  { path: '/logged-segments', en: 'Logged segments', fi: 'Kirjatut segmentit', issue: null },
  { path: '/interaction-log', en: 'Interaction log', fi: 'Vuorovaikutusloki', issue: null },
  { path: '/opportunities', en: 'Opportunities', fi: 'Myyntimahdollisuudet', issue: null },
  { path: '/templates', en: 'Templates', fi: 'Mallit', issue: null },
  { path: '/setup', en: 'Set-up', fi: 'Perustiedot', issue: null },
  { path: '/settings', en: 'Settings', fi: 'Asetukset', issue: null },
  { path: '/conflicts', en: 'Conflicts', fi: 'Ristiriidat', issue: null },
];

// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

/** A new browser context and page that records every problem the page has. */
const open = (options = {}) => openPage(env.browser, options);

function pathOf(page) {
  return new URL(page.url()).pathname;
}

describe('the app shell', () => {
  test('every page opens from the navigation and from its own address', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/');
    assert.equal(pathOf(page), '/contacts', 'the root opens the contacts page');
    assert.equal(await app.nav.getAttribute('aria-label'), 'Main');
    assert.equal(await app.nav.getByRole('link').count(), PAGES.length);

    for (const p of PAGES) {
      await app.link(p.en).click();
      await app.expectHeading(p.en);
      assert.equal(pathOf(page), p.path);
      assert.equal(await app.link(p.en).getAttribute('aria-current'), 'page');
      assert.equal(await app.nav.locator('[aria-current]').count(), 1);
      assert.equal(await page.title(), `${p.en} – Segmentti`);
      if (p.issue) assert.match(await page.locator('main').innerText(), new RegExp(`issue #${p.issue}`));
      await app.shot(`page${p.path.replaceAll('/', '-')}`);
      assert.deepEqual(await app.audit(), [], `accessibility of ${p.path}`);
    }

    // The browser's back and forward buttons move between the pages shown inside the app.
    await page.goBack();
    await app.expectHeading(PAGES.at(-2).en);
    assert.equal(pathOf(page), PAGES.at(-2).path);
    assert.equal(await app.link(PAGES.at(-2).en).getAttribute('aria-current'), 'page');
    await page.goForward();
    await app.expectHeading(PAGES.at(-1).en);

    for (const p of PAGES) {
      await app.goto(env.server.url, p.path);
      await app.expectHeading(p.en);
    }

    await app.goto(env.server.url, '/no/such/page');
    await app.expectHeading('Page not found');
    assert.match(await page.locator('main').innerText(), /\/no\/such\/page/);
    await app.shot('page-not-found');

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('the layout fits a phone screen', async () => {
    const { context, page, problems, app } = await open({ viewport: { width: 390, height: 800 } });
    await app.goto(env.server.url, '/segments');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await app.shot('phone-segments');
    assert.deepEqual(await app.audit(), [], 'accessibility on a phone');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('the language switch is remembered across a reload', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/settings');
    assert.equal(await page.getByLabel('English').isChecked(), true);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.getByLabel('Suomi').check();
    await app.expectHeading('Asetukset');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
    assert.equal(await app.nav.getAttribute('aria-label'), 'Päävalikko');

    await page.reload();
    await app.expectHeading('Asetukset');
    assert.equal(await page.getByLabel('Suomi').isChecked(), true);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
    assert.equal(await page.title(), 'Asetukset – Segmentti');
    for (const p of PAGES) assert.equal(await app.link(p.fi).count(), 1, `${p.fi} in the navigation`);
    await app.shot('settings-fi');
    assert.deepEqual(await app.audit(), [], 'accessibility of the Finnish settings');

    await app.link('Mallit').click();
    await app.expectHeading('Mallit');
    await app.shot('templates-fi');

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('the app opens the page that was last shown', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/');
    await app.link('Logged segments').click();
    await app.expectHeading('Logged segments');
    await app.goto(env.server.url, '/');
    await app.expectHeading('Logged segments');
    assert.equal(pathOf(page), '/logged-segments');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('everything is reachable from the keyboard', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/contacts');

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true, 'the skip link comes first');
    await app.shot('skip-link-focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    await app.link('Settings').focus();
    const ring = await app.link('Settings').evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(ring, 'none', 'a focused link shows a focus ring');
    await page.keyboard.press('Enter');
    await app.expectHeading('Settings');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // The language radios are one Tab stop; the arrow keys choose.
    await page.getByLabel('English').focus();
    await page.keyboard.press('ArrowDown');
    await app.expectHeading('Asetukset');

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('after one load the app reloads and works with the network off', async () => {
    const own = await serve(); // stopped below, so that nothing but the service worker can answer
    const { context, page, problems, app } = await open();
    try {
      await app.goto(own.url, '/contacts');
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      await context.setOffline(true);
      await own.close();
      await page.reload();
      await app.expectHeading('Contacts');
      await app.link('Interaction log').click();
      await app.expectHeading('Interaction log');

      await page.goto(`${own.url}/templates`);
      await app.expectHeading('Templates');
      await app.shot('offline-templates');
    } finally {
      await context.close();
      await own.close();
    }
    assert.deepEqual(problems, []);
  });

  test('control: without the service worker the offline reload fails', async () => {
    // Shows that the test above passes because of the service worker and not a browser cache.
    const own = await serve();
    const { context, page, app } = await open({ serviceWorkers: 'block' });
    try {
      await app.goto(own.url, '/contacts');
      await context.setOffline(true);
      await own.close();
      await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED/);
    } finally {
      await context.close();
      await own.close();
    }
  });
});
