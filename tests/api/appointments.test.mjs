import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner } from './harness.mjs';

let srv, clin, recep, admin, pr;
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
  pr = await practitioner(srv, admin, 'Dr Gil');
});
after(async () => { await srv.stop(); });

async function bookedPlan(start = '2026-01-12', from = '10:00') {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'III' });
  const p = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: start } })).body;
  const b = await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from } });
  assert.equal(b.status, 200, b.text);
  return { plan: p, patient, appts: b.body.appointments };
}
const get = async (path, token = recep.token) => (await srv.request('GET', path, { token })).body;

test('list appointments by practitioner, patient and range (contract shape)', async () => {
  const { patient, appts } = await bookedPlan('2026-01-12', '11:00');
  const r = await get(`/api/v1/appointments?patient_id=${patient.id}&from=2026-01-12&to=2026-01-26`);
  assert.deepEqual(r.items.map((a) => a.session_number), [1, 2, 3]);
  for (const a of r.items) for (const k of ['id', 'plan_id', 'session_number', 'start', 'end', 'status']) assert.ok(k in a, k);
  assert.equal(r.items[0].patient_name, 'Ready Ruiz');
  const byInstant = await get(`/api/v1/appointments?practitioner_id=${pr.id}&from=${encodeURIComponent('2026-01-12T10:30:00+01:00')}&to=2026-01-12`);
  assert.ok(byInstant.items.some((a) => a.id === appts[0].id));
  const bad = await srv.request('GET', '/api/v1/appointments?from=yesterday', { token: recep.token });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'from');
});

test('reschedule one session inside its window; outside it needs cascade', async () => {
  const { appts } = await bookedPlan('2026-01-12', '12:00');
  const s2 = appts[1]; // Mon 2026-01-19 12:00, window 01-18..01-20
  let r = await srv.request('PATCH', `/api/v1/appointments/${s2.id}`, { token: recep.token, body: { start: '2026-01-20T15:00:00+01:00' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.start, '2026-01-20T15:00:00+01:00');
  assert.equal(r.body.sequence, 1);
  assert.equal(r.body.moved.length, 1);
  r = await srv.request('PATCH', `/api/v1/appointments/${s2.id}`, { token: recep.token, body: { start: '2026-01-22T15:00:00+01:00' } });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /cascade/);
  const after = await get(`/api/v1/appointments/${s2.id}`);
  assert.equal(after.start, '2026-01-20T15:00:00+01:00', 'a refused move changes nothing');
});

test('cascade shifts every later session by the same local time, across DST, all or nothing', async () => {
  const { plan, appts } = await bookedPlan('2026-01-12', '09:30');
  const s3 = appts[2]; // 2026-01-26 09:30
  const r = await srv.request('PATCH', `/api/v1/appointments/${s3.id}`, { token: recep.token, body: { start: '2026-01-28T16:00:00+01:00', cascade: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.moved.length, appts.length - 2);
  const after = await get(`/api/v1/plans/${plan.id}`);
  const byN = Object.fromEntries(after.sessions.map((s) => [s.number, s]));
  assert.equal(byN[2].appointment.start, '2026-01-19T09:30:00+01:00', 'earlier sessions stay');
  assert.equal(byN[3].appointment.start, '2026-01-28T16:00:00+01:00');
  assert.equal(byN[4].appointment.start, '2026-02-04T16:00:00+01:00');
  assert.equal(byN[4].target_date, '2026-02-04', 'targets and windows move too');
  assert.equal(byN[8].appointment.start, '2026-04-01T16:00:00+02:00', 'same wall-clock time after the DST change');
  assert.ok(after.sessions.slice(2).every((s) => s.appointment.sequence === 1));
  // A cascade that would push a later session onto a day off is refused as a whole.
  await srv.request('POST', `/api/v1/practitioners/${pr.id}/time-off`, { token: recep.token, body: { from: '2026-02-19', reason: 'Training' } });
  const before = await get(`/api/v1/plans/${plan.id}`);
  const refused = await srv.request('PATCH', `/api/v1/appointments/${byN[4].appointment.id}`, { token: recep.token, body: { start: '2026-02-05T16:00:00+01:00', cascade: true } });
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body.errors.map((e) => e.field), ['session 5']);
  assert.match(refused.body.errors[0].message, /practitioner is off \(Training\)/);
  const unchanged = await get(`/api/v1/plans/${plan.id}`);
  assert.deepEqual(unchanged.sessions.map((s) => [s.target_date, s.appointment?.start]), before.sessions.map((s) => [s.target_date, s.appointment?.start]));
});

test('cascade may not pull a session closer than its window allows, nor past the course end', async () => {
  const { appts } = await bookedPlan('2026-01-12', '14:00');
  const early = await srv.request('PATCH', `/api/v1/appointments/${appts[2].id}`, { token: recep.token, body: { start: '2026-01-22T14:00:00+01:00', cascade: true } });
  assert.equal(early.status, 409);
  assert.match(early.body.detail, /closer to the previous session/);
  const late = await srv.request('PATCH', `/api/v1/appointments/${appts[2].id}`, { token: recep.token, body: { start: '2026-03-26T14:00:00+01:00', cascade: true } });
  assert.equal(late.status, 409);
  assert.match(late.body.detail, /after the course ends/);
});

test('cancel frees the session; arrive and complete advance the plan', async () => {
  const { plan, appts } = await bookedPlan('2026-01-12', '16:00');
  const c = await srv.request('POST', `/api/v1/appointments/${appts[1].id}/cancel`, { token: recep.token, body: { reason: 'Patient has a fever' } });
  assert.equal(c.body.status, 'cancelled');
  assert.equal(c.body.note, 'Patient has a fever');
  let p = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(p.sessions[1].status, 'planned');
  assert.equal(p.sessions[1].appointment, null);
  // Rebook just that session in one call.
  const rebook = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.deepEqual(rebook.body.appointments.map((a) => a.session_number), [2]);
  assert.match(rebook.body.appointments[0].start, /T16:00:00/, 'keeps the course time');
  await srv.setClock('2026-01-12T14:55:00Z');
  assert.equal((await srv.request('POST', `/api/v1/appointments/${appts[0].id}/arrive`, { token: recep.token })).body.status, 'arrived');
  assert.equal((await srv.request('POST', `/api/v1/appointments/${appts[0].id}/complete`, { token: recep.token })).status, 403, 'completing is clinical');
  assert.equal((await srv.request('POST', `/api/v1/appointments/${appts[0].id}/complete`, { token: clin.token })).body.status, 'completed');
  p = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(p.sessions[0].status, 'done');
  const twice = await srv.request('POST', `/api/v1/appointments/${appts[0].id}/cancel`, { token: recep.token });
  assert.equal(twice.status, 409);
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a no-show marks the session missed, flags the plan and offers a slot in the window', async () => {
  const { plan, appts } = await bookedPlan('2026-01-12', '10:40');
  await srv.setClock('2026-01-19T11:00:00Z');
  const r = await srv.request('POST', `/api/v1/appointments/${appts[1].id}/no-show`, { token: recep.token });
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'no_show');
  assert.ok(r.body.offer, 'a slot is offered');
  assert.ok(r.body.offer.start >= '2026-01-19T12:00' && r.body.offer.start <= '2026-01-20T23:59', r.body.offer.start);
  const p = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(p.sessions[1].status, 'missed');
  assert.equal(p.needs_review, true);
  assert.match(p.review_reason, /Session 2 missed on 19 Jan 2026/);
  // Book the offer; then a clinician clears the flag.
  const b = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: plan.id, session_number: 2, practitioner_id: r.body.offer.practitioner_id, start: r.body.offer.start } });
  assert.equal(b.status, 201, b.text);
  assert.equal((await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: recep.token, body: { note: 'ok' } })).status, 403);
  const cleared = await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: clin.token, body: { note: 'Rebooked for tomorrow' } });
  assert.equal(cleared.body.needs_review, false);
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a no-show whose practitioner has no time left in the window is offered another practitioner', async () => {
  const { appts } = await bookedPlan('2026-01-12', '15:00');
  const other = await practitioner(srv, admin, 'Dr Otero');
  // Dr Gil is away for the rest of session 2's window (19-20 Jan).
  const off = await srv.request('POST', `/api/v1/practitioners/${pr.id}/time-off`, { token: admin, body: { from: '2026-01-19', to: '2026-01-20', reason: 'Course' } });
  assert.equal(off.status, 201, off.text);
  await srv.setClock('2026-01-19T15:00:00Z');
  const r = await srv.request('POST', `/api/v1/appointments/${appts[1].id}/no-show`, { token: recep.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.offer?.practitioner_id, other.id);
  assert.ok(r.body.offer.start >= '2026-01-19T16:00' && r.body.offer.start <= '2026-01-20T23:59', r.body.offer.start);
  await srv.setClock('2026-01-05T08:00:00Z');
  assert.equal((await srv.request('DELETE', `/api/v1/practitioners/${pr.id}/time-off/${off.body.id}`, { token: admin })).status, 204);
  assert.equal((await srv.request('PATCH', `/api/v1/practitioners/${other.id}`, { token: admin, body: { active: false } })).status, 200);
});

test('every appointment change is audited', async () => {
  const { patient, appts } = await bookedPlan('2026-01-12', '13:20');
  await srv.request('PATCH', `/api/v1/appointments/${appts[1].id}`, { token: recep.token, body: { start: '2026-01-20T13:20:00+01:00' } });
  await srv.request('POST', `/api/v1/appointments/${appts[2].id}/cancel`, { token: recep.token });
  const items = (await srv.request('GET', `/api/v1/audit?patient_id=${patient.id}`, { token: await srv.admin() })).body.items;
  const actions = items.map((e) => e.action);
  for (const a of ['plan.create', 'plan.book', 'appointment.reschedule', 'appointment.cancel']) assert.ok(actions.includes(a), a);
  assert.ok(items.every((e) => e.patient_id === patient.id));
});

test('arrived and done wait for the appointment day, a no-show for its start', async () => {
  const { plan, appts } = await bookedPlan('2026-01-12', '16:30');
  const s2 = appts[1]; // Mon 2026-01-19 16:30 Madrid
  const mark = (kind, token = clin.token) => srv.request('POST', `/api/v1/appointments/${s2.id}/${kind}`, { token });
  for (const kind of ['arrive', 'complete', 'no-show']) {
    const r = await mark(kind);
    assert.equal(r.status, 409, `${kind} a week ahead: ${r.text}`);
    assert.match(r.body.detail, /19 Jan 2026/);
  }
  assert.equal((await get(`/api/v1/appointments/${s2.id}`)).status, 'booked');
  assert.equal((await get(`/api/v1/plans/${plan.id}`)).needs_review, false, 'no no-show flag');
  await srv.setClock('2026-01-19T08:00:00Z'); // 09:00 on the day
  const early = await mark('no-show', recep.token);
  assert.equal(early.status, 409);
  assert.match(early.body.detail, /starts on 19 Jan 2026 at 16:30/);
  assert.equal((await mark('arrive', recep.token)).body.status, 'arrived');
  assert.equal((await mark('complete')).body.status, 'completed');
  assert.equal((await get(`/api/v1/plans/${plan.id}`)).sessions[1].status, 'done');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a practitioner no longer active takes no booking, whole-course, single or moved', async () => {
  const { plan, appts } = await bookedPlan('2026-01-12', '15:20');
  const gone = await practitioner(srv, admin, 'Dr Leaving');
  // A course booked with the practitioner before they left.
  const theirs = await readyPatient(srv, clin.token, { grade: 'III' });
  const tp = (await srv.request('POST', `/api/v1/patients/${theirs.patient.id}/plans`, { token: clin.token, body: { assessment_id: theirs.assessment.id, start_date: '2026-01-12' } })).body;
  const ta = (await srv.request('POST', `/api/v1/plans/${tp.id}/book`, { token: recep.token, body: { practitioner_id: gone.id } })).body.appointments;
  const off = await srv.request('PATCH', `/api/v1/practitioners/${gone.id}`, { token: admin, body: { active: false } });
  assert.equal(off.status, 200, off.text);
  await srv.request('POST', `/api/v1/appointments/${appts[1].id}/cancel`, { token: recep.token });
  const one = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: plan.id, session_number: 2, practitioner_id: gone.id, start: '2026-01-19T10:00:00+01:00' } });
  assert.equal(one.status, 422, one.text);
  assert.equal(one.body.errors[0].field, 'practitioner_id');
  assert.match(one.body.errors[0].message, /no longer active/);
  const moved = await srv.request('PATCH', `/api/v1/appointments/${appts[2].id}`, { token: recep.token, body: { start: '2026-01-26T10:00:00+01:00', practitioner_id: gone.id } });
  assert.equal(moved.status, 422, moved.text);
  assert.equal(moved.body.errors[0].field, 'practitioner_id');
  const course = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: gone.id } });
  assert.equal(course.status, 422);
  // Their own appointments move only to another practitioner: a cascade says which.
  const cascade = await srv.request('PATCH', `/api/v1/appointments/${ta[2].id}`, { token: recep.token, body: { start: ta[2].start, cascade: true } });
  assert.equal(cascade.status, 409, cascade.text);
  assert.match(cascade.body.errors[0].message, /no longer active/);
  const p = await get(`/api/v1/plans/${plan.id}`);
  assert.equal(p.sessions[1].appointment, null, 'nothing booked');
  assert.equal(p.sessions[2].appointment.practitioner_id, pr.id, 'nothing moved');
});

test('time off over booked days says which appointments to move', async () => {
  const away = await practitioner(srv, admin, 'Dr Away');
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'III' });
  const p = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-12' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${p.id}/book`, { token: recep.token, body: { practitioner_id: away.id } })).body.appointments;
  const off = await srv.request('POST', `/api/v1/practitioners/${away.id}/time-off`, { token: recep.token, body: { from: '2026-01-19', to: '2026-01-20', reason: 'Congress' } });
  assert.equal(off.status, 201, off.text);
  assert.deepEqual(off.body.to_move.map((a) => a.id), [appts[1].id]);
  assert.equal((await get(`/api/v1/appointments/${appts[1].id}`)).status, 'booked', 'not cancelled: the reception calls the patient');
  const free = await srv.request('POST', `/api/v1/practitioners/${away.id}/time-off`, { token: recep.token, body: { from: '2026-01-21' } });
  assert.deepEqual(free.body.to_move, []);
});

test('two desks moving one session: the second, which saw the old time, is refused and told where it went', async () => {
  const { appts } = await bookedPlan('2026-01-12', '12:00');
  const s2 = appts[1]; // Mon 2026-01-19 12:00, window 01-18..01-20
  const first = await srv.request('PATCH', `/api/v1/appointments/${s2.id}`, { token: recep.token, body: { start: '2026-01-20T11:00:00+01:00', expected_start: s2.start } });
  assert.equal(first.status, 200, first.text);
  const stale = await srv.request('PATCH', `/api/v1/appointments/${s2.id}`, { token: recep.token, body: { start: '2026-01-19T13:40:00+01:00', expected_start: s2.start } });
  assert.equal(stale.status, 409, stale.text);
  assert.match(stale.body.detail, /Session 2 was moved meanwhile, to 20 Jan 2026 at 11:00/);
  assert.equal((await get(`/api/v1/appointments/${s2.id}`)).start, '2026-01-20T11:00:00+01:00', 'the first move stands');
  const fresh = await srv.request('PATCH', `/api/v1/appointments/${s2.id}`, { token: recep.token, body: { start: '2026-01-19T13:40:00+01:00', expected_start: first.body.start } });
  assert.equal(fresh.status, 200, fresh.text);
});
