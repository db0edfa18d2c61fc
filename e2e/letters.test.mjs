// End-to-end tests of letters (product.md §5): templates with a letter written in the app and one
// uploaded as a Word document, the letter panel of a segment (preview, downloads) and the log
// dialog. Run: node --test e2e/letters.test.mjs (after `trunk build --release`).
//
// Like every journey, each test fails on a console error, a failed request or a request to any
// host but the test server. Screenshots go to test-results/letters-*.png; the downloaded letters
// go to test-results/ too, so that they can be opened (and turned into PDF) by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { open as openPage, SHOTS, useBrowserAndServer } from './support.mjs';
import { sample } from './support.mjs';


// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

/** Opens `path` once the data has loaded (the app marks <html data-ready>). */
async function openLoaded(path) {
  const opened = await openPage(env.browser);
  await opened.app.goto(env.server.url, path);
  await opened.page.waitForSelector('html[data-ready="true"]');
  return opened;
}

/** The Templates page, as a person finds its parts. */
class TemplatesPage {
  constructor(page) {
    this.page = page;
  }
  get groups() {
    return this.page.getByRole('region', { name: 'Interaction groups' });
  }
  get templates() {
    return this.page.getByRole('region', { name: 'Interaction templates' });
  }
  get editor() {
    return this.page.locator('section.template-editor');
  }
  letter(name) {
    return this.editor.getByRole('region', { name: `Letter: ${name}` });
  }
  async addGroup(code, description) {
    await this.groups.getByLabel('Group code').fill(code);
    await this.groups.getByLabel('Group description').fill(description);
    await this.groups.getByRole('button', { name: 'Add group' }).click();
    await this.groups.getByRole('cell', { name: code.toUpperCase(), exact: true }).waitFor();
  }
  async save() {
    await this.editor.getByRole('button', { name: 'Save template' }).click();
  }
}

async function expectNoSeriousViolations(app, what) {
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of ${what}`);
}

describe('templates and their letters', () => {
  test('a group, a template with a written letter and a Word letter, and delete', async () => {
    const { context, page, problems, app } = await openLoaded('/templates');
    const t = new TemplatesPage(page);

    // Nothing is made on the user's behalf: the empty page says what to add first.
    await t.templates.getByText('Add an interaction group first').waitFor();
    assert.equal(await t.templates.getByRole('button', { name: 'New template' }).isDisabled(), true);
    await app.shot('letters-templates-empty');
    await expectNoSeriousViolations(app, 'the empty templates page');

    await t.addGroup('letter', 'Letters');
    assert.match(await t.groups.innerText(), /Interaction group LETTER saved/);
    // Adding does not silently replace a group with the same code.
    await t.groups.getByLabel('Group code').fill('Letter');
    await t.groups.getByRole('button', { name: 'Add group' }).click();
    await t.groups.getByText('There is already a group LETTER.').waitFor();
    await t.templates.getByText('No templates yet').waitFor();

    await t.templates.getByRole('button', { name: 'New template' }).click();
    await t.editor.getByRole('heading', { name: 'New template' }).waitFor();
    await t.editor.getByLabel('Code', { exact: true }).fill('spring');
    await t.editor.getByLabel('Description').fill('Spring newsletter');
    await t.editor.getByLabel('Default correspondence type').selectOption({ label: 'Hard copy' });
    await t.editor.getByRole('button', { name: 'Add a letter' }).click();

    // A written letter: its problems are listed with their line and column as it is typed.
    const letter = t.letter('default');
    await letter.getByLabel('Subject', { exact: true }).fill('Spring news');
    const text = letter.getByLabel('Letter text');
    await text.fill('Dear {{first_name}},\n\nSpring is here at {{company_name}}.\nBest wishes, {{frist_name}}');
    const problem = letter.locator('.diagnostics li');
    await problem.first().waitFor();
    assert.equal(await problem.count(), 1);
    assert.equal(
      await problem.innerText(),
      'Line 4, column 14: unknown field “frist_name”. Did you mean “first_name”?',
    );
    assert.equal(await text.getAttribute('aria-invalid'), 'true');
    // The place is a button that selects the offending tag in the text.
    await problem.getByRole('button', { name: 'Line 4, column 14' }).click();
    const selected = await text.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, '{{frist_name}}');
    await app.shot('letters-template-letter-problem');

    // A letter with problems is not saved.
    await t.save();
    await t.editor.getByText('default: fix the problems in the letter first (1).').waitFor();

    // The field inserter puts a tag at the cursor (here replacing the selected wrong tag).
    await text.evaluate((el) => {
      const start = el.value.indexOf('{{frist_name}}');
      el.focus();
      el.setSelectionRange(start, start + '{{frist_name}}'.length);
    });
    // The letter's own inserter (the e-mail below has one too).
    await letter.locator('.letter-text').getByLabel('Field to insert').selectOption('salesperson.name');
    await letter.locator('.letter-text').getByRole('button', { name: 'Insert field' }).click();
    assert.match(await text.inputValue(), /Best wishes, \{\{salesperson\.name\}\}$/);
    await letter.getByText('No problems found.').waitFor();

    await t.save();
    await t.templates.getByText('Template SPRING saved.').waitFor();
    const row = t.templates.getByRole('row', { name: /SPRING/ });
    assert.match(await row.innerText(), /Spring newsletter\s+LETTER\s+default \(text\)/);

    // Nor does a new template replace one with the same code.
    await t.templates.getByRole('button', { name: 'New template' }).click();
    await t.editor.getByLabel('Code', { exact: true }).fill('Spring');
    await t.save();
    await t.editor.getByText('There is already a template SPRING; edit that one, or choose another code.').waitFor();
    await t.editor.getByRole('button', { name: 'Cancel' }).click();

    // A Word document as the Finnish letter: its tags are listed with where they are.
    await t.templates.getByRole('button', { name: 'Edit template SPRING' }).click();
    await t.editor.getByRole('heading', { name: 'Template SPRING' }).waitFor();
    await t.editor.getByRole('button', { name: 'Add a letter' }).click();
    const second = t.editor.locator('section.letter-item').nth(1);
    await second.getByLabel('Language of this letter').selectOption('fi');
    const fi = t.letter('fi');
    await fi.getByLabel('A Word document (.docx)', { exact: true }).check();

    // A file that is not a Word document is refused, with the reason.
    await fi.getByLabel('Upload a Word document (.docx)').setInputFiles({
      name: 'notes.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('these are not the letters you are looking for'),
    });
    await fi.getByRole('alert').getByText('notes.docx was not used: it is not a Word document (.docx)').waitFor();

    await fi.getByLabel('Upload a Word document (.docx)').setInputFiles(sample('letter-template.docx'));
    await fi.getByText('Word document: letter-template.docx').waitFor();
    assert.equal(await fi.getByRole('alert').count(), 0, 'the refusal is gone once a good document is in');
    const tags = await fi.locator('.tag-list li').allInnerTexts();
    for (const expected of [
      /^\{\{our_company\.name\}\} · Header, paragraph \d+/,
      /^\{\{first_name\}\} · Body, paragraph \d+/,
      /^\{\{company_name\}\} · Body, paragraph \d+/,
      /^\{\{formal_salutation\}\} · Body/,
      /^\{\{#if comment\}\} · Body/,
      /^\{\{salesperson\.job_title\}\} · Body/,
    ]) {
      assert.ok(tags.some((tag) => expected.test(tag)), `a tag matching ${expected} in ${JSON.stringify(tags)}`);
    }
    await fi.getByText(`Fields found in it: ${tags.length}`).waitFor();
    await app.shot('letters-template-word');
    await expectNoSeriousViolations(app, 'the template editor');

    await t.save();
    await t.templates.getByText('Template SPRING saved.').waitFor();
    assert.match(await row.innerText(), /default \(text\), fi \(Word\)/);

    // The saved letters survive a reload.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await t.templates.getByRole('button', { name: 'Edit template SPRING' }).click();
    await t.letter('fi').getByText('Word document: letter-template.docx').waitFor();
    assert.match(await t.letter('default').getByLabel('Letter text').inputValue(), /^Dear \{\{first_name\}\},/);
    await t.editor.getByRole('button', { name: 'Cancel' }).click();
    await app.shot('letters-templates');

    // Delete asks first, in a dialog that keeps focus and closes with Escape.
    await t.templates.getByRole('button', { name: 'Delete template SPRING' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete template SPRING?' });
    await dialog.waitFor();
    await expectNoSeriousViolations(app, 'the delete dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await t.templates.getByRole('button', { name: 'Delete template SPRING' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await t.templates.getByText('Template SPRING deleted.').waitFor();
    await t.templates.getByText('No templates yet').waitFor();

    await context.close();
    assert.deepEqual(problems, []);
  });
});


/** Saves the file a click downloads into test-results/ and returns its bytes. */
async function downloadOf(page, click, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = fileURLToPath(new URL(encodeURIComponent(name ?? download.suggestedFilename()), SHOTS));
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, bytes: await readFile(path) };
}

/** Whether bytes are a zip archive (a .docx is one): it starts with the local file header "PK". */
function isZip(bytes) {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** Converts a .docx with LibreOffice (as the test command does) and returns the PDF's path. */
async function toPdf(docx) {
  const out = await mkdtemp(join(tmpdir(), 'letters-pdf-'));
  await promisify(execFile)('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
    timeout: 120_000,
  });
  const pdf = (await readdir(out)).find((f) => f.endsWith('.pdf'));
  assert.ok(pdf, 'LibreOffice made a PDF of the combined letters');
  return join(out, pdf);
}

describe('a segment\'s letters', () => {
  test('import contacts, preview the letters, download them and log the segment', async () => {
    const { context, page, problems, app } = await openLoaded('/contacts');
    try {
      await segmentJourney(context, page, app);
    } catch (error) {
      await app.shot('letters-journey-failure');
      throw error;
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
});

describe('a segment\'s Word letters as PDFs', () => {
  test('a template whose letter is a .docx: all letters in one PDF, and one contact\'s PDF', async () => {
    const { context, page, problems, app } = await openLoaded('/contacts');
    try {
      await wordPdfJourney(page, app);
    } catch (error) {
      await app.shot('letters-word-pdf-failure');
      throw error;
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
});

// Three people with postal addresses, in Google's export format (header from the sample file).
const WORD_PEOPLE = [
  { first: 'Aila', last: 'Saarinen', company: 'Saarisen Puu Oy', street: 'Rantakatu 12', code: '90100', city: 'Oulu' },
  { first: 'Björn', last: 'Lindqvist', company: 'Lindqvist & Co Ab', street: 'Storgatan 3 B', code: '65100', city: 'Vaasa' },
  { first: 'Elina', last: 'Mäkelä', company: 'Mäkelän Kone Oy', street: 'Tehtaankatu 7', code: '33100', city: 'Tampere' },
];

async function wordPeopleCsv() {
  const header = (await readFile(sample('google-contacts.csv'), 'utf8')).split('\n')[0].replace(/^\uFEFF/, '').trim();
  const columns = header.split(',');
  const rows = WORD_PEOPLE.map((p) => {
    const cells = Object.fromEntries(columns.map((c) => [c, '']));
    Object.assign(cells, {
      'First Name': p.first,
      'Last Name': p.last,
      'Organization Name': p.company,
      'E-mail 1 - Label': '* Work',
      'E-mail 1 - Value': `${p.first.toLowerCase()}@example.com`,
      'Address 1 - Label': 'Work',
      'Address 1 - Street': p.street,
      'Address 1 - City': p.city,
      'Address 1 - Postal Code': p.code,
      'Address 1 - Country': 'Finland',
    });
    return columns.map((c) => (/[",\n]/.test(cells[c]) ? `"${cells[c].replaceAll('"', '""')}"` : cells[c])).join(',');
  });
  return Buffer.from(`${header}\n${rows.join('\n')}\n`);
}

/** The text of each page of a PDF (pdftotext, split at form feeds). */
async function pdfPages(path) {
  const { stdout: info } = await promisify(execFile)('pdfinfo', [path]);
  const count = Number(info.match(/Pages:\s+(\d+)/)[1]);
  const { stdout: text } = await promisify(execFile)('pdftotext', ['-layout', path, '-']);
  const pages = text.split('\f').slice(0, count);
  assert.equal(pages.length, count, 'pdftotext gives a text per page');
  return pages;
}

/** Imports a contacts file through the import dialog of the Contacts page the test is on. */
async function importContacts(page, file) {
  await page.getByRole('button', { name: 'Import contacts' }).first().click();
  const importing = page.getByRole('dialog', { name: 'Import contacts' });
  await importing.getByLabel('Contacts file').setInputFiles(file);
  await importing.getByRole('button', { name: 'Import', exact: true }).click();
  await importing.getByText(/Imported as batch/).waitFor();
  await importing.getByRole('button', { name: 'Close' }).click();
}

/** Adds the salesperson AV, Aino Virtanen, who signs the letters and must be on every line. */
async function addSignatory(page, app) {
  await app.goto(env.server.url, '/setup');
  await page.getByRole('button', { name: 'Add salesperson' }).click();
  const person = page.getByRole('dialog');
  await person.getByLabel('Code').fill('AV');
  await person.getByLabel('Name', { exact: true }).fill('Aino Virtanen');
  await person.getByLabel('Job title').fill('Sales manager');
  await person.getByLabel('E-mail').fill('aino.virtanen@example.com');
  await person.getByRole('button', { name: 'Save' }).click();
  await person.waitFor({ state: 'hidden' });
}

async function wordPdfJourney(page, app) {
  await importContacts(page, {
    name: 'word-people.csv',
    mimeType: 'text/csv',
    buffer: await wordPeopleCsv(),
  });
  await addSignatory(page, app);

  // A template whose only letter is the Word document (issue 13 item 4: its PDFs).
  await app.goto(env.server.url, '/templates');
  const t = new TemplatesPage(page);
  await t.addGroup('letter', 'Letters');
  await t.templates.getByRole('button', { name: 'New template' }).click();
  await t.editor.getByLabel('Code', { exact: true }).fill('offer');
  await t.editor.getByLabel('Description').fill('Furniture offer');
  await t.editor.getByLabel('Default correspondence type').selectOption({ label: 'Hard copy' });
  await t.editor.getByRole('button', { name: 'Add a letter' }).click();
  const word = t.letter('default');
  await word.getByLabel('A Word document (.docx)', { exact: true }).check();
  await word.getByLabel('Upload a Word document (.docx)').setInputFiles(sample('letter-template.docx'));
  await word.getByText('Word document: letter-template.docx').waitFor();
  await t.save();
  await t.templates.getByText('Template OFFER saved.').waitFor();

  await app.goto(env.server.url, '/segments');
  await page.getByRole('button', { name: 'New segment' }).click();
  const creating = page.getByRole('dialog', { name: 'New segment' });
  await creating.getByLabel('Description').fill('Offer mailing');
  await creating.getByLabel('Salesperson').selectOption('AV');
  await creating.getByLabel('Interaction template').selectOption('OFFER');
  await creating.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/segments\/SEG\d+$/);
  const segmentNo = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('button', { name: 'Add contacts…' }).click();
  const adding = page.getByRole('dialog', { name: 'Add contacts' });
  await adding.getByRole('button', { name: 'Apply' }).click();
  await adding.waitFor({ state: 'hidden' });

  // Who gets which letter, in the segment's order (the PDF's order): the preview's stepper.
  const panel = page.getByRole('region', { name: 'Letter', exact: true });
  const preview = panel.getByRole('region', { name: 'Preview' });
  await preview.getByText(/^Contact 1 of \d+/).waitFor();
  const total = Number((await preview.locator('.stepper-position').innerText()).match(/of (\d+)/)[1]);
  const order = [];
  for (let i = 1; i <= total; i += 1) {
    if (i > 1) {
      await preview.getByRole('button', { name: 'Next' }).click();
      await preview.getByText(new RegExp(`^Contact ${i} of `)).waitFor();
    }
    order.push(await preview.locator('.stepper-position strong').innerText());
  }
  const people = order.map((name) => WORD_PEOPLE.find((p) => name === `${p.first} ${p.last}`));
  assert.ok(people.filter(Boolean).length === WORD_PEOPLE.length, `every imported person has a letter: ${JSON.stringify(order)}`);

  // One contact's letter: the last one shown, laid out by the worker from its merged .docx.
  const last = people[total - 1];
  const single = await downloadOf(page, () => preview.getByRole('button', { name: 'This letter as a PDF' }).click());
  assert.equal(single.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const singlePages = await pdfPages(single.path);
  assert.equal(singlePages.length, 1, 'letter-template.docx is a one-page letter');
  if (last) {
    assert.match(singlePages[0], new RegExp(`${last.first} ${last.last}`));
    assert.match(singlePages[0], new RegExp(`Thank you for the pleasant conversation, ${last.first}\\.`));
  }

  // All letters in one PDF: a page each, each with its own contact's name and address merged in.
  const downloads = panel.getByRole('region', { name: 'Downloads' });
  const all = await downloadOf(page, () => downloads.getByRole('button', { name: 'All letters in one PDF' }).click());
  assert.equal(all.name, `${segmentNo} letters.pdf`);
  await downloads.getByText(`Made ${total} letters`).waitFor();
  const pages = await pdfPages(all.path);
  assert.equal(pages.length, total * singlePages.length, 'letters × pages per letter');
  people.forEach((p, i) => {
    const text = pages[i];
    assert.match(text, /Offer: office furniture for your new premises/, `page ${i + 1} is the Word letter`);
    assert.match(text, /Aino Virtanen/, `page ${i + 1} is signed`);
    assert.match(text, /Page 1 of 1/, `page ${i + 1} numbers its own letter`);
    assert.doesNotMatch(text, /\{\{|\}\}/, `page ${i + 1} has no tag left`);
    if (!p) return;
    for (const value of [`${p.first} ${p.last}`, p.street, `${p.code} ${p.city}`, `Thank you for the pleasant conversation, ${p.first}`]) {
      assert.ok(text.includes(value), `page ${i + 1} (${order[i]}) shows “${value}”:\n${text}`);
    }
    for (const other of WORD_PEOPLE.filter((o) => o !== p)) {
      assert.ok(!text.includes(other.street), `page ${i + 1} has only its own contact's address`);
    }
  });
  await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', all.path, fileURLToPath(new URL('letters-word-pdf', SHOTS))]);
}

async function segmentJourney(context, page, app) {
  // Contacts from the Google export, through the import dialog.
  await importContacts(page, sample('google-contacts.csv'));
  await addSignatory(page, app);

  // A template whose letter is written in the app.
  await app.goto(env.server.url, '/templates');
  const t = new TemplatesPage(page);
  await t.addGroup('letter', 'Letters');
  await t.templates.getByRole('button', { name: 'New template' }).click();
  await t.editor.getByLabel('Code', { exact: true }).fill('spring');
  await t.editor.getByLabel('Description').fill('Spring newsletter');
  await t.editor.getByLabel('Default correspondence type').selectOption({ label: 'Hard copy' });
  await t.editor.getByRole('button', { name: 'Add a letter' }).click();
  await t.letter('default').getByLabel('Subject', { exact: true }).fill('Spring news');
  await t.letter('default').getByLabel('Letter text').fill(
    'Dear {{first_name}},\n\n{{#if company_name}}Spring is here at {{company_name}}.{{else}}Spring is here.{{/if}}\n\nBest wishes,\n{{salesperson.name}}\n{{salesperson.job_title}}',
  );
  await t.save();
  await t.templates.getByText('Template SPRING saved.').waitFor();

  // A segment with every contact.
  await app.goto(env.server.url, '/segments');
  await page.getByRole('button', { name: 'New segment' }).click();
  const creating = page.getByRole('dialog', { name: 'New segment' });
  await creating.getByLabel('Description').fill('Spring mailing');
  await creating.getByLabel('Salesperson').selectOption('AV');
  await creating.getByLabel('Interaction template').selectOption('SPRING');
  await creating.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/segments\/SEG\d+$/);
  const segmentNo = new URL(page.url()).pathname.split('/').pop();
  await page.getByRole('button', { name: 'Add contacts…' }).click();
  const adding = page.getByRole('dialog', { name: 'Add contacts' });
  await adding.getByRole('button', { name: 'Apply' }).click();
  await adding.waitFor({ state: 'hidden' });

  // The letter panel: where the letter comes from, and a preview stepping through contacts.
  const panel = page.getByRole('region', { name: 'Letter', exact: true });
  await panel.getByText('This segment uses the letters of template SPRING (default)').waitFor();
  const preview = panel.getByRole('region', { name: 'Preview' });
  await preview.getByText(/^Contact 1 of \d+/).waitFor();
  const total = Number((await preview.locator('.stepper-position').innerText()).match(/of (\d+)/)[1]);
  assert.ok(total > 100, `the segment has the imported contacts (${total})`);
  assert.equal(await preview.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  // A printed letter is previewed from its layout, in a sandboxed frame of its own.
  const sheet = preview.frameLocator('iframe.letter-frame').locator('body');
  const first = await sheet.innerText();
  assert.match(first, /^Dear .*,\n/);
  assert.match(first, /Best wishes,\s+Aino Virtanen\s+Sales manager/);
  assert.doesNotMatch(first, /\{\{|undefined/);
  // Each contact's letter greets them by their own first name.
  const name = () => preview.locator('.stepper-position strong').innerText();
  assert.ok(first.startsWith(`Dear ${(await name()).split(' ')[0]},`), first);
  await preview.getByRole('button', { name: 'Next' }).click();
  await preview.getByText(/^Contact 2 of /).waitFor();
  assert.ok((await sheet.innerText()).startsWith(`Dear ${(await name()).split(' ')[0]},`));

  // The segment's own copy of the letter: copied from the template and edited here.
  await panel.getByRole('button', { name: "Edit the segment's letter" }).click();
  const own = panel.getByRole('form', { name: "Edit the segment's letter" });
  const ownText = own.getByLabel('Letter text');
  assert.match(await ownText.inputValue(), /^Dear \{\{first_name\}\},/, 'the copy starts as the template letter');
  await panel.getByText('This segment uses its own copy of the letter, written here.').waitFor();
  await ownText.fill((await ownText.inputValue()).replace('Best wishes,', 'Warm regards,'));
  await expectNoSeriousViolations(app, "the segment's letter editor");
  await own.getByRole('button', { name: 'Save letter' }).click();
  await panel.getByText("The segment's letter is saved.").waitFor();
  await sheet.getByText('Warm regards,').waitFor();

  // One contact's own copy: only their letter changes.
  await preview.getByRole('button', { name: "Edit this contact's letter" }).click();
  const line = preview.getByRole('form', { name: "Edit this contact's letter" });
  const lineText = line.getByLabel('Letter text');
  await lineText.fill(`${await lineText.inputValue()}\n\nP.S. See you at the fair!`);
  await line.getByRole('button', { name: 'Save letter' }).click();
  await preview.getByText("This contact's letter is saved.").waitFor();
  await preview.getByText('This contact gets their own copy of the letter.').waitFor();
  await sheet.getByText('P.S. See you at the fair!').waitFor();
  await preview.getByRole('button', { name: 'Next' }).click();
  await preview.getByText(/^Contact 3 of /).waitFor();
  assert.doesNotMatch(await sheet.innerText(), /P\.S\./, 'the next contact gets the common letter');
  await preview.getByRole('button', { name: 'Previous' }).click();
  await sheet.getByText('P.S. See you at the fair!').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await app.shot('letters-segment-panel');
  await expectNoSeriousViolations(app, 'the segment page with its letter panel');

  // Downloads: one Word document with every letter, and a zip with one per contact.
  const downloads = panel.getByRole('region', { name: 'Downloads' });
  const combined = await downloadOf(page, () =>
    downloads.getByRole('button', { name: 'All letters in one Word document' }).click(),
  );
  assert.equal(combined.name, `${segmentNo} letters.docx`);
  assert.ok(isZip(combined.bytes), 'the combined letters are a .docx (a zip)');
  await downloads.getByText(`Made ${total} letters`).waitFor();
  const zip = await downloadOf(page, () =>
    downloads.getByRole('button', { name: 'One Word document per contact (.zip)' }).click(),
  );
  assert.equal(zip.name, `${segmentNo} letters.zip`);
  assert.ok(isZip(zip.bytes), 'the letters per contact are a zip');
  // Every contact gets a printed letter here, so there are no e-mail drafts to make.
  await downloads.getByRole('button', { name: 'E-mail drafts (.zip)' }).click();
  await downloads.getByText('No contact of this segment gets an e-mail.').waitFor();
  // The letter-language letters as one PDF laid out as business letters (issue 13 item 4).
  const lettersPdf = await downloadOf(page, () =>
    downloads.getByRole('button', { name: 'All letters in one PDF' }).click(),
  );
  assert.equal(lettersPdf.name, `${segmentNo} letters.pdf`);
  assert.equal(lettersPdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const { stdout: pdfPages } = await promisify(execFile)('pdfinfo', [lettersPdf.path]);
  assert.equal(Number(pdfPages.match(/Pages:\s+(\d+)/)[1]), total, 'one page per letter');
  await promisify(execFile)('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', lettersPdf.path, fileURLToPath(new URL('letters-pdf', SHOTS))]);
  const pdf = await toPdf(combined.path);
  await promisify(execFile)('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdf, fileURLToPath(new URL('letters-combined', SHOTS))]);

  // The print view opens in a window of its own, from a blob: address (no request).
  const [print] = await Promise.all([
    context.waitForEvent('page'),
    downloads.getByRole('button', { name: 'Print view' }).click(),
  ]);
  await print.waitForLoadState();
  assert.equal(new URL(print.url()).protocol, 'blob:');
  assert.equal(await print.locator('article.sheet').count(), total);
  await print.close();

  // The log dialog: the check per line, warnings to accept, a follow-up segment.
  await page.getByRole('button', { name: 'Log…' }).click();
  const log = page.getByRole('dialog', { name: `Log segment ${segmentNo}` });
  await log.getByRole('status').first().waitFor();
  await app.shot('letters-log-dialog');
  await expectNoSeriousViolations(app, 'the log dialog');
  const summary = await log.locator('.check-summary').innerText();
  assert.match(summary, /^Warnings: \d+\./, 'only warnings remain (missing addresses, missing values)');
  const logButton = log.getByRole('button', { name: 'Log', exact: true });
  assert.equal(await logButton.isDisabled(), true, 'warnings must be accepted first');
  await log.getByLabel('Log despite the warnings').check();
  await log.getByLabel('Create a follow-up segment with the same contacts').check();
  await logButton.click();
  await log.getByText(`Segment ${segmentNo} has been logged.`).waitFor({ timeout: 60_000 });
  await app.shot('letters-logged');
  const followUp = log.getByRole('link', { name: /^Open follow-up segment SEG\d+$/ });
  await followUp.waitFor();
  await log.getByRole('link', { name: /^Open logged segment LSEG\d+$/ }).click();
  await page.waitForURL(/\/logged-segments\/LSEG\d+$/);

  // The follow-up segment uses the template, so it cannot be deleted; the dialog says why.
  await app.goto(env.server.url, '/templates');
  await t.templates.getByRole('button', { name: 'Delete template SPRING' }).click();
  const deleting = page.getByRole('dialog', { name: 'Delete template SPRING?' });
  await deleting.getByRole('button', { name: 'Delete' }).click();
  await deleting.getByText('The template cannot be deleted because segments use it, such as SEG').waitFor();
  await deleting.getByRole('button', { name: 'Cancel' }).click();
  await t.templates.getByRole('row', { name: /SPRING/ }).waitFor();
}
