import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, clin, patient;
before(async () => {
  srv = await startServer();
  clin = await srv.user('clinician');
  patient = await srv.patient(clin.token);
});
after(async () => { await srv.stop(); });

const assess = (body) => srv.request('POST', `/api/v1/patients/${patient.id}/assessments`, { token: clin.token, body });
const base = { diagnosis: 'androgenetic_alopecia', roots_retained: true };

test('grades of every scale give the default severity', async () => {
  const table = [
    ['norwood', 'I', 'mild'], ['norwood', 'II', 'mild'], ['norwood', 'IIa', 'mild'],
    ['norwood', 'III', 'moderate'], ['norwood', 'IIIa', 'moderate'], ['norwood', 'III vertex', 'moderate'],
    ['norwood', 'IV', 'moderate'], ['norwood', 'IVa', 'moderate'], ['norwood', 'V', 'advanced'],
    ['norwood', 'Va', 'advanced'], ['norwood', 'VI', 'advanced'], ['norwood', 'VII', 'advanced'],
    ['ludwig', 'I', 'mild'], ['ludwig', 'II', 'moderate'], ['ludwig', 'III', 'advanced'],
    ['sinclair', '1', 'mild'], ['sinclair', '2', 'mild'], ['sinclair', '3', 'moderate'], ['sinclair', '4', 'advanced'], ['sinclair', '5', 'advanced'],
    ['savin', 'I-1', 'mild'], ['savin', 'I-4', 'mild'], ['savin', 'II-1', 'moderate'], ['savin', 'II-2', 'moderate'],
    ['savin', 'frontal', 'moderate'], ['savin', 'III', 'advanced'], ['savin', 'advanced', 'advanced'],
  ];
  for (const [scale, grade, severity] of table) {
    const r = await assess({ ...base, scale, grade });
    assert.equal(r.status, 201, `${scale} ${grade}: ${r.text}`);
    assert.equal(r.body.grade, grade);
    assert.equal(r.body.severity, severity, `${scale} ${grade}`);
    assert.equal(r.body.candidate, true);
  }
});

test('harmless spelling variants are stored in the canonical spelling', async () => {
  for (const [scale, given, canonical] of [['norwood', 'IIIv', 'III vertex'], ['norwood', 'iii-vertex', 'III vertex'], ['norwood', 'iva', 'IVa'], ['savin', 'I2', 'I-2'], ['sinclair', 3, '3']]) {
    const r = await assess({ ...base, scale, grade: given });
    assert.equal(r.status, 201, `${given}: ${r.text}`);
    assert.equal(r.body.grade, canonical);
  }
});

test('a grade not on the scale is a 422 listing the levels', async () => {
  for (const [scale, grade] of [['norwood', 'VIII'], ['ludwig', 'IV'], ['sinclair', '6'], ['savin', 'I-5'], ['norwood', '3']]) {
    const r = await assess({ ...base, scale, grade });
    assert.equal(r.status, 422, `${scale} ${grade}`);
    assert.equal(r.body.errors[0].field, 'grade');
    assert.match(r.body.errors[0].message, /is not a level/);
  }
});

test('bad diagnosis, scale and counts are named', async () => {
  const r = await assess({ diagnosis: 'baldness', scale: 'hamilton', grade: 'II', roots_retained: 'yes', pull_test_hairs: -1, shedding_count: 1.5 });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['diagnosis', 'pull_test_hairs', 'roots_retained', 'scale', 'shedding_count']);
});

test('no retained roots or scarring alopecia: not a candidate, with reasons', async () => {
  const noRoots = await assess({ ...base, scale: 'norwood', grade: 'VII', roots_retained: false });
  assert.equal(noRoots.body.candidate, false);
  assert.match(noRoots.body.reasons.join(' '), /roots/i);
  const scarring = await assess({ diagnosis: 'scarring_alopecia', scale: 'ludwig', grade: 'I', roots_retained: true });
  assert.equal(scarring.body.candidate, false);
  assert.match(scarring.body.reasons.join(' '), /Scarring/);
  const ok = await assess({ diagnosis: 'telogen_effluvium', scale: 'ludwig', grade: 'I', roots_retained: true, pull_test_hairs: 6, shedding_count: 120 });
  assert.equal(ok.body.candidate, true);
  assert.match(ok.body.reasons.join(' '), /trigger/);
  assert.match(ok.body.reasons.join(' '), /pull test/);
});

test('assessments are listed newest first and readable one by one', async () => {
  const p = await srv.patient(clin.token);
  const a = await srv.request('POST', `/api/v1/patients/${p.id}/assessments`, { token: clin.token, body: { ...base, scale: 'norwood', grade: 'II' } });
  await srv.setClock('2026-01-06T09:00:00Z');
  const b = await srv.request('POST', `/api/v1/patients/${p.id}/assessments`, { token: clin.token, body: { ...base, scale: 'norwood', grade: 'III', notes: 'progressed' } });
  const list = await srv.request('GET', `/api/v1/patients/${p.id}/assessments`, { token: clin.token });
  assert.deepEqual(list.body.items.map((x) => x.id), [b.body.id, a.body.id]);
  const one = await srv.request('GET', `/api/v1/patients/${p.id}/assessments/${b.body.id}`, { token: clin.token });
  assert.equal(one.body.notes, 'progressed');
  const wrongPatient = await srv.request('GET', `/api/v1/patients/${patient.id}/assessments/${b.body.id}`, { token: clin.token });
  assert.equal(wrongPatient.status, 404);
});

test('the grading scales are published for forms', async () => {
  const r = await srv.request('GET', '/api/v1/grading-scales', { token: clin.token });
  const norwood = r.body.items.find((s) => s.scale === 'norwood');
  assert.equal(norwood.levels.length, 12);
  assert.ok(norwood.levels.some((l) => l.grade === 'III vertex'));
});

test('the pull test and shedding count taken at the assessment become the course\'s first measurements of them; a refused assessment writes none', async () => {
  const p = await srv.patient(clin.token);
  const post = (body) => srv.request('POST', `/api/v1/patients/${p.id}/assessments`, { token: clin.token, body });
  const ms = async () => (await srv.request('GET', `/api/v1/patients/${p.id}/measurements`, { token: clin.token })).body.items;
  assert.equal((await post({ ...base, scale: 'norwood', grade: 'III', pull_test_hairs: 4, shedding_count: -3 })).status, 422);
  assert.deepEqual(await ms(), []);
  const a = await post({ ...base, scale: 'norwood', grade: 'III', pull_test_hairs: 4, shedding_count: 70 });
  assert.equal(a.status, 201, a.text);
  const got = (await ms()).map((m) => [m.kind, m.value, m.taken_on, m.source]).sort();
  const today = (await srv.request('GET', '/api/v1/clinic', { token: clin.token })).body.today;
  assert.deepEqual(got, [['pull_test_hairs', 4, today, 'manual'], ['shedding_count', 70, today, 'manual']]);
  // One without them adds none.
  await post({ ...base, scale: 'norwood', grade: 'III' });
  assert.equal((await ms()).length, 2);
});
