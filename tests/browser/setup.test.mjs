// Clinic set-up by an administrator: clinic settings (and the time zone
// every time is shown in), staff accounts, screening rules, audit trail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_EMAIL, fieldError, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let patient;

before(async () => {
  server = await startServer();
  // Registered at the server's fixed clock: 2026-01-05T09:00:00Z.
  patient = await server.patient(await server.admin(), { given_name: 'Lucía', family_name: 'Fernández' });
  browser = await openBrowser(server);
  await browser.page.goto('/setup');
  await signIn(browser.page, ADMIN_EMAIL, server.adminPassword);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin edits the clinic settings; invalid values are explained next to their field', async () => {
  const { page } = browser;
  await page.waitForURL(/\/setup\/clinic$/);
  await page.getByLabel('Clinic name').waitFor();
  assert.equal(await page.getByLabel('Time zone').inputValue(), 'UTC');

  await page.getByLabel('Clinic name').fill('Clínica Capilar Norte');
  await page.getByLabel('Time zone').selectOption('Europe/Madrid');
  await page.getByLabel('A screening stays valid for').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await fieldError(page, 'screening_valid_days').filter({ hasText: 'Must be between 1 and 730' }).waitFor();
  await screenshot(page, 'setup-clinic-error');

  await page.getByLabel('A screening stays valid for').fill('120');
  // What counts as a response is the clinic's too (domain.md): a partial
  // threshold above the responder's is refused, then fixed.
  assert.equal(await page.getByLabel('Responder: density up by').inputValue(), '10');
  await page.getByLabel('Partial response: density up by').fill('12');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await fieldError(page, 'partial_density_percent').filter({ hasText: "must not exceed the responder's density gain (10%)" }).waitFor();
  await page.getByLabel('Responder: density up by').fill('15');
  await page.getByLabel('A hair is vellus up to').fill('30,5');
  await page.getByLabel('Remind patients of a session').fill('48');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Clinic settings saved.').waitFor();
  // The shell follows at once, without a reload.
  await page.locator('.brand-clinic').getByText('Clínica Capilar Norte').waitFor();
  await screenshot(page, 'setup-clinic');

  const r = await server.request('GET', '/api/v1/clinic', { token: await server.admin() });
  assert.equal(r.body.name, 'Clínica Capilar Norte');
  assert.equal(r.body.timezone, 'Europe/Madrid');
  assert.equal(r.body.screening_valid_days, 120);
  assert.deepEqual([r.body.responder_density_percent, r.body.partial_density_percent, r.body.vellus_threshold_um, r.body.reminder_hours_before], [15, 12, 30.5, 48]);
});

test('times are shown in the clinic time zone, not the browser one', async () => {
  const { page } = browser;
  // The browser runs in New York (04:00 there); the clinic is now in Madrid (10:00).
  await page.goto(`/patients/${patient.id}`);
  const registered = page.locator('dl.details div').filter({ hasText: 'Registered' }).locator('dd');
  assert.equal(await registered.textContent(), '5 Jan 2026, 10:00');
});

test('an admin adds a staff member, then changes their role and deactivates them', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Set-up' }).click();
  await page.getByRole('navigation', { name: 'Set-up sections' }).getByRole('link', { name: 'Users and roles' }).click();
  await page.getByRole('cell', { name: 'admin@anagen.local' }).waitFor();

  await page.getByRole('button', { name: 'Add a staff member' }).click();
  await page.getByLabel('Name').fill('Dr Ana Vega');
  await page.getByLabel('Email').fill('ana.vega@clinic.test');
  await page.getByLabel('Role').selectOption('clinician');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await fieldError(page, 'password').filter({ hasText: 'at least 10 characters' }).waitFor();

  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'ana.vega@clinic.test' });
  await row.getByText('Clinician').waitFor();
  await row.getByText('Active').waitFor();

  await row.getByRole('button', { name: 'Edit Dr Ana Vega' }).click();
  await page.getByLabel('Role').selectOption('receptionist');
  await page.getByLabel('Account active').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await row.getByText('Receptionist').waitFor();
  await row.getByText('Deactivated').waitFor();
  await screenshot(page, 'setup-users');

  const login = await server.request('POST', '/api/v1/auth/login', { body: { email: 'ana.vega@clinic.test', password: 'a long enough password' } });
  assert.equal(login.status, 401);
});

test('an admin makes a screening answer count as absolute', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Set-up sections' }).getByRole('link', { name: 'Screening rules' }).click();
  const anticoagulants = page.getByLabel('Do you take anticoagulants or antiplatelets (aspirin included)?');
  assert.equal(await anticoagulants.inputValue(), 'relative');
  assert.equal(await page.getByLabel('Do you have diabetes? — Yes, controlled').inputValue(), 'absolute');
  await page.getByText('No unsaved changes').waitFor();
  // The floor: pregnancy is only ever absolute; haemophilia is never ignored.
  const pregnancy = page.getByLabel('Are you pregnant, or could you be?');
  assert.deepEqual(await pregnancy.locator('option').allTextContents(), ['Absolute — not eligible']);
  const haemophilia = page.getByLabel('Do you have haemophilia or another bleeding disorder?');
  assert.deepEqual(await haemophilia.locator('option').evaluateAll((os) => os.map((o) => o.value)), ['absolute', 'relative']);
  assert.equal(await anticoagulants.locator('option').count(), 3);

  await anticoagulants.selectOption('absolute');
  await page.getByLabel('Do you have diabetes? — Yes, controlled').selectOption('relative');
  await page.getByText('2 unsaved changes').waitFor();
  await screenshot(page, 'setup-rules');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await page.getByText('Saved as version 1.').waitFor();

  const r = await server.request('GET', '/api/v1/screening-rules', { token: await server.admin() });
  assert.equal(r.body.rules.anticoagulants, 'absolute');
  assert.equal(r.body.rules['diabetes.controlled'], 'relative');
  assert.equal(r.body.rules['diabetes.uncontrolled'], 'absolute');
});

test('the audit trail lists who did what, and filters by patient from the record', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Set-up sections' }).getByRole('link', { name: 'Audit trail' }).click();
  const rows = page.locator('.audit-table tbody tr');
  await rows.filter({ hasText: 'patient.create' }).first().waitFor();
  // The first read of the patient list above is there too, under the admin's name.
  await rows.filter({ hasText: 'patient.read' }).first().getByRole('cell', { name: 'Administrator' }).waitFor();

  await page.goto(`/patients/${patient.id}`);
  await page.getByRole('link', { name: 'Audit trail of this record' }).click();
  await page.getByText('Showing entries for').getByRole('link', { name: 'Lucía Fernández' }).waitFor();
  await rows.filter({ hasText: 'patient.create' }).waitFor();
  const patients = await rows.locator('td:nth-child(4)').allTextContents();
  assert.ok(patients.length >= 2);
  assert.ok(patients.every((p) => p === patient.id.slice(-8)), patients.join(','));
  await screenshot(page, 'setup-audit');
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
