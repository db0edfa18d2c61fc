// End-to-end test of the one-file build (issue 19): dist-file/segmentti.html, written by
// scripts/package, opened by its file:// URL as a person opens a file they were sent.
//
// One journey in a persistent Chromium profile: routing in the fragment (links, back, a typed
// address, a reload, an unknown page), the notice of where the data lives, importing the sample
// Google CSV by the file picker, a template with a letter, a segment, the combined letters
// downloaded as a Word document and as one PDF, the print view, and logging the segment. Then the
// browser is closed, started again on the same profile and the same file, and everything is still
// there, also for a copy of the file saved in another folder (as the notice says); a backup is
// downloaded and restored and an exchange file shared, still from the file.
//
// Throughout, every request any page of the browser makes is recorded: only the file itself and
// data:/blob: URLs may appear. A request anywhere else (the file's own folder included), a
// console error (a Content-Security-Policy violation is one), an uncaught exception or a failed
// request fails the test.
//
// Run: scripts/package && node --test e2e/package.test.mjs   (E2E_PACKAGE=... points at another file)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { App, LAUNCH, SHOTS, sample } from './support.mjs';

const FILE = process.env.E2E_PACKAGE
  ? resolve(process.env.E2E_PACKAGE)
  : fileURLToPath(new URL('../dist-file/segmentti.html', import.meta.url));
const URL_OF_FILE = pathToFileURL(FILE).href;
/** The files the test opens on purpose: the packed file, and later a copy of it elsewhere. */
const OPENED = [URL_OF_FILE];

/**
 * Starts Chromium on the profile in `dir` and opens the file. Every request of the context goes
 * to `seen`, and every problem (a request that is not the file, data: or blob:, a console error,
 * an uncaught exception, a failed request) to `problems`.
 */
async function openFile(dir, seen, problems, fragment = '') {
  const context = await chromium.launchPersistentContext(dir, {
    ...LAUNCH,
    locale: 'en-US',
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  context.on('request', (req) => {
    const url = req.url();
    seen.push(url);
    const allowed = OPENED.includes(url.split('#')[0]) || url.startsWith('data:') || url.startsWith('blob:');
    if (!allowed) problems.push(`request: ${url}`);
  });
  // Every page of the browser is watched, the print view's window included.
  const watchPage = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => {
      const error = req.failure()?.errorText;
      if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${error})`);
    });
    page.on('dialog', async (dialog) => {
      problems.push(`javascript dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
  };
  const page = context.pages()[0] ?? (await context.newPage());
  watchPage(page);
  context.on('page', watchPage);
  await page.goto(URL_OF_FILE + fragment);
  await page.waitForSelector('html[data-ready="true"]');
  return { context, page, app: new App(page) };
}

/**
 * The serious and critical accessibility violations axe-core finds. support.mjs's App.audit adds
 * axe as a <script> tag, which the file's policy refuses (only the hashed start-up script may
 * run); evaluating it through the driver is not subject to the page's policy.
 */
async function seriousViolations(page) {
  const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axe);
  const found = await page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found.filter((v) => v.startsWith('serious') || v.startsWith('critical'));
}

/** The page's fragment, the route of the one-file build. */
const fragment = (page) => new URL(page.url()).hash;

test('the one-file build works from file://, keeps its data across a restart and makes no request', async () => {
  const info = await stat(FILE).catch(() => null);
  assert.ok(info?.isFile(), `${FILE} exists: run scripts/package first`);
  const profile = await mkdtemp(join(tmpdir(), 'segmentti-package-'));
  const seen = [];
  const problems = [];
  let opened = await openFile(profile, seen, problems);
  let { context, page, app } = opened;
  // What the first session leaves, to be found again after the restart.
  let contactsStatus;
  try {
    // The root opens the home page and names it in the fragment, not in the path.
    await app.expectHeading('Contacts');
    assert.equal(fragment(page), '#/contacts');
    assert.equal(new URL(page.url()).pathname, new URL(URL_OF_FILE).pathname, 'the path stays the file');
    // The file says where the data lives and recommends backups.
    const notice = page.getByRole('note', { name: 'Opened from a file' });
    await notice.getByText(/your data lives in this browser, for this file and any other copy/).waitFor();
    await notice.getByText(/Save a backup often/).waitFor();
    await notice.getByText(/cannot sync live with a team server/).waitFor();
    await app.shot('package-opened');
    assert.deepEqual(await seriousViolations(page), [], 'accessibility of the page opened from the file');

    // Links, the back button, a typed address and a page that does not exist.
    assert.equal(await app.link('Segments').getAttribute('href'), '#/segments');
    await app.link('Segments').click();
    await app.expectHeading('Segments');
    assert.equal(fragment(page), '#/segments');
    await page.goBack();
    await app.expectHeading('Contacts');
    await page.goto(`${URL_OF_FILE}#/settings`);
    await app.expectHeading('Settings');
    await page.goto(`${URL_OF_FILE}#/no/such/page`);
    await app.expectHeading('Page not found');
    await page.goto(`${URL_OF_FILE}#/templates`);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await app.expectHeading('Templates');

    // Contacts from the Google export, by the file picker.
    await app.link('Contacts').click();
    await app.expectHeading('Contacts');
    await page.getByRole('button', { name: 'Import contacts' }).first().click();
    const importing = page.getByRole('dialog', { name: 'Import contacts' });
    await importing.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
    await importing.getByText(/recognised as Google Contacts CSV/).waitFor();
    await importing.getByRole('button', { name: 'Import', exact: true }).click();
    await importing.getByText(/^Imported as batch IMP\d+\.$/).waitFor();
    await importing.getByRole('button', { name: 'Close' }).click();
    await importing.waitFor({ state: 'hidden' });
    const status = page.locator('main .list-status');
    await status.filter({ hasText: /^Showing \d+ of \d+ contacts/ }).waitFor();
    contactsStatus = await status.innerText();

    // A salesperson, who must be on every line, and a template with a letter.
    await app.link('Set-up').click();
    await app.expectHeading('Set-up');
    await page.getByRole('button', { name: 'Add salesperson' }).click();
    const person = page.getByRole('dialog');
    await person.getByLabel('Code').fill('AV');
    await person.getByLabel('Name', { exact: true }).fill('Aino Virtanen');
    await person.getByRole('button', { name: 'Save' }).click();
    await person.waitFor({ state: 'hidden' });

    await app.link('Templates').click();
    await app.expectHeading('Templates');
    const groups = page.getByRole('region', { name: 'Interaction groups' });
    await groups.getByLabel('Group code').fill('letter');
    await groups.getByLabel('Group description').fill('Letters');
    await groups.getByRole('button', { name: 'Add group' }).click();
    await groups.getByRole('cell', { name: 'LETTER', exact: true }).waitFor();
    const templates = page.getByRole('region', { name: 'Interaction templates' });
    await templates.getByRole('button', { name: 'New template' }).click();
    const editor = page.locator('section.template-editor');
    await editor.getByLabel('Code', { exact: true }).fill('spring');
    await editor.getByLabel('Description').fill('Spring newsletter');
    await editor.getByLabel('Default correspondence type').selectOption({ label: 'Hard copy' });
    await editor.getByRole('button', { name: 'Add a letter' }).click();
    const letter = editor.getByRole('region', { name: 'Letter: default' });
    await letter.getByLabel('Subject', { exact: true }).fill('Spring news');
    await letter.getByLabel('Letter text').fill('Dear {{first_name}},\n\nSpring is here.\n\n{{salesperson.name}}');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await templates.getByText('Template SPRING saved.').waitFor();

    // A segment with every contact; its address is in the fragment too.
    await app.link('Segments').click();
    await app.expectHeading('Segments');
    await page.getByRole('button', { name: 'New segment' }).click();
    const creating = page.getByRole('dialog', { name: 'New segment' });
    await creating.getByLabel('Description').fill('Spring mailing');
    await creating.getByLabel('Salesperson').selectOption('AV');
    await creating.getByLabel('Interaction template').selectOption('SPRING');
    await creating.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL((url) => /^#\/segments\/SEG\d{6}$/.test(url.hash));
    const segmentNo = fragment(page).split('/').pop();
    await page.getByRole('button', { name: 'Add contacts…' }).click();
    const adding = page.getByRole('dialog', { name: 'Add contacts' });
    await adding.getByRole('button', { name: 'Apply' }).click();
    await adding.waitFor({ state: 'hidden' });
    const linesHeading = page.getByRole('main').getByRole('heading', { name: /^Lines \([1-9]\d*\)$/ });
    await linesHeading.waitFor();
    const lines = Number((await linesHeading.innerText()).match(/\d+/)[0]);
    assert.ok(lines > 100, `the segment has the imported contacts (${lines})`);

    // The letter preview (a srcdoc frame under the file's policy) and the combined letters.
    const panel = page.getByRole('region', { name: 'Letter', exact: true });
    const sheet = panel.getByRole('region', { name: 'Preview' }).frameLocator('iframe.letter-frame').locator('body');
    await sheet.getByText(/^Dear /).first().waitFor();
    await app.shot('package-segment');
    const downloads = panel.getByRole('region', { name: 'Downloads' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      downloads.getByRole('button', { name: 'All letters in one Word document' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${segmentNo} letters.docx`);
    const docxPath = fileURLToPath(new URL('package-letters.docx', SHOTS));
    await download.saveAs(docxPath);
    const docx = await readFile(docxPath);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK', 'the combined letters are a .docx (a zip)');
    // One greeting per line in the document's text (unzip is part of every Debian test machine).
    const { stdout: body } = await promisify(execFile)('unzip', ['-p', docxPath, 'word/document.xml'], { maxBuffer: 64 << 20 });
    assert.equal(body.match(/Dear /g)?.length, lines, 'one letter per line of the segment');
    await downloads.getByText(`Made ${lines} letters`).waitFor();
    // One PDF of every letter, made in the page with the font inside the module.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      downloads.getByRole('button', { name: 'All letters in one PDF' }).click(),
    ]);
    assert.equal(pdf.suggestedFilename(), `${segmentNo} letters.pdf`);
    assert.equal((await readFile(await pdf.path())).subarray(0, 5).toString('latin1'), '%PDF-');
    // The print view opens from a blob: address and inherits the file's policy; its own
    // per-letter styles must still apply (a sheet has its screen shadow).
    const [print] = await Promise.all([
      context.waitForEvent('page'),
      downloads.getByRole('button', { name: 'Print view' }).click(),
    ]);
    await print.waitForLoadState();
    assert.equal(new URL(print.url()).protocol, 'blob:');
    assert.equal(await print.locator('article.sheet').count(), lines);
    assert.notEqual(await print.locator('article.sheet').first().evaluate((el) => getComputedStyle(el).boxShadow), 'none');
    await print.close();

    // Log the segment.
    await page.getByRole('button', { name: 'Log…' }).click();
    const log = page.getByRole('dialog', { name: `Log segment ${segmentNo}` });
    const check = log.getByRole('status').filter({ hasText: /^(No problems found|Warnings: \d+)/ });
    await check.waitFor();
    const accept = log.getByLabel('Log despite the warnings', { exact: true });
    if (await accept.isVisible()) await accept.check();
    await log.getByRole('button', { name: 'Log', exact: true }).click();
    await log.getByText(`Segment ${segmentNo} has been logged.`, { exact: true }).waitFor();
    const loggedNo = (await log.getByRole('link', { name: /^Open logged segment LSEG\d{6}$/ }).innerText()).match(/LSEG\d{6}/)[0];
    await log.getByRole('link', { name: /^Open logged segment/ }).click();
    await page.waitForURL((url) => url.hash === `#/logged-segments/${loggedNo}`);
    await app.expectHeading(`Logged segment ${loggedNo}`);
    await page.getByRole('status').filter({ hasText: new RegExp(`^${lines} entr(y|ies) shown`) }).waitFor();
    await app.shot('package-logged');
  } catch (error) {
    await app.shot('package-failure').catch(() => {});
    await context.close();
    throw error;
  }
  await context.close();
  const before = seen.length;

  // The same file, the same profile, a new browser: everything is still there.
  opened = await openFile(profile, seen, problems, '#/interaction-log');
  ({ context, page, app } = opened);
  try {
    assert.ok(seen.length > before, 'the second start was recorded too');
    await app.expectHeading('Interaction log');
    await page.getByRole('status').filter({ hasText: /^\d+ entr(y|ies) shown/ }).waitFor();
    const shown = Number((await page.getByRole('status').filter({ hasText: /entr(y|ies) shown/ }).innerText()).match(/\d+/)[0]);
    assert.ok(shown > 100, `the interaction log entries survived (${shown})`);
    await app.link('Logged segments').click();
    await app.expectHeading('Logged segments');
    await page.getByRole('main').getByRole('row').filter({ hasText: 'Spring mailing' }).waitFor();
    await app.link('Contacts').click();
    await app.expectHeading('Contacts');
    const status = page.locator('main .list-status');
    await status.filter({ hasText: /^Showing \d+ of \d+ contacts/ }).waitFor();
    assert.equal(await status.innerText(), contactsStatus, 'the contacts survived');
    await app.link('Set-up').click();
    await page.getByRole('row').filter({ hasText: 'Aino Virtanen' }).waitFor();
    await app.shot('package-reopened');

    // The notice says a newer copy of the file, saved anywhere, finds the same data: Chromium
    // gives every file: page one origin. A copy in another folder shows the same contacts.
    const elsewhere = await mkdtemp(join(tmpdir(), 'segmentti-copy-'));
    const copy = join(elsewhere, 'segmentti-copy.html');
    await copyFile(FILE, copy);
    OPENED.push(pathToFileURL(copy).href);
    await page.goto(`${pathToFileURL(copy).href}#/contacts`);
    await page.waitForSelector('html[data-ready="true"]');
    await status.filter({ hasText: /^Showing \d+ of \d+ contacts/ }).waitFor();
    assert.equal(await status.innerText(), contactsStatus, 'a copy elsewhere finds the same data');
    await rm(elsewhere, { recursive: true, force: true });
    await page.goto(`${URL_OF_FILE}#/settings`);
    await page.waitForSelector('html[data-ready="true"]');

    // A backup, downloaded and restored (Replace previews no change), all from the file.
    await app.expectHeading('Settings');
    const backup = page.getByRole('main').getByRole('region', { name: 'Backup' });
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      backup.getByRole('button', { name: 'Download backup', exact: true }).click(),
    ]);
    assert.match(saved.suggestedFilename(), /^segmentti-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backupFile = join(profile, 'backup.json');
    await saved.saveAs(backupFile);
    assert.ok(JSON.parse(await readFile(backupFile, 'utf8')), 'the backup is JSON');
    await backup.getByLabel('Restore from a backup file').setInputFiles(backupFile);
    await backup.getByLabel('Replace everything with the backup').check();
    await backup.getByText(/^Records this adds: 0, replaces: 0, removes: 0; unchanged: \d+\.$/).waitFor();
    await backup.getByRole('button', { name: 'Restore', exact: true }).click();
    const asking = page.getByRole('dialog', { name: 'Replace everything with this backup?' });
    await asking.getByRole('button', { name: 'Replace everything', exact: true }).click();
    await backup.getByText('The backup has been restored.').waitFor();

    // An exchange file for a teammate.
    const team = page.getByRole('region', { name: 'Team' });
    await team.getByLabel('Your code in numbers (letters and digits, up to 6)').fill('AV');
    await team.getByLabel('Your name, as teammates see it').fill('Aino');
    await team.getByRole('button', { name: 'Save', exact: true }).click();
    await team.getByText(/^You share as /).waitFor();
    const [changes] = await Promise.all([
      page.waitForEvent('download'),
      team.getByRole('button', { name: 'Share changes', exact: true }).click(),
    ]);
    assert.match(changes.suggestedFilename(), /^segmentti-changes-AV-.*\.sgtx$/);
    await team.getByText(/^Saved as segmentti-changes-/).waitFor();
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }

  // The listener saw the file itself (so it was listening), and nothing but the file, data: and blob:.
  assert.ok(seen.some((url) => url.split('#')[0] === URL_OF_FILE), `the file's own request was seen: ${seen.slice(0, 5)}`);
  assert.deepEqual(problems, []);
});

test('the file carries a strict policy and no address of anything to fetch', async () => {
  const html = await readFile(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]?.replace(/&#39;|&apos;/g, "'");
  assert.ok(csp, 'the file has a Content-Security-Policy');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['connect-src'], ["'none'"]);
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.ok(!directives['script-src'].includes("'unsafe-inline'"), 'scripts run by hash only');
  assert.ok(directives['script-src'].some((s) => s.startsWith("'sha256-")), 'the start-up script has a hash');
  // No <script src>, <link href> or url() that names a file: everything is inline or data:.
  assert.doesNotMatch(html, /<script[^>]+\bsrc=/);
  for (const [, href] of html.matchAll(/<link[^>]+href="([^"]+)"/g)) assert.match(href, /^data:/);
  assert.doesNotMatch(html, /navigator\.serviceWorker\.register/);
  await stat(SHOTS);
});
