// A patient's course on the patient page: prescribing (with the preview of
// what the protocol gives), booking the whole course with weekday and time
// preferences (and why some sessions could not be booked), booking one
// session by hand, rescheduling with cascade, the calendar link.
//
// The clinic is in Madrid and the browser in New York: every time shown
// must be the clinic's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { icsCheck } from '../api/harness.mjs';
import { api, appointmentsOf, clinicZone, madrid, plan, practitioner, readyPatient } from './fixtures.mjs';
import { createUser, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let vega;
let patient;
let planId;

const ZONE = 'Europe/Madrid';

const weekday = (instant) => new Date(`${madrid(instant).slice(0, 10)}T12:00:00Z`).getUTCDay();

before(async () => {
  server = await startServer();
  await clinicZone(server, ZONE);
  vega = await practitioner(server, 'Dr Lucía Vega');
  await practitioner(server, 'Dr Pablo Sol', { days: [1, 3, 5], start: '10:00', end: '14:00' });
  // Session 1's window (12-13 Jan) has a Monday (not a day the patient
  // can come) and a holiday; session 5's (14-18 Feb) falls on time off.
  await api.post(server, '/clinic/holidays', { from: '2026-01-13', reason: 'Local holiday' });
  await api.post(server, `/practitioners/${vega.id}/time-off`, { from: '2026-02-16', to: '2026-02-20', reason: 'Congress' });
  ({ patient } = await readyPatient(server, { given_name: 'Marta', family_name: 'Gil' }));
  const clinician = await createUser(server, 'clinician', 'Dr Ana Vega');
  browser = await openBrowser(server);
  await browser.page.goto(`/patients/${patient.id}/course`);
  await signIn(browser.page, clinician.email, clinician.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a clinician prescribes a course and sees beforehand what it will give', async () => {
  const { page } = browser;
  await page.getByRole('heading', { name: 'Prescribe a course' }).waitFor();
  assert.equal(await page.getByLabel('Protocol').inputValue(), (await api.get(server, '/protocols')).items[0].id);
  // The first session defaults to the clinic's today, not the browser's.
  assert.equal(await page.getByLabel('First session').inputValue(), '2026-01-05');
  await page.getByLabel('First session').fill('2026-01-12');
  const preview = page.getByTestId('plan-preview');
  await preview.getByText('8 months', { exact: true }).waitFor();
  // Its last day: 8 months from 12 Jan end before 12 Sept.
  await preview.getByText('12 Jan – 11 Sept 2026').or(preview.getByText('12 Jan – 11 Sep 2026')).waitFor();
  await preview.getByText('13 sessions', { exact: true }).waitFor();
  assert.match(await preview.textContent(), /Induction: 4 sessions, every week/);
  assert.match(await preview.textContent(), /Maintenance: 5 sessions, every 4 weeks/);
  // Another protocol gives another course.
  await page.getByLabel('Protocol').selectOption({ label: 'Nappage weeks 0-1-2-3-5-7-11' });
  await preview.getByText('7 sessions', { exact: true }).waitFor();
  await page.getByLabel('Protocol').selectOption({ label: 'Standard taper' });
  await preview.getByText('13 sessions', { exact: true }).waitFor();
  await screenshot(page, 'course-prescribe');

  await page.getByRole('button', { name: 'Prescribe the course' }).click();
  const timeline = page.getByTestId('timeline');
  await timeline.waitFor();
  assert.equal(await timeline.locator('.session').count(), 13);
  assert.equal(await timeline.locator('.session[data-status="planned"]').count(), 13);
  await page.getByTestId('plan-counts').getByText('0 of 13 done').waitFor();
  const first = timeline.locator('.session[data-session="1"]');
  assert.match(await first.textContent(), /Target Mon 12 Jan 2026 · window 12–13 Jan 2026/);
  assert.match(await timeline.locator('.session[data-session="5"]').textContent(), /window 14–18 Feb 2026/);
  assert.deepEqual(await page.locator('.phase-title').evaluateAll((els) => els.map((e) => e.firstChild.textContent)), ['Induction', 'Consolidation', 'Maintenance']);
  // Only one active course: the prescribe form is gone.
  assert.equal(await page.getByRole('heading', { name: 'Prescribe a course' }).count(), 0);

  const plans = await api.get(server, `/patients/${patient.id}/plans`);
  assert.equal(plans.items.length, 1);
  assert.equal(plans.items[0].start_date, '2026-01-12');
  assert.equal(plans.items[0].sessions.length, 13);
  planId = plans.items[0].id;
});

test('booking the whole course honours weekdays and times, and says why a session could not be booked', async () => {
  const { page } = browser;
  // Marta has no email: the desk is told she gets no reminders by email.
  await page.locator('.no-email').getByText('This patient gets no reminders of sessions or aftercare by email.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Book the whole course' }).click();
  const panel = page.getByRole('region', { name: 'Book the whole course' });
  assert.equal(await panel.getByLabel('Practitioner').inputValue(), vega.id);
  await panel.getByLabel('Tuesday').check();
  await panel.getByLabel('Thursday').check();
  await panel.getByLabel('From').selectOption('10:00');
  await panel.getByLabel('To').selectOption('12:00');
  await screenshot(page, 'course-book-form');

  // Hold the server's answer until the progress has been seen.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/v1/plans/*/book', async (route) => {
    await held;
    await route.continue();
  });
  await panel.getByRole('button', { name: 'Book 13 sessions' }).click();
  await panel.getByRole('progressbar', { name: 'Booking the course' }).waitFor();
  await panel.getByText('Booking 13 sessions with Dr Lucía Vega').waitFor();
  release();
  const result = page.getByTestId('booking-result');
  await result.getByText('Booked 11 of 13 sessions.').waitFor();
  await page.unroute('**/api/v1/plans/*/book');

  const unbooked = result.getByRole('table', { name: 'Sessions not booked' });
  assert.equal(await unbooked.locator('tbody tr').count(), 2);
  assert.match(await unbooked.locator('tr[data-session="1"]').textContent(), /12 Jan 2026 \(Mon\) not among the patient's weekdays; 13 Jan 2026 \(Tue\) clinic closed \(Local holiday\)/);
  assert.match(await unbooked.locator('tr[data-session="5"]').textContent(), /practitioner off \(Congress\)/);
  const booked = result.getByRole('table', { name: 'Booked sessions' });
  assert.equal(await booked.locator('tbody tr').count(), 11);
  // Times in the clinic's zone (the browser is in New York).
  assert.match(await booked.locator('tbody tr').first().textContent(), /Tue 20 Jan 2026, 10:00–10:20/);
  await page.getByTestId('plan-counts').getByText('11 booked · 2 not booked').waitFor();
  await screenshot(page, 'course-booked');

  // The server booked every session on a Tuesday or Thursday, 10:00-12:00 in Madrid.
  const appts = await appointmentsOf(server, planId);
  assert.equal(appts.size, 11);
  for (const a of appts.values()) {
    assert.ok([2, 4].includes(weekday(a.start)), `${a.start} is a Tuesday or Thursday`);
    const time = madrid(a.start).slice(11);
    assert.ok(time >= '10:00' && madrid(a.end).slice(11) <= '12:00', `${a.start} is between 10:00 and 12:00`);
  }
});

test('an unbooked session is booked by hand at a slot the receptionist picks', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Book session 1 by hand' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book session 1' });
  await dialog.getByText('Target Mon 12 Jan 2026; it can be done between 12–13 Jan 2026.').waitFor();
  assert.equal(await dialog.getByLabel('Day', { exact: true }).inputValue(), '2026-01-12');
  // The free starts of that day for that practitioner, in clinic time.
  await dialog.locator('.slot-picker[data-day="2026-01-12"]').getByText('47 free starts').waitFor();
  assert.equal(await dialog.getByLabel('Time', { exact: true }).inputValue(), '09:00');
  // The 13th is a clinic holiday: no time is offered.
  await dialog.getByLabel('Day', { exact: true }).fill('2026-01-13');
  await dialog.getByText('The clinic is closed (Local holiday).').waitFor();
  assert.ok(await dialog.getByLabel('Time', { exact: true }).isDisabled());
  await dialog.getByLabel('Day', { exact: true }).fill('2026-01-12');
  await dialog.locator('.slot-picker[data-day="2026-01-12"]').getByText('47 free starts').waitFor();
  await dialog.getByLabel('Time', { exact: true }).selectOption('16:30');
  await screenshot(page, 'course-book-one', { viewport: true });
  await dialog.getByRole('button', { name: 'Book session 1' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('timeline').locator('.session[data-session="1"]');
  await row.getByTestId('appointment').getByText('Mon 12 Jan 2026, 16:30–16:50').waitFor();
  assert.equal(madrid((await appointmentsOf(server, planId)).get(1).start), '2026-01-12 16:30');
});

test('rescheduling from the patient page: only inside the window, or with every later session (cascade)', async () => {
  const { page } = browser;
  const before = await appointmentsOf(server, planId);
  assert.equal(madrid(before.get(3).start), '2026-01-27 10:00');

  await page.getByRole('button', { name: 'Reschedule session 3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reschedule session 3' });
  await dialog.getByText('Now Tue 27 Jan 2026, 10:00. Its window is 25–27 Jan 2026.').waitFor();
  // Two days later, an hour later: outside session 3's window.
  await dialog.getByLabel('Day', { exact: true }).fill('2026-01-29');
  await dialog.getByLabel('Time', { exact: true }).selectOption('11:00');
  await dialog.getByRole('button', { name: 'Move session 3' }).click();
  await dialog.getByRole('alert').getByText('Session 3 must be between 25 Jan 2026 and 27 Jan 2026; to move it further, move the later sessions too (cascade).').waitFor();

  // The cascade choice explains itself and shows where each later session goes.
  await dialog.getByLabel(/Move session 3 and every later session \(cascade\)/).check();
  await dialog.getByText('Every later booked session moves by the same amount (2 days later, and 1 hour later in the day)').waitFor();
  const preview = dialog.getByTestId('cascade-preview');
  assert.match(await preview.locator('li').first().textContent(), /Session 4: Tue 3 Feb 2026, 10:00 → Thu 5 Feb 2026, 11:00/);
  assert.equal(await preview.locator('li').count(), 9);
  await screenshot(page, 'course-reschedule', { viewport: true });
  await dialog.getByRole('button', { name: 'Move with later sessions' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('timeline').locator('.session[data-session="3"]').getByText('Thu 29 Jan 2026, 11:00–11:20').waitFor();
  await page.getByTestId('timeline').locator('.session[data-session="13"]').getByText('Thu 20 Aug 2026, 11:00–11:20').waitFor();

  // Through the API: session 3 and every later booked one moved two days
  // and one hour; the earlier ones stayed.
  const afterMove = await appointmentsOf(server, planId);
  assert.equal(madrid(afterMove.get(1).start), madrid(before.get(1).start));
  assert.equal(madrid(afterMove.get(2).start), madrid(before.get(2).start));
  for (const n of [3, 4, 6, 7, 8, 9, 10, 11, 12, 13]) {
    const [d, t] = madrid(before.get(n).start).split(' ');
    const moved = new Date(`${d}T12:00:00Z`);
    moved.setUTCDate(moved.getUTCDate() + 2);
    const hour = String(Number(t.slice(0, 2)) + 1).padStart(2, '0');
    assert.equal(madrid(afterMove.get(n).start), `${moved.toISOString().slice(0, 10)} ${hour}${t.slice(2)}`, `session ${n}`);
  }
});

test('a cancelled appointment keeps its reason and the session can be booked again', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Cancel session 13' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel session 13' });
  await dialog.getByRole('button', { name: 'Cancel the appointment' }).click();
  await dialog.getByText('Say why the appointment is cancelled.').waitFor();
  await dialog.getByLabel('Reason').fill('Patient travelling in August.');
  await dialog.getByRole('button', { name: 'Cancel the appointment' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.getByTestId('timeline').locator('.session[data-session="13"]');
  await row.getByText('Not booked').waitFor();
  await row.getByText('Patient travelling in August.').waitFor();
  await row.getByRole('button', { name: 'Book session 13' }).waitFor();
});

test('an evaluation visit is booked from the course, apart from the sessions, and moved alone', async () => {
  const { page } = browser;
  const visits = page.getByTestId('evaluations');
  await visits.getByText(/None booked\. Results show 3 to 5 months in/).waitFor();
  const sessionsBefore = await appointmentsOf(server, planId);
  await visits.getByRole('button', { name: 'Book an evaluation visit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book an evaluation visit' });
  // Three months after the course's first day (a Sunday): the first free time is offered.
  assert.equal(await dialog.getByLabel('Day', { exact: true }).inputValue(), '2026-04-12');
  await dialog.getByRole('button', { name: /^First free: Mon 13 Apr 2026/ }).click();
  await dialog.locator('.slot-picker[data-day="2026-04-13"]').getByText(/free starts? \(30-minute visit/).waitFor();
  await screenshot(page, 'course-book-evaluation', { viewport: true });
  await dialog.getByRole('button', { name: 'Book the evaluation visit' }).click();
  await dialog.waitFor({ state: 'detached' });
  const item = visits.locator('.evaluation-item');
  await item.getByText(/^Mon 13 Apr 2026, \d\d:\d\d/).waitFor();
  await item.getByText('Booked', { exact: true }).waitFor();
  // Measured and marked done on its day, not before.
  await item.getByRole('link', { name: 'Measure' }).waitFor();
  assert.equal(await item.getByRole('button', { name: /done$/ }).count(), 0);
  const mine = (await api.get(server, `/appointments?patient_id=${patient.id}&from=2026-04-13&to=2026-04-14`)).items.filter((a) => a.kind === 'evaluation');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].session_number, null);
  assert.deepEqual([...(await appointmentsOf(server, planId)).entries()], [...sessionsBefore.entries()], 'no session was booked or moved');
  // Moved a week on: no window, no cascade question.
  await item.getByRole('button', { name: /^Move the evaluation visit/ }).click();
  const move = page.getByRole('dialog', { name: 'Reschedule the evaluation visit' });
  await move.getByLabel('Day', { exact: true }).waitFor();
  assert.equal(await move.getByText('What about the later sessions?').count(), 0, 'no cascade question');
  await move.getByLabel('Day', { exact: true }).fill('2026-04-20');
  await move.locator('.slot-picker[data-day="2026-04-20"]').getByText(/free starts? \(30-minute visit/).waitFor();
  await move.getByRole('button', { name: 'Move evaluation visit' }).click();
  await move.waitFor({ state: 'detached' });
  await item.getByText(/^Mon 20 Apr 2026, \d\d:\d\d/).waitFor();
  await screenshot(page, 'course-evaluations');
});

test('a calendar link is issued, fetched without a session as valid iCalendar, and revoked', async () => {
  const { page } = browser;
  const card = page.getByRole('region', { name: 'Calendar link' });
  await card.getByRole('button', { name: 'Issue a calendar link' }).click();
  const input = card.getByLabel('Subscription link');
  await input.waitFor();
  const url = await input.inputValue();
  assert.match(url, new RegExp(`^${server.base}/api/v1/feeds/[^/]+/calendar\\.ics$`));
  assert.match(await card.getByRole('link', { name: 'open it as a subscription' }).getAttribute('href'), /^webcal:\/\//);
  await screenshot(page, 'course-calendar-link');

  // Fetched as a phone would: no session, no token.
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  const ics = icsCheck(await res.text());
  assert.equal(ics.parsed, true);
  assert.equal(ics.valid, true, JSON.stringify(ics.errors));
  assert.deepEqual(ics.timezones, [ZONE]);
  const live = ics.events.filter((e) => e.status !== 'CANCELLED');
  // The 11 sessions booked and the evaluation visit, named as such.
  assert.equal(live.length, 12);
  assert.equal(live.filter((e) => e.summary === 'Hair results evaluation').length, 1);
  assert.ok(ics.events.some((e) => e.status === 'CANCELLED'), 'the cancelled appointment is in the feed as cancelled');
  assert.ok(ics.events.every((e) => !e.summary.includes('Marta')), 'the feed does not name the patient');

  await card.getByRole('button', { name: 'Revoke the link' }).click();
  await card.getByText('The calendar link is revoked').waitFor();
  assert.equal((await fetch(url)).status, 404);
});

test('a receptionist books and moves but does not prescribe or stop courses', async () => {
  const receptionist = await createUser(server, 'receptionist', 'Rita Reyes');
  const other = await openBrowser(server);
  try {
    const { page } = other;
    await page.goto(`/patients/${patient.id}/course`);
    await signIn(page, receptionist.email, receptionist.password);
    await page.getByTestId('timeline').waitFor();
    await page.getByRole('button', { name: 'Book the whole course' }).waitFor();
    await page.getByRole('button', { name: 'Reschedule session 4' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Revise the plan' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Stop the course' }).count(), 0);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('a session whose window has passed is not offered for booking: the plan is revised instead', async () => {
  // Prescribed to start a month before the server's today (5 Jan 2026).
  const { patient: late, assessment } = await readyPatient(server, { given_name: 'Iker', family_name: 'Leal' });
  await plan(server, late, assessment, '2025-12-01');
  const { page } = browser;
  await page.goto(`/patients/${late.id}/course`);
  const first = page.getByTestId('timeline').locator('.session[data-session="1"]');
  await first.getByText('Window passed').waitFor();
  await first.getByText('Revise the plan to book it').waitFor();
  assert.equal(await first.getByRole('button', { name: 'Book session 1' }).count(), 0);
  await screenshot(page, 'course-window-passed');
  // A session still in its window keeps its button.
  const open = page.getByTestId('timeline').locator('.session').filter({ hasNot: page.getByText('Window passed') }).first();
  await open.getByRole('button', { name: /^Book session \d+$/ }).waitFor();
  // Booking the whole course leaves them out (4 of 13 have passed).
  await page.getByRole('button', { name: 'Book the whole course' }).click();
  await page.getByRole('button', { name: 'Book 9 sessions' }).click();
  const result = page.getByTestId('booking-result');
  await result.getByText('4 sessions whose window has passed wait for a clinician to revise the plan.').waitFor();
  // Not listed as "could not be booked" with a "Book by hand" that would refuse.
  assert.equal(await result.getByRole('button', { name: 'Book session 1 by hand' }).count(), 0);
  await page.goto(`/patients/${patient.id}/course`);
});

test('a clinician revises the plan with a reason, then stops it', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Revise the plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revise the plan' });
  await dialog.getByLabel('Course length in months').fill('10');
  await dialog.getByRole('button', { name: 'Revise the plan' }).click();
  await dialog.locator('[data-field="reason"] .field-error').waitFor();
  await dialog.getByLabel('Reason').fill('Slow response: extend maintenance to ten months.');
  await dialog.getByRole('button', { name: 'Revise the plan' }).click();
  await dialog.waitFor({ state: 'detached' });
  const plan = await api.get(server, `/plans/${planId}`);
  assert.equal(plan.months, 10);
  assert.equal(plan.end_date, '2026-11-12');
  // end_date is exclusive: the course's last day is shown.
  await page.getByText('12 Jan – 11 Nov 2026').waitFor();

  // A pause for illness: on hold with a reason, then resumed.
  await page.getByRole('button', { name: 'Put on hold' }).click();
  const hold = page.getByRole('dialog', { name: 'Put the course on hold' });
  await hold.getByLabel('Reason').fill('Flu: resume in two weeks.');
  await hold.getByRole('button', { name: 'Put on hold' }).click();
  await hold.waitFor({ state: 'detached' });
  const flag = page.getByTestId('review-flag');
  await flag.getByText('On hold: Flu: resume in two weeks.').waitFor();
  await flag.getByText('Bookings on hold').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Put on hold' }).count(), 0);
  await screenshot(page, 'course-on-hold');
  await flag.getByRole('button', { name: 'Clear review' }).click();
  const resume = page.getByRole('dialog', { name: 'Clear the review flag' });
  await resume.getByLabel('Note').fill('Recovered.');
  await resume.getByRole('button', { name: 'Clear review' }).click();
  await flag.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Stop the course' }).click();
  const stop = page.getByRole('dialog', { name: 'Stop the course' });
  await stop.getByLabel('Reason').fill('Patient moved abroad.');
  await stop.getByRole('button', { name: 'Stop the course' }).click();
  await stop.waitFor({ state: 'detached' });
  await page.getByText('This course was stopped').waitFor();
  await page.getByTestId('plan').getByText('Stopped', { exact: true }).waitFor();
  // A new course can be prescribed once none is active.
  await page.getByRole('heading', { name: 'Prescribe a new course' }).waitFor();
  assert.equal((await api.get(server, `/plans/${planId}`)).status, 'stopped');
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
