// HL7 FHIR R4 export: a patient's whole record as one Bundle for the
// clinic's other systems, with every injected lot traced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner } from './harness.mjs';
import { rgbPng } from './png.mjs';

let srv, admin, clin, recep, patient, plan, session, event, lot;
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
  const pr = await practitioner(srv, admin, 'Dr Lara Gómez');
  const product = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Capilia Forte', category: 'amino_acids' } })).body;
  lot = (await srv.request('POST', `/api/v1/products/${product.id}/lots`, { token: clin.token, body: { lot_number: 'CF-2401', expires_on: '2027-06-30', quantity: 10 } })).body;
  let assessment;
  ({ patient, assessment } = await readyPatient(srv, clin.token, { given: 'Inés', sex: 'female', scale: 'ludwig', grade: 'II' }));
  plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '09:00' } })).body.appointments;
  await srv.setClock('2026-01-05T09:30:00Z');
  session = (await srv.request('POST', `/api/v1/appointments/${appts[0].id}/session`, { token: clin.token, body: {
    pregnant: false, zones: [{ zone: 'vertex', points: 40, volume_ml: 2 }], products: [{ lot_id: lot.id, volume_ml: 2 }],
    anaesthetic: true, pain_score: 3, adjuncts: ['massage'], needle_gauge: 32, needle_length_mm: 4, depth_mm: 1.5,
  } })).body;
  await srv.request('POST', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token, body: { kind: 'density', value: 142, taken_on: '2026-01-05', site: 'vertex mark' } });
  await srv.request('POST', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token, body: { kind: 'photo_rating', value: 1, taken_on: '2026-01-05' } });
  event = (await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: clin.token, body: {
    session_id: session.id, lot_ids: [lot.id], type: 'inflammation', grade: 2, onset: '2026-01-05', management: ['anti_inflammatory_cream'], outcome: 'recovering',
  } })).body;
  const photo = await srv.request('POST', `/api/v1/patients/${patient.id}/photos?view=vertex&taken_on=2026-01-05`, { token: clin.token, raw: rgbPng(160, 130), headers: { 'content-type': 'image/png' } });
  assert.equal(photo.status, 201, photo.text);
});
after(async () => { await srv.stop(); });

const everything = (id, token) => srv.request('GET', `/api/v1/fhir/Patient/${id}/$everything`, { token });

test('$everything: the patient, diagnosis, course, sessions with their lots, measures, side effects and photos', async () => {
  const r = await everything(patient.id, clin.token);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/fhir\+json/);
  assert.equal(r.body.resourceType, 'Bundle');
  assert.equal(r.body.type, 'searchset');
  // total counts the patient's own records, not the lots included with them.
  assert.equal(r.body.total, r.body.entry.filter((e) => e.search.mode === 'match').length);
  const of = (type) => r.body.entry.map((e) => e.resource).filter((x) => x.resourceType === type);
  for (const e of r.body.entry) assert.ok(e.fullUrl.endsWith(`/api/v1/fhir/${e.resource.resourceType}/${e.resource.id}`), e.fullUrl);
  const [p] = of('Patient');
  assert.equal(p.id, patient.id);
  assert.equal(p.name[0].given[0], 'Inés');
  assert.equal(p.gender, 'female');
  const [condition] = of('Condition');
  assert.equal(condition.code.coding[0].system, 'http://hl7.org/fhir/sid/icd-10');
  assert.equal(condition.code.coding[0].code, 'L64.9');
  assert.equal(condition.code.coding[0].display, 'Androgenic alopecia, unspecified', 'ICD-10\'s own wording');
  assert.equal(condition.code.text, 'Androgenetic alopecia');
  assert.match(condition.stage[0].summary.text, /Ludwig/i);
  const [carePlan] = of('CarePlan');
  assert.equal(carePlan.id, plan.id);
  assert.equal(carePlan.status, 'active');
  // The plan's end_date is exclusive (start + months); a FHIR Period ends on its last day.
  const lastDay = new Date(Date.parse(`${plan.end_date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  assert.deepEqual(carePlan.period, { start: plan.start_date, end: lastDay });
  assert.deepEqual(carePlan.addresses, [{ reference: `Condition/${condition.id}` }]);
  assert.ok(carePlan.activity.length >= 2, 'one activity per phase');
  assert.equal(carePlan.activity[0].detail.status, 'in-progress', 'the first phase has one session done');
  const appointments = of('Appointment');
  assert.equal(appointments.length, plan.sessions.length);
  assert.equal(appointments.filter((a) => a.status === 'fulfilled').length, 1);
  assert.equal(appointments[0].start, '2026-01-05T09:00:00+01:00', 'in the clinic\'s zone');
  assert.ok(appointments[0].participant.some((x) => x.actor.display === 'Dr Lara Gómez'));
  const [procedure] = of('Procedure');
  assert.equal(procedure.id, session.id);
  assert.equal(procedure.bodySite[0].coding[0].code, '41695006');
  assert.deepEqual(procedure.basedOn, [{ reference: `CarePlan/${plan.id}` }]);
  assert.equal(procedure.note[0].text, 'Pain 3/10; anaesthetic topical; needle 32G 4 mm; depth 1.5 mm; adjuncts Massage', 'what was charted, none of it dropped');
  const [given] = of('MedicationAdministration');
  assert.deepEqual(given.partOf, [{ reference: `Procedure/${session.id}` }]);
  // The lot is one Medication of the bundle, pointed at by what used it.
  assert.equal(given.medicationReference.reference, `Medication/${lot.id}`);
  const medications = of('Medication');
  assert.equal(medications.length, 1);
  const [medication] = medications;
  assert.equal(medication.id, lot.id);
  assert.equal(medication.batch.lotNumber, 'CF-2401');
  assert.equal(medication.batch.expirationDate, '2027-06-30');
  assert.equal(medication.code.text, 'Capilia Forte');
  assert.equal(r.body.entry.find((e) => e.resource.resourceType === 'Medication').search.mode, 'include');
  assert.equal(given.dosage.dose.value, 2);
  assert.equal(given.dosage.dose.code, 'mL');
  const observations = of('Observation');
  const density = observations.find((o) => o.code.coding[0].code === 'density');
  assert.deepEqual(density.valueQuantity, { value: 142, unit: 'hairs/cm²', system: 'http://unitsofmeasure.org', code: '/cm2' });
  assert.equal(density.status, 'final');
  const rating = observations.find((o) => o.code.coding[0].code === 'photo_rating');
  assert.equal(rating.valueInteger, 1, 'a rating is a number on a scale, not a quantity');
  assert.equal(rating.valueQuantity, undefined);
  const [ae] = of('AdverseEvent');
  assert.equal(ae.id, event.id);
  assert.equal(ae.severity.coding[0].code, 'moderate', 'CTCAE grade 2');
  assert.equal(ae.seriousness.coding[0].code, 'Non-serious', 'a grade 2 reaction is not serious');
  assert.equal(ae.outcome.coding[0].code, 'recovering');
  assert.deepEqual(ae.suspectEntity[0].instance, { reference: `Procedure/${session.id}` });
  assert.match(ae.suspectEntity[1].instance.display, /CF-2401/);
  assert.equal(ae.suspectEntity[1].instance.reference, `Medication/${lot.id}`);
  const [media] = of('Media');
  assert.equal(media.content.contentType, 'image/png');
  assert.ok(media.content.url.endsWith(`/api/v1/patients/${patient.id}/photos/${media.id}`));
});

test('a measurement marked entered in error stays, marked so', async () => {
  const m = (await srv.request('POST', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token, body: { kind: 'pull_test_hairs', value: 9, taken_on: '2026-01-05' } })).body;
  const mark = await srv.request('POST', `/api/v1/measurements/${m.id}/entered-in-error`, { token: clin.token, body: { reason: 'Another patient\'s pull test' } });
  assert.equal(mark.status, 200, mark.text);
  const obs = (await everything(patient.id, clin.token)).body.entry.map((e) => e.resource).find((x) => x.id === m.id);
  assert.equal(obs.status, 'entered-in-error');
});

test('the Patient alone; unknown patients 404; staff without clinical access and patients 403', async () => {
  const one = await srv.request('GET', `/api/v1/fhir/Patient/${patient.id}`, { token: clin.token });
  assert.equal(one.status, 200);
  assert.equal(one.body.resourceType, 'Patient');
  assert.equal(one.body.birthDate, patient.birth_date);
  assert.equal((await everything('01aaaaaaaaaaaaaaaaaaaaaaaa', clin.token)).status, 404);
  assert.equal((await everything(patient.id, recep.token)).status, 403);
  assert.equal((await everything(patient.id, undefined)).status, 401);
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'ines.fhir@example.test' } });
  const inv = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  const portal = (await srv.request('POST', '/api/v1/portal/accept', { body: { token: new URL(inv.body.link).searchParams.get('token'), password: 'a long password' } })).body.token;
  assert.equal((await everything(patient.id, portal)).status, 403, 'not through the portal, even one\'s own');
  const trail = (await srv.request('GET', `/api/v1/audit?patient_id=${patient.id}`, { token: admin })).body.items;
  assert.ok(trail.some((e) => e.action === 'fhir.everything' && e.outcome === 'ok'), 'exports are audited');
});
