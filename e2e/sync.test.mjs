// Live sync with a CouchDB-protocol server (issue #12): pouchdb-server in memory on 127.0.0.1 and
// a free port, with CORS for the app's origin (pouchdb-server's default: any origin, with
// credentials) and two members in the database's _security. The app is served from a copy of
// dist/ whose Content-Security-Policy lists the server in connect-src, exactly the step the
// README asks of whoever hosts the app. Two browser profiles:
// (a) A creates a contact and logs a segment of it; B (on its pages) sees both within 5 s; a
//     reload goes on by itself;
// (b) both go offline (context.setOffline), change the same field and one other field each, come
//     back online: the conflict is on Conflicts in both, the other fields merged; resolving it on
//     A reaches B;
// (c) a server on disk is killed (SIGKILL) while the app pushes 10,000 contacts and started
//     again: sync resumes from its checkpoint and the server holds exactly what the app pushed;
// (d) a wrong password, a wrong database, a server answering 500 and one answering a web page
//     each show a clear message and local data is unchanged;
// and the other ways of getting no answer, each told in its own words: a second server with CORS
// switched off, an allowed address where nothing listens, and the policy as shipped.
// Run: node --test e2e/sync.test.mjs (needs the release build in dist/).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHOTS, launch, open } from './support.mjs';
import { DIST, serve } from './serve.mjs';
import { createSalesperson, createTemplate, logSegment } from './team_steps.mjs';

const POUCHDB_SERVER = fileURLToPath(new URL('../node_modules/.bin/pouchdb-server', import.meta.url));
const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/**
 * pouchdb-server -m on 127.0.0.1 and a free port, with `config` as its config file's content;
 * resolves once it answers.
 */
async function startCouch(work, config = {}, { onDisk = false } = {}) {
  await mkdir(work, { recursive: true });
  await writeFile(join(work, 'config.json'), JSON.stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // In memory, or with its databases in work/data/ (pouchdb-server joins the directory and a
  // database's name as text, hence the slash).
  const store = onDisk ? ['-d', `${join(work, 'data')}/`] : ['-m'];
  if (onDisk) await mkdir(join(work, 'data'), { recursive: true });
  let child = null;
  const start = async () => {
    child = spawn(POUCHDB_SERVER, ['-p', String(port), '-o', '127.0.0.1', '-c', join(work, 'config.json'), '-n', ...store], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server stopped at start: ${log}`);
      const up = await fetch(`${url}/`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error('pouchdb-server did not answer in 60 s');
      await new Promise((ok) => setTimeout(ok, 100));
    }
  };
  const stop = () =>
    new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill('SIGKILL');
    });
  await start();
  // `kill` is a crash (SIGKILL, nothing flushed on purpose); `start` brings it back on the same
  // port and, on disk, the same data.
  return { url, stop, kill: stop, start };
}

async function couch(url, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * dist/ copied with the server added to connect-src, as the README tells an operator to do;
 * with `server` null, the policy as shipped.
 */
async function distFor(dir, server) {
  await cp(DIST, dir, { recursive: true });
  if (server) {
    const index = join(dir, 'index.html');
    const html = await readFile(index, 'utf8');
    // The directive inside the policy (`…; connect-src 'self'; …`), not the words in the comment above it.
    const widened = html.replace("connect-src 'self';", `connect-src 'self' ${server};`);
    assert.notEqual(widened, html, 'index.html has the connect-src the README names');
    await writeFile(index, widened);
  }
  return serve({ root: dir });
}

/**
 * A server that speaks HTTP with CORS for any origin but answers every request with `answer`
 * (status, content type, body): what a broken CouchDB or a misconfigured proxy in front of it
 * sends. Preflights pass, so the app sees the answer itself.
 */
function fakeServer(answer) {
  return new Promise((ok) => {
    const server = createHttpServer((request, response) => {
      response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
      response.setHeader('access-control-allow-credentials', 'true');
      if (request.method === 'OPTIONS') {
        response.setHeader('access-control-allow-methods', 'GET, PUT, POST, DELETE');
        response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
        response.writeHead(204).end();
        return;
      }
      const [status, type, body] = answer;
      response.writeHead(status, { 'content-type': type }).end(body);
    });
    server.listen(0, '127.0.0.1', () =>
      ok({ url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((done) => server.close(done)) }),
    );
  });
}

const env = {
  couch: null, nocors: null, nobody: null, failing: null, html: null, disk: null,
  app: null, shipped: null, browser: null, work: null,
};

before(async () => {
  env.work = await mkdtemp(join(tmpdir(), 'segmentti-sync-'));
  env.couch = await startCouch(join(env.work, 'couch'));
  // A second server that answers but has CORS switched off, as a CouchDB before its admin ran
  // the README's CORS commands.
  env.nocors = await startCouch(join(env.work, 'nocors'), { httpd: { enable_cors: false } });
  await couch(env.nocors.url, 'PUT', '/team');
  await couch(env.couch.url, 'PUT', '/team');
  await couch(env.couch.url, 'PUT', '/offline');
  for (const [name, password] of [['anna', 'right horse battery'], ['bea', 'staple correct']]) {
    await couch(env.couch.url, 'PUT', `/_users/org.couchdb.user:${name}`, { name, password, roles: [], type: 'user' });
  }
  await couch(env.couch.url, 'PUT', '/team/_security', {
    admins: { names: [], roles: [] },
    members: { names: ['anna', 'bea'], roles: [] },
  });
  // And an address in the policy where nothing listens (a server that is down).
  env.nobody = `http://127.0.0.1:${await freePort()}`;
  // A server that fails with a 500 and its reason, and one that answers with a web page.
  env.failing = await fakeServer([500, 'application/json', '{"error":"internal_server_error","reason":"the disk is on fire"}']);
  env.html = await fakeServer([200, 'text/html', '<!doctype html><title>Welcome to nginx!</title><h1>Welcome to nginx!</h1>']);
  // A server that keeps its databases on disk, so that it can be killed and started again.
  env.disk = await startCouch(join(env.work, 'disk'), {}, { onDisk: true });
  await couch(env.disk.url, 'PUT', '/crash');
  await couch(env.disk.url, 'PUT', '/_users/org.couchdb.user:anna', { name: 'anna', password: 'right horse battery', roles: [], type: 'user' });
  const servers = [env.couch, env.nocors, env.failing, env.html, env.disk].map((s) => s.url);
  env.app = await distFor(join(env.work, 'dist'), `${servers.join(' ')} ${env.nobody}`);
  env.shipped = await distFor(join(env.work, 'dist-shipped'), null);
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.app?.close();
  await env.shipped?.close();
  await env.couch?.stop();
  await env.nocors?.stop();
  await env.failing?.stop();
  await env.html?.stop();
  await env.disk?.stop();
  if (env.work) await rm(env.work, { recursive: true, force: true });
});

async function ready(app, path, base = env.app.url) {
  await app.goto(base, path);
  await app.page.waitForSelector('html[data-ready]');
}

async function joinTeam(app, code, name, base = env.app.url) {
  await ready(app, '/settings', base);
  const team = app.page.getByRole('region', { name: 'Team', exact: true });
  await team.getByLabel(/^Your code in numbers/).fill(code);
  await team.getByLabel('Your name, as teammates see it').fill(name);
  await button(team, 'Save').click();
  await team.getByText(new RegExp(`^You share as .*\\(${code}\\)\\.$`)).waitFor();
}

const syncSection = (page) => page.getByRole('region', { name: 'Team sync' });
const status = (page) => syncSection(page).locator('.sync-status');

async function fillSync(page, { server = env.couch.url, database = 'team', user, password }) {
  const section = syncSection(page);
  await section.getByLabel('Server address').fill(server);
  await section.getByLabel('Database', { exact: true }).fill(database);
  await section.getByLabel('User name').fill(user);
  await section.getByLabel('Password', { exact: true }).fill(password);
}

/**
 * Fills the settings and starts sync. The password is remembered (the box a person ticks
 * knowingly), because every `goto` below loads the app again, and a password kept only in the
 * tab's memory would have to be typed after each.
 */
async function startSync(page, settings) {
  await fillSync(page, settings);
  const section = syncSection(page);
  await section.getByLabel(/^Remember the password in this browser/).check();
  if (await button(section, 'Pause sync').isVisible()) await button(section, 'Pause sync').click();
  await button(section, 'Start sync').click();
}

async function waitForStatus(page, text, timeout = 15_000) {
  try {
    await page.waitForFunction(
      (wanted) => document.querySelector('.sync-status')?.textContent.includes(wanted),
      text,
      { timeout },
    );
  } catch (error) {
    // Say what the status line said instead, which is what one needs to know.
    const shown = await page.locator('.sync-status').textContent().catch(() => null);
    throw new Error(`status ${JSON.stringify(shown)} never said ${JSON.stringify(text)}: ${error.message}`);
  }
}

async function contactTotal(app) {
  await ready(app, '/contacts');
  await app.page.waitForFunction(() => /of [\d,]+ contacts?/.test(document.querySelector('main .list-status')?.textContent ?? ''));
  const text = await main(app.page).locator('.list-status').innerText();
  return Number(text.match(/of ([\d,]+) contacts?/)[1].replace(/,/g, ''));
}

async function newPerson(app, name) {
  await ready(app, '/contacts');
  await button(main(app.page), 'New person').click();
  await app.expectHeading('New person');
  await main(app.page).getByLabel('Name', { exact: true }).fill(name);
  await button(main(app.page), 'Save').click();
  await app.expectHeading(name);
}

/**
 * A Google Contacts CSV of `count` generated persons in a file (a path is handed to the browser
 * as a file; a buffer would be decoded on the page's main thread by Playwright).
 */
async function manyContacts(count) {
  // Google's own columns (Organization Name among them, left empty: no companies) are what
  // makes the file recognised without a column mapping.
  const lines = ['First Name,Last Name,Organization Name,E-mail 1 - Value,Address 1 - City'];
  for (let i = 0; i < count; i++) lines.push(`Henkilö${i},Sukunimi${i % 997},,person${i}@example.com,Kaupunki ${i % 40}`);
  const dir = await mkdtemp(join(tmpdir(), 'segmentti-sync-csv-'));
  const path = join(dir, 'many.csv');
  await writeFile(path, lines.join('\n'));
  return path;
}

async function importFile(app, path) {
  const page = app.page;
  await ready(app, '/contacts');
  await button(main(page), 'Import contacts').first().click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await dialog.getByLabel('Contacts file').setInputFiles(path);
  await dialog.getByText(/recognised as Google Contacts CSV/).waitFor({ timeout: 60_000 }).catch(async (e) => {
    throw new Error(`the import dialog said: ${await dialog.innerText()}\n${e.message}`);
  });
  await button(dialog, 'Import').click();
  await dialog.getByText(/Imported as batch IMP\d+/).waitFor({ timeout: 120_000 });
  await button(dialog, 'Close').click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Collects the page's long tasks (over 50 ms) in `window.__longTasks` from now on: printed, not
 * asserted, because a timed assertion fails on a busy machine.
 */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

/**
 * What the test expects to go wrong: a missing checkpoint is a 404 by the protocol (the browser
 * also logs each such answer to the console, without its address).
 */
const unexpected = (problems, allowed = []) =>
  problems.filter(
    (p) =>
      !/HTTP 404: .*\/_local\//.test(p) &&
      !/^console error: Failed to load resource: the server responded with a status of 404/.test(p) &&
      !allowed.some((re) => re.test(p)),
  );

describe('live sync with a CouchDB server', () => {
  test('(a) a contact made in one browser shows in the other within 5 s', async () => {
    const a = await open(env.browser);
    const b = await open(env.browser);
    try {
      await joinTeam(a.app, 'AV', 'Anna Virtanen');
      await joinTeam(b.app, 'BK', 'Bea Korhonen');
      // Each has a contact of its own before the first sync: both travel.
      await newPerson(a.app, 'Anna Oma');
      await newPerson(b.app, 'Bea Oma');
      await ready(a.app, '/settings');
      await ready(b.app, '/settings');
      await startSync(a.page, { user: 'anna', password: 'right horse battery' });
      await startSync(b.page, { user: 'bea', password: 'staple correct' });
      await waitForStatus(a.page, 'Up to date.');
      await waitForStatus(b.page, 'Up to date.');
      await a.app.shot('sync-settings-up-to-date');
      // While it runs, Pause is offered and Start is not.
      await button(syncSection(a.page), 'Pause sync').waitFor();
      assert.equal(await button(syncSection(a.page), 'Start sync').count(), 0);
      await syncSection(a.page).screenshot({ path: new URL('sync-section-up-to-date.png', SHOTS).pathname });
      assert.deepEqual(await a.app.seriousViolations(), []);

      // B on its contacts page; both contacts are there once the first rounds are through.
      await ready(b.app, '/contacts');
      await b.page.waitForFunction(
        () => /of 2 contacts/.test(document.querySelector('main .list-status')?.textContent ?? ''),
        null,
        { timeout: 10_000 },
      );
      const before = await contactTotal(b.app);
      assert.equal(before, 2);
      await newPerson(a.app, 'Aino Synkkä');
      const saved = Date.now();
      // B stays on its contacts page; the contact appears without a reload.
      await b.page.waitForFunction(
        (n) => {
          const text = document.querySelector('main .list-status')?.textContent ?? '';
          const m = text.match(/of ([\d,]+) contacts?/);
          return m && Number(m[1].replace(/,/g, '')) === n;
        },
        before + 1,
        { timeout: 5_000 },
      );
      const took = Date.now() - saved;
      console.log(`# a new contact reached the other browser in ${took} ms`);
      await main(b.page).getByText('Aino Synkkä').first().waitFor({ timeout: 1_000 });
      // The number carries A's code: the record is A's, not a copy made by B.
      await main(b.page).getByText(/CT-AV\d{6}/).first().waitFor({ timeout: 1_000 });

      // A logs a segment of that contact; B, on its Logged segments page, sees it arrive.
      await createSalesperson(a.app, ready, 'AV', 'Anna Virtanen');
      await createTemplate(a.app, ready);
      await ready(b.app, '/logged-segments');
      const logged = await logSegment(a.app, ready, {
        description: 'Syksyn tervehdys', field: 'name', filter: 'Aino Synkkä', salesperson: 'AV',
      });
      const loggedAt = Date.now();
      await main(b.page).getByRole('row').filter({ hasText: 'Syksyn tervehdys' }).waitFor({ timeout: 5_000 });
      console.log(`# a logged segment reached the other browser in ${Date.now() - loggedAt} ms`);
      // The same logged segment under the same number, with its one entry for Aino.
      await main(b.page).getByRole('row').filter({ hasText: 'Syksyn tervehdys' }).getByText(logged).waitFor({ timeout: 1_000 });
      await ready(b.app, '/interaction-log');
      await main(b.page).getByRole('row').filter({ hasText: 'Aino Synkkä' }).first().waitFor({ timeout: 5_000 });

      // The server holds the contact once, as one document, and the logged segment with its entry.
      const all = await couch(env.couch.url, 'GET', '/team/_all_docs?include_docs=true');
      const contacts = all.rows.filter((r) => r.id.startsWith('contact:') && r.doc.name === 'Aino Synkkä');
      assert.equal(contacts.length, 1);
      assert.equal(all.rows.filter((r) => r.id.startsWith('logged_segment:')).length, 1);
      const entries = all.rows.filter((r) => r.id.startsWith('entry:'));
      assert.equal(entries.length, 1, JSON.stringify(entries.map((r) => r.doc)));

      // A reload goes on by itself from the stored settings and checkpoints.
      await ready(b.app, '/settings');
      await waitForStatus(b.page, 'Up to date.');
      const stored = await b.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('segmentti.sync.checkpoint.')).length);
      assert.equal(stored, 2, 'a checkpoint per direction in localStorage');

      assert.deepEqual(unexpected(a.problems), []);
      assert.deepEqual(unexpected(b.problems), []);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('(b) both offline edit the same field; back online the conflict is on Conflicts in both', async () => {
    const a = await open(env.browser);
    const b = await open(env.browser);
    try {
      await joinTeam(a.app, 'EA', 'Eeva Aalto');
      await joinTeam(b.app, 'FB', 'Fredrik Berg');
      await newPerson(a.app, 'Kotipuutarha');
      await ready(a.app, '/settings');
      await startSync(a.page, { user: 'anna', password: 'right horse battery', database: 'offline' });
      await waitForStatus(a.page, 'Up to date.');
      await ready(b.app, '/settings');
      await startSync(b.page, { user: 'bea', password: 'staple correct', database: 'offline' });
      await waitForStatus(b.page, 'Up to date.');

      // Both open the contact while online; offline, nothing loads from the network, so the
      // edits happen on the open pages and the way to Settings is the app's own navigation.
      for (const browser of [a, b]) {
        await ready(browser.app, '/contacts');
        await main(browser.page).getByRole('row').filter({ hasText: 'Kotipuutarha' }).click({ timeout: 10_000 });
        await browser.app.expectHeading('Kotipuutarha');
      }
      await a.context.setOffline(true);
      await b.context.setOffline(true);
      // The same field (the name) differently on both sides, and one other field each.
      for (const [browser, name, field, value] of [
        [a, 'Kotipuutarha Oy', 'City', 'Hämeenlinna'],
        [b, 'Kotipuutarha Ab', 'Job title', 'Puutarhuri'],
      ]) {
        await main(browser.page).getByLabel('Name', { exact: true }).fill(name);
        await main(browser.page).getByLabel(field, { exact: true }).fill(value);
        await button(main(browser.page), 'Save').click();
        await browser.app.expectHeading(name);
      }
      await a.app.link('Settings').click();
      await a.app.expectHeading('Settings');
      await waitForStatus(a.page, 'Offline, will retry when the network is back.');
      await a.app.shot('sync-settings-offline');
      await a.context.setOffline(false);
      await b.context.setOffline(false);

      const rows = [];
      for (const browser of [a, b]) {
        await ready(browser.app, '/conflicts');
        // The page shows the database as it is when it opens; look again until the other
        // browser's edit has arrived.
        const row = main(browser.page).getByRole('row', { name: /^name / });
        for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
          await browser.page.waitForTimeout(1_000);
          await ready(browser.app, '/conflicts');
        }
        await row.waitFor({ timeout: 1_000 });
        rows.push(await row.locator('td').allInnerTexts());
      }
      await a.app.shot('sync-conflicts');
      // Both list the same field with the same value shown and the same other value, one
      // browser's edit each.
      assert.deepEqual(rows[0], rows[1]);
      const text = rows[0].join(' ');
      assert.ok(text.includes('Kotipuutarha Oy') && text.includes('Kotipuutarha Ab'), text);
      // Only the field both changed is listed: the modification stamps follow the winner.
      assert.equal(await main(a.page).getByRole('row', { name: /^stamps / }).count(), 0);
      // The fields only one side changed merged without asking.
      assert.equal(await main(a.page).getByRole('row', { name: /^(city|job_title) / }).count(), 0);

      // Resolving on A reaches B by itself.
      await ready(a.app, '/conflicts');
      const choice = main(a.page).getByRole('row', { name: /^name / });
      await choice.getByRole('textbox').fill('Kotipuutarha Oy Ab');
      await button(choice, 'Use typed').click();
      await main(a.page).getByText('No conflicts.').waitFor();
      const settled = main(b.page).getByText('No conflicts.');
      for (let i = 0; i < 20 && !(await settled.isVisible()); i++) {
        await b.page.waitForTimeout(1_000);
        await ready(b.app, '/conflicts');
      }
      await settled.waitFor({ timeout: 1_000 });
      // Both browsers end with the same contact: the chosen name and both other edits.
      for (const browser of [a, b]) {
        await ready(browser.app, '/contacts');
        await main(browser.page).getByRole('row').filter({ hasText: 'Kotipuutarha Oy Ab' }).click();
        await browser.app.expectHeading('Kotipuutarha Oy Ab');
        assert.equal(await main(browser.page).getByLabel('City', { exact: true }).inputValue(), 'Hämeenlinna');
        assert.equal(await main(browser.page).getByLabel('Job title', { exact: true }).inputValue(), 'Puutarhuri');
      }
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('(d) a wrong password and a wrong database are told in words; nothing local changes', async () => {
    const a = await open(env.browser);
    try {
      await joinTeam(a.app, 'CE', 'Cecilia Eriksson');
      await newPerson(a.app, 'Paikallinen Henkilö');
      const before = await contactTotal(a.app);

      await ready(a.app, '/settings');
      await startSync(a.page, { user: 'anna', password: 'wrong' });
      await waitForStatus(a.page, 'Wrong user name or password.');
      await waitForStatus(a.page, 'Sync has stopped');
      await a.app.shot('sync-settings-wrong-password');
      await syncSection(a.page).screenshot({ path: new URL('sync-section-wrong-password.png', SHOTS).pathname });
      // Stopped: Start (to try again once fixed) is offered, Pause is not.
      assert.equal(await button(syncSection(a.page), 'Pause sync').count(), 0);
      assert.equal(await button(syncSection(a.page), 'Start sync').count(), 1);
      // Test connection says the same without starting anything.
      await button(syncSection(a.page), 'Test connection').click();
      await syncSection(a.page).getByText('Wrong user name or password.', { exact: true }).waitFor();

      await startSync(a.page, { database: 'taem', user: 'anna', password: 'right horse battery' });
      await waitForStatus(a.page, 'There is no database taem on the server.');
      await a.app.shot('sync-settings-no-database');
      assert.equal(await contactTotal(a.app), before);

      // The right settings work, and Test connection says how many records the server holds.
      await ready(a.app, '/settings');
      await fillSync(a.page, { user: 'anna', password: 'right horse battery' });
      await button(syncSection(a.page), 'Test connection').click();
      await syncSection(a.page).getByText(/^Connected: the database team holds [\d,]+ records\.$/).waitFor();

      assert.deepEqual(unexpected(a.problems, [/HTTP 401: /, /HTTP 404: .*\/taem\//, /status of 401 \(Unauthorized\)/]), []);
    } finally {
      await a.context.close();
    }
  });

  test('(d) a server answering 500 or a web page is told in words and tried again; nothing local changes', async () => {
    const a = await open(env.browser);
    try {
      await joinTeam(a.app, 'HF', 'Hanna Fors');
      await newPerson(a.app, 'Pysyvä Henkilö');
      const before = await contactTotal(a.app);

      await ready(a.app, '/settings');
      await startSync(a.page, { server: env.failing.url, user: 'anna', password: 'any' });
      // The server's own reason, and a retry: a failing server may come back by itself.
      await waitForStatus(a.page, 'The server failed (error 500): ');
      await waitForStatus(a.page, 'the disk is on fire');
      await waitForStatus(a.page, 'Trying again in');
      await a.app.shot('sync-settings-server-error');

      await startSync(a.page, { server: env.html.url, user: 'anna', password: 'any' });
      // Told by the title of the page that came instead, never as markup.
      await waitForStatus(a.page, "The server's answer to GET database is not valid JSON (line 1, column 1)");
      await waitForStatus(a.page, 'it begins: “Welcome to nginx!”. Check the server address.');
      await waitForStatus(a.page, 'Trying again in');
      await a.app.shot('sync-settings-not-couch');
      assert.equal(await syncSection(a.page).locator('h1, title').count(), 0);
      assert.doesNotMatch(await status(a.page).innerText(), /<!doctype|<h1>|<title>/i);

      assert.equal(await contactTotal(a.app), before);
      assert.deepEqual(
        unexpected(a.problems, [/HTTP 500: /, /status of 500 \(Internal Server Error\)/]),
        [],
      );
    } finally {
      await a.context.close();
    }
  });

  test('(c) the server killed in the middle of pushing 10,000 records: sync resumes from its checkpoint, nothing twice, nothing lost', async () => {
    const a = await open(env.browser);
    const csv = await manyContacts(10_000);
    try {
      await joinTeam(a.app, 'KS', 'Kalle Sirola');
      await importFile(a.app, csv);
      assert.equal(await contactTotal(a.app), 10_000);

      // Every _revs_diff and _bulk_docs the app sends, and which side of the crash it was on.
      const sent = { asked: [[], []], pushed: [[], []], phase: 0 };
      let bulks = 0;
      let killed = null;
      a.page.on('request', (request) => {
        if (request.method() !== 'POST' || !request.url().startsWith(env.disk.url)) return;
        const body = () => JSON.parse(request.postDataBuffer().toString('utf8'));
        if (request.url().endsWith('/_revs_diff')) sent.asked[sent.phase].push(...Object.keys(body()));
        if (request.url().endsWith('/_bulk_docs')) {
          sent.pushed[sent.phase].push(...body().docs.map((d) => [d._id, d._rev]));
          bulks += 1;
          // Killed while the thirteenth batch is on its way: twelve (of 250 documents) are
          // through, and the last checkpoint (every 2,000 documents) is behind the crash.
          if (bulks === 13 && sent.phase === 0) killed = env.disk.kill();
        }
      });

      await ready(a.app, '/settings');
      await watchLongTasks(a.page);
      await startSync(a.page, { server: env.disk.url, database: 'crash', user: 'anna', password: 'right horse battery' });
      for (let i = 0; i < 600 && !killed; i++) await a.page.waitForTimeout(100);
      assert.ok(killed, 'the push reached its thirteenth batch');
      await killed;
      await waitForStatus(a.page, 'Server unreachable', 30_000);
      await a.app.shot('sync-settings-server-killed');
      sent.phase = 1;
      await env.disk.start();
      await waitForStatus(a.page, 'Up to date.', 120_000);
      const tasks = await a.page.evaluate(() => window.__longTasks);
      console.log(`# push of 10,000 contacts with a crash: longest main-thread task ${Math.round(Math.max(0, ...tasks))} ms, ${tasks.length} tasks over 50 ms`);

      // What the server holds is exactly what the app pushed: every document once, one leaf
      // each, at the revision the app sent last.
      const last = new Map();
      for (const [id, rev] of [...sent.pushed[0], ...sent.pushed[1]]) last.set(id, rev);
      const changes = await couch(env.disk.url, 'GET', '/crash/_changes?style=all_docs');
      const onServer = new Map(changes.results.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, r.changes]));
      assert.equal(onServer.size, last.size);
      for (const [id, rev] of last) {
        assert.deepEqual(onServer.get(id)?.map((c) => c.rev), [rev], id);
      }
      assert.equal([...onServer.keys()].filter((id) => id.startsWith('contact:')).length, 10_000);

      // Resumed, not started over: after the restart the app asked the server only about what
      // came after its last checkpoint, and sent again at most what followed that checkpoint.
      const total = last.size;
      const beforeCrash = sent.pushed[0].length;
      console.log(`# before the crash ${beforeCrash} sent; after it ${sent.asked[1].length} asked about and ${sent.pushed[1].length} sent, of ${total}`);
      assert.ok(beforeCrash >= 3_000, `${beforeCrash}`);
      assert.ok(sent.asked[1].length <= total - 2_000, `${sent.asked[1].length} of ${total} asked about again`);
      assert.ok(beforeCrash + sent.pushed[1].length <= total + 2_000);
      // Nothing local changed.
      assert.equal(await contactTotal(a.app), 10_000);
      assert.deepEqual(unexpected(a.problems, [/Failed to fetch|NetworkError|net::ERR_CONNECTION_(REFUSED|RESET)/]), []);

      // A teammate's first pull brings all 10,000, and the page stays usable meanwhile.
      const b = await open(env.browser);
      try {
        await joinTeam(b.app, 'LB', 'Leena Berg');
        await ready(b.app, '/settings');
        await watchLongTasks(b.page);
        const started = Date.now();
        await startSync(b.page, { server: env.disk.url, database: 'crash', user: 'anna', password: 'right horse battery' });
        await waitForStatus(b.page, 'Syncing: received', 30_000);
        await waitForStatus(b.page, 'Up to date.', 300_000);
        const pulled = await b.page.evaluate(() => window.__longTasks);
        console.log(
          `# first pull of ${total} documents in the browser: ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
            `longest main-thread task ${Math.round(Math.max(0, ...pulled))} ms, ${pulled.length} tasks over 50 ms`,
        );
        assert.equal(await contactTotal(b.app), 10_000);
        assert.deepEqual(unexpected(b.problems), []);
      } finally {
        await b.context.close();
      }
    } finally {
      await a.context.close();
      await rm(dirname(csv), { recursive: true, force: true });
    }
  });

  test('a server without CORS for the app is told apart from one that is not there', async () => {
    const a = await open(env.browser);
    try {
      await joinTeam(a.app, 'GC', 'Greta Cors');
      await startSync(a.page, { server: env.nocors.url, user: 'anna', password: 'any' });
      await waitForStatus(a.page, `CORS is not enabled for ${env.app.url}.`);
      await a.app.shot('sync-settings-cors');
      // An address the policy allows where nothing listens is unreachable, and sync keeps trying.
      await startSync(a.page, { server: env.nobody, user: 'anna', password: 'any' });
      await waitForStatus(a.page, 'Server unreachable: check the address and that the server is running. Trying again in');
    } finally {
      await a.context.close();
    }
  });

  test('the policy as shipped refuses the server, and the app says so', async () => {
    const a = await open(env.browser);
    try {
      await joinTeam(a.app, 'DE', 'Dora Ek', env.shipped.url);
      await startSync(a.page, { user: 'anna', password: 'right horse battery' });
      await waitForStatus(a.page, "its Content-Security-Policy does not list the server");
      await a.app.shot('sync-settings-csp');
    } finally {
      await a.context.close();
    }
  });
});
