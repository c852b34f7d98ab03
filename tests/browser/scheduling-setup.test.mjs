// Set-up of what booking needs, by an administrator: a practitioner with a
// weekly timetable (a split shift, a Saturday morning, a mistake explained
// next to its field), their time off, clinic holidays, and protocols (the
// phases editor with the server's messages beside each field, retiring).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, clinicZone, plan, readyPatient } from './fixtures.mjs';
import { ADMIN_EMAIL, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  await clinicZone(server, 'Europe/Madrid');
  browser = await openBrowser(server);
  await browser.page.goto('/setup/practitioners');
  await signIn(browser.page, ADMIN_EMAIL, server.adminPassword);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The row of a weekday in the hours table. */
const day = (page, weekday) => page.locator(`.hours-table tr[data-weekday="${weekday}"]`);

test('an admin adds a practitioner with a weekly timetable; a wrong period is explained beside it', async () => {
  const { page } = browser;
  await page.getByText('No practitioners yet.').waitFor();
  await page.getByRole('button', { name: 'Add a practitioner' }).click();
  await page.getByLabel('Name').fill('Dr Lucía Vega');
  // Monday to Friday 09:00-17:00 to start with.
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) assert.equal(await page.getByLabel(d, { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('Saturday', { exact: true }).isChecked(), false);

  // Monday is a split shift, Friday off, a Saturday morning.
  await page.getByLabel('Monday end').selectOption('13:00');
  await page.getByRole('button', { name: 'Add a period on Monday' }).click();
  await page.getByLabel('Monday start (period 2)').selectOption('15:00');
  await page.getByLabel('Monday end (period 2)').selectOption('19:00');
  await page.getByLabel('Friday', { exact: true }).uncheck();
  await page.getByLabel('Saturday', { exact: true }).check();
  await page.getByLabel('Saturday end').selectOption('14:00');
  // A slip: Tuesday ends before it starts.
  await page.getByLabel('Tuesday end').selectOption('08:00');
  await page.getByRole('button', { name: 'Add practitioner' }).click();
  await day(page, 2).locator('.field-error').getByText('End: Must be after start').waitFor();
  assert.equal(await page.getByLabel('Tuesday end').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'setup-practitioner-error');

  await page.getByLabel('Tuesday end').selectOption('17:00');
  await page.getByRole('button', { name: 'Add practitioner' }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'Dr Lucía Vega' });
  await row.getByText('Mon 09:00–13:00, 15:00–19:00 · Tue–Thu 09:00–17:00 · Sat 09:00–14:00').waitFor();
  await screenshot(page, 'setup-practitioners');

  const [p] = (await api.get(server, '/practitioners')).items;
  assert.deepEqual(p.working_hours, [
    { weekday: 1, start: '09:00', end: '13:00' },
    { weekday: 1, start: '15:00', end: '19:00' },
    { weekday: 2, start: '09:00', end: '17:00' },
    { weekday: 3, start: '09:00', end: '17:00' },
    { weekday: 4, start: '09:00', end: '17:00' },
    { weekday: 6, start: '09:00', end: '14:00' },
  ]);
});

test('an admin edits the hours later, and records time off', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Edit Dr Lucía Vega' }).click();
  await page.getByLabel('Friday', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('tbody tr').filter({ hasText: 'Dr Lucía Vega' }).getByText('Tue–Fri 09:00–17:00').waitFor();

  await page.getByRole('button', { name: 'Time off for Dr Lucía Vega' }).click();
  await page.getByText('No time off recorded.').waitFor();
  const form = page.getByRole('form', { name: 'Add time off' });
  await form.getByRole('button', { name: 'Add' }).click();
  await form.locator('[data-field="from"] .field-error').getByText('Choose the first day.').waitFor();
  await form.getByLabel('From').fill('2026-02-20');
  await form.getByLabel('To').fill('2026-02-16');
  await form.getByRole('button', { name: 'Add' }).click();
  await form.locator('[data-field="to"] .field-error').getByText('Must not be before from, the first day off').waitFor();
  await form.getByLabel('From').fill('2026-02-16');
  await form.getByLabel('To').fill('2026-02-20');
  await form.getByLabel('Reason').fill('Congress in Madrid');
  await form.getByRole('button', { name: 'Add' }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'Congress in Madrid' });
  await row.getByText('16–20 Feb 2026').waitFor();
  assert.equal(await row.locator('td').nth(1).textContent(), '5');
  await screenshot(page, 'setup-time-off');
  const [p] = (await api.get(server, '/practitioners')).items;
  const off = await api.get(server, `/practitioners/${p.id}/time-off`);
  assert.deepEqual(off.items.map((t) => [t.from, t.to, t.reason]), [['2026-02-16', '2026-02-20', 'Congress in Madrid']]);
  await page.getByRole('button', { name: 'Done' }).click();
});

test('clinic holidays are added and removed', async () => {
  const { page } = browser;
  // A session already booked on the last of them, to be moved by hand.
  const [vega] = (await api.get(server, '/practitioners')).items;
  const { patient, assessment } = await readyPatient(server, { given_name: 'Irene', family_name: 'Mora' });
  const course = await plan(server, patient, assessment, '2026-05-15');
  await api.post(server, '/appointments', { plan_id: course.id, session_number: 1, practitioner_id: vega.id, start: '2026-05-15T10:00:00+02:00' });
  await page.getByRole('navigation', { name: 'Set-up sections' }).getByRole('link', { name: 'Holidays' }).click();
  await page.getByText('No clinic holidays yet.').waitFor();
  const form = page.getByRole('form', { name: 'Add holiday' });
  for (const [from, reason] of [['2026-04-03', 'Good Friday'], ['2026-05-01', 'Labour Day'], ['2026-05-15', 'San Isidro']]) {
    await form.getByLabel('From').fill(from);
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Add' }).click();
    await page.locator('tbody tr').filter({ hasText: reason }).waitFor();
  }
  // The holiday over the booked session names it until it is moved.
  const toMove = page.getByTestId('to-move');
  await toMove.getByRole('link', { name: 'Irene Mora' }).waitFor();
  await toMove.getByText('Fri 15 May 2026, 10:00 · session 1').waitFor();
  await page.getByText('1 appointment is still booked on 15 May 2026').waitFor();
  assert.deepEqual(await page.locator('tbody tr td:first-child').allTextContents(), ['Fri 3 Apr 2026', 'Fri 1 May 2026', 'Fri 15 May 2026']);
  // Removing reopens the days: asked once.
  await page.getByRole('button', { name: 'Remove 15 May 2026' }).click();
  const confirm = page.getByRole('dialog', { name: /^Remove .*15 May 2026\?$/ });
  await confirm.getByText('Those days can be booked again (San Isidro).').waitFor();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await page.locator('tbody tr').filter({ hasText: 'San Isidro' }).waitFor({ state: 'detached' });
  await screenshot(page, 'setup-holidays');
  const holidays = await api.get(server, '/clinic/holidays');
  assert.deepEqual(holidays.items.map((h) => h.reason).sort(), ['Good Friday', 'Labour Day']);
});

test('protocols: the phases editor shows the server’s messages beside each field; a protocol is created and retired', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Set-up sections' }).getByRole('link', { name: 'Protocols' }).click();
  const list = page.locator('.protocol');
  await list.first().waitFor();
  assert.deepEqual(await list.evaluateAll((els) => els.map((e) => e.dataset.protocol)), [
    'Standard taper', 'RCT 10 sessions (women)', 'Nappage weeks 0-1-2-3-5-7-11', 'Quarterly maintenance',
  ]);
  const standard = page.locator('.protocol[data-protocol="Standard taper"]');
  assert.deepEqual(await standard.locator('tbody tr td:first-child').allTextContents(), ['Induction', 'Consolidation', 'Maintenance']);
  await standard.getByText('until the end of the course').waitFor();

  await page.getByRole('button', { name: 'New protocol' }).click();
  const form = page.getByRole('form', { name: 'New protocol' });
  await form.getByLabel('Name', { exact: true }).fill('Fast start');
  const phase = (i) => form.locator(`.phase-row[data-phase="${i}"]`);
  // Two mistakes: a window as wide as half the interval, and a phase whose
  // sessions come closer together than the previous one's.
  await phase(0).getByLabel('Window ± days').fill('4');
  await phase(1).getByLabel('Every (days)').fill('5');
  await form.getByRole('button', { name: 'Create protocol' }).click();
  await form.locator('[data-field="phases[0].tolerance_days"] .field-error').getByText('Must be less than half the interval (7 days)').waitFor();
  await form.locator('[data-field="phases[1].interval_days"] .field-error').getByText(/Must not be shorter than the previous phase's \(7 days\)/).waitFor();
  await screenshot(page, 'setup-protocol-error');

  await phase(0).getByLabel('Window ± days').fill('2');
  await phase(1).getByLabel('Every (days)').fill('21');
  await form.getByRole('button', { name: 'Add a phase' }).click();
  // The new last phase runs to the end; the one before it now needs a count.
  await phase(1).getByLabel('Until the end').uncheck();
  await phase(1).getByLabel('Sessions').fill('3');
  await phase(1).getByLabel('Phase name').fill('consolidation');
  await phase(2).getByLabel('Phase name').fill('maintenance');
  await form.getByLabel('Moderate').fill('6');
  await form.getByTestId('protocol-preview').getByText('Moderate: 6 months', { exact: false }).waitFor();
  assert.match(await form.getByTestId('protocol-preview').textContent(), /every week × 4, every 3 weeks × 3, then every 4 weeks until the end of the course/);
  await form.getByRole('button', { name: 'Create protocol' }).click();
  const created = page.locator('.protocol[data-protocol="Fast start"]');
  await created.getByText('In use').waitFor();
  assert.deepEqual(await created.locator('tbody tr td:first-child').allTextContents(), ['Induction', 'Consolidation', 'Maintenance']);

  await created.getByRole('button', { name: 'Retire Fast start' }).click();
  await created.getByText('Retired').waitFor();
  await screenshot(page, 'setup-protocols');
  const saved = (await api.get(server, '/protocols')).items.find((p) => p.name === 'Fast start');
  assert.equal(saved.active, false);
  assert.deepEqual(saved.phases.map((p) => [p.interval_days, p.sessions ?? 'end', p.tolerance_days]), [[7, 4, 2], [21, 3, 4], [28, 'end', 4]]);
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
