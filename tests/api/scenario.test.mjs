// A patient's whole course, from screening to a responder evaluation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { SmtpSink } from './smtp_sink.mjs';

let srv, sink;
before(async () => {
  sink = await new SmtpSink().start();
  srv = await startServer({ clock: '2026-01-05T08:00:00Z', extraArgs: ['--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--outbox-poll-ms', '0'] });
});
after(async () => { await srv.stop(); await sink.stop(); });

test('screening to responder', async () => {
  const admin = await srv.admin();
  const clin = await srv.user('clinician', 'vega');
  const recep = await srv.user('receptionist', 'sol');
  const call = async (who, method, path, body, status) => {
    const r = await srv.request(method, path, { token: who.token ?? who, body });
    assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
    return r.body;
  };
  await call(admin, 'PUT', '/api/v1/clinic', { name: 'Clínica Capilar Sol', timezone: 'Europe/Madrid' }, 200);
  const pr = await call(admin, 'POST', '/api/v1/practitioners', { name: 'Dr Vega', working_hours: [2, 4].map((weekday) => ({ weekday, start: '09:00', end: '14:00' })) }, 201);
  const product = await call(clin, 'POST', '/api/v1/products', { name: 'Cocktail HC', category: 'amino_acids' }, 201);
  const lot = await call(clin, 'POST', `/api/v1/products/${product.id}/lots`, { lot_number: 'HC-26-001', expires_on: '2027-12-31', quantity: 60 }, 201);

  // Reception registers her; the clinician screens and assesses.
  const p = await call(recep, 'POST', '/api/v1/patients', { given_name: 'Carmen', family_name: 'Ibáñez', birth_date: '1983-05-20', sex: 'female', email: 'carmen@example.test' }, 201);
  const s = await call(clin, 'POST', `/api/v1/patients/${p.id}/screenings`, { answers: { pregnant: false, breastfeeding: false, scalp_condition: false, diabetes: 'none', bleeding_disorder: false, anticoagulants: true } }, 201);
  assert.equal(s.outcome, 'review');
  await call(clin, 'POST', `/api/v1/patients/${p.id}/screenings/${s.id}/override`, { reason: 'Low-dose aspirin, GP agrees; no injections within 3 days of a dose.' }, 200);
  const a = await call(clin, 'POST', `/api/v1/patients/${p.id}/assessments`, { diagnosis: 'androgenetic_alopecia', scale: 'ludwig', grade: 'I', roots_retained: true, pull_test_hairs: 4 }, 201);
  assert.equal(a.severity, 'mild');
  await call(clin, 'POST', `/api/v1/patients/${p.id}/measurements`, { kind: 'density', value: 142, taken_on: '2026-01-05', site: 'vertex' }, 201);
  await call(clin, 'POST', `/api/v1/patients/${p.id}/measurements`, { kind: 'mean_diameter_um', value: 49, taken_on: '2026-01-05', site: 'vertex' }, 201);

  // A 5-month course booked on Tuesdays and Thursdays in the morning.
  const plan = await call(clin, 'POST', `/api/v1/patients/${p.id}/plans`, { assessment_id: a.id, start_date: '2026-01-13' }, 201);
  assert.equal(plan.months, 5);
  const booked = await call(recep, 'POST', `/api/v1/plans/${plan.id}/book`, { practitioner_id: pr.id, weekdays: [2, 4], from: '09:30', to: '12:00' }, 200);
  assert.deepEqual(booked.unbooked, []);
  assert.equal(booked.appointments.length, plan.sessions.length);
  await call(recep, 'GET', `/api/v1/patients/${p.id}/aftercare`, undefined, 200);

  // Every session charted at its time; the second gives mild inflammation.
  const appts = booked.appointments.sort((x, y) => x.session_number - y.session_number);
  for (const appt of appts) {
    const at = new Date(Date.parse(appt.start) + 25 * 60000).toISOString();
    await srv.setClock(at);
    await call(recep, 'POST', `/api/v1/appointments/${appt.id}/arrive`, undefined, 200);
    const rec = await call(clin, 'POST', `/api/v1/appointments/${appt.id}/session`, {
      pregnant: false, zones: [{ zone: 'vertex', points: 30, volume_ml: 1.5 }, { zone: 'mid_scalp', points: 20, volume_ml: 1 }],
      products: [{ lot_id: lot.id, volume_ml: 2.5 }], anaesthetic: false, pain_score: 2, adjuncts: ['massage'] }, 201);
    if (appt.session_number === 2) {
      await call(clin, 'POST', `/api/v1/patients/${p.id}/adverse-events`, { session_id: rec.id, type: 'inflammation', grade: 1, onset: at, management: 'anti_inflammatory_cream', outcome: 'resolved' }, 201);
    }
    if (appt.session_number === 6) {
      // Three months after the first session: the evaluation is due.
      const due = await call(clin, 'GET', `/api/v1/patients/${p.id}/progress`, undefined, 200);
      assert.ok(['too_early', 'due'].includes(due.evaluation));
    }
  }
  const done = await call(clin, 'GET', `/api/v1/plans/${plan.id}`, undefined, 200);
  assert.equal(done.status, 'completed');
  assert.ok(done.sessions.every((x) => x.status === 'done'));
  assert.equal((await call(clin, 'GET', `/api/v1/lots/${lot.id}`, undefined, 200)).remaining, 60 - 2.5 * appts.length);
  assert.equal((await call(clin, 'GET', `/api/v1/lots/${lot.id}/recipients`, undefined, 200)).items.length, appts.length);

  // Four months in: density +12% and a photo rating of +1.
  await srv.setClock('2026-05-14T10:00:00Z');
  let progress = await call(clin, 'GET', `/api/v1/patients/${p.id}/progress`, undefined, 200);
  assert.equal(progress.evaluation, 'due');
  await call(clin, 'POST', `/api/v1/patients/${p.id}/measurements`, { kind: 'density', value: 159, taken_on: '2026-05-14', site: 'vertex' }, 201);
  await call(clin, 'POST', `/api/v1/patients/${p.id}/measurements`, { kind: 'photo_rating', value: 1, taken_on: '2026-05-14' }, 201);
  progress = await call(clin, 'GET', `/api/v1/patients/${p.id}/progress`, undefined, 200);
  assert.equal(progress.evaluation, 'responder');
  assert.equal(progress.series.density.baseline, 142);
  assert.equal(progress.series.density.change, 17);
  assert.ok(Math.abs(progress.series.density.change_percent - 11.97) < 0.01);

  // Reminders went out by email along the way.
  const r = await srv.request('POST', '/api/v1/outbox/run', { token: await srv.admin() });
  assert.equal(r.status, 200);
  const report = await call(clin, 'GET', '/api/v1/reports/adverse-events?from=2026-01-01&to=2026-06-30', undefined, 200);
  assert.equal(report.sessions, appts.length);
  assert.equal(report.by_type[0].type, 'inflammation');
  // The whole story is in the audit trail.
  const trail = (await call(await srv.admin(), 'GET', `/api/v1/audit?patient_id=${p.id}&limit=1000`, undefined, 200)).items;
  for (const act of ['patient.create', 'screening.create', 'screening.override', 'assessment.create', 'plan.create', 'plan.book', 'session.record', 'adverse_event.create', 'measurement.create', 'progress.read']) {
    assert.ok(trail.some((e) => e.action === act && e.outcome === 'ok'), act);
  }
});
