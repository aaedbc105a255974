import { expect, test, type Page } from '@playwright/test';
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

// Issue 7's done-when through the UI, on the real stack: pcscd + vpcd + the virtual PIV card (a `station simulate card`
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
  symlinkSync(join(FVC, '102_1.tif'), join(work, 'enrol-102_1.tif'));
  const scannerDir = join(work, 'scanner');
  execFileSync('mkdir', ['-p', scannerDir]);
  symlinkSync(join(FVC, '101_2.tif'), join(scannerDir, '101_2.tif'));
  writeFileSync(
    join(work, 'enrollment.json'),
    JSON.stringify([
      { id: 'A-1001', givenName: 'Ada', surname: 'Lovelace', personIdentifier: '1112223333', organizationalCategory: '1', organizationalIdentifier: '1223', poaCategory: '2', fingerprints: [{ position: 2, image: 'enrol-101_1.tif', dpi: 500 }] },
      // Enrolled with another person's finger: the scanner's image is an impostor for this record.
      { id: 'B-2002', givenName: 'Bob', surname: 'Babbage', personIdentifier: '4445556666', organizationalCategory: '1', organizationalIdentifier: '1223', poaCategory: '1', fingerprints: [{ position: 2, image: 'enrol-102_1.tif', dpi: 500 }] },
    ]),
  );
  station = await startStation({ args: ['--simulate'], env: { STATION_KEY_PASSPHRASE: 'e2e wizard passphrase', STATION_SCANNER_SIM_IMAGES: scannerDir } });
});

test.describe.configure({ mode: 'serial' });

function chuidOnCard(): string {
  const status = execFileSync('yubico-piv-tool', ['-r', READER, '-a', 'status'], { encoding: 'utf8' });
  return /CHUID:\s*([0-9a-f]+)/i.exec(status)?.[1]?.toUpperCase() ?? '';
}

async function begin(page: Page, applicantId: string, replaceReason?: string) {
  await page.getByRole('link', { name: 'Issuance', exact: true }).click();
  await page.getByRole('combobox', { name: 'Applicant', exact: true }).selectOption(applicantId);
  await page.getByRole('combobox', { name: 'Card reader', exact: true }).selectOption(READER);
  if (replaceReason) await page.getByRole('combobox', { name: 'Replacement reason', exact: true }).selectOption(replaceReason);
  await page.getByRole('button', { name: replaceReason ? 'Begin replacement' : 'Begin issuance' }).click();
  await expect(page.getByTestId('issuance-run')).toContainText('PIV Standard');
  await page.getByRole('button', { name: 'Check the card' }).click();
  await expect(page.getByTestId('precheck')).toContainText('blank card', { timeout: 30_000 });
}

async function setPinAndWrite(page: Page) {
  await page.getByLabel('PIN (6 to 8 digits)').fill('470219');
  await page.getByLabel('PIN again').fill('470219');
  await page.getByRole('button', { name: 'Set PIN and write the card' }).click();
  await expect(page.getByTestId('released')).toBeVisible({ timeout: 120_000 });
}

let page: Page;
let firstFascn = '';
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page?.close();
  await station?.stop();
  await card?.stop();
  release?.();
});

test('first run and applicant import', async () => {
  await page.goto(station.url);
  await page.getByRole('link', { name: 'Applicants', exact: true }).click();
  await createFirstSystemManager(page);
  await page.getByLabel('File on this station').fill(join(work, 'enrollment.json'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 2 records');
  await expect(page.getByRole('table', { name: 'Applicants' })).toContainText('Lovelace, Ada');
});

test('an impostor finger is refused three times, the gate locks and nothing is written to the card', async () => {
  test.setTimeout(240_000);
  await begin(page, 'B-2002');
  for (let left = 2; left >= 0; left--) {
    await page.getByRole('button', { name: /Capture finger 2/ }).click();
    await expect(page.getByTestId('gate-result')).toContainText(`does not match`, { timeout: 60_000 });
    await expect(page.getByTestId('gate-result')).toContainText(`${left} attempt(s) left`);
  }
  await expect(page.getByTestId('gate-locked')).toBeVisible();
  await expect(page.getByRole('button', { name: /Capture finger 2/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Set PIN and write the card' })).toHaveCount(0);
  expect(chuidOnCard()).toBe('');
  await page.getByRole('button', { name: 'Cancel issuance' }).click();
});

test('a genuine finger gets a card: pre-check, fingerprint gate, applicant PIN, write, release', async () => {
  test.setTimeout(240_000);
  await begin(page, 'A-1001');
  await page.getByRole('button', { name: /Capture finger 2/ }).click();
  await expect(page.getByTestId('gate-state')).toContainText('the fingerprint matched', { timeout: 60_000 });
  await page.getByLabel('PIN (6 to 8 digits)').fill('123456');
  await expect(page.getByText('too easy to guess')).toBeVisible();
  await setPinAndWrite(page);
  const fascnHex = (await page.getByTestId('released-fascn').textContent())!.trim();
  const expiry = (await page.getByTestId('released-expiry').textContent())!.trim();
  await expect(page.getByTestId('step-list')).not.toContainText('failed');
  await page.screenshot({ path: 'test-results/screenshots/issuance-released.png', fullPage: true });

  // The policy (agency 0032, system 0001, 6 years) shows in what an independent tool reads off the card.
  expect(fascnHex).toMatch(/^D0439458/); // SS + agency 0032 + FS + start of system 0001, as the TIG vector encodes them
  expect(expiry).toBe(addYears(isoDay(new Date()), 6));
  const chuid = chuidOnCard();
  expect(chuid).toContain(`3019${fascnHex}`);
  expect(chuid).toContain(Buffer.from(expiry.replaceAll('-', ''), 'ascii').toString('hex').toUpperCase());
  firstFascn = fascnHex;
});


test('a replacement (lost card) revokes the old one and writes a new credential number on a new card', async () => {
  test.setTimeout(240_000);
  await page.getByRole('button', { name: 'Next applicant' }).click();
  // A new blank card in the same reader.
  await card.stop();
  await waitForReaderCard(READER, false, 20_000);
  card = await startCardProcess(PORT);
  await waitForReaderCard(READER, true, 20_000);
  await page.getByRole('combobox', { name: 'Applicant', exact: true }).selectOption('A-1001');
  await page.getByRole('combobox', { name: 'Replacement reason', exact: true }).selectOption('lost');
  await expect(page.getByTestId('replacement-preview')).toContainText('revoked');
  await begin(page, 'A-1001', 'lost');
  await page.getByRole('button', { name: /Capture finger 2/ }).click();
  await expect(page.getByTestId('gate-state')).toContainText('the fingerprint matched', { timeout: 60_000 });
  await setPinAndWrite(page);
  const fascnHex = (await page.getByTestId('released-fascn').textContent())!.trim();
  expect(fascnHex).not.toBe(firstFascn);
  expect(chuidOnCard()).toContain(`3019${fascnHex}`);
  await page.getByRole('link', { name: 'Applicants', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Applicants' })).toContainText('000002');
});
