import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, admin, clin, recep;
before(async () => {
  srv = await startServer();
  admin = await srv.admin();
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
});
after(async () => { await srv.stop(); });

const trail = async (q) => (await srv.request('GET', `/api/v1/audit?${q}`, { token: await srv.admin() })).body.items;

test('reads and writes of a patient are recorded with who, what, when, where and outcome', async () => {
  await srv.setClock('2026-03-02T10:15:00Z');
  const p = await srv.patient(recep.token);
  await srv.request('GET', `/api/v1/patients/${p.id}`, { token: clin.token });
  await srv.request('POST', `/api/v1/patients/${p.id}/screenings`, { token: clin.token, body: { answers: {} } });
  await srv.request('POST', `/api/v1/patients/${p.id}/screenings`, { token: clin.token, body: { answers: { nope: true } } });
  const items = await trail(`patient_id=${p.id}`);
  const actions = items.map((e) => `${e.action}:${e.outcome}`);
  assert.deepEqual(actions, ['screening.create:invalid', 'screening.create:ok', 'patient.read:ok', 'patient.create:ok']);
  const create = items[3];
  assert.equal(create.user_id, recep.id);
  assert.equal(create.patient_id, p.id);
  assert.equal(create.at, '2026-03-02T10:15:00+00:00');
  assert.equal(create.ip, '127.0.0.1');
  assert.equal(create.method, 'POST');
  assert.equal(create.status, 201);
  assert.ok(create.request_id);
  assert.equal(items[2].user_id, clin.id);
});

test('the trail can be listed per user', async () => {
  const nurse = await srv.user('receptionist', 'nurse');
  const p = await srv.patient(nurse.token);
  await srv.request('GET', `/api/v1/patients?q=ruiz`, { token: nurse.token });
  const items = await trail(`user_id=${nurse.id}`);
  assert.deepEqual(items.map((e) => e.action), ['patient.search', 'patient.create']);
  assert.ok(items.every((e) => e.user_id === nurse.id));
  assert.equal(items[1].patient_id, p.id);
});

test('refusals are recorded too', async () => {
  const p = await srv.patient(recep.token);
  await srv.request('POST', `/api/v1/patients/${p.id}/assessments`, { token: recep.token, body: {} });
  await srv.request('GET', `/api/v1/patients/${p.id}`); // no session
  const items = await trail(`patient_id=${p.id}`);
  assert.deepEqual(items.slice(0, 2).map((e) => [e.action, e.outcome, e.status]), [
    ['patient.read', 'denied', 401], ['assessment.create', 'denied', 403]]);
  assert.equal(items[0].user_id, null);
});

test('the trail is append-only: no endpoint changes or deletes it', async () => {
  for (const m of ['PUT', 'PATCH', 'DELETE', 'POST']) {
    const r = await srv.request(m, '/api/v1/audit', { token: await srv.admin(), body: {} });
    assert.equal(r.status, 405, m);
    assert.equal(r.headers.get('allow'), 'GET');
  }
});

test('only admins read the trail, and pages go back in time', async () => {
  assert.equal((await srv.request('GET', '/api/v1/audit', { token: clin.token })).status, 403);
  const first = await srv.request('GET', '/api/v1/audit?limit=2', { token: await srv.admin() });
  assert.equal(first.body.items.length, 2);
  const second = await srv.request('GET', `/api/v1/audit?limit=2&cursor=${first.body.next_cursor}`, { token: await srv.admin() });
  assert.ok(second.body.items[0].seq < first.body.items[1].seq);
});

test('the record of a read survives the server being killed right after answering', async () => {
  const own = await startServer();
  const token = await own.admin();
  const p = await own.patient(token);
  const read = await own.request('GET', `/api/v1/patients/${p.id}`, { token });
  assert.equal(read.status, 200);
  const denied = await own.request('GET', `/api/v1/audit?patient_id=${p.id}`, { token: 'not-a-session' });
  assert.equal(denied.status, 401);
  own.proc.kill('SIGKILL');
  await new Promise((resolve) => own.proc.once('exit', resolve));
  const again = await startServer({ db: own.database });
  again.adminPassword = own.adminPassword;
  try {
    const items = (await again.request('GET', `/api/v1/audit?patient_id=${p.id}`, { token: await again.admin() })).body.items;
    assert.deepEqual(items.map((e) => `${e.action}:${e.outcome}`), ['patient.read:ok', 'patient.create:ok']);
  } finally {
    await again.stop();
  }
});
