// Registering, finding and editing patients.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { api } from './fixtures.mjs';
import { ADMIN_EMAIL, fieldError, openBrowser, screenshot, searchPatients, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await openBrowser(server);
  await browser.page.goto('/patients');
  await signIn(browser.page, ADMIN_EMAIL, server.adminPassword);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an empty clinic says so and offers to register the first patient', async () => {
  const { page } = browser;
  await page.getByText('No patients yet.').waitFor();
  await screenshot(page, 'patients-empty');
  await page.getByRole('link', { name: 'Register the first patient' }).click();
  await page.getByRole('heading', { name: 'Register a patient' }).waitFor();
});

test('registering shows the API message next to the invalid field, then succeeds once fixed', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Register patient' }).click();
  await fieldError(page, 'given_name').filter({ hasText: 'Enter the given name.' }).waitFor();
  await fieldError(page, 'sex').filter({ hasText: 'Choose one.' }).waitFor();
  assert.equal(await fieldError(page, 'email').count(), 0);
  // Mistakes a person can see are named with the blank fields, in one round.
  await page.getByLabel('Birth date').fill('2030-01-01');
  await page.getByLabel('Email').fill('lucia@');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await fieldError(page, 'birth_date').filter({ hasText: 'Must be a date in the past.' }).waitFor();
  await fieldError(page, 'email').filter({ hasText: 'Must be an email address like name@example.com.' }).waitFor();
  await fieldError(page, 'given_name').filter({ hasText: 'Enter the given name.' }).waitFor();

  // A name too long is named on its own field (not as the duplicate search's).
  await page.getByLabel('Given name').fill('L'.repeat(400));
  await page.getByRole('button', { name: 'Register patient' }).click();
  await fieldError(page, 'given_name').filter({ hasText: 'Must be at most 100 characters (this is 400).' }).waitFor();

  await page.getByLabel('Given name').fill('Lucía');
  await page.getByLabel('Family name').fill('Fernández');
  await page.getByLabel('Birth date').fill('1979-11-30');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('Email').fill('lucia@example.com');
  await page.getByLabel('Phone').fill('12');
  await page.getByRole('button', { name: 'Register patient' }).click();

  await fieldError(page, 'phone').filter({ hasText: 'Must be a phone number' }).waitFor();
  assert.equal(await fieldError(page, 'given_name').count(), 0);
  assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
  // The message is announced with the field, and focus went to it.
  const describedBy = await page.getByLabel('Phone').getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent(), /Must be a phone number/);
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'phone');
  await screenshot(page, 'patient-register-error');

  await page.getByLabel('Phone').fill('+34 600 123 456');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await page.getByRole('heading', { name: 'Lucía Fernández', level: 1 }).waitFor();
  await page.getByText('Lucía Fernández is registered.').waitFor();
  assert.match(page.url(), /\/patients\/[a-z0-9]+$/);
  const details = page.locator('dl.details');
  await details.getByText('30 Nov 1979').waitFor();
  await details.getByText('+34 600 123 456').waitFor();
  await screenshot(page, 'patient-details');
});

test('a patient is found by an accent-less prefix of their family name', async () => {
  const { page } = browser;
  const token = await server.admin();
  await server.patient(token, { given_name: 'José', family_name: 'Álvarez', sex: 'male', birth_date: '1985-03-02' });
  await server.patient(token, { given_name: 'Fernando', family_name: 'Ruiz', sex: 'male', birth_date: '1990-07-14', phone: '+34 611 222 333' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const rows = page.locator('#patient-results tbody tr');
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);

  await searchPatients(page, 'fernan');
  assert.match(page.url(), /\?q=fernan$/);
  // "fernan" starts Fernández (without its accent) and Fernando.
  assert.deepEqual(await rows.locator('td:first-child').allTextContents(), ['Fernández, Lucía', 'Ruiz, Fernando']);
  await screenshot(page, 'patients-search');

  await searchPatients(page, 'alvar');
  assert.deepEqual(await rows.locator('td:first-child').allTextContents(), ['Álvarez, José']);

  await searchPatients(page, 'zzz');
  await page.getByText('No patient matches “zzz”.').waitFor();

  // The search is in the address: back from a patient returns to it.
  await searchPatients(page, 'fern');
  await rows.filter({ hasText: 'Fernández, Lucía' }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Lucía Fernández', level: 1 }).waitFor();
  await page.goBack();
  await rows.filter({ hasText: 'Ruiz, Fernando' }).waitFor();
  assert.equal(await page.getByLabel('Search patients').inputValue(), 'fern');
});

test('a long list pages with "Load more"', async () => {
  const { page } = browser;
  const token = await server.admin();
  for (let i = 0; i < 27; i++) {
    await server.patient(token, { given_name: `Test${String(i).padStart(2, '0')}`, family_name: 'Zubiri', sex: 'other' });
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const rows = await searchPatients(page, '');
  await page.getByText('25 patients shown').waitFor();
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByText('30 patients shown — that is all').waitFor();
  assert.equal(await rows.count(), 30);
  assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
});

test('details are edited with the version the form was opened on', async () => {
  const { page } = browser;
  await (await searchPatients(page, 'ruiz')).filter({ hasText: 'Ruiz, Fernando' }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Fernando Ruiz', level: 1 }).waitFor();

  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Save details' }).click();
  await fieldError(page, 'email').filter({ hasText: 'Must be an email address' }).waitFor();
  await screenshot(page, 'patient-edit-error');

  await page.getByLabel('Email').fill('fernando@example.com');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.locator('dl.details').getByText('fernando@example.com').waitFor();

  // Someone else changes the patient while this form is open: the save is refused, not lost silently.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const id = page.url().split('/').pop();
  const r = await server.request('PATCH', `/api/v1/patients/${id}`, { token: await server.admin(), body: { phone: '+34 699 000 111', version: 2 } });
  assert.equal(r.status, 200);
  await page.getByLabel('Phone').fill('+34 655 000 000');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByText('Someone else changed this patient meanwhile.').waitFor();
  await page.getByRole('button', { name: 'Reload the patient' }).click();
  await page.locator('dl.details').getByText('+34 699 000 111').waitFor();
});

test('the whole record downloads as a FHIR R4 bundle for another clinical system', async () => {
  const { page } = browser;
  await page.goto('/patients');
  await (await searchPatients(page, 'ruiz')).filter({ hasText: 'Ruiz, Fernando' }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Fernando Ruiz', level: 1 }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export the whole record (FHIR R4)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'record-ruiz-fernando.fhir.json');
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient').resource;
  assert.deepEqual([patient.name[0].family, patient.name[0].given[0]], ['Ruiz', 'Fernando']);
});

test('the patients list fits a narrow screen', async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 420, height: 860 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const rows = await searchPatients(page, 'fern');
  assert.equal(await rows.count(), 2);
  await screenshot(page, 'patients-narrow');
  await page.setViewportSize({ width: 1366, height: 860 });
});

test('registering someone already on record warns first, and registers only when asked', async () => {
  const { page } = browser;
  await server.patient(await server.admin(), { given_name: 'Marta', family_name: 'Soler Strauß', sex: 'female', birth_date: '1988-02-03', email: 'marta.soler@example.com' });
  await page.goto('/patients/new');
  await page.getByLabel('Given name').fill('marta');
  await page.getByLabel('Family name').fill('Sóler  Strauss '); // Spelt as search ignores: accents, ß, spaces.
  await page.getByLabel('Birth date').fill('1988-02-03');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByRole('button', { name: 'Register patient' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'This patient may already be registered' });
  await warning.getByRole('link', { name: 'Marta Soler Strauß' }).waitFor();
  await warning.getByText('marta.soler@example.com').waitFor();
  const count = async () => (await api.get(server, '/patients?q=Soler')).items.length;
  assert.equal(await count(), 1, 'nothing registered yet');
  await screenshot(page, 'patient-register-duplicate');
  // The form stays usable: the receptionist may correct the details instead.
  assert.equal(await page.getByRole('button', { name: 'Register patient' }).isEnabled(), true);
  await warning.getByRole('button', { name: 'Register anyway' }).click();
  await page.getByText(/marta Sóler\s+Strauss\s?is registered\./).waitFor();
  assert.equal(await count(), 2);
});

test('a new patient with the phone or email of one on record is questioned too', async () => {
  const { page } = browser;
  await page.goto('/patients/new');
  await page.getByLabel('Given name').fill('Fernanda');
  await page.getByLabel('Family name').fill('Ruis');
  // The age is said beside the date: a slip of the year shows.
  await page.getByLabel('Birth date').fill('2025-07-14');
  await page.locator('[data-field="birth_date"]').getByText('a child. Check the birth date').waitFor();
  await page.getByLabel('Birth date').fill('1991-07-14');
  await page.locator('[data-field="birth_date"]').getByText(/^3\d years old\.$/).waitFor();
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('Email').fill('Fernando@Example.com'); // Fernando Ruiz's, in other case
  await page.getByRole('button', { name: 'Register patient' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'This patient may already be registered' });
  await warning.getByRole('link', { name: 'Fernando Ruiz' }).waitFor();
  await warning.getByText('The same name and birth date, email or phone is already on record.').waitFor();
  assert.equal((await api.get(server, '/patients?q=Ruis')).items.length, 0, 'nothing registered yet');
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
