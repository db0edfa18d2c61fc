// A team of three browsers without a server (issue #11): each joins under its own code, imports
// contacts, makes a segment and logs another one with letters, then they pass exchange files in
// a ring (A→B→C→A→B) and all three show the same contacts, segments, logged segments and
// entries, under numbers that carry each member's code, and each can download the letters a
// teammate logged (letters travel with their logged segment). A
// conflict made on purpose (A and B rename their company differently) is listed on Conflicts in
// both, resolved on A, and the resolution reaches B and C. A damaged file is refused in words.
// Run: node --test e2e/team.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, sample, useBrowserAndServer } from './support.mjs';
import { createSalesperson, createTemplate, logSegment } from './team_steps.mjs';

const env = useBrowserAndServer();
const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

async function ready(app, path) {
  await app.goto(env.server.url, path);
  await app.page.waitForSelector('html[data-ready]');
}

async function join_(app, code, name) {
  await ready(app, '/settings');
  const team = app.page.getByRole('region', { name: 'Team', exact: true });
  await team.getByLabel(/^Your code in numbers/).fill(code);
  await team.getByLabel('Your name, as teammates see it').fill(name);
  await button(team, 'Save').click();
  // A name with letters beyond ASCII is isolated for direction (FSI … PDI) inside the sentence.
  await team.getByText(new RegExp(`^You share as \\u2068?${name}\\u2069? \\(${code}\\)\\.$`)).waitFor();
}

async function importContacts(app) {
  const page = app.page;
  await ready(app, '/contacts');
  await button(main(page), 'Import contacts').first().click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await dialog.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
  await dialog.getByText(/recognised as Google Contacts CSV/).waitFor();
  await button(dialog, 'Import').click();
  await dialog.getByText(/Imported as batch IMP\d+/).waitFor();
  await button(dialog, 'Close').click();
  await dialog.waitFor({ state: 'hidden' });
}

async function createSegment(app, description) {
  const page = app.page;
  await ready(app, '/segments');
  await button(main(page), 'New segment').click();
  const dialog = page.getByRole('dialog', { name: 'New segment' });
  await dialog.getByLabel('Description').fill(description);
  await button(dialog, 'Create').click();
  await page.waitForURL(/\/segments\/SEG\d{6}$/);
}

/** The logged segments' descriptions the Logged segments page lists, sorted. */
async function loggedNames(app) {
  await ready(app, '/logged-segments');
  await main(app.page).locator('tbody tr').first().waitFor();
  const text = await main(app.page).locator('tbody').innerText();
  return ['Logged by AV', 'Logged by BK', 'Logged by CE'].filter((name) => text.includes(name));
}

async function contactTotal(app) {
  await ready(app, '/contacts');
  await app.page.waitForFunction(() => /of [\d,]+ contacts/.test(document.querySelector('main .list-status')?.textContent ?? ''));
  const text = await main(app.page).locator('.list-status').innerText();
  return Number(text.match(/of ([\d,]+) contacts/)[1].replace(/,/g, ''));
}

/** The segment descriptions the Segments page lists, sorted. */
async function segmentNames(app) {
  await ready(app, '/segments');
  const rows = main(app.page).getByRole('row');
  await rows.nth(1).waitFor();
  return (await main(app.page).locator('tbody tr:not(.spacer)').allInnerTexts()).map((t) => t.split('\t')[1]?.trim()).filter(Boolean).sort();
}

async function share(app, dir, name) {
  await ready(app, '/settings');
  const team = app.page.getByRole('region', { name: 'Team', exact: true });
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    button(team, 'Share changes').click(),
  ]);
  assert.match(download.suggestedFilename(), /^segmentti-changes-[A-Z0-9]+-\d{4}-\d{2}-\d{2}-\d{4}\.sgtx$/);
  const path = join(dir, name);
  await download.saveAs(path);
  await team.getByText(/^Saved as segmentti-changes-/).waitFor();
  return path;
}

async function receive(app, file) {
  await ready(app, '/settings');
  const team = app.page.getByRole('region', { name: 'Team', exact: true });
  await team.getByLabel('Receive changes (a file a teammate shared)').setInputFiles(file);
  const preview = team.getByText(/^From .*: new records \d+, changed \d+, in conflict \d+\.$/);
  const nothing = team.getByText('This file brings nothing new: you already have all of it.');
  await preview.or(nothing).waitFor();
  if (await nothing.isVisible()) return null;
  const text = await preview.innerText();
  await button(team, 'Receive these changes').click();
  await team.getByText('Received. Records in conflict are on the Conflicts page.').waitFor();
  return text;
}

async function renameCompany(app, name) {
  await ready(app, '/setup');
  const company = app.page.getByRole('region', { name: 'Our company', exact: true });
  await company.getByLabel('Company name').fill(name);
  await button(company, 'Save company details').click();
  await company.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

async function companyName(app) {
  await ready(app, '/setup');
  return app.page.getByRole('region', { name: 'Our company', exact: true }).getByLabel('Company name').inputValue();
}

describe('a team without a server', () => {
  test('three browsers exchange files in a ring, converge, and resolve a conflict everywhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'segmentti-team-'));
    const browsers = [];
    try {
      for (const [code, name] of [['AV', 'Anna Virtanen'], ['BK', 'Björn Ek'], ['CE', 'Cecilia Eriksson']]) {
        const opened = await open(env.browser);
        browsers.push(opened);
        await join_(opened.app, code, name);
        await importContacts(opened.app);
        await createSalesperson(opened.app, ready, code, name);
        await createTemplate(opened.app, ready);
        await logSegment(opened.app, ready, { description: `Logged by ${code}`, field: 'city', filter: 'Tampere', salesperson: code });
        await createSegment(opened.app, `Segment of ${code}`);
      }
      const [a, b, c] = browsers;
      const alone = await contactTotal(a.app);
      assert.ok(alone > 0);

      let file = await share(a.app, dir, 'a1.sgtx');
      const preview = await receive(b.app, file);
      assert.match(preview, /^From ‎?.*Anna Virtanen.* \(AV\): new records \d+/u);
      file = await share(b.app, dir, 'b1.sgtx');
      await receive(c.app, file);
      file = await share(c.app, dir, 'c1.sgtx');
      await receive(a.app, file);
      file = await share(a.app, dir, 'a2.sgtx');
      await receive(b.app, file);

      // Everyone has every member's contacts (the same people imported three times stay three
      // contacts each, never merged silently) and every segment.
      for (const browser of browsers) {
        assert.equal(await contactTotal(browser.app), 3 * alone);
        assert.deepEqual(await segmentNames(browser.app), ['Segment of AV', 'Segment of BK', 'Segment of CE']);
        assert.deepEqual(await loggedNames(browser.app), ['Logged by AV', 'Logged by BK', 'Logged by CE']);
      }
      // The same people imported in three browsers are three contacts each, flagged as possible
      // duplicates (same e-mail address) and shown together when asked, never merged.
      await ready(a.app, '/contacts');
      const duplicates = main(a.page).getByLabel(/^Only possible duplicates \(same e-mail address\): [\d,]+$/);
      const flagged = Number((await main(a.page).locator('label.duplicates').innerText()).match(/([\d,]+)$/)[1].replace(/,/g, ''));
      assert.ok(flagged >= 3 && flagged % 3 === 0, `${flagged} flagged`);
      await duplicates.check();
      await main(a.page).getByText(new RegExp(`^Showing ${flagged.toLocaleString('en')} of [\\d,]+ contacts$`)).waitFor();
      await a.app.shot('team-contacts-duplicates');
      await duplicates.uncheck();

      // C downloads the letters A logged: they travelled with A's logged segment.
      await ready(c.app, '/logged-segments');
      await main(c.page).getByRole('link', { name: 'LSEG-AV000001', exact: true }).click();
      await c.page.getByRole('heading', { name: /^Logged segment \u2068?LSEG-AV000001\u2069?$/ }).waitFor();
      const zipping = c.page.waitForEvent('download');
      await main(c.page).getByRole('button', { name: /^Download all letters of \u2068?LSEG-AV000001\u2069? again \(\.zip\)$/ }).click();
      const letters = await zipping;
      assert.equal(letters.suggestedFilename(), 'LSEG-AV000001 letters.zip');
      const zip = await readFile(await letters.path());
      assert.equal(zip.subarray(0, 2).toString(), 'PK', 'a zip of the letters');
      assert.ok(zip.includes(Buffer.from('.txt')) || zip.includes(Buffer.from('.docx')), 'with letters in it');
      // Receiving the same file again changes nothing.
      assert.equal(await receive(b.app, file), null);

      // A conflict on purpose: A and B rename the company differently, then exchange.
      await renameCompany(a.app, 'Kotipuutarha Oy');
      await renameCompany(b.app, 'Kotipuutarha Ab');
      const fa = await share(a.app, dir, 'a3.sgtx');
      const fb = await share(b.app, dir, 'b3.sgtx');
      assert.match(await receive(b.app, fa), /in conflict 1\.$/);
      assert.match(await receive(a.app, fb), /in conflict 1\.$/);
      for (const browser of [a, b]) {
        await ready(browser.app, '/conflicts');
        await main(browser.page).getByRole('row', { name: /^name / }).waitFor();
      }
      assert.equal(await companyName(a.app), await companyName(b.app), 'both show the same winner meanwhile');
      await ready(a.app, '/conflicts');
      await a.app.shot('team-conflicts');
      assert.deepEqual(await a.app.seriousViolations(), []);
      const row = main(a.page).getByRole('row', { name: /^name / });
      await row.getByRole('textbox').fill('Kotipuutarha Oy Ab');
      await button(row, 'Use typed').click();
      await main(a.page).getByText('No conflicts.').waitFor();
      await a.app.shot('team-conflicts-resolved');

      const resolution = await share(a.app, dir, 'a4.sgtx');
      await receive(b.app, resolution);
      await receive(c.app, resolution);
      for (const browser of browsers) {
        assert.equal(await companyName(browser.app), 'Kotipuutarha Oy Ab');
        await ready(browser.app, '/conflicts');
        await main(browser.page).getByText('No conflicts.').waitFor();
      }

      // A's backup offered to C: replacing everything would make C continue as A, and the page says so
      // before anyone chooses; the merge says nothing of the kind. Nothing is restored here.
      await ready(a.app, '/settings');
      const [backupFile] = await Promise.all([
        a.page.waitForEvent('download'),
        button(a.page.getByRole('region', { name: 'Backup', exact: true }), 'Download backup').click(),
      ]);
      const backupPath = join(dir, 'a-backup.json');
      await backupFile.saveAs(backupPath);
      await ready(c.app, '/settings');
      const backupRegion = c.page.getByRole('region', { name: 'Backup', exact: true });
      await backupRegion.getByLabel('Restore from a backup file').setInputFiles(backupPath);
      const identity = backupRegion.getByText(/^This backup was made by .*Anna Virtanen.* \(AV\) as a member of a team\./u);
      await backupRegion.getByLabel(/^Merge by the team's rules/).check();
      assert.equal(await identity.count(), 0);
      await backupRegion.getByLabel('Replace everything with the backup').check();
      await identity.waitFor();
      await c.app.shot('team-restore-identity');

      // A damaged file is refused in words and nothing changes.
      const bytes = await readFile(resolution);
      const damaged = join(dir, 'damaged.sgtx');
      await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await ready(c.app, '/settings');
      const team = c.page.getByRole('region', { name: 'Team', exact: true });
      await team.getByLabel('Receive changes (a file a teammate shared)').setInputFiles(damaged);
      await team.getByText(/^The file is damaged or incomplete/).waitFor();
      await c.app.shot('team-settings-damaged');
      assert.equal(await contactTotal(c.app), 3 * alone);

      for (const browser of browsers) assert.deepEqual(browser.problems, []);
    } finally {
      for (const browser of browsers) await browser.context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
