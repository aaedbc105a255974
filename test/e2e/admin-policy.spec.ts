import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startStation, type RunningStation } from './support/station';

// One station (browser mode, real SQLite file) for the whole file; the tests build on each other.
test.describe.configure({ mode: 'serial' });

const ADMIN = { name: 'admin', password: 'admin password 1' };
const BOB = { name: 'bob', password: 'bob password 12' };
const KNOWN = 'PIV-Standard-Initial, PIV-Auth-Only-Replacement, PIV-Standard-Replacement';

/** Exporting signs with the station's policy key, which is kept encrypted with this passphrase outside the desktop app. */
const KEY_ENV = { STATION_KEY_PASSPHRASE: 'e2e policy passphrase' };

let station: RunningStation;
test.beforeAll(async () => {
  station = await startStation({ env: KEY_ENV });
});
test.afterAll(async () => {
  await station?.stop();
});

async function open(page: Page, section: 'Administration' | 'Audit') {
  await page.goto(station.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section, exact: true }).click();
}

async function signIn(page: Page, who: { name: string; password: string }, section: 'Administration' | 'Audit' = 'Administration') {
  await open(page, section);
  await page.getByLabel('Operator name').fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(`Signed in as ${who.name}`);
}

/** Administration → Credential Types → select the policy → its gear button → Configure Policy → Device Issuance. */
async function openDeviceIssuance(page: Page) {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Credential Types' }).click();
  await page.getByRole('radio', { name: 'Select PIV Standard' }).check();
  await page.getByRole('button', { name: 'Policy actions for PIV Standard' }).click();
  await page.getByRole('menuitem', { name: 'Configure Policy' }).click();
  await expect(page.getByRole('heading', { name: 'Configure Policy: PIV Standard' })).toBeVisible();
  await page.getByRole('tab', { name: 'Device Issuance' }).click();
  await expect(page.getByRole('group', { name: 'Permitted Device Types' })).toBeVisible();
}

const errorOf = (page: Page, id: string) => page.getByTestId(`${id}-error`);

test('first run creates the System Manager; the exact navigation path edits and saves the Device Issuance section', async ({ page }) => {
  await open(page, 'Administration');
  await expect(page.getByRole('heading', { name: 'First run: create the System Manager' })).toBeVisible();
  await page.getByLabel('Operator name').fill(ADMIN.name);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Repeat password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create System Manager' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as admin (System Manager)');

  // the gear needs a selected policy first
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Credential Types' }).click();
  await expect(page.getByRole('button', { name: 'Policy actions for PIV Standard' })).toBeDisabled();
  await expect(page.getByTestId('running-version-PIV Standard')).toHaveText('Version 1');
  await openDeviceIssuance(page);
  await expect(page.getByTestId('policy-version')).toContainText('This station runs version 1');
  await expect(page.getByRole('button', { name: 'Save Changes' })).toBeDisabled();
  await page.getByLabel('Card Validity').fill('5');
  await page.getByRole('group', { name: 'Permitted Device Types' }).getByLabel('OTP').selectOption('yes');
  await expect(page.getByLabel('CMS Card Default Replacement Reason').locator('option')).toHaveText(['None', 'Forgotten', 'Damaged', 'Expired', 'Lost', 'Stolen']);
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as version 2: Card Validity 6 → 5; OTP No → Yes.');
  await expect(page.getByTestId('policy-version')).toContainText('This station runs version 2');
  await page.screenshot({ path: 'test-results/screenshots/admin-device-issuance.png', fullPage: true });
});

test('each validation message appears beside its field, and unsaved changes are guarded on navigation', async ({ page }) => {
  await signIn(page, ADMIN);
  await openDeviceIssuance(page);
  const save = page.getByRole('button', { name: 'Save Changes' });

  await page.getByLabel('CMS Server Key').fill('https://id.example.com:8443/aims/enterprise/operator');
  await expect(errorOf(page, 'cmsServerKey')).toContainText('Enter the host name only, without scheme, port or path. Did you mean id.example.com?');
  await expect(save).toBeDisabled();
  await page.getByRole('button', { name: 'Use id.example.com' }).click();
  await expect(page.getByLabel('CMS Server Key')).toHaveValue('id.example.com');
  await expect(errorOf(page, 'cmsServerKey')).toHaveCount(0);

  await page.getByLabel('Agency Code').fill('032');
  await expect(errorOf(page, 'agencyCode')).toContainText('Agency Code must be exactly 4 digits; you entered 3. If your code is shorter, pad it with leading zeros (0032).');
  await page.getByLabel('Agency Code').fill('12345');
  await expect(errorOf(page, 'agencyCode')).toHaveText('Agency Code must be exactly 4 digits; you entered 5.');
  await page.getByLabel('System Code').fill('12a4');
  await expect(errorOf(page, 'systemCode')).toHaveText('System Code must be exactly 4 digits (0–9 only).');
  await page.getByLabel('Agency Code').fill('9999');
  await expect(page.getByTestId('agencyCode-note')).toContainText('Agency Code 9999 marks a non-federal issuer: PIV-I rules apply.');
  await page.getByLabel('System Code').fill('0001');
  await expect(errorOf(page, 'systemCode')).toContainText('With Agency Code 9999 (PIV-I, non-federal issuer) the System Code must be 9999.');

  await page.getByLabel('Card Validity').fill('0');
  await expect(errorOf(page, 'cardValidityYears')).toHaveText('Card Validity must be at least 1 year.');
  await page.getByLabel('Card Validity').fill('7');
  await expect(errorOf(page, 'cardValidityYears')).toHaveText('Card Validity cannot exceed 6 years: FIPS 201-3 (§2.8) caps a PIV card at six years.');

  await page.getByLabel('CMS Card Policy', { exact: true }).fill('Gold');
  await expect(errorOf(page, 'cmsCardPolicy')).toHaveText(`Unknown card profile 'Gold'. Known profiles: ${KNOWN}.`);
  await page.getByLabel('CMS Card Replacement Policy').fill('PIV-Standard-Replacement, Nope');
  await expect(errorOf(page, 'cmsCardReplacementPolicy')).toHaveText(`Unknown card profile 'Nope'. Known profiles: ${KNOWN}.`);
  await page.getByLabel('Verify Applicant Fingerprint').selectOption('no');
  await expect(page.getByTestId('verifyApplicantFingerprint-note')).toContainText('two identity documents and a comparison with the printed photo');
  await expect(save).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/admin-validation.png', fullPage: true });

  // leaving with unsaved changes asks first
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByRole('heading', { name: 'Configure Policy: PIV Standard' })).toBeVisible();
  await expect(page.getByLabel('Card Validity')).toHaveValue('7');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit', exact: true }).click();
  await dialog.getByRole('button', { name: 'Discard and leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
});

test('a non-System-Manager sees the policy read-only and cannot save; two admins editing at once get "changed by X at T — reload"', async ({ page, browser }) => {
  await signIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Operators' }).click();
  const add = page.getByRole('form', { name: 'Add operator' });
  await add.getByLabel('Name').fill(BOB.name);
  await add.getByLabel('Role').selectOption('badge_operator');
  await add.getByLabel('Initial password').fill(BOB.password);
  await add.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByRole('status')).toHaveText('Created Badge Operator bob.');

  const bobPage = await (await browser.newContext()).newPage();
  await signIn(bobPage, BOB);
  await openDeviceIssuance(bobPage);
  await expect(bobPage.getByTestId('read-only-notice')).toContainText('Read-only: only a System Manager can change policy.');
  await expect(bobPage.getByLabel('Card Validity')).toBeDisabled();
  await expect(bobPage.getByRole('group', { name: 'Permitted Device Types' }).getByLabel('OTP')).toBeDisabled();
  await expect(bobPage.getByRole('button', { name: 'Save Changes' })).toBeDisabled();
  await bobPage.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit', exact: true }).click();
  await expect(bobPage.getByText('Only a System Manager reads the audit journal.')).toBeVisible();
  await bobPage.close();

  // two System Manager windows on version 2
  await openDeviceIssuance(page);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, ADMIN);
  await openDeviceIssuance(other);
  await page.getByLabel('CMS Server Key').fill('cms.example.gov');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByRole('status')).toContainText('Saved as version 3');
  await other.getByLabel('Card Validity').fill('4');
  await other.getByRole('button', { name: 'Save Changes' }).click();
  await expect(other.getByTestId('conflict')).toContainText(/Policy 'PIV Standard' was changed by admin at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — reload to see version 3/);
  await other.getByRole('button', { name: 'Reload' }).click();
  await expect(other.getByLabel('CMS Server Key')).toHaveValue('cms.example.gov');
  await expect(other.getByLabel('Card Validity')).toHaveValue('5');
  await other.close();
});

test('the saved change survives a restart of the station', async ({ page }) => {
  const dbPath = station.dbPath;
  await station.stop();
  station = await startStation({ dbPath, env: KEY_ENV });
  await signIn(page, ADMIN);
  await expect(page.getByTestId('running-version-PIV Standard')).toHaveText('Version 3');
  await openDeviceIssuance(page);
  await expect(page.getByLabel('Card Validity')).toHaveValue('5');
  await expect(page.getByLabel('CMS Server Key')).toHaveValue('cms.example.gov');
  await expect(page.getByRole('group', { name: 'Permitted Device Types' }).getByLabel('OTP')).toHaveValue('yes');
});

test('the field-level diff shows in the audit page, filters work and the CSV export holds it', async ({ page }) => {
  await signIn(page, ADMIN, 'Audit');
  await page.getByLabel('Action').fill('policy.save');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('2 entries');
  const first = page.getByTestId('audit-entry-' + (await page.locator('tbody tr').last().locator('td').first().innerText()));
  await expect(first).toContainText('Card Validity: 6 → 5');
  await expect(first).toContainText('OTP: No → Yes');
  await expect(page.locator('tbody tr').first()).toContainText('CMS Server Key: cms.station.test → cms.example.gov');
  await page.getByLabel('Actor').fill('nobody');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('0 entries');
  await page.getByLabel('Actor').fill('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('2 entries');
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Chain intact');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('seq,time,actor,action,subject,details,prevHash,hash');
  expect(csv).toContain('policy.save');
  expect(csv).toContain('""label"":""Card Validity""');
  await page.screenshot({ path: 'test-results/screenshots/audit-diff.png', fullPage: true });
});

test('version history reverts as a new version, and an export/import round trip shows the diff first', async ({ page }) => {
  await signIn(page, ADMIN);
  await openDeviceIssuance(page);
  await page.getByRole('tab', { name: 'Export / Import' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export signed bundle' }).click();
  const bundlePath = (await (await download).path())!;
  expect(JSON.parse(readFileSync(bundlePath, 'utf8'))).toMatchObject({ policy: { version: 3 }, signature: expect.any(String) });

  await page.getByRole('tab', { name: 'Version History' }).click();
  await page.getByRole('button', { name: 'Revert to version 1' }).click();
  await expect(page.getByTestId('policy-version')).toContainText('This station runs version 4 (revert by admin');
  await expect(page.getByRole('table', { name: 'Version history' }).getByRole('row', { name: /^4 in force .* admin revert Revert to version 1/ })).toBeVisible();

  await page.getByRole('tab', { name: 'Export / Import' }).click();
  await page.getByLabel('Policy bundle file').setInputFiles(bundlePath);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('This station runs version 4.');
  await expect(preview.getByRole('row', { name: /Card Validity 6 5/ })).toBeVisible();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('status')).toHaveText('Imported: PIV Standard is now version 5.');

  // a tampered bundle is refused with the reason
  const tampered = readFileSync(bundlePath, 'utf8').replace('"cardValidityYears": 5', '"cardValidityYears": 3');
  await page.getByLabel('Policy bundle file').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(page.getByRole('alert')).toContainText('The policy bundle was refused: the signature does not verify');

  // signing keys: this station's key is shown and trusted; a pasted non-key is refused
  await expect(page.getByRole('table', { name: 'Trusted signers' })).toContainText('This station (this station)');
  await expect(page.getByLabel("This station's public key")).toHaveValue(/-----BEGIN PUBLIC KEY-----/);
  const trust = page.getByRole('form', { name: 'Trust a signer' });
  await trust.getByLabel('Public key of another station (PEM)').fill('not a key');
  await trust.getByRole('button', { name: 'Trust this signer' }).click();
  await expect(trust.getByRole('alert')).toContainText('That is not an ECDSA P-256 public key in PEM form');
});

test('an idle window signs out after the station timeout (15 minutes by default) and says why', async ({ page }) => {
  await page.clock.install();
  await signIn(page, ADMIN);
  await page.clock.fastForward('14:00');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('You were signed out after a period of inactivity. Sign in again.');
});
