import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { startStation, type RunningStation } from './support/station';
import { createFirstSystemManager } from './support/auth';

// One station (browser mode, real SQLite file, simulated devices) for the file; the tests build on each other.
test.describe.configure({ mode: 'serial' });

let station: RunningStation;
test.beforeAll(async () => {
  // OTP seeds are sealed under the vault key, which the station key passphrase protects outside the desktop app.
  station = await startStation({ args: ['--simulate'], env: { STATION_KEY_PASSPHRASE: 'e2e device passphrase' } });
});
test.afterAll(async () => {
  await station?.stop();
});

/** The applicants screen is another engineer's; the enrolled applicant is written straight into the station's file. */
function seedApplicant(dbPath: string, id: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare("INSERT INTO applicants (id, given_name, surname, person_identifier, organizational_category, organizational_identifier, poa_category, credential_type, imported_at, imported_by, source) VALUES (?, 'Jane', 'Doe', '1112223333', '1', '1223', '1', 'PIV Employee', '2026-11-28T10:00:00Z', 'e2e', 'e2e')").run(id);
  } finally {
    db.close();
  }
}

async function section(page: Page, name: 'Issuance' | 'Administration') {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
}

/** The device panel on the Issuance page (the card wizard shares the page). */
const panel = (page: Page) => page.getByRole('region', { name: 'Other devices' });

async function lookUp(page: Page, applicantId: string) {
  await section(page, 'Issuance');
  await panel(page).getByLabel('Applicant ID').fill(applicantId);
  await panel(page).getByRole('button', { name: 'Show permitted devices' }).click();
  await expect(panel(page).getByTestId('device-policy')).toContainText('Jane Doe — PIV Employee');
}

async function setDeviceTypes(page: Page, types: { fido: 'yes' | 'no'; otp: 'yes' | 'no' }) {
  await section(page, 'Administration');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Credential Types' }).click();
  await page.getByRole('radio', { name: 'Select PIV Standard' }).check();
  await page.getByRole('button', { name: 'Policy actions for PIV Standard' }).click();
  await page.getByRole('menuitem', { name: 'Configure Policy' }).click();
  await page.getByRole('tab', { name: 'Device Issuance' }).click();
  const group = page.getByRole('group', { name: 'Permitted Device Types' });
  await group.getByLabel('FIDO Security Keys').selectOption(types.fido);
  await group.getByLabel('OTP').selectOption(types.otp);
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('status')).toContainText('Saved as version');
}

test('the seeded policy offers only a FIDO key, and the training key enrolls with the touch button', async ({ page }) => {
  await page.goto(station.url);
  await createFirstSystemManager(page);
  seedApplicant(station.dbPath, 'A-1');
  await lookUp(page, 'A-1');
  const offered = panel(page).getByRole('list', { name: 'Permitted devices' }).getByRole('listitem');
  await expect(offered).toHaveText(['FIDO security key']);
  await expect(panel(page).getByRole('heading', { name: 'One-time passwords (authenticator app)' })).toHaveCount(0);
  await expect(panel(page).getByRole('heading', { name: 'Derived PIV credential' })).toHaveCount(0);

  await panel(page).getByRole('button', { name: 'Find the key' }).click();
  await expect(panel(page).getByTestId('fido-key')).toHaveText('Training key (simulated) — PIN of at least 4 characters.');
  await panel(page).getByLabel("Applicant's new key PIN").fill('86428642');
  await panel(page).getByLabel('Repeat the PIN').fill('86428642');
  await panel(page).getByRole('button', { name: 'Erase the key and set the PIN' }).click();
  await expect(panel(page).getByTestId('fido-coaching')).toContainText('Touch the key now');
  await panel(page).getByRole('button', { name: 'Touch the training key' }).click();
  await expect(panel(page).getByTestId('fido-coaching')).toContainText('Touch the key once more');
  await panel(page).getByRole('button', { name: 'Touch the training key' }).click();
  await expect(panel(page).getByTestId('fido-done')).toContainText('Issued key TRAINING-0001');
  await expect(panel(page).getByLabel("Applicant's new key PIN")).toHaveValue('');
});

test('toggling the device types in Administration changes what the operator is offered at once', async ({ page }) => {
  await page.goto(station.url);
  await page.getByLabel('Operator name').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('admin password 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as admin');

  await setDeviceTypes(page, { fido: 'no', otp: 'yes' });
  await lookUp(page, 'A-1');
  await expect(panel(page).getByRole('list', { name: 'Permitted devices' }).getByRole('listitem')).toHaveText(['One-time passwords']);
  await expect(panel(page).getByRole('heading', { name: 'FIDO security key' })).toHaveCount(0);
  await panel(page).getByRole('form', { name: 'OATH token' }).getByLabel('Account name on the token').fill('jane.token');
  await panel(page).getByRole('button', { name: 'Write to the token' }).click();
  await expect(panel(page).getByTestId('oath-done')).toContainText('Written to the training token');
  await panel(page).getByRole('button', { name: 'Show the QR code' }).click();
  await expect(panel(page).getByRole('img', { name: 'QR code for the authenticator app' })).toBeVisible();
  await panel(page).getByLabel('Code the app shows').fill('000000');
  await panel(page).getByRole('button', { name: 'Check the code' }).click();
  await expect(panel(page).getByRole('alert')).toContainText(/does not match|tries left/);

  await setDeviceTypes(page, { fido: 'no', otp: 'no' });
  await lookUp(page, 'A-1');
  await expect(panel(page).getByTestId('no-devices')).toHaveText('This credential policy permits no devices besides the PIV card.');
  await expect(panel(page).getByRole('heading', { name: 'One-time passwords (authenticator app)' })).toHaveCount(0);
});
