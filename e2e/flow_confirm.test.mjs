// Issue 15, item 4 (confirm before destroying): undoing an import asks first and says how many
// contacts go, and restoring a backup with "Replace everything" asks first and says what this
// browser holds and what goes, in English and in Finnish; Cancel keeps everything, and only the
// dialog's own button acts. (Deleting a segment is asked in flow_segment.test.mjs, deleting
// canceled logged segments and entries in setup_logs.test.mjs.)
// Run: node --test e2e/flow_confirm.test.mjs (after trunk build --release)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openPage, sample, useBrowserAndServer } from './support.mjs';

const env = useBrowserAndServer();

const T = {
  en: {
    language: 'English',
    imports: 'Imports (1)',
    undoBatch: /^Undo import IMP\d+$/,
    undoImport: 'Undo this import',
    question: /Every contact it added is removed \(329 in all\)/,
    cancel: 'Cancel',
    shown: (n) => `Showing ${n} of ${n} contacts`,
    backup: 'Backup',
    download: 'Download backup',
    restoreFrom: 'Restore from a backup file',
    replace: 'Replace everything with the backup',
    restore: 'Restore',
    replaceTitle: 'Replace everything with this backup?',
    holds: 'This browser now holds 329 contacts, 1 segment and 0 interaction log entries.',
    removes: /Replacing everything puts the backup in their place: [1-9]\d* records? that the backup does not have (is|are) removed, .* and every letter stored here is deleted\. This cannot be undone/,
    replaceEverything: 'Replace everything',
    restored: 'The backup has been restored.',
    segments: 'Segments',
  },
  fi: {
    language: 'Suomi',
    imports: 'Tuonnit (1)',
    undoBatch: /^Kumoa tuonti IMP\d+$/,
    undoImport: 'Kumoa tämä tuonti',
    question: /Kaikki sen lisäämät yhteyshenkilöt poistetaan \(329 kaikkiaan\)/,
    cancel: 'Peruuta',
    shown: (n) => `Näytetään ${n}/${n} yhteyshenkilöä`,
    backup: 'Varmuuskopio',
    download: 'Lataa varmuuskopio',
    restoreFrom: 'Palauta varmuuskopiotiedostosta',
    replace: 'Korvaa kaikki varmuuskopiolla',
    restore: 'Palauta',
    replaceTitle: 'Korvataanko kaikki varmuuskopiolla?',
    holds: 'Tässä selaimessa on nyt 329 yhteyshenkilöä, 1 segmentti ja 0 vuorovaikutuslokin tapahtumaa.',
    removes: /Kaiken korvaaminen tuo varmuuskopion niiden tilalle: [1-9]\d* tietue(tta)?, jo(ta|ita) varmuuskopiossa ei ole, poistetaan, .* ja kaikki tänne tallennetut kirjeet poistetaan\. Tätä ei voi perua/,
    replaceEverything: 'Korvaa kaikki',
    restored: 'Varmuuskopio on palautettu.',
    segments: 'Segmentit',
  },
};

describe('confirm before destroying', () => {
  for (const lang of ['en', 'fi']) {
    test(`undoing an import asks first and says how many contacts go (${lang})`, async () => {
      const { context, page, problems, app } = await openPage(env.browser);
      page.on('dialog', async (dialog) => {
        problems.push(`javascript dialog: ${dialog.message()}`);
        await dialog.dismiss();
      });
      const t = T[lang];
      const main = page.getByRole('main');
      await app.goto(env.server.url, '/contacts');
      await page.waitForSelector('html[data-ready]');
      await main.getByRole('button', { name: 'Import contacts', exact: true }).first().click();
      const importing = page.getByRole('dialog', { name: 'Import contacts' });
      await importing.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
      await importing.getByText(/recognised as Google Contacts CSV/).waitFor();
      await importing.getByRole('button', { name: 'Import', exact: true }).click();
      await importing.getByText(/Imported as batch IMP\d+/).waitFor();
      await importing.getByRole('button', { name: 'Close', exact: true }).click();

      await app.goto(env.server.url, '/settings');
      await page.getByLabel(t.language, { exact: true }).check();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
      await app.goto(env.server.url, '/contacts');
      await main.getByText(t.shown(329)).waitFor();

      await main.getByText(t.imports).click();
      const opener = main.getByRole('button', { name: t.undoBatch });
      await opener.click();
      const asking = page.getByRole('dialog', { name: t.undoImport });
      await asking.getByText(t.question).waitFor();
      await app.shot(`flow-confirm-undo-import-${lang}`);
      assert.deepEqual(await app.seriousViolations(), [], `accessibility of the question (${lang})`);

      // Cancel changes nothing.
      await asking.getByRole('button', { name: t.cancel, exact: true }).click();
      await asking.waitFor({ state: 'hidden' });
      await page.reload();
      await main.getByText(t.shown(329)).waitFor();

      // The dialog's own button undoes.
      await main.getByText(t.imports).click();
      await main.getByRole('button', { name: t.undoBatch }).click();
      await asking.getByRole('button', { name: t.undoImport, exact: true }).click();
      await asking.waitFor({ state: 'hidden' });
      await main.getByText(t.shown(329)).waitFor({ state: 'detached' });
      assert.equal(await main.getByText(t.shown(329)).count(), 0);

      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  for (const lang of ['en', 'fi']) {
    test(`restoring with Replace everything asks first and says what goes (${lang})`, async () => {
      const { context, page, problems, app } = await openPage(env.browser);
      page.on('dialog', async (dialog) => {
        problems.push(`javascript dialog: ${dialog.message()}`);
        await dialog.dismiss();
      });
      const t = T[lang];
      const main = page.getByRole('main');
      const button = (scope, name) => scope.getByRole('button', { name, exact: true });
      await app.goto(env.server.url, '/contacts');
      await page.waitForSelector('html[data-ready]');
      await button(main, 'Import contacts').first().click();
      const importing = page.getByRole('dialog', { name: 'Import contacts' });
      await importing.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
      await importing.getByText(/recognised as Google Contacts CSV/).waitFor();
      await button(importing, 'Import').click();
      await importing.getByText(/Imported as batch IMP\d+/).waitFor();
      await button(importing, 'Close').click();

      // A backup of the contacts, then a segment the backup does not have.
      await app.goto(env.server.url, '/settings');
      await page.getByLabel(t.language, { exact: true }).check();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
      const section = main.getByRole('region', { name: t.backup, exact: true });
      const [saved] = await Promise.all([page.waitForEvent('download'), button(section, t.download).click()]);
      const file = join(await mkdtemp(join(tmpdir(), 'segmentti-restore-')), 'backup.json');
      await saved.saveAs(file);
      await app.goto(env.server.url, '/segments');
      await button(main, lang === 'en' ? 'New segment' : 'Uusi segmentti').click();
      const create = page.getByRole('dialog', { name: lang === 'en' ? 'New segment' : 'Uusi segmentti' });
      await create.getByLabel(lang === 'en' ? 'Description' : 'Kuvaus', { exact: true }).fill('Kept until the restore');
      await button(create, lang === 'en' ? 'Create' : 'Luo').click();
      await page.waitForURL(/\/segments\/SEG\d{6}$/);

      // Replace asks first, saying what this browser holds and what goes.
      await app.goto(env.server.url, '/settings');
      await section.getByLabel(t.restoreFrom).setInputFiles(file);
      await section.getByLabel(t.replace).check();
      await button(section, t.restore).click();
      const asking = page.getByRole('dialog', { name: t.replaceTitle });
      await asking.getByText(t.holds).waitFor();
      assert.match(await asking.innerText(), t.removes);
      await app.shot(`flow-confirm-restore-replace-${lang}`);
      assert.deepEqual(await app.seriousViolations(), [], `accessibility of the question (${lang})`);

      // Cancel restores nothing: the segment is still there.
      await button(asking, t.cancel).click();
      await asking.waitFor({ state: 'hidden' });
      await app.goto(env.server.url, '/segments');
      await main.getByText('Kept until the restore').waitFor();

      // The dialog's own button replaces: the segment the backup lacks is gone.
      await app.goto(env.server.url, '/settings');
      await section.getByLabel(t.restoreFrom).setInputFiles(file);
      await section.getByLabel(t.replace).check();
      await button(section, t.restore).click();
      await button(asking, t.replaceEverything).click();
      await section.getByText(t.restored).waitFor();
      await app.goto(env.server.url, '/segments');
      await app.expectHeading(t.segments);
      await page.waitForTimeout(300);
      assert.equal(await main.getByText('Kept until the restore').count(), 0, 'the segment went with the restore');

      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
