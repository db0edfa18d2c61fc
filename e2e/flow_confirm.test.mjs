// Issue 15, item 4 (confirm before destroying), the part this branch checks: undoing an import
// asks first and says how many contacts go, in English and in Finnish; Cancel keeps every
// contact, and only the dialog's own button undoes. (Deleting a segment is asked in
// flow_segment.test.mjs; Restore "Replace everything" lives on Settings.)
// Run: node --test e2e/flow_confirm.test.mjs (after trunk build --release)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
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
  },
  fi: {
    language: 'Suomi',
    imports: 'Tuonnit (1)',
    undoBatch: /^Kumoa tuonti IMP\d+$/,
    undoImport: 'Kumoa tämä tuonti',
    question: /Kaikki sen lisäämät yhteyshenkilöt poistetaan \(329 kaikkiaan\)/,
    cancel: 'Peruuta',
    shown: (n) => `Näytetään ${n}/${n} yhteyshenkilöä`,
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
});
