// Issue 15 item 6, "Finnish done right", in English and Finnish: counts in their singular and
// plural forms ("1 contact would join" / "Mukaan tulisi 1 yhteyshenkilö", and a Refine that only
// says who would leave), dates shown in each language's form (4 Dec 2026 / 4.12.2026), a date
// typed in the Finnish form into a date field and accepted, a wrong one refused with its message
// tied to the field, and a contact's type typed as the Finnish word (yritys) in a filter.
// Screenshots of each in test-results/ (flow-finnish-*.png), and axe audits.
// Run: node --test e2e/flow_finnish.test.mjs (after trunk build --release)
//
// Like every e2e test it fails on a console error, an uncaught exception, a failed request or a
// request to another host (support.mjs), and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open as openPage, sample, useBrowserAndServer } from './support.mjs';

const env = useBrowserAndServer();

/** The texts this file looks for, as src/ui/catalogue/*.rs has them. */
const T = {
  en: {
    language: 'English',
    segments: 'Segments',
    date: 'Date',
    // The form Lang::date writes in English, e.g. 4 Dec 2026.
    dateShown: /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/,
    addContacts: 'Add contacts…',
    addTitle: 'Add contacts',
    refine: 'Refine…',
    refineTitle: 'Refine contacts',
    field: 'Field',
    filter: 'Filter',
    apply: 'Apply',
    cancel: 'Cancel',
    kindOption: 'Type (company or person)',
    correspondenceOption: 'Correspondence type (paper or email)',
    paper: 'paper',
    company: 'company',
    person: 'person',
    join: (n) => `${n} ${n === 1 ? 'contact' : 'contacts'} would join.`,
    leave: (n) => `${n} ${n === 1 ? 'contact' : 'contacts'} would leave.`,
    anyJoin: /would join/,
    anyLeave: /^\d+ contacts? would leave\.$/,
    added: (n) => `The step was applied: ${n} ${n === 1 ? 'line' : 'lines'} added.`,
  },
  fi: {
    language: 'Suomi',
    segments: 'Segmentit',
    date: 'Päivämäärä',
    dateShown: /^\d{1,2}\.\d{1,2}\.\d{4}$/,
    addContacts: 'Lisää yhteyshenkilöitä…',
    addTitle: 'Lisää yhteyshenkilöitä',
    refine: 'Tarkenna…',
    refineTitle: 'Tarkenna yhteyshenkilöitä',
    field: 'Kenttä',
    filter: 'Suodatin',
    apply: 'Käytä',
    cancel: 'Peruuta',
    kindOption: 'Tyyppi (yritys tai henkilö)',
    correspondenceOption: 'Viestintätapa (paperi tai sähköposti)',
    paper: 'paperi',
    company: 'yritys',
    person: 'henkilö',
    join: (n) => `Mukaan tulisi ${n} ${n === 1 ? 'yhteyshenkilö' : 'yhteyshenkilöä'}.`,
    leave: (n) => `Pois lähtisi ${n} ${n === 1 ? 'yhteyshenkilö' : 'yhteyshenkilöä'}.`,
    anyJoin: /Mukaan tulisi/,
    anyLeave: /^Pois lähtisi \d+ yhteyshenkilöä?\.$/,
    added: (n) => `Vaihe tehtiin: ${n} ${n === 1 ? 'rivi' : 'riviä'} lisättiin.`,
    saveHeader: 'Tallenna otsikkotiedot',
    headerSaved: 'Otsikkotiedot tallennettiin.',
    notADate: 'Tämä ei ole päivämäärä. Kirjoita se muodossa 4.12.2026 tai 2026-12-04.',
  },
};

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });
/** Text as the page shows it, without the invisible isolates around filled-in values. */
const plain = (text) => text.replace(/[\u2068\u2069]/g, '').trim();

async function open() {
  const opened = await openPage(env.browser, { viewport: { width: 1280, height: 860 } });
  opened.page.on('dialog', async (dialog) => {
    opened.problems.push(`javascript dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return opened;
}

/** Imports the shared Google export (companies and persons) through the Contacts page. */
async function importContacts(app, page) {
  await app.goto(env.server.url, '/contacts');
  await page.waitForSelector('html[data-ready]');
  await button(main(page), 'Import contacts').first().click();
  const importing = page.getByRole('dialog', { name: 'Import contacts' });
  await importing.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
  await importing.getByText(/recognised as Google Contacts CSV/).waitFor();
  await button(importing, 'Import').click();
  await importing.getByText(/Imported as batch IMP\d+/).waitFor();
  await button(importing, 'Close').click();
}

/** Gives Sami Korhonen, a person, hard copy as his preferred correspondence. */
async function preferPaper(app, page) {
  await main(page).getByLabel('Search').fill('sami KORHONEN');
  await main(page).getByRole('row').filter({ hasText: 'Sami Korhonen' }).first().click();
  await app.expectHeading('Sami Korhonen');
  await main(page).getByLabel('Preferred correspondence', { exact: true }).selectOption('hard_copy');
  await button(main(page), 'Save').click();
  await main(page).getByText('Saved.').waitFor();
}

/** Chooses the interface language on Settings, as a person does. */
async function chooseLanguage(app, page, lang) {
  await app.goto(env.server.url, '/settings');
  await page.waitForSelector('html[data-ready]');
  await page.getByLabel(T[lang].language, { exact: true }).check();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
}

/** The preview's count line of an open criteria dialog, once it has one. */
async function previewCount(dialog) {
  const count = dialog.locator('.seg-preview-count').first();
  await count.waitFor();
  return plain(await count.innerText());
}

/**
 * Opens Add (or Refine), fills one contact-field row and returns the dialog, its preview count
 * text and the number in it.
 */
async function step(page, lang, kind, field, filter) {
  const t = T[lang];
  await button(main(page), kind === 'add' ? t.addContacts : t.refine).click();
  const dialog = page.getByRole('dialog', { name: kind === 'add' ? t.addTitle : t.refineTitle });
  await dialog.getByLabel(t.field, { exact: true }).selectOption(field);
  await dialog.getByLabel(t.filter, { exact: true }).fill(filter);
  // Wait until the preview follows the filter just typed (it is recomputed as one types).
  await page.waitForTimeout(300);
  const text = await previewCount(dialog);
  return { dialog, text, n: Number(text.match(/\d+/)[0]) };
}

describe('Finnish done right: plural forms, dates, date fields and codes in both languages', () => {
  test('counts, dates, a typed Finnish date and the contact type read right in English and Finnish', async () => {
    const { context, page, problems, app } = await open();
    await importContacts(app, page);
    await preferPaper(app, page);

    // A new segment, still without lines, so its header form is open.
    await app.link('Segments').click();
    await app.expectHeading('Segments');
    await button(main(page), 'New segment').click();
    const create = page.getByRole('dialog', { name: 'New segment' });
    await create.getByLabel('Description').fill('Suomeksi oikein');
    await button(create, 'Create').click();
    await page.waitForURL(/\/segments\/SEG\d{6}$/);
    const path = new URL(page.url()).pathname;

    // English: the date field shows today in the English form, not the browser's.
    const dateEn = main(page).getByLabel(T.en.date, { exact: true });
    assert.match(await dateEn.inputValue(), T.en.dateShown, 'the English date form in the field');
    assert.equal(await dateEn.getAttribute('type'), 'text', 'not the browser\'s own date input');

    // Finnish: the same field in the Finnish form; a day that does not exist is refused with a
    // message tied to the field, and 4.12.2026 is accepted and saved.
    await chooseLanguage(app, page, 'fi');
    await app.goto(env.server.url, path);
    const m = main(page);
    const date = m.getByLabel(T.fi.date, { exact: true });
    assert.match(await date.inputValue(), T.fi.dateShown, 'the Finnish date form in the field');
    await date.fill('31.2.2026');
    await date.press('Tab');
    const message = m.getByText(T.fi.notADate, { exact: true });
    await message.waitFor();
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    const describedBy = (await date.getAttribute('aria-describedby')) ?? '';
    const messageId = await message.getAttribute('id');
    assert.ok(describedBy.split(' ').includes(messageId), `the message is tied to the field (${describedBy})`);
    await app.shot('flow-finnish-date-refused-fi');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility with the date refused');
    // Saving with a text that is not a date does not save the header with the date dropped.
    await button(m, T.fi.saveHeader).click();
    await page.waitForTimeout(300);
    assert.equal(await m.getByText(T.fi.headerSaved).count(), 0, 'nothing saved while the date is wrong');

    await date.fill('4.12.2026');
    await date.press('Tab');
    await message.waitFor({ state: 'detached' });
    assert.equal(await date.getAttribute('aria-invalid'), null, 'valid again');
    await button(m, T.fi.saveHeader).click();
    await m.getByText(T.fi.headerSaved).waitFor();
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    assert.equal(await main(page).getByLabel(T.fi.date, { exact: true }).inputValue(), '4.12.2026');

    // The segments list shows the date in the Finnish form.
    await app.goto(env.server.url, '/segments');
    await app.expectHeading(T.fi.segments);
    await main(page).getByRole('cell', { name: '4.12.2026', exact: true }).waitFor();
    await app.shot('flow-finnish-segments-fi');

    // Finnish counts: one contact by number is singular, the companies (typed as "yritys") are
    // plural, and the Type field's name says yritys or henkilö.
    await app.goto(env.server.url, path);
    const one = await step(page, 'fi', 'add', 'no', 'CT000001');
    assert.equal(one.text, T.fi.join(1));
    await app.shot('flow-finnish-join-one-fi');
    await button(one.dialog, T.fi.apply).click();
    await one.dialog.waitFor({ state: 'hidden' });
    await main(page).getByText(T.fi.added(1), { exact: true }).waitFor();

    const companies = await step(page, 'fi', 'add', 'kind', T.fi.company);
    const option = companies.dialog.getByLabel(T.fi.field, { exact: true }).locator('option[value="kind"]');
    assert.equal((await option.innerText()).trim(), T.fi.kindOption);
    assert.ok(companies.n > 1, `several companies (${companies.n})`);
    assert.equal(companies.text, T.fi.join(companies.n));
    await app.shot('flow-finnish-join-companies-fi');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the Finnish preview');
    await button(companies.dialog, T.fi.apply).click();
    await companies.dialog.waitFor({ state: 'hidden' });
    await main(page).getByText(T.fi.added(companies.n), { exact: true }).waitFor();
    // The step history shows the typed word, not the stored code.
    const history = plain(await main(page).innerText());
    assert.ok(history.includes(`${T.fi.kindOption} = ${T.fi.company}`), 'the history says yritys');
    assert.ok(!history.includes(`= company`), 'and not the code company');

    // The correspondence type is typed as the Finnish word too: "paperi" finds the one person
    // who prefers hard copy (issue 15, item 6).
    const paper = await step(page, 'fi', 'add', 'correspondence_type', T.fi.paper);
    const correspondence = paper.dialog.getByLabel(T.fi.field, { exact: true }).locator('option[value="correspondence_type"]');
    assert.equal((await correspondence.innerText()).trim(), T.fi.correspondenceOption);
    assert.equal(paper.text, T.fi.join(1));
    assert.equal(await paper.dialog.locator('.field-error').count(), 0, 'the word is understood');
    await app.shot('flow-finnish-correspondence-paperi-fi');
    await button(paper.dialog, T.fi.cancel).click();
    await paper.dialog.waitFor({ state: 'hidden' });

    // A Refine can only remove: its preview says who would leave, never "0 … would join".
    const refine = await step(page, 'fi', 'refine', 'kind', T.fi.person);
    assert.match(refine.text, T.fi.anyLeave);
    assert.equal(refine.text, T.fi.leave(refine.n));
    assert.equal(await refine.dialog.getByText(T.fi.anyJoin).count(), 0, 'no join count in a Refine');
    await app.shot('flow-finnish-refine-fi');
    await button(refine.dialog, T.fi.cancel).click();
    await refine.dialog.waitFor({ state: 'hidden' });

    // English: the same in English words, and the saved date in the English form.
    await chooseLanguage(app, page, 'en');
    await app.goto(env.server.url, path);
    const lines = 1 + companies.n;
    await main(page).getByRole('heading', { name: `Lines (${lines})`, exact: true }).waitFor();
    const oneEn = await step(page, 'en', 'add', 'no', 'CT000002');
    // CT000002 may be a company already on the segment; then nobody would join.
    assert.ok(oneEn.text === T.en.join(1) || oneEn.text === T.en.join(0), oneEn.text);
    await button(oneEn.dialog, T.en.cancel).click();
    await oneEn.dialog.waitFor({ state: 'hidden' });
    // Persons are not on the segment yet: typed as the English code, several would join.
    const persons = await step(page, 'en', 'add', 'kind', T.en.person);
    assert.ok(persons.n > 1, `several persons (${persons.n})`);
    assert.equal(persons.text, T.en.join(persons.n));
    await app.shot('flow-finnish-join-persons-en');
    await button(persons.dialog, T.en.cancel).click();
    await persons.dialog.waitFor({ state: 'hidden' });
    const paperEn = await step(page, 'en', 'add', 'correspondence_type', T.en.paper);
    assert.equal(paperEn.text, T.en.join(1), 'paper finds the person who prefers hard copy');
    await button(paperEn.dialog, T.en.cancel).click();
    await paperEn.dialog.waitFor({ state: 'hidden' });
    const refineEn = await step(page, 'en', 'refine', 'kind', T.en.person);
    assert.equal(refineEn.text, T.en.leave(refineEn.n));
    assert.equal(await refineEn.dialog.getByText(T.en.anyJoin).count(), 0, 'no join count in a Refine');
    await app.shot('flow-finnish-refine-en');
    await button(refineEn.dialog, T.en.cancel).click();
    await refineEn.dialog.waitFor({ state: 'hidden' });

    await app.goto(env.server.url, '/segments');
    await app.expectHeading(T.en.segments);
    await main(page).getByRole('cell', { name: '4 Dec 2026', exact: true }).waitFor();
    await app.shot('flow-finnish-segments-en');

    assert.deepEqual(problems, [], 'no console errors, failed requests or dialogs');
    await context.close();
  });
});
