import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { madridClinic, readyPatient, practitioner, icsCheck } from './harness.mjs';

let srv, clin, recep, admin, pr, plan, patient, appts;
before(async () => {
  ({ srv, admin, clin, recep } = await madridClinic());
  pr = await practitioner(srv, admin, 'Dr Ibarra');
  const ready = await readyPatient(srv, clin.token, { grade: 'III', given: 'Teresa' });
  patient = ready.patient;
  plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: ready.assessment.id, start_date: '2026-01-12' } })).body;
  appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '10:00' } })).body.appointments;
});
after(async () => { await srv.stop(); });

const ics = async (path, token = recep.token) => {
  const r = await srv.request('GET', path, { token });
  return { r, cal: r.status === 200 ? icsCheck(r.text) : null };
};

test('practitioner and patient feeds are valid iCalendar with the clinic VTIMEZONE', async () => {
  for (const path of [`/api/v1/practitioners/${pr.id}/calendar.ics`, `/api/v1/patients/${patient.id}/calendar.ics`]) {
    const { r, cal } = await ics(path);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/calendar/);
    assert.equal(cal.parsed, true);
    assert.equal(cal.valid, true, JSON.stringify(cal.errors));
    assert.deepEqual(cal.errors, []);
    assert.deepEqual(cal.timezones, ['Europe/Madrid']);
    assert.equal(cal.events.length, appts.length);
    // Parsed back through the VTIMEZONE: 10:00 in Madrid, winter and summer.
    const first = cal.events.find((e) => e.uid === `${appts[0].id}@anagen`);
    assert.equal(first.start, '2026-01-12T09:00:00Z');
    assert.equal(first.end, '2026-01-12T09:20:00Z');
    const summer = cal.events.find((e) => e.uid === `${appts[7].id}@anagen`);
    assert.equal(summer.start, '2026-03-30T08:00:00Z');
  }
  const patientFeed = (await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token })).text;
  assert.doesNotMatch(patientFeed, /Teresa/, 'the patient feed does not carry the name');
  const practitionerFeed = (await srv.request('GET', `/api/v1/practitioners/${pr.id}/calendar.ics`, { token: recep.token })).text;
  assert.match(practitionerFeed, /Teresa Ruiz/);
});

test('UIDs are stable, SEQUENCE rises on each change, cancelled shows as CANCELLED', async () => {
  await srv.request('PATCH', `/api/v1/appointments/${appts[1].id}`, { token: recep.token, body: { start: '2026-01-20T11:00:00+01:00' } });
  await srv.request('PATCH', `/api/v1/appointments/${appts[1].id}`, { token: recep.token, body: { start: '2026-01-20T12:00:00+01:00' } });
  await srv.request('POST', `/api/v1/appointments/${appts[2].id}/cancel`, { token: recep.token, body: { reason: 'travel' } });
  const { cal } = await ics(`/api/v1/patients/${patient.id}/calendar.ics`);
  const byUid = Object.fromEntries(cal.events.map((e) => [e.uid, e]));
  assert.equal(byUid[`${appts[1].id}@anagen`].sequence, 2);
  assert.equal(byUid[`${appts[1].id}@anagen`].start, '2026-01-20T11:00:00Z');
  assert.equal(byUid[`${appts[2].id}@anagen`].status, 'CANCELLED');
  assert.equal(byUid[`${appts[2].id}@anagen`].sequence, 1);
  assert.equal(byUid[`${appts[0].id}@anagen`].sequence, 0);
});

test('a secret feed link works without a session; staff revoke and reissue it', async () => {
  const denied = await srv.request('POST', `/api/v1/patients/${patient.id}/calendar-feed`, { token: clin.token });
  assert.equal(denied.status, 201, 'clinicians may issue too');
  const issued = await srv.request('POST', `/api/v1/patients/${patient.id}/calendar-feed`, { token: recep.token });
  assert.equal(issued.status, 201);
  assert.match(issued.body.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/[\w-]{30,}\/calendar\.ics$/);
  assert.match(issued.body.webcal, /^webcal:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/[\w-]{30,}\/calendar\.ics$/);
  const old = await srv.request('GET', denied.body.path);
  assert.equal(old.status, 404, 'issuing a new link revokes the previous one');
  const open = await srv.request('GET', issued.body.path);
  assert.equal(open.status, 200);
  const cal = icsCheck(open.text);
  assert.equal(cal.valid, true);
  assert.equal(cal.events.length, appts.length);
  // The token never reaches the audit trail.
  const trail = (await srv.request('GET', `/api/v1/audit?patient_id=${patient.id}`, { token: await srv.admin() })).body.items;
  const feedRead = trail.find((e) => e.action === 'calendar.feed');
  assert.ok(feedRead);
  assert.equal(feedRead.path, '/api/v1/feeds/***/calendar.ics');
  assert.equal(feedRead.user_id, null);
  assert.equal((await srv.request('DELETE', `/api/v1/patients/${patient.id}/calendar-feed`, { token: recep.token })).status, 204);
  assert.equal((await srv.request('GET', issued.body.path)).status, 404);
  assert.equal((await srv.request('DELETE', `/api/v1/patients/${patient.id}/calendar-feed`, { token: recep.token })).status, 404);
  assert.equal((await srv.request('GET', '/api/v1/feeds/not-a-token/calendar.ics')).status, 404);
  // Behind the clinic's reverse proxy both links carry the address patients use.
  const proxied = await srv.request('POST', `/api/v1/patients/${patient.id}/calendar-feed`, {
    token: recep.token, headers: { 'x-forwarded-host': 'clinic.example.es', 'x-forwarded-proto': 'https' },
  });
  assert.equal(proxied.status, 201);
  assert.match(proxied.body.url, /^https:\/\/clinic\.example\.es\/api\/v1\/feeds\//);
  assert.match(proxied.body.webcal, /^webcal:\/\/clinic\.example\.es\/api\/v1\/feeds\//);
});

test('a UTC clinic writes times in Z without a VTIMEZONE', async () => {
  await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'Clínica Sol', timezone: 'UTC' } });
  const { r, cal } = await ics(`/api/v1/practitioners/${pr.id}/calendar.ics`);
  assert.deepEqual(cal.timezones, []);
  assert.match(r.text, /DTSTART:20260112T090000Z/);
  assert.equal(cal.valid, true);
  await srv.request('PUT', '/api/v1/clinic', { token: await srv.admin(), body: { name: 'Clínica Sol', timezone: 'Europe/Madrid' } });
});

test('the patient feed keeps the whole course; the practitioner feed the last month', async () => {
  // Five months into the course: a subscribed calendar deletes what the feed
  // drops, so the patient's January sessions must still be there.
  await srv.setClock('2026-06-15T08:00:00Z');
  const { cal: mine } = await ics(`/api/v1/patients/${patient.id}/calendar.ics`);
  assert.ok(mine.events.some((e) => e.uid === `${appts[0].id}@anagen`), 'January session kept');
  assert.equal(mine.events.length, appts.length);
  const { cal: theirs } = await ics(`/api/v1/practitioners/${pr.id}/calendar.ics`);
  assert.ok(!theirs.events.some((e) => e.uid === `${appts[0].id}@anagen`), 'January session gone');
  const since = Date.parse('2026-05-15T08:00:00Z');
  const lastMonthOn = appts.filter((a) => Date.parse(a.start) >= since).length;
  assert.ok(lastMonthOn > 0 && lastMonthOn < appts.length);
  assert.equal(theirs.events.length, lastMonthOn);
});
