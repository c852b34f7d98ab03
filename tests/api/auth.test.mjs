import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, BIN } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('first start prints a working admin password', async () => {
  assert.match(srv.adminPassword, /^\S{16,}$/);
  const r = await srv.request('POST', '/api/v1/auth/login', {
    body: { email: 'admin@anagen.local', password: srv.adminPassword },
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.user.role, 'admin');
  assert.ok(r.body.token.length >= 40);
  assert.match(r.headers.get('set-cookie'), /anagen_session=.*HttpOnly/);
});

test('wrong password and unknown email give the same 401 problem', async () => {
  const a = await srv.request('POST', '/api/v1/auth/login', { body: { email: 'admin@anagen.local', password: 'nope nope nope' } });
  const b = await srv.request('POST', '/api/v1/auth/login', { body: { email: 'ghost@anagen.local', password: 'nope nope nope' } });
  for (const r of [a, b]) {
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.match(r.body.detail, /email or password is wrong/);
  }
});

test('login with missing fields is a 422 naming them', async () => {
  const r = await srv.request('POST', '/api/v1/auth/login', { body: { email: 'x@y.z' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['password']);
});

test('requests without a valid session get 401', async () => {
  assert.equal((await srv.request('GET', '/api/v1/patients')).status, 401);
  assert.equal((await srv.request('GET', '/api/v1/patients', { token: 'forged' })).status, 401);
  assert.equal((await srv.request('GET', '/api/v1/health')).status, 200);
});

test('the session cookie works like the bearer token', async () => {
  const token = await srv.admin();
  const r = await srv.request('GET', '/api/v1/auth/me', { headers: { cookie: `theme=dark; anagen_session=${token}` } });
  assert.equal(r.status, 200);
  assert.equal(r.body.email, 'admin@anagen.local');
  assert.ok(r.body.permissions.includes('audit:read'));
});

test('logout revokes the token', async () => {
  const u = await srv.user('clinician');
  assert.equal((await srv.request('GET', '/api/v1/auth/me', { token: u.token })).status, 200);
  assert.equal((await srv.request('POST', '/api/v1/auth/logout', { token: u.token })).status, 204);
  assert.equal((await srv.request('GET', '/api/v1/auth/me', { token: u.token })).status, 401);
});

test('repeated failed sign-ins are slowed down and say so', async () => {
  const u = await srv.user('receptionist');
  const statuses = [];
  let last;
  for (let i = 0; i < 6; i++) {
    last = await srv.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: 'wrong password!' } });
    statuses.push(last.status);
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.equal(last.status, 429);
  assert.match(last.body.detail, /slowed down/);
  assert.ok(Number(last.headers.get('retry-after')) >= 1);
  // Even the right password waits until the delay has passed...
  const early = await srv.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(early.status, 429);
  // ...and works afterwards, resetting the count.
  await srv.setClock('2026-01-05T09:30:00Z', { relogin: false });
  const ok = await srv.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(ok.status, 200);
  const again = await srv.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: 'wrong password!' } });
  assert.equal(again.status, 401);
});

test('sessions expire after the idle time (default 12 h)', async () => {
  await srv.setClock('2026-02-01T08:00:00Z');
  const u = await srv.user('clinician');
  await srv.setClock('2026-02-01T19:00:00Z', { relogin: false }); // 11 h idle: still valid, and touched
  assert.equal((await srv.request('GET', '/api/v1/auth/me', { token: u.token })).status, 200);
  await srv.setClock('2026-02-02T06:59:00Z', { relogin: false }); // 11 h 59 min after the last use
  assert.equal((await srv.request('GET', '/api/v1/auth/me', { token: u.token })).status, 200);
  await srv.setClock('2026-02-02T19:00:00Z', { relogin: false }); // 12 h later
  const r = await srv.request('GET', '/api/v1/auth/me', { token: u.token });
  assert.equal(r.status, 401);
  assert.match(r.body.detail, /expired/);
  await srv.setClock('2026-02-02T19:00:00Z'); // everyone else signs in again
});

test('deactivating a user signs them out', async () => {
  const u = await srv.user('clinician');
  const r = await srv.request('PATCH', `/api/v1/users/${u.id}`, { token: await srv.admin(), body: { active: false } });
  assert.equal(r.status, 200);
  assert.equal((await srv.request('GET', '/api/v1/auth/me', { token: u.token })).status, 401);
  const login = await srv.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(login.status, 401);
});

test('user add on the command line creates a user who can sign in', async () => {
  const out = execFileSync(BIN, ['user', 'add', '--db', srv.database.url, '--email', 'Dr.Vega@Clinic.test',
    '--name', 'Dr Vega', '--role', 'clinician', '--password-stdin'], { input: 'a long enough secret\n' });
  assert.match(out.toString(), /created clinician/);
  const token = await srv.login('dr.vega@clinic.test', 'a long enough secret');
  const me = await srv.request('GET', '/api/v1/auth/me', { token });
  assert.equal(me.body.role, 'clinician');
});

test('user add refuses bad input with a clear message and non-zero exit', () => {
  const run = (args, input = 'a long enough secret\n') =>
    spawnSync(BIN, ['user', 'add', '--db', srv.database.url, ...args, '--password-stdin'], { input });
  const badRole = run(['--email', 'a@b.test', '--name', 'A', '--role', 'janitor']);
  assert.notEqual(badRole.status, 0);
  assert.match(badRole.stderr.toString(), /--role must be one of/);
  const shortPw = run(['--email', 'a@b.test', '--name', 'A', '--role', 'admin'], 'short\n');
  assert.notEqual(shortPw.status, 0);
  assert.match(shortPw.stderr.toString(), /at least 10 characters/);
  const dup = run(['--email', 'admin@anagen.local', '--name', 'A', '--role', 'admin']);
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr.toString(), /already exists/);
});
