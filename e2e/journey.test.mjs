// The whole user journey of issue #5, once in English and once in Finnish, against the release
// build: import the Google Contacts export, set up a salesperson and a template, build a segment
// with Add, Refine and Go back, run the check, log it with a follow-up segment, find the entries
// (interaction log, logged segments), comment on one, cancel the logged segment and see its
// entries canceled, then reload and find everything again.
//
// Elements are found as a person finds them: by role and by their visible name in the language
// of the run, so the Finnish run proves the Finnish catalogue covers the whole path (an English
// name left on it fails the run). Every page and every dialog opened on the way is audited with
// axe-core (no serious or critical violation) and photographed into test-results/journey-*-LANG.png.
// Dialogs are also driven from the keyboard: Tab from the last control and Shift+Tab from the
// first stay inside, and Escape closes the dialog and gives focus back to the button that opened it.
//
// Run: node --test e2e/journey.test.mjs   (E2E_DIST=... points it at another build)
//
// Like every e2e test, it fails on a console error, an uncaught exception, a failed request, a
// request to another host (support.mjs) and on any JavaScript dialog.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open as openPage, sample, useBrowserAndServer } from './support.mjs';

// The static server on dist/ and Chromium, started before this file's tests and stopped after them.
const env = useBrowserAndServer();

/** Regular-expression text of a literal string. */
const re = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every name the journey looks for, in each language, as src/ui/catalogue/*.rs and
 * src/ui/i18n_catalogue.rs write them. `{…}` parts are filled in by the functions.
 */
const TEXTS = {
  en: {
    language: 'English',
    nav: {
      contacts: 'Contacts',
      segments: 'Segments',
      logged: 'Logged segments',
      log: 'Interaction log',
      templates: 'Templates',
      setup: 'Set-up',
      settings: 'Settings',
    },
    save: 'Save',
    close: 'Close',
    cancel: 'Cancel',
    yes: 'Yes',
    no: 'No',
    // Contacts: the import dialog
    importContacts: 'Import contacts',
    contactsFile: 'Contacts file',
    recognised: /google-contacts\.csv: recognised as Google Contacts CSV\./,
    importConfirm: 'Import',
    imported: /^Imported as batch IMP\d+\.$/,
    contactsStatus: /^Showing \d+ of \d+ contacts/,
    // Set-up: a salesperson
    salespeople: 'Salespeople',
    addSalesperson: 'Add salesperson',
    code: 'Code',
    name: 'Name',
    // Templates
    groups: 'Interaction groups',
    groupCode: 'Group code',
    groupDescription: 'Group description',
    addGroup: 'Add group',
    templates: 'Interaction templates',
    newTemplate: 'New template',
    templateCode: 'Code',
    templateDescription: 'Description',
    addLetter: 'Add a letter',
    letterDefault: 'Letter: default',
    subject: 'Subject',
    letterText: 'Letter text',
    noLetterProblems: 'No problems found.',
    saveTemplate: 'Save template',
    templateSaved: 'Template SPRING saved.',
    // Segments
    newSegment: 'New segment',
    description: 'Description',
    salesperson: 'Salesperson',
    template: 'Interaction template',
    create: 'Create',
    lines: (n) => `Lines (${n})`,
    addContacts: 'Add contacts…',
    addContactsTitle: 'Add contacts',
    refine: 'Refine…',
    refineTitle: 'Refine contacts',
    field: 'Field',
    filter: 'Filter',
    apply: 'Apply',
    // One contact is "1 contact", any other count "N contacts".
    wouldJoin: (n) => new RegExp(`^${n} contacts? would join\\.`),
    wouldLeave: (n) => new RegExp(`^${n} contacts? would leave\\.`),
    stepAdded: (n) => `The step was applied: ${n} ${n === 1 ? 'line' : 'lines'} added.`,
    // A date as Lang::date writes it in English, e.g. 4 Dec 2026.
    dateShown: /\d{1,2} [A-Z][a-z]{2} \d{4}/,
    history: 'Criteria history',
    refineStep: /^Refine/,
    goBack: 'Go back',
    goBackConfirm: 'Undo the step',
    wentBack: 'The last step was undone.',
    // Logging
    log: 'Log…',
    logTitle: (no) => `Log segment ${no}`,
    checkSummary: /^(No problems found: the segment is ready to be logged\.|Warnings: \d+\. You may log the segment once you have accepted them\.)$/,
    acceptWarnings: 'Log despite the warnings',
    followUp: 'Create a follow-up segment with the same contacts',
    logButton: 'Log',
    logged: (no) => `Segment ${no} has been logged.`,
    openLogged: /^Open logged segment LSEG\d{6}$/,
    openFollowUp: /^Open follow-up segment SEG\d{6}$/,
    followUpName: (no) => `Follow-up on segment ${no}`,
    // Logged segments and the interaction log
    loggedTitle: (no) => `Logged segment ${no}`,
    entriesShown: (n) => new RegExp(`^${n} entr(y|ies) shown, \\d+ chosen\\.$`),
    filters: 'Filters',
    canceledFilter: 'Canceled',
    canceledColumn: 'Canceled',
    commentsOn: (no, n) => `Comments on ${no}: ${n}`,
    commentsTitle: (no) => `Comments on ${no}`,
    noComments: 'No comments yet.',
    newComment: 'New comment',
    addComment: 'Add comment',
    chooseEntry: /^Choose (IL\d+)$/,
    cancelNamed: (no) => `Mark canceled: ${no}`,
    uncancelNamed: (no) => `Un-cancel ${no}`,
    cancelTitle: 'Mark the logged segment canceled?',
    cancelQuestion: (no, n) => `Mark ${no} canceled? Its ${n} ${n === 1 ? 'entry is' : 'entries are'} canceled with it`,
    cancelYes: 'Mark it canceled',
  },
  fi: {
    language: 'Suomi',
    nav: {
      contacts: 'Yhteyshenkilöt',
      segments: 'Segmentit',
      logged: 'Kirjatut segmentit',
      log: 'Vuorovaikutusloki',
      templates: 'Mallit',
      setup: 'Perustiedot',
      settings: 'Asetukset',
    },
    save: 'Tallenna',
    close: 'Sulje',
    cancel: 'Peruuta',
    yes: 'Kyllä',
    no: 'Ei',
    importContacts: 'Tuo yhteyshenkilöitä',
    contactsFile: 'Yhteystietotiedosto',
    recognised: /google-contacts\.csv: tunnistettu muodoksi Google-yhteystietojen CSV\./,
    importConfirm: 'Tuo',
    imported: /^Tuotu eränä IMP\d+\.$/,
    contactsStatus: /\d/,
    salespeople: 'Myyjät',
    addSalesperson: 'Lisää myyjä',
    code: 'Koodi',
    name: 'Nimi',
    groups: 'Vuorovaikutusryhmät',
    groupCode: 'Ryhmän koodi',
    groupDescription: 'Ryhmän kuvaus',
    addGroup: 'Lisää ryhmä',
    templates: 'Vuorovaikutusmallit',
    newTemplate: 'Uusi malli',
    templateCode: 'Koodi',
    templateDescription: 'Kuvaus',
    addLetter: 'Lisää kirje',
    letterDefault: 'Kirje: oletus',
    subject: 'Aihe',
    letterText: 'Kirjeen teksti',
    noLetterProblems: 'Ongelmia ei löytynyt.',
    saveTemplate: 'Tallenna malli',
    templateSaved: 'Malli SPRING tallennettu.',
    newSegment: 'Uusi segmentti',
    description: 'Kuvaus',
    salesperson: 'Myyjä',
    template: 'Vuorovaikutusmalli',
    create: 'Luo',
    lines: (n) => `Rivit (${n})`,
    addContacts: 'Lisää yhteyshenkilöitä…',
    addContactsTitle: 'Lisää yhteyshenkilöitä',
    refine: 'Tarkenna…',
    refineTitle: 'Tarkenna yhteyshenkilöitä',
    field: 'Kenttä',
    filter: 'Suodatin',
    apply: 'Käytä',
    // One is "1 yhteyshenkilö", any other count "N yhteyshenkilöä" (the partitive).
    wouldJoin: (n) => new RegExp(`^Mukaan tulisi ${n} yhteyshenkilöä?\\.`),
    wouldLeave: (n) => new RegExp(`^Pois lähtisi ${n} yhteyshenkilöä?\\.`),
    stepAdded: (n) => `Vaihe tehtiin: ${n} ${n === 1 ? 'rivi' : 'riviä'} lisättiin.`,
    dateShown: /\d{1,2}\.\d{1,2}\.\d{4}/,
    history: 'Ehtohistoria',
    refineStep: /^Tarkenna/,
    goBack: 'Peru viimeisin vaihe',
    goBackConfirm: 'Peru vaihe',
    wentBack: 'Viimeisin vaihe peruttiin.',
    log: 'Kirjaa…',
    logTitle: (no) => `Kirjaa segmentti ${no}`,
    checkSummary: /^(Ongelmia ei löytynyt: segmentti on valmis kirjattavaksi\.|Varoituksia: \d+\. Voit kirjata segmentin, kun olet hyväksynyt ne\.)$/,
    acceptWarnings: 'Kirjaa varoituksista huolimatta',
    followUp: 'Luo jatkosegmentti samoilla yhteyshenkilöillä',
    logButton: 'Kirjaa',
    logged: (no) => `Segmentti ${no} on kirjattu.`,
    openLogged: /^Avaa kirjattu segmentti LSEG\d{6}$/,
    openFollowUp: /^Avaa jatkosegmentti SEG\d{6}$/,
    // The follow-up segment is named in the language of the app that logged it.
    followUpName: (no) => `Jatkosegmentti segmentistä ${no}`,
    loggedTitle: (no) => `Kirjattu segmentti ${no}`,
    entriesShown: (n) => new RegExp(`^${n} tapahtumaa? näkyvissä, \\d+ valittu\\.$`),
    filters: 'Suodattimet',
    canceledFilter: 'Peruutettu',
    canceledColumn: 'Peruutettu',
    commentsOn: (no, n) => `Tapahtuman ${no} kommentit: ${n}`,
    commentsTitle: (no) => `Tapahtuman ${no} kommentit`,
    noComments: 'Ei vielä kommentteja.',
    newComment: 'Uusi kommentti',
    addComment: 'Lisää kommentti',
    chooseEntry: /^Valitse (IL\d+)$/,
    cancelNamed: (no) => `Merkitse peruutetuksi: ${no}`,
    uncancelNamed: (no) => `Palauta ${no}`,
    cancelTitle: 'Merkitäänkö kirjattu segmentti peruutetuksi?',
    cancelQuestion: (no, n) => `Merkitäänkö ${no} peruutetuksi? Sen ${n} ${n === 1 ? 'tapahtuma' : 'tapahtumaa'} peruutetaan samalla`,
    cancelYes: 'Merkitse peruutetuksi',
  },
};

/** The journey's steps as a person takes them, with the checks every page and dialog gets. */
class Journey {
  constructor({ page, app, lang }) {
    this.page = page;
    this.app = app;
    this.lang = lang;
    this.t = TEXTS[lang];
    this.audited = [];
    // What the audits and the keyboard checks found, kept to the end of the journey so that one
    // run names every page and dialog with a problem; the test fails on any of them.
    this.findings = [];
  }
  get main() {
    return this.page.getByRole('main');
  }
  dialog(name) {
    return this.page.getByRole('dialog', { name, exact: true });
  }
  button(name, scope = this.main) {
    return scope.getByRole('button', { name, exact: true });
  }
  async nav(name) {
    await this.app.link(name).click();
    await this.app.expectHeading(name);
  }
  /** A screenshot and an axe audit of the page as it is now; `name` says what is shown. */
  async look(name) {
    await this.app.shot(`journey-${name}-${this.lang}`);
    for (const violation of await this.app.seriousViolations()) this.findings.push(`${name}: ${violation}`);
    this.audited.push(name);
  }
  /** Waits for the "Lines (N)" heading of a segment page. */
  async waitForLines(count) {
    await this.main.getByRole('heading', { name: this.t.lines(count), exact: true }).waitFor();
  }
  /** The number of contacts a criteria dialog's preview says would join or leave. */
  async previewCount(dialog, side) {
    const pattern = side === 'join' ? this.t.wouldJoin('\\d+') : this.t.wouldLeave('\\d+');
    const text = await dialog.getByText(pattern).first().innerText();
    return Number(text.match(/\d+/)[0]);
  }
  /** The interaction log's (or a logged segment's) status line: "N entries shown, M chosen." */
  async waitForShown(count) {
    await this.main.getByRole('status').filter({ hasText: this.t.entriesShown(count) }).waitFor();
  }
  /** The data rows of the entries table (header and spacer rows left out). */
  get entryRows() {
    return this.main.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
  /** The texts of one column of the entries table, found by its header, for every rendered row. */
  async column(header) {
    return this.page.evaluate((header) => {
      const table = document.querySelector('main table');
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const index = heads.indexOf(header);
      if (index < 0) throw new Error(`no column ${header} among ${heads.join(', ')}`);
      return [...table.querySelectorAll('tbody tr')]
        .filter((tr) => tr.children.length > index && tr.querySelector('td'))
        .map((tr) => tr.children[index].textContent.trim());
    }, header);
  }

  /**
   * The keyboard contract of a dialog: Tab from its last control and Shift+Tab from its first
   * keep focus inside it, and Escape closes it and gives focus back to `opener`.
   */
  async keyboard(dialog, opener, what) {
    await dialog.waitFor();
    // The dialog itself counts: Chromium lets a scrolling dialog take focus, to scroll it by keys.
    const inside = () => dialog.evaluate((d) => d.contains(document.activeElement));
    const focusEnd = (end) =>
      dialog.evaluate((d, end) => {
        const tabbable = [...d.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter(
          (el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0 && !el.closest('[inert]'),
        );
        const el = end === 'last' ? tabbable.at(-1) : tabbable[0];
        el.focus();
        return el.outerHTML.slice(0, 120);
      }, end);
    const last = await focusEnd('last');
    await this.page.keyboard.press('Tab');
    if (!(await inside())) this.findings.push(`${what}: Tab from the last control (${last}) leaves the dialog`);
    const first = await focusEnd('first');
    await this.page.keyboard.press('Shift+Tab');
    if (!(await inside())) this.findings.push(`${what}: Shift+Tab from the first control (${first}) leaves the dialog`);

    await this.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const handle = await opener.elementHandle();
    try {
      await this.page.waitForFunction((el) => document.activeElement === el, handle, { timeout: 2_000 });
    } catch {
      const focused = await this.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
      this.findings.push(`${what}: after Escape the focus is on ${focused}, not on the button that opened it`);
    }
  }
}

describe('the whole journey', () => {
  for (const lang of ['en', 'fi']) {
    test(`import, build, check, log with a follow-up, find, cancel and reload (${lang})`, async () => {
      const opened = await openPage(env.browser);
      const { context, page, problems, app } = opened;
      page.on('dialog', async (dialog) => {
        problems.push(`javascript dialog: ${dialog.message()}`);
        await dialog.dismiss();
      });
      const j = new Journey({ page, app, lang });
      const t = j.t;

      // The language, chosen the way a person does: on Settings.
      await app.goto(env.server.url, '/settings');
      await page.waitForSelector('html[data-ready]');
      await page.getByLabel(t.language, { exact: true }).check();
      await app.expectHeading(t.nav.settings);
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
      await j.look('settings');

      // Import the Google Contacts export. Escape closes the dialog first, back to its button.
      await j.nav(t.nav.contacts);
      const openImport = j.button(t.importContacts).first();
      await openImport.click();
      const importing = j.dialog(t.importContacts);
      await j.look('import-choose');
      await j.keyboard(importing, openImport, 'the import dialog');
      await openImport.click();
      await importing.getByLabel(t.contactsFile).setInputFiles(sample('google-contacts.csv'));
      await importing.getByText(t.recognised).waitFor();
      await j.look('import-preview');
      await j.button(t.importConfirm, importing).click();
      await importing.getByText(t.imported).waitFor();
      await j.look('import-summary');
      await j.button(t.close, importing).click();
      await importing.waitFor({ state: 'hidden' });
      await j.main.locator('.list-status').filter({ hasText: t.contactsStatus }).waitFor();
      await j.look('contacts');

      // A salesperson on Set-up.
      await j.nav(t.nav.setup);
      const salespeople = page.getByRole('region', { name: t.salespeople, exact: true });
      const openSalesperson = j.button(t.addSalesperson, salespeople);
      await openSalesperson.click();
      const person = j.dialog(t.addSalesperson);
      await j.keyboard(person, openSalesperson, 'the salesperson dialog');
      await openSalesperson.click();
      await person.getByLabel(t.code, { exact: true }).fill('JD');
      await person.getByLabel(t.name, { exact: true }).fill('Jane Doe');
      await j.look('salesperson-dialog');
      await j.button(t.save, person).click();
      await person.waitFor({ state: 'hidden' });
      await salespeople.getByRole('row').filter({ hasText: 'Jane Doe' }).waitFor();
      await j.look('setup');

      // An interaction group and a template with a short letter on Templates.
      await j.nav(t.nav.templates);
      const groups = page.getByRole('region', { name: t.groups, exact: true });
      await groups.getByLabel(t.groupCode).fill('letter');
      await groups.getByLabel(t.groupDescription).fill('Letters');
      await j.button(t.addGroup, groups).click();
      await groups.getByRole('cell', { name: 'LETTER', exact: true }).waitFor();
      const templates = page.getByRole('region', { name: t.templates, exact: true });
      await j.button(t.newTemplate, templates).click();
      const editor = page.getByRole('region', { name: t.newTemplate, exact: true });
      await editor.getByLabel(t.templateCode, { exact: true }).fill('spring');
      await editor.getByLabel(t.templateDescription, { exact: true }).fill('Spring newsletter');
      await j.button(t.addLetter, editor).click();
      const letter = editor.getByRole('region', { name: t.letterDefault, exact: true });
      await letter.getByLabel(t.subject, { exact: true }).fill('Spring news');
      await letter.getByLabel(t.letterText).fill('Hello {{name}},\n\nSpring is here.\n\n{{salesperson.name}}');
      await letter.getByText(t.noLetterProblems, { exact: true }).waitFor();
      await j.look('template-editor');
      await j.button(t.saveTemplate, editor).click();
      await templates.getByText(t.templateSaved, { exact: true }).waitFor();

      // A new segment with the salesperson and the template.
      await j.nav(t.nav.segments);
      const openNew = j.button(t.newSegment);
      await openNew.click();
      const create = j.dialog(t.newSegment);
      await j.keyboard(create, openNew, 'the new segment dialog');
      await openNew.click();
      await create.getByLabel(t.description, { exact: true }).fill('Spring letter');
      await create.getByLabel(t.salesperson, { exact: true }).selectOption('JD');
      await create.getByLabel(t.template, { exact: true }).selectOption('SPRING');
      await j.look('new-segment-dialog');
      await j.button(t.create, create).click();
      await page.waitForURL(/\/segments\/SEG\d{6}$/);
      const segmentNo = page.url().match(/SEG\d{6}$/)[0];
      await j.waitForLines(0);

      // Add: Tampere or Helsinki, with the live preview.
      const openAdd = j.button(t.addContacts);
      await openAdd.click();
      const add = j.dialog(t.addContactsTitle);
      await j.keyboard(add, openAdd, 'the Add contacts dialog');
      await openAdd.click();
      await add.getByLabel(t.field, { exact: true }).selectOption('city');
      const filter = add.getByLabel(t.filter, { exact: true });
      await filter.fill('Tampere');
      await add.getByText(t.wouldJoin('\\d+')).first().waitFor();
      const tampere = await j.previewCount(add, 'join');
      assert.ok(tampere > 0, 'someone lives in Tampere');
      await filter.fill('Tampere|Helsinki');
      await page.waitForFunction(
        ([source, n]) => {
          const text = document.querySelector('dialog[open] .seg-preview-count')?.textContent ?? '';
          const m = text.match(new RegExp(source));
          return m && Number(m[0].match(/\d+/)[0]) > n;
        },
        [t.wouldJoin('\\d+').source, tampere],
      );
      const both = await j.previewCount(add, 'join');
      await j.look('add-contacts-dialog');
      await j.button(t.apply, add).click();
      await add.waitFor({ state: 'hidden' });
      await j.waitForLines(both);
      await j.main.getByText(t.stepAdded(both), { exact: true }).waitFor();

      // Refine to Tampere: the preview says who leaves.
      const openRefine = j.button(t.refine);
      await openRefine.click();
      const refine = j.dialog(t.refineTitle);
      await refine.getByLabel(t.field, { exact: true }).selectOption('city');
      await refine.getByLabel(t.filter, { exact: true }).fill('Tampere');
      await refine.getByText(t.wouldLeave(both - tampere)).first().waitFor();
      await j.look('refine-dialog');
      await j.button(t.apply, refine).click();
      await refine.waitFor({ state: 'hidden' });
      await j.waitForLines(tampere);
      const history = j.main.getByRole('region', { name: t.history, exact: true });
      assert.equal(await history.getByRole('listitem').filter({ hasText: t.refineStep }).count(), 1);
      await j.look('segment-refined');

      // Go back: a question first, then the removed lines return.
      const openGoBack = j.button(t.goBack);
      await openGoBack.click();
      const goBack = j.dialog(t.goBack);
      await j.look('go-back-dialog');
      await j.keyboard(goBack, openGoBack, 'the Go back dialog');
      await j.waitForLines(tampere);
      await openGoBack.click();
      await j.button(t.goBackConfirm, goBack).click();
      await goBack.waitFor({ state: 'hidden' });
      await j.waitForLines(both);
      assert.equal(await history.getByRole('listitem').filter({ hasText: t.refineStep }).count(), 0);
      await j.look('segment-built');

      // The check, then Log with a follow-up segment.
      const openLog = j.button(t.log);
      await openLog.click();
      const log = j.dialog(t.logTitle(segmentNo));
      const summary = log.getByRole('status').filter({ hasText: t.checkSummary });
      await summary.waitFor();
      await j.look('log-check');
      await j.keyboard(log, openLog, 'the Log dialog');
      await openLog.click();
      await summary.waitFor();
      const accept = log.getByLabel(t.acceptWarnings, { exact: true });
      if (await accept.isVisible()) {
        assert.equal(await j.button(t.logButton, log).isDisabled(), true, 'warnings must be accepted first');
        await accept.check();
      }
      await log.getByLabel(t.followUp, { exact: true }).check();
      await j.button(t.logButton, log).click();
      await log.getByText(t.logged(segmentNo), { exact: true }).waitFor();
      const openLogged = log.getByRole('link', { name: t.openLogged });
      const loggedNo = (await openLogged.innerText()).match(/LSEG\d{6}/)[0];
      const openFollowUp = log.getByRole('link', { name: t.openFollowUp });
      const followUpNo = (await openFollowUp.innerText()).match(/SEG\d{6}/)[0];
      assert.notEqual(followUpNo, segmentNo);
      await j.look('logged-dialog');

      // The follow-up segment has the same contacts.
      await openFollowUp.click();
      await page.waitForURL((url) => url.pathname === `/segments/${followUpNo}`);
      await app.expectHeading(`${followUpNo} · ${t.followUpName(segmentNo)}`);
      await j.waitForLines(both);
      await j.look('follow-up-segment');

      // The interaction log has one entry per line; comment on one.
      await j.nav(t.nav.log);
      await j.waitForShown(both);
      const first = j.entryRows.first();
      const entryNo = (await first.getByRole('checkbox').getAttribute('aria-label')).match(t.chooseEntry)[1];
      assert.deepEqual(new Set(await j.column(t.canceledColumn)), new Set([t.no]), 'nothing is canceled yet');
      await j.look('interaction-log');
      const openComments = j.entryRows.filter({ hasText: entryNo }).getByRole('button', { name: t.commentsOn(entryNo, 0), exact: true });
      await openComments.click();
      const comments = j.dialog(t.commentsTitle(entryNo));
      await comments.getByText(t.noComments, { exact: true }).waitFor();
      await j.keyboard(comments, openComments, 'the comments dialog');
      await openComments.click();
      await comments.getByLabel(t.newComment, { exact: true }).fill('Called back, wants a catalogue');
      await j.button(t.addComment, comments).click();
      await comments.getByText('Called back, wants a catalogue', { exact: true }).waitFor();
      await j.look('comments-dialog');
      await j.button(t.close, comments).click();
      await comments.waitFor({ state: 'hidden' });
      await j.entryRows.filter({ hasText: entryNo }).getByRole('button', { name: t.commentsOn(entryNo, 1), exact: true }).waitFor();

      // The logged segments list, and the logged segment's own page with its entries.
      await j.nav(t.nav.logged);
      const row = j.main.getByRole('row').filter({ hasText: loggedNo });
      await row.waitFor();
      assert.match(await row.innerText(), new RegExp(`${segmentNo}\\s+Spring letter\\s+${t.dateShown.source}\\s+${both}\\s+${t.no}(?=\\s|$)`));
      await j.look('logged-segments');
      await row.getByRole('link', { name: loggedNo, exact: true }).click();
      await app.expectHeading(t.loggedTitle(loggedNo));
      await j.waitForShown(both);
      await j.look('logged-segment');

      // Cancel the logged segment: Escape keeps it, the question's answer cancels it.
      await j.nav(t.nav.logged);
      const openCancel = row.getByRole('button', { name: t.cancelNamed(loggedNo), exact: true });
      await openCancel.click();
      const confirm = j.dialog(t.cancelTitle);
      await confirm.getByText(t.cancelQuestion(loggedNo, both)).waitFor();
      await j.look('cancel-dialog');
      await j.keyboard(confirm, openCancel, 'the cancel question');
      assert.match(await row.innerText(), new RegExp(`\\s${t.no}(?=\\s|$)`), 'Escape canceled nothing');
      await openCancel.click();
      await j.button(t.cancelYes, confirm).click();
      await confirm.waitFor({ state: 'hidden' });
      await row.getByRole('button', { name: t.uncancelNamed(loggedNo), exact: true }).waitFor();
      assert.match(await row.innerText(), new RegExp(`\\s${both}\\s+${t.yes}(?=\\s|$)`));
      await j.look('logged-segments-canceled');

      // Its entries are canceled with it.
      await j.nav(t.nav.log);
      await j.waitForShown(both);
      assert.deepEqual(new Set(await j.column(t.canceledColumn)), new Set([t.yes]), 'every entry is canceled');
      const filters = page.getByRole('search', { name: t.filters, exact: true });
      await filters.getByLabel(t.canceledFilter, { exact: true }).selectOption({ label: t.no });
      await j.waitForShown(0);
      await filters.getByLabel(t.canceledFilter, { exact: true }).selectOption({ label: t.yes });
      await j.waitForShown(both);
      await j.look('interaction-log-canceled');

      // After a reload everything is found again, still in the chosen language.
      await page.reload();
      await app.expectHeading(t.nav.log);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await j.waitForShown(both);
      assert.deepEqual(new Set(await j.column(t.canceledColumn)), new Set([t.yes]));
      await j.entryRows.filter({ hasText: entryNo }).getByRole('button', { name: t.commentsOn(entryNo, 1), exact: true }).waitFor();
      await j.nav(t.nav.logged);
      await row.getByRole('button', { name: t.uncancelNamed(loggedNo), exact: true }).waitFor();
      await j.nav(t.nav.segments);
      const followUpRow = j.main.getByRole('row').filter({ hasText: followUpNo });
      await followUpRow.waitFor();
      assert.match(await followUpRow.innerText(), new RegExp(`\\b${both}\\b`));
      assert.equal(await j.main.getByRole('row').filter({ hasText: segmentNo }).filter({ hasText: 'Spring letter' }).count(), 0, 'the logged segment is gone from the segments');
      await j.look('segments-after-reload');

      await context.close();
      assert.deepEqual(j.findings, [], `accessibility and keyboard findings (${lang})`);
      assert.deepEqual(problems, []);
    });
  }
});
