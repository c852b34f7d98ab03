import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rgbPng } from './png.mjs';
import { startServer, readyPatient, practitioner } from './harness.mjs';

let srv, clin, recep, admin, pr, lot;
before(async () => {
  srv = await startServer({ clock: '2026-01-05T08:00:00Z' });
  admin = await srv.admin();
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
  pr = await practitioner(srv, admin, 'Dr Nieto');
  const p = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Cocktail', category: 'vitamins' } })).body;
  lot = (await srv.request('POST', `/api/v1/products/${p.id}/lots`, { token: clin.token, body: { lot_number: 'V1', expires_on: '2028-01-01', quantity: 500 } })).body;
});
after(async () => { await srv.stop(); });

const measure = (pid, kind, value, taken_on, token = clin.token) =>
  srv.request('POST', `/api/v1/patients/${pid}/measurements`, { token, body: { kind, value, taken_on, site: 'vertex mark' } });
const progress = async (pid) => (await srv.request('GET', `/api/v1/patients/${pid}/progress`, { token: clin.token })).body;

// A patient with a baseline and a first session on 2026-01-05.
async function started() {
  await srv.setClock('2026-01-05T08:00:00Z');
  const { patient, assessment } = await readyPatient(srv, clin.token, { sex: 'male' });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } })).body.appointments;
  await measure(patient.id, 'density', 140, '2026-01-02');
  await measure(patient.id, 'density', 150, '2026-01-05');
  await measure(patient.id, 'mean_diameter_um', 52, '2026-01-05');
  await srv.setClock('2026-01-05T12:00:00Z');
  const s = await srv.request('POST', `/api/v1/appointments/${appts[0].id}/session`, { token: clin.token, body: {
    zones: [{ zone: 'vertex', points: 20, volume_ml: 1 }], products: [{ lot_id: lot.id, volume_ml: 1 }], anaesthetic: false, pain_score: 1 } });
  assert.equal(s.status, 201, s.text);
  return patient;
}

test('baseline is the last value on or before the first session; series carry change (contract)', async () => {
  const p = await started();
  await srv.setClock('2026-02-20T09:00:00Z');
  await measure(p.id, 'density', 160, '2026-02-20');
  const r = await progress(p.id);
  assert.equal(r.evaluation, 'too_early');
  const d = r.series.density;
  assert.equal(d.baseline, 150);
  assert.equal(d.latest, 160);
  assert.equal(d.change, 10);
  assert.ok(Math.abs(d.change_percent - 6.6667) < 0.01);
  assert.deepEqual(d.points.map((x) => x.value), [140, 150, 160]);
  assert.equal(r.first_session, '2026-01-05');
});

test('evaluation: too_early, due, overdue, then a response class by the thresholds', async () => {
  const cases = [
    // [clock, measurements after 3 months, expected]
    ['2026-04-04T09:00:00Z', [], 'too_early'],
    ['2026-04-06T09:00:00Z', [], 'due'],
    ['2026-06-06T09:00:00Z', [], 'overdue'],
    ['2026-04-20T09:00:00Z', [['density', 166, '2026-04-20']], 'responder'],   // +10.7%
    ['2026-04-20T09:00:00Z', [['density', 158, '2026-04-20']], 'partial'],     // +5.3%
    ['2026-04-20T09:00:00Z', [['density', 151, '2026-04-20']], 'non_responder'],
    ['2026-04-20T09:00:00Z', [['density', 157.4, '2026-04-20']], 'non_responder'], // +4.93%: not "+5%"
    ['2026-04-20T09:00:00Z', [['density', 151, '2026-04-20'], ['photo_rating', 1, '2026-04-20']], 'responder'],
    ['2026-04-20T09:00:00Z', [['density', 97, '2026-04-20'], ['photo_rating', 1, '2026-04-20']], 'responder', true], // -35%: the measures disagree
    ['2026-04-20T09:00:00Z', [['shedding_count', 40, '2026-04-20']], 'due'],        // no density nor photo rating yet
    ['2026-07-01T09:00:00Z', [['density', 170, '2026-03-01']], 'overdue'],     // measured too early to count
  ];
  for (const [clock, ms, expected, conflicting = false] of cases) {
    const p = await started();
    await srv.setClock(clock);
    for (const [kind, value, on] of ms) assert.equal((await measure(p.id, kind, value, on)).status, 201);
    const r = await progress(p.id);
    assert.equal(r.evaluation, expected, `${clock} ${JSON.stringify(ms)}: ${r.explanation}`);
    assert.equal(r.conflicting, conflicting, r.explanation);
    // The explanation says what the class rests on, with its sign.
    if (ms.length && ms[0][0] === 'density' && ms[0][2] === '2026-04-20') {
      const pct = Math.trunc((1000 * (ms[0][1] - 150)) / 150) / 10; // to a tenth, cut toward zero
      assert.ok(r.explanation.startsWith(`Density ${pct > 0 ? '+' : ''}${pct}% against the baseline`), r.explanation);
    }
  }
});

test('density is compared at the baseline\'s marked site, not another named one; other sites are charted, not compared', async () => {
  const p = await started(); // Baseline 150 at "vertex mark".
  await srv.setClock('2026-04-20T09:00:00Z');
  const at = (site, value) => srv.request('POST', `/api/v1/patients/${p.id}/measurements`, { token: clin.token, body: { kind: 'density', value, taken_on: '2026-04-20', ...(site ? { site } : {}) } });
  assert.equal((await at('occipital', 200)).status, 201);
  let r = await progress(p.id);
  assert.equal(r.evaluation, 'due', r.explanation);
  assert.match(r.explanation, /against the baseline \(the density of 20 Apr 2026 is from occipital, not the baseline's vertex mark\)/);
  assert.equal(r.series.density.site, 'vertex mark');
  assert.equal(r.series.density.latest, 150);
  assert.equal(r.series.density.change, null);
  assert.equal((await at('Vertex  Mark', 166)).status, 201);
  r = await progress(p.id);
  assert.equal(r.evaluation, 'responder', r.explanation);
  assert.equal(r.series.density.latest, 166);
  // No site written down: taken to be the marked one.
  assert.equal((await at(null, 158)).status, 201);
  r = await progress(p.id);
  assert.equal(r.evaluation, 'partial', r.explanation);
  assert.deepEqual(r.series.density.points.map((x) => [x.value, x.compared]), [[140, true], [150, true], [200, false], [166, true], [158, true]]);
});

test('a clinic changes the thresholds', async () => {
  const p = await started();
  await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'C', timezone: 'UTC', responder_density_percent: 20, partial_density_percent: 10 } });
  await srv.setClock('2026-04-20T09:00:00Z');
  await measure(p.id, 'density', 168, '2026-04-20'); // +12%
  assert.equal((await progress(p.id)).evaluation, 'partial');
  await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'C', timezone: 'UTC', responder_density_percent: 10, partial_density_percent: 5 } });
  assert.equal((await progress(p.id)).evaluation, 'responder');
});

test('measurements in the future or out of range are 422 naming the field', async () => {
  const p = await started();
  const cases = [
    [{ kind: 'density', value: 150, taken_on: '2026-01-06' }, 'taken_on'],
    [{ kind: 'height', value: 1, taken_on: '2026-01-05' }, 'kind'],
    [{ kind: 'photo_rating', value: 4, taken_on: '2026-01-05' }, 'value'],
    [{ kind: 'shedding_count', value: 10.5, taken_on: '2026-01-05' }, 'value'],
    [{ kind: 'density', value: '150', taken_on: '2026-01-05' }, 'value'],
    [{ kind: 'density', value: 150, taken_on: '1900-01-05' }, 'taken_on'], // before the patient's birth
  ];
  for (const [body, field] of cases) {
    const r = await srv.request('POST', `/api/v1/patients/${p.id}/measurements`, { token: clin.token, body });
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.body.errors[0].field, field);
  }
});

test('standard photos upload with a checksum and come back side by side by view', async () => {
  const p = await started();
  const png = photoPng();
  const up = async (view, taken_on, body = png, type = 'image/png') => srv.request('POST', `/api/v1/patients/${p.id}/photos?view=${view}&taken_on=${taken_on}`, { token: clin.token, raw: body, headers: { 'content-type': type } });
  let r = await up('vertex', '2026-01-05');
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.body.width, 160);
  const first = r.body;
  await up('frontal', '2026-01-05');
  await srv.setClock('2026-04-20T09:00:00Z');
  const later = (await up('vertex', '2026-04-20')).body;
  const pair = await srv.request('GET', `/api/v1/patients/${p.id}/photos?view=vertex&dates=2026-01-05,2026-04-20`, { token: clin.token });
  assert.deepEqual(pair.body.views.vertex.map((x) => x.taken_on), ['2026-01-05', '2026-04-20']);
  assert.equal(Object.keys(pair.body.views).length, 1);
  const img = await fetch(srv.base + first.url, { headers: { authorization: `Bearer ${clin.token}` } });
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), png);
  assert.equal(later.sha256, first.sha256);
  // Not images, truncated, wrong view: 4xx and nothing stored.
  const before = (await srv.request('GET', `/api/v1/patients/${p.id}/photos`, { token: clin.token })).body.views.vertex.length;
  r = await up('vertex', '2026-04-20', Buffer.from('not an image at all'));
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'body');
  r = await up('vertex', '2026-04-20', png.subarray(0, 30));
  assert.equal(r.status, 422);
  r = await up('vertex', '2026-04-20', rgbPng(2, 2));
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].message, /too small/);
  r = await up('sideways', '2026-04-20');
  assert.equal(r.status, 422);
  r = await up('vertex', '2026-04-20', png, 'text/plain');
  assert.equal(r.status, 422);
  const after = (await srv.request('GET', `/api/v1/patients/${p.id}/photos`, { token: clin.token })).body.views.vertex.length;
  assert.equal(after, before);
  // Media types are case-insensitive, and the stored type comes from the
  // bytes: a JPEG sent as "Image/PNG" is kept, and served, as a JPEG.
  const jpg = photoJpeg();
  r = await up('top', '2026-04-20', jpg, 'Image/PNG; charset=binary');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.content_type, 'image/jpeg');
  const served = await fetch(srv.base + r.body.url, { headers: { authorization: `Bearer ${clin.token}` } });
  assert.equal(served.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), jpg);
});

// A real JPEG photo: the project's synthetic scalp image, written as JPEG.
const SAMPLE = process.env.ANAGEN_SAMPLE || new URL('../../build/trichoscopy_sample', import.meta.url).pathname;
function photoJpeg() {
  const file = join(mkdtempSync(join(tmpdir(), 'anagen-photo-')), 'photo.jpg');
  execFileSync(SAMPLE, [file, '--seed', '3', '--easy']);
  return readFileSync(file);
}

// A small valid photo: a 160x130 colour gradient (images under 128 px a side are refused).
const photoPng = () => rgbPng(160, 130, (x, y) => [x, y, 128]);

test('measures that disagree: staff are asked to check them, the patient in the portal is not told so', async () => {
  const p = await started();
  await srv.setClock('2026-04-20T09:00:00Z');
  assert.equal((await measure(p.id, 'density', 97, '2026-04-20')).status, 201);
  assert.equal((await measure(p.id, 'photo_rating', 1, '2026-04-20')).status, 201);
  assert.match((await progress(p.id)).explanation, /disagree: check both before telling the patient/);
  await srv.request('PATCH', `/api/v1/patients/${p.id}`, { token: recep.token, body: { email: 'disagree@example.test' } });
  const inv = await srv.request('POST', `/api/v1/patients/${p.id}/invite`, { token: clin.token });
  assert.equal(inv.status, 201, inv.text);
  const acc = await srv.request('POST', '/api/v1/portal/accept', { body: { token: new URL(inv.body.link).searchParams.get('token'), password: 'my own password' } });
  assert.equal(acc.status, 201, acc.text);
  const own = (await srv.request('GET', `/api/v1/patients/${p.id}/progress`, { token: acc.body.token })).body;
  assert.equal(own.conflicting, true);
  assert.equal(own.explanation, 'Your clinician will go through your latest results with you.');
  await srv.setClock('2026-01-05T08:00:00Z');
});
