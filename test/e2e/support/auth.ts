import { expect, type Page } from '@playwright/test';

export const FIRST_ADMIN = { name: 'admin', password: 'admin password 1' };

/** On a new station every section shows the first-run form: create the System Manager and land signed in. */
export async function createFirstSystemManager(page: Page, who = FIRST_ADMIN): Promise<void> {
  await expect(page.getByRole('heading', { name: 'First run: create the System Manager' })).toBeVisible();
  await page.getByLabel('Operator name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Repeat password').fill(who.password);
  await page.getByRole('button', { name: 'Create System Manager' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(`Signed in as ${who.name}`);
}
