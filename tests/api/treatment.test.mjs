import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner } from './harness.mjs';

let srv, clin, recep, admin, pr, cocktail, anaesthetic, lot1, lot2, expired, anaLot;
const lot = (p, body) => srv.request('POST', `/api/v1/products/${p.id}/lots`, { token: clin.token, body });
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
  pr = await practitioner(srv, admin, 'Dr Lara');
  cocktail = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Capilia Forte', category: 'amino_acids', manufacturer: 'Labo X', composition: 'biotin, panthenol, zinc' } })).body;
  anaesthetic = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Lidocaine 2%', category: 'anaesthetic' } })).body;
  lot1 = (await lot(cocktail, { lot_number: 'CF-2401', expires_on: '2027-06-30', quantity: 10 })).body;
  lot2 = (await lot(cocktail, { lot_number: 'CF-2402', expires_on: '2027-06-30', quantity: 2.5 })).body;
  expired = (await lot(cocktail, { lot_number: 'CF-2301', expires_on: '2026-01-04', quantity: 5, received_on: '2025-01-10' })).body;
  anaLot = (await lot(anaesthetic, { lot_number: 'LI-77', expires_on: '2027-01-01', quantity: 20 })).body;
});
after(async () => { await srv.stop(); });

async function bookedCourse(sex = 'female') {
  const { patient, assessment } = await readyPatient(srv, clin.token, { sex });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '09:00' } })).body.appointments;
  return { patient, plan, appts };
}
const chart = (appt, body, token = clin.token) => srv.request('POST', `/api/v1/appointments/${appt.id}/session`, { token, body });
const session = (extra = {}) => ({
  pregnant: false,
  zones: [{ zone: 'vertex', points: 40, volume_ml: 1.2 }, { zone: 'frontal', points: 30, volume_ml: 0.8 }],
  products: [{ lot_id: lot1.id, volume_ml: 2 }],
  anaesthetic: false, pain_score: 2, adjuncts: ['massage'], technique: 'nappage', needle_gauge: 30, needle_length_mm: 4, depth_mm: 2,
  ...extra,
});

test('lots: quantity in mL, usable list, duplicate numbers refused', async () => {
  assert.equal(lot1.quantity, 10);
  assert.equal(lot1.remaining, 10);
  assert.equal(expired.expired, true);
  const usable = (await srv.request('GET', '/api/v1/lots?usable=true', { token: clin.token })).body.items.map((l) => l.lot_number);
  assert.ok(usable.includes('CF-2401') && !usable.includes('CF-2301'));
  const dup = await srv.request('POST', `/api/v1/products/${cocktail.id}/lots`, { token: clin.token, body: { lot_number: 'CF-2401', expires_on: '2027-01-01', quantity: 1 } });
  assert.equal(dup.status, 409);
  const bad = await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: '', category: 'magic' } });
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['category', 'name']);
  assert.equal((await srv.request('POST', '/api/v1/products', { token: recep.token, body: { name: 'x', category: 'other' } })).status, 403);
});

test('charting a session: stock decreases, the appointment completes, the plan advances (contract)', async () => {
  const { plan, appts } = await bookedCourse();
  await srv.setClock('2026-01-05T09:30:00Z');
  const r = await chart(appts[0], session({ anaesthetic: true, anaesthetic_lot_id: anaLot.id, anaesthetic_volume_ml: 0.5, notes: 'Well tolerated' }));
  assert.equal(r.status, 201, r.text);
  assert.ok(r.body.id);
  assert.equal(r.body.performed_at, '2026-01-05T10:30:00+01:00');
  assert.equal(r.body.pregnancy, 'no');
  assert.deepEqual(r.body.products.map((p) => [p.lot_number, p.role, p.volume_ml]).sort(), [['CF-2401', 'cocktail', 2], ['LI-77', 'anaesthetic', 0.5]]);
  assert.equal((await srv.request('GET', `/api/v1/lots/${lot1.id}`, { token: clin.token })).body.remaining, 8);
  assert.equal((await srv.request('GET', `/api/v1/lots/${anaLot.id}`, { token: clin.token })).body.remaining, 19.5);
  const p = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(p.sessions[0].status, 'done');
  assert.equal(p.sessions[0].appointment.status, 'completed');
  const again = await chart(appts[0], session());
  assert.equal(again.status, 409, 'a record is never replaced');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a record charted with the wrong lot is marked entered in error, then charted right', async () => {
  const { patient, plan, appts } = await bookedCourse();
  const other = (await lot(cocktail, { lot_number: 'CF-2403', expires_on: '2027-06-30', quantity: 10 })).body;
  await srv.setClock('2026-01-05T09:30:00Z');
  const wrong = (await chart(appts[0], session({ products: [{ lot_id: other.id, volume_ml: 2 }] }))).body;
  assert.equal((await srv.request('GET', `/api/v1/lots/${other.id}`, { token: clin.token })).body.remaining, 8);
  const mark = (token, body = { reason: 'Charted lot CF-2403; CF-2401 was injected.' }) =>
    srv.request('POST', `/api/v1/sessions/${wrong.id}/entered-in-error`, { token, body });
  assert.equal((await mark(recep.token)).status, 403);
  assert.deepEqual((await mark(clin.token, {})).body.errors.map((e) => e.field), ['reason']);
  const marked = await mark(clin.token);
  assert.equal(marked.status, 200, marked.text);
  assert.equal(marked.body.entered_in_error.reason, 'Charted lot CF-2403; CF-2401 was injected.');
  assert.equal((await mark(clin.token)).status, 409, 'once');
  // Its stock is back and the lot no longer lists the patient.
  assert.equal((await srv.request('GET', `/api/v1/lots/${other.id}`, { token: clin.token })).body.remaining, 10);
  assert.deepEqual((await srv.request('GET', `/api/v1/lots/${other.id}/recipients`, { token: clin.token })).body.items, []);
  // The appointment is cancelled; the session is to be charted again.
  const a = (await srv.request('GET', `/api/v1/appointments/${appts[0].id}`, { token: clin.token })).body;
  assert.equal(a.status, 'cancelled');
  assert.match(a.note, /entered in error/);
  let p = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(p.sessions[0].status, 'planned');
  // Back-entered at the time it was done, and charted with the right lot.
  const again = await srv.request('POST', '/api/v1/appointments', { token: clin.token, body: { plan_id: plan.id, session_number: 1, practitioner_id: pr.id, start: appts[0].start } });
  assert.equal(again.status, 201, again.text);
  const right = await chart(again.body, session());
  assert.equal(right.status, 201, right.text);
  p = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(p.sessions[0].status, 'done');
  // Both records stay on the patient's list; the export marks the wrong one.
  const list = (await srv.request('GET', `/api/v1/patients/${patient.id}/sessions`, { token: clin.token })).body.items;
  assert.deepEqual(list.map((t) => [t.id, t.entered_in_error ? 'error' : 'ok']).sort(), [[wrong.id, 'error'], [right.body.id, 'ok']].sort());
  const fhir = (await srv.request('GET', `/api/v1/fhir/Patient/${patient.id}/$everything`, { token: clin.token })).body;
  const proc = fhir.entry.map((e) => e.resource).find((r) => r.resourceType === 'Procedure' && r.id === wrong.id);
  assert.equal(proc.status, 'entered-in-error');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('entered in error on a course that cannot go on: the session is cancelled, never a second active course', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token, { grade: 'II' });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '13:00' } })).body.appointments;
  assert.equal(appts.length, plan.sessions.length);
  // Every session done by the end of the course; the last one charted.
  await srv.setClock('2026-06-10T09:00:00Z');
  for (const a of appts.slice(0, -1)) assert.equal((await srv.request('POST', `/api/v1/appointments/${a.id}/complete`, { token: clin.token })).status, 200);
  const last = (await chart(appts.at(-1), session())).body;
  assert.equal((await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body.status, 'completed');
  // A maintenance course has started since.
  const next = await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-06-15' } });
  assert.equal(next.status, 201, next.text);
  const marked = await srv.request('POST', `/api/v1/sessions/${last.id}/entered-in-error`, { token: clin.token, body: { reason: 'Charted on the wrong patient.' } });
  assert.equal(marked.status, 200, marked.text);
  const plans = (await srv.request('GET', `/api/v1/patients/${patient.id}/plans`, { token: clin.token })).body.items;
  assert.deepEqual(plans.map((p) => p.status).sort(), ['active', 'completed']);
  const old = plans.find((p) => p.id === plan.id);
  assert.equal(old.sessions.at(-1).status, 'cancelled');
  // On a stopped course too.
  assert.equal((await srv.request('POST', `/api/v1/plans/${next.body.id}/stop`, { token: clin.token, body: { reason: 'Moved abroad' } })).status, 200);
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('expired or exhausted lots are refused with 409 naming the lot, and nothing is written', async () => {
  const { appts } = await bookedCourse();
  await srv.setClock('2026-01-05T09:30:00Z');
  let r = await chart(appts[0], session({ products: [{ lot_id: expired.id, volume_ml: 1 }] }));
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /Lot CF-2301 of Capilia Forte expired on 4 Jan 2026/);
  r = await chart(appts[0], session({ products: [{ lot_id: lot2.id, volume_ml: 2 }, { lot_id: lot2.id, volume_ml: 1 }] }));
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /Lot CF-2402 of Capilia Forte has only 2.5 mL left \(3 mL asked\)/);
  assert.equal((await srv.request('GET', `/api/v1/lots/${lot2.id}`, { token: clin.token })).body.remaining, 2.5);
  r = await chart(appts[0], session({ anaesthetic: true, anaesthetic_lot_id: lot1.id, anaesthetic_volume_ml: 1 }));
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'anaesthetic_lot_id');
  const a = (await srv.request('GET', `/api/v1/appointments/${appts[0].id}`, { token: clin.token })).body;
  assert.equal(a.status, 'booked', 'a refused record leaves the appointment as it was');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('pregnancy is re-asked for patients who are not male; a yes refuses the session and flags the plan', async () => {
  const { plan, appts } = await bookedCourse('female');
  await srv.setClock('2026-01-05T09:30:00Z');
  const { pregnant, ...noAnswer } = session();
  let r = await chart(appts[0], noAnswer);
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'pregnant');
  // A "yes" needs no chart: nothing is injected.
  r = await chart(appts[0], { pregnant: true });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /pregnant/);
  const p = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: clin.token })).body;
  assert.equal(p.needs_review, true);
  assert.equal(p.booking_hold, true);
  assert.match(p.review_reason, /Pregnancy reported/);
  // The desk sees that the course is held, not why (a pregnancy is clinical).
  const atDesk = (await srv.request('GET', `/api/v1/plans/${plan.id}`, { token: recep.token })).body;
  assert.deepEqual([atDesk.needs_review, atDesk.booking_hold, atDesk.review_reason], [true, true, "For a clinician's review."]);
  const flagged = (await srv.request('GET', '/api/v1/plans?needs_review=true', { token: recep.token })).body.items.find((x) => x.id === plan.id);
  assert.equal(flagged.review_reason, "For a clinician's review.");
  const book = await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '09:00' } });
  assert.equal(book.status, 409, book.text);
  assert.equal(book.body.detail, "Bookings are on hold until a clinician clears the plan's review.");
  assert.equal(p.sessions[0].status, 'booked', 'no session recorded');
  assert.equal((await srv.request('GET', `/api/v1/patients/${p.patient_id}/sessions`, { token: clin.token })).body.items.length, 0);
  const audit = (await srv.request('GET', `/api/v1/audit?patient_id=${p.patient_id}`, { token: await srv.admin() })).body.items;
  assert.ok(audit.some((e) => e.action === 'session.record' && e.outcome === 'refused' && /pregnancy/.test(e.detail)));
  // A "no" a minute later does not undo the hold: nothing is charted, no lot
  // is used, nor can the session be marked done, until a clinician clears it.
  const stock = (await srv.request('GET', `/api/v1/lots/${lot1.id}`, { token: clin.token })).body.remaining;
  r = await chart(appts[0], session());
  assert.equal(r.status, 409, r.text);
  assert.match(r.body.detail, /on hold until a clinician clears its review \(Pregnancy reported/);
  assert.equal((await srv.request('GET', `/api/v1/lots/${lot1.id}`, { token: clin.token })).body.remaining, stock);
  r = await srv.request('POST', `/api/v1/appointments/${appts[0].id}/complete`, { token: clin.token });
  assert.equal(r.status, 409, r.text);
  assert.equal((await srv.request('GET', `/api/v1/appointments/${appts[0].id}`, { token: clin.token })).body.status, 'booked');
  const cleared = await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: clin.token, body: { note: 'Test negative; patient confirms not pregnant' } });
  assert.equal(cleared.status, 200, cleared.text);
  r = await chart(appts[0], session());
  assert.equal(r.status, 201, r.text);
  // Men are not asked.
  const man = await bookedCourse('male');
  const { pregnant: _, ...unasked } = session();
  r = await chart(man.appts[0], unasked);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.pregnancy, 'not_asked');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('performed_at may not be in the future nor before the appointment day; bad fields are named', async () => {
  const { appts } = await bookedCourse();
  await srv.setClock('2026-01-12T12:00:00Z');
  let r = await chart(appts[1], session({ performed_at: '2026-01-12T18:00:00+01:00' }));
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].message, /in the future/);
  r = await chart(appts[1], session({ performed_at: '2026-01-11T10:00:00+01:00' }));
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].message, /before the appointment's day/);
  r = await chart(appts[1], { pregnant: false, zones: [{ zone: 'crown', points: 0, volume_ml: 1 }, { zone: 'vertex', points: 5, volume_ml: 1 }, { zone: 'vertex', points: 5, volume_ml: 1 }], products: [], anaesthetic: 'no', pain_score: 11, adjuncts: ['laser'] });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['adjuncts[0]', 'anaesthetic', 'pain_score', 'products', 'zones[0].points', 'zones[0].zone', 'zones[2].zone']);
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('records are never edited: corrections are addenda, both audited', async () => {
  const { appts, patient } = await bookedCourse();
  await srv.setClock('2026-01-05T09:30:00Z');
  const s = (await chart(appts[0], session())).body;
  const add = await srv.request('POST', `/api/v1/sessions/${s.id}/addenda`, { token: clin.token, body: { text: 'Correction: frontal was 35 points, not 30.' } });
  assert.equal(add.status, 201);
  const got = (await srv.request('GET', `/api/v1/sessions/${s.id}`, { token: clin.token })).body;
  assert.equal(got.zones.find((z) => z.zone === 'frontal').points, 30, 'the original stays');
  assert.equal(got.addenda.length, 1);
  assert.match(got.addenda[0].text, /35 points/);
  for (const m of ['PUT', 'PATCH', 'DELETE']) assert.equal((await srv.request(m, `/api/v1/sessions/${s.id}`, { token: clin.token, body: {} })).status, 405);
  const audit = (await srv.request('GET', `/api/v1/audit?patient_id=${patient.id}`, { token: await srv.admin() })).body.items.map((e) => e.action);
  assert.ok(audit.includes('session.record') && audit.includes('session.addendum'));
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('recall lists every patient and session that received a lot (contract)', async () => {
  const recallLot = (await srv.request('POST', `/api/v1/products/${cocktail.id}/lots`, { token: clin.token, body: { lot_number: 'RC-1', expires_on: '2027-01-01', quantity: 50 } })).body;
  const a = await bookedCourse();
  const b = await bookedCourse('male');
  await srv.setClock('2026-01-05T10:30:00Z');
  const sa = (await chart(a.appts[0], session({ products: [{ lot_id: recallLot.id, volume_ml: 1 }] }))).body;
  const { pregnant, ...men } = session({ products: [{ lot_id: recallLot.id, volume_ml: 1.5 }] });
  const sb = (await chart(b.appts[0], men)).body;
  await srv.request('PATCH', `/api/v1/patients/${a.patient.id}`, { token: recep.token, body: { phone: '+34 600 111 222', email: 'recall.a@example.test' } });
  const r = await srv.request('GET', `/api/v1/lots/${recallLot.id}/recipients`, { token: clin.token });
  assert.equal(r.status, 200);
  const reach = r.body.items.find((i) => i.patient_id === a.patient.id);
  assert.deepEqual([reach.phone, reach.email], ['+34 600 111 222', 'recall.a@example.test'], 'how to reach the patient');
  assert.equal(r.body.patients, 2);
  assert.deepEqual(r.body.items.map((i) => i.session_id).sort(), [sa.id, sb.id].sort());
  for (const i of r.body.items) for (const k of ['patient_id', 'session_id', 'performed_at']) assert.ok(i[k], k);
  assert.deepEqual(r.body.items.map((i) => i.patient_id).sort(), [a.patient.id, b.patient.id].sort());
  // Each patient's own trail shows that their details were listed, and by whom.
  for (const p of [a.patient, b.patient]) {
    const trail = (await srv.request('GET', `/api/v1/audit?patient_id=${p.id}`, { token: await srv.admin() })).body.items;
    const listed = trail.find((e) => e.action === 'lot.recall');
    assert.ok(listed, `the recall is in ${p.id}'s trail`);
    assert.equal(listed.user_id, clin.id);
    assert.match(listed.detail, /recall lot=RC-1 patients=2/);
  }
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a lot cannot be received already expired; one entered late, for sessions it served, can', async () => {
  const typo = await lot(cocktail, { lot_number: 'CF-OLD', expires_on: '2025-10-01', quantity: 5 });
  assert.equal(typo.status, 422, typo.text);
  assert.equal(typo.body.errors[0].field, 'expires_on');
  assert.match(typo.body.errors[0].message, /before the day the lot was received \(5 Jan 2026\)/);
  // A bad received_on is named alone (no guess at the day it was received).
  const badDay = await lot(cocktail, { lot_number: 'CF-OLD', expires_on: '2025-10-01', quantity: 5, received_on: '2025-13-01' });
  assert.deepEqual(badDay.body.errors.map((e) => e.field), ['received_on']);
  const late = await lot(cocktail, { lot_number: 'CF-OLD', expires_on: '2025-10-01', quantity: 5, received_on: '2025-06-02' });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.body.expired, true);
});

test('a recalled lot is used no more from that day: not offered, refused at charting; sessions before keep it; taken back if by mistake', async () => {
  const rec = (await lot(cocktail, { lot_number: 'CF-RC1', expires_on: '2027-06-30', quantity: 10 })).body;
  const { appts } = await bookedCourse();
  // Session 1 (5 Jan) used the lot before anyone knew.
  await srv.setClock('2026-01-05T09:30:00Z');
  const before = await chart(appts[0], session({ products: [{ lot_id: rec.id, volume_ml: 1 }] }));
  assert.equal(before.status, 201, before.text);
  // The manufacturer recalls it on 8 Jan.
  await srv.setClock('2026-01-08T09:00:00Z');
  const path = `/api/v1/lots/${rec.id}/recall`;
  assert.equal((await srv.request('POST', path, { token: recep.token, body: { reason: 'x' } })).status, 403);
  const noReason = await srv.request('POST', path, { token: clin.token, body: {} });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.errors[0].field, 'reason');
  const r = await srv.request('POST', path, { token: clin.token, body: { reason: 'Manufacturer recall: sterility not assured' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.recalled, r.body.recalled_on, r.body.usable], [true, '2026-01-08', false]);
  assert.equal((await srv.request('POST', path, { token: clin.token, body: { reason: 'again' } })).status, 409);
  const usable = (await srv.request('GET', '/api/v1/lots?usable=true', { token: clin.token })).body.items.map((l) => l.id);
  assert.ok(!usable.includes(rec.id), 'not offered for a session');
  // Session 2 on 12 Jan cannot use it; nothing is written.
  await srv.setClock('2026-01-12T09:30:00Z');
  const after = await chart(appts[1], session({ products: [{ lot_id: rec.id, volume_ml: 1 }] }));
  assert.equal(after.status, 409);
  assert.match(after.body.detail, /Lot CF-RC1 of Capilia Forte was recalled on 8 Jan 2026 \(Manufacturer recall: sterility not assured\)/);
  assert.equal((await srv.request('GET', `/api/v1/lots/${rec.id}`, { token: clin.token })).body.remaining, 9);
  // The recall list still has session 1, and the audit trail says who recalled it.
  const list = (await srv.request('GET', `/api/v1/lots/${rec.id}/recipients`, { token: clin.token })).body;
  assert.deepEqual(list.items.map((i) => i.session_id), [before.body.id]);
  const trail = (await srv.request('GET', '/api/v1/audit', { token: await srv.admin() })).body.items;
  assert.ok(trail.some((e) => e.action === 'lot.recalled' && /CF-RC1/.test(e.detail)));
  // A recall entered on the wrong lot is taken back.
  const back = await srv.request('DELETE', path, { token: clin.token });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual([back.body.recalled, back.body.usable], [false, true]);
  assert.equal((await srv.request('DELETE', path, { token: clin.token })).status, 409);
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('a lot number differing only in case or spaces is the same lot; a mistyped expiry year or a quantity in litres is named', async () => {
  for (const typed of ['cf-2401', 'CF 2401', 'cf2401', 'CF.2401']) {
    const dup = await lot(cocktail, { lot_number: typed, expires_on: '2027-06-30', quantity: 1 });
    assert.equal(dup.status, 409, typed);
    assert.match(dup.body.detail, /already has a lot numbered CF-2401/);
  }
  // Another product may have the same number.
  assert.equal((await lot(anaesthetic, { lot_number: 'CF-2401', expires_on: '2027-06-30', quantity: 1 })).status, 201);
  const year = await lot(cocktail, { lot_number: 'CF-Y1', expires_on: '2127-09-01', quantity: 5 });
  assert.equal(year.status, 422);
  assert.deepEqual(year.body.errors.map((e) => e.field), ['expires_on']);
  assert.match(year.body.errors[0].message, /more than 10 years after .*check the year/);
  const litres = await lot(cocktail, { lot_number: 'CF-Y2', expires_on: '2027-09-01', quantity: 100000 });
  assert.equal(litres.status, 422);
  assert.deepEqual(litres.body.errors.map((e) => e.field), ['quantity']);
});
