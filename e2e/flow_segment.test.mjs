// The everyday flow of issue 15, item 1: the segment page's hierarchy (Log the one primary
// action, the criteria steps together, the rarer functions under "More", Delete apart and
// confirmed, the header collapsed to a summary once there are lines, the lines the page's main
// content at full width with the columns a user needs and a mark for own values), and the logged
// segment and interaction log pages without sideways scrolling at 1280 px and without overflow on
// a phone 390 px wide; each in English and in Finnish, with screenshots and axe audits.
// Run: node --test e2e/flow_segment.test.mjs (after trunk build --release)
//
// Like every e2e test it fails on a console error, an uncaught exception, a failed request or a
// request to another host (support.mjs), and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer } from './support.mjs';
import { DESKTOP, openDesktop, prepareSpring } from './flow_steps.mjs';

const env = useBrowserAndServer();

const PHONE = { width: 390, height: 844 };

/** The names this file looks for, as src/ui/catalogue/*.rs has them. */
const T = {
  en: {
    language: 'English',
    settings: 'Settings',
    log: 'Log…',
    criteria: 'Criteria',
    criteriaButtons: ['Add contacts…', 'Reduce…', 'Refine…', 'Go back', 'Save criteria…', 'Reuse criteria…'],
    more: 'More',
    moreButtons: ['Reuse logged segment…', 'Apply mailing group…', 'Export lines (CSV)', 'Create opportunities'],
    deleteSegment: 'Delete segment',
    cancel: 'Cancel',
    showFields: 'Show all fields',
    hideFields: 'Hide fields',
    saveHeader: 'Save header',
    summary: /Template: SPRING Spring newsletter · \d{1,2} [A-Z][a-z]{2} \d{4} · Salesperson: JD/,
    columns: ['Contact no.', 'Name', 'Company', 'Correspondence', 'Language', 'Salesperson', 'Date', 'Own', 'Comment'],
    lines: (n) => `Lines (${n})`,
    line: (name) => `Line: ${name}`,
    subject: 'Subject',
    comment: 'Comment',
    save: 'Save',
    ownValues: 'Own values: Subject',
    loggedSegment: (no) => `Logged segment ${no}`,
    interactionLog: 'Interaction log',
    markCanceled: 'Mark canceled',
  },
  fi: {
    language: 'Suomi',
    settings: 'Asetukset',
    log: 'Kirjaa…',
    criteria: 'Ehdot',
    criteriaButtons: ['Lisää yhteyshenkilöitä…', 'Vähennä…', 'Tarkenna…', 'Peru viimeisin vaihe', 'Tallenna ehdot…', 'Käytä tallennettuja ehtoja…'],
    more: 'Lisää toimintoja',
    moreButtons: ['Käytä kirjattua segmenttiä…', 'Liitä postitusryhmä…', 'Vie rivit (CSV)', 'Luo myyntimahdollisuudet'],
    deleteSegment: 'Poista segmentti',
    cancel: 'Peruuta',
    showFields: 'Näytä kaikki kentät',
    hideFields: 'Piilota kentät',
    saveHeader: 'Tallenna otsikkotiedot',
    summary: /Malli: SPRING Spring newsletter · \d{1,2}\.\d{1,2}\.\d{4} · Myyjä: JD/,
    columns: ['Nro', 'Nimi', 'Yritys', 'Viestintätapa', 'Kieli', 'Myyjä', 'Päivämäärä', 'Oma', 'Kommentti'],
    lines: (n) => `Rivit (${n})`,
    line: (name) => `Rivi: ${name}`,
    subject: 'Aihe',
    comment: 'Kommentti',
    save: 'Tallenna',
    ownValues: 'Omat arvot: Aihe',
    loggedSegment: (no) => `Kirjattu segmentti ${no}`,
    interactionLog: 'Vuorovaikutusloki',
    markCanceled: 'Merkitse peruutetuksi',
  },
};

const open = () => openDesktop(env.browser);

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

const prepare = (app, page) => prepareSpring(app, page, env.server.url);

/** A segment of the contacts in Tampere or Helsinki; returns its path and line count. */
async function makeSegment(app, page) {
  await app.link('Segments').click();
  await app.expectHeading('Segments');
  await button(main(page), 'New segment').click();
  const create = page.getByRole('dialog', { name: 'New segment' });
  await create.getByLabel('Description').fill('Spring letter to the customers of the south and Tampere');
  await create.getByLabel('Salesperson').selectOption('JD');
  await create.getByLabel('Interaction template').selectOption('SPRING');
  await button(create, 'Create').click();
  await page.waitForURL(/\/segments\/SEG\d{6}$/);
  await main(page).getByRole('heading', { name: 'Lines (0)', exact: true }).waitFor();
  // A new segment shows its header's fields: they are set before any line exists.
  assert.equal(await button(main(page), 'Save header').isVisible(), true, 'the header is open while there are no lines');

  await button(main(page), 'Add contacts…').click();
  const add = page.getByRole('dialog', { name: 'Add contacts' });
  await add.getByLabel('Field', { exact: true }).selectOption('city');
  await add.getByLabel('Filter', { exact: true }).fill('Tampere|Helsinki|Espoo');
  const count = add.getByText(/^\d+ contacts? would join\./).first();
  await count.waitFor();
  const joining = Number((await count.innerText()).match(/^\d+/)[0]);
  assert.ok(joining >= 5, `enough contacts to fill a table (${joining})`);
  await button(add, 'Apply').click();
  await add.waitFor({ state: 'hidden' });
  await main(page).getByRole('heading', { name: `Lines (${joining})`, exact: true }).waitFor();
  return { path: new URL(page.url()).pathname, lines: joining };
}

/** Chooses the interface language on Settings, as a person does. */
async function chooseLanguage(app, page, lang) {
  await app.goto(env.server.url, '/settings');
  await page.waitForSelector('html[data-ready]');
  await page.getByLabel(T[lang].language, { exact: true }).check();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
}

/** How far the page and every scroller in <main> run past their right edge, in pixels. */
async function overflow(page) {
  return page.evaluate(() => {
    const page = document.documentElement.scrollWidth - window.innerWidth;
    const inner = [...document.querySelectorAll('main *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        return ['auto', 'scroll'].includes(style.overflowX) && el.getClientRects().length > 0;
      })
      .map((el) => ({ what: el.className || el.tagName, by: el.scrollWidth - el.clientWidth }))
      .filter((s) => s.by > 1);
    return { page, inner };
  });
}

/**
 * The texts of at most `longest` characters in the lines table's `columns` that are cut short
 * (an ellipsis shows). Longer values may be cut: nine columns share about 930 px at 1280 px.
 */
async function cutCells(page, columns, longest) {
  return page.evaluate(([columns, longest]) => {
    const rows = [...document.querySelectorAll('.seg-lines-table tbody tr:not(.spacer)')];
    const cut = [];
    for (const row of rows) {
      for (const index of columns) {
        const cell = row.children[index];
        if (!cell || cell.textContent.length > longest) continue;
        // The text's own width against the room inside the cell: an ellipsis only paints over
        // the overflow, the text keeps its width.
        const range = document.createRange();
        range.selectNodeContents(cell);
        const style = getComputedStyle(cell);
        const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (range.getBoundingClientRect().width > room + 0.5) cut.push(cell.textContent);
      }
    }
    return cut;
  }, [columns, longest]);
}

/** The column names of the tables in <main> that do not fit their column. */
async function cutHeaders(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main thead th')]
      .filter((th) => th.getClientRects().length > 0)
      .filter((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const style = getComputedStyle(th);
        const room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return range.getBoundingClientRect().width > room + 0.5;
      })
      .map((th) => th.textContent),
  );
}

/** The segment page's hierarchy, the same way in each language. */
async function checkSegmentPage(app, page, lang, lines) {
  const t = T[lang];
  const m = main(page);
  await m.getByRole('heading', { name: t.lines(lines), exact: true }).waitFor();

  // One primary action, Log, first in the toolbar.
  const toolbar = m.locator('.seg-toolbar');
  const primaries = toolbar.locator('button.primary');
  assert.equal(await primaries.count(), 1, 'one primary action');
  assert.equal(await primaries.innerText(), t.log);
  assert.equal(await toolbar.locator('button').first().innerText(), t.log, 'Log comes first');

  // The criteria steps together, in one named group.
  const group = toolbar.getByRole('group', { name: t.criteria, exact: true });
  assert.deepEqual(await group.getByRole('button').allInnerTexts(), t.criteriaButtons);

  // The rarer functions wait behind "More": shown on click, hidden again by Escape, which
  // gives the focus back to "More".
  const more = button(toolbar, t.more);
  for (const name of t.moreButtons) assert.equal(await button(m, name).isVisible(), false, `${name} waits under More`);
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  for (const name of t.moreButtons) assert.equal(await button(m, name).isVisible(), true, `${name} shows under More`);
  await app.shot(`flow-segment-more-${lang}`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility with More open (${lang})`);
  await page.keyboard.press('Escape');
  await button(m, t.moreButtons[0]).waitFor({ state: 'hidden' });
  assert.equal(await more.evaluate((el) => el === document.activeElement), true, 'Escape returns to More');

  // Delete is the toolbar's last button, at its far end, and asks first; Cancel keeps everything.
  const remove = button(toolbar, t.deleteSegment);
  assert.equal(await toolbar.locator('button:visible').last().innerText(), t.deleteSegment);
  const [logBox, deleteBox, barBox] = await Promise.all([primaries.boundingBox(), remove.boundingBox(), toolbar.boundingBox()]);
  assert.ok(deleteBox.x - (logBox.x + logBox.width) > 300, 'Delete is far from Log');
  assert.ok(barBox.x + barBox.width - (deleteBox.x + deleteBox.width) < 2, 'Delete ends the toolbar');
  await remove.click();
  const asking = page.getByRole('dialog', { name: t.deleteSegment });
  await asking.waitFor();
  await button(asking, t.cancel).click();
  await asking.waitFor({ state: 'hidden' });
  await m.getByRole('heading', { name: t.lines(lines), exact: true }).waitFor();

  // With lines, the header is one summary line; its fields open and close on request.
  const toggle = button(m, t.showFields);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await button(m, t.saveHeader).isVisible(), false, 'the header form is closed');
  assert.match(await m.locator('.seg-header-summary').innerText(), t.summary);

  // The lines: the columns a user needs, full width, nothing cut at 1280 px.
  await app.shot(`flow-segment-1280-${lang}`);
  const headers = await m.locator('.seg-lines-table thead th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.replace(/\u00ad/g, '').trim()), t.columns);
  const table = await m.locator('.seg-lines-table').boundingBox();
  const width = await page.evaluate(() => window.innerWidth);
  assert.ok(table.width > 900, `the lines are wide (${table.width} px)`);
  assert.ok(width - (table.x + table.width) < 80, 'the lines reach the right side of the page');
  assert.deepEqual(await cutCells(page, [0, 1, 2, 3, 4, 5, 6], 22), [], 'no number, code, or name or company of up to 22 characters is cut');
  assert.deepEqual(await cutHeaders(page), [], 'every column name fits');
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, 'nothing scrolls sideways at 1280 px');
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of the segment page (${lang})`);

  await toggle.click();
  assert.equal(await button(m, t.hideFields).getAttribute('aria-expanded'), 'true');
  await button(m, t.saveHeader).waitFor();
  await app.shot(`flow-segment-header-open-${lang}`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility with the header open (${lang})`);
  await button(m, t.hideFields).click();
  await button(m, t.saveHeader).waitFor({ state: 'hidden' });

  // On a phone: nothing runs off the side, the table keeps name, company and marks.
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, 'nothing overflows on a phone');
  const phoneHeaders = await m.locator('.seg-lines-table thead th:visible').allInnerTexts();
  assert.deepEqual(phoneHeaders.map((h) => h.replace(/\u00ad/g, '').trim()), [t.columns[1], t.columns[2], t.columns[7]]);
  assert.deepEqual(await cutHeaders(page), [], 'every column name fits on a phone');
  await app.shot(`flow-segment-390-${lang}`);
  await more.click();
  const list = await m.locator('.more-menu-list').boundingBox();
  assert.ok(list.x >= 0 && list.x + list.width <= PHONE.width, 'the More list fits the phone');
  await app.shot(`flow-segment-390-more-${lang}`);
  await page.keyboard.press('Escape');
  await page.setViewportSize(DESKTOP);
}

/** Opens the first line from the keyboard (`key`), gives it its own subject and a comment. */
async function editFirstLine(page, lang, key) {
  const t = T[lang];
  const m = main(page);
  const row = m.locator('.seg-lines-table tbody tr.clickable').first();
  const name = (await row.locator('td').nth(1).innerText()).trim();
  await row.focus();
  await page.keyboard.press(key);
  // The name in the title is the user's text, isolated (U+2068 … U+2069).
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${t.line('\u2068?' + name + '\u2069?')}$`) });
  await dialog.waitFor();
  await dialog.getByLabel(t.subject, { exact: true }).fill('Just for you');
  await dialog.getByLabel(t.comment, { exact: true }).fill('Met at the fair');
  await button(dialog, t.save).click();
  await dialog.waitFor({ state: 'hidden' });
  const cells = m.locator('.seg-lines-table tbody tr.clickable').first().locator('td');
  await page.waitForFunction(() => document.querySelector('.seg-lines-table tbody tr.clickable td:nth-child(8)')?.textContent.includes('✱'));
  assert.match(await cells.nth(7).textContent(), new RegExp(t.ownValues));
  assert.equal((await cells.nth(8).innerText()).trim(), 'Met at the fair');
}

/** The logged segment and interaction log pages fit 1280 px and a phone. */
async function checkLogPages(app, page, lang, logged) {
  const t = T[lang];
  await app.goto(env.server.url, `/logged-segments/${logged}`);
  await app.expectHeading(t.loggedSegment(logged));
  await main(page).locator('.virtual-table tbody tr:not(.spacer)').first().waitFor();
  await app.shot(`flow-logged-segment-1280-${lang}`);
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, `logged segment page at 1280 px (${lang})`);
  assert.deepEqual(await cutHeaders(page), [], `the logged segment's column names fit (${lang})`);
  await app.shot(`flow-logged-segment-1280-${lang}`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of the logged segment (${lang})`);
  await app.shot(`flow-logged-segment-1280-${lang}`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await app.shot(`flow-logged-segment-390-${lang}`);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).map((el) => `${el.tagName}.${el.className}`).slice(0, 8));
  assert.equal((await overflow(page)).page, 0, `the logged segment page does not overflow a phone (${lang}): ${wide}`);
  await page.setViewportSize(DESKTOP);

  await app.goto(env.server.url, '/interaction-log');
  await app.expectHeading(t.interactionLog);
  await main(page).locator('.virtual-table tbody tr:not(.spacer)').first().waitFor();
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, `interaction log at 1280 px (${lang})`);
  assert.deepEqual(await cutHeaders(page), [], `the interaction log's column names fit (${lang})`);
  // One "Cancel" means one thing: closing a dialog. The action says "Mark canceled".
  const actions = main(page).locator('button:visible');
  assert.ok((await actions.allInnerTexts()).includes(t.markCanceled));
  assert.equal(await button(main(page), t.cancel).count(), 0, 'no action called Cancel');
  await app.shot(`flow-interaction-log-1280-${lang}`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of the interaction log (${lang})`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await app.shot(`flow-interaction-log-390-${lang}`);
  assert.equal((await overflow(page)).page, 0, `the interaction log does not overflow a phone (${lang})`);
  await page.setViewportSize(DESKTOP);
}

describe('the everyday flow: the segment page', () => {
  test('segment page hierarchy, lines at full width, log pages that fit, in English and Finnish', async () => {
    const { context, page, problems, app } = await open();
    await prepare(app, page);
    const { path, lines } = await makeSegment(app, page);

    // English: reloaded with lines, so the header starts closed.
    await app.goto(env.server.url, path);
    await checkSegmentPage(app, page, 'en', lines);
    await editFirstLine(page, 'en', ' ');

    // Finnish, the same segment.
    await chooseLanguage(app, page, 'fi');
    await app.goto(env.server.url, path);
    await checkSegmentPage(app, page, 'fi', lines);
    await editFirstLine(page, 'fi', 'Enter');

    // Log it (in Finnish), then both log pages in both languages. On a phone the log dialog
    // keeps each checkbox beside its label (item 5).
    await page.setViewportSize(PHONE);
    await button(main(page), T.fi.log).click();
    const log = page.getByRole('dialog', { name: /^Kirjaa segmentti SEG\d{6}$/ });
    await log.getByText(/Ongelmia ei löytynyt|Varoituksia: \d+|Virheitä: \d+/).first().waitFor();
    const apart = await log.locator('.checkbox-field').evaluateAll((fields) =>
      fields
        .map((field) => {
          const box = field.querySelector('input').getBoundingClientRect();
          const label = field.querySelector('label').getBoundingClientRect();
          const beside = box.right <= label.left && box.top < label.bottom && box.bottom > label.top;
          return beside ? null : field.textContent;
        })
        .filter(Boolean),
    );
    assert.ok((await log.locator('.checkbox-field').count()) >= 1, 'the log dialog has checkboxes');
    assert.deepEqual(apart, [], 'every checkbox of the log dialog sits beside its label at 390 px');
    await app.shot('flow-segment-log-dialog-390-fi');
    await page.setViewportSize(DESKTOP);
    const accept = log.getByLabel('Kirjaa varoituksista huolimatta');
    if (await accept.isVisible()) await accept.check();
    await button(log, 'Kirjaa').click();
    const opened = log.getByRole('link', { name: /LSEG\d{6}/ });
    await opened.waitFor();
    const logged = (await opened.innerText()).match(/LSEG\d{6}/)[0];
    await checkLogPages(app, page, 'fi', logged);
    await chooseLanguage(app, page, 'en');
    await checkLogPages(app, page, 'en', logged);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
