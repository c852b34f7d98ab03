// `anagen demo` fills a fresh database with a believable clinic: what a
// newcomer signing in should find there, on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, freshDatabase, startServer } from './harness.mjs';

const NOW = '2026-11-20T10:00:00Z';
let db, srv, out, logins;

before(async () => {
  db = freshDatabase();
  const run = spawnSync(BIN, ['demo', '--db', db.url, '--now', NOW], { encoding: 'utf8', timeout: 300000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  out = run.stdout;
  logins = Object.fromEntries(
    [...out.matchAll(/^ {2}(\w+) +(\S+@\S+) +password: (.+)$/gm)].map((m) => [m[1], { email: m[2], password: m[3] }]));
  srv = await startServer({ db, clock: NOW });
});
after(async () => { await srv?.stop(); });

const get = async (path, token) => {
  const r = await srv.request('GET', path, { token });
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
};

test('it prints a working sign-in for each role', async () => {
  assert.deepEqual(Object.keys(logins).sort(), ['admin', 'clinician', 'patient', 'receptionist']);
  for (const role of Object.keys(logins)) {
    const token = await srv.login(logins[role].email, logins[role].password);
    const me = await get('/api/v1/auth/me', token);
    assert.equal(me.role, role);
  }
});

test('about 30 patients, at every stage of a course', async () => {
  const clin = await srv.login(logins.clinician.email, logins.clinician.password);
  const patients = (await get('/api/v1/patients?limit=100', clin)).items;
  assert.equal(patients.length, 30);
  const stages = { unscreened: 0, ineligible: 0, review: 0, assessed_only: 0, in_course: 0 };
  const evaluations = new Set();
  let sessionsDone = 0;
  for (const p of patients) {
    const plans = (await get(`/api/v1/patients/${p.id}/plans`, clin)).items;
    if (plans.length) {
      stages.in_course++;
      sessionsDone += (await get(`/api/v1/patients/${p.id}/sessions`, clin)).items.length;
      evaluations.add((await get(`/api/v1/patients/${p.id}/progress`, clin)).evaluation);
      continue;
    }
    const screenings = (await get(`/api/v1/patients/${p.id}/screenings`, clin)).items;
    const last = screenings[0];
    if (!last) stages.unscreened++;
    else if (last.outcome === 'ineligible') stages.ineligible++;
    else if (last.outcome === 'review' && !last.override) stages.review++;
    else stages.assessed_only++;
  }
  for (const [stage, n] of Object.entries(stages)) assert.ok(n > 0, `no patient ${stage}: ${JSON.stringify(stages)}`);
  assert.ok(sessionsDone > 100, `only ${sessionsDone} sessions charted`);
  for (const e of ['too_early', 'responder', 'partial', 'non_responder']) {
    assert.ok(evaluations.has(e), `no course evaluated ${e}: ${[...evaluations]}`);
  }
});

test('today has appointments, and the day view has something to act on', async () => {
  const recep = await srv.login(logins.receptionist.email, logins.receptionist.password);
  const clin = await srv.login(logins.clinician.email, logins.clinician.password);
  const week = await get(`/api/v1/appointments?from=${NOW}&to=2026-12-04T00:00:00Z`, recep);
  assert.ok(week.items.length >= 5, `${week.items.length} appointments in the next two weeks`);
  const flagged = await get('/api/v1/plans?needs_review=true', clin);
  assert.ok(flagged.items.length >= 1, 'the serious side effect holds a course for review');
  const report = await get('/api/v1/reports/adverse-events', clin);
  assert.ok(report.sessions > 100);
  assert.ok(report.by_type.length >= 2);
  // One lot expired during the story and is no longer offered.
  const usable = (await get('/api/v1/lots?usable=true', clin)).items.map((l) => l.lot_number);
  const all = (await get('/api/v1/lots', clin)).items;
  assert.ok(all.some((l) => l.expired && !usable.includes(l.lot_number)));
});

test('the portal patient sees their own course, and only theirs', async () => {
  const token = await srv.login(logins.patient.email, logins.patient.password);
  const me = await get('/api/v1/portal/me', token);
  assert.ok(me.upcoming.length > 0);
  const clin = await srv.login(logins.clinician.email, logins.clinician.password);
  const other = (await get('/api/v1/patients?limit=100', clin)).items.find((p) => p.id !== me.patient.id);
  const denied = await srv.request('GET', `/api/v1/patients/${other.id}`, { token });
  assert.equal(denied.status, 403);
});

test('a second run refuses a database that is not empty, and changes nothing', async () => {
  const run = spawnSync(BIN, ['demo', '--db', db.url, '--now', NOW], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /needs an empty database/);
  const clin = await srv.login(logins.clinician.email, logins.clinician.password);
  assert.equal((await get('/api/v1/patients?limit=100', clin)).items.length, 30);
});

test('a bad --now is refused with a message', () => {
  const run = spawnSync(BIN, ['demo', '--db', freshDatabase().url, '--now', 'yesterday'], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /--now must be an instant/);
});
