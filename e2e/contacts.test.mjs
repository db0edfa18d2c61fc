// End-to-end journeys of the Contacts area against the release build (dist/): import a Google
// Contacts export, find and edit a contact, create one whose name is HTML, export, undo the
// import; bad files; a large import; the same import in Finnish. Run: node --test e2e/contacts.test.mjs
//
// Every test fails on a console error, an uncaught exception, a failed request or a request to
// another host (support.mjs), and on any JavaScript dialog (an alert would mean imported text ran).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open as openPage, useBrowserAndServer } from './support.mjs';
import { sample } from './support.mjs';
import { manyContacts } from './long_tasks.mjs';

const DATA = (name) => sample(name);
const HTML_NAME = '<img src=x onerror=alert(1)>';

// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

/** A page that also records JavaScript dialogs (alert, confirm) as problems. */
async function open(options = {}) {
  const opened = await openPage(env.browser, options);
  opened.page.on('dialog', async (dialog) => {
    opened.problems.push(`javascript dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { ...opened, contacts: new ContactsPage(opened.page, opened.app) };
}

/** The Contacts area as a person finds it: by roles, labels and visible text. */
class ContactsPage {
  constructor(page, app) {
    this.page = page;
    this.app = app;
  }
  get main() {
    return this.page.getByRole('main');
  }
  get importDialog() {
    return this.page.getByRole('dialog', { name: /Import contacts|Tuo yhteyshenkilöitä/ });
  }
  button(name, scope = this.main) {
    return scope.getByRole('button', { name, exact: true });
  }
  get status() {
    return this.main.locator('.list-status');
  }
  row(text) {
    return this.main.getByRole('row').filter({ hasText: text });
  }
  /** The number shown beside `label` in a list of counts. */
  async count(scope, label) {
    const item = scope.locator('dl.counts > div').filter({ has: this.page.getByText(label, { exact: true }) });
    // Counts are grouped as English groups them (100,000).
    return Number((await item.locator('dd').innerText()).replace(/,/g, ''));
  }
  async open() {
    await this.app.goto(env.server.url, '/contacts');
  }
  /** Opens the import dialog and picks a file (a path, or `{ name, mimeType, buffer }`). */
  async chooseFile(file, { openLabel = 'Import contacts', fileLabel = 'Contacts file' } = {}) {
    await this.button(openLabel).first().click();
    await this.importDialog.waitFor();
    await this.importDialog.getByLabel(fileLabel).setInputFiles(file);
  }
  /** Waits until the line above the list says `pattern`; a timeout names what it said instead. */
  async waitForStatus(pattern) {
    try {
      await this.page.waitForFunction(
        (source) => new RegExp(source).test(document.querySelector('main .list-status')?.textContent ?? ''),
        pattern.source,
        { timeout: 10_000 },
      );
    } catch (error) {
      const shown = await this.status.textContent().catch(() => null);
      throw new Error(`the list status is ${JSON.stringify(shown)}, not ${pattern}`, { cause: error });
    }
  }
}

/**
 * Starts watching the main thread of `page`: the longest task the browser reports as a long
 * task, the longest gap between animation frames, and every distinct value the import's
 * progress bar shows. `stop()` returns what was seen. The figures are printed, not asserted:
 * a timed assertion would fail on a slow or busy machine.
 */
async function watchMainThread(page) {
  await page.evaluate(() => {
    const seen = { tasks: [], gaps: [], progress: [], running: true };
    window.__watch = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (now) => {
      seen.gaps.push(now - last);
      last = now;
      const shown = document.getElementById('import-progress-label')?.textContent;
      if (shown && seen.progress.at(-1) !== shown) seen.progress.push(shown);
      if (seen.running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const seen = window.__watch;
        seen.running = false;
        return {
          longestTask: Math.round(Math.max(0, ...seen.tasks)),
          longTasks: seen.tasks.length,
          longestFrameGap: Math.round(Math.max(0, ...seen.gaps)),
          progress: seen.progress,
        };
      }),
  };
}

describe('contacts', () => {
  test('import a Google export, find, edit, create, export and undo', async () => {
    const { context, page, problems, app, contacts } = await open();
    await contacts.open();
    await app.expectHeading('Contacts');
    assert.match(await contacts.main.innerText(), /No contacts yet/);
    assert.doesNotMatch(await contacts.main.innerText(), /Coming with issue/);
    await app.shot('contacts-empty');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the empty list');

    // Import: the preview names the format and what was found, and nothing is stored yet.
    await contacts.chooseFile(DATA('google-contacts.csv'));
    const dialog = contacts.importDialog;
    await dialog.getByText(/recognised as Google Contacts CSV/).waitFor();
    assert.equal(await contacts.count(dialog, 'Contacts in the file'), 300);
    assert.equal(await contacts.count(dialog, 'New contacts'), 291);
    assert.equal(await contacts.count(dialog, 'Already in Segmentti'), 0);
    assert.equal(await contacts.count(dialog, 'Repeated within the file'), 9);
    // The 40 organisations less the 2 that have rows of their own: exactly what the summary says.
    assert.equal(await contacts.count(dialog, 'Companies to create'), 38);
    assert.ok((await dialog.getByRole('row').count()) < 80, 'the preview renders only the rows in view');
    assert.equal(await dialog.getByLabel('Skip').isChecked(), true, 'duplicates are skipped unless chosen otherwise');
    await dialog.getByLabel('Show only duplicates').check();
    assert.equal(await dialog.locator('tbody tr:not(.spacer)').count(), 9);
    await dialog.getByText('With these choices: 291 added, 0 updated, 9 skipped.').waitFor();
    await app.shot('contacts-import-preview');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the import preview');

    await contacts.button('Import', dialog).click();
    await dialog.getByText(/Imported as batch IMP\d+/).waitFor();
    assert.equal(await contacts.count(dialog, 'Added'), 291);
    assert.equal(await contacts.count(dialog, 'Updated'), 0);
    assert.equal(await contacts.count(dialog, 'Skipped'), 9);
    assert.equal(await contacts.count(dialog, 'Companies created'), 38);
    await app.shot('contacts-import-summary');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the import summary');
    await contacts.button('Close', dialog).click();
    await dialog.waitFor({ state: 'hidden' });

    // 291 rows and the 38 companies made from organisation names; a virtual table keeps the
    // DOM small.
    await contacts.waitForStatus(/Showing 329 of 329 contacts/);
    assert.ok((await contacts.main.getByRole('row').count()) < 80, 'only the rows in view are rendered');
    await app.shot('contacts-list');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the list');

    // Sorting by a column header reverses on a second click and says so to assistive technology.
    const nameHeader = contacts.main.getByRole('columnheader', { name: /Name/ });
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
    await nameHeader.getByRole('button').click();
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');

    // The mailing group filter keeps the contacts with the group.
    await contacts.main.getByLabel('Mailing group').selectOption({ label: 'Customers (CUSTOMERS)' });
    await contacts.waitForStatus(/Showing [1-9]\d* of 329 contacts/);
    assert.ok((await contacts.status.textContent()) !== 'Showing 329 of 329 contacts');
    await contacts.main.getByLabel('Mailing group').selectOption({ label: 'Any mailing group' });

    // Search as you type, open the contact, edit and save, and find the edit after a reload.
    await contacts.main.getByLabel('Search').fill('sami KORHONEN');
    await contacts.waitForStatus(/Showing 1 of 329 contacts/);
    await contacts.row('Sami Korhonen').click();
    await app.expectHeading('Sami Korhonen');
    assert.match(page.url(), /\/contacts\/CT\d{6}$/);
    const jobTitle = contacts.main.getByLabel('Job title');
    assert.equal(await jobTitle.inputValue(), 'Hankinta-asiantuntija');
    await jobTitle.fill('Ostopäällikkö');
    await contacts.main.getByLabel('E-mail', { exact: true }).fill('not an address');
    await contacts.button('Save').click();
    await contacts.main.getByText('The contact was not saved. Correct the fields marked below.').waitFor();
    assert.equal(await contacts.main.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), 'true');
    await app.shot('contacts-contact-invalid');
    await contacts.main.getByLabel('E-mail', { exact: true }).fill('sami.korhonen@pohjolanmetalli.fi');
    assert.equal(await contacts.main.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid'), null, 'the error goes as soon as it is fixed');
    await contacts.button('Save').click();
    await contacts.main.getByText('Saved.').waitFor();
    await page.reload();
    await app.expectHeading('Sami Korhonen');
    assert.equal(await contacts.main.getByLabel('Job title').inputValue(), 'Ostopäällikkö');
    await app.shot('contacts-contact');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the contact page');

    // A company's page lists its persons.
    await contacts.main.getByRole('link', { name: '← All contacts' }).click();
    await app.expectHeading('Contacts');
    await contacts.main.getByLabel('Search').fill('Pohjolan Metalli');
    await contacts.main.getByLabel("Show", { exact: true }).selectOption('company');
    await contacts.waitForStatus(/Showing 1 of 329 contacts/);
    await contacts.row('Pohjolan Metalli Oy').click();
    await app.expectHeading('Pohjolan Metalli Oy');
    await contacts.main.getByRole('heading', { name: 'Persons' }).waitFor();
    assert.ok(await contacts.main.getByRole('link', { name: 'Sami Korhonen' }).isVisible());
    await app.shot('contacts-company');

    // Back on the list, the search and filters are as they were left.
    await contacts.main.getByRole('link', { name: '← All contacts' }).click();
    assert.equal(await contacts.main.getByLabel('Search').inputValue(), 'Pohjolan Metalli');
    await contacts.waitForStatus(/Showing 1 of 329 contacts/);
    await contacts.main.getByLabel('Show', { exact: true }).selectOption('');

    // A name that is HTML shows as text and runs nothing.
    await contacts.button('New person').click();
    await app.expectHeading('New person');
    await contacts.main.getByLabel('Name', { exact: true }).fill(HTML_NAME);
    await contacts.button('Save').click();
    await app.expectHeading(HTML_NAME);
    assert.equal(await contacts.main.locator('img').count(), 0);
    await contacts.main.getByRole('link', { name: '← All contacts' }).click();
    await contacts.main.getByLabel('Search').fill('onerror');
    await contacts.waitForStatus(/Showing 1 of 330 contacts/);
    assert.equal(await contacts.row(HTML_NAME).locator('td').nth(1).innerText(), HTML_NAME);
    assert.equal(await contacts.main.locator('table img').count(), 0);
    await app.shot('contacts-html-name');

    // Export the contacts shown: UTF-8 with a byte-order mark, for Excel.
    await contacts.main.getByLabel('Search').fill('');
    await contacts.waitForStatus(/Showing 330 of 330 contacts/);
    const [csv] = await Promise.all([page.waitForEvent('download'), contacts.button('Export CSV').click()]);
    assert.match(csv.suggestedFilename(), /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.match(text, /Sami Korhonen/);
    assert.match(text, /Ostopäällikkö/);
    const [vcf] = await Promise.all([page.waitForEvent('download'), contacts.button('Export vCard').click()]);
    const cards = (await readFile(await vcf.path())).toString('utf8');
    assert.equal(cards.match(/BEGIN:VCARD/g).length, 330);
    assert.match(cards, /VERSION:4\.0/);

    // Undo the import: its contacts go, the one made by hand stays.
    await contacts.main.getByText('Imports (1)').click();
    await contacts.main.getByRole('button', { name: /^Undo import IMP\d+$/ }).click();
    const undo = page.getByRole('dialog', { name: 'Undo this import' });
    await undo.getByText(/Every contact it added is removed \(329 in all\)/).waitFor();
    await contacts.button('Undo this import', undo).click();
    await contacts.waitForStatus(/Showing 1 of 1 contact/);
    await page.reload();
    await contacts.waitForStatus(/Showing 1 of 1 contact/);

    // Delete the last contact, after confirming; the list then invites an import again.
    await contacts.row(HTML_NAME).click();
    await app.expectHeading(HTML_NAME);
    await contacts.button('Delete…').click();
    const confirm = page.getByRole('dialog', { name: 'Delete contact' });
    await confirm.getByText(`Delete ${HTML_NAME} (`).waitFor();
    await app.shot('contacts-delete');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the delete dialog');
    await contacts.button('Delete', confirm).click();
    await app.expectHeading('Contacts');
    assert.match(await contacts.main.innerText(), /No contacts yet/);

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('a bad file gets a message naming the problem, and nothing changes', async () => {
    const { context, problems, app, contacts } = await open();
    await contacts.open();
    const dialog = contacts.importDialog;

    await contacts.chooseFile({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: await readFile(DATA('letter-template.docx')),
    });
    await dialog.getByText(/This is not a contacts file: it looks like a ZIP archive/).waitFor();
    await dialog.getByText(/Nothing was imported/).first().waitFor();
    await app.shot('contacts-import-bad-file');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of an import error');

    await dialog.getByLabel('Contacts file').setInputFiles({
      name: 'ragged.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('First Name,Last Name,E-mail 1 - Value\nAnna,Aalto,anna@example.com\nBo,Berg\n'),
    });
    await dialog.getByText(/Row 3 \(line 3\) has 2 values, but the header has 3 columns/).waitFor();

    // Any other CSV goes through the column mapping, prefilled from the headers.
    await dialog.getByLabel('Contacts file').setInputFiles({
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Nimi;Sähköposti;Kaupunki\nAino Aalto;aino@example.com;Turku\n'),
    });
    await dialog.getByText(/are not a format Segmentti knows/).waitFor();
    assert.equal(await dialog.getByLabel('Sähköposti').inputValue(), 'email');
    assert.equal(await dialog.getByLabel('Kaupunki').inputValue(), 'city');
    await app.shot('contacts-import-mapping');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the column mapping');
    await contacts.button('Continue to preview', dialog).click();
    await dialog.getByText(/recognised as CSV with your own columns/).waitFor();
    assert.equal(await contacts.count(dialog, 'New contacts'), 1);
    await contacts.button('Cancel', dialog).click();

    // Nothing was stored by any of it.
    assert.match(await contacts.main.innerText(), /No contacts yet/);

    // Importing and then undoing at once, from the summary, leaves nothing behind either.
    await contacts.chooseFile({
      name: 'list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Nimi;Sähköposti;Kaupunki\nAino Aalto;aino@example.com;Turku\n'),
    });
    await contacts.button('Continue to preview', dialog).click();
    await contacts.button('Import', dialog).click();
    await contacts.button('Undo this import', dialog).click();
    await dialog.getByText('The import was undone. Contacts removed: 1.').waitFor();
    await contacts.button('Close', dialog).click();
    assert.match(await contacts.main.innerText(), /No contacts yet/);
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('a CSV with several bad rows lists them all, imports the good rows and gives the bad ones back', async () => {
    const { context, page, problems, app, contacts } = await open();
    await contacts.open();
    const dialog = contacts.importDialog;

    // bad-rows.csv: 99 Google contacts; line 12 is short, line 23 has 200 values, line 57 opens
    // a quote that is never closed and line 90 has a byte that is not UTF-8.
    await contacts.chooseFile(DATA('bad-rows.csv'));
    await dialog.getByText('4 rows of the file cannot be read. The other 95 rows can still be imported.').waitFor();
    const listed = await dialog.locator('.bad-row-list li').allInnerTexts();
    assert.deepEqual(listed, [
      'Row 12 (line 12) has 3 values, but the header has 5 columns.',
      'Row 23 (line 23) has 200 values, but the header has 5 columns.',
      'Row 57 (line 57): the quoted value in column 2 is never closed. Reading went on at line 58, the next line that reads as a row.',
      'Row 90: line 90, column 2 is not a UTF-8 character.',
    ]);
    await app.shot('contacts-import-bad-rows');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the bad rows');

    // The skipped rows download as the header and their lines, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      contacts.button('Download the skipped rows (CSV)', dialog).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'bad-rows - skipped rows.csv');
    const original = await readFile(DATA('bad-rows.csv'));
    const lines = [];
    for (let start = 0; start < original.length; ) {
      const end = original.indexOf(0x0a, start) + 1 || original.length;
      lines.push(original.subarray(start, end));
      start = end;
    }
    const expected = Buffer.concat([1, 12, 23, 57, 90].map((line) => lines[line - 1]));
    assert.deepEqual(await readFile(await download.path()), expected);

    // The good rows import without them; the preview says what the import then does.
    await contacts.button('Import the 95 good rows, skip these', dialog).click();
    await dialog.getByText('bad-rows.csv: recognised as Google Contacts CSV.').waitFor();
    assert.equal(await contacts.count(dialog, 'Contacts in the file'), 95);
    assert.equal(await contacts.count(dialog, 'Rows left out'), 4);
    assert.equal(await contacts.count(dialog, 'Companies to create'), 7);
    assert.equal(await contacts.count(dialog, 'New mailing groups from labels'), 1);
    await contacts.button('Import', dialog).click();
    await dialog.getByText(/Imported as batch IMP\d+/).waitFor();
    assert.equal(await contacts.count(dialog, 'Added'), 95);
    assert.equal(await contacts.count(dialog, 'Companies created'), 7);
    assert.equal(await contacts.count(dialog, 'Mailing groups created'), 1);
    await contacts.button('Close', dialog).click();
    await contacts.waitForStatus(/Showing 102 of 102 contacts/);
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('every sample file imports, and a later file finds the contacts of an earlier one', async () => {
    const { context, problems, app, contacts } = await open();
    await contacts.open();
    const dialog = contacts.importDialog;
    const importFile = async (name, format) => {
      await contacts.chooseFile(DATA(name));
      await dialog.getByText(`${name}: recognised as ${format}.`).waitFor();
    };
    const finish = async () => {
      await contacts.button('Import', dialog).click();
      await dialog.getByText(/Imported as batch/).waitFor();
      const summary = {
        added: await contacts.count(dialog, 'Added'),
        updated: await contacts.count(dialog, 'Updated'),
        skipped: await contacts.count(dialog, 'Skipped'),
      };
      await contacts.button('Close', dialog).click();
      return summary;
    };

    await importFile('google-contacts.csv', 'Google Contacts CSV');
    await finish();

    // Outlook: 14 of its people are already here by e-mail; update them instead of skipping.
    await importFile('outlook-contacts.csv', 'Outlook CSV (desktop)');
    assert.equal(await contacts.count(dialog, 'Already in Segmentti'), 14);
    await dialog.getByLabel('Update').check();
    await dialog.getByText('With these choices: 106 added, 14 updated, 0 skipped.').waitFor();
    assert.deepEqual(await finish(), { added: 106, updated: 14, skipped: 0 });

    await importFile('contacts.vcf', 'vCard');
    assert.equal(await contacts.count(dialog, 'Contacts in the file'), 80);
    assert.equal(await contacts.count(dialog, 'Already in Segmentti'), 12);
    assert.deepEqual(await finish(), { added: 68, updated: 0, skipped: 12 });

    await contacts.waitForStatus(/Showing 503 of 503 contacts/);
    await contacts.main.getByText('Imports (3)').waitFor();
    await app.shot('contacts-three-imports');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('a hundred thousand contacts import in one batch and scroll with few rows in the page', async () => {
    const { context, page, problems, app, contacts } = await open();
    await contacts.open();
    const started = Date.now();
    const watching = await watchMainThread(page);
    await contacts.chooseFile(await manyContacts(100_000));
    const dialog = contacts.importDialog;
    // The rows are read and compared in slices, with a labelled progress bar between them.
    await dialog.getByRole('progressbar', { name: /(Reading rows|Looking for duplicates): [\d,]+ of 100,000/ }).waitFor();
    await dialog.getByText(/recognised as Google Contacts CSV/).waitFor({ timeout: 120_000 });
    const reading = await watching.stop();
    assert.equal(await contacts.count(dialog, 'New contacts'), 100_000);
    assert.equal(await dialog.getByRole('progressbar').count(), 0, 'the progress bar is gone');
    assert.ok((await dialog.locator('tbody tr').count()) < 100, 'the preview renders only the rows in view');
    assert.ok(reading.progress.some((text) => /^Reading rows/.test(text)), reading.progress.join(' | '));
    assert.ok(reading.progress.some((text) => /^Looking for duplicates/.test(text)), reading.progress.join(' | '));
    assert.ok(reading.progress.length >= 3, `the progress changed: ${reading.progress.join(' | ')}`);
    const planned = Date.now();
    const committing = await watchMainThread(page);
    await contacts.button('Import', dialog).click();
    await dialog.getByText(/Imported as batch/).waitFor({ timeout: 120_000 });
    const imported = await committing.stop();
    console.log(
      `100,000 rows read and planned in ${((planned - started) / 1000).toFixed(1)} s ` +
        `(longest task ${reading.longestTask} ms of ${reading.longTasks} long tasks, longest frame gap ` +
        `${reading.longestFrameGap} ms, ${reading.progress.length} progress texts), ` +
        `imported in ${((Date.now() - planned) / 1000).toFixed(1)} s ` +
        `(longest task ${imported.longestTask} ms, longest frame gap ${imported.longestFrameGap} ms)`,
    );
    await contacts.button('Close', dialog).click();
    await contacts.waitForStatus(/Showing 105,000 of 105,000 contacts/);

    const rows = () => contacts.main.locator('tbody tr:not(.spacer)').count();
    assert.ok((await rows()) < 100, `${await rows()} rows in the DOM`);
    // Scrolling through the list: each step is rendered in about a frame.
    const frames = await contacts.main.locator('.virtual-table').evaluate(async (el) => {
      const times = [];
      for (let i = 0; i < 40; i++) {
        const start = performance.now();
        el.scrollTop += 3000;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        times.push(performance.now() - start);
      }
      el.scrollTop = el.scrollHeight;
      return times;
    });
    console.log(`scroll steps: average ${(frames.reduce((a, b) => a + b) / frames.length).toFixed(0)} ms, worst ${Math.max(...frames).toFixed(0)} ms`);
    await contacts.row('Person99999 Surname299').waitFor();
    assert.ok((await rows()) < 100, `${await rows()} rows in the DOM after scrolling`);

    // Searching 105,000 contacts as one types stays quick.
    const typed = Date.now();
    await contacts.main.getByLabel('Search').fill('person99999@');
    await contacts.waitForStatus(/Showing 1 of 105,000 contacts/);
    console.log(`search over 105,000 contacts answered in ${Date.now() - typed} ms`);
    await app.shot('contacts-many');

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('a large import can be cancelled while it runs, and nothing is stored', async () => {
    const { context, page, problems, contacts } = await open();
    await contacts.open();
    await contacts.chooseFile(await manyContacts(100_000));
    const dialog = contacts.importDialog;
    const bar = dialog.getByRole('progressbar');
    await bar.waitFor();
    const first = await bar.getAttribute('value');
    // The page answers while the file is being read: the bar moves on, and Cancel is handled
    // before the preview appears.
    await page.waitForFunction(
      (value) => {
        const now = document.querySelector('[role=dialog] progress');
        return !now || now.getAttribute('value') !== value;
      },
      first,
    );
    await contacts.button('Cancel', dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await contacts.main.innerText(), /No contacts yet/);
    // Work that was cancelled does not come back later.
    await page.waitForTimeout(1500);
    assert.match(await contacts.main.innerText(), /No contacts yet/);

    // The wizard starts afresh when opened again.
    await contacts.button('Import contacts').first().click();
    await dialog.waitFor();
    assert.equal(await bar.count(), 0);
    assert.ok(await dialog.getByLabel('Contacts file').isVisible());
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('the same import in Finnish', async () => {
    const { context, page, problems, app, contacts } = await open();
    await app.goto(env.server.url, '/settings');
    await page.getByLabel('Suomi').check();
    await app.link('Yhteyshenkilöt').click();
    await app.expectHeading('Yhteyshenkilöt');
    assert.match(await contacts.main.innerText(), /Ei vielä yhteyshenkilöitä/);

    await contacts.chooseFile(DATA('google-contacts.csv'), {
      openLabel: 'Tuo yhteyshenkilöitä',
      fileLabel: 'Yhteystietotiedosto',
    });
    const dialog = contacts.importDialog;
    await dialog.getByText(/tunnistettu muodoksi Google-yhteystietojen CSV/).waitFor();
    assert.equal(await contacts.count(dialog, 'Uusia yhteyshenkilöitä'), 291);
    assert.equal(await contacts.count(dialog, 'Toistuu tiedostossa'), 9);
    await app.shot('contacts-import-preview-fi');
    await contacts.button('Tuo', dialog).click();
    await dialog.getByText(/Tuotu eränä IMP\d+/).waitFor();
    assert.equal(await contacts.count(dialog, 'Lisätty'), 291);
    assert.equal(await contacts.count(dialog, 'Ohitettu'), 9);
    await contacts.button('Sulje', dialog).click();

    await contacts.waitForStatus(/Näytetään 329\/329 yhteyshenkilöä/);
    await contacts.main.getByLabel('Haku').fill('günther strauß');
    await contacts.waitForStatus(/Näytetään 1\/329 yhteyshenkilöä/);
    assert.ok(await contacts.row('Günther Wilhelm Strauß').isVisible());
    assert.ok(await contacts.main.getByRole('columnheader', { name: 'Kaupunki' }).isVisible());
    await app.shot('contacts-list-fi');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the Finnish list');

    await context.close();
    assert.deepEqual(problems, []);
  });
});
