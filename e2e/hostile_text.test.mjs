// Text that tries to reorder the page: a company whose name carries U+202E (RIGHT-TO-LEFT
// OVERRIDE) and a person whose name is Arabic. Wherever such a name sits among the app's own
// words or numbers, it must be isolated (U+2068 … U+2069, or an element of its own), so that the
// override cannot run on into "(CT000001)" or the sentence around it.
// Run: node --test e2e/hostile_text.test.mjs (after trunk build --release).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, useBrowserAndServer } from './support.mjs';

const env = useBrowserAndServer();
const RLO = '\u202E';
const COMPANY = `Invoice${RLO}fdp.exe Oy`;
const PERSON = 'ليلى حداد';

describe('hostile text', () => {
  test('a name with a right-to-left override is isolated where it meets the app\'s words', async () => {
    const { context, page, problems, app } = await open(env.browser);
    await app.goto(env.server.url, '/contacts');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Import contacts', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: /Import contacts/ });
    const csv = `First Name,Last Name,Organization Name,E-mail 1 - Value\nEva,Stickerson,${COMPANY},eva@example.com\n${PERSON},,${COMPANY},layla@example.com\n`;
    await dialog.getByLabel('Contacts file').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByText(/recognised as Google Contacts CSV/).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(/Imported as batch/).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    await main.getByRole('row').filter({ hasText: 'Eva Stickerson' }).click();
    await app.expectHeading('Eva Stickerson');
    // The company choice: the name isolated, so the override stops before the number.
    const option = await main
      .getByLabel('Company', { exact: true })
      .locator('option')
      .evaluateAll((options, name) => options.map((o) => o.textContent).find((t) => t.includes(name)), COMPANY);
    assert.match(option, new RegExp(`^\u2068${COMPANY}\u2069 \\(CT\\d{6}\\)$`), JSON.stringify(option));
    await app.shot('hostile-text-contact');
    await context.close();
    assert.deepEqual(problems, []);
  });
});
