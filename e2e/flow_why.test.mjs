// The everyday flow of issue 15, items 2 and 3: "Why is this contact here?" on every segment
// line (the step that added it, its filters and the sections the contact passes), the live
// preview naming company and city beside each name with the reason, and opportunities: created
// after a question that says how many for which segment, listed on the Opportunities page with
// filters, a status changed there that survives a reload, and the contact opened from the list.
// English and Finnish, with screenshots at 1280×860 and 390×844 and axe audits.
// Run: node --test e2e/flow_why.test.mjs (after trunk build --release)
//
// Like every e2e test it fails on a console error, an uncaught exception, a failed request or a
// request to another host (support.mjs), and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndServer } from './support.mjs';
import { DESKTOP, openDesktop, prepareSpring } from './flow_steps.mjs';

const env = useBrowserAndServer();

const PHONE = { width: 390, height: 844 };

/** The texts this file looks for, as src/ui/catalogue/*.rs has them. */
const T = {
  en: {
    language: 'English',
    whyTitle: (name) => `Why ${name} is on this segment`,
    step: (n, of) => `Step ${n} of ${of}: Add contacts`,
    matched: 'It matches today: Contact fields.',
    close: 'Close',
    opportunities: 'Opportunities',
    segment: 'Segment',
    contact: 'Contact',
    status: 'Status',
    any: 'Any',
    positive: 'Positive',
    count: (n) => (n === 1 ? '1 opportunity' : `${n} opportunities`),
    statusOf: /^Status of OP\d{6}/,
  },
  fi: {
    language: 'Suomi',
    whyTitle: (name) => `Miksi ${name} on tässä segmentissä`,
    step: (n, of) => `Vaihe ${n}/${of}: Lisää yhteyshenkilöitä`,
    matched: 'Yhteyshenkilö täyttää nyt ehdot: Yhteyshenkilön kentät.',
    close: 'Sulje',
    opportunities: 'Myyntimahdollisuudet',
    segment: 'Segmentti',
    contact: 'Yhteyshenkilö',
    status: 'Tila',
    any: 'Kaikki',
    positive: 'Myönteinen',
    count: (n) => (n === 1 ? '1 myyntimahdollisuus' : `${n} myyntimahdollisuutta`),
    statusOf: /^Myyntimahdollisuuden OP\d{6}/,
  },
};

const open = () => openDesktop(env.browser);

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

const prepare = (app, page) => prepareSpring(app, page, env.server.url);

/**
 * One Add step by city. Checks the preview names company and city beside each name and says why
 * the contact would join; returns how many join and the first name the preview lists.
 */
async function addByCity(app, page, city) {
  await button(main(page), 'Add contacts…').click();
  const add = page.getByRole('dialog', { name: 'Add contacts' });
  await add.getByLabel('Field', { exact: true }).selectOption('city');
  await add.getByLabel('Filter', { exact: true }).fill(city);
  const count = add.getByText(/^\d+ contacts? would join\./).first();
  await count.waitFor();
  const joining = Number((await count.innerText()).match(/^\d+/)[0]);
  const first = add.locator('.seg-preview-names li').first();
  await first.waitFor();
  assert.match(await first.locator('.seg-preview-meta').innerText(), new RegExp(city), 'the preview shows the city');
  assert.equal(await first.locator('.seg-preview-reason').innerText(), 'matches: Contact fields', 'and why the contact would join');
  const name = (await first.locator('.seg-preview-name').innerText()).trim();
  await app.shot(`flow-why-preview-${city}`);
  await button(add, 'Apply').click();
  await add.waitFor({ state: 'hidden' });
  return { joining, name };
}

/** A segment built with two Add steps: Tampere, then Helsinki. */
async function makeSegment(app, page) {
  await app.link('Segments').click();
  await app.expectHeading('Segments');
  await button(main(page), 'New segment').click();
  const create = page.getByRole('dialog', { name: 'New segment' });
  await create.getByLabel('Description').fill('Tampere and Helsinki');
  await create.getByLabel('Salesperson').selectOption('JD');
  await create.getByLabel('Interaction template').selectOption('SPRING');
  await button(create, 'Create').click();
  await page.waitForURL(/\/segments\/SEG\d{6}$/);
  const first = await addByCity(app, page, 'Tampere');
  const second = await addByCity(app, page, 'Helsinki');
  const lines = first.joining + second.joining;
  await main(page).getByRole('heading', { name: `Lines (${lines})`, exact: true }).waitFor();
  const no = new URL(page.url()).pathname.split('/').pop();
  return { path: new URL(page.url()).pathname, no, lines, first, second };
}

/** The lines table's row of the contact called `name`, scrolled into the table's window. */
async function rowOf(page, name) {
  const table = main(page).locator('.seg-lines-table .virtual-table');
  // Later steps' lines come last: scroll down until the row is rendered.
  for (let i = 0; i < 20; i++) {
    const row = main(page).locator('.seg-lines-table tbody tr.clickable').filter({ has: page.locator('td:nth-child(2)', { hasText: name }) });
    if ((await row.count()) > 0) return row.first();
    await table.evaluate((el) => { el.scrollTop += el.clientHeight; });
    await page.waitForTimeout(50);
  }
  throw new Error(`no row for ${name}`);
}

/** Opens a line's reason from the keyboard and checks what it says. */
async function checkReason(app, page, lang, name, step, filter, shot) {
  const t = T[lang];
  const row = await rowOf(page, name);
  const why = row.getByRole('button', { name: new RegExp(`^${lang === 'en' ? 'Why is' : 'Miksi'} \u2068?${name}\u2069? ${lang === 'en' ? 'here' : 'on täällä'}\\?$`) });
  await why.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${t.whyTitle('\u2068?' + name + '\u2069?')}$`) });
  await dialog.waitFor();
  // Values filled into a sentence are isolated for direction (U+2068 … U+2069), the
  // interface's own words among them when they are not ASCII; the words are what is checked.
  const text = (await dialog.innerText()).replace(/[\u2068\u2069]/g, '');
  assert.ok(text.includes(t.step(step, 2)), `${name}: ${t.step(step, 2)} in «${text}»`);
  assert.ok(text.includes(filter), `${name}: the filter ${filter} in «${text}»`);
  assert.ok(text.includes(t.matched), `${name}: the section that matched in «${text}»`);
  if (shot) {
    await app.shot(`flow-why-reason-1280-${lang}`);
    assert.deepEqual(await app.seriousViolations(), [], `accessibility with a reason open (${lang})`);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);
    await app.shot(`flow-why-reason-390-${lang}`);
    await page.setViewportSize(DESKTOP);
  }
  await button(dialog, t.close).click();
  await dialog.waitFor({ state: 'hidden' });
  // The "Why?" click is the button's own: the line's dialog did not open behind it.
  assert.equal(await page.getByRole('dialog').count(), 0, 'no other dialog opened');
}

/** Chooses the interface language on Settings, as a person does. */
async function chooseLanguage(app, page, lang) {
  await app.goto(env.server.url, '/settings');
  await page.waitForSelector('html[data-ready]');
  await page.getByLabel(T[lang].language, { exact: true }).check();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
}

/** How far the page and the tables' scroll boxes in <main> run past their right edge. */
async function overflow(page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    inner: [...document.querySelectorAll('main .rm-scroll')].map((el) => el.scrollWidth - el.clientWidth).filter((by) => by > 1),
  }));
}

/** The Opportunities page: the count, screenshots at both sizes, no sideways scrolling. */
async function checkOpportunitiesPage(app, page, lang, count) {
  const t = T[lang];
  await app.goto(env.server.url, '/opportunities');
  await app.expectHeading(t.opportunities);
  await main(page).getByText(t.count(count), { exact: true }).waitFor();
  await app.shot(`flow-opportunities-1280-${lang}`);
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, `no sideways scrolling at 1280 px (${lang})`);
  assert.deepEqual(await app.seriousViolations(), [], `accessibility of the Opportunities page (${lang})`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await app.shot(`flow-opportunities-390-${lang}`);
  assert.deepEqual(await overflow(page), { page: 0, inner: [] }, `the Opportunities page does not overflow a phone (${lang})`);
  await page.setViewportSize(DESKTOP);
}

describe('the everyday flow: why here, and opportunities', () => {
  test('a line says which step added it; opportunities are asked for, listed, filtered and changed, in English and Finnish', async () => {
    const { context, page, problems, app } = await open();
    await prepare(app, page);
    const { path, no, lines, first, second } = await makeSegment(app, page);

    // English: a Tampere contact came with step 1, a Helsinki contact with step 2.
    await app.goto(env.server.url, path);
    await main(page).getByRole('heading', { name: `Lines (${lines})`, exact: true }).waitFor();
    await checkReason(app, page, 'en', first.name, 1, 'Tampere', false);
    await checkReason(app, page, 'en', second.name, 2, 'Helsinki', true);

    // Create opportunities: asked first, with the count and the segment.
    await button(main(page), 'More').click();
    await button(main(page), 'Create opportunities').click();
    const asking = page.getByRole('dialog', { name: 'Create opportunities' });
    await asking.waitFor();
    const question = await asking.innerText();
    assert.ok(question.includes(`Create ${lines} opportunities for segment ${no} Tampere and Helsinki`), question);
    await button(asking, 'Cancel').click();
    await asking.waitFor({ state: 'hidden' });
    await button(main(page), 'More').click();
    await button(main(page), 'Create opportunities').click();
    await asking.waitFor();
    await button(asking, 'Create').click();
    await asking.waitFor({ state: 'hidden' });
    await main(page).getByText(`${lines} opportunities were created.`).waitFor();

    // Finnish: the reasons and the question in Finnish (nothing left to create now).
    await chooseLanguage(app, page, 'fi');
    await app.goto(env.server.url, path);
    await checkReason(app, page, 'fi', second.name, 2, 'Helsinki', true);
    await button(main(page), 'Lisää toimintoja').click();
    await button(main(page), 'Luo myyntimahdollisuudet').click();
    const askingFi = page.getByRole('dialog', { name: 'Luo myyntimahdollisuudet' });
    assert.ok((await askingFi.innerText()).includes(`Segmentin ${no} jokaisella rivillä on jo myyntimahdollisuus.`));
    await button(askingFi, 'Peruuta').click();
    await askingFi.waitFor({ state: 'hidden' });

    // Before logging, every opportunity is "not contacted", with no status to choose.
    await checkOpportunitiesPage(app, page, 'fi', lines);
    assert.equal(await main(page).getByRole('combobox', { name: T.fi.statusOf }).count(), 0);

    // Logging the segment contacts every opportunity; then a status can be set.
    await app.goto(env.server.url, path);
    await button(main(page), 'Kirjaa…').click();
    const log = page.getByRole('dialog', { name: /^Kirjaa segmentti SEG\d{6}$/ });
    await log.getByText(/Ongelmia ei löytynyt|Varoituksia: \d+|Virheitä: \d+/).first().waitFor();
    const accept = log.getByLabel('Kirjaa varoituksista huolimatta');
    if (await accept.isVisible()) await accept.check();
    await button(log, 'Kirjaa').click();
    await log.getByRole('link', { name: /LSEG\d{6}/ }).waitFor();

    await chooseLanguage(app, page, 'en');
    await checkOpportunitiesPage(app, page, 'en', lines);
    const m = main(page);
    await m.getByLabel(T.en.segment, { exact: true }).selectOption(no);
    await m.getByText(T.en.count(lines), { exact: true }).waitFor();
    const firstRow = m.locator('.opps-table tbody tr').first();
    const contactName = (await firstRow.locator('.opps-contact a').innerText()).trim();
    const opportunityNo = (await firstRow.locator('td').first().innerText()).trim();
    const contactNo = (await firstRow.locator('.opps-contact-no').innerText()).trim();
    await m.getByLabel(T.en.contact, { exact: true }).selectOption({ label: `${contactName} (${contactNo})` });
    await m.getByText(T.en.count(1), { exact: true }).waitFor();

    // Change its status; the page says so, and it survives a reload.
    const select = m.getByRole('combobox', { name: new RegExp(`^Status of ${opportunityNo}`) });
    await select.selectOption('positive');
    await m.getByText(`The status of ${opportunityNo} is now Positive.`).waitFor();
    await page.reload();
    await app.expectHeading(T.en.opportunities);
    await main(page).getByLabel(T.en.status, { exact: true }).selectOption('positive');
    await main(page).getByText(T.en.count(1), { exact: true }).waitFor();
    const again = main(page).getByRole('combobox', { name: new RegExp(`^Status of ${opportunityNo}`) });
    assert.equal(await again.inputValue(), 'positive', 'the status is still Positive after a reload');
    await app.shot('flow-opportunities-filtered-1280-en');

    // The contact opens from the list.
    await main(page).getByRole('link', { name: contactName }).click();
    await page.waitForURL(/\/contacts\/CT\d{6}$/);
    await app.expectHeading(contactName);

    // Finnish, after the change.
    await chooseLanguage(app, page, 'fi');
    await checkOpportunitiesPage(app, page, 'fi', lines);

    assert.deepEqual(problems, []);
    await context.close();
  });
});
