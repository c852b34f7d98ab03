import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, freshDatabase } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('health needs no session', async () => {
  const r = await srv.request('GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok' });
  assert.ok(r.headers.get('x-request-id'));
});

test('the OpenAPI document lists every endpoint', async () => {
  const r = await srv.request('GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  for (const [path, method] of [['/api/v1/patients', 'post'], ['/api/v1/patients/{patient_id}', 'get'],
    ['/api/v1/patients/{patient_id}/screenings', 'post'], ['/api/v1/patients/{patient_id}/assessments', 'post'],
    ['/api/v1/auth/login', 'post'], ['/api/v1/audit', 'get'], ['/api/v1/clinic', 'put'], ['/api/v1/health', 'get']]) {
    assert.ok(r.body.paths[path]?.[method], `${method} ${path}`);
  }
  const refs = JSON.stringify(r.body).match(/#\/components\/schemas\/(\w+)/g).map((s) => s.split('/').pop());
  for (const name of refs) assert.ok(r.body.components.schemas[name], `schema ${name}`);
  assert.ok(r.body.paths['/api/v1/test/clock'], 'a server run with --test-clock lists its clock');
});

test('a server without --test-clock neither lists nor answers the test clock', async () => {
  const plain = await startServer({ clock: null });
  try {
    const doc = await plain.request('GET', '/api/v1/openapi.json');
    assert.equal(doc.body.paths['/api/v1/test/clock'], undefined);
    assert.ok(doc.body.paths['/api/v1/health']);
    const r = await plain.request('POST', '/api/v1/test/clock', { body: { now: '2030-01-01T00:00:00Z' } });
    assert.equal(r.status, 404);
  } finally {
    await plain.stop();
  }
});

test('unknown paths are 404 and wrong methods 405, as problem+json', async () => {
  const a = await srv.request('GET', '/api/v1/nothing-here');
  assert.equal(a.status, 404);
  assert.equal(a.headers.get('content-type'), 'application/problem+json');
  const b = await srv.request('DELETE', '/api/v1/health');
  assert.equal(b.status, 405);
});

test('keep-alive: several requests on one connection', async () => {
  const replies = await new Promise((resolve, reject) => {
    const sock = net.connect(new URL(srv.base).port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => {
      data += d;
      if ((data.match(/HTTP\/1\.1 200/g) || []).length === 3) { sock.end(); resolve(data); }
    });
    sock.on('error', reject);
    const req = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';
    sock.write(req + req + req);
  });
  assert.equal((replies.match(/"status":"ok"/g) || []).length, 3);
});

test('garbage instead of HTTP gets a 400 and the server carries on', async () => {
  const reply = await new Promise((resolve) => {
    const sock = net.connect(new URL(srv.base).port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
    sock.write('HELLO THERE\r\n\r\n');
  });
  assert.match(reply, /^HTTP\/1\.1 400/);
  assert.equal((await srv.request('GET', '/api/v1/health')).status, 200);
});

// One raw request; its reply as text once the server closes the connection.
function rawRequest(bytes) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(new URL(srv.base).port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
    sock.write(bytes);
  });
}

test('bytes that are not UTF-8 in the URL or a header get a clear reply, and the server carries on', async () => {
  const cases = [
    ['/api/v1/patients/%ff', 400, /not UTF-8 text/],
    ['/?%ff=1&%ff=2', 400, /not UTF-8 text/],
    ['/api/v1/patients?%c0%80=1', 400, /not UTF-8 text/],
    [`/api/v1/patients?${'a'.repeat(59)}%c3%a9=1&${'a'.repeat(59)}%c3%a9=2`, 400, new RegExp(`"${'a'.repeat(59)}" is given more than once`)],
  ];
  for (const [target, status, detail] of cases) {
    const reply = await rawRequest(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.match(reply, new RegExp(`^HTTP/1\\.1 ${status}`), target);
    const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
    assert.match(body.detail, detail, target);
  }
  // A request id that is not printable ASCII is replaced by the server's own.
  const reply = await rawRequest(Buffer.concat([
    Buffer.from('GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Request-Id: '),
    Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\r\n\r\n')]));
  assert.match(reply, /^HTTP\/1\.1 404/);
  const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
  assert.match(body.request_id, /^[\x21-\x7e]+$/);
  assert.equal((await srv.request('GET', '/api/v1/health')).status, 200);
});

test('headers over 16 KB get 431, said in the body too, and the server carries on', async () => {
  const reply = await rawRequest(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20000)}\r\n\r\n`);
  assert.match(reply, /^HTTP\/1\.1 431/);
  const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
  assert.equal(body.status, 431);
  assert.match(body.detail, /headers are too large/);
  assert.equal(body.title, 'Request headers too large');
  assert.equal((await srv.request('GET', '/api/v1/health')).status, 200);
});

test('SIGTERM: in-flight requests finish, and every acknowledged write survives a restart', async () => {
  const db = freshDatabase();
  const s = await startServer({ db });
  const token = await s.admin();
  const sends = Array.from({ length: 60 }, (_, i) =>
    s.request('POST', '/api/v1/patients', { token, body: { given_name: `Term${i}`, family_name: 'Signal', birth_date: '1970-01-01', sex: 'unknown' } })
      .catch(() => null));
  // Stop while the others are in flight: once the first has been answered.
  await Promise.race(sends);
  const stopping = s.stop({ keepDatabase: true });
  const results = await Promise.all(sends);
  assert.equal(await stopping, 0);
  const acked = results.filter((r) => r && r.status === 201).map((r) => r.body.id);
  for (const r of results) if (r) assert.ok([201, 503].includes(r.status) , `status ${r.status}`);
  const again = await startServer({ db });
  const t2 = await again.login('admin@anagen.local', s.adminPassword);
  for (const id of acked) {
    assert.equal((await again.request('GET', `/api/v1/patients/${id}`, { token: t2 })).status, 200);
  }
  await again.stop();
});

test('clinic time zone is validated against the tz database and used for instants', async () => {
  const admin = await srv.admin();
  const bad = await srv.request('PUT', '/api/v1/clinic', { token: admin, body: { name: 'X', timezone: 'Mars/Olympus' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'timezone');
  const ok = await srv.request('PUT', '/api/v1/clinic', { token: admin, body: { name: 'Clínica Capilar Sol', timezone: 'Europe/Madrid' } });
  assert.equal(ok.status, 200);
  const got = await srv.request('GET', '/api/v1/clinic', { token: admin });
  assert.equal(got.body.timezone, 'Europe/Madrid');
  assert.equal(got.body.name, 'Clínica Capilar Sol');
  const p = await srv.patient(admin);
  assert.match(p.created_at, /\+01:00$/); // January in Madrid
  await srv.request('PUT', '/api/v1/clinic', { token: admin, body: { name: 'X', timezone: 'UTC' } });
});

test('the clinic\'s phone for patients: checked, kept across other changes, cleared with null', async () => {
  const admin = await srv.admin();
  const put = (body) => srv.request('PUT', '/api/v1/clinic', { token: admin, body: { name: 'Clínica Sol', timezone: 'UTC', ...body } });
  const bad = await put({ phone: 'call us' });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'phone');
  assert.equal((await put({ phone: '+34 910 000 123' })).body.phone, '+34 910 000 123');
  assert.equal((await put({ slot_minutes: 15 })).body.phone, '+34 910 000 123', 'a PUT without it keeps it');
  const patient = await srv.patient(admin, { email: 'phone.test@example.test' });
  const inv = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: admin });
  const portal = (await srv.request('POST', '/api/v1/portal/accept', { body: { token: new URL(inv.body.link).searchParams.get('token'), password: 'a long password' } })).body.token;
  assert.equal((await srv.request('GET', '/api/v1/clinic', { token: portal })).body.phone, '+34 910 000 123', 'patients read it');
  assert.equal((await put({ phone: null, slot_minutes: 10 })).body.phone, null);
});
