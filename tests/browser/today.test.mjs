// The day view for the front desk: today's appointments per practitioner
// (the clinic's today, in its time zone), arrived and no-show, the slot
// offered after a no-show booked in one click, and the flag it raises for a
// clinician to clear on the course.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, appointmentsOf, bookCourse, clinicZone, madrid, plan, practitioner, readyPatient } from './fixtures.mjs';
import { ADMIN_EMAIL, createUser, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let jon;
let jonPlan;
let evaPlan;
let vegaId;

before(async () => {
  server = await startServer();
  // The server's clock: Monday 5 January 2026, 10:00 in Madrid.
  await clinicZone(server, 'Europe/Madrid');
  const vega = await practitioner(server, 'Dr Lucía Vega');
  vegaId = vega.id;
  const sol = await practitioner(server, 'Dr Pablo Sol', { days: [1, 3, 5], start: '10:00', end: '14:00' });
  await practitioner(server, 'Dr Irene Mar', { days: [2, 4] });
  const j = await readyPatient(server, { given_name: 'Jon', family_name: 'Ortiz', sex: 'male' }, { scale: 'norwood', grade: 'III' });
  jon = j.patient;
  jonPlan = await plan(server, jon, j.assessment, '2026-01-05');
  await bookCourse(server, jonPlan.id, { practitioner_id: vega.id, from: '11:00' });
  const e = await readyPatient(server, { given_name: 'Eva', family_name: 'Sanz' });
  evaPlan = await plan(server, e.patient, e.assessment, '2026-01-05');
  await bookCourse(server, evaPlan.id, { practitioner_id: sol.id, from: '12:00' });

  const receptionist = await createUser(server, 'receptionist', 'Rita Reyes');
  browser = await openBrowser(server);
  await browser.page.goto('/today');
  await signIn(browser.page, receptionist.email, receptionist.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const dayOf = (page, name) => page.getByRole('table', { name: `${name}'s appointments today` });

test('today’s appointments per practitioner, at the clinic’s times', async () => {
  const { page } = browser;
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  // The clinic's today, not the New York browser's (still 4 January there at 04:00).
  await page.getByText('Mon 5 Jan 2026 · Clínica Capilar Norte · times in Europe/Madrid').waitFor();
  const vega = dayOf(page, 'Dr Lucía Vega');
  await vega.locator('tbody tr').first().waitFor();
  assert.deepEqual(
    (await vega.locator('tbody tr').first().locator('td').allTextContents()).slice(0, 4),
    ['11:00–11:20', 'Jon Ortiz', '1', 'Booked'],
  );
  assert.match(await dayOf(page, 'Dr Pablo Sol').locator('tbody tr').first().textContent(), /12:00–12:20Eva Sanz1Booked/);
  // Dr Mar works neither today nor has appointments: not listed.
  assert.equal(await page.getByRole('heading', { name: 'Dr Irene Mar' }).count(), 0);
  // Receptionists mark arrivals and no-shows; completing a session is a clinician's.
  assert.equal(await page.getByRole('button', { name: /completed$/ }).count(), 0);
  await page.getByText('No course is waiting for a clinician\'s review.').waitFor();
  await screenshot(page, 'today');
});

test('the receptionist marks an arrival', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Eva Sanz arrived' }).click();
  const row = dayOf(page, 'Dr Pablo Sol').locator('tbody tr').first();
  await row.getByText('Arrived', { exact: true }).waitFor();
  assert.equal((await appointmentsOf(server, evaPlan.id)).get(1).status, 'arrived');
});

test('a no-show flags the course and offers the first free slot, booked in one click', async () => {
  const { page } = browser;
  // Not before the appointment's start: the server refuses and says why.
  await page.getByRole('button', { name: 'Jon Ortiz did not come' }).click();
  const early = page.getByRole('dialog', { name: 'Mark session 1 as a no-show' });
  await early.getByRole('button', { name: 'Mark as no-show' }).click();
  await early.getByText('it can be marked a no-show once it has started').waitFor();
  await screenshot(page, 'today-no-show-too-early');
  await early.getByRole('button', { name: 'Go back' }).click();
  await early.waitFor({ state: 'detached' });
  await server.setClock('2026-01-05T10:30:00Z'); // 11:30 in Madrid: Jon's 11:00 has passed
  await page.getByRole('button', { name: 'Jon Ortiz did not come' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark session 1 as a no-show' });
  await dialog.getByText('Jon Ortiz did not come on Mon 5 Jan 2026, 11:00.').waitFor();
  await dialog.getByRole('button', { name: 'Mark as no-show' }).click();
  await dialog.waitFor({ state: 'detached' });

  const offer = page.getByTestId('no-show-offer');
  await offer.getByText('Recorded as a no-show. First free slot for session 1:').waitFor();
  const slot = (await offer.locator('.offer-slot').textContent()).trim();
  assert.match(slot, /^Mon 5 Jan 2026, \d\d:\d\d–\d\d:\d\d with Dr Lucía Vega$/);
  const row = dayOf(page, 'Dr Lucía Vega').locator('tbody tr').filter({ hasText: 'Jon Ortiz' });
  await row.getByText('No-show').waitFor();
  await page.getByTestId('flagged-plans').getByText('Session 1 missed on 5 Jan 2026 (no-show).').waitFor();
  await page.getByTestId('missed-sessions').getByText('Jon Ortiz').waitFor();
  await screenshot(page, 'today-no-show');

  await offer.getByRole('button', { name: 'Book this' }).click();
  await offer.waitFor({ state: 'detached' });
  const time = slot.match(/, (\d\d:\d\d)–/)[1];
  await dayOf(page, 'Dr Lucía Vega').locator('tbody tr').filter({ hasText: 'Booked' }).filter({ hasText: 'Jon Ortiz' }).getByText(new RegExp(`^${time}–`)).waitFor();
  await page.getByText('No missed session is waiting to be booked again.').waitFor();
  // Still flagged: a clinician decides whether the course needs changing.
  await page.getByTestId('flagged-plans').getByText('Jon Ortiz').waitFor();

  const booked = (await appointmentsOf(server, jonPlan.id)).get(1);
  assert.equal(booked.status, 'booked');
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(booked.start));
  assert.equal(local, time);
});

test('a clinician sees the flag on the course and clears it with a note', async () => {
  const clinician = await createUser(server, 'clinician', 'Dr Ana Vega');
  const other = await openBrowser(server);
  try {
    const { page } = other;
    await page.goto(`/patients/${jon.id}/course`);
    await signIn(page, clinician.email, clinician.password);
    const flag = page.getByTestId('review-flag');
    await flag.getByText('Flagged for a clinician\'s review').waitFor();
    await flag.getByText('Session 1 missed on 5 Jan 2026 (no-show).').waitFor();
    // The missed attempt stays on the session's line.
    await page.getByTestId('timeline').locator('.session[data-session="1"]').getByText('Mon 5 Jan 2026, 11:00').waitFor();
    await screenshot(page, 'course-review');

    await flag.getByRole('button', { name: 'Clear review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear the review flag' });
    await dialog.getByLabel('Note').fill('Rebooked the same day; no change to the plan.');
    await dialog.getByRole('button', { name: 'Clear review' }).click();
    await dialog.waitFor({ state: 'detached' });
    await flag.waitFor({ state: 'detached' });
    assert.equal((await api.get(server, `/plans/${jonPlan.id}`)).needs_review, false);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('a clinician charts a session from Today, on a phone', async () => {
  const clinician = await createUser(server, 'clinician', 'Dr Leo Gil');
  const phone = await openBrowser(server, { width: 390, height: 844 });
  try {
    const { page } = phone;
    await page.goto('/today');
    await signIn(page, clinician.email, clinician.password);
    const day = dayOf(page, 'Dr Pablo Sol');
    await day.locator('tbody tr').first().waitFor();
    await page.getByText("Checking each course's progress…").waitFor({ state: 'detached' });
    // The page fits the phone: the day's table shows each appointment as a card.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    // Every section of the menu shows, none cut off past the edge.
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.ok(await nav.evaluate((n) => n.scrollWidth <= n.clientWidth), 'the menu fits');
    await nav.getByRole('link', { name: 'Set-up' }).waitFor();
    // No bare "completed": the session is charted (zones, lots), which completes it.
    assert.equal(await page.getByRole('button', { name: /completed$/ }).count(), 0);
    await screenshot(page, 'today-phone-clinician');
    await day.getByRole('link', { name: 'Chart Eva Sanz\'s session 1' }).click();
    await page.getByRole('heading', { name: 'Chart session 1' }).waitFor();
    assert.match(page.url(), /\/chart\//);
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.close();
  }
});

test('a course on hold shows so on Today: the clinician reviews it instead of charting', async () => {
  await api.post(server, `/patients/${evaPlan.patient_id}/adverse-events`, { type: 'infection', grade: 3, onset: '2026-01-05', outcome: 'ongoing' });
  const clinician = await createUser(server, 'clinician', 'Dr Eva Ruiz');
  const other = await openBrowser(server);
  try {
    const { page } = other;
    await page.goto('/today');
    await signIn(page, clinician.email, clinician.password);
    const row = dayOf(page, 'Dr Pablo Sol').locator('tbody tr').first();
    await row.getByText('Course on hold').waitFor();
    await row.getByRole('link', { name: 'Review Eva Sanz\'s course' }).waitFor();
    assert.equal(await row.getByRole('link', { name: /^Chart / }).count(), 0);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('a day off entered after the booking: the session waits on Today and on the course to be moved', async () => {
  const { page } = browser;
  const next = (await appointmentsOf(server, evaPlan.id)).get(2);
  const day = madrid(next.start).slice(0, 10);
  const h = await api.post(server, `/practitioners/${next.practitioner_id}/time-off`, { from: day, reason: 'Congress' });
  assert.deepEqual(h.to_move.map((a) => a.id), [next.id]);
  await page.goto('/today');
  const card = page.getByTestId('to-move');
  await card.waitFor();
  assert.match(await card.textContent(), /Eva Sanz.*Session 2.*Practitioner away: Congress/);
  await screenshot(page, 'today-to-move');
  await card.getByRole('link', { name: 'Eva Sanz' }).click();
  const session = page.getByTestId('timeline').locator('.session[data-session="2"]');
  await session.getByText('Practitioner away: Congress: move it').waitFor();
  // Its own slot is not offered on the day off: the dialog says why the day has none.
  await page.getByRole('button', { name: 'Reschedule session 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reschedule session 2' });
  await dialog.getByText('Dr Pablo Sol is off (Congress).').waitFor();
  // Dr Sol has no other day in the session's window (11-13 Jan): it says so...
  await dialog.getByText('No free time with Dr Pablo Sol up to Tue 13 Jan 2026', { exact: false }).waitFor();
  await screenshot(page, 'reschedule-no-free-in-window');
  // ...and, the later sessions moving with it, offers the first free time after the day off in one click.
  await dialog.getByLabel('Move session 2 and every later session (cascade)').check();
  const first = dialog.getByRole('button', { name: /^First free: / });
  // Inside the dialog, wide and on a phone (no field or button cut off).
  const inside = async () => {
    const [b, d, t] = [await first.boundingBox(), await dialog.boundingBox(), await dialog.getByLabel('Time', { exact: true }).boundingBox()];
    for (const x of [b, t]) assert.ok(x.x >= d.x && x.x + x.width <= d.x + d.width + 0.5, `${JSON.stringify(x)} inside ${JSON.stringify(d)}`);
  };
  await inside();
  await page.setViewportSize({ width: 390, height: 844 });
  await inside();
  await screenshot(page, 'reschedule-first-free-phone');
  await page.setViewportSize({ width: 1366, height: 860 });
  const [, label] = (await first.textContent()).match(/^First free: (.*)$/);
  await first.click();
  const chosen = await dialog.getByLabel('Day', { exact: true }).inputValue();
  assert.ok(chosen > day, `${chosen} is after the day off ${day}`);
  assert.ok([1, 3, 5].includes(new Date(`${chosen}T12:00:00Z`).getUTCDay()), `${chosen} is one of Dr Sol's days`);
  await dialog.getByText(/^\d+ free starts? \(20-minute session/).waitFor(); // that day's times have loaded
  const time = await dialog.getByLabel('Time', { exact: true }).inputValue();
  assert.match(time, /^1[0-3]:\d\d$/);
  assert.match(label, new RegExp(`, ${time}$`));
  await screenshot(page, 'reschedule-first-free');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await api.delete(server, `/practitioners/${next.practitioner_id}/time-off/${h.id}`);
});

test('a session whose window passed without a booking is listed with the missed ones', async () => {
  const { page } = browser;
  const n = await readyPatient(server, { given_name: 'Nuria', family_name: 'Blanco' });
  await plan(server, n.patient, n.assessment, '2025-12-08');
  await page.goto('/today');
  const missed = page.getByTestId('missed-sessions');
  await missed.getByText('Nuria Blanco').first().waitFor();
  assert.match(await missed.textContent(), /Nuria Blanco.*Session 1, window .*Window passed/);
});

test('an evaluation visit on Today is not charted: the clinician marks it done', async () => {
  const { page } = browser;
  const before = [...(await appointmentsOf(server, jonPlan.id)).entries()];
  const visit = await api.post(server, '/appointments', { plan_id: jonPlan.id, kind: 'evaluation', practitioner_id: vegaId, start: '2026-01-05T16:00:00+01:00' });
  await page.goto('/today');
  const row = dayOf(page, 'Dr Lucía Vega').locator('tbody tr').filter({ hasText: 'Jon Ortiz' }).filter({ hasText: 'Evaluation' });
  await row.getByText('Evaluation', { exact: true }).waitFor();
  // The clinician who measures marks it done; the desk (signed in here) cannot.
  assert.equal(await row.getByRole('button', { name: "Jon Ortiz's evaluation visit done" }).count(), 0);
  const clinician = await createUser(server, 'clinician', 'Dr Eva Luz');
  const other = await openBrowser(server);
  try {
    await other.page.goto('/today');
    await signIn(other.page, clinician.email, clinician.password);
    const theirs = dayOf(other.page, 'Dr Lucía Vega').locator('tbody tr').filter({ hasText: 'Jon Ortiz' }).filter({ hasText: 'Evaluation' });
    await theirs.getByRole('link', { name: "Record Jon Ortiz's results" }).waitFor();
    assert.equal(await theirs.getByRole('link', { name: /^Chart / }).count(), 0, 'nothing to chart');
    await theirs.getByRole('button', { name: "Jon Ortiz's evaluation visit done" }).click();
    await theirs.getByText('Completed', { exact: true }).waitFor();
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
  assert.equal((await api.get(server, `/appointments/${visit.id}`)).status, 'completed');
  // His course is untouched.
  assert.deepEqual([...(await appointmentsOf(server, jonPlan.id)).entries()], before);
});

test('an evaluation due says whether its visit is booked, or links to the course to book it', async () => {
  const { page } = browser;
  // Jon's first session (booked again after his no-show) is charted today.
  const first = (await appointmentsOf(server, jonPlan.id)).get(1);
  const product = await api.post(server, '/products', { name: 'Dermaheal HL', category: 'amino_acids' });
  const lot = await api.post(server, `/products/${product.id}/lots`, { lot_number: 'DH-2611', expires_on: '2026-11-30', quantity: 20 });
  await api.post(server, `/appointments/${first.id}/session`, {
    zones: [{ zone: 'vertex', points: 40, volume_ml: 2 }],
    products: [{ lot_id: lot.id, volume_ml: 2 }],
    anaesthetic: false,
    pain_score: 2,
    adjuncts: [],
  });
  // Wednesday 8 April: three months on, his evaluation is due.
  await server.setClock('2026-04-08T08:00:00Z');
  try {
    await page.goto('/today');
    await signIn(page, ADMIN_EMAIL, server.adminPassword); // three months on, the sign-in has lapsed
    const item = page.getByTestId('evaluations-due').locator('li', { hasText: 'Jon Ortiz' });
    await item.getByRole('link', { name: 'No visit booked: book one on the course' }).waitFor();
    await api.post(server, '/appointments', { plan_id: jonPlan.id, kind: 'evaluation', practitioner_id: vegaId, start: '2026-04-09T10:00:00+02:00' });
    await page.reload();
    await item.getByText('Evaluation visit booked for Thu 9 Apr 2026, 10:00.').waitFor();
    await screenshot(page, 'today-evaluations-due');
  } finally {
    await server.setClock('2026-01-05T10:30:00Z');
  }
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
