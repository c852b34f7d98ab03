import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readyPatient, practitioner } from './harness.mjs';

let srv, clin, recep, admin, pr, product, lotA, lotB;
before(async () => {
  srv = await startServer({ clock: '2026-01-05T08:00:00Z' });
  admin = await srv.admin();
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
  pr = await practitioner(srv, admin, 'Dr Mora');
  product = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Dutasteride mix', category: 'other' } })).body;
  lotA = (await srv.request('POST', `/api/v1/products/${product.id}/lots`, { token: clin.token, body: { lot_number: 'A1', expires_on: '2027-01-01', quantity: 100 } })).body;
  lotB = (await srv.request('POST', `/api/v1/products/${product.id}/lots`, { token: clin.token, body: { lot_number: 'B1', expires_on: '2027-01-01', quantity: 100 } })).body;
});
after(async () => { await srv.stop(); });

async function treated(lot) {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } })).body.appointments;
  await srv.setClock('2026-01-05T16:59:00Z');
  const s = await srv.request('POST', `/api/v1/appointments/${appts[0].id}/session`, { token: clin.token, body: {
    zones: [{ zone: 'vertex', points: 20, volume_ml: 1 }], products: [{ lot_id: lot.id, volume_ml: 1 }], anaesthetic: false, pain_score: 3 } });
  assert.equal(s.status, 201, s.text);
  await srv.setClock('2026-01-05T08:00:00Z');
  return { patient, plan, session: s.body, appts };
}
const report = async (q = '') => (await srv.request('GET', `/api/v1/reports/adverse-events${q}`, { token: clin.token })).body;

test('an adverse event links its session and, by default, that session\'s lots (contract)', async () => {
  const { patient, session } = await treated(lotA);
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: {
    session_id: session.id, type: 'inflammation', grade: 1, onset: '2026-01-05', management: 'anti_inflammatory_cream', outcome: 'resolved' } });
  assert.equal(r.status, 201, r.text);
  assert.ok(r.body.id);
  assert.deepEqual(r.body.lot_ids, [lotA.id]);
  assert.deepEqual(r.body.management, ['anti_inflammatory_cream']);
  assert.equal(r.body.severity, 'mild');
  assert.equal(r.body.plan_flagged, null);
  const list = await srv.request('GET', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token });
  assert.equal(list.body.items.length, 1);
});

test('grade 3 or more flags the plan and holds bookings until a clinician clears it', async () => {
  const { patient, plan, appts } = await treated(lotA);
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: {
    type: 'infection', grade: 3, onset: '2026-01-05T07:00:00+00:00', management: ['antibiotics', 'referral'], outcome: 'ongoing' } });
  assert.equal(r.status, 201);
  assert.equal(r.body.plan_flagged, plan.id);
  assert.equal(r.body.severity, 'severe');
  const p = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(p.needs_review, true);
  assert.equal(p.booking_hold, true);
  await srv.request('POST', `/api/v1/appointments/${appts[1].id}/cancel`, { token: recep.token });
  const blocked = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.equal(blocked.status, 409);
  assert.match(blocked.body.detail, /on hold/);
  const single = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id: plan.id, session_number: 2, practitioner_id: pr.id, start: '2026-01-12T11:00:00Z' } });
  assert.equal(single.status, 409);
  const open = await srv.request('GET', '/api/v1/adverse-events/open', { token: clin.token });
  assert.ok(open.body.items.some((e) => e.id === r.body.id));
  const cleared = await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: clin.token, body: { note: 'Infection treated, resume.' } });
  assert.equal(cleared.body.booking_hold, false);
  const rebook = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  assert.equal(rebook.status, 200);
  assert.deepEqual(rebook.body.appointments.map((a) => a.session_number), [2]);
  const upd = await srv.request('PATCH', `/api/v1/adverse-events/${r.body.id}`, { token: clin.token, body: { outcome: 'resolved_with_sequelae', notes: 'small scar' } });
  assert.equal(upd.body.outcome, 'resolved_with_sequelae');
});

test('bad adverse events are 422 naming the field', async () => {
  const { patient, session } = await treated(lotB);
  const other = await treated(lotB);
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: {
    type: 'itch', grade: 6, onset: 'last week', management: ['ice'], outcome: 'fine' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['grade', 'management[0]', 'onset', 'outcome', 'type']);
  const future = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: { type: 'pain', grade: 1, onset: '2026-02-01', outcome: 'ongoing' } });
  assert.equal(future.status, 422);
  const wrong = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: { session_id: other.session.id, type: 'pain', grade: 1, onset: '2026-01-05', outcome: 'ongoing' } });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.errors[0].field, 'session_id');
  // Dates that cannot be: before the suspected session, before the patient was born.
  const before = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: { session_id: session.id, type: 'pain', grade: 1, onset: '2026-01-04', outcome: 'ongoing' } });
  assert.equal(before.status, 422, before.text);
  assert.equal(before.body.errors[0].field, 'onset');
  assert.match(before.body.errors[0].message, /before the suspected session, done on 5 Jan 2026/);
  const unborn = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: { type: 'pain', grade: 1, onset: '1901-01-01', outcome: 'ongoing' } });
  assert.equal(unborn.status, 422, unborn.text);
  assert.match(unborn.body.errors[0].message, /before the patient's birth date/);
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token })).body.items.length, 0, 'nothing written');
  assert.equal((await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: recep.token, body: {} })).status, 403);
});

test('the clinic report gives rates per 100 sessions by type and by lot', async () => {
  const before = await report('?from=2026-01-01&to=2026-01-31');
  const t = [await treated(lotB), await treated(lotB), await treated(lotB), await treated(lotB)];
  await srv.request('POST', `/api/v1/patients/${t[0].patient.id}/adverse-events`, { token: clin.token, body: { session_id: t[0].session.id, type: 'haematoma', grade: 1, onset: '2026-01-05', outcome: 'resolved' } });
  await srv.request('POST', `/api/v1/patients/${t[1].patient.id}/adverse-events`, { token: clin.token, body: { session_id: t[1].session.id, type: 'haematoma', grade: 2, onset: '2026-01-05', outcome: 'recovering' } });
  const r = await report('?from=2026-01-01&to=2026-01-31');
  assert.equal(r.sessions, before.sessions + 4);
  const hae = r.by_type.find((x) => x.type === 'haematoma');
  assert.equal(hae.events, 2);
  assert.equal(hae.per_100_sessions, 200 / r.sessions);
  const b = r.by_lot.find((x) => x.lot_number === 'B1');
  const bBefore = before.by_lot.find((x) => x.lot_number === 'B1');
  assert.equal(b.sessions, (bBefore?.sessions ?? 0) + 4);
  assert.equal(b.events, (bBefore?.events ?? 0) + 2);
  assert.equal(b.per_100_sessions, 100 * b.events / b.sessions);
  assert.equal(b.product_name, 'Dutasteride mix');
  assert.equal((await srv.request('GET', '/api/v1/reports/adverse-events?from=junk', { token: clin.token })).status, 422);
  const backwards = await srv.request('GET', '/api/v1/reports/adverse-events?from=2026-12-31&to=2026-01-01', { token: clin.token });
  assert.equal(backwards.status, 422);
  assert.equal(backwards.body.errors[0].field, 'to');
});

test('a clinician reviewing an event links the session and lots later and grades it again', async () => {
  const { patient, plan, session } = await treated(lotA);
  const other = await treated(lotB);
  await srv.setClock('2026-01-27T09:00:00Z');
  // Recorded unlinked (a patient's report weeks later is left so).
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: { type: 'oedema', grade: 2, onset: '2026-01-26', outcome: 'ongoing' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.session_id, null);
  const before = (await report()).by_lot.find((x) => x.lot_number === 'A1')?.events || 0;
  const patch = (body) => srv.request('PATCH', `/api/v1/adverse-events/${r.body.id}`, { token: clin.token, body });
  // Linked to the session: its lots come with it, and the lot's rate counts it.
  let u = await patch({ session_id: session.id });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.reviewed_by, clin.id, 'the reviewer is named');
  const second = await srv.user('clinician', 'second');
  const followUp = await srv.request('PATCH', `/api/v1/adverse-events/${r.body.id}`, { token: second.token, body: { outcome: 'recovering' } });
  assert.equal(followUp.body.reviewed_by, second.id, 'the latest follow-up names its clinician');
  assert.equal(u.body.session_id, session.id);
  assert.deepEqual(u.body.lot_ids, [lotA.id]);
  assert.equal((await report()).by_lot.find((x) => x.lot_number === 'A1').events, before + 1);
  // Graded 3: the course is held, as it would have been had it been recorded so.
  u = await patch({ grade: 3 });
  assert.equal(u.body.grade, 3);
  assert.equal(u.body.plan_flagged, plan.id);
  const held = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(held.needs_review, true);
  assert.match(held.review_reason, /Grade 3 oedema/);
  // Unlinked: the session's lots go with it.
  u = await patch({ session_id: null });
  assert.equal(u.body.session_id, null);
  assert.deepEqual(u.body.lot_ids, []);
  // Linked again with every lot unticked: none suspected, as sent.
  u = await patch({ session_id: session.id, lot_ids: [] });
  assert.equal(u.body.session_id, session.id);
  assert.deepEqual(u.body.lot_ids, []);
  // Lots named by hand; then unlinked with them named (they stay as named).
  u = await patch({ lot_ids: [lotB.id] });
  assert.deepEqual(u.body.lot_ids, [lotB.id]);
  u = await patch({ session_id: null, lot_ids: [lotB.id] });
  assert.equal(u.body.session_id, null);
  assert.deepEqual(u.body.lot_ids, [lotB.id]);
  // Bad links are named and change nothing.
  const wrong = await patch({ session_id: other.session.id });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.errors[0].field, 'session_id');
  const noLot = await patch({ lot_ids: ['nope'] });
  assert.equal(noLot.status, 422);
  assert.equal(noLot.body.errors[0].field, 'lot_ids');
  const both = await patch({ management: ['none', 'antibiotics'] });
  assert.equal(both.status, 422);
  assert.equal(both.body.errors[0].field, 'management');
  const badGrade = await patch({ grade: 6 });
  assert.equal(badGrade.status, 422);
  assert.equal(badGrade.body.errors[0].field, 'grade');
  const now = (await srv.request('GET', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token })).body.items[0];
  assert.equal(now.session_id, null);
  assert.deepEqual(now.lot_ids, [lotB.id]);
  assert.equal(now.grade, 3);
  await srv.setClock('2026-01-05T08:00:00Z');
});
