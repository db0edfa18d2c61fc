// Set-up steps shared by the everyday-flow journeys (flow_segment, flow_why, flow_template): a
// desktop-sized page that records every problem and refuses JavaScript dialogs, and the data each
// journey starts from, made through the app as a person would.
import { open as openPage, sample } from './support.mjs';

export const DESKTOP = { width: 1280, height: 860 };

const main = (page) => page.getByRole('main');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** A new page at 1280×860; a JavaScript dialog (which imported text must never open) is a problem. */
export async function openDesktop(browser) {
  const opened = await openPage(browser, { viewport: DESKTOP });
  opened.page.on('dialog', async (dialog) => {
    opened.problems.push(`javascript dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return opened;
}

/** Imports the shared Google export and adds salesperson JD and the interaction group LETTER. */
export async function prepareBasics(app, page, url) {
  await app.goto(url, '/contacts');
  await page.waitForSelector('html[data-ready]');
  await button(main(page), 'Import contacts').first().click();
  const importing = page.getByRole('dialog', { name: 'Import contacts' });
  await importing.getByLabel('Contacts file').setInputFiles(sample('google-contacts.csv'));
  await importing.getByText(/recognised as Google Contacts CSV/).waitFor();
  await button(importing, 'Import').click();
  await importing.getByText(/Imported as batch IMP\d+/).waitFor();
  await button(importing, 'Close').click();

  await app.link('Set-up').click();
  await app.expectHeading('Set-up');
  await button(page.getByRole('region', { name: 'Salespeople', exact: true }), 'Add salesperson').click();
  const person = page.getByRole('dialog', { name: 'Add salesperson' });
  await person.getByLabel('Code', { exact: true }).fill('JD');
  await person.getByLabel('Name', { exact: true }).fill('Jane Doe');
  await button(person, 'Save').click();
  await person.waitFor({ state: 'hidden' });

  await app.link('Templates').click();
  await app.expectHeading('Templates');
  const groups = page.getByRole('region', { name: 'Interaction groups' });
  await groups.getByLabel('Group code').fill('letter');
  await groups.getByLabel('Group description').fill('Letters');
  await button(groups, 'Add group').click();
  await groups.getByRole('cell', { name: 'LETTER', exact: true }).waitFor();
}

/** [`prepareBasics`], then the template SPRING with a written letter signed by the salesperson. */
export async function prepareSpring(app, page, url) {
  await prepareBasics(app, page, url);
  const templates = page.getByRole('region', { name: 'Interaction templates' });
  await button(templates, 'New template').click();
  const editor = page.locator('section.template-editor');
  await editor.getByLabel('Code', { exact: true }).fill('spring');
  await editor.getByLabel('Description').fill('Spring newsletter');
  await button(editor, 'Add a letter').click();
  const letter = editor.getByRole('region', { name: 'Letter: default' });
  await letter.getByLabel('Subject', { exact: true }).fill('Spring news');
  await letter.getByLabel('Letter text').fill('Hello {{name}},\n\nSpring is here.\n\n{{salesperson.name}}');
  await letter.getByText('No problems found.').waitFor();
  await button(editor, 'Save template').click();
  await templates.getByText('Template SPRING saved.').waitFor();
}
