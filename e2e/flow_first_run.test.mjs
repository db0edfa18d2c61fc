// Issue 15, item 8 (first run), in English and in Finnish: an empty database shows a short
// checklist on the Contacts page (import or add contacts, a salesperson, an interaction template,
// salutations, our company), each step that lives elsewhere is a link to where it is done, and a
// step is ticked once the database holds it; "Reuse criteria" with nothing saved says how
// criteria get saved instead of offering an empty choice; the list can be hidden and stays
// hidden. Screenshots at 1280 px and on a phone 390 px wide, and axe audits.
// Run: node --test e2e/flow_first_run.test.mjs (after trunk build --release)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sample, useBrowserAndServer } from './support.mjs';
import { DESKTOP, openDesktop } from './flow_steps.mjs';

const env = useBrowserAndServer();

const PHONE = { width: 390, height: 844 };

/** The names this file looks for, as src/ui/catalogue/*.rs has them. */
const T = {
  en: {
    language: 'English',
    heading: 'Getting started',
    steps: [
      'Import or add your contacts (the buttons below)',
      'Add a salesperson (Set-up)',
      'Create an interaction template with its letter (Templates)',
      'Add salutation formulas for the letters (Set-up)',
      "Fill in our company's details for letterheads (Set-up)",
    ],
    done: '(done)',
    open: '(not done yet)',
    setup: 'Set-up',
    salespeople: 'Salespeople',
    addSalesperson: 'Add salesperson',
    code: 'Code',
    name: 'Name',
    save: 'Save',
    importContacts: 'Import contacts',
    recognised: /recognised as Google Contacts CSV/,
    import: 'Import',
    imported: /Imported as batch IMP\d+/,
    close: 'Close',
    newSegment: 'New segment',
    description: 'Description',
    create: 'Create',
    reuseCriteria: 'Reuse criteria…',
    reuseTitle: 'Reuse criteria',
    nothingSaved: /^No criteria are saved yet\. On a segment whose criteria steps you want to keep, choose “Save criteria…” and give them a code/,
    cancel: 'Cancel',
    hide: 'Hide this list',
  },
  fi: {
    language: 'Suomi',
    heading: 'Aloitus',
    steps: [
      'Tuo tai lisää yhteyshenkilösi (painikkeet alla)',
      'Lisää myyjä (Perustiedot)',
      'Luo vuorovaikutusmalli ja sen kirje (Mallit)',
      'Lisää kirjeiden tervehdyskaavat (Perustiedot)',
      'Täytä oman yrityksen tiedot kirjepohjiin (Perustiedot)',
    ],
    done: '(tehty)',
    open: '(ei vielä tehty)',
    setup: 'Perustiedot',
    salespeople: 'Myyjät',
    addSalesperson: 'Lisää myyjä',
    code: 'Koodi',
    name: 'Nimi',
    save: 'Tallenna',
    importContacts: 'Tuo yhteyshenkilöitä',
    recognised: /tunnistettu muodoksi Google-yhteystietojen CSV/,
    import: 'Tuo',
    imported: /Tuotu eränä IMP\d+/,
    close: 'Sulje',
    newSegment: 'Uusi segmentti',
    description: 'Kuvaus',
    create: 'Luo',
    reuseCriteria: 'Käytä tallennettuja ehtoja…',
    reuseTitle: 'Käytä tallennettuja ehtoja',
    nothingSaved: /^Ehtoja ei ole vielä tallennettu\. Valitse segmentissä, jonka ehtovaiheet haluat säilyttää, ”Tallenna ehdot…” ja anna niille koodi/,
    cancel: 'Peruuta',
    hide: 'Piilota tämä lista',
  },
};

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** Each step of the checklist as [its text without the hidden state, done?]. */
async function stepsOf(checklist, t) {
  const items = await checklist.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.textContent));
  return items.map((text) => {
    const done = text.includes(t.done);
    assert.ok(done || text.includes(t.open), `a step says whether it is done: ${text}`);
    const label = text.replace(t.done, '').replace(t.open, '').replace(/[✓○]/g, '').trim();
    return [label, done];
  });
}

/** How far the page runs past its right edge, in pixels. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the first run', () => {
  for (const lang of ['en', 'fi']) {
    test(`an empty database shows a checklist whose steps link and tick (${lang})`, async () => {
      const { context, page, problems, app } = await openDesktop(env.browser);
      const t = T[lang];
      const m = main(page);

      await app.goto(env.server.url, '/settings');
      await page.waitForSelector('html[data-ready]');
      await page.getByLabel(t.language, { exact: true }).check();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);

      // An empty database: every step open, the ones done elsewhere linked.
      await app.goto(env.server.url, '/contacts');
      const checklist = m.getByRole('region', { name: t.heading, exact: true });
      await checklist.waitFor();
      assert.deepEqual(await stepsOf(checklist, t), t.steps.map((s) => [s, false]));
      const links = await checklist.getByRole('link').allInnerTexts();
      assert.deepEqual(links, t.steps.slice(1), 'every step done on another page links there');
      await app.shot(`flow-first-run-1280-${lang}`);
      assert.deepEqual(await app.seriousViolations(), [], `accessibility of the checklist (${lang})`);
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(200);
      assert.equal(await overflow(page), 0, `the checklist fits a phone (${lang})`);
      await app.shot(`flow-first-run-390-${lang}`);
      await page.setViewportSize(DESKTOP);

      // The salesperson step's link opens Set-up, where the salesperson is added.
      await checklist.getByRole('link', { name: t.steps[1], exact: true }).click();
      await app.expectHeading(t.setup);
      assert.equal(new URL(page.url()).pathname, '/setup');
      await button(page.getByRole('region', { name: t.salespeople, exact: true }), t.addSalesperson).click();
      const person = page.getByRole('dialog', { name: t.addSalesperson });
      await person.getByLabel(t.code, { exact: true }).fill('JD');
      await person.getByLabel(t.name, { exact: true }).fill('Jane Doe');
      await button(person, t.save).click();
      await person.waitFor({ state: 'hidden' });

      // Back on Contacts the step is ticked; then contacts are imported and theirs is too.
      await app.goto(env.server.url, '/contacts');
      await checklist.waitFor();
      assert.deepEqual(await stepsOf(checklist, t), t.steps.map((s, i) => [s, i === 1]));
      await button(m, t.importContacts).first().click();
      const importing = page.getByRole('dialog', { name: t.importContacts });
      await importing.locator('input[type=file]').setInputFiles(sample('google-contacts.csv'));
      await importing.getByText(t.recognised).waitFor();
      await button(importing, t.import).click();
      await importing.getByText(t.imported).waitFor();
      await button(importing, t.close).click();
      await page.waitForFunction(
        (done) => document.querySelector('.first-run li')?.textContent.includes(done),
        t.done,
      );
      assert.deepEqual(await stepsOf(checklist, t), t.steps.map((s, i) => [s, i <= 1]));
      await app.shot(`flow-first-run-ticked-${lang}`);

      // "Reuse criteria" with nothing saved says how criteria get saved.
      await app.goto(env.server.url, '/segments');
      await button(m, t.newSegment).click();
      const create = page.getByRole('dialog', { name: t.newSegment });
      await create.getByLabel(t.description, { exact: true }).fill('First segment');
      await button(create, t.create).click();
      await page.waitForURL(/\/segments\/SEG\d{6}$/);
      await button(m, t.reuseCriteria).click();
      const reuse = page.getByRole('dialog', { name: t.reuseTitle, exact: true });
      await reuse.getByText(t.nothingSaved).waitFor();
      assert.equal(await reuse.getByRole('combobox').count(), 0, 'no empty choice of saved criteria');
      await app.shot(`flow-first-run-reuse-criteria-${lang}`);
      assert.deepEqual(await app.seriousViolations(), [], `accessibility of Reuse criteria (${lang})`);
      await button(reuse, t.cancel).click();
      await reuse.waitFor({ state: 'hidden' });

      // Hidden on request, and still hidden after a reload.
      await app.goto(env.server.url, '/contacts');
      await button(checklist, t.hide).click();
      await checklist.waitFor({ state: 'detached' });
      await page.reload();
      await app.heading.waitFor();
      await page.waitForSelector('html[data-ready]');
      assert.equal(await m.getByRole('region', { name: t.heading, exact: true }).count(), 0, 'the list stays hidden');

      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
