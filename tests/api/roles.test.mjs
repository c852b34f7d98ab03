// The permission matrix of the README, checked endpoint by endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, admin, clinician, receptionist, patientId;
before(async () => {
  srv = await startServer();
  admin = { token: await srv.admin() };
  clinician = await srv.user('clinician');
  receptionist = await srv.user('receptionist');
  patientId = (await srv.patient(admin.token)).id;
});
after(async () => { await srv.stop(); });

const screening = { answers: { pregnant: false } };
const assessment = { diagnosis: 'androgenetic_alopecia', scale: 'norwood', grade: 'III', roots_retained: true };

// [method, path (p = patient id), body, admin, clinician, receptionist]
const matrix = () => [
  ['POST', '/api/v1/patients', { given_name: 'B', family_name: 'C', birth_date: '1990-01-01', sex: 'male' }, 201, 201, 201],
  ['GET', `/api/v1/patients/${patientId}`, undefined, 200, 200, 200],
  ['GET', '/api/v1/patients?q=ruiz', undefined, 200, 200, 200],
  ['PATCH', `/api/v1/patients/${patientId}`, { phone: '+34 600 000 000' }, 200, 200, 200],
  ['POST', `/api/v1/patients/${patientId}/screenings`, screening, 201, 201, 403],
  ['GET', `/api/v1/patients/${patientId}/screenings`, undefined, 200, 200, 403],
  ['GET', `/api/v1/patients/${patientId}/screenings/current`, undefined, 200, 200, 403],
  ['POST', `/api/v1/patients/${patientId}/assessments`, assessment, 201, 201, 403],
  ['GET', `/api/v1/patients/${patientId}/assessments`, undefined, 200, 200, 403],
  ['GET', '/api/v1/screening-rules', undefined, 200, 200, 403],
  ['PUT', '/api/v1/screening-rules', { rules: {} }, 200, 403, 403],
  ['GET', '/api/v1/clinic', undefined, 200, 200, 200],
  ['PUT', '/api/v1/clinic', { name: 'Clinica Capilar', timezone: 'Europe/Madrid' }, 200, 403, 403],
  ['GET', '/api/v1/users', undefined, 200, 403, 403],
  ['POST', '/api/v1/users', { email: 'n@clinic.test', name: 'N', role: 'receptionist', password: 'long enough pw' }, 201, 403, 403],
  ['GET', '/api/v1/audit', undefined, 200, 403, 403],
];

for (const [who, col] of [['admin', 3], ['clinician', 4], ['receptionist', 5]]) {
  test(`${who} gets exactly the permissions of the matrix`, async () => {
    const token = { admin, clinician, receptionist }[who].token;
    for (const row of matrix()) {
      let body = row[2];
      if (row[1] === '/api/v1/users') body = { ...body, email: `${who}.${Math.random()}@clinic.test` };
      const r = await srv.request(row[0], row[1], { token, body });
      assert.equal(r.status, row[col], `${who} ${row[0]} ${row[1]}: ${r.text}`);
      if (r.status === 403) assert.match(r.body.detail, /does not allow/);
    }
  });
}

test('a receptionist refused a screening read is recorded in the audit trail', async () => {
  await srv.request('GET', `/api/v1/patients/${patientId}/screenings`, { token: receptionist.token });
  const r = await srv.request('GET', `/api/v1/audit?user_id=${receptionist.id}`, { token: admin.token });
  const denied = r.body.items.find((e) => e.action === 'screening.list');
  assert.ok(denied, 'refusal audited');
  assert.equal(denied.outcome, 'denied');
  assert.equal(denied.status, 403);
  assert.equal(denied.patient_id, patientId);
});
