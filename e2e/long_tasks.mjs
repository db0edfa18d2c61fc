// Bulk work and the main thread (issue 16 item 3): the longest task the browser reports while a
// person imports ten thousand contacts, checks and logs a segment of all of them, and exports them
// as CSV and vCard, driven through the app as a person would. e2e/long_tasks.test.mjs runs it in
// the test command (asserting that the work is done, printing the figures); bench/run.mjs runs it
// for BENCHMARKS.md.
//
//   import { bulkWork } from './long_tasks.mjs';
//   const figures = await bulkWork(browser, serverUrl);   // [{ what, longest, count, ms }], plus problems
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open as openPage } from './support.mjs';
import { createSalesperson } from './team_steps.mjs';

const CONTACTS = Number(process.env.LONG_TASKS_CONTACTS ?? 10_000);

const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/**
 * A Google Contacts CSV of `count` generated persons at 5,000 companies, written to a file: a
 * path is handed to the browser as a file, whereas a buffer would be decoded by Playwright on the
 * page's main thread and show up as a long task of the test rather than of the app.
 */
export async function manyContacts(count) {
  const lines = ['First Name,Last Name,Organization Name,E-mail 1 - Value,Address 1 - City'];
  for (let i = 0; i < count; i++) {
    lines.push(`Person${i},Surname${i % 997},Company ${i % 5000},person${i}@example.com,City ${i % 40}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'segmentti-long-'));
  const path = join(dir, 'many.csv');
  await writeFile(path, lines.join('\n'));
  return path;
}

/** Starts collecting the page's long tasks; the returned function stops and gives the longest. */
async function watchTasks(page) {
  await page.evaluate(() => {
    const seen = { tasks: [] };
    seen.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.tasks.push(entry.duration);
    });
    seen.observer.observe({ type: 'longtask' });
    seen.started = performance.now();
    window.__tasks = seen;
  });
  return () =>
    page.evaluate(() => {
      const seen = window.__tasks;
      // Tasks end before the observer hears of them; one frame later every task is reported.
      return new Promise((done) =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            seen.observer.disconnect();
            done({
              longest: Math.round(Math.max(0, ...seen.tasks)),
              count: seen.tasks.length,
              ms: Math.round(performance.now() - seen.started),
            });
          }, 50),
        ),
      );
    });
}

/** The phases of the last commit, from the marks store/session.rs leaves, in milliseconds. */
function commitPhases(page) {
  return page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(`segmentti:commit:${name}`).at(-1)?.startTime ?? NaN;
    const start = last('start');
    const planned = last('planned');
    const stored = last('stored');
    const applied = last('applied');
    const compacted = last('compacted');
    return {
      plan: Math.round(planned - start),
      store: Math.round(stored - planned),
      apply: Math.round(applied - stored),
      compact: Math.round(compacted - applied),
    };
  });
}


/**
 * Imports CONTACTS generated contacts into the app served at `url`, logs a segment of all of them
 * and exports them, in a new context of `browser`. Returns the figures of each step, the commit
 * phases of the log, and every problem the page had.
 */
export async function bulkWork(browser, url) {
  const figures = [];
  let phases = null;
  const report = (what, seen) => {
    figures.push({ what, ...seen });
    console.log(`${what}: ${(seen.ms / 1000).toFixed(1)} s, longest task ${seen.longest} ms (${seen.count} long tasks)`);
  };
  const { context, page, problems, app } = await openPage(browser);
  const main = page.getByRole('main');
  try {
    await app.goto(url, '/contacts');
    await page.waitForSelector('html[data-ready]');

    // Import: reading and planning, then the commit.
    let stop = await watchTasks(page);
    await button(main, 'Import contacts').first().click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.getByLabel('Contacts file').setInputFiles(await manyContacts(CONTACTS));
    await dialog.getByText(/recognised as Google Contacts CSV/).waitFor({ timeout: 120_000 });
    report('import: read and plan', await stop());
    stop = await watchTasks(page);
    await button(dialog, 'Import').click();
    await dialog.getByText(/Imported as batch IMP\d+/).waitFor({ timeout: 120_000 });
    report('import: commit', await stop());
    await button(dialog, 'Close').click();

    await createSalesperson(app, (a, path) => a.goto(url, path), 'MM', 'Maija Myyjä');
    // A template whose letter asks for a value no imported contact has: a warning per line,
    // the worst case for the check's list.
    await app.goto(url, '/templates');
    const groups = page.getByRole('region', { name: 'Interaction groups' });
    await groups.getByLabel('Group code').fill('letter');
    await groups.getByLabel('Group description').fill('Letters');
    await button(groups, 'Add group').click();
    await groups.getByRole('cell', { name: 'LETTER', exact: true }).waitFor();
    const templates = page.getByRole('region', { name: 'Interaction templates' });
    await button(templates, 'New template').click();
    const editor = page.locator('section.template-editor');
    await editor.getByLabel('Code', { exact: true }).fill('news');
    await editor.getByLabel('Description').fill('Newsletter');
    await button(editor, 'Add a letter').click();
    const letter = editor.getByRole('region', { name: 'Letter: default' });
    await letter.getByLabel('Subject', { exact: true }).fill('News');
    await letter.getByLabel('Letter text').fill('Hello {{name}} ({{job_title}}),\n\nNews.');
    await button(editor, 'Save template').click();
    await templates.getByText('Template NEWS saved.').waitFor();

    // A segment of every imported contact.
    await app.goto(url, '/segments');
    await button(main, 'New segment').click();
    const create = page.getByRole('dialog', { name: 'New segment' });
    await create.getByLabel('Description').fill('Everyone');
    await create.getByLabel('Salesperson').selectOption('MM');
    await create.getByLabel('Interaction template').selectOption('NEWS');
    await button(create, 'Create').click();
    await page.waitForURL(/\/segments\/SEG/);
    await button(main, 'Add contacts…').click();
    const add = page.getByRole('dialog', { name: 'Add contacts' });
    await add.getByLabel('Field', { exact: true }).selectOption('city');
    await add.getByLabel('Filter', { exact: true }).fill('City*');
    await add.getByText(`${CONTACTS.toLocaleString('en')} contacts would join.`).first().waitFor({ timeout: 60_000 });
    stop = await watchTasks(page);
    await button(add, 'Apply').click();
    await add.waitFor({ state: 'hidden', timeout: 60_000 });
    report('segment: add every contact', await stop());

    // The log dialog's check, then Log.
    stop = await watchTasks(page);
    await button(main, 'Log…').click();
    const log = page.getByRole('dialog', { name: /^Log segment SEG/ });
    await log.getByRole('status').filter({ hasText: /\w/ }).first().waitFor({ timeout: 120_000 });
    report('log dialog: check', await stop());
    await app.shot('long-tasks-log-check');
    assert.match(await log.getByRole('status').first().innerText(), /^Warnings: /, 'only warnings, one a line');
    await log.getByLabel('Log despite the warnings').check();
    stop = await watchTasks(page);
    await button(log, 'Log').click();
    await log.getByRole('link', { name: /^Open logged segment LSEG/ }).waitFor({ timeout: 120_000 });
    report('log dialog: log', await stop());
    phases = await commitPhases(page);
    await button(log, 'Close').click().catch(() => page.keyboard.press('Escape'));

    // Exports of every contact.
    await app.goto(url, '/contacts');
    for (const name of ['Export CSV', 'Export vCard']) {
      stop = await watchTasks(page);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button(main, name).click()]);
      assert.ok((await download.path()) !== null, `${name} gave a file`);
      report(`contacts: ${name}`, await stop());
    }
  } finally {
    await context.close();
  }
  return { figures, phases, problems, contacts: CONTACTS };
}
