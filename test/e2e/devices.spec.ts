import { expect, test } from '@playwright/test';
import { startStation, type RunningStation } from './support/station';
import { createFirstSystemManager } from './support/auth';

let station: RunningStation;
test.beforeAll(async () => {
  // No USB scanner here: the station adds its simulated scanner (real FVC images over our HID protocol).
  station = await startStation({ args: ['--simulate'] });
});
test.afterAll(async () => {
  await station.stop();
});

test('the Devices page shows the simulated scanner and a test capture shows preview, image and quality', async ({ page }) => {
  await page.goto(station.url);
  await page.getByRole('link', { name: 'Devices', exact: true }).click();
  await createFirstSystemManager(page);
  const row = page.getByRole('row', { name: /Simulated fingerprint scanner/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Simulated');
  await expect(page.getByTestId('status-simulated')).toContainText('Simulated');
  await row.getByRole('button', { name: 'Test capture' }).click();
  const panel = page.getByTestId('test-capture');
  await expect(panel.getByTestId('capture-preview')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByTestId('preview-feedback')).toContainText('good frames');
  await expect(panel.getByTestId('capture-image')).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('capture-quality')).toHaveText(/Image quality \d+ \/ 100/);
  await expect(panel).toContainText(/\d+ minutiae/);
  await expect(panel.getByTestId('capture-state')).toHaveText('Captured.');
  await page.screenshot({ path: 'test-results/screenshots/devices-test-capture.png', fullPage: true });
});
