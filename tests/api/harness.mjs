// Starts the real anagen binary on a fresh database (SQLite file or a new
// PostgreSQL database in the test cluster) and talks to it over HTTP.
// ANAGEN_TEST_ENGINE=sqlite|postgresql picks the engine; ANAGEN_BIN the binary;
// ANAGEN_PG_STATE the file tests/pg_cluster.sh wrote.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const ENGINE = process.env.ANAGEN_TEST_ENGINE || 'sqlite';
export const BIN = process.env.ANAGEN_BIN || new URL('../../build/anagen', import.meta.url).pathname;
export const START = '2026-01-05T09:00:00Z'; // a Monday

// A fresh, empty database URL for one server.
export function freshDatabase() {
  if (ENGINE === 'postgresql') {
    const state = readFileSync(process.env.ANAGEN_PG_STATE, 'utf8').split('\n');
    const dir = state[1];
    const name = 't_' + randomBytes(6).toString('hex');
    execFileSync('psql', [`postgresql://postgres@/postgres?host=${dir}`, '-qc', `CREATE DATABASE ${name}`]);
    return { url: `postgresql://postgres@/${name}?host=${dir}`, cleanup() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'anagen-test-'));
  return { url: `sqlite://${dir}/anagen.db`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts `anagen serve` on a free port; resolves once it listens. The
// reminders' background loop is off unless extraArgs sets
// --outbox-poll-ms: a tick between a test's clock move and its own
// POST /outbox/run would take the messages first.
export async function startServer({ db, clock = START, extraArgs = [] } = {}) {
  const database = db || freshDatabase();
  const poll = extraArgs.includes('--outbox-poll-ms') ? [] : ['--outbox-poll-ms', '0'];
  const args = ['serve', '--db', database.url, '--port', '0', '--log-level', 'warn', ...poll, ...extraArgs];
  if (clock) args.push('--test-clock', clock);
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const info = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^ ]+)/);
      if (m) resolve({ base: m[1], password: (out.match(/password: +(\S+)/) || [])[1] });
    });
    proc.on('exit', (code) => reject(new Error(`anagen exited with ${code}: ${out}${err}`)));
  });
  const server = new Server(proc, info.base, database);
  server.adminPassword = info.password;
  server.output = () => out + err;
  return server;
}

export class Server {
  constructor(proc, base, database) {
    this.proc = proc;
    this.base = base;
    this.database = database;
  }

  // Sends one request; resolves {status, body (parsed JSON when JSON), text, headers}.
  async request(method, path, { token, body, raw, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
      payload = JSON.stringify(body);
      h['content-type'] = h['content-type'] || 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed = null;
    if ((res.headers.get('content-type') || '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, text, headers: res.headers };
  }

  async login(email, password) {
    const r = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
    return r.body.token;
  }

  async admin() {
    if (!this.adminToken) this.adminToken = await this.login('admin@anagen.local', this.adminPassword);
    return this.adminToken;
  }

  // Creates a staff user with that role; resolves {id, email, token}.
  async user(role, name = role) {
    const email = `${name}.${randomBytes(3).toString('hex')}@clinic.test`;
    const password = 'correct horse battery';
    const r = await this.request('POST', '/api/v1/users', {
      token: await this.admin(), body: { email, name, role, password },
    });
    if (r.status !== 201) throw new Error(`create user: ${r.status} ${r.text}`);
    const user = { id: r.body.id, email, password, token: await this.login(email, password) };
    this.users = [...(this.users || []), user];
    return user;
  }

  // Moves the server clock. A jump longer than the session idle time would
  // sign everyone out, so by default the known users sign in again (their
  // token fields are updated in place); pass {relogin: false} to keep tokens.
  async setClock(now, { relogin = true } = {}) {
    const r = await this.request('POST', '/api/v1/test/clock', { body: { now } });
    if (r.status !== 200) throw new Error(`clock: ${r.status} ${r.text}`);
    if (!relogin) return;
    if (this.adminToken) this.adminToken = await this.login('admin@anagen.local', this.adminPassword);
    for (const u of this.users || []) u.token = await this.login(u.email, u.password);
  }

  async patient(token, fields = {}) {
    const r = await this.request('POST', '/api/v1/patients', {
      token,
      body: { given_name: 'Ana', family_name: 'Ruiz', birth_date: '1988-02-03', sex: 'female', ...fields },
    });
    if (r.status !== 201) throw new Error(`create patient: ${r.status} ${r.text}`);
    return r.body;
  }

  // Stops the server with SIGTERM and waits for it to exit; resolves the exit code.
  async stop({ keepDatabase = false } = {}) {
    if (this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
      this.proc.kill('SIGTERM');
      this.exitCode = await exited;
    }
    if (!keepDatabase) this.database.cleanup();
    return this.exitCode ?? this.proc.exitCode;
  }
}

/** The common set-up: a server on `clock` whose clinic is in Madrid, with an
 * admin token, a clinician and a receptionist. Resolves {srv, admin, clin, recep}. */
export async function madridClinic(clock = '2026-01-05T08:00:00Z') {
  const srv = await startServer({ clock });
  const admin = await srv.admin();
  const clin = await srv.user('clinician');
  const recep = await srv.user('receptionist');
  await srv.request('PUT', '/api/v1/clinic', { token: admin, body: { name: 'Clínica Sol', timezone: 'Europe/Madrid' } });
  return { srv, admin, clin, recep };
}

// A patient ready for a plan: eligible screening and an assessment.
// Resolves {patient, assessment}.
export async function readyPatient(srv, token, { grade = 'III', scale = 'norwood', sex = 'male', answers = {}, given = 'Ready' } = {}) {
  const patient = await srv.patient(token, { given_name: given, sex });
  const s = await srv.request('POST', `/api/v1/patients/${patient.id}/screenings`, { token, body: { answers } });
  if (s.status !== 201) throw new Error(`screening: ${s.text}`);
  const a = await srv.request('POST', `/api/v1/patients/${patient.id}/assessments`, {
    token, body: { diagnosis: 'androgenetic_alopecia', scale, grade, roots_retained: true },
  });
  if (a.status !== 201) throw new Error(`assessment: ${a.text}`);
  return { patient, assessment: a.body, screening: s.body };
}

// A practitioner working the given hours (default Mon-Fri 09:00-17:00).
export async function practitioner(srv, token, name = 'Dr Vega', hours) {
  const working_hours = hours || [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
  const r = await srv.request('POST', '/api/v1/practitioners', { token, body: { name, working_hours } });
  if (r.status !== 201) throw new Error(`practitioner: ${r.text}`);
  return r.body;
}

// Parses an iCalendar text with libical (tests/tools/ics_check).
export function icsCheck(text) {
  const bin = process.env.ANAGEN_ICS_CHECK || new URL('../../build/ics_check', import.meta.url).pathname;
  const out = execFileSync(bin, { input: text });
  return JSON.parse(out.toString());
}
