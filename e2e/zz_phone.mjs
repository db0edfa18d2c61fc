// Temporary: phone-width screenshots of the set-up and log pages (deleted after use).
import { serve } from './serve.mjs';
import { launch, open } from './support.mjs';
const server = await serve();
const browser = await launch();
const { page, app, problems } = await open(browser, { viewport: { width: 390, height: 800 } });
await app.goto(server.url, '/setup');
await page.waitForSelector('html[data-ready]');
await page.getByRole('region', { name: 'Salespeople' }).getByRole('button', { name: 'Add salesperson' }).click();
const d = page.getByRole('dialog', { name: 'Add salesperson' });
await d.getByLabel('Code', { exact: true }).fill('JD');
await d.getByLabel('Name', { exact: true }).fill('Jane Doe');
await d.getByLabel('E-mail').fill('jane.doe@example.com');
await d.getByRole('button', { name: 'Save' }).click();
await d.waitFor({ state: 'hidden' });
for (const path of ['/setup', '/logged-segments', '/interaction-log']) {
  if (path !== '/setup') await app.goto(server.url, path);
  await page.waitForSelector('html[data-ready]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(path, 'overflow', overflow, await app.seriousViolations());
  await app.shot(`phone${path.replaceAll('/', '-')}`);
}
console.log(problems);
await browser.close();
await server.close();
