// End-to-end tests of the Set-up page and the log pages (Logged segments, Interaction log),
// against the release build. Run: node --test e2e/setup_logs.test.mjs
//
// Like every e2e test, each one fails on a console error, an uncaught exception, a failed request
// or a request to another host. Screenshots go to test-results/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { open as openPage, useBrowserAndServer } from './support.mjs';
import { sample } from './support.mjs';

const DATA = (name) => sample(name);

// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

const open = (options = {}) => openPage(env.browser, options);

/** The Set-up page as a person sees it: one region per table, dialogs by their title. */
class SetupPage {
  constructor(page) {
    this.page = page;
  }
  section(name) {
    return this.page.getByRole('region', { name, exact: true });
  }
  dialog(name) {
    return this.page.getByRole('dialog', { name });
  }
  /** Opens a section's add dialog and returns it. */
  async add(section, button) {
    await this.section(section).getByRole('button', { name: button, exact: true }).click();
    const dialog = this.dialog(button);
    await dialog.waitFor();
    return dialog;
  }
  async save(dialog) {
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  }
  row(section, text) {
    return this.section(section).getByRole('row').filter({ hasText: text });
  }
}

describe('set-up tables', () => {
  test('salespeople, mailing groups and salutation formulas are created, checked at the field and kept', async () => {
    const { context, page, problems, app } = await open();
    const setup = new SetupPage(page);
    await app.goto(env.server.url, '/setup');
    await app.expectHeading('Set-up');
    await setup.section('Salespeople').getByText('No salespeople yet').waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the empty set-up page');
    await app.shot('setup-empty');

    // A bad e-mail address is shown at its field, and nothing is saved.
    let dialog = await setup.add('Salespeople', 'Add salesperson');
    await dialog.getByLabel('Code', { exact: true }).fill('jd');
    await dialog.getByLabel('Name', { exact: true }).fill('Jane Doe');
    await dialog.getByLabel('Job title').fill('Sales manager');
    await dialog.getByLabel('E-mail').fill('not an e-mail');
    await setup.save(dialog);
    const email = dialog.getByLabel('E-mail');
    await page.waitForFunction(
      (el) => el.getAttribute('aria-invalid') === 'true',
      await email.elementHandle(),
    );
    const described = await email.getAttribute('aria-describedby');
    const error = page.locator(`[id="${described.split(' ').at(-1)}"]`);
    assert.ok((await error.innerText()).length > 0, 'the e-mail problem is shown under the field');
    assert.equal(await dialog.isVisible(), true, 'the dialog stays open');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the dialog with an error');
    await app.shot('setup-salesperson-error');

    await email.fill('jane.doe@example.com');
    await dialog.getByLabel('Phone').fill('+358 40 123 4567');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await setup.row('Salespeople', 'JD').filter({ hasText: 'jane.doe@example.com' }).waitFor();

    // A code in use is not taken over by a new record.
    dialog = await setup.add('Salespeople', 'Add salesperson');
    await dialog.getByLabel('Code', { exact: true }).fill('JD');
    await setup.save(dialog);
    await dialog.getByText('JD exists already').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    dialog = await setup.add('Mailing groups', 'Add mailing group');
    await dialog.getByLabel('Code', { exact: true }).fill('xmas');
    await dialog.getByLabel('Description').fill('Christmas card');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await setup.row('Mailing groups', 'XMAS').filter({ hasText: 'Christmas card' }).waitFor();

    // A formula that uses a slot without a name part is refused at the formula.
    dialog = await setup.add('Salutation formulas', 'Add salutation formula');
    await dialog.getByLabel('Language', { exact: true }).fill('en');
    await dialog.getByLabel('Formula', { exact: true }).fill('Dear %1 %2 %3,');
    await setup.save(dialog);
    await page.waitForFunction(
      (el) => el.getAttribute('aria-invalid') === 'true',
      await dialog.getByLabel('Formula', { exact: true }).elementHandle(),
    );
    await dialog.getByLabel('Formula', { exact: true }).fill('Dear %1 %2,');
    assert.equal(await dialog.getByLabel('Name part for %1').inputValue(), '0', 'first name fills %1');
    await dialog.getByLabel('Name part for %2').selectOption({ label: 'Surname' });
    await app.shot('setup-salutation-dialog');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the formula dialog');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await setup.row('Salutation formulas', 'Dear %1 %2,').filter({ hasText: '%2 Surname' }).waitFor();

    // A questionnaire with numbered answers; two answers on one line are refused at the answers.
    dialog = await setup.add('Profile questionnaires', 'Add questionnaire');
    await dialog.getByLabel('Code', { exact: true }).fill('size');
    await dialog.getByLabel('Description').fill('Company size');
    await dialog.getByLabel('Answer 1: text').fill('Small');
    await dialog.getByRole('button', { name: 'Add answer' }).click();
    await dialog.getByLabel('Answer 2: text').fill('Large');
    await dialog.getByLabel('Answer 2: line no.').fill('1');
    await setup.save(dialog);
    await page.waitForFunction(
      (el) => el.getAttribute('aria-describedby')?.includes('answers-error'),
      await dialog.getByRole('group', { name: 'Answers' }).elementHandle(),
    );
    await app.shot('setup-questionnaire-error');
    await dialog.getByLabel('Answer 2: line no.').fill('2');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await setup.row('Profile questionnaires', 'SIZE').filter({ hasText: '1 Small · 2 Large' }).waitFor();

    // Our company is saved in place.
    const company = setup.section('Our company');
    await company.getByLabel('Company name').fill('Kotipuutarha Oy');
    await company.getByLabel('City').fill('Tampere');
    await company.getByRole('button', { name: 'Save company details' }).click();
    await company.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.reload();
    await app.expectHeading('Set-up');
    await setup.row('Salespeople', 'JD').filter({ hasText: 'Jane Doe' }).waitFor();
    await setup.row('Mailing groups', 'XMAS').waitFor();
    await setup.row('Salutation formulas', 'Dear %1 %2,').waitFor();
    assert.equal(await setup.section('Our company').getByLabel('City').inputValue(), 'Tampere');

    // Edit keeps the code and changes the rest; delete asks first.
    await setup.section('Mailing groups').getByRole('button', { name: 'Edit XMAS' }).click();
    dialog = setup.dialog('Edit XMAS');
    await dialog.getByLabel('Description').fill('Christmas card 2026');
    await setup.save(dialog);
    await setup.row('Mailing groups', 'Christmas card 2026').waitFor();
    await setup.section('Mailing groups').getByRole('button', { name: 'Delete XMAS' }).click();
    dialog = setup.dialog('Delete?');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await setup.section('Mailing groups').getByText('No mailing groups yet').waitFor();

    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the filled set-up page');
    await app.shot('setup-filled');
    await context.close();
    assert.deepEqual(problems, []);
  });

  test('the set-up page in Finnish', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/settings');
    await page.getByLabel('Suomi').check();
    await app.link('Perustiedot').click();
    await app.expectHeading('Perustiedot');
    const setup = new SetupPage(page);
    const dialog = await setup.add('Myyjät', 'Lisää myyjä');
    await dialog.getByLabel('Koodi', { exact: true }).fill('MK');
    await dialog.getByLabel('Sähköposti').fill('väärä');
    await dialog.getByRole('button', { name: 'Tallenna' }).click();
    await page.waitForFunction(
      (el) => el.getAttribute('aria-invalid') === 'true',
      await dialog.getByLabel('Sähköposti').elementHandle(),
    );
    await app.shot('setup-fi-error');
    await context.close();
    assert.deepEqual(problems, []);
  });
});

describe('on a phone', () => {
  test('the set-up page with a table fits the screen; its table scrolls inside', async () => {
    const { context, page, problems, app } = await open({ viewport: { width: 390, height: 800 } });
    const setup = new SetupPage(page);
    await app.goto(env.server.url, '/setup');
    await page.waitForSelector('html[data-ready]');
    const dialog = await setup.add('Salespeople', 'Add salesperson');
    await dialog.getByLabel('Code', { exact: true }).fill('JD');
    await dialog.getByLabel('Name', { exact: true }).fill('Jane Doe');
    await dialog.getByLabel('E-mail').fill('jane.doe@example.com');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    for (const path of ['/setup', '/logged-segments', '/interaction-log']) {
      if (path !== '/setup') await app.goto(env.server.url, path);
      await page.waitForSelector('html[data-ready]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
      assert.deepEqual(await app.audit(), [], `accessibility of ${path} on a phone`);
    }
    await app.goto(env.server.url, '/setup');
    await app.shot('phone-setup');
    await context.close();
    assert.deepEqual(problems, []);
  });
});

describe('log pages', () => {
  test('logged segments and the interaction log say what will appear there', async () => {
    const { context, page, problems, app } = await open();
    await app.goto(env.server.url, '/logged-segments');
    await app.expectHeading('Logged segments');
    await page.getByText('Nothing has been logged yet').waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the empty logged segments');
    await app.shot('logged-segments-empty');

    await app.link('Interaction log').click();
    await app.expectHeading('Interaction log');
    await page.getByText('No interactions have been logged yet').waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the empty interaction log');
    await app.shot('interaction-log-empty');

    await app.goto(env.server.url, '/logged-segments/LSEG000042');
    await page.getByText('There is no logged segment LSEG000042').waitFor();

    // The same in Finnish.
    await app.goto(env.server.url, '/settings');
    await page.getByLabel('Suomi').check();
    await app.link('Vuorovaikutusloki').click();
    await app.expectHeading('Vuorovaikutusloki');
    await page.getByText('Vuorovaikutuksia ei ole vielä kirjattu').waitFor();
    await app.link('Kirjatut segmentit').click();
    await page.getByText('Mitään ei ole vielä kirjattu').waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility in Finnish');
    await context.close();
    assert.deepEqual(problems, []);
  });
});

/** The interaction log's list: rows by role, the status line, the actions on the chosen entries. */
class EntriesTable {
  constructor(page) {
    this.page = page;
    this.main = page.getByRole('main');
  }
  /** The data rows (the header row and the virtual list's spacers excluded). */
  get rows() {
    return this.main.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
  /** How many entries are shown, from the status line. */
  async shown() {
    const text = await this.main.getByRole('status').filter({ hasText: /entr(y|ies) shown/ }).innerText();
    return Number(text.match(/^(\d+) entr(?:y|ies) shown/)[1]);
  }
  async waitForShown(count) {
    await this.main.getByRole('status').filter({ hasText: new RegExp(`^${count} entr(y|ies) shown`) }).waitFor();
  }
  button(name) {
    return this.main.getByRole('group', { name: 'Actions on the chosen entries' }).getByRole('button', { name, exact: true });
  }
}

/** Imports the shared Google export through the Contacts page's import dialog. */
async function importContacts(app, page) {
  await app.goto(env.server.url, '/contacts');
  await page.waitForSelector('html[data-ready]');
  await page.getByRole('main').getByRole('button', { name: 'Import contacts', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await dialog.getByLabel('Contacts file').setInputFiles(DATA('google-contacts.csv'));
  await dialog.getByText(/recognised as Google Contacts CSV/).waitFor();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText(/Imported as batch IMP\d+/).waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** An interaction group and a template with a short written letter, on the Templates page. */
async function createTemplate(app, page) {
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
  await editor.getByRole('button', { name: 'Add a letter' }).click();
  const letter = editor.getByRole('region', { name: 'Letter: default' });
  await letter.getByLabel('Subject', { exact: true }).fill('Spring news');
  await letter.getByLabel('Letter text').fill('Hello {{name}},\n\nSpring is here.\n\n{{salesperson.name}}');
  await letter.getByText('No problems found.').waitFor();
  await editor.getByRole('button', { name: 'Save template' }).click();
  await templates.getByText('Template SPRING saved.').waitFor();
}

/** A segment of the contacts in Tampere, logged with a follow-up segment; returns the logged segment's number. */
async function logSegment(app, page) {
  const main = page.getByRole('main');
  await app.link('Segments').click();
  await app.expectHeading('Segments');
  await main.getByRole('button', { name: 'New segment', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'New segment' });
  await create.getByLabel('Description').fill('Spring letter');
  await create.getByLabel('Salesperson').selectOption('JD');
  await create.getByLabel('Interaction template').selectOption('SPRING');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/segments\/SEG\d{6}$/);

  await main.getByRole('button', { name: 'Add contacts…', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add contacts' });
  await add.getByLabel('Field', { exact: true }).selectOption('city');
  await add.getByLabel('Filter', { exact: true }).fill('Tampere');
  await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
  const joining = Number((await add.getByText(/^\d+ contacts? would join\./).first().innerText()).match(/^\d+/)[0]);
  await add.getByRole('button', { name: 'Apply', exact: true }).click();
  await add.waitFor({ state: 'hidden' });
  await main.getByRole('heading', { name: `Lines (${joining})`, exact: true }).waitFor();

  await main.getByRole('button', { name: 'Log…', exact: true }).click();
  const log = page.getByRole('dialog', { name: /^Log segment SEG\d{6}$/ });
  await log.getByText(/No problems found|Warnings: \d+|Errors: \d+/).first().waitFor();
  const accept = log.getByLabel('Log despite the warnings');
  if (await accept.isVisible()) await accept.check();
  await log.getByLabel('Create a follow-up segment with the same contacts').check();
  await log.getByRole('button', { name: 'Log', exact: true }).click();
  // The dialog then offers a link to the logged segment.
  const opened = log.getByRole('link', { name: /^Open logged segment LSEG\d{6}$/ });
  await opened.waitFor();
  const name = await opened.innerText();
  return { logged: name.match(/LSEG\d{6}/)[0], entries: joining, opened };
}

describe('the whole path', () => {
  test('log a segment, find its entries, filter, evaluate, comment, cancel, and find it all after a reload', async () => {
    const { context, page, problems, app } = await open();
    const setup = new SetupPage(page);
    await importContacts(app, page);

    await app.link('Set-up').click();
    await app.expectHeading('Set-up');
    const dialog = await setup.add('Salespeople', 'Add salesperson');
    await dialog.getByLabel('Code', { exact: true }).fill('JD');
    await dialog.getByLabel('Name', { exact: true }).fill('Jane Doe');
    await setup.save(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await createTemplate(app, page);

    const { logged, entries, opened } = await logSegment(app, page);
    await opened.click();
    await page.waitForURL(new RegExp(`/logged-segments/${logged}$`));
    await app.expectHeading(`Logged segment ${logged}`);
    const table = new EntriesTable(page);
    await table.waitForShown(entries);
    assert.equal(await table.rows.count(), Math.min(entries, await table.rows.count()));
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of a logged segment');
    await app.shot('logged-segment');

    // All its letters again, as a zip, and one entry's letter as sent.
    const zip = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download all letters of ${logged} again (.zip)` }).click();
    const zipped = await zip;
    assert.equal(zipped.suggestedFilename(), `${logged} letters.zip`);
    const bytes = await readFile(await zipped.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip file');
    const one = page.waitForEvent('download');
    await table.rows.first().getByRole('button', { name: /^Download the letter of IL\d{6} as sent$/ }).click();
    assert.match((await one).suggestedFilename(), /\.(docx|eml)$/);

    // The interaction log: every entry, then filtered by a contact's name and by the segment.
    await app.link('Interaction log').click();
    await app.expectHeading('Interaction log');
    await table.waitForShown(entries);
    const firstContact = await table.rows.first().getByRole('link').innerText();
    const filters = page.getByRole('search', { name: 'Filters' });
    await filters.getByLabel('Contact', { exact: true }).fill(firstContact);
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('main tbody tr:not(.spacer)')].every((tr) => tr.querySelector('a')?.textContent.includes(name)),
      firstContact,
    );
    assert.ok((await table.shown()) >= 1, 'the contact has an entry');
    assert.ok((await table.shown()) < entries, 'the other contacts are left out');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await table.waitForShown(entries);
    await filters.getByLabel('Segment no.').fill('SEG999');
    await table.waitForShown(0);
    await page.getByText('No entries match these filters.').waitFor();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await table.waitForShown(entries);

    // Evaluate the first entry; add a comment to it.
    const first = table.rows.first();
    const entryNo = (await first.getByRole('checkbox').getAttribute('aria-label')).replace('Choose ', '');
    await first.getByRole('checkbox').check();
    await page.getByRole('main').getByRole('status').filter({ hasText: '1 chosen' }).waitFor();
    await page.getByRole('main').getByLabel('New evaluation').selectOption({ label: 'Very positive' });
    await table.button('Evaluate').click();
    await table.rows.filter({ hasText: entryNo }).getByText('Very positive').waitFor();
    await filters.getByLabel('Evaluation').selectOption({ label: 'Very positive' });
    await table.waitForShown(1);
    await filters.getByRole('button', { name: 'Clear filters' }).click();

    await table.rows.filter({ hasText: entryNo }).getByRole('button', { name: `Comments on ${entryNo}: 0` }).click();
    const comments = page.getByRole('dialog', { name: `Comments on ${entryNo}` });
    await comments.getByText('No comments yet.').waitFor();
    await comments.getByLabel('New comment').fill('Called back, wants a catalogue');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await comments.getByText('Called back, wants a catalogue').waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the comments dialog');
    await app.shot('interaction-log-comments');
    await comments.getByRole('button', { name: 'Close' }).click();
    await table.rows.filter({ hasText: entryNo }).getByRole('button', { name: `Comments on ${entryNo}: 1` }).waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the interaction log');
    await app.shot('interaction-log');

    // Cancel the logged segment: its entries are canceled with it.
    await app.link('Logged segments').click();
    await app.expectHeading('Logged segments');
    const row = page.getByRole('row').filter({ hasText: logged });
    assert.match(await row.innerText(), new RegExp(`SEG\\d{6}\\s+Spring letter\\s+\\d{1,2} [A-Z][a-z]{2} \\d{4}\\s+${entries}\\s+No`));
    await row.getByRole('button', { name: `Mark canceled: ${logged}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Mark the logged segment canceled?' });
    await confirm.getByText(`Its ${entries} entries are canceled with it`).waitFor();
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the cancel question');
    await confirm.getByRole('button', { name: 'Mark it canceled' }).click();
    await row.getByRole('button', { name: `Un-cancel ${logged}` }).waitFor();
    assert.match(await row.innerText(), /\bYes\b/);
    await app.shot('logged-segments');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the logged segments');

    await app.link('Interaction log').click();
    await filters.getByLabel('Canceled').selectOption({ label: 'Yes' });
    await table.waitForShown(entries);
    // An entry of a canceled logged segment cannot be un-canceled on its own.
    await table.rows.first().getByRole('checkbox').check();
    await table.button('Un-cancel').click();
    await page.getByRole('main').getByRole('alert').first().waitFor();
    await app.shot('interaction-log-refused');

    // Everything is still there after a reload.
    await page.reload();
    await app.expectHeading('Interaction log');
    await table.waitForShown(entries);
    await filters.getByLabel('Canceled').selectOption({ label: 'No' });
    await table.waitForShown(0);
    await filters.getByLabel('Canceled').selectOption({ label: 'Yes' });
    await table.waitForShown(entries);
    await table.rows.filter({ hasText: entryNo }).getByText('Very positive').waitFor();
    await table.rows.filter({ hasText: entryNo }).getByRole('button', { name: `Comments on ${entryNo}: 1` }).waitFor();

    // A follow-up segment from the logged segment opens the new segment.
    await app.link('Logged segments').click();
    await page.getByRole('row').filter({ hasText: logged }).getByRole('button', { name: `Create a follow-up segment from ${logged}` }).click();
    await page.waitForURL(/\/segments\/SEG\d{6}$/);

    // Deleting canceled logged segments keeps their entries.
    await app.link('Logged segments').click();
    await page.getByRole('button', { name: 'Delete canceled logged segments' }).click();
    await page.getByRole('dialog', { name: 'Delete canceled logged segments' }).getByRole('button', { name: 'Delete them' }).click();
    await page.getByText('Nothing has been logged yet').waitFor();
    await app.link('Interaction log').click();
    await table.waitForShown(entries);

    // A salesperson that segments still name cannot be deleted; the reason is shown.
    await app.link('Set-up').click();
    await app.expectHeading('Set-up');
    await setup.section('Salespeople').getByRole('button', { name: 'Delete JD' }).click();
    await setup.dialog('Delete?').getByRole('button', { name: 'Delete', exact: true }).click();
    const refusal = setup.section('Salespeople').getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /SEG\d{6}/, 'the refusal names the segments');
    await setup.row('Salespeople', 'JD').waitFor();
    await app.shot('setup-delete-refused');

    await context.close();
    assert.deepEqual(problems, []);
  });
});
