// The calendar (FullCalendar): a practitioner's week in the clinic's time
// zone (the browser is in New York, the clinic in Madrid), dragging an
// appointment (refused outside its window and put back; with cascade the
// later sessions follow), opening the patient, every practitioner side by
// side for a day.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, appointmentsOf, bookCourse, clinicZone, madrid, plan, practitioner, readyPatient } from './fixtures.mjs';
import { createUser, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let vega;
let sol;
let jon;
let jonPlan;

const ZONE = 'Europe/Madrid';

before(async () => {
  server = await startServer();
  await clinicZone(server, ZONE);
  vega = await practitioner(server, 'Dr Lucía Vega');
  sol = await practitioner(server, 'Dr Pablo Sol', { days: [1, 3, 5], start: '10:00', end: '14:00' });
  await api.post(server, '/clinic/holidays', { from: '2026-01-23', reason: 'Town fair' });
  // Jon: Mondays at 10:00 with Dr Vega from 12 January.
  const j = await readyPatient(server, { given_name: 'Jon', family_name: 'Ortiz', sex: 'male' }, { scale: 'norwood', grade: 'III' });
  jon = j.patient;
  jonPlan = await plan(server, jon, j.assessment, '2026-01-12');
  await bookCourse(server, jonPlan.id, { practitioner_id: vega.id, weekdays: [1], from: '10:00', to: '11:00' });
  // Marta: Mondays at 09:00 with Dr Vega; Eva: Mondays at 12:00 with Dr Sol.
  const m = await readyPatient(server, { given_name: 'Marta', family_name: 'Gil' });
  await bookCourse(server, (await plan(server, m.patient, m.assessment, '2026-01-19')).id, { practitioner_id: vega.id, weekdays: [1], from: '09:00', to: '10:00' });
  const e = await readyPatient(server, { given_name: 'Eva', family_name: 'Sanz' });
  await bookCourse(server, (await plan(server, e.patient, e.assessment, '2026-01-19')).id, { practitioner_id: sol.id, weekdays: [1], from: '12:00' });

  const receptionist = await createUser(server, 'receptionist', 'Rita Reyes');
  browser = await openBrowser(server);
  await browser.page.goto(`/calendar?view=week&p=${vega.id}&date=2026-01-19`);
  await signIn(browser.page, receptionist.email, receptionist.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The calendar event of an appointment (of the plan's session `n`). */
async function event(page, n) {
  const appt = (await appointmentsOf(server, jonPlan.id)).get(n);
  return page.locator(`.fc-event[data-appointment="${appt.id}"]`);
}

/** Where an element is: the day column it sits in and the slot row its top is in. */
async function placeOf(page, locator) {
  const box = await locator.boundingBox();
  return page.evaluate(({ x, y }) => {
    const col = [...document.querySelectorAll('.fc-timegrid-col[data-date]')].find((c) => {
      const r = c.getBoundingClientRect();
      return x >= r.left && x < r.right;
    });
    const lane = [...document.querySelectorAll('.fc-timegrid-slot-lane[data-time]')].find((l) => {
      const r = l.getBoundingClientRect();
      return y >= r.top - 1 && y < r.bottom - 1;
    });
    return `${col?.dataset.date} ${lane?.dataset.time.slice(0, 5)}`;
  }, { x: box.x + box.width / 2, y: box.y + 2 });
}

/** Waits until session `n`'s appointment is drawn in the day column `date`. */
async function inColumn(page, date, n) {
  const id = (await appointmentsOf(server, jonPlan.id)).get(n).id;
  await page.locator(`.fc-timegrid-col[data-date="${date}"] .fc-event[data-appointment="${id}"]`).waitFor();
}

/** Drags `locator` by its top edge to the day column `date` at the slot row `time`. */
async function drag(page, locator, date, time) {
  const from = await locator.boundingBox();
  const col = await page.locator(`.fc-timegrid-col[data-date="${date}"]`).boundingBox();
  const lane = await page.locator(`.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox();
  const x = from.x + from.width / 2;
  const y = from.y + 4;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 4, y + 4, { steps: 2 });
  await page.mouse.move(col.x + col.width / 2, lane.y + 4 + (y - from.y - 4), { steps: 12 });
  await page.mouse.up();
}

test('a practitioner’s week shows appointments at the clinic’s times, hours, and holidays', async () => {
  const { page } = browser;
  await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
  await page.getByTestId('calendar-title').getByText('19–25 Jan 2026').waitFor();
  assert.equal(await page.getByLabel('Practitioner').inputValue(), vega.id);
  const session2 = await event(page, 2);
  await session2.waitFor();
  // 10:00 in Madrid, shown at 10:00 although the browser is in New York (04:00 there).
  assert.equal(await placeOf(page, session2), '2026-01-19 10:00');
  assert.match(await session2.textContent(), /10:00 Jon Ortiz #2/);
  // Events are links with a spoken label (reachable from the keyboard).
  await page.getByRole('link', { name: 'Jon Ortiz, session 2, Mon 19 Jan 2026, 10:00, booked. Open the patient\'s course.' }).waitFor();
  await page.getByText('Clinic closed: Town fair').waitFor();
  await page.getByText('Dr Lucía Vega works Mon–Fri 09:00–17:00').waitFor();
  assert.ok((await page.locator('.fc-non-business').count()) > 0, 'hours outside the working hours are shaded');
  await screenshot(page, 'calendar-week');
});

test('dragging a session outside its window is refused and put back; with cascade the later sessions follow', async () => {
  const { page } = browser;
  const before = await appointmentsOf(server, jonPlan.id);
  const session2 = await event(page, 2);
  // Two days and an hour later: outside session 2's window (18-20 Jan).
  await drag(page, session2, '2026-01-21', '11:00');
  const dialog = page.getByRole('dialog', { name: 'Reschedule session 2' });
  await dialog.getByText('Move to Wed 21 Jan 2026, 11:00').waitFor();
  assert.equal(await dialog.getByLabel('Move only session 2').isChecked(), true);
  await dialog.getByRole('button', { name: 'Move session 2' }).click();
  await dialog.getByRole('alert').getByText('Session 2 must be between 18 Jan 2026 and 20 Jan 2026; to move it further, move the later sessions too (cascade).').waitFor();
  // The refused drag is undone: the appointment is back on Monday at 10:00.
  await inColumn(page, '2026-01-19', 2);
  assert.equal(await placeOf(page, session2), '2026-01-19 10:00');

  await dialog.getByLabel(/Move session 2 and every later session \(cascade\)/).check();
  const preview = dialog.getByTestId('cascade-preview');
  await preview.getByText('Session 3: Mon 26 Jan 2026, 10:00 → Wed 28 Jan 2026, 11:00').waitFor();
  await screenshot(page, 'calendar-move', { viewport: true });
  await dialog.getByRole('button', { name: 'Move with later sessions' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(/Session 2 moved to Wed 21 Jan 2026, 11:00, and \d+ later sessions with it\./).waitFor();
  await inColumn(page, '2026-01-21', 2);
  assert.equal(await placeOf(page, await event(page, 2)), '2026-01-21 11:00');

  // Through the API: session 2 and every later one moved two days and an
  // hour (Mondays 10:00 became Wednesdays 11:00); session 1 stayed.
  const afterMove = await appointmentsOf(server, jonPlan.id);
  assert.equal(madrid(afterMove.get(1).start), madrid(before.get(1).start));
  assert.equal(madrid(afterMove.get(2).start), '2026-01-21 11:00');
  assert.equal(madrid(afterMove.get(3).start), '2026-01-28 11:00');
  for (const [n, a] of afterMove) {
    if (n < 2) continue;
    const d = new Date(`${madrid(a.start).slice(0, 10)}T12:00:00Z`);
    assert.equal(d.getUTCDay(), 3, `session ${n} is now on a Wednesday`);
    assert.equal(madrid(a.start).slice(11), '11:00', `session ${n} is now at 11:00`);
    assert.equal(a.sequence, before.get(n).sequence + 1, `session ${n}'s calendar SEQUENCE went up`);
  }

  // Next week shows session 3 where it went.
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByTestId('calendar-title').getByText('26 Jan – 1 Feb 2026').waitFor();
  const session3 = await event(page, 3);
  await session3.waitFor();
  assert.equal(await placeOf(page, session3), '2026-01-28 11:00');
});

test('clicking an appointment opens the patient’s course', async () => {
  const { page } = browser;
  await (await event(page, 3)).click();
  await page.getByRole('heading', { name: 'Jon Ortiz', level: 1 }).waitFor();
  assert.match(page.url(), new RegExp(`/patients/${jon.id}/course$`));
  await page.getByTestId('timeline').locator('.session[data-session="3"]').getByText('Wed 28 Jan 2026, 11:00–11:20').waitFor();
  await page.goBack();
  await page.getByTestId('calendar-title').getByText('26 Jan – 1 Feb 2026').waitFor();
});

test('every practitioner side by side for a day, and a month at a glance', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'All practitioners' }).click();
  await page.getByTestId('calendar-title').getByText('Mon 19 Jan 2026').waitFor();
  const vegaDay = page.getByRole('region', { name: "Dr Lucía Vega's day" });
  const solDay = page.getByRole('region', { name: "Dr Pablo Sol's day" });
  await vegaDay.locator('.fc-event').filter({ hasText: 'Marta Gil' }).waitFor();
  await solDay.locator('.fc-event').filter({ hasText: 'Eva Sanz' }).waitFor();
  assert.match(await solDay.locator('.fc-event').first().textContent(), /12:00 Eva Sanz #1/);
  // Jon's session 2 moved away from this Monday.
  assert.equal(await vegaDay.locator('.fc-event').filter({ hasText: 'Jon Ortiz' }).count(), 0);
  await screenshot(page, 'calendar-all');

  await page.getByRole('button', { name: 'Month' }).click();
  await page.getByTestId('calendar-title').getByText('January 2026').waitFor();
  await page.locator('.fc-daygrid-day[data-date="2026-01-21"] .fc-event').filter({ hasText: 'Jon Ortiz' }).waitFor();
  await screenshot(page, 'calendar-month');

  // One practitioner's day, reached from the month by the Day view.
  await page.getByRole('button', { name: 'Day', exact: true }).click();
  await page.getByTestId('calendar-title').getByText('Mon 19 Jan 2026').waitFor();
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.getByTestId('calendar-title').getByText('Wed 21 Jan 2026').waitFor();
  assert.equal(await placeOf(page, await event(page, 2)), '2026-01-21 11:00');
  await screenshot(page, 'calendar-day');
});

test('on a phone the calendar opens on the day, not the week', async () => {
  const user = await createUser(server, 'receptionist', 'Rosa Pinto');
  const phone = await openBrowser(server, { width: 390, height: 844 });
  try {
    const { page } = phone;
    await page.goto('/calendar');
    await signIn(page, user.email, user.password);
    await page.getByTestId('calendar-title').getByText('Mon 5 Jan 2026').waitFor();
    // The title renders before the calendar mounts: wait for the day view itself.
    await page.locator('.fc-timeGridDay-view').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'fits the phone');
    await screenshot(page, 'calendar-phone');
  } finally {
    await phone.close();
  }
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
