// Letters authoring (issue 15 item 7) and a template's own e-mail (issue 13 item 5): on the
// Templates page a letter's language is picked from a list (no code typed), the letter gets an
// e-mail subject and text with fields, and a live preview merges the letter and the e-mail with a
// contact found by name, in that contact's language, as the text is typed. A segment using the
// template then downloads its e-mail drafts, whose subject and text are the template's e-mail,
// merged for each contact. English and Finnish, with screenshots at 1280×860 and 390×844 and
// axe audits.
// Run: node --test e2e/flow_template.test.mjs (after trunk build --release)
//
// Like every e2e test it fails on a console error, an uncaught exception, a failed request or a
// request to another host (support.mjs), and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SHOTS, useBrowserAndServer } from './support.mjs';
import { DESKTOP, openDesktop, prepareBasics } from './flow_steps.mjs';

const env = useBrowserAndServer();

const PHONE = { width: 390, height: 844 };

/** The texts this file looks for, as src/ui/catalogue/*.rs has them. */
const T = {
  en: {
    language: 'English',
    templates: 'Templates',
    edit: 'Edit template SPRING',
    letterLanguage: 'Language of this letter',
    finnish: 'Finnish (fi)',
    emailSubject: 'E-mail subject',
    emailText: 'E-mail text',
    attaches: 'The e-mail attaches the letter',
    notAttached: 'Not attached',
    find: 'Find a contact',
    contact: 'Contact',
    previewIn: 'The letter in: Finnish (fi)',
    cancel: 'Cancel',
  },
  fi: {
    language: 'Suomi',
    templates: 'Mallit',
    edit: 'Muokkaa mallia SPRING',
    letterLanguage: 'Kirjeen kieli',
    finnish: 'suomi (fi)',
    emailSubject: 'Sähköpostin aihe',
    emailText: 'Sähköpostin teksti',
    attaches: 'Sähköpostin liitteenä on kirje',
    notAttached: 'Ei liitettä',
    find: 'Etsi yhteyshenkilö',
    contact: 'Yhteyshenkilö',
    previewIn: 'Kirjeen kieli: suomi (fi)',
    cancel: 'Peruuta',
  },
};

const open = () => openDesktop(env.browser);

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

const prepare = (app, page) => prepareBasics(app, page, env.server.url);

/** Picks Sami Korhonen (Pohjolan Metalli Oy) in the preview's contact picker, by name. */
async function pickSami(editor, t) {
  await editor.getByLabel(t.find, { exact: true }).fill('sami kor');
  const picker = editor.getByLabel(t.contact, { exact: true });
  const option = picker.locator('option', { hasText: 'Sami Korhonen' }).first();
  await option.waitFor({ state: 'attached' });
  await picker.selectOption(await option.getAttribute('value'));
}

/** The preview's letter, e-mail subject and e-mail text as shown. */
async function previewOf(editor) {
  const preview = editor.locator('section.template-preview');
  return {
    letter: await preview.getByTestId('preview-letter').innerText(),
    subject: await preview.getByTestId('preview-email-subject').innerText(),
    body: await preview.getByTestId('preview-email-body').innerText(),
  };
}

/** Screenshots of the editor with its preview at both sizes, no overflow, and an axe audit. */
async function looks(app, page, lang) {
  const preview = page.locator('section.template-preview');
  await preview.scrollIntoViewIfNeeded();
  await app.shot(`flow-template-1280-${lang}`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of the template editor (${lang})`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await preview.scrollIntoViewIfNeeded();
  await app.shot(`flow-template-390-${lang}`);
  // The full page is too tall to read at a glance: the e-mail and the preview on their own.
  await page.locator('.letter-email').first().screenshot({ path: new URL(`flow-template-email-390-${lang}.png`, SHOTS).pathname });
  await preview.screenshot({ path: new URL(`flow-template-preview-390-${lang}.png`, SHOTS).pathname });
  const { overflow, wide } = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    // The innermost elements reaching past the right edge, to name the culprit.
    wide: [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} in ${el.closest('section')?.className} ${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 8),
  }));
  assert.equal(overflow, 0, `the template editor does not overflow a phone (${lang}): ${wide.join(', ')}`);
  await page.setViewportSize(DESKTOP);
}

/** Chooses the interface language on Settings, as a person does. */
async function chooseLanguage(app, page, lang) {
  await app.goto(env.server.url, '/settings');
  await page.waitForSelector('html[data-ready]');
  await page.getByLabel(T[lang].language, { exact: true }).check();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
}

/** The files of a .zip and their text, read with unzip (part of every Debian test machine). */
async function unzipTexts(path) {
  const run = promisify(execFile);
  const { stdout: list } = await run('unzip', ['-Z1', path]);
  const names = list.split('\n').filter(Boolean);
  const texts = {};
  for (const name of names) {
    const { stdout } = await run('unzip', ['-p', path, name], { maxBuffer: 16 << 20 });
    texts[name] = stdout;
  }
  return texts;
}

/** An RFC 2047 encoded header value as text (B and Q encodings, UTF-8). */
function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind, text) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** The Subject header and the text/plain part of an .eml, decoded. */
function readEml(text) {
  const [head] = text.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n[ \t]/g, ' ');
  const subject = decodeWords(unfolded.match(/^Subject: (.*)$/m)[1]);
  const plainAt = text.indexOf('Content-Type: text/plain');
  const part = text.slice(plainAt);
  const [partHead, ...rest] = part.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n').split(/\r\n--/)[0];
  const plain = /quoted-printable/i.test(partHead)
    ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
    : Buffer.from(body, 'base64').toString('utf8');
  return { subject, plain: plain.replace(/\r\n/g, '\n').trim(), mixed: /multipart\/mixed/.test(head) };
}

describe('letters authoring: a language picked, an e-mail written, a live preview, the drafts', () => {
  test('a template gets a Finnish letter and e-mail, previewed with a picked contact, and its drafts carry the e-mail, in English and Finnish', async () => {
    const { context, page, problems, app } = await open();
    await prepare(app, page);
    const t = T.en;

    // A new template sending e-mail, with one letter whose language is picked from the list.
    const templates = page.getByRole('region', { name: 'Interaction templates' });
    await button(templates, 'New template').click();
    const editor = page.locator('section.template-editor');
    await editor.getByLabel('Code', { exact: true }).fill('spring');
    await editor.getByLabel('Description').fill('Spring offer');
    await editor.getByLabel('Default correspondence type').selectOption({ label: 'E-mail' });
    await editor.getByLabel("Ignore the contact's correspondence type").check();
    await button(editor, 'Add a letter').click();
    const item = editor.locator('section.letter-item').first();
    const languages = await item.getByLabel(t.letterLanguage, { exact: true }).locator('option').allInnerTexts();
    assert.ok(languages.includes(t.finnish) && languages.includes('Swedish (sv)'), `languages offered: ${languages}`);
    await item.getByLabel(t.letterLanguage, { exact: true }).selectOption('fi');
    const letter = editor.getByRole('region', { name: 'Letter: fi' });
    await letter.getByLabel('Subject', { exact: true }).fill('Kevään tarjous');
    await letter.getByLabel('Letter text').fill('{{mail_address}}\n\nHyvä {{first_name}},\n\nkevään tarjous on tässä.');

    // The preview follows the contact picked and every keystroke.
    await pickSami(editor, t);
    const preview = editor.locator('section.template-preview');
    await preview.getByText(t.previewIn, { exact: true }).waitFor();
    await preview.getByTestId('preview-letter').getByText('Hyvä Sami,').waitFor();
    let shown = await previewOf(editor);
    assert.match(shown.letter, /^Sami Korhonen\nPohjolan Metalli Oy\n/, `the letter prints the address: ${shown.letter}`);
    assert.equal(shown.subject, 'Kevään tarjous', 'without an e-mail subject the letter subject is used');
    assert.equal(shown.body, 'Hyvä Sami,\n\nkevään tarjous on tässä.', 'without an e-mail text the letter is used, without the address');

    // The e-mail of this language: its own subject and text with fields, nothing attached.
    await letter.getByLabel(t.emailSubject, { exact: true }).fill('Tarjous {{company_name}}lle');
    const body = letter.getByLabel(t.emailText, { exact: true });
    await body.fill('Hei ');
    await letter.locator('.letter-email').getByLabel('Field to insert').selectOption('first_name');
    await button(letter.locator('.letter-email'), 'Insert field').click();
    await body.press('End');
    await body.type('!\n\nTarjous on liitteenä.');
    await letter.getByLabel(t.attaches, { exact: true }).selectOption({ label: t.notAttached });
    await preview.getByTestId('preview-email-subject').getByText('Tarjous Pohjolan Metalli Oylle').waitFor();
    shown = await previewOf(editor);
    assert.equal(shown.body, 'Hei Sami!\n\nTarjous on liitteenä.');
    assert.match(shown.letter, /Hyvä Sami,/, 'the letter itself is unchanged');

    // A mistyped field is shown where it is, and the preview waits for it to be fixed.
    await body.fill('Hei {{frist_name}}');
    await letter.getByText('unknown field “frist_name”. Did you mean “first_name”?', { exact: false }).first().waitFor();
    await preview.getByText('The preview appears once the problems below are fixed.').waitFor();
    await body.fill('Hei {{first_name}}!\n\nTarjous on liitteenä.');
    await preview.getByTestId('preview-email-body').getByText('Hei Sami!').waitFor();
    await looks(app, page, 'en');

    await button(editor, 'Save template').click();
    await templates.getByText('Template SPRING saved.').waitFor();

    // A segment of the template's contacts in Tampere, and its e-mail drafts.
    await app.link('Segments').click();
    await app.expectHeading('Segments');
    await button(main(page), 'New segment').click();
    const create = page.getByRole('dialog', { name: 'New segment' });
    await create.getByLabel('Description').fill('Spring offer');
    await create.getByLabel('Salesperson').selectOption('JD');
    await create.getByLabel('Interaction template').selectOption('SPRING');
    await button(create, 'Create').click();
    await page.waitForURL(/\/segments\/SEG\d{6}$/);
    await button(main(page), 'Add contacts…').click();
    const add = page.getByRole('dialog', { name: 'Add contacts' });
    await add.getByLabel('Field', { exact: true }).selectOption('surname');
    await add.getByLabel('Filter', { exact: true }).fill('Korhonen');
    await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
    await button(add, 'Apply').click();
    await add.waitFor({ state: 'hidden' });

    const panel = page.getByRole('region', { name: 'Letter', exact: true });
    const downloads = panel.getByRole('region', { name: 'Downloads' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      button(downloads, 'E-mail drafts (.zip)').click(),
    ]);
    const path = fileURLToPath(new URL('flow-template-drafts.zip', SHOTS));
    await download.saveAs(path);
    const drafts = await unzipTexts(path);
    const samiName = Object.keys(drafts).find((name) => name.includes('Sami Korhonen'));
    assert.ok(samiName, `a draft for Sami Korhonen among ${Object.keys(drafts)}`);
    const sami = readEml(drafts[samiName]);
    assert.equal(sami.subject, 'Tarjous Pohjolan Metalli Oylle');
    assert.equal(sami.plain, 'Hei Sami!\n\nTarjous on liitteenä.');
    assert.equal(sami.mixed, false, 'nothing attached, as the template chose');
    for (const [name, text] of Object.entries(drafts)) {
      const draft = readEml(text);
      const first = name.split(' - ').pop().split(' ')[0];
      assert.equal(draft.plain, `Hei ${first}!\n\nTarjous on liitteenä.`, `${name} greets its own contact`);
      assert.doesNotMatch(draft.subject + draft.plain, /\{\{|undefined/);
    }

    // Finnish: the same editor, picker and preview in the other language.
    await chooseLanguage(app, page, 'fi');
    const f = T.fi;
    await app.goto(env.server.url, '/templates');
    await app.expectHeading(f.templates);
    await button(page.getByRole('region', { name: 'Vuorovaikutusmallit' }), f.edit).click();
    const editorFi = page.locator('section.template-editor');
    const itemFi = editorFi.locator('section.letter-item').first();
    assert.equal(
      await itemFi.getByLabel(f.letterLanguage, { exact: true }).locator('option:checked').innerText(),
      f.finnish,
      'the saved language is chosen, named in Finnish',
    );
    assert.equal(await itemFi.getByLabel(f.emailSubject, { exact: true }).inputValue(), 'Tarjous {{company_name}}lle');
    assert.equal(
      await itemFi.getByLabel(f.attaches, { exact: true }).locator('option:checked').innerText(),
      f.notAttached,
    );
    await pickSami(editorFi, f);
    await editorFi.locator('section.template-preview').getByText(f.previewIn, { exact: true }).waitFor();
    await editorFi.getByTestId('preview-email-subject').getByText('Tarjous Pohjolan Metalli Oylle').waitFor();
    await looks(app, page, 'fi');
    await button(editorFi, f.cancel).click();

    assert.deepEqual(problems, []);
    await context.close();
  });
});
