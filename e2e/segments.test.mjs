// End-to-end journeys of the Segments area against the release build (dist/): import a Google
// Contacts export through the Contacts page, create a segment, Add contacts by city with the live
// preview, an error shown at the field and "or" groups, Refine, Go back, remove and restore a line,
// save the criteria and find it all after a reload; then classification filters, a manual line, the
// header's question about the lines, CSV export, opportunities, a mailing group, reused criteria
// with their difference, deleting, and the criteria dialog in Finnish.
// Run: node --test e2e/segments.test.mjs
//
// Every test fails on a console error, an uncaught exception, a failed request or a request to
// another host (support.mjs), and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open as openPage, sample, useBrowserAndServer } from './support.mjs';

const DATA = (name) => sample(name);

// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

async function open(options = {}) {
  const opened = await openPage(env.browser, options);
  opened.page.on('dialog', async (dialog) => {
    opened.problems.push(`javascript dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { ...opened, segments: new SegmentsPage(opened.page, opened.app) };
}

/** The Segments area as a person finds it: by roles, labels and visible text. */
class SegmentsPage {
  constructor(page, app) {
    this.page = page;
    this.app = app;
  }
  get main() {
    return this.page.getByRole('main');
  }
  dialog(name) {
    return this.page.getByRole('dialog', { name });
  }
  button(name, scope = this.main) {
    return scope.getByRole('button', { name, exact: true });
  }
  /** The number in the "Lines (N)" heading. */
  async lineCount() {
    const text = await this.main.getByRole('heading', { name: /^Lines \(\d+\)$/ }).innerText();
    return Number(text.match(/\d+/)[0]);
  }
  async waitForLines(count) {
    await this.main.getByRole('heading', { name: `Lines (${count})`, exact: true }).waitFor();
  }
  /** The count of "N contacts would join/leave" in a dialog's preview. */
  async previewCount(dialog, side) {
    const text = await dialog.getByText(new RegExp(`^\\d+ contacts? would ${side}\\.`)).first().innerText();
    return Number(text.match(/^\d+/)[0]);
  }
  async waitForPreview(dialog, side, count) {
    await dialog.getByText(new RegExp(`^${count} ${count === 1 ? 'contact' : 'contacts'} would ${side}\\.`)).first().waitFor();
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

describe('segments', () => {
  test('build a segment with Add, Refine and Go back, save its criteria, find it after a reload', async () => {
    const { context, page, problems, app, segments } = await open();
    await importContacts(app, page);

    await app.link('Segments').click();
    await app.expectHeading('Segments');
    assert.doesNotMatch(await segments.main.innerText(), /Coming with issue/);
    await segments.main.getByText('No segments yet.', { exact: false }).waitFor();
    await app.shot('segments-empty');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the empty list');

    // New segment: the dialog creates it and opens its page.
    await segments.button('New segment').click();
    const create = segments.dialog('New segment');
    await create.getByLabel('Description').fill('Spring customer letter');
    await segments.button('Create', create).click();
    await page.waitForURL(/\/segments\/SEG\d{6}$/);
    await page.waitForFunction(() => / · Spring customer letter$/.test(document.querySelector('main h1')?.textContent ?? ''));
    assert.match(await segments.main.locator('h1').innerText(), /^SEG\d{6} · Spring customer letter$/);
    const segmentPath = new URL(page.url()).pathname;
    await segments.waitForLines(0);
    assert.equal(await segments.button('Go back').isDisabled(), true, 'nothing to undo yet');
    await app.shot('segment-new');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of a new segment');

    // Add contacts: the preview follows the typing, and a malformed filter is an error at the
    // field with its position, never a silent match-all.
    await segments.button('Add contacts…').click();
    const add = segments.dialog('Add contacts');
    await add.getByLabel('Field', { exact: true }).selectOption('city');
    const filter = add.getByLabel('Filter', { exact: true });
    await filter.fill('Tampere');
    await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
    const tampere = await segments.previewCount(add, 'join');
    assert.ok(tampere > 0, 'someone lives in Tampere');

    await filter.fill('..');
    await add.getByText(/At character 1:/).waitFor();
    assert.equal(await filter.getAttribute('aria-invalid'), 'true');
    assert.equal(await segments.button('Apply', add).isDisabled(), true, 'Apply waits for a valid filter');
    await add.getByText('Correct the marked filters', { exact: false }).waitFor();
    await app.shot('segment-criteria-error');

    await filter.fill('Tampere|Helsinki');
    await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
    const both = await segments.previewCount(add, 'join');
    assert.ok(both > tampere, `Helsinki adds people (${both} against ${tampere})`);
    assert.equal(await segments.button('Apply', add).isDisabled(), false);

    // The same as two "or" groups; a Not turns the second group around.
    await filter.fill('Tampere');
    await segments.waitForPreview(add, 'join', tampere);
    await segments.button('Add “or” group', add).click();
    await add.getByLabel('Field', { exact: true }).nth(1).selectOption('city');
    await add.getByLabel('Filter', { exact: true }).nth(1).fill('Helsinki');
    await segments.waitForPreview(add, 'join', both);
    await add.getByLabel('Not', { exact: true }).nth(1).check();
    await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
    await page.waitForFunction(
      (n) => Number(document.querySelector('dialog[open] .seg-preview-count')?.textContent.match(/^\d+/)?.[0]) > n,
      both,
    );
    await add.getByLabel('Not', { exact: true }).nth(1).uncheck();
    await segments.waitForPreview(add, 'join', both);
    await app.shot('segment-criteria-dialog');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the criteria dialog');
    await segments.button('Apply', add).click();
    await add.waitFor({ state: 'hidden' });
    await segments.waitForLines(both);
    await segments.main.getByText(`The step was applied: ${both} lines added.`).waitFor();

    // Refine to Tampere: only those stay.
    await segments.button('Refine…').click();
    const refine = segments.dialog('Refine contacts');
    await refine.getByLabel('Field', { exact: true }).selectOption('city');
    await refine.getByLabel('Filter', { exact: true }).fill('Tampere');
    await segments.waitForPreview(refine, 'leave', both - tampere);
    await segments.button('Apply', refine).click();
    await refine.waitFor({ state: 'hidden' });
    await segments.waitForLines(tampere);
    const history = segments.main.getByRole('region', { name: 'Criteria history' });
    assert.equal(await history.getByRole('listitem').filter({ hasText: /^Refine/ }).count(), 1);
    assert.match(await history.innerText(), /City = Tampere or City = Helsinki/);
    // Each step says what it did and nothing it did not: an Add only adds, a Refine only removes.
    const counts = await history.locator('.seg-step-counts').allInnerTexts();
    assert.deepEqual(counts, [`${both} lines added`, `${both - tampere} lines removed`]);

    // Go back asks first, then the removed lines return.
    await segments.button('Go back').click();
    const goBack = segments.dialog('Go back');
    assert.match(await goBack.innerText(), new RegExp(`the ${both - tampere} lines it removed come back`));
    await segments.button('Undo the step', goBack).click();
    await segments.waitForLines(both);
    assert.equal(await history.getByText(/^Refine/).count(), 0, 'the step left the history');

    // Open a line, give it a comment.
    await segments.main.getByRole('table', { name: 'Segment lines' }).getByRole('row').nth(1).click();
    const line = page.getByRole('dialog', { name: /^Line: / });
    await line.getByLabel('Comment').fill('Met at the Tampere fair');
    await segments.button('Save', line).click();
    await line.waitFor({ state: 'hidden' });
    await segments.main.getByTitle('Met at the Tampere fair').waitFor();

    // Remove that contact by hand, then undo: the line comes back exactly, comment included.
    await segments.main.getByRole('table', { name: 'Segment lines' }).getByRole('row').nth(1).click();
    const again = page.getByRole('dialog', { name: /^Line: / });
    await segments.button('Remove from segment', again).click();
    await segments.waitForLines(both - 1);
    assert.equal(await segments.main.getByTitle('Met at the Tampere fair').count(), 0);
    assert.match(await history.innerText(), /Contact removed by hand/);
    await segments.button('Go back').click();
    await segments.button('Undo the step', segments.dialog('Go back')).click();
    await segments.waitForLines(both);
    await segments.main.getByTitle('Met at the Tampere fair').waitFor();

    // With nothing saved yet, Reuse criteria says how criteria get saved instead of an empty choice.
    await segments.button('Reuse criteria…').click();
    const empty = segments.dialog('Reuse criteria');
    await empty.getByText(/^No criteria are saved yet\. On a segment whose criteria steps you want to keep/).waitFor();
    assert.equal(await empty.getByLabel('Saved criteria').count(), 0);
    await empty.getByRole('button', { name: 'Cancel', exact: true }).click();
    await empty.waitFor({ state: 'hidden' });

    // Save the criteria.
    await segments.button('Save criteria…').click();
    const save = segments.dialog('Save criteria');
    await save.getByLabel('Code').fill('cities');
    await segments.button('Save', save).click();
    await save.waitFor({ state: 'hidden' });
    await segments.main.getByText('The criteria were saved as CITIES.').waitFor();
    await app.shot('segment-built');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the segment page');

    // Everything is still there after a reload.
    await page.reload();
    await app.link('Segments').click();
    await app.expectHeading('Segments');
    const row = segments.main.getByRole('row').filter({ hasText: 'Spring customer letter' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`\\b${both}\\b`));
    assert.match(await segments.main.getByRole('region', { name: 'Saved criteria' }).innerText(), /CITIES/);
    await app.shot('segments-list');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the list');
    await row.click();
    await page.waitForURL((url) => url.pathname === segmentPath);
    await segments.waitForLines(both);
    await segments.main.getByTitle('Met at the Tampere fair').waitFor();

    // On a phone the page and the criteria dialog fit the screen; the lines table scrolls inside.
    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok((await overflow()) <= 0, 'the segment page fits a phone');
    await app.shot('segment-phone');
    await segments.button('Refine…').click();
    await segments.dialog('Refine contacts').getByLabel('Filter', { exact: true }).fill('Tampere');
    assert.ok((await overflow()) <= 0, 'the criteria dialog fits a phone');
    await app.shot('segment-criteria-phone');
    await segments.button('Cancel', segments.dialog('Refine contacts')).click();

    await context.close();
    assert.deepEqual(problems, []);
  });

  test('classification filters, a manual line, the header, export, opportunities, reuse and delete', async () => {
    const { context, page, problems, app, segments } = await open();
    await importContacts(app, page);
    await app.link('Segments').click();
    await app.expectHeading('Segments');

    await segments.button('New segment').click();
    let create = segments.dialog('New segment');
    await create.getByLabel('Description').fill('Newsletter');
    await segments.button('Create', create).click();
    await page.waitForURL(/\/segments\/SEG\d{6}$/);
    const firstPath = new URL(page.url()).pathname;

    // A mailing group filter, typed in lower case, finds the imported "Newsletter" label.
    await segments.button('Add contacts…').click();
    const add = segments.dialog('Add contacts');
    await add.getByText('Classifications', { exact: true }).click();
    await add.getByLabel('Mailing group', { exact: true }).fill('newsletter');
    await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
    const members = await segments.previewCount(add, 'join');
    assert.ok(members > 0, 'the import made a Newsletter mailing group');
    await segments.button('Apply', add).click();
    await segments.waitForLines(members);

    // One contact by hand: found by search, added, and counted as a step.
    await segments.button('Add a contact…').click();
    const manual = segments.dialog('Add a contact');
    await manual.getByLabel('Search contacts').fill('korhonen');
    await manual.getByRole('button', { name: /^Add / }).first().click();
    await manual.getByText(/was added to the segment/).waitFor();
    await app.shot('segment-add-contact');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the contact search');
    await segments.button('Close', manual).click();
    await segments.waitForLines(members + 1);

    // A template made on the Templates page; picking it asks whether all lines take it.
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
    await editor.getByRole('button', { name: 'Save template' }).click();
    await templates.getByText('Template SPRING saved.').waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === firstPath);
    await segments.waitForLines(members + 1);
    // With lines the header is a summary; its fields open on request.
    await segments.button('Show all fields').click();
    await segments.main.getByLabel('Interaction template').selectOption('SPRING');
    const change = segments.dialog('Change the template');
    assert.match(await change.innerText(), /apply SPRING to all segment lines/);
    await app.shot('segment-template-question');
    await segments.button('Yes, all lines', change).click();
    await segments.main.getByText('The template was changed.').waitFor();
    const firstLine = segments.main.getByRole('table', { name: 'Segment lines' }).getByRole('row').nth(1);
    await firstLine.getByText('Hard copy').waitFor();

    // A header change asks whether the lines that use the template follow; yes updates them.
    await segments.main.getByLabel('Description', { exact: true }).fill('Newsletter, spring');
    await segments.button('Save header').click();
    const propagate = segments.dialog('Update the lines?');
    assert.match(await propagate.innerText(), /whose interaction template is SPRING\?/);
    await segments.button('Yes, update the lines', propagate).click();
    await segments.main.getByText('The header was saved.').waitFor();
    await segments.main.getByRole('table', { name: 'Segment lines' }).getByRole('row').nth(1).click();
    const line = page.getByRole('dialog', { name: /^Line: / });
    assert.equal(await line.getByLabel('Description').inputValue(), 'Newsletter, spring');
    await app.shot('segment-line-dialog');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the line dialog');
    await segments.button('Cancel', line).click();

    // The lines as CSV, for Excel: a byte-order mark and the stable column names.
    // The rarer functions are under "More".
    await segments.button('More').click();
    const [csv] = await Promise.all([page.waitForEvent('download'), segments.button('Export lines (CSV)').click()]);
    assert.match(csv.suggestedFilename(), /^SEG\d{6}-lines\.csv$/);
    const bytes = await readFile(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.match(text, /^\uFEFFline_no,contact_no,name,/);
    assert.equal(text.trim().split('\r\n').length, members + 2);

    await segments.button('More').click();
    await segments.button('Create opportunities').click();
    // It asks first, saying how many for which segment (issue 15, item 3).
    const asking = page.getByRole('dialog', { name: 'Create opportunities' });
    await asking.getByText(new RegExp(`^Create ${members + 1} opportunities for segment SEG\\d{6} `)).waitFor();
    await asking.getByRole('button', { name: 'Create', exact: true }).click();
    await segments.main.getByText(`${members + 1} opportunities were created.`).waitFor();

    // A mailing group for everyone on the segment.
    await segments.button('More').click();
    await segments.button('Apply mailing group…').click();
    const mailing = segments.dialog('Apply a mailing group');
    await mailing.getByLabel('Mailing group', { exact: true }).selectOption({ index: 1 });
    await segments.button('Apply', mailing).click();
    await segments.main.getByText(/^Mailing group \S+ applied/).waitFor();

    await segments.button('Save criteria…').click();
    const save = segments.dialog('Save criteria');
    await save.getByLabel('Code').fill('NEWS');
    await segments.button('Save', save).click();
    await segments.main.getByText('The criteria were saved as NEWS.').waitFor();

    // Replaying the criteria on a new segment shows who would join before it is applied.
    await segments.main.getByRole('link', { name: '← All segments' }).click();
    await app.expectHeading('Segments');
    await segments.button('New segment').click();
    create = segments.dialog('New segment');
    await create.getByLabel('Description').fill('Follow-up');
    await segments.button('Create', create).click();
    await page.waitForURL((url) => /\/segments\/SEG\d{6}$/.test(url.pathname) && url.pathname !== firstPath);
    await segments.button('Reuse criteria…').click();
    const reuse = segments.dialog('Reuse criteria');
    await reuse.getByLabel('Saved criteria').selectOption('NEWS');
    await segments.waitForPreview(reuse, 'join', members + 1);
    await app.shot('segment-reuse-criteria');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the reuse dialog');
    await segments.button('Apply', reuse).click();
    await segments.waitForLines(members + 1);
    const history = segments.main.getByRole('region', { name: 'Criteria history' });
    assert.match(await history.innerText(), /Mailing group: NEWSLETTER/);
    assert.match(await history.innerText(), /Contact added by hand/);

    // Delete it: back to the list, where only the first segment is left.
    await segments.button('Delete segment').click();
    await segments.button('Delete', segments.dialog('Delete segment')).click();
    await app.expectHeading('Segments');
    await segments.main.getByRole('row').filter({ hasText: 'Newsletter, spring' }).waitFor();
    assert.equal(await segments.main.getByRole('row').filter({ hasText: 'Follow-up' }).count(), 0);

    // In Finnish: the page, the criteria dialog and a filter error read naturally.
    await app.link('Settings').click();
    await page.getByLabel('Suomi').check();
    await app.link('Segmentit').click();
    await app.expectHeading('Segmentit');
    await segments.main.getByRole('row').filter({ hasText: 'Newsletter, spring' }).click();
    await page.waitForURL((url) => url.pathname === firstPath);
    await segments.main.getByRole('heading', { name: `Rivit (${members + 1})`, exact: true }).waitFor();
    await segments.button('Lisää yhteyshenkilöitä…').click();
    const lisaa = segments.dialog('Lisää yhteyshenkilöitä');
    await lisaa.getByLabel('Suodatin', { exact: true }).fill('a|');
    await lisaa.getByText(/^Merkin \d+ kohdalla:/).waitFor();
    await app.shot('segment-criteria-fi');
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the Finnish criteria dialog');
    await segments.button('Peruuta', lisaa).click();
    await app.shot('segment-fi');

    await context.close();
    assert.deepEqual(problems, []);
  });
});
