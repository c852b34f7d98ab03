// The patients' portal, on a phone: staff invite the patient (the email
// waits in the outbox; the link is also shown to hand over), the patient
// chooses a password and sees only their own upcoming sessions, subscribes
// their calendar, ticks off aftercare, follows their progress, logs a
// shedding count and reports a side effect, which the clinic then sees.
// A patient signed in to the portal is refused any other patient's page,
// by the app and by the API.
//
// The clinic is in Madrid, the browser in New York. The server's clock
// starts on Monday 5 Jan 2026 (session 1 is charted then) and moves to
// Thursday 8 Jan before anyone signs in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { icsCheck } from '../api/harness.mjs';
import { rgbPng } from '../api/png.mjs';
import { api, appointmentsOf, bookCourse, clinicZone, plan, practitioner, readyPatient } from './fixtures.mjs';
import { ADMIN_EMAIL, createUser, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

const ZONE = 'Europe/Madrid';
const EMAIL = 'ana.ruiz@example.test';
const PASSWORD = 'my scalp feels better';

let server;
let staff;
let phone;
let ana;
let pedro;
let anaPlan;

/** An instant's day and time in Madrid as the app shows it: "Mon 12 Jan 2026" and "10:00". */
function madrid(instant) {
  const d = new Date(instant);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(d).replace(',', '');
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return { day, time };
}

before(async () => {
  server = await startServer();
  await clinicZone(server, ZONE);
  await api.put(server, '/clinic', { name: 'Clínica Capilar Norte', timezone: ZONE, phone: '+34 910 000 123' });
  const vega = await practitioner(server, 'Dr Lucía Vega');
  let a;
  ({ patient: ana, assessment: a } = await readyPatient(server, { given_name: 'Ana', family_name: 'Ruiz', sex: 'female', email: EMAIL }));
  anaPlan = await plan(server, ana, a, '2026-01-05');
  const booked = await bookCourse(server, anaPlan.id, { practitioner_id: vega.id });
  // Another patient of the same practitioner, whose sessions Ana must not see.
  const other = await readyPatient(server, { given_name: 'Pedro', family_name: 'Sanz', sex: 'male', email: 'pedro@example.test' });
  pedro = other.patient;
  const pedroPlan = await plan(server, pedro, other.assessment, '2026-01-05');
  await bookCourse(server, pedroPlan.id, { practitioner_id: vega.id });

  // Session 1 done on Monday, with the shedding count of that day (the baseline).
  const product = await api.post(server, '/products', { name: 'Dermaheal HL', category: 'amino_acids' });
  const lot = await api.post(server, `/products/${product.id}/lots`, { lot_number: 'DH-2611', expires_on: '2026-11-30', quantity: 20 });
  const first = booked.appointments.find((x) => x.session_number === 1);
  await api.post(server, `/appointments/${first.id}/session`, {
    pregnant: false,
    zones: [{ zone: 'vertex', points: 40, volume_ml: 2 }],
    products: [{ lot_id: lot.id, volume_ml: 2 }],
    anaesthetic: false,
    pain_score: 2,
    adjuncts: [],
  });
  await api.post(server, `/patients/${ana.id}/measurements`, { kind: 'shedding_count', value: 150, taken_on: '2026-01-05' });
  // The clinic's baseline vertex photo, which the patient sees in the portal.
  const photo = await server.request('POST', `/api/v1/patients/${ana.id}/photos?view=vertex&taken_on=2026-01-05`, {
    token: await server.admin(), raw: rgbPng(200, 150, (x, y) => [120 + (x % 60), 90, 60 + (y % 40)]), headers: { 'content-type': 'image/png' },
  });
  assert.equal(photo.status, 201, photo.text);
  await server.setClock('2026-01-08T09:00:00Z');

  staff = await openBrowser(server);
  await staff.page.goto(`/patients/${ana.id}`);
  await signIn(staff.page, ADMIN_EMAIL, server.adminPassword);
  phone = await openBrowser(server, { width: 390, height: 844 });
});

after(async () => {
  await phone?.close();
  await staff?.close();
  await server?.stop();
});

let link;

test('staff invite the patient: the email waits in the outbox and the link can be handed over', async () => {
  const { page } = staff;
  const card = page.getByRole('region', { name: 'Patient portal' }).or(page.locator('.card', { has: page.getByRole('heading', { name: 'Patient portal' }) }));
  await card.getByRole('button', { name: 'Invite to the portal' }).click();
  const invitation = card.getByTestId('invitation');
  await invitation.getByText(EMAIL).waitFor();
  // Valid for 7 days, in the clinic's time.
  await invitation.getByText(/valid until 15 Jan 2026, 10:00/).waitFor();
  link = await invitation.getByLabel('Invitation link').inputValue();
  assert.match(link, new RegExp(`^${server.base}/portal/welcome\\?token=[^&]+$`));
  await screenshot(page, 'portal-invite');

  // The email is in the outbox, to the patient.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Set-up' }).click();
  await page.getByRole('link', { name: 'Outbox' }).click();
  const row = page.getByTestId('outbox').locator('tr[data-kind="invitation"]');
  await row.getByText(`Your patient portal at Clínica Capilar Norte`).waitFor();
  await row.getByText(EMAIL).waitFor();
  await screenshot(page, 'portal-outbox');
});

test('the patient opens the link on a phone, chooses a password and sees only their own upcoming sessions', async () => {
  const { page } = phone;
  await page.goto(link);
  await page.getByRole('heading', { name: 'Welcome, Ana' }).waitFor();
  await page.getByTestId('invited-email').getByText(EMAIL).waitFor();
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Open my portal' }).click();
  await page.getByText('Use at least 10 characters.').waitFor();
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByLabel('Type it again').fill(PASSWORD);
  await screenshot(page, 'portal-welcome');
  await page.getByRole('button', { name: 'Open my portal' }).click();

  await page.getByRole('heading', { name: 'Hello, Ana' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/portal');
  // Her booked sessions from today on, at the clinic's time; not session 1
  // (done), not Pedro's.
  const mine = [...(await appointmentsOf(server, anaPlan.id)).values()].filter((x) => x.status === 'booked').sort((x, y) => (x.start < y.start ? -1 : 1));
  const items = page.getByTestId('upcoming').locator('li');
  assert.equal(await items.count(), mine.length);
  assert.equal(mine[0].session_number, 2);
  const second = madrid(mine[0].start);
  assert.match(await items.first().textContent(), new RegExp(`${second.day}.*${second.time}–.*Session 2`));
  assert.equal(await page.getByTestId('upcoming').getByText('Session 1', { exact: true }).count(), 0);
  await page.getByText('1 of 13').waitFor();
  // "Call the clinic" gives the number, to dial from the phone.
  const call = page.getByRole('link', { name: '+34 910 000 123' });
  assert.equal(await call.getAttribute('href'), 'tel:+34910000123');
  await screenshot(page, 'portal-home');
});

test('the patient subscribes their calendar: a private link that calendar apps read', async () => {
  const { page } = phone;
  await page.getByRole('button', { name: 'Get my calendar link' }).click();
  const box = page.getByTestId('calendar-link');
  const url = await box.getByLabel('Calendar link (https)').inputValue();
  assert.match(url, new RegExp(`^${server.base}/api/v1/feeds/[^/]+/calendar\\.ics$`));
  assert.match(await box.getByRole('link', { name: 'Add to my calendar' }).getAttribute('href'), /^webcal:\/\/.+\/calendar\.ics$/);
  await screenshot(page, 'portal-calendar');

  const res = await fetch(url);
  assert.equal(res.status, 200);
  const ics = icsCheck(await res.text());
  assert.equal(ics.valid, true, JSON.stringify(ics.errors));
  assert.ok(ics.events.length >= 12, `${ics.events.length} events`);
});

test('the aftercare checklist: a reminder ticked off moves to its next day', async () => {
  const { page } = phone;
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Aftercare' }).click();
  await page.getByRole('heading', { name: 'Aftercare', level: 1 }).waitFor();
  const list = page.getByTestId('reminders');
  const first = list.locator('li').first();
  const title = (await first.locator('.check-item-title').textContent()).replace(/(Overdue|Due today)$/, '').trim();
  const before = await first.getByTestId('next-due').textContent();
  await page.getByRole('heading', { name: 'Looking after your hair between sessions' }).waitFor();
  await screenshot(page, 'portal-aftercare');
  await first.getByRole('button', { name: `Mark “${title}” done today` }).click();
  await first.getByText('last done 8 Jan 2026').waitFor();
  const afterDone = await first.getByTestId('next-due').textContent();
  assert.notEqual(afterDone, before);
});

test('progress: the patient logs a shedding count and sees it against the baseline', async () => {
  const { page } = phone;
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Progress' }).click();
  const evaluation = page.getByTestId('evaluation');
  await evaluation.getByText('Your progress').waitFor();
  await evaluation.getByRole('heading', { name: 'Too early to evaluate' }).waitFor();
  const form = page.getByRole('form', { name: 'Log a shedding count' });
  assert.equal(await form.getByLabel('Day').inputValue(), '2026-01-08');
  await form.getByLabel('Hairs counted').fill('110');
  await form.getByRole('button', { name: 'Save my count' }).click();
  await form.getByText('Saved: 110 hairs on Thu 8 Jan 2026.').waitFor();
  const chart = page.locator('figure.measure[data-kind="shedding_count"]');
  await chart.getByText('Baseline 150 (5 Jan 2026)').waitFor();
  await page.locator('figure.measure[data-kind="shedding_count"][data-points="2"]').waitFor();
  await chart.getByText('−26.6%').waitFor(); // −26.67%, cut toward zero at a tenth as the evaluation words it
  await chart.getByText('Drawing the chart…').waitFor({ state: 'detached' });
  // The clinic's photo shows, and loads (the portal may fetch its own photos).
  const photo = page.locator('.photo-cell[data-date="2026-01-05"] img');
  await photo.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth === 200, await photo.elementHandle());
  await page.getByText('Only one date so far: the next photos will show beside these.').waitFor();
  await screenshot(page, 'portal-progress');
  const progress = await api.get(server, `/patients/${ana.id}/progress`);
  assert.equal(progress.series.shedding_count.latest, 110);
  // The patient's own view of their hair, on the -3..+3 scale.
  const rate = page.getByRole('form', { name: 'Rate your hair' });
  await rate.getByRole('button', { name: 'Save my view' }).click();
  await rate.getByText('How is your hair now?').waitFor();
  await rate.getByLabel('My hair now').selectOption({ label: '+1 A little better' });
  await rate.getByRole('button', { name: 'Save my view' }).click();
  await rate.getByText('Saved: a little better on Thu 8 Jan 2026.').waitFor();
  const mine = page.locator('figure.measure[data-kind="self_assessment"]');
  await mine.locator('.measure-latest').getByText('+1').waitFor();
  await mine.getByText('Rated against the start of the course').waitFor();
  const after = await api.get(server, `/patients/${ana.id}/measurements`);
  assert.ok(after.items.some((m) => m.kind === 'self_assessment' && m.value === 1 && m.source === 'patient'));
});

test('the patient reports a side effect and the clinic sees it, marked as reported by the patient', async () => {
  const { page } = phone;
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Side effect' }).click();
  const form = page.getByRole('form', { name: 'Report a side effect' });
  await form.getByRole('button', { name: 'Send to my clinic' }).click();
  await form.getByText('What is happening?', { exact: false }).first().waitFor();
  await form.locator('[data-field="type"] .field-error').waitFor();
  await form.getByRole('group', { name: 'What is happening?' }).getByLabel('A bruise').check();
  await form.locator('[data-field="type"] .field-error').waitFor({ state: 'detached' });
  await form.getByRole('group', { name: 'How bad is it?' }).getByLabel(/Mild/).check();
  await form.getByRole('group', { name: /What did you do about it/ }).getByLabel('Cold compress').check();
  await form.getByRole('group', { name: 'How is it now?' }).getByLabel('It is getting better').check();
  await form.getByLabel(/Anything else/).fill('A small bruise where the injections were.');
  await screenshot(page, 'portal-report');
  await form.getByRole('button', { name: 'Send to my clinic' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  await page.getByText('Your clinic has been told').waitFor();

  const events = await api.get(server, `/patients/${ana.id}/adverse-events`);
  assert.equal(events.items.length, 1);
  assert.equal(events.items[0].type, 'haematoma');
  assert.equal(events.items[0].grade, 1);
  assert.equal(events.items[0].reporter_role, 'patient');

  const staffPage = staff.page;
  await staffPage.goto(`/patients/${ana.id}/side-effects`);
  const event = staffPage.getByTestId('adverse-events').locator('li.event').first();
  await event.getByText('Haematoma (bruise)').waitFor();
  await event.getByText('Reported by the patient').waitFor();
  await event.getByText('Not reviewed').waitFor();
  await event.getByText('A small bruise where the injections were.').waitFor();
  await screenshot(staffPage, 'portal-reported-side-effect');
  // A clinician reviews it and grades it again.
  await event.getByRole('button', { name: /^Review Haematoma/ }).click();
  const dialog = staffPage.getByRole('dialog');
  await dialog.getByLabel('Grade (CTCAE)').selectOption('2');
  await screenshot(staffPage, 'side-effect-review');
  await dialog.getByRole('button', { name: 'Save follow-up' }).click();
  await dialog.waitFor({ state: 'detached' });
  await event.getByText('Grade 2').waitFor();
  await event.getByText('Not reviewed').waitFor({ state: 'detached' });
  const reviewed = (await api.get(server, `/patients/${ana.id}/adverse-events`)).items[0];
  assert.equal(reviewed.grade, 2);
  assert.equal(reviewed.reviewed, true);

  // The clinic also sees the aftercare the patient ticked off.
  await staffPage.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Aftercare' }).click();
  await staffPage.getByTestId('reminders').getByText('last done 8 Jan 2026').waitFor();
  await screenshot(staffPage, 'staff-aftercare');
});

test('a patient signed in to the portal is refused another patient’s page, and so is their request to the API', async () => {
  const { page } = phone;
  await page.goto(`/patients/${pedro.id}`);
  await page.getByRole('heading', { name: 'Not part of your portal' }).waitFor();
  assert.equal(await page.getByText('Pedro').count(), 0);
  await screenshot(page, 'portal-not-yours');
  await page.getByRole('link', { name: 'Go to my portal' }).click();
  await page.getByRole('heading', { name: 'Hello, Ana' }).waitFor();

  // With the patient's own session cookie, straight to the API.
  const statuses = await page.evaluate(async (id) => {
    const get = async (path) => (await fetch(`/api/v1${path}`)).status;
    const post = async (path, body) =>
      (await fetch(`/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
    return {
      patient: await get(`/patients/${id}`),
      progress: await get(`/patients/${id}/progress`),
      aftercare: await get(`/patients/${id}/aftercare`),
      events: await get(`/patients/${id}/adverse-events`),
      measurement: await post(`/patients/${id}/measurements`, { kind: 'shedding_count', value: 10, taken_on: '2026-01-08' }),
      report: await post(`/patients/${id}/adverse-events`, { type: 'pain', grade: 1, onset: '2026-01-08', outcome: 'ongoing' }),
      list: await get('/patients?q=Pedro'),
    };
  }, pedro.id);
  assert.deepEqual(statuses, { patient: 403, progress: 403, aftercare: 403, events: 403, measurement: 403, report: 403, list: 403 });
  // Nothing was written to Pedro's record.
  assert.equal((await api.get(server, `/patients/${pedro.id}/adverse-events`)).items.length, 0);
  assert.equal(Object.keys((await api.get(server, `/patients/${pedro.id}/progress`)).series).length, 0);
});

test('at the desk a receptionist sees that the patient has an account, and cannot move its sign-in', async () => {
  const receptionist = await createUser(server, 'receptionist', 'Rita Reyes');
  const desk = await openBrowser(server);
  try {
    const { page } = desk;
    await page.goto(`/patients/${ana.id}`);
    await signIn(page, receptionist.email, receptionist.password);
    await page.getByTestId('portal-status').getByText(/^Has a portal account/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Invite to the portal' }).count(), 0);
    await page.getByRole('button', { name: 'Edit details' }).click();
    assert.equal(await page.getByLabel('Email').isDisabled(), true);
    await page.getByText('The patient’s portal sign-in: a clinician or an admin changes it.').waitFor();
    await screenshot(page, 'portal-desk-locked-email');
    assert.deepEqual(desk.problems, []);
  } finally {
    await desk.close();
  }
});

test('a reminder for a session left on a day off is held in the outbox, with why', async () => {
  // Sunday 11 Jan: Ana's and Pedro's session 2 are tomorrow, which the clinic then closes.
  await server.setClock('2026-01-11T10:30:00Z');
  const holiday = await api.post(server, '/clinic/holidays', { from: '2026-01-12', reason: 'Regional holiday' });
  try {
    const r = await api.post(server, '/outbox/run', {}, 200);
    assert.equal(r.held, 2, JSON.stringify(r));
    const { page } = staff;
    await page.goto('/setup/outbox');
    await signIn(page, ADMIN_EMAIL, server.adminPassword); // three days on, the sign-in has lapsed
    await page.getByLabel('Show').selectOption({ label: 'Held' });
    const row = page.getByTestId('outbox').locator('tr[data-status="held"]', { hasText: EMAIL });
    await row.getByText('Held', { exact: true }).waitFor();
    await row.getByText('the appointment falls on a day off (Clinic closed: Regional holiday): waiting for it to be moved').waitFor();
    await row.getByText(/^looked at again 11 Jan 2026/).waitFor();
    // The list of all messages stays on screen until the held ones arrive: wait for the filtered list.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="outbox"] tbody tr')].every((tr) => tr.dataset.status === 'held'));
    assert.equal(await page.getByTestId('outbox').locator('tr').count(), 3, 'a header and the two held reminders');
    await screenshot(page, 'outbox-held');
  } finally {
    await api.delete(server, `/clinic/holidays/${holiday.id}`);
    await server.setClock('2026-01-08T09:00:00Z');
  }
});

test('on the phone the patient asks to move a session; the desk sees it on Today and answers it', async () => {
  const { page } = phone;
  await page.goto('/portal');
  const ask = page.getByRole('button', { name: 'Ask to move session 2' });
  await ask.click();
  const form = page.getByRole('form', { name: 'Ask to move session 2' });
  await form.getByRole('button', { name: 'Send to the clinic' }).click();
  await form.getByText('Say when would suit you instead.').waitFor();
  await form.getByLabel('When would suit you instead?').fill('I travel that week: any morning the week after.');
  await form.getByRole('button', { name: 'Send to the clinic' }).click();
  await page.getByTestId('upcoming').getByText('You asked to move it').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Ask to move session 2' }).count(), 0);
  await screenshot(page, 'portal-asked-to-move', { viewport: true });
  const desk = staff.page;
  await desk.goto('/today');
  const card = desk.getByTestId('asked-to-move');
  await card.getByText('“I travel that week: any morning the week after.”').waitFor();
  await card.getByRole('link', { name: 'Ana Ruiz' }).waitFor();
  await screenshot(desk, 'today-asked-to-move');
  // The course says so on the session too, with the patient's words.
  await card.getByRole('link', { name: 'Ana Ruiz' }).click();
  const asked = desk.getByTestId('timeline').locator('.session[data-session="2"]').getByText('The patient asked to move it');
  await asked.waitFor();
  assert.equal(await asked.getAttribute('title'), 'I travel that week: any morning the week after.');
  await desk.goto('/today');
  await card.getByRole('button', { name: 'Answered: Ana Ruiz, session 2' }).click();
  await card.waitFor({ state: 'detached' });
  assert.equal((await api.get(server, `/move-requests?patient_id=${ana.id}`)).items.length, 0);
});

test('no page errors', () => {
  assert.deepEqual(staff.problems, []);
  assert.deepEqual(phone.problems, []);
});
