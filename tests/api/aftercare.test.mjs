import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readyPatient, icsCheck } from './harness.mjs';

let srv, clin, recep;
before(async () => {
  srv = await startServer({ clock: '2026-01-05T08:00:00Z' });
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
});
after(async () => { await srv.stop(); });

test('aftercare: recommendations and recurring reminders with next due dates (contract)', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-07' } });
  const r = await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token });
  assert.equal(r.status, 200);
  const cats = new Set(r.body.recommendations.map((x) => x.category));
  for (const c of ['diet', 'stress', 'hydration', 'hair_care']) assert.ok(cats.has(c), c);
  assert.ok(r.body.recommendations.some((x) => /mask once a week/.test(x.text)));
  const byCode = Object.fromEntries(r.body.reminders.map((x) => [x.code, x]));
  assert.equal(byCode.hair_mask.rrule, 'FREQ=WEEKLY;INTERVAL=1');
  assert.equal(byCode.haircut.rrule, 'FREQ=MONTHLY;INTERVAL=3');
  assert.equal(byCode.hair_mask.next_due, '2026-01-14', 'a week into the course');
  assert.equal(byCode.haircut.next_due, '2026-04-07', 'three months into the course');
  assert.equal(byCode.hair_mask.overdue, false);
  for (const x of r.body.reminders) for (const k of ['id', 'title', 'rrule', 'next_due']) assert.ok(x[k], k);
  // Done: the next one is an interval later.
  await srv.setClock('2026-01-13T09:00:00Z');
  const d = await srv.request('POST', `/api/v1/patients/${patient.id}/aftercare/reminders/${byCode.hair_mask.id}/done`, { token: recep.token });
  assert.equal(d.body.next_due, '2026-01-20');
  // Missed for weeks: only the latest is due (and overdue), not every missed week.
  await srv.setClock('2026-02-13T09:00:00Z');
  const later = Object.fromEntries((await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token })).body.reminders.map((x) => [x.code, x]));
  assert.equal(later.hair_mask.next_due, '2026-02-10');
  assert.equal(later.hair_mask.overdue, true);
  await srv.setClock('2026-01-13T09:00:00Z');
  // A haircut on the first day: the next one three months on.
  const h = await srv.request('POST', `/api/v1/patients/${patient.id}/aftercare/reminders/${byCode.haircut.id}/done`, { token: recep.token, body: { on: '2026-01-07' } });
  assert.equal(h.body.next_due, '2026-04-07');
  const future = await srv.request('POST', `/api/v1/patients/${patient.id}/aftercare/reminders/${byCode.haircut.id}/done`, { token: recep.token, body: { on: '2026-02-01' } });
  assert.equal(future.status, 422);
  // A date before the last one done would move the rhythm backwards.
  const backwards = await srv.request('POST', `/api/v1/patients/${patient.id}/aftercare/reminders/${byCode.hair_mask.id}/done`, { token: recep.token, body: { on: '2026-01-06' } });
  assert.equal(backwards.status, 422, backwards.text);
  assert.equal(backwards.body.errors[0].field, 'on');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('reminders appear in the patient calendar feed as recurring to-dos', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } })).body;
  const a = await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token });
  const feed = await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token });
  const cal = icsCheck(feed.text);
  assert.equal(cal.valid, true, JSON.stringify(cal.errors));
  const todos = Object.fromEntries(cal.todos.map((t) => [t.uid, t]));
  for (const r of a.body.reminders) {
    const t = todos[`${r.id}@anagen`];
    assert.ok(t, r.code);
    // They recur until the course's last day, not forever.
    const parts = (x) => x.split(';').filter((p) => p !== 'INTERVAL=1').sort();
    const lastDay = new Date(Date.parse(`${plan.end_date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    assert.deepEqual(parts(t.rrule), parts(`${r.rrule};UNTIL=${lastDay.replaceAll('-', '')}`), 'the course\'s last day (end_date is exclusive)');
    assert.equal(t.summary, r.title);
    assert.equal(t.start, r.next_due.replaceAll('-', ''), 'the feed starts where the checklist says it is due');
  }
  // Done three days in: the rhythm restarts from that day, in the feed too.
  await srv.setClock('2026-01-08T09:00:00Z');
  const mask = a.body.reminders.find((r) => r.code === 'hair_mask');
  const done = await srv.request('POST', `/api/v1/patients/${patient.id}/aftercare/reminders/${mask.id}/done`, { token: recep.token });
  assert.equal(done.body.next_due, '2026-01-15');
  const again = icsCheck((await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token })).text);
  assert.equal(again.todos.find((t) => t.uid === `${mask.id}@anagen`).start, '20260115');
  await srv.setClock('2026-01-05T08:00:00Z');
});

test('planning a course starts its reminders: the feed carries them before anyone opens the aftercare page', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const empty = icsCheck((await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token })).text);
  assert.equal(empty.todos.length, 0, 'no course, no reminders yet');
  const plan = await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-07' } });
  assert.equal(plan.status, 201, plan.text);
  const cal = icsCheck((await srv.request('GET', `/api/v1/patients/${patient.id}/calendar.ics`, { token: recep.token })).text);
  const starts = Object.fromEntries(cal.todos.map((t) => [t.summary, t.start]));
  const defaults = (await srv.request('GET', '/api/v1/aftercare/defaults', { token: await srv.admin() })).body.reminders;
  assert.equal(cal.todos.length, defaults.length);
  const mask = defaults.find((r) => r.code === 'hair_mask');
  assert.equal(starts[mask.title], '20260114', 'a week into the course');
  // The checklist shows the same reminders, not a second set.
  const a = (await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token })).body;
  assert.deepEqual(a.reminders.map((r) => `${r.id}@anagen`).sort(), cal.todos.map((t) => t.uid).sort());
});

test('admins edit the aftercare defaults; bad rules are named', async () => {
  const admin = await srv.admin();
  // A patient already in a course gets a reminder the clinic adds later.
  const { patient, assessment } = await readyPatient(srv, clin.token);
  await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-05' } });
  const cur = (await srv.request('GET', '/api/v1/aftercare/defaults', { token: admin })).body;
  const body = { ...cur, reminders: [...cur.reminders, { code: 'scalp_massage', title: 'Scalp massage', rrule: 'FREQ=DAILY;INTERVAL=2' }] };
  const ok = await srv.request('PUT', '/api/v1/aftercare/defaults', { token: admin, body });
  assert.equal(ok.status, 200);
  const r = await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token });
  assert.ok(r.body.reminders.some((x) => x.code === 'scalp_massage'));
  const bad = await srv.request('PUT', '/api/v1/aftercare/defaults', { token: admin, body: { recommendations: [{ category: 'x', text: '' }], reminders: [{ code: 'a', title: 'A', rrule: 'FREQ=HOURLY' }] } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['recommendations[0].category', 'recommendations[0].text', 'reminders[0].rrule']);
  assert.equal((await srv.request('PUT', '/api/v1/aftercare/defaults', { token: clin.token, body })).status, 403);
});

test('a course past its end, sessions left or not, no longer runs aftercare reminders', async () => {
  const { patient, assessment } = await readyPatient(srv, clin.token);
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-07' } })).body;
  const get = async () => (await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: recep.token })).body;
  // end_date is exclusive (start + months): the day before is the course's last.
  const lastDay = new Date(Date.parse(`${plan.end_date}T09:00:00Z`) - 86_400_000).toISOString();
  await srv.setClock(lastDay);
  assert.equal((await get()).course, true, 'on its last day it still runs');
  await srv.setClock(`${plan.end_date}T09:00:00Z`);
  const after = await get();
  assert.equal(after.course, false);
  assert.deepEqual(after.reminders, []);
  assert.ok(after.recommendations.length > 0, 'the advice stays');
  await srv.setClock('2026-01-05T08:00:00Z');
});
