import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freshDatabase, readyPatient, practitioner } from './harness.mjs';
import { SmtpSink } from './smtp_sink.mjs';

let sink;
before(async () => { sink = await new SmtpSink().start(); });
after(async () => { await sink.stop(); });

const serve = (db, clock = '2026-01-05T08:00:00Z') => startServer({ db, clock, extraArgs: [
  '--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--mail-from', 'clinic@sol.test', '--outbox-poll-ms', '0'] });

// A patient with an email and a course booked at 10:00 from 2026-01-06.
async function setup(srv, email) {
  const admin = await srv.admin();
  const clin = await srv.user('clinician');
  const recep = await srv.user('receptionist');
  const pr = await practitioner(srv, admin, 'Dr Ortiz');
  const { patient, assessment } = await readyPatient(srv, clin.token, { given: 'Irene' });
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email } });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-06' } })).body;
  const appts = (await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id, from: '10:00' } })).body.appointments;
  return { admin, clin, recep, patient, appts };
}
const run = async (srv) => (await srv.request('POST', '/api/v1/outbox/run', { token: await srv.admin() })).body;
const outbox = async (srv, q = '') => (await srv.request('GET', `/api/v1/outbox${q}`, { token: await srv.admin() })).body.items;

test('appointment reminders go out 24 h before, once, over SMTP', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { patient, appts } = await setup(srv, 'irene@example.test');
  const start = sink.messages.length;
  let r = await run(srv);
  assert.equal(r.sent, 0, 'more than 24 h before: nothing yet');
  await srv.setClock('2026-01-05T10:30:00Z');
  r = await run(srv);
  assert.equal(r.sent, 1);
  const [m] = (await sink.waitFor(start + 1)).slice(start);
  assert.deepEqual(m.to, ['irene@example.test']);
  assert.equal(m.from, '<clinic@sol.test>');
  assert.equal(m.subject, 'Reminder: your hair treatment session on Tuesday 6 January at 10:00');
  assert.match(m.body, /Hello Irene/);
  assert.match(m.body, /session 1 of your mesotherapy course/);
  assert.match(m.messageId, /^<\w+@anagen>$/);
  r = await run(srv);
  assert.equal(r.sent, 0, 'sent once');
  const items = await outbox(srv, `?patient_id=${patient.id}`);
  const sent = items.find((i) => i.kind === 'appointment_reminder');
  assert.equal(sent.status, 'sent');
  assert.equal(sent.attempts, 1);
  assert.ok(appts.length > 1);
  await srv.stop();
});

test('the background loop sends a reminder when it falls due, with no one asking', async () => {
  sink.mode = 'accept';
  const srv = await startServer({ clock: '2026-01-05T08:00:00Z', extraArgs: [
    '--smtp-host', '127.0.0.1', '--smtp-port', String(sink.port), '--mail-from', 'clinic@sol.test', '--outbox-poll-ms', '20'] });
  await setup(srv, 'lola@example.test');
  const start = sink.messages.length;
  await srv.setClock('2026-01-05T10:30:00Z');
  // No POST /outbox/run: the loop's next tick sends it (the test waits for
  // the message itself, however many ticks that takes).
  const [m] = (await sink.waitFor(start + 1)).slice(start);
  assert.deepEqual(m.to, ['lola@example.test']);
  assert.equal(m.subject, 'Reminder: your hair treatment session on Tuesday 6 January at 10:00');
  await srv.stop();
});

test('a failing mail server loses nothing: retries with backoff, then delivers once', async () => {
  const srv = await serve();
  await setup(srv, 'ana@example.test');
  await srv.setClock('2026-01-05T10:30:00Z');
  sink.mode = 'tempfail';
  let r = await run(srv);
  assert.equal(r.retried, 1, JSON.stringify(r));
  let [item] = (await outbox(srv)).filter((i) => i.kind === 'appointment_reminder');
  assert.equal(item.status, 'pending');
  assert.equal(item.attempts, 1);
  assert.match(item.last_error, /451/);
  assert.equal(item.next_attempt_at, '2026-01-05T10:31:00+00:00');
  sink.mode = 'accept';
  r = await run(srv);
  assert.equal(r.sent, 0, 'waits for its backoff');
  const start = sink.messages.length;
  await srv.setClock('2026-01-05T10:31:00Z');
  r = await run(srv);
  assert.equal(r.sent, 1);
  await sink.waitFor(start + 1);
  assert.equal(sink.messages.filter((m) => m.messageId === `<${item.id}@anagen>`).length, 1);
  // A permanent refusal gives up and shows as failed.
  sink.mode = 'reject';
  await srv.setClock('2026-01-12T10:30:00Z'); // the day before session 2
  r = await run(srv);
  assert.equal(r.failed, 1);
  [item] = await outbox(srv, '?status=failed');
  assert.match(item.last_error, /550/);
  sink.mode = 'accept';
  await srv.stop();
});

test('an appointment on a day off entered after the booking waits to be moved, its reminder held', async () => {
  const srv = await serve();
  const { admin, recep, patient, appts } = await setup(srv, 'noa@example.test');
  // Session 1 is Tue 6 Jan 10:00; the clinic then closes that day.
  const h = await srv.request('POST', '/api/v1/clinic/holidays', { token: admin, body: { from: '2026-01-06', reason: 'Epiphany (regional)' } });
  assert.equal(h.status, 201, h.text);
  assert.deepEqual(h.body.to_move.map((a) => a.id), [appts[0].id], 'named when the day off is entered');
  // ...and still listed afterwards, with why, until it is moved.
  const list = async (q = '') => (await srv.request('GET', `/api/v1/appointments/to-move${q}`, { token: recep.token })).body.items;
  const waiting = await list();
  assert.deepEqual(waiting.map((a) => [a.id, a.day_off, a.patient_name]), [[appts[0].id, 'Clinic closed: Epiphany (regional)', 'Irene Ruiz']]);
  assert.equal((await list(`?patient_id=${patient.id}`)).length, 1);
  assert.equal((await list('?patient_id=nobody')).length, 0);
  // The patient is not told to come on the closed day: the reminder waits.
  await srv.setClock('2026-01-05T10:30:00Z');
  const start = sink.messages.length;
  let r = await run(srv);
  assert.equal(r.sent, 0, JSON.stringify(r));
  assert.equal(r.held, 1);
  assert.equal(sink.messages.length, start);
  // The outbox shows it held, with why, apart from what waits to be sent.
  const [heldItem] = await outbox(srv, '?status=held');
  assert.equal(heldItem.recipient, 'noa@example.test');
  assert.match(heldItem.last_error, /day off \(Clinic closed: Epiphany \(regional\)\)/);
  assert.ok(heldItem.next_attempt_at, 'says when it is looked at again');
  assert.equal((await outbox(srv, '?status=pending')).filter((i) => i.kind === 'appointment_reminder').length, 0);
  const bad = await srv.request('GET', '/api/v1/outbox?status=waiting', { token: await srv.admin() });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /status.*must be one of: pending, held, sent, failed, skipped/);
  // The holiday was a mistake and is taken back: the reminder goes at the next run.
  assert.equal((await srv.request('DELETE', `/api/v1/clinic/holidays/${h.body.id}`, { token: admin })).status, 204);
  assert.equal((await list()).length, 0);
  await srv.setClock('2026-01-05T10:31:00Z');
  r = await run(srv);
  assert.equal(r.sent, 1, JSON.stringify(r));
  assert.deepEqual((await sink.waitFor(start + 1)).slice(start).map((m) => m.to[0]), ['noa@example.test']);
  const sentItem = (await outbox(srv, '?status=sent')).find((i) => i.id === heldItem.id);
  assert.equal(sentItem.last_error, null, 'a reminder sent after all no longer shows the day off');
  // Session 2 (Tue 13 Jan) falls in the practitioner's leave: listed, then moved off it.
  const off = await srv.request('POST', `/api/v1/practitioners/${appts[1].practitioner_id}/time-off`, { token: admin, body: { from: '2026-01-12', to: '2026-01-13', reason: 'Congress' } });
  assert.equal(off.status, 201, off.text);
  assert.deepEqual((await list()).map((a) => [a.session_number, a.day_off]), [[2, 'Practitioner away: Congress']]);
  const moved = await srv.request('PATCH', `/api/v1/appointments/${appts[1].id}`, { token: recep.token, body: { start: '2026-01-14T10:00:00+00:00' } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await list()).length, 0);
  await srv.stop();
});

test('bookings left outside a practitioner\'s new hours, or with a practitioner deactivated, wait to be moved', async () => {
  const srv = await serve();
  const { admin, recep, appts } = await setup(srv, 'ines@example.test');
  const prId = appts[0].practitioner_id;
  const list = async () => (await srv.request('GET', '/api/v1/appointments/to-move', { token: recep.token })).body.items;
  assert.equal((await list()).length, 0);
  // Sessions are on Tuesdays at 10:00; Tuesdays now start at 12:00.
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: weekday === 2 ? '12:00' : '09:00', end: '17:00' }));
  const edit = await srv.request('PATCH', `/api/v1/practitioners/${prId}`, { token: admin, body: { working_hours: hours } });
  assert.equal(edit.status, 200, edit.text);
  const tuesdays = appts.filter((a) => new Date(a.start).getUTCDay() === 2 && a.start.slice(11, 16) === '10:00');
  assert.ok(tuesdays.length > 2, 'the course is booked on Tuesdays at 10:00');
  assert.deepEqual(edit.body.to_move.map((a) => a.id).sort(), tuesdays.map((a) => a.id).sort(), 'named when the hours change');
  const waiting = await list();
  assert.equal(waiting.length, tuesdays.length);
  assert.equal(waiting[0].day_off, "Outside Dr Ortiz's hours");
  // Its reminder waits too: the patient is not told to come at 10:00.
  await srv.setClock('2026-01-05T10:30:00Z');
  const r = await run(srv);
  assert.equal(r.held, 1, JSON.stringify(r));
  const [held] = await outbox(srv, '?status=held');
  assert.match(held.last_error, /must be moved \(Outside Dr Ortiz's hours\)/);
  // Hours back, then the practitioner deactivated: every booking waits.
  await srv.request('PATCH', `/api/v1/practitioners/${prId}`, { token: admin, body: { working_hours: hours.map((h) => ({ ...h, start: '09:00' })) } });
  assert.equal((await list()).length, 0);
  const gone = await srv.request('PATCH', `/api/v1/practitioners/${prId}`, { token: admin, body: { active: false } });
  assert.equal(gone.body.to_move.length, appts.length);
  assert.deepEqual([...new Set((await list()).map((a) => a.day_off))], ['Practitioner no longer active: Dr Ortiz']);
  await srv.stop();
});

test('a reminder for an appointment cancelled meanwhile is skipped', async () => {
  const srv = await serve();
  const { recep, appts } = await setup(srv, 'leo@example.test');
  await srv.setClock('2026-01-05T10:30:00Z');
  sink.mode = 'tempfail';
  await run(srv);
  sink.mode = 'accept';
  await srv.request('POST', `/api/v1/appointments/${appts[0].id}/cancel`, { token: recep.token });
  await srv.setClock('2026-01-05T10:40:00Z');
  const r = await run(srv);
  assert.equal(r.skipped, 1);
  assert.equal(r.sent, 0);
  await srv.stop();
});

test('a course on hold (pregnancy reported) gets no appointment reminders until the hold is cleared', async () => {
  const srv = await serve();
  const { clin, appts } = await setup(srv, 'marta@example.test');
  await srv.setClock('2026-01-05T10:30:00Z');
  sink.mode = 'tempfail';
  await run(srv); // session 1's reminder is queued, not yet delivered
  sink.mode = 'accept';
  const refused = await srv.request('POST', `/api/v1/appointments/${appts[0].id}/session`, { token: clin.token, body: { pregnant: true } });
  assert.equal(refused.status, 409);
  await srv.setClock('2026-01-05T10:40:00Z');
  const r = await run(srv);
  assert.equal(r.sent, 0);
  assert.equal(r.held, 1);
  const mine = async () => (await outbox(srv)).filter((i) => i.kind === 'appointment_reminder' && i.recipient === 'marta@example.test');
  const [item] = await mine();
  assert.equal(item.status, 'held');
  assert.match(item.last_error, /on hold/);
  await srv.setClock('2026-01-12T10:30:00Z'); // a day before session 2
  assert.equal((await run(srv)).queued, 0, 'nothing queued while the course is on hold');
  // Cleared (not pregnant after all) before session 2: its reminder goes.
  const [plan] = (await srv.request('GET', `/api/v1/patients/${appts[0].patient_id}/plans`, { token: clin.token })).body.items;
  assert.equal((await srv.request('POST', `/api/v1/plans/${plan.id}/clear-review`, { token: clin.token, body: { note: 'Test negative.' } })).status, 200);
  const start = sink.messages.length;
  const after = await run(srv);
  assert.equal(after.sent, 1, JSON.stringify(after));
  assert.deepEqual((await sink.waitFor(start + 1)).slice(start).map((m) => m.to[0]), ['marta@example.test']);
  await srv.stop();
});

test('an invitation whose link no longer works is not sent: used, or replaced by a newer one', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { clin, recep, patient } = await setup(srv, 'nora@example.test');
  const first = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  const second = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  assert.equal(second.status, 201, second.text);
  const start = sink.messages.length;
  const r = await run(srv);
  assert.equal(r.skipped, 1, JSON.stringify(r));
  const sent = (await sink.waitFor(start + r.sent)).slice(start).filter((m) => m.to.includes('nora@example.test'));
  assert.equal(sent.length, 1, 'one invitation');
  assert.ok(sent[0].body.includes(second.body.link) && !sent[0].body.includes(first.body.link), 'the link that works');
  // Accepted before a late delivery: not sent either.
  const other = (await readyPatient(srv, (await srv.user('clinician')).token, { given: 'Olga' })).patient;
  await srv.request('PATCH', `/api/v1/patients/${other.id}`, { token: recep.token, body: { email: 'olga@example.test' } });
  const inv = await srv.request('POST', `/api/v1/patients/${other.id}/invite`, { token: clin.token });
  const token = new URL(inv.body.link).searchParams.get('token');
  assert.equal((await srv.request('POST', '/api/v1/portal/accept', { body: { token, password: 'olga password 1' } })).status, 201);
  const late = await run(srv);
  assert.equal(late.sent, 0);
  assert.equal(late.skipped, 1);
  // Sent to an address the clinic has changed since: not sent either.
  const third = (await readyPatient(srv, (await srv.user('clinician')).token, { given: 'Pia' })).patient;
  await srv.request('PATCH', `/api/v1/patients/${third.id}`, { token: recep.token, body: { email: 'pia@old.example.test' } });
  await srv.request('POST', `/api/v1/patients/${third.id}/invite`, { token: clin.token });
  await srv.request('PATCH', `/api/v1/patients/${third.id}`, { token: recep.token, body: { email: 'pia@new.example.test' } });
  const moved = await run(srv);
  assert.equal(moved.sent, 0);
  assert.equal(moved.skipped, 1);
  await srv.stop();
});

test('a restart in the middle of a delivery sends the message exactly once', async () => {
  const db = freshDatabase();
  const srv = await serve(db);
  await setup(srv, 'mia@example.test');
  await srv.setClock('2026-01-05T10:30:00Z');
  sink.mode = 'hold';
  const start = sink.messages.length;
  const pending = srv.request('POST', '/api/v1/outbox/run', { token: await srv.admin() }).catch(() => null);
  await sink.waitHeld();
  srv.proc.kill('SIGKILL'); // dies before the mail server's "250"
  await srv.stop({ keepDatabase: true });
  await pending;
  sink.dropHeld();
  sink.mode = 'accept';
  assert.equal(sink.messages.length, start, 'nothing was accepted');
  const again = await serve(db, '2026-01-05T10:32:00Z'); // the lease (60 s) has run out
  again.adminPassword = srv.adminPassword;
  const r = await run(again);
  assert.equal(r.sent, 1);
  await sink.waitFor(start + 1);
  assert.equal((await run(again)).sent, 0);
  assert.equal(sink.messages.slice(start).filter((m) => m.to[0] === 'mia@example.test').length, 1);
  await again.stop();
});

test('aftercare reminders go out on their due day', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { clin, recep } = await setup(srv, 'eva@example.test');
  // A patient with no course has the advice but no reminders, even once
  // their aftercare is opened (at the desk or in the portal).
  const untreated = await srv.patient(recep.token, { given_name: 'Tomás', email: 'tomas@example.test' });
  const none = await srv.request('GET', `/api/v1/patients/${untreated.id}/aftercare`, { token: recep.token });
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.body.reminders, []);
  assert.equal(none.body.course, false);
  assert.ok(none.body.recommendations.length > 0);
  // Nobody opens the aftercare page: planning the course started its
  // reminders. The course starts 2026-01-06: the weekly ones are due a week in.
  await srv.setClock('2026-01-12T09:00:00Z');
  assert.equal((await run(srv)).sent, 0, 'nothing due yet');
  await srv.setClock('2026-01-13T09:00:00Z');
  const start = sink.messages.length;
  const r = await run(srv);
  assert.ok(r.sent >= 3, JSON.stringify(r));
  const got = (await sink.waitFor(start + r.sent)).slice(start);
  const subjects = got.map((m) => m.subject);
  assert.ok(subjects.includes('Aftercare: Nourishing hair mask'));
  assert.ok(!subjects.includes('Aftercare: Haircut'), 'the haircut is three months in');
  assert.equal((await run(srv)).sent, 0, 'once per due day');
  await srv.setClock('2026-01-20T09:00:00Z');
  const weekly = await run(srv);
  assert.ok(weekly.sent >= 1);
  // The mail server is down on the next due day and back three days later:
  // that week's reminders are not sent late, they are skipped.
  await srv.setClock('2026-01-27T09:00:00Z');
  sink.mode = 'tempfail';
  assert.ok((await run(srv)).retried >= 1);
  sink.mode = 'accept';
  await srv.setClock('2026-01-30T09:05:00Z');
  const late = await run(srv);
  assert.equal(late.sent, 0, JSON.stringify(late));
  assert.ok(late.skipped >= 1);
  const skipped = (await outbox(srv, '?status=skipped')).filter((i) => i.kind === 'aftercare_reminder');
  assert.ok(skipped.length >= 1 && skipped.every((i) => i.last_error === 'the reminder is days late'), JSON.stringify(skipped));
  await srv.setClock('2026-04-06T09:00:00Z');
  const at = sink.messages.length;
  const quarter = await run(srv);
  const later = (await sink.waitFor(at + quarter.sent)).slice(at).map((m) => m.subject);
  assert.ok(later.includes('Aftercare: Haircut'), JSON.stringify(later));
  assert.ok(!sink.messages.some((m) => m.to.includes('tomas@example.test')), 'no course, no reminder emails');
  // A stopped course stops its reminders.
  const eva = (await srv.request('GET', '/api/v1/patients?q=Irene', { token: recep.token })).body.items[0];
  const [plan] = (await srv.request('GET', `/api/v1/patients/${eva.id}/plans`, { token: clin.token })).body.items;
  const stop = await srv.request('POST', `/api/v1/plans/${plan.id}/stop`, { token: clin.token, body: { reason: 'moved abroad' } });
  assert.equal(stop.status, 200, stop.text);
  await srv.setClock('2026-04-20T09:00:00Z');
  assert.equal((await run(srv)).sent, 0, 'no aftercare emails after the course stopped');
  const after = (await srv.request('GET', `/api/v1/patients/${eva.id}/aftercare`, { token: recep.token })).body;
  assert.deepEqual([after.reminders, after.course], [[], false], 'nor on the checklist');
  const feed = await srv.request('GET', `/api/v1/patients/${eva.id}/calendar.ics`, { token: recep.token });
  assert.doesNotMatch(feed.text, /BEGIN:VTODO/, 'nor in the calendar feed');
  await srv.stop();
});

test('a patient who forgot their password gets, by email only, a link to choose a new one', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { clin, recep, patient } = await setup(srv, 'olga@example.test');
  const first = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  const firstToken = new URL(first.body.link).searchParams.get('token');
  const acc = await srv.request('POST', '/api/v1/portal/accept', { body: { token: firstToken, password: 'my own password' } });
  assert.equal(acc.status, 201, acc.text);
  const oldSession = acc.body.token;
  const feed = await srv.request('POST', '/api/v1/portal/calendar-feed', { token: oldSession });
  assert.equal((await srv.request('GET', feed.body.path)).status, 200);
  // Asked again, the clinic sends a reset link: to the patient's inbox, not to the desk.
  const start = sink.messages.length;
  const inv = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  assert.equal(inv.status, 201, inv.text);
  assert.equal(inv.body.reset, true);
  assert.equal(inv.body.link, undefined, 'staff never see a link that takes over an account');
  assert.equal(inv.body.expires_at, '2026-01-06T08:00:00+00:00', 'a day');
  await run(srv);
  const mail = (await sink.waitFor(start + 1)).slice(start).find((m) => m.to.includes('olga@example.test'));
  assert.match(mail.body, /new password/);
  const token = mail.body.match(/token=([A-Za-z0-9_-]+)/)[1];
  // The old password works until the link is used.
  await srv.login('olga@example.test', 'my own password');
  assert.equal((await srv.request('GET', `/api/v1/portal/invitations/${token}`)).body.reset, true);
  const reset = await srv.request('POST', '/api/v1/portal/accept', { body: { token, password: 'a brand new password' } });
  assert.equal(reset.status, 201, reset.text);
  assert.equal(reset.body.user.patient_id, patient.id, 'the same account, not a second one');
  assert.equal((await srv.request('POST', '/api/v1/auth/login', { body: { email: 'olga@example.test', password: 'my own password' } })).status, 401);
  const fresh = await srv.login('olga@example.test', 'a brand new password');
  assert.equal((await srv.request('GET', '/api/v1/portal/me', { token: fresh })).body.patient.id, patient.id);
  assert.equal((await srv.request('GET', '/api/v1/portal/me', { token: oldSession })).status, 401, 'sessions opened with the old password end');
  assert.equal((await srv.request('GET', feed.body.path)).status, 404, 'and so does the calendar link');
  await srv.stop();
});

test('aftercare emails end with the course: none on its end_date, which is the day after its last', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { clin, patient } = await setup(srv, 'ends@example.test');
  const [plan] = (await srv.request('GET', `/api/v1/patients/${patient.id}/plans`, { token: clin.token })).body.items;
  // Nine months from 6 Jan is 39 weeks: the weekly mask falls due on end_date itself.
  const revised = await srv.request('POST', `/api/v1/plans/${plan.id}/revise`, { token: clin.token, body: { months: 9, reason: 'Advanced loss: nine months' } });
  assert.equal(revised.status, 200, revised.text);
  assert.equal(revised.body.end_date, '2026-10-06');
  const masks = async (clock) => {
    await srv.setClock(clock);
    const start = sink.messages.length;
    const r = await run(srv);
    const got = (await sink.waitFor(start + r.sent)).slice(start);
    return got.filter((m) => m.to.includes('ends@example.test') && m.subject === 'Aftercare: Nourishing hair mask').length;
  };
  assert.equal(await masks('2026-09-29T09:00:00Z'), 1, 'a week before, the course still runs');
  assert.equal(await masks('2026-10-06T09:00:00Z'), 0, 'on end_date it has ended, as on the checklist and in the feed');
  await srv.stop();
});

test('an evaluation visit is reminded as what it is', async () => {
  sink.mode = 'accept';
  const srv = await serve();
  const { recep, appts } = await setup(srv, 'eva@example.test');
  const plan_id = appts[0].plan_id;
  const pr = appts[0].practitioner_id;
  const v = await srv.request('POST', '/api/v1/appointments', { token: recep.token, body: { plan_id, kind: 'evaluation', practitioner_id: pr, start: '2026-01-07T12:00:00Z' } });
  assert.equal(v.status, 201, v.text);
  await srv.setClock('2026-01-06T12:30:00Z');
  const start = sink.messages.length;
  const r = await run(srv);
  assert.equal(r.sent, 1, JSON.stringify(r), 'the visit only: session 1 has started');
  const [m] = (await sink.waitFor(start + 1)).slice(start);
  assert.equal(m.subject, 'Reminder: your hair results evaluation on Wednesday 7 January at 12:00');
  assert.match(m.body, /There is no injection/);
  assert.doesNotMatch(m.body, /session \d/);
  await srv.stop();
});
