// Evaluation visits: the visit at which a course's results are measured
// (domain.md section 5). Booked like a session but with no window and no
// session number; never charted as a session; shown in calendars and FHIR
// as what it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner, icsCheck } from './harness.mjs';

let srv, clin, recep, admin, pr;
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
  pr = await practitioner(srv, admin, 'Dr Gil');
});
after(async () => { await srv.stop(); });

// A course from Monday 12 January, booked at 10:00.
async function bookedPlan() {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'III' });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-12' } })).body;
  const b = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '10:00' } });
  assert.equal(b.status, 200, b.text);
  return { plan, patient, appts: b.body.appointments };
}
const get = async (path, token = recep.token) => (await srv.request('GET', path, { token })).body;
const evaluation = (plan, start, extra = {}) =>
  srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: plan.id, kind: 'evaluation', practitioner_id: pr.id, start, ...extra } });

test('an evaluation visit is booked on any free day, 30 minutes, beside the sessions, not as one', async () => {
  const { plan, patient } = await bookedPlan();
  const before = await get(`/api/v1/plans/${plan.id}`);
  const r = await evaluation(plan, '2026-04-13T12:00:00+02:00');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.kind, 'evaluation');
  assert.equal(r.body.session_number, null);
  assert.equal(r.body.end, '2026-04-13T12:30:00+02:00');
  const after = await get(`/api/v1/plans/${plan.id}`);
  assert.deepEqual(after.evaluations.map((a) => a.id), [r.body.id]);
  assert.deepEqual(after.sessions, before.sessions, 'no session is booked, moved or renumbered');
  const listed = await get(`/api/v1/appointments?patient_id=${patient.id}&from=2026-04-01&to=2026-04-30`);
  const item = listed.items.find((a) => a.id === r.body.id);
  assert.equal(item.kind, 'evaluation');
  const sessions = listed.items.filter((a) => a.kind === 'session');
  assert.ok(sessions.length > 0, 'April holds sessions too');
  assert.ok(sessions.every((a) => Number.isInteger(a.session_number) && a.session_number >= 1), 'sessions keep their numbers');
  // A longer visit when the desk says so.
  const long = await evaluation(plan, '2026-07-13T15:00:00+02:00', { minutes: 45 });
  assert.equal(long.status, 201, long.text);
  assert.equal(long.body.end, '2026-07-13T15:45:00+02:00');
});

test('bad evaluation bookings are refused with the field, and nothing is stored', async () => {
  const { plan, patient, appts } = await bookedPlan();
  const cases = [
    [{ kind: 'checkup' }, 'kind'],
    [{ session_number: 3 }, 'session_number'],
    [{ minutes: 5 }, 'minutes'],
  ];
  for (const [extra, field] of cases) {
    const r = await evaluation(plan, '2026-04-14T12:00:00+02:00', extra);
    assert.equal(r.status, 422, `${JSON.stringify(extra)}: ${r.text}`);
    assert.equal(r.body.errors[0].field, field, r.text);
  }
  const minutesForSession = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: plan.id, session_number: 30, minutes: 30, practitioner_id: pr.id, start: '2026-04-14T12:00:00+02:00' } });
  assert.equal(minutesForSession.status, 422);
  assert.ok(minutesForSession.body.errors.some((e) => e.field === 'minutes'), minutesForSession.text);
  // Before the course, or years after it.
  for (const start of ['2026-01-09T12:00:00+01:00', '2029-03-05T12:00:00+01:00']) {
    const r = await evaluation(plan, start);
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.errors[0].field, 'start');
  }
  // The patient's own session at that time, and a Sunday.
  const clash = await evaluation(plan, appts[1].start);
  assert.equal(clash.status, 409, clash.text);
  const sunday = await evaluation(plan, '2026-04-12T12:00:00+02:00');
  assert.equal(sunday.status, 409, sunday.text);
  const stored = await get(`/api/v1/appointments?patient_id=${patient.id}`);
  assert.equal(stored.items.filter((a) => a.kind === 'evaluation').length, 0);
});

test('an evaluation visit is not charted as a session, moves alone and is marked done or missed without touching the course', async () => {
  const { plan } = await bookedPlan();
  const v = (await evaluation(plan, '2026-01-13T12:00:00+01:00')).body;
  assert.ok(v.id);
  await srv.setClock('2026-01-13T10:00:00Z');
  const chart = await srv.request('POST', `/api/v1/appointments/${v.id}/session`, { token: clin.token, body: { zones: [{ zone: 'vertex', points: 20, volume_ml: 1 }], products: [], anaesthetic: false, pain_score: 1 } });
  assert.equal(chart.status, 409, chart.text);
  assert.match(chart.body.detail, /evaluation visit/);
  assert.equal((await get(`/api/v1/appointments/${v.id}`)).status, 'booked', 'nothing recorded');
  // No window: it moves a month on; a cascade is for sessions.
  const cascade = await srv.request('PATCH', `/api/v1/appointments/${v.id}`, { token: recep.token, body: { start: '2026-02-09T12:00:00+01:00', cascade: true } });
  assert.equal(cascade.status, 422, cascade.text);
  assert.equal(cascade.body.errors[0].field, 'cascade');
  const tooFar = await srv.request('PATCH', `/api/v1/appointments/${v.id}`, { token: recep.token, body: { start: '2029-02-05T12:00:00+01:00' } });
  assert.equal(tooFar.status, 422, tooFar.text);
  assert.equal(tooFar.body.errors[0].field, 'start');
  const moved = await srv.request('PATCH', `/api/v1/appointments/${v.id}`, { token: recep.token, body: { start: '2026-02-09T12:00:00+01:00' } });
  assert.equal(moved.status, 200, moved.text);
  await srv.setClock('2026-02-09T13:00:00Z');
  // The clinician who measured marks it done.
  const done = await srv.request('POST', `/api/v1/appointments/${v.id}/complete`, { token: clin.token });
  assert.equal(done.status, 200, done.text);
  const after = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(after.evaluations[0].status, 'completed');
  assert.equal(after.status, 'active');
  // A missed visit flags nothing and offers no session slot.
  const w = (await evaluation(plan, '2026-02-16T16:00:00+01:00')).body;
  await srv.setClock('2026-02-16T16:00:00Z');
  const missed = await srv.request('POST', `/api/v1/appointments/${w.id}/no-show`, { token: recep.token });
  assert.equal(missed.status, 200, missed.text);
  assert.equal(missed.body.offer, null);
  const flagged = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(flagged.needs_review, false, 'a missed evaluation is no missed dose');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('calendars and FHIR name an evaluation visit as what it is', async () => {
  const { plan, patient } = await bookedPlan();
  const v = await evaluation(plan, '2026-03-02T12:00:00+01:00');
  assert.equal(v.status, 201, v.text);
  const feed = (await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token })).text;
  const cal = icsCheck(feed);
  const event = cal.events.find((e) => e.uid === `${v.body.id}@anagen`);
  assert.equal(event.summary, 'Hair results evaluation');
  assert.match(feed.replace(/\r\n[ \t]/g, ''), /measure of your hair\\?, no injection/);
  const staffFeed = (await srv.request('GET', `/api/v1/practitioners/${pr.id}/calendar.ics`, { token: recep.token })).text;
  assert.ok(icsCheck(staffFeed).events.some((e) => e.summary === 'Evaluation - Ready Ruiz'));
  const fhir = await get(`/api/v1/fhir/Patient/${patient.id}/$everything`, clin.token);
  const appt = fhir.entry.map((e) => e.resource).find((r) => r.resourceType === 'Appointment' && r.id === v.body.id);
  assert.equal(appt.description, 'Evaluation visit');
  assert.equal(appt.serviceType[0].text, 'Hair loss evaluation');
});

test('a hold or a stop takes the evaluation visits with the sessions; none is booked on a held or stopped course', async () => {
  const { plan } = await bookedPlan();
  const v = (await evaluation(plan, '2026-03-03T12:00:00+01:00')).body;
  const hold = await srv.request('POST', `/api/v1/plans/${plan.id}/hold`, { token: clin.token, body: { reason: 'Flu with fever: no session this week' } });
  assert.equal(hold.status, 200, hold.text);
  const held = await get(`/api/v1/appointments/${v.id}`);
  assert.equal(held.status, 'cancelled');
  assert.match(held.note, /^Course on hold: Flu/);
  const refused = await evaluation(plan, '2026-03-04T12:00:00+01:00');
  assert.equal(refused.status, 409, refused.text);
  assert.match(refused.body.detail, /on hold/);
  const clear = await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: clin.token, body: { note: 'Recovered' } });
  assert.equal(clear.status, 200, clear.text);
  const w = (await evaluation(plan, '2026-03-04T12:00:00+01:00')).body;
  assert.equal(w.status, 'booked');
  const stop = await srv.request('POST', `/api/v1/plans/${plan.id}/stop`, { token: clin.token, body: { reason: 'The patient moved away' } });
  assert.equal(stop.status, 200, stop.text);
  assert.equal((await get(`/api/v1/appointments/${w.id}`)).status, 'cancelled', 'no reminder, no visit in the calendar');
  const afterStop = await evaluation(plan, '2026-03-05T12:00:00+01:00');
  assert.equal(afterStop.status, 409, afterStop.text);
  assert.match(afterStop.body.detail, /stopped/);
});
