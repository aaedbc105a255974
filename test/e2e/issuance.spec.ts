import { expect, test } from '@playwright/test';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startStation, type RunningStation } from './support/station';
import { createFirstSystemManager } from './support/auth';
import { ensurePcscd } from '../integration/support/pcscd';
import { lockPort } from '../integration/support/port-lock';
import { startCardProcess, waitForReaderCard, type CardProcess } from '../integration/support/simulated-card';
import { addYears, isoDay } from '../../electron/issuance/expiration';

// The whole wizard on the real stack: pcscd + vpcd + the virtual PIV card (a `station simulate card`
// process), the simulated scanner serving a real FVC image of the enrolled finger, a real SQLite file.
const PORT = 35963;
const READER = 'Virtual PCD 00 00';
const FVC = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'fingerprints', 'fvc2002_db1_b');

let station: RunningStation;
let card: CardProcess;
let release: () => void;
const work = mkdtempSync(join(tmpdir(), 'station-wizard-'));

test.beforeAll(async () => {
  release = await lockPort(PORT);
  await ensurePcscd();
  card = await startCardProcess(PORT);
  await waitForReaderCard(READER, true, 20_000);
  // Enrolment uses impression 1; the scanner presents impression 2 of the same finger (links, never copies).
  symlinkSync(join(FVC, '101_1.tif'), join(work, 'enrol-101_1.tif'));
  const scannerDir = join(work, 'scanner');
  execFileSync('mkdir', ['-p', scannerDir]);
  symlinkSync(join(FVC, '101_2.tif'), join(scannerDir, '101_2.tif'));
  writeFileSync(
    join(work, 'enrollment.json'),
    JSON.stringify([
      { id: 'A-1001', givenName: 'Ada', surname: 'Lovelace', personIdentifier: '1112223333', organizationalCategory: '1', organizationalIdentifier: '1223', poaCategory: '2', fingerprints: [{ position: 2, image: 'enrol-101_1.tif', dpi: 500 }] },
    ]),
  );
  station = await startStation({ args: ['--simulate'], env: { STATION_KEY_PASSPHRASE: 'e2e wizard passphrase', STATION_SCANNER_SIM_IMAGES: scannerDir } });
});

test.afterAll(async () => {
  await station?.stop();
  await card?.stop();
  release?.();
});

test('a genuine finger gets a card: import, pre-check, fingerprint gate, applicant PIN, write, release', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(station.url);
  await page.getByRole('link', { name: 'Applicants', exact: true }).click();
  await createFirstSystemManager(page);
  await page.getByLabel('File on this station').fill(join(work, 'enrollment.json'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 1 record');
  await expect(page.getByRole('table', { name: 'Applicants' })).toContainText('Lovelace, Ada');

  await page.getByRole('link', { name: 'Issuance', exact: true }).click();
  await page.getByRole('combobox', { name: 'Applicant', exact: true }).selectOption('A-1001');
  await page.getByRole('combobox', { name: 'Card reader', exact: true }).selectOption(READER);
  await page.getByRole('button', { name: 'Begin issuance' }).click();
  await expect(page.getByTestId('issuance-run')).toContainText('PIV Standard');
  await page.getByRole('button', { name: 'Check the card' }).click();
  await expect(page.getByTestId('precheck')).toContainText('blank card', { timeout: 30_000 });

  await page.getByRole('button', { name: /Capture finger 2/ }).click();
  await expect(page.getByTestId('gate-state')).toContainText('the fingerprint matched', { timeout: 60_000 });

  await page.getByLabel('PIN (6 to 8 digits)').fill('123456');
  await expect(page.getByText('too easy to guess')).toBeVisible();
  await page.getByLabel('PIN (6 to 8 digits)').fill('470219');
  await page.getByLabel('PIN again').fill('470219');
  await page.getByRole('button', { name: 'Set PIN and write the card' }).click();
  await expect(page.getByTestId('released')).toBeVisible({ timeout: 120_000 });
  const fascnHex = (await page.getByTestId('released-fascn').textContent())!.trim();
  const expiry = (await page.getByTestId('released-expiry').textContent())!.trim();
  await expect(page.getByTestId('step-list')).not.toContainText('failed');
  await page.screenshot({ path: 'test-results/screenshots/issuance-released.png', fullPage: true });

  // The policy (agency 0032, system 0001, 6 years) shows in what an independent tool reads off the card.
  expect(fascnHex).toMatch(/^D0439458/); // SS + agency 0032 + FS + start of system 0001, as the TIG vector encodes them
  expect(expiry).toBe(addYears(isoDay(new Date()), 6));
  const status = execFileSync('yubico-piv-tool', ['-r', READER, '-a', 'status'], { encoding: 'utf8' });
  const chuid = /CHUID:\s*([0-9a-f]+)/i.exec(status)?.[1]?.toUpperCase() ?? '';
  expect(chuid).toContain(`3019${fascnHex}`);
  expect(chuid).toContain(Buffer.from(expiry.replaceAll('-', ''), 'ascii').toString('hex').toUpperCase());
});
