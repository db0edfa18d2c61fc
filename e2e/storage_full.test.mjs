// A full disk, as a person meets it: the browser's storage quota for the app set to 5 MB through
// the DevTools protocol, then an import far larger than that. The import must be refused as a
// whole with a message that says the storage is full, with the browser's figures and what to do,
// brought into view with the keyboard focus on it; nothing may be stored.
// Run: node --test e2e/storage_full.test.mjs (after trunk build --release).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, useBrowserAndServer } from './support.mjs';

const env = useBrowserAndServer();

/** A Google Contacts CSV of `count` generated persons with long notes, written to a file. */
async function bigFile(count) {
  const lines = ['First Name,Last Name,Organization Name,E-mail 1 - Value,Notes'];
  const note = 'A note long enough to make every contact take room in storage. '.repeat(4);
  for (let i = 0; i < count; i++) {
    lines.push(`Person${i},Surname${i % 997},Company ${i % 500},person${i}@example.com,${note}${i}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'segmentti-e2e-'));
  const path = join(dir, 'big.csv');
  await writeFile(path, lines.join('\n'));
  return path;
}

describe('a full disk', () => {
  test('an import larger than the quota is refused with the figures, in view and focused', async () => {
    const { context, page, problems, app } = await open(env.browser);
    await app.goto(env.server.url, '/contacts');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin: new URL(env.server.url).origin,
      quotaSize: 5 * 1024 * 1024,
    });
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Import contacts', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: /Import contacts/ });
    await dialog.getByLabel('Contacts file').setInputFiles(await bigFile(40_000));
    await dialog.getByText(/recognised as Google Contacts CSV/).waitFor({ timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    const alert = dialog.getByRole('alert').filter({ has: page.locator('ul.problems') });
    await alert.waitFor({ timeout: 120_000 });
    const text = await alert.innerText();
    assert.match(text, /storage for this app is full/, text);
    assert.match(text, /\(\d[\d,.]*\s?MB used of \d[\d,.]*\s?MB\)/, text);
    assert.match(text, /download a backup/, text);
    assert.doesNotMatch(text, /aborted|Error|QuotaExceeded/, text);
    assert.equal(
      await page.evaluate(() => document.activeElement?.matches('[role=alert]:has(> ul.problems)')),
      true,
      'the keyboard focus is on the message',
    );
    await assert.doesNotReject(alert.evaluate((el) => {
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) throw new Error(`out of view: ${box.top}..${box.bottom}`);
    }));
    await app.shot('storage-full');
    // The message is an alert holding a list, so its items keep their list (axe: listitem).
    assert.deepEqual(await app.seriousViolations(), [], 'accessibility of the import dialog with its alert');

    // Nothing was stored: after a reload the list is still empty.
    await page.reload();
    await page.getByRole('main').getByText('No contacts yet').waitFor();
    await context.close();
    assert.deepEqual(problems, []);
  });
});
