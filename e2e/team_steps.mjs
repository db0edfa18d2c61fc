// Steps a team member takes in the app, shared by the journeys that need a logged segment from
// more than one browser (team.test.mjs with exchange files, sync.test.mjs with live sync). Each
// takes the opened app and `ready(app, path)`, which loads a page of the app where that journey
// serves it and waits until the app has taken over.

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** The member as a salesperson under their own code (a different record in each browser). */
export async function createSalesperson(app, ready, code, name) {
  const page = app.page;
  await ready(app, '/setup');
  await button(page.getByRole('region', { name: 'Salespeople', exact: true }), 'Add salesperson').click();
  const dialog = page.getByRole('dialog', { name: 'Add salesperson' });
  await dialog.getByLabel('Code', { exact: true }).fill(code);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await button(dialog, 'Save').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The same short template on every browser: made with the same content, it is one record. */
export async function createTemplate(app, ready) {
  const page = app.page;
  await ready(app, '/templates');
  const groups = page.getByRole('region', { name: 'Interaction groups' });
  await groups.getByLabel('Group code').fill('letter');
  await groups.getByLabel('Group description').fill('Letters');
  await button(groups, 'Add group').click();
  await groups.getByRole('cell', { name: 'LETTER', exact: true }).waitFor();
  const templates = page.getByRole('region', { name: 'Interaction templates' });
  await button(templates, 'New template').click();
  const editor = page.locator('section.template-editor');
  await editor.getByLabel('Code', { exact: true }).fill('spring');
  await editor.getByLabel('Description').fill('Spring newsletter');
  await button(editor, 'Add a letter').click();
  const letter = editor.getByRole('region', { name: 'Letter: default' });
  await letter.getByLabel('Subject', { exact: true }).fill('Spring news');
  await letter.getByLabel('Letter text').fill('Hello {{name}},\n\nSpring is here.');
  await letter.getByText('No problems found.').waitFor();
  await button(editor, 'Save template').click();
  await templates.getByText('Template SPRING saved.').waitFor();
}

/**
 * A segment of every contact whose `field` matches `filter`, for `salesperson`, logged with the
 * template's letters (warnings accepted); returns the logged segment's number as the page shows it.
 */
export async function logSegment(app, ready, { description, field, filter, salesperson }) {
  const page = app.page;
  await ready(app, '/segments');
  await button(main(page), 'New segment').click();
  const create = page.getByRole('dialog', { name: 'New segment' });
  await create.getByLabel('Description').fill(description);
  await create.getByLabel('Salesperson').selectOption(salesperson);
  await create.getByLabel('Interaction template').selectOption('SPRING');
  await button(create, 'Create').click();
  await page.waitForURL(/\/segments\/SEG/);
  await button(main(page), 'Add contacts…').click();
  const add = page.getByRole('dialog', { name: 'Add contacts' });
  await add.getByLabel('Field', { exact: true }).selectOption(field);
  await add.getByLabel('Filter', { exact: true }).fill(filter);
  await add.getByText(/^\d+ contacts? would join\./).first().waitFor();
  await button(add, 'Apply').click();
  await add.waitFor({ state: 'hidden' });
  await button(main(page), 'Log…').click();
  const log = page.getByRole('dialog', { name: /^Log segment SEG/ });
  await log.getByText(/No problems found|Warnings: \d+|Errors: \d+/).first().waitFor();
  const accept = log.getByLabel('Log despite the warnings');
  if (await accept.isVisible()) await accept.check();
  await button(log, 'Log').click();
  const opened = log.getByRole('link', { name: /^Open logged segment LSEG/ });
  await opened.waitFor();
  return (await opened.innerText()).replace(/^Open logged segment /, '');
}
