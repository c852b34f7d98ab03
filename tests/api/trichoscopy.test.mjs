import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rgbPng } from './png.mjs';
import { startServer, BIN } from './harness.mjs';

const SAMPLE = process.env.ANAGEN_SAMPLE || new URL('../../build/trichoscopy_sample', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'anagen-tricho-'));
let srv, clin, patient, truth, truthPair;


before(async () => {
  truth = JSON.parse(execFileSync(SAMPLE, [join(dir, 'a.png'), '--seed', '11']).toString());
  execFileSync(SAMPLE, [join(dir, 'c.jpg'), '--seed', '13']);
  execFileSync(SAMPLE, [join(dir, 'd.png'), '--seed', '14']);
  truthPair = JSON.parse(execFileSync(SAMPLE, [join(dir, 'p1.png'), '--second', join(dir, 'p2.png'), '--seed', '12']).toString());
  execFileSync(SAMPLE, [join(dir, 'p3.png'), '--second', join(dir, 'p4.png'), '--seed', '15']);
  srv = await startServer();
  clin = await srv.user('clinician');
  patient = await srv.patient(clin.token);
});
after(async () => { await srv.stop(); });

const upload = (path, body, type = 'image/png') =>
  srv.request('POST', path, { token: clin.token, raw: body, headers: { 'content-type': type } });

test('an uploaded image is analysed; its figures become measurements', async () => {
  const r = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=vertex&um_per_px=${truth.um_per_px}&taken_on=2026-01-05`, readFileSync(join(dir, 'a.png')));
  assert.equal(r.status, 201, r.text);
  const res = r.body.result;
  for (const k of ['hair_count', 'area_cm2', 'density_per_cm2', 'mean_diameter_um', 'vellus_percent', 'terminal_density', 'cumulative_thickness_mm', 'hairs']) assert.ok(k in res, k);
  assert.ok(Math.abs(res.hair_count - truth.hair_count) <= Math.max(3, 0.25 * truth.hair_count), `${res.hair_count} vs truth ${truth.hair_count}`);
  assert.equal(res.hairs.length, res.hair_count);
  assert.ok(Math.abs(res.density_per_cm2 - res.hair_count / res.area_cm2) <= 0.01 * res.density_per_cm2, `${res.density_per_cm2} vs ${res.hair_count / res.area_cm2}`);
  assert.deepEqual(r.body.measurements.map((m) => m.kind).sort(), ['cumulative_thickness_mm', 'density', 'mean_diameter_um', 'terminal_density', 'vellus_percent']);
  const ms = (await srv.request('GET', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token })).body.items;
  const density = ms.find((m) => m.kind === 'density');
  assert.equal(density.source, 'trichoscopy');
  assert.equal(density.site, 'vertex');
  assert.ok(Math.abs(density.value - res.density_per_cm2) < 0.01);
  const overlay = await fetch(srv.base + r.body.overlay_url, { headers: { authorization: `Bearer ${clin.token}` } });
  assert.equal(overlay.headers.get('content-type'), 'image/png');
  assert.deepEqual([...Buffer.from(await overlay.arrayBuffer()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const original = await fetch(srv.base + r.body.image_url, { headers: { authorization: `Bearer ${clin.token}` } });
  assert.deepEqual(Buffer.from(await original.arrayBuffer()), readFileSync(join(dir, 'a.png')));
});

test('a second image after clipping gives the anagen share', async () => {
  const first = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=vertex&um_per_px=${truthPair.um_per_px}`, readFileSync(join(dir, 'p1.png')));
  assert.equal(first.status, 201, first.text);
  // The first image sent again as the second is no second shot: refused, nothing stored.
  const same = await upload(`/api/v1/trichoscopy/${first.body.id}/second?hours=60`, readFileSync(join(dir, 'p1.png')));
  assert.equal(same.status, 422, same.text);
  assert.equal(same.body.errors[0].field, 'body');
  assert.match(same.body.errors[0].message, /is the first image again/);
  assert.equal((await srv.request('GET', `/api/v1/trichoscopy/${first.body.id}`, { token: clin.token })).body.paired, false);
  const r = await upload(`/api/v1/trichoscopy/${first.body.id}/second?hours=60`, readFileSync(join(dir, 'p2.png')));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.paired, true);
  assert.ok(r.body.result.anagen_percent !== null && r.body.result.anagen_percent !== undefined);
  assert.ok(Math.abs(r.body.result.anagen_percent - truthPair.anagen_percent) <= 20, `${r.body.result.anagen_percent} vs ${truthPair.anagen_percent}`);
  assert.equal(r.body.measurements[0].kind, 'anagen_percent');
  // Dated with the first image (the hairs as clipped), so a pair begun on the baseline day is a baseline.
  const stored = (await srv.request('GET', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token })).body.items
    .find((m) => m.kind === 'anagen_percent' && m.trichoscopy_id === first.body.id);
  assert.equal(stored.taken_on, first.body.taken_on);
  const again = await upload(`/api/v1/trichoscopy/${first.body.id}/second?hours=60`, readFileSync(join(dir, 'p2.png')));
  assert.equal(again.status, 409);
});

test('an analysis uploaded by mistake is marked entered in error: its figures leave, the image can come again', async () => {
  const p = await srv.patient(clin.token);
  const ms = async () => (await srv.request('GET', `/api/v1/patients/${p.id}/measurements`, { token: clin.token })).body.items;
  const mark = (what, id, body) => srv.request('POST', `/api/v1/${what}/${id}/entered-in-error`, { token: clin.token, body });
  const manual = await srv.request('POST', `/api/v1/patients/${p.id}/measurements`, { token: clin.token, body: { kind: 'shedding_count', value: 40, taken_on: '2026-01-05' } });
  assert.equal(manual.status, 201, manual.text);
  // The wrong scale (twice the real one), and the pair's anagen share on top.
  const wrong = await upload(`/api/v1/patients/${p.id}/trichoscopy?site=vertex&um_per_px=${truthPair.um_per_px * 2}`, readFileSync(join(dir, 'p1.png')));
  assert.equal(wrong.status, 201, wrong.text);
  const paired = await upload(`/api/v1/trichoscopy/${wrong.body.id}/second?hours=60`, readFileSync(join(dir, 'p2.png')));
  assert.equal(paired.status, 200, paired.text);
  const figures = (await ms()).filter((m) => m.trichoscopy_id === wrong.body.id);
  assert.equal(figures.length, wrong.body.measurements.length + paired.body.measurements.length);
  assert.ok(figures.some((m) => m.kind === 'anagen_percent'));
  // Refused, and nothing changes: no reason, too short a reason, no such analysis.
  for (const [id, body, status, field] of [[wrong.body.id, {}, 422, 'reason'], [wrong.body.id, { reason: 'oops' }, 422, 'reason'], [wrong.body.id, { reason: '\u00a0\u00a0\u3000\u200b\u2028\ufeff' }, 422, 'reason'], [wrong.body.id, { reason: 'Wrong scale', why: 1 }, 422, 'why'], ['no-such-analysis', { reason: 'Wrong scale' }, 404]]) {
    const r = await mark('trichoscopy', id, body);
    assert.equal(r.status, status, JSON.stringify(body));
    if (field) assert.equal(r.body.errors[0].field, field);
  }
  assert.equal((await ms()).length, figures.length + 1);
  let r = await mark('trichoscopy', wrong.body.id, { reason: 'Wrong scale: the lens reads half that' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.entered_in_error.reason, 'Wrong scale: the lens reads half that');
  assert.equal(r.body.entered_in_error.by, clin.id);
  assert.equal(r.body.measurements_withdrawn, figures.length);
  // Its figures leave the measurements and the progress; it stays listed, marked.
  assert.deepEqual((await ms()).map((m) => m.kind), ['shedding_count']);
  const series = (await srv.request('GET', `/api/v1/patients/${p.id}/progress`, { token: clin.token })).body.series;
  assert.deepEqual(Object.keys(series), ['shedding_count']);
  const listed = (await srv.request('GET', `/api/v1/patients/${p.id}/trichoscopy`, { token: clin.token })).body.items;
  assert.equal(listed.find((t) => t.id === wrong.body.id).entered_in_error.reason, 'Wrong scale: the lens reads half that');
  assert.equal((await mark('trichoscopy', wrong.body.id, { reason: 'Marked twice' })).status, 409);
  // The same image, with the right scale, is taken again.
  const right = await upload(`/api/v1/patients/${p.id}/trichoscopy?site=vertex&um_per_px=${truthPair.um_per_px}`, readFileSync(join(dir, 'p1.png')));
  assert.equal(right.status, 201, right.text);
  assert.ok(right.body.result.density_per_cm2 > 3 * wrong.body.result.density_per_cm2);
  // An unpaired analysis marked in error takes no second image.
  const other = await upload(`/api/v1/patients/${p.id}/trichoscopy?site=occipital&um_per_px=6`, readFileSync(join(dir, 'd.png')));
  assert.equal((await mark('trichoscopy', other.body.id, { reason: 'Wrong patient' })).status, 200);
  r = await upload(`/api/v1/trichoscopy/${other.body.id}/second?hours=-5`, readFileSync(join(dir, 'd.png')));
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.errors[0].field, 'hours');
  assert.match(r.body.errors[0].message, /^hours must be between 12\.0 and 168\.0$/);
  r = await upload(`/api/v1/trichoscopy/${other.body.id}/second?hours=60`, readFileSync(join(dir, 'd.png')));
  assert.equal(r.status, 409);
  assert.match(r.body.detail, /entered in error \(Wrong patient\)/);
  // A figure of an analysis goes with its analysis; a manual one on its own.
  const fig = (await ms()).find((m) => m.trichoscopy_id === right.body.id);
  r = await mark('measurements', fig.id, { reason: 'Only this figure' });
  assert.equal(r.status, 409);
  assert.match(r.body.detail, new RegExp(right.body.id));
  r = await mark('measurements', manual.body.id, { reason: 'Typed 40 for 4' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.entered_in_error.reason, 'Typed 40 for 4');
  assert.ok(!(await ms()).some((m) => m.id === manual.body.id));
  // Still on record: listed with its correction when asked for.
  const all = (await srv.request('GET', `/api/v1/patients/${p.id}/measurements?entered_in_error=include`, { token: clin.token })).body.items;
  assert.equal(all.find((m) => m.id === manual.body.id).entered_in_error.reason, 'Typed 40 for 4');
  assert.equal(all.filter((m) => m.trichoscopy_id === wrong.body.id && m.entered_in_error).length, figures.length);
  assert.equal((await srv.request('GET', `/api/v1/patients/${p.id}/measurements?entered_in_error=yes`, { token: clin.token })).status, 422);
  assert.equal((await mark('measurements', manual.body.id, { reason: 'Typed 40 for 4' })).status, 409);
  assert.equal((await mark('measurements', 'no-such-measurement', { reason: 'Typed 40 for 4' })).status, 404);
});

test('the same image sent three times at once is stored once', async () => {
  const p = await srv.patient(clin.token);
  const png = readFileSync(join(dir, 'd.png'));
  const sent = await Promise.all([0, 1, 2].map(() => upload(`/api/v1/patients/${p.id}/trichoscopy?site=vertex&um_per_px=6`, png)));
  assert.deepEqual(sent.map((r) => r.status).sort(), [201, 409, 409]);
  const listed = (await srv.request('GET', `/api/v1/patients/${p.id}/trichoscopy`, { token: clin.token })).body.items;
  assert.equal(listed.length, 1);
  const ms = (await srv.request('GET', `/api/v1/patients/${p.id}/measurements`, { token: clin.token })).body.items;
  assert.equal(ms.filter((m) => m.kind === 'density').length, 1);
});

test('bad uploads get a clear 4xx and store nothing', async () => {
  const count = async () => (await srv.request('GET', `/api/v1/patients/${patient.id}/trichoscopy`, { token: clin.token })).body.items.length;
  const before = await count();
  const path = `/api/v1/patients/${patient.id}/trichoscopy?site=vertex&um_per_px=5`;
  let r = await upload(path, Buffer.from('this is text, not a picture'));
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].message, /not a readable image/);
  const png = readFileSync(join(dir, 'a.png'));
  r = await upload(path, png.subarray(0, Math.floor(png.length / 2)));
  assert.equal(r.status, 422);
  // A header declaring 100000 x 100000 pixels.
  const huge = Buffer.from(png.subarray(0, 33));
  huge.writeUInt32BE(100000, 16);
  huge.writeUInt32BE(100000, 20);
  r = await upload(path, huge);
  assert.equal(r.status, 422);
  r = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=vertex`, png);
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'um_per_px');
  r = await upload(path, png, 'application/json');
  assert.equal(r.status, 422);
  r = await upload(path, Buffer.alloc(26 * 1024 * 1024, 1), 'image/png');
  assert.equal(r.status, 413);
  assert.equal(await count(), before);
});

test('damaged, tiny, duplicate and mislabelled uploads: a clear 4xx or the right type, nothing half-stored', async () => {
  const list = async () => (await srv.request('GET', `/api/v1/patients/${patient.id}/trichoscopy`, { token: clin.token })).body.items;
  const measurements = async () => (await srv.request('GET', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token })).body.items.length;
  const before = [(await list()).length, await measurements()];
  const path = `/api/v1/patients/${patient.id}/trichoscopy?site=vertex&um_per_px=6`;
  // JPEG scan data cut in half with the end marker put back: OpenCV alone
  // would decode it with a grey lower half and count hairs in the damage.
  const jpg = readFileSync(join(dir, 'c.jpg'));
  let r = await upload(path, Buffer.concat([jpg.subarray(0, jpg.length >> 1), Buffer.from([0xff, 0xd9])]), 'image/jpeg');
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.errors[0].field, 'body');
  assert.match(r.body.errors[0].message, /corrupt JPEG data/);
  for (const [w, h] of [[1, 1], [4, 4], [1280, 3], [100, 100]]) {
    r = await upload(path, rgbPng(w, h));
    assert.equal(r.status, 422, `${w}x${h}: ${r.text}`);
    assert.match(r.body.errors[0].message, /too small/);
  }
  for (const [query, field] of [['site=vertex&um_per_px=0x10', 'um_per_px'], ['site=vertex&um_per_px=inf', 'um_per_px'],
    ['site=%20&um_per_px=6', 'site'], ['site=a%00b&um_per_px=6', 'site'], ['site=a%0Ab&um_per_px=6', 'site'],
    [`site=${'v'.repeat(121)}&um_per_px=6`, 'site']]) {
    r = await upload(`/api/v1/patients/${patient.id}/trichoscopy?${query}`, jpg, 'image/jpeg');
    assert.equal(r.status, 422, `${query}: ${r.text}`);
    assert.equal(r.body.errors[0].field, field, query);
  }
  assert.match(r.body.errors[0].message, /at most 120 characters/);
  // A negative scale is a number out of its range, and is told so.
  r = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=vertex&um_per_px=-5`, jpg, 'image/jpeg');
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.errors[0].field, 'um_per_px');
  assert.match(r.body.errors[0].message, /^um_per_px must be between 0\.5 and 100\.0$/);
  r = await srv.request('POST', `/api/v1/patients/no-such-patient/trichoscopy?site=vertex&um_per_px=6`, { token: clin.token, raw: jpg, headers: { 'content-type': 'image/jpeg' } });
  assert.equal(r.status, 404);
  assert.deepEqual([(await list()).length, await measurements()], before);
  // A JPEG labelled PNG (in capitals) is stored, and served, as the JPEG it is.
  r = await upload(path, jpg, 'IMAGE/PNG');
  assert.equal(r.status, 201, r.text);
  const original = await fetch(srv.base + r.body.image_url, { headers: { authorization: `Bearer ${clin.token}` } });
  assert.equal(original.headers.get('content-type'), 'image/jpeg');
  // The same image again is refused, naming the first upload.
  const stored = [(await list()).length, await measurements()];
  const again = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=2&um_per_px=6`, jpg, 'image/jpeg');
  assert.equal(again.status, 409, again.text);
  assert.match(again.body.detail, new RegExp(`the analysis of ${humanDate(r.body.taken_on)} at site "${r.body.site}"`));
  assert.doesNotMatch(again.body.detail, new RegExp(r.body.id), 'people read it: no internal id');
  assert.deepEqual([(await list()).length, await measurements()], stored);
});

test('a second image of another site is refused and leaves the record unpaired', async () => {
  const first = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=nape&um_per_px=6`, readFileSync(join(dir, 'd.png')));
  assert.equal(first.status, 201, first.text);
  const r = await upload(`/api/v1/trichoscopy/${first.body.id}/second?hours=60`, readFileSync(join(dir, 'p2.png')));
  assert.equal(r.status, 422, r.text);
  assert.equal(r.body.errors[0].field, 'body');
  assert.match(r.body.errors[0].message, /does not show the same site/);
  const record = await srv.request('GET', `/api/v1/trichoscopy/${first.body.id}`, { token: clin.token });
  assert.equal(record.body.paired, false);
  const ms = (await srv.request('GET', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token })).body.items;
  assert.equal(ms.filter((m) => m.kind === 'anagen_percent' && m.site === 'nape').length, 0);
});

test('of simultaneous second images only one is taken', async () => {
  const first = await upload(`/api/v1/patients/${patient.id}/trichoscopy?site=crown&um_per_px=6`, readFileSync(join(dir, 'p3.png')));
  assert.equal(first.status, 201, first.text);
  const anagenCount = async () => (await srv.request('GET', `/api/v1/patients/${patient.id}/measurements`, { token: clin.token })).body.items.filter((m) => m.kind === 'anagen_percent' && m.site === 'crown').length;
  const second = readFileSync(join(dir, 'p4.png'));
  const replies = await Promise.all([48, 60, 72].map((h) => upload(`/api/v1/trichoscopy/${first.body.id}/second?hours=${h}`, second)));
  assert.deepEqual(replies.map((x) => x.status).sort(), [200, 409, 409], replies.map((x) => x.text).join('\n'));
  const won = replies.find((x) => x.status === 200);
  const record = await srv.request('GET', `/api/v1/trichoscopy/${first.body.id}`, { token: clin.token });
  assert.equal(record.body.hours, won.body.hours);
  assert.equal(await anagenCount(), won.body.measurements.length);
});

test('a method the URL does not take gets 405 in the status line and the body', async () => {
  const r = await srv.request('DELETE', `/api/v1/patients/${patient.id}/trichoscopy`, { token: clin.token });
  assert.equal(r.status, 405);
  assert.equal(r.body.status, 405);
  assert.equal(r.body.title, 'Method not allowed');
});

test('the analyze command prints the contract JSON and refuses non-images', () => {
  const out = JSON.parse(execFileSync(BIN, ['analyze', join(dir, 'a.png'), '--um-per-px', String(truth.um_per_px), '--json', '--overlay', join(dir, 'o.png')]).toString());
  for (const k of ['hair_count', 'area_cm2', 'density_per_cm2', 'mean_diameter_um', 'vellus_percent', 'terminal_density', 'cumulative_thickness_mm', 'hairs']) assert.ok(k in out, k);
  assert.ok(!('anagen_percent' in out) || out.anagen_percent === undefined);
  for (const h of out.hairs.slice(0, 3)) for (const k of ['x', 'y', 'length_um', 'diameter_um']) assert.ok(k in h, k);
  assert.ok(existsSync(join(dir, 'o.png')));
  const pair = JSON.parse(execFileSync(BIN, ['analyze', join(dir, 'p1.png'), '--um-per-px', String(truthPair.um_per_px), '--json', '--second', join(dir, 'p2.png'), '--hours', '60']).toString());
  assert.equal(typeof pair.anagen_percent, 'number');
  writeFileSync(join(dir, 'bad.png'), 'not an image');
  const bad = spawnSync(BIN, ['analyze', join(dir, 'bad.png'), '--um-per-px', '5', '--json']);
  assert.equal(bad.status, 1, 'a file that is no image');
  assert.match(bad.stderr.toString(), /bad\.png/);
  assert.equal(bad.stdout.toString(), '');
  // Mistakes on the command line exit 2, each named: a missing image, a word
  // for a number, a scale out of range. --help is no mistake.
  for (const [args, said] of [[['analyze', '--um-per-px', '5'], /IMAGE|image/], [['analyze', join(dir, 'a.png'), '--um-per-px', 'five'], /um-per-px/],
    [['analyze', join(dir, 'a.png'), '--um-per-px', '0.1'], /um-per-px|um_per_px/]]) {
    const r = spawnSync(BIN, args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.toString(), said, args.join(' '));
  }
  assert.equal(spawnSync(BIN, ['analyze', '--help']).status, 0);
});

/** "5 Jan 2026", as messages word a day. */
function humanDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}
