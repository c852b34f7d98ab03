import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner } from './harness.mjs';

let srv, clin, recep, admin;
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
});
after(async () => { await srv.stop(); });

async function newPlan(start = '2026-01-12', grade = 'III') {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade });
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: start } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const book = (planId, body, token = recep.token) => srv.request('POST', `/api/v1/plans/${planId}/book`, { token, body });

test('one call books the whole course on target days at one time, DST-correct (contract shape)', async () => {
  const pr = await practitioner(srv, admin, 'Dr Alba');
  const p = await newPlan('2026-01-12');
  const r = await book(p.id, { practitioner_id: pr.id, from: '10:00', to: '13:00' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.unbooked, []);
  const a = r.body.appointments;
  assert.equal(a.length, p.sessions.length);
  for (const x of a) {
    assert.deepEqual(Object.keys(x).filter((k) => ['id', 'session_number', 'start', 'end', 'practitioner_id'].includes(k)).sort(), ['end', 'id', 'practitioner_id', 'session_number', 'start']);
    assert.equal(x.practitioner_id, pr.id);
    assert.match(x.start, /T10:00:00\+0[12]:00$/, 'same local time all course, winter and summer');
    assert.equal(x.on_target, true);
  }
  assert.equal(a.find((x) => x.session_number === 8).start, '2026-03-30T10:00:00+02:00'); // the day after the DST change
  assert.equal(a[0].start, '2026-01-12T10:00:00+01:00');
  assert.equal(a[0].end, '2026-01-12T10:20:00+01:00');
  const list = await srv.request('GET', `/api/v1/appointments?practitioner_id=${pr.id}`, { token: recep.token });
  assert.equal(list.body.items.length, a.length);
  assert.ok(list.body.items.every((i) => i.status === 'booked' && i.plan_id === p.id));
  const again = await book(p.id, { practitioner_id: pr.id });
  assert.deepEqual(again.body.appointments, [], 'booking twice books nothing more');
});

test('weekday preference, holidays, days off and full days are honoured; failures say why', async () => {
  const pr = await practitioner(srv, admin, 'Dr Bosch', [
    { weekday: 1, start: '09:00', end: '09:40' }, { weekday: 2, start: '09:00', end: '14:00' }, { weekday: 4, start: '09:00', end: '14:00' }]);
  // Clinic closed on Tuesday 2026-02-17; Dr Bosch off 2026-03-09..13.
  assert.equal((await srv.request('POST', '/api/v1/clinic/holidays', { token: recep.token, body: { from: '2026-02-17', reason: 'Carnival' } })).status, 201);
  assert.equal((await srv.request('POST', `/api/v1/practitioners/${pr.id}/time-off`, { token: recep.token, body: { from: '2026-03-09', to: '2026-03-13', reason: 'Congress' } })).status, 201);
  const p = await newPlan('2026-02-02', 'II'); // mild: 5 months, Mondays
  const r = await book(p.id, { practitioner_id: pr.id, weekdays: [2] });
  assert.equal(r.status, 200);
  const byNumber = Object.fromEntries(r.body.appointments.map((a) => [a.session_number, a]));
  // Session 1 target Mon 2026-02-02, window 02-02..02-03: Tuesday is the allowed day.
  assert.equal(byNumber[1].start.slice(0, 10), '2026-02-03');
  assert.ok(r.body.appointments.every((a) => new Date(a.start).getUTCDay() === 2), 'only Tuesdays');
  const unbooked = Object.fromEntries(r.body.unbooked.map((u) => [u.session_number, u]));
  // Session 3 target 2026-02-16, window 02-15..02-17: Tuesday is a clinic holiday.
  assert.match(unbooked[3].reason, /17 Feb 2026 \(Tue\) clinic closed \(Carnival\)/);
  assert.match(unbooked[3].reason, /16 Feb 2026 \(Mon\) not among the patient's weekdays/);
  // Session 5 target 2026-03-09 (window 03-07..03-11): the practitioner is away.
  assert.match(unbooked[5].reason, /practitioner off \(Congress\)/);
  assert.equal(unbooked[5].target_date, '2026-03-09');
});

test('no double booking of the practitioner, no overlap for the patient', async () => {
  const pr = await practitioner(srv, admin, 'Dr Cano', [{ weekday: 1, start: '09:00', end: '09:40' }]);
  const p1 = await newPlan('2026-01-12', 'II');
  const p2 = await newPlan('2026-01-12', 'II');
  const p3 = await newPlan('2026-01-12', 'II');
  const r1 = await book(p1.id, { practitioner_id: pr.id });
  const r2 = await book(p2.id, { practitioner_id: pr.id });
  const r3 = await book(p3.id, { practitioner_id: pr.id });
  assert.equal(r1.body.appointments[0].start, '2026-01-12T09:00:00+01:00');
  assert.equal(r2.body.appointments[0].start, '2026-01-12T09:20:00+01:00');
  assert.equal(r3.body.appointments.length, 0, 'Mondays 9:00-9:40 hold two sessions');
  assert.match(r3.body.unbooked[0].reason, /fully booked/);
  const starts = [...r1.body.appointments, ...r2.body.appointments].map((a) => a.start);
  assert.equal(new Set(starts).size, starts.length);
  // The same patient cannot be in two places: a second practitioner's slot at the same time is refused.
  const other = await practitioner(srv, admin, 'Dr Duran', [{ weekday: 1, start: '09:00', end: '12:00' }]);
  const cancel = await srv.request('POST', `/api/v1/appointments/${r1.body.appointments[1].id}/cancel`, { token: recep.token, body: { reason: 'patient asked' } });
  assert.equal(cancel.status, 200);
  const single = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: {
    plan_id: p1.id, session_number: 2, practitioner_id: other.id, start: '2026-01-19T09:00:00+01:00' } });
  assert.equal(single.status, 201, single.text);
  // Moving p1's session 3 onto p2's slot with Dr Cano is refused.
  const clash = await srv.request('PATCH', `/api/v1/appointments/${r1.body.appointments[2].id}`, { token: recep.token, body: { start: '2026-01-26T09:20:00+01:00' } });
  assert.equal(clash.status, 409);
  assert.match(clash.body.detail, /overlaps another appointment/);
});

test('two receptionists booking the same slot at once: one 201, one 409', async () => {
  const pr = await practitioner(srv, admin, 'Dr Esteve');
  const plans = [await newPlan('2026-01-12'), await newPlan('2026-01-12')];
  for (let round = 0; round < 3; round++) {
    const start = `2026-01-${12 + round}T11:00:00+01:00`;
    const results = await Promise.all(plans.map((p) => srv.request('POST', '/api/v1/appointments', { token: recep.token, body: {
      plan_id: p.id, session_number: 1, practitioner_id: pr.id, start } })));
    const statuses = results.map((r) => r.status).sort();
    if (round === 0) {
      assert.deepEqual(statuses, [201, 409], results.map((r) => r.text).join(' | '));
      assert.match(results.find((r) => r.status === 409).body.detail, /overlaps/);
    } else {
      // Session 1's window is 2026-01-12..13: the winner of round 0 already holds its session.
      assert.ok(statuses.every((s) => s === 409 || s === 201));
    }
  }
  const list = await srv.request('GET', `/api/v1/appointments?practitioner_id=${pr.id}&from=2026-01-12&to=2026-01-12`, { token: recep.token });
  assert.equal(list.body.items.filter((a) => a.status === 'booked').length, 1);
});

test('single booking checks the window, the hours and the past', async () => {
  const pr = await practitioner(srv, admin, 'Dr Font');
  const p = await newPlan('2026-01-12');
  const at = (start, token = recep.token, n = 2) => srv.request('POST', '/api/v1/appointments', { token, body: { plan_id: p.id, session_number: n, practitioner_id: pr.id, start } });
  let r = await at('2026-01-23T10:00:00+01:00');
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /between 18 Jan 2026 and 20 Jan 2026/);
  r = await at('2026-01-19T18:00:00+01:00');
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /outside the practitioner's working hours/);
  r = await at('2026-01-19T10:00'); // no offset: clinic time
  assert.equal(r.status, 201);
  assert.equal(r.body.start, '2026-01-19T10:00:00+01:00');
  r = await at('2026-01-19T10:00:00+01:00', recep.token, 99);
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'session_number');
  // The past: receptionists cannot back-enter; clinicians can, and it is audited.
  await srv.setClock('2026-01-20T12:00:00Z');
  r = await at('2026-01-12T10:00:00+01:00', recep.token, 1);
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].message, /only clinicians and admins/);
  r = await at('2026-01-12T10:00:00+01:00', clin.token, 1);
  assert.equal(r.status, 201);
  const audit = await srv.request('GET', `/api/v1/audit?patient_id=${p.patient_id}`, { token: await srv.admin() });
  assert.ok(audit.body.items.some((e) => e.action === 'appointment.create' && /back-entered/.test(e.detail)));
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('bad booking requests are 422 naming the field', async () => {
  const p = await newPlan();
  const r = await book(p.id, { practitioner_id: 'nobody', weekdays: [0, 8, 'mon'], from: '25:00', to: '08:00' });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['from', 'weekdays[0]', 'weekdays[1]', 'weekdays[2]']);
  const r2 = await book(p.id, { practitioner_id: 'nobody' });
  assert.equal(r2.status, 422);
  assert.equal(r2.body.errors[0].field, 'practitioner_id');
  const bad = await srv.request('POST', '/api/v1/practitioners', { token: admin, body: { name: 'X', working_hours: [{ weekday: 9, start: '09:00', end: '08:00' }, { weekday: 1, start: '9am' }] } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['working_hours[0].end', 'working_hours[0].weekday', 'working_hours[1].end', 'working_hours[1].start']);
});
