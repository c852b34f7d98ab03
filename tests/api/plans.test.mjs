import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readyPatient } from './harness.mjs';

let srv, clin, admin, recep;
before(async () => {
  srv = await startServer();
  admin = await srv.admin();
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
});
after(async () => { await srv.stop(); });

const plan = (patientId, body, token = clin.token) =>
  srv.request('POST', `/api/v1/patients/${patientId}/plans`, { token, body });

test('a new clinic has the seeded protocols, Standard taper first', async () => {
  const r = await srv.request('GET', '/api/v1/protocols', { token: recep.token });
  assert.equal(r.status, 200);
  const names = r.body.items.map((p) => p.name);
  assert.equal(names[0], 'Standard taper');
  assert.ok(names.includes('Nappage weeks 0-1-2-3-5-7-11'));
  const std = r.body.items[0];
  assert.deepEqual(std.phases.map((p) => [p.name, p.interval_days, p.sessions ?? 'end', p.tolerance_days]),
    [['induction', 7, 4, 1], ['consolidation', 14, 4, 2], ['maintenance', 28, 'end', 4]]);
  assert.deepEqual(std.months, { mild: 5, moderate: 8, advanced: 12 });
  assert.equal(std.session_minutes, 20);
});

test('a plan follows the protocol and the severity (contract shape)', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'III' }); // moderate
  const r = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.headers.get('location'), `/api/v1/plans/${r.body.id}`);
  assert.equal(r.body.months, 8);
  assert.equal(r.body.session_minutes, 20);
  const s = r.body.sessions;
  assert.deepEqual(s.map((x) => x.number), s.map((_, i) => i + 1));
  assert.deepEqual(s.slice(0, 6).map((x) => x.target_date),
    ['2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-16', '2026-03-02']);
  assert.deepEqual(s.map((x) => x.phase).filter((v, i, a) => a.indexOf(v) === i), ['induction', 'consolidation', 'maintenance']);
  assert.equal(s[0].earliest, '2026-01-12');
  assert.equal(s[1].earliest, '2026-01-18');
  assert.equal(s[1].latest, '2026-01-20');
  assert.ok(s.at(-1).target_date < r.body.end_date);
  assert.equal(r.body.end_date, '2026-09-12');
  for (let i = 2; i < s.length; i++) {
    const gap = (a, b) => (Date.parse(b.target_date) - Date.parse(a.target_date)) / 864e5;
    assert.ok(gap(s[i - 1], s[i]) >= gap(s[i - 2], s[i - 1]), 'intervals never shrink');
  }
});

test('severity sets the course length: mild 5, advanced 12 months', async () => {
  for (const [grade, months] of [['II', 5], ['VI', 12]]) {
    const { patient, assessment } = await readyPatient(srv, clin.token, { grade });
    const r = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-02-02' });
    assert.equal(r.body.months, months, grade);
  }
});

test('refused with 409 without a clearing screening, or when not a candidate', async () => {
  // Review outcome, not overridden.
  const rev = await readyPatient(srv, clin.token, { answers: { anticoagulants: true } });
  let r = await plan(rev.patient.id, { assessment_id: rev.assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 409);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.match(r.body.detail, /review/);
  // Overridden: allowed.
  await srv.request('POST', `/api/v1/patients/${rev.patient.id}/screenings/${rev.screening.id}/override`,
    { token: clin.token, body: { reason: 'Aspirin paused one week before each session.' } });
  r = await plan(rev.patient.id, { assessment_id: rev.assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 201);
  // Ineligible.
  const inel = await readyPatient(srv, clin.token, { answers: { pregnant: true }, sex: 'female' });
  r = await plan(inel.patient.id, { assessment_id: inel.assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 409);
  // No screening at all.
  const bare = await srv.patient(clin.token);
  const a = await srv.request('POST', `/api/v1/patients/${bare.id}/assessments`, { token: clin.token, body: { diagnosis: 'androgenetic_alopecia', scale: 'norwood', grade: 'II', roots_retained: true } });
  r = await plan(bare.id, { assessment_id: a.body.id, start_date: '2026-01-12' });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /no current screening/);
  // Not a candidate.
  const scar = await readyPatient(srv, clin.token);
  const sa = await srv.request('POST', `/api/v1/patients/${scar.patient.id}/assessments`, { token: clin.token, body: { diagnosis: 'scarring_alopecia', scale: 'norwood', grade: 'II', roots_retained: true } });
  r = await plan(scar.patient.id, { assessment_id: sa.body.id, start_date: '2026-01-12' });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /not a candidate/);
  // Nor from an older assessment than the newest (a candidate before the scarring was found).
  await srv.setClock('2026-01-05T10:00:00Z');
  const later = await srv.request('POST', `/api/v1/patients/${scar.patient.id}/assessments`, { token: clin.token, body: { diagnosis: 'scarring_alopecia', scale: 'norwood', grade: 'II', roots_retained: true } });
  assert.equal(later.status, 201);
  r = await plan(scar.patient.id, { assessment_id: scar.assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /newer assessment/);
  await srv.setClock('2026-01-05T09:00:00Z');
  // An expired screening no longer clears.
  const old = await readyPatient(srv, clin.token);
  await srv.setClock('2026-08-01T09:00:00Z');
  r = await plan(old.patient.id, { assessment_id: old.assessment.id, start_date: '2026-08-03' });
  assert.equal(r.status, 409);
  await srv.setClock('2026-01-05T09:00:00Z');
});

test('bad plan requests name the field', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const other = await readyPatient(srv, clin.token);
  let r = await plan(patient.id, { assessment_id: other.assessment.id, start_date: '2026-01-12' });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'assessment_id');
  r = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-02-30', protocol_id: 7 });
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['protocol_id', 'start_date']);
  r = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12', protocol_id: 'nope' });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'protocol_id');
  r = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' }, recep.token);
  assert.equal(r.status, 403, 'receptionists do not prescribe');
});

test('one active plan per patient', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  assert.equal((await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).status, 201);
  const again = await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' });
  assert.equal(again.status, 409);
  assert.match(again.body.detail, /already has an active plan/);
});

test('a revision to longer sessions cancels the shorter slots it cannot keep', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).body;
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Long', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const booked = await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.ok(booked.body.appointments.length > 3);
  const standard = (await srv.request('GET', `/api/v1/protocols/${p.protocol.id}`, { token: clin.token })).body;
  const longer = await srv.request('POST', '/api/v1/protocols', { token: admin, body: { name: 'Standard, 40 min', session_minutes: 40, phases: standard.phases } });
  assert.equal(longer.status, 201, longer.text);
  const revised = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { protocol_id: longer.body.id, reason: 'Longer sessions with a scalp massage' } });
  assert.equal(revised.status, 200, revised.text);
  assert.equal(revised.body.session_minutes, 40);
  assert.ok(revised.body.sessions.every((s) => !s.appointment), 'no 20-minute slot kept for a 40-minute session');
  const appts = (await srv.request('GET', `/api/v1/appointments?plan_id=${p.id}&include_cancelled=true`, { token: clin.token })).body.items;
  assert.ok(appts.every((a) => a.status === 'cancelled'));
});

test('protocols are versioned: a change never alters an existing plan', async () => {
  const created = await srv.request('POST', '/api/v1/protocols', { token: admin, body: {
    name: 'House taper', phases: [{ name: 'weekly', interval_days: 7, sessions: 2 }, { name: 'monthly', interval_days: 28, until_end: true, tolerance_days: 3 }],
  } });
  assert.equal(created.status, 201);
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12', protocol_id: created.body.id })).body;
  assert.equal(p.protocol.version, 1);
  const upd = await srv.request('PUT', `/api/v1/protocols/${created.body.id}`, { token: admin, body: {
    name: 'House taper', phases: [{ name: 'fortnightly', interval_days: 14, until_end: true, tolerance_days: 2 }],
  } });
  assert.equal(upd.body.version, 2);
  const again = await srv.request('GET', `/api/v1/plans/${p.id}`, { token: clin.token });
  assert.equal(again.body.protocol.version, 1);
  assert.deepEqual(again.body.sessions.map((s) => s.target_date), p.sessions.map((s) => s.target_date));
  assert.equal(again.body.sessions[1].target_date, '2026-01-19');
  const bad = await srv.request('PUT', `/api/v1/protocols/${created.body.id}`, { token: admin, body: {
    name: 'x', phases: [{ name: 'a', interval_days: 28, sessions: 1 }, { name: 'b', interval_days: 7, until_end: true }],
  } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'phases[1].interval_days');
  assert.equal((await srv.request('PUT', `/api/v1/protocols/${created.body.id}`, { token: clin.token, body: { active: false } })).status, 403);
  const retired = await srv.request('PUT', `/api/v1/protocols/${created.body.id}`, { token: admin, body: { active: false } });
  assert.equal(retired.body.active, false);
  const other = await readyPatient(srv, clin.token);
  const r = await plan(other.patient.id, { assessment_id: other.assessment.id, start_date: '2026-01-12', protocol_id: created.body.id });
  assert.equal(r.status, 422);
});

test('revise: extend, change protocol, stop early; sessions done are untouched', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'II' }); // 5 months
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).body;
  // Sessions 1-2 booked and done.
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Rev', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const booked = await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  const [a1, a2] = booked.body.appointments;
  await srv.setClock('2026-01-19T12:00:00Z');
  for (const a of [a1, a2]) {
    assert.equal((await srv.request('POST', `/api/v1/appointments/${a.id}/complete`, { token: clin.token })).status, 200);
  }
  // A bad length is named alone.
  const tooLong = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { months: 40, reason: 'Slow response' } });
  assert.deepEqual(tooLong.body.errors.map((e) => e.field), ['months']);
  const extended = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { months: 8, reason: 'Slow response, extend the course' } });
  assert.equal(extended.status, 200, extended.text);
  assert.equal(extended.body.months, 8);
  assert.ok(extended.body.sessions.length > p.sessions.length);
  assert.deepEqual(extended.body.sessions.slice(0, 2).map((s) => [s.status, s.target_date]), [['done', '2026-01-12'], ['done', '2026-01-19']]);
  // Appointments already made keep their slot where the new schedule allows
  // their day (the first weeks do not change); the others are cancelled.
  const appts = (await srv.request('GET', `/api/v1/appointments?plan_id=${p.id}&include_cancelled=true`, { token: clin.token })).body.items;
  const byId = Object.fromEntries(appts.map((a) => [a.id, a]));
  assert.equal(extended.body.sessions[2].appointment.id, booked.body.appointments[2].id, 'session 3 keeps its booking');
  let kept = 0;
  for (const s of extended.body.sessions.slice(2)) {
    if (!s.appointment) continue;
    const a = byId[s.appointment.id];
    assert.equal(a.status, 'booked');
    assert.equal(a.session_number, s.number);
    const day = a.start.slice(0, 10);
    assert.ok(day >= s.earliest && day <= s.latest, `${day} in ${s.earliest}..${s.latest}`);
    kept++;
  }
  const cancelled = appts.filter((a) => a.status === 'cancelled');
  assert.equal(kept + cancelled.length, booked.body.appointments.length - 2, 'every later appointment kept or cancelled');
  assert.ok(cancelled.every((a) => /Plan revised: Slow response/.test(a.note)));
  const switched = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { protocol_id: (await srv.request('GET', '/api/v1/protocols', { token: clin.token })).body.items.find((x) => x.name.startsWith('Quarterly')).id, reason: 'Maintenance only from now on' } });
  assert.equal(switched.status, 200);
  assert.equal(switched.body.sessions[2].target_date, '2026-04-20', 'quarterly continues 91 days after the last session done');
  assert.equal(switched.body.months, 12);
  const stopped = await srv.request('POST', `/api/v1/plans/${p.id}/stop`, { token: clin.token, body: { reason: 'Patient moved abroad' } });
  assert.equal(stopped.body.status, 'stopped');
  assert.equal(stopped.body.stop_reason, 'Patient moved abroad');
  assert.ok(stopped.body.sessions.slice(2).every((s) => s.status === 'cancelled'));
  assert.equal(stopped.body.sessions[0].status, 'done');
  const again = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { months: 9, reason: 'try again' } });
  assert.equal(again.status, 409);
  const noReason = await srv.request('POST', `/api/v1/plans/${p.id}/stop`, { token: clin.token, body: {} });
  assert.equal(noReason.status, 422);
  await srv.setClock('2026-01-05T09:00:00Z');
});

test('a revision after a no-show keeps the missed session on record and numbers on after it', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'III' });
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).body;
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Miss', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } })).body.appointments;
  // Session 1 done, 2 a no-show, 3-5 done.
  await srv.setClock(new Date(Date.parse(appts[4].end) + 3600e3).toISOString());
  const step = async (a, what) => {
    const r = await srv.request('POST', `/api/v1/appointments/${a.id}/${what}`, { token: clin.token });
    assert.equal(r.status, 200, r.text);
  };
  await step(appts[0], 'complete');
  await step(appts[1], 'no-show');
  for (const a of appts.slice(2, 5)) await step(a, 'complete');
  const revised = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { reason: 'Missed a week: plan the rest again' } });
  assert.equal(revised.status, 200, revised.text);
  const sessions = revised.body.sessions;
  const numbers = sessions.map((s) => s.number);
  assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y));
  assert.equal(new Set(numbers).size, numbers.length, 'no number twice');
  assert.deepEqual(sessions.slice(0, 5).map((s) => s.status), ['done', 'skipped', 'done', 'done', 'done']);
  assert.equal(sessions[5].number, 6, 'the next session follows the last on record');
  assert.ok(sessions[5].target_date > appts[4].start.slice(0, 10));
  // Four doses given: session 6 is the fifth dose, in the fifth dose's phase.
  assert.equal(sessions[5].phase, p.sessions[4].phase);
  // The missed session is a record now, not a session to book.
  const rebook = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: p.id, session_number: 2, practitioner_id: pr.id, start: new Date(Date.parse(appts[4].start) + 7 * 86400e3).toISOString() } });
  assert.equal(rebook.status, 409, rebook.text);
  assert.match(rebook.body.detail, /Session 2 was missed and the course went on without it/);
  // Stopping keeps it as missed and clears the review the no-show raised.
  assert.equal((await srv.request('GET', `/api/v1/plans/${p.id}`, { token: clin.token })).body.needs_review, true);
  const stopped = (await srv.request('POST', `/api/v1/plans/${p.id}/stop`, { token: clin.token, body: { reason: 'Patient moved abroad' } })).body;
  assert.equal(stopped.sessions[1].status, 'skipped');
  assert.equal(stopped.needs_review, false);
  await srv.setClock('2026-01-05T09:00:00Z');
});

test('a new screening that no longer clears the patient holds or flags the active course', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'II' });
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).body;
  const screen = (answers) => srv.request('POST', `/api/v1/patients/${patient.id}/screenings`, { token: clin.token, body: { answers } });
  // A relative finding flags the course for review; bookings go on.
  assert.equal((await screen({ anticoagulants: true })).body.outcome, 'review');
  let now = (await srv.request('GET', `/api/v1/plans/${p.id}`, { token: clin.token })).body;
  assert.equal(now.needs_review, true);
  assert.equal(now.booking_hold, false);
  assert.match(now.review_reason, /^Screening on .+: needs a clinician's review \(Takes anticoagulants or antiplatelets\)\.$/);
  // Not eligible holds its bookings, naming why.
  assert.equal((await screen({ active_scalp_infection: true })).body.outcome, 'ineligible');
  now = (await srv.request('GET', `/api/v1/plans/${p.id}`, { token: clin.token })).body;
  assert.equal(now.booking_hold, true);
  assert.match(now.review_reason, /not eligible \(.+\)\. Bookings on hold/);
  assert.match(now.review_reason, /^Screening on .+ \(Takes anticoagulants or antiplatelets\)\. Then: /, 'the first flag\'s reason is kept');
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Hold', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const book = await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.equal(book.status, 409, book.text);
  // The receptionist sees that the course is held, not the clinical reason.
  const seen = (await srv.request('GET', `/api/v1/plans/${p.id}`, { token: recep.token })).body;
  assert.doesNotMatch(seen.review_reason || '', /infection/i);
});

test('a clinician puts a course on hold (illness) and resumes it', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'II' });
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2026-01-12' })).body;
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Pause', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const booked = (await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } })).body.appointments;
  assert.ok(booked.length > 3);
  assert.equal((await srv.request('POST', `/api/v1/plans/${p.id}/hold`, { token: recep.token, body: { reason: 'Flu' } })).status, 403, 'a clinician decides');
  assert.deepEqual((await srv.request('POST', `/api/v1/plans/${p.id}/hold`, { token: clin.token, body: {} })).body.errors.map((e) => e.field), ['reason']);
  const held = await srv.request('POST', `/api/v1/plans/${p.id}/hold`, { token: clin.token, body: { reason: 'Flu: resume in two weeks' } });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.body.booking_hold, true);
  assert.equal(held.body.review_reason, 'On hold: Flu: resume in two weeks');
  assert.ok(held.body.sessions.every((s) => s.status === 'planned' && !s.appointment), 'its bookings are cancelled');
  const appts = (await srv.request('GET', `/api/v1/appointments?plan_id=${p.id}&include_cancelled=true`, { token: clin.token })).body.items;
  assert.ok(appts.every((a) => a.status === 'cancelled' && a.note === 'Course on hold: Flu: resume in two weeks'));
  assert.equal((await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } })).status, 409, 'nothing booked while on hold');
  assert.equal((await srv.request('POST', `/api/v1/plans/${p.id}/hold`, { token: clin.token, body: { reason: 'again' } })).status, 409);
  // Resumed: the review cleared, the course is booked again in one request.
  assert.equal((await srv.request('POST', `/api/v1/plans/${p.id}/clear-review`, { token: clin.token, body: { note: 'Recovered.' } })).status, 200);
  const again = await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.appointments.length, booked.length);
});

test('courses with a session whose window passed unbooked are listed clinic-wide, for revision', async () => {
  // The default clock is 2026-01-05; a course prescribed to start four weeks before.
  const { patient, assessment } = await readyPatient(srv, clin.token, { given: 'Nuria' });
  const p = await plan(patient.id, { assessment_id: assessment.id, start_date: '2025-12-08' });
  assert.equal(p.status, 201, p.text);
  const list = async (q) => (await srv.request('GET', `/api/v1/plans${q}`, { token: recep.token }));
  const passed = await list('?window_passed=true');
  assert.equal(passed.status, 200, passed.text);
  const mine = passed.body.items.find((x) => x.id === p.body.id);
  assert.ok(mine, 'listed');
  assert.equal(mine.patient_name, 'Nuria Ruiz');
  assert.ok(mine.sessions.some((s) => s.status === 'planned' && s.latest < '2026-01-05'));
  // Each course is listed as it reads alone: with its booked visits.
  const pr = (await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'Dr Late', working_hours: [1, 2, 3, 4, 5].map((w) => ({ weekday: w, start: '09:00', end: '17:00' })) } })).body;
  const visit = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: p.body.id, kind: 'evaluation', practitioner_id: pr.id, start: '2026-01-08T10:00:00Z' } });
  assert.equal(visit.status, 201, visit.text);
  const { patient_name: _, ...listed } = (await list('?window_passed=true')).body.items.find((x) => x.id === p.body.id);
  const alone = (await srv.request('GET', `/api/v1/plans/${p.body.id}`, { token: recep.token })).body;
  assert.deepEqual(listed, alone);
  assert.deepEqual(listed.evaluations.map((e) => e.id), [visit.body.id]);
  // A course on time is not.
  const other = await readyPatient(srv, clin.token, { given: 'Olga' });
  const onTime = await plan(other.patient.id, { assessment_id: other.assessment.id, start_date: '2026-01-12' });
  assert.ok(!(await list('?window_passed=true')).body.items.some((x) => x.id === onTime.body.id));
  // One filter at a time, named when missing.
  const none = await list('');
  assert.equal(none.status, 422);
  assert.equal(none.body.errors[0].field, 'needs_review');
  assert.equal((await list('?needs_review=true&window_passed=true')).status, 422);
  // A filter sent false is not that filter.
  const other2 = await list('?needs_review=false&window_passed=true');
  assert.equal(other2.status, 200);
  assert.ok(other2.body.items.some((x) => x.id === p.body.id));
});

test('a revision never plans into the past: a course behind its schedule goes on from today', async () => {
  // The default clock is 2026-01-05; prescribed to start four weeks before, nothing booked.
  const { patient, assessment } = await readyPatient(srv, clin.token, { given: 'Tomás' });
  const p = (await plan(patient.id, { assessment_id: assessment.id, start_date: '2025-12-08' })).body;
  assert.ok(p.sessions.some((s) => s.latest < '2026-01-05'), 'windows already passed');
  // Only a reason: the same protocol and length, the sessions not done planned again from today.
  const r = await srv.request('POST', `/api/v1/plans/${p.id}/revise`, { token: clin.token, body: { reason: 'Started late: plan again from today' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.sessions[0].target_date, '2026-01-05');
  assert.ok(r.body.sessions.every((s) => s.earliest >= '2026-01-05'), JSON.stringify(r.body.sessions.slice(0, 3)));
  assert.equal(r.body.end_date, p.end_date, 'the course keeps its end');
});
