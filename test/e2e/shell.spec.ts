import { expect, test } from '@playwright/test';
import { startStation, type RunningStation } from './support/station';
import { createFirstSystemManager } from './support/auth';

let station: RunningStation;
test.beforeAll(async () => {
  station = await startStation();
});
test.afterAll(async () => {
  await station.stop();
});

const sections = [
  { label: 'Issuance', heading: 'Issuance' },
  { label: 'Applicants', heading: 'Applicants' },
  { label: 'Devices', heading: 'Devices' },
  { label: 'Administration', heading: 'Administration' },
  { label: 'Audit', heading: 'Audit' },
];

test('opens through browser mode, visits every section and saves a screenshot of each', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(station.url);
  await expect(page.getByTestId('app-mode')).toContainText('browser mode');
  await expect(page.getByTestId('status-bar')).not.toContainText('Checking devices');
  // Every section sits behind sign-in; a new station asks for its first System Manager.
  await page.screenshot({ path: 'test-results/screenshots/first-run.png', fullPage: true });
  await createFirstSystemManager(page);
  for (const s of sections) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: s.label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await expect(page.getByRole('link', { name: s.label, exact: true })).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: `test-results/screenshots/section-${s.label.toLowerCase()}.png`, fullPage: true });
  }
  expect(consoleErrors).toEqual([]);
});

test('the token is taken out of the address bar and a reload stays connected', async ({ page }) => {
  await page.goto(station.url);
  await expect(page.getByTestId('app-mode')).toBeVisible();
  expect(page.url()).not.toContain(station.token);
  await page.reload();
  await expect(page.getByTestId('app-mode')).toContainText('browser mode');
});

test('without the token the page says how to connect instead of failing silently', async ({ page }) => {
  await page.goto(station.origin + '/');
  await expect(page.getByRole('alert')).toContainText('npm run start:browser');
});
