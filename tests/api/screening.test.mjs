import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, clin, adminToken;
before(async () => {
  srv = await startServer();
  adminToken = await srv.admin();
  clin = await srv.user('clinician');
});
after(async () => { await srv.stop(); });

const screen = async (patientId, answers, token = clin.token) =>
  srv.request('POST', `/api/v1/patients/${patientId}/screenings`, { token, body: { answers } });

// answers -> expected outcome and finding codes with severities (clinic defaults)
const cases = [
  [{}, 'eligible', []],
  [{ pregnant: false, diabetes: 'none', anticoagulants: false }, 'eligible', []],
  [{ pregnant: true }, 'ineligible', [['pregnant', 'absolute']]],
  [{ breastfeeding: true }, 'ineligible', [['breastfeeding', 'absolute']]],
  [{ scalp_condition: true }, 'ineligible', [['scalp_condition', 'absolute']]],
  [{ diabetes: 'controlled' }, 'ineligible', [['diabetes', 'absolute']]],
  [{ diabetes: 'insulin_dependent' }, 'ineligible', [['diabetes', 'absolute']]],
  [{ bleeding_disorder: true }, 'ineligible', [['bleeding_disorder', 'absolute']]],
  [{ active_scalp_infection: true }, 'ineligible', [['active_scalp_infection', 'absolute']]],
  [{ component_allergy: true }, 'ineligible', [['component_allergy', 'absolute']]],
  [{ anticoagulants: true }, 'review', [['anticoagulants', 'relative']]],
  [{ immunosuppressed: true, keloid_tendency: true }, 'review', [['immunosuppressed', 'relative'], ['keloid_tendency', 'relative']]],
  [{ cancer_treatment: true }, 'review', [['cancer_treatment', 'relative']]],
  [{ autoimmune_disease: true }, 'review', [['autoimmune_disease', 'relative']]],
  [{ recent_scalp_surgery: true }, 'review', [['recent_scalp_surgery', 'relative']]],
  [{ isotretinoin_last_12_months: true }, 'review', [['isotretinoin_last_12_months', 'relative']]],
  [{ uncontrolled_hypertension: true }, 'review', [['uncontrolled_hypertension', 'relative']]],
  [{ anticoagulants: true, pregnant: true }, 'ineligible', [['pregnant', 'absolute'], ['anticoagulants', 'relative']]],
];

test('each answer gives the outcome and findings of the default rules', async () => {
  const p = await srv.patient(clin.token);
  for (const [answers, outcome, findings] of cases) {
    const r = await screen(p.id, answers);
    assert.equal(r.status, 201, JSON.stringify(answers));
    assert.equal(r.body.outcome, outcome, JSON.stringify(answers));
    assert.deepEqual(r.body.findings.map((f) => [f.code, f.severity]), findings, JSON.stringify(answers));
    for (const f of r.body.findings) assert.ok(f.message.length > 5);
    assert.equal(r.body.expires_on, '2026-07-04'); // 180 days after 2026-01-05
  }
});

test('unknown codes and wrong value types are 422 naming answers.CODE', async () => {
  const p = await srv.patient(clin.token);
  const r = await screen(p.id, { pregnant: 'no', diabetes: true, tattoo: true });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['answers.diabetes', 'answers.pregnant', 'answers.tattoo']);
  const missing = await srv.request('POST', `/api/v1/patients/${p.id}/screenings`, { token: clin.token, body: {} });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.errors[0].field, 'answers');
  const list = await srv.request('GET', `/api/v1/patients/${p.id}/screenings`, { token: clin.token });
  assert.deepEqual(list.body.items, []);
});

test('screening an unknown patient is a 404', async () => {
  const r = await screen('01aaaaaaaaaaaaaaaaaaaaaaaa', {});
  assert.equal(r.status, 404);
});

test('an admin changes the rule set; new screenings use and record the new version', async () => {
  const p = await srv.patient(clin.token);
  const before = await screen(p.id, { diabetes: 'controlled', anticoagulants: true });
  assert.equal(before.body.outcome, 'ineligible');
  const v0 = before.body.rule_set_version;
  const put = await srv.request('PUT', '/api/v1/screening-rules', {
    token: await srv.admin(), body: { rules: { 'diabetes.controlled': 'relative', anticoagulants: 'absolute' } },
  });
  assert.equal(put.status, 200);
  assert.equal(put.body.version, v0 + 1);
  assert.equal(put.body.rules['diabetes.controlled'], 'relative');
  const afterCtrl = await screen(p.id, { diabetes: 'controlled' });
  assert.equal(afterCtrl.body.outcome, 'review');
  assert.equal(afterCtrl.body.rule_set_version, v0 + 1);
  const insulin = await screen(p.id, { diabetes: 'insulin_dependent' });
  assert.equal(insulin.body.outcome, 'ineligible'); // still absolute
  const antico = await screen(p.id, { anticoagulants: true });
  assert.equal(antico.body.outcome, 'ineligible');
  // The earlier screening keeps its outcome and version.
  const old = await srv.request('GET', `/api/v1/patients/${p.id}/screenings/${before.body.id}`, { token: clin.token });
  assert.equal(old.body.outcome, 'ineligible');
  assert.equal(old.body.rule_set_version, v0);
  const bad = await srv.request('PUT', '/api/v1/screening-rules', { token: await srv.admin(), body: { rules: { pregnant: 'maybe', tattoos: 'absolute' } } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['rules.pregnant', 'rules.tattoos']);
  // The floor: pregnancy stays absolute; haemophilia may be relative, not ignored.
  const floor = await srv.request('PUT', '/api/v1/screening-rules', { token: await srv.admin(), body: { rules: { pregnant: 'relative', bleeding_disorder: 'ignore', keloid_tendency: 'ignore' } } });
  assert.equal(floor.status, 422);
  assert.deepEqual(floor.body.errors.map((e) => e.field).sort(), ['rules.bleeding_disorder', 'rules.pregnant']);
  assert.match(floor.body.errors.find((e) => e.field === 'rules.pregnant').message, /must stay absolute/);
  const shown = (await srv.request('GET', '/api/v1/screening-rules', { token: await srv.admin() })).body;
  assert.equal(shown.floor.pregnant, 'absolute');
  assert.equal(shown.floor.bleeding_disorder, 'relative');
  assert.equal(shown.floor.keloid_tendency, undefined);
  // Put the defaults back for the other tests.
  await srv.request('PUT', '/api/v1/screening-rules', { token: await srv.admin(), body: { rules: { 'diabetes.controlled': 'absolute', anticoagulants: 'relative' } } });
});

test('a clinician overrides a review outcome with a reason; it is recorded and audited', async () => {
  const p = await srv.patient(clin.token);
  const s = (await screen(p.id, { anticoagulants: true })).body;
  assert.equal(s.clears_treatment, false);
  const short = await srv.request('POST', `/api/v1/patients/${p.id}/screenings/${s.id}/override`, { token: clin.token, body: { reason: 'ok' } });
  assert.equal(short.status, 422);
  const r = await srv.request('POST', `/api/v1/patients/${p.id}/screenings/${s.id}/override`, {
    token: clin.token, body: { reason: 'Low-dose aspirin only; haematologist agrees, pause 3 days before.' },
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.override.by, clin.id);
  assert.equal(r.body.clears_treatment, true);
  const twice = await srv.request('POST', `/api/v1/patients/${p.id}/screenings/${s.id}/override`, { token: clin.token, body: { reason: 'again, another reason' } });
  assert.equal(twice.status, 409);
  const audit = await srv.request('GET', `/api/v1/audit?patient_id=${p.id}`, { token: await srv.admin() });
  const entry = audit.body.items.find((e) => e.action === 'screening.override' && e.outcome === 'ok');
  assert.ok(entry);
  assert.match(entry.detail, /haematologist/);
});

test('ineligible and eligible outcomes cannot be overridden', async () => {
  const p = await srv.patient(clin.token);
  for (const answers of [{ pregnant: true }, {}]) {
    const s = (await screen(p.id, answers)).body;
    const r = await srv.request('POST', `/api/v1/patients/${p.id}/screenings/${s.id}/override`, {
      token: clin.token, body: { reason: 'I think it is fine really' },
    });
    assert.equal(r.status, 409);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
  }
});

test('current gives the latest unexpired screening, and none after expiry', async () => {
  await srv.setClock('2026-01-05T09:00:00Z');
  const p = await srv.patient(clin.token);
  const none = await srv.request('GET', `/api/v1/patients/${p.id}/screenings/current`, { token: clin.token });
  assert.equal(none.status, 404);
  const first = (await screen(p.id, { anticoagulants: true })).body;
  await srv.setClock('2026-01-06T10:00:00Z');
  const latest = (await screen(p.id, {})).body;
  const cur = await srv.request('GET', `/api/v1/patients/${p.id}/screenings/current`, { token: clin.token });
  assert.equal(cur.status, 200);
  assert.equal(cur.body.id, latest.id);
  // The first is superseded: listed as not current, and no longer overridable.
  const listed = (await srv.request('GET', `/api/v1/patients/${p.id}/screenings`, { token: clin.token })).body.items;
  assert.deepEqual(listed.map((s) => [s.id, s.current]).sort(), [[first.id, false], [latest.id, true]].sort());
  assert.equal((await srv.request('GET', `/api/v1/patients/${p.id}/screenings/${first.id}`, { token: clin.token })).body.current, false);
  const stale = await srv.request('POST', `/api/v1/patients/${p.id}/screenings/${first.id}/override`, { token: clin.token, body: { reason: 'Anticoagulant stopped a week ago, INR normal' } });
  assert.equal(stale.status, 409, stale.text);
  assert.match(stale.body.detail, /newer screening/);
  assert.equal(cur.body.expires_on, '2026-07-05');
  await srv.setClock('2026-07-05T20:00:00Z'); // last day still current
  assert.equal((await srv.request('GET', `/api/v1/patients/${p.id}/screenings/current`, { token: clin.token })).status, 200);
  await srv.setClock('2026-07-06T08:00:00Z');
  const expired = await srv.request('GET', `/api/v1/patients/${p.id}/screenings/current`, { token: clin.token });
  assert.equal(expired.status, 404);
  await srv.setClock('2026-01-05T09:00:00Z');
});

test('the screening validity is a clinic setting', async () => {
  const put = await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'Test clinic', timezone: 'UTC', screening_valid_days: 90 } });
  assert.equal(put.status, 200);
  const p = await srv.patient(clin.token);
  const s = await screen(p.id, {});
  assert.equal(s.body.expires_on, '2026-04-05');
  await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'Test clinic', timezone: 'UTC', screening_valid_days: 180 } });
});
