import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readyPatient, practitioner } from './harness.mjs';
import { rgbPng } from './png.mjs';

let srv, clin, recep, admin;
before(async () => {
  srv = await startServer({ clock: '2026-01-05T08:00:00Z' });
  admin = await srv.admin();
  clin = await srv.user('clinician');
  recep = await srv.user('receptionist');
});
after(async () => { await srv.stop(); });

// Invites a patient with a course and returns {patient, token (portal session)}.
async function portalPatient(email, given) {
  const pr = await practitioner(srv, admin, `Dr ${given}`);
  const { patient, assessment } = await readyPatient(srv, clin.token, { given });
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email } });
  const plan = (await srv.request('POST', `/api/v1/patients/${patient.id}/plans`, { token: clin.token, body: { assessment_id: assessment.id, start_date: '2026-01-07' } })).body;
  await srv.request('POST', `/api/v1/plans/${plan.id}/book`, { token: recep.token, body: { practitioner_id: pr.id } });
  const inv = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  assert.equal(inv.status, 201, inv.text);
  const token = new URL(inv.body.link).searchParams.get('token');
  const acc = await srv.request('POST', '/api/v1/portal/accept', { body: { token, password: 'my own password' } });
  assert.equal(acc.status, 201, acc.text);
  return { patient, token: acc.body.token, inviteToken: token, link: inv.body.link };
}

test('invite, set a password, sign in: the patient sees their own course', async () => {
  const { patient, token, inviteToken, link } = await portalPatient('rosa@example.test', 'Rosa');
  assert.match(link, /\/portal\/welcome\?token=/);
  const outbox = (await srv.request('GET', `/api/v1/outbox?patient_id=${patient.id}`, { token: admin })).body.items;
  assert.ok(outbox.some((m) => m.kind === 'invitation' && m.recipient === 'rosa@example.test'));
  const me = await srv.request('GET', '/api/v1/portal/me', { token });
  assert.equal(me.status, 200);
  assert.equal(me.body.patient.id, patient.id);
  assert.ok(me.body.upcoming.length > 3);
  assert.equal(me.body.course.sessions_done, 0);
  assert.equal(me.body.course.on_hold, false);
  // The link works once.
  const again = await srv.request('POST', '/api/v1/portal/accept', { body: { token: inviteToken, password: 'another password' } });
  assert.equal(again.status, 422);
  assert.equal((await srv.request('GET', `/api/v1/portal/invitations/${inviteToken}`)).status, 404);
  // Signing in normally works too.
  const login = await srv.login('rosa@example.test', 'my own password');
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}/aftercare`, { token: login })).status, 200);
});

test('a patient logs a shedding count and reports a side effect for clinicians to review', async () => {
  const { patient, token } = await portalPatient('lola@example.test', 'Lola');
  const m = await srv.request('POST', `/api/v1/patients/${patient.id}/measurements`, { token, body: { kind: 'shedding_count', value: 35, taken_on: '2026-01-05' } });
  assert.equal(m.status, 201, m.text);
  assert.equal(m.body.source, 'patient');
  const bad = await srv.request('POST', `/api/v1/patients/${patient.id}/measurements`, { token, body: { kind: 'density', value: 150, taken_on: '2026-01-05' } });
  assert.equal(bad.status, 403);
  const ae = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'pain', grade: 2, onset: '2026-01-05', outcome: 'ongoing', notes: 'Sore for two days' } });
  assert.equal(ae.status, 201, ae.text);
  // A severe one pauses the course, and the patient's home page says so.
  const severe = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'inflammation', grade: 3, onset: '2026-01-05', outcome: 'ongoing' } });
  assert.equal(severe.status, 201, severe.text);
  assert.equal((await srv.request('GET', '/api/v1/portal/me', { token })).body.course.on_hold, true);
  const grave = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'pain', grade: 5, onset: '2026-01-05', outcome: 'ongoing' } });
  assert.equal(grave.status, 422, 'grades 4 and 5 are a clinician\'s');
  assert.equal(grave.body.errors[0].field, 'grade');
  assert.equal(ae.body.reviewed, false);
  assert.equal(ae.body.reporter_role, 'patient');
  const open = (await srv.request('GET', '/api/v1/adverse-events/open', { token: clin.token })).body.items;
  assert.ok(open.some((e) => e.id === ae.body.id));
  const progress = await srv.request('GET', `/api/v1/patients/${patient.id}/progress`, { token });
  assert.equal(progress.status, 200);
  assert.ok(progress.body.series.shedding_count);
  const feed = await srv.request('POST', '/api/v1/portal/calendar-feed', { token });
  assert.equal(feed.status, 201);
  assert.equal((await srv.request('GET', feed.body.path)).status, 200);
});

test('a patient can never see another patient\'s data, nor staff screens', async () => {
  const a = await portalPatient('ana@example.test', 'Ana');
  const b = await portalPatient('bea@example.test', 'Bea');
  for (const path of [`/api/v1/patients/${b.patient.id}`, `/api/v1/patients/${b.patient.id}/aftercare`,
    `/api/v1/patients/${b.patient.id}/progress`, `/api/v1/patients/${b.patient.id}/measurements`,
    `/api/v1/patients/${b.patient.id}/adverse-events`, `/api/v1/patients/${b.patient.id}/screenings`,
    `/api/v1/patients/${b.patient.id}/plans`, `/api/v1/patients/${b.patient.id}/calendar.ics`,
    '/api/v1/patients', '/api/v1/appointments', '/api/v1/audit', '/api/v1/users', '/api/v1/lots',
    `/api/v1/patients/${a.patient.id}/screenings`, `/api/v1/patients/${a.patient.id}/sessions`]) {
    const r = await srv.request('GET', path, { token: a.token });
    assert.equal(r.status, 403, path);
  }
  const w = await srv.request('POST', `/api/v1/patients/${b.patient.id}/measurements`, { token: a.token, body: { kind: 'shedding_count', value: 1, taken_on: '2026-01-05' } });
  assert.equal(w.status, 403);
  const own = await srv.request('GET', `/api/v1/patients/${a.patient.id}`, { token: a.token });
  assert.equal(own.status, 200);
  const ownCalendar = await srv.request('GET', `/api/v1/patients/${a.patient.id}/calendar.ics`, { token: a.token });
  assert.equal(ownCalendar.status, 200, 'their own sessions as iCalendar');
  assert.match(ownCalendar.text, /BEGIN:VEVENT/);
  // Staff are not patients in the portal.
  assert.equal((await srv.request('GET', '/api/v1/portal/me', { token: clin.token })).status, 403);
  // Refusals are audited.
  const trail = (await srv.request('GET', `/api/v1/audit?patient_id=${b.patient.id}`, { token: await srv.admin() })).body.items;
  assert.ok(trail.some((e) => e.outcome === 'denied' && e.action === 'patient.read'));
});

test('a patient sees their own standard photos, and no one else\'s', async () => {
  const a = await portalPatient('pia@example.test', 'Pia');
  const b = await portalPatient('rut@example.test', 'Rut');
  const png = rgbPng(160, 130, (x, y) => [x, y, 90]);
  const upload = (patient) => srv.request('POST', `/api/v1/patients/${patient.id}/photos?view=vertex&taken_on=2026-01-05`, { token: clin.token, raw: png, headers: { 'content-type': 'image/png' } });
  const mine = (await upload(a.patient)).body;
  const theirs = (await upload(b.patient)).body;
  const listed = await srv.request('GET', `/api/v1/patients/${a.patient.id}/photos`, { token: a.token });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.views.vertex.map((p) => p.id), [mine.id]);
  const get = (url, token) => fetch(srv.base + url, { headers: { authorization: `Bearer ${token}` } });
  const img = await get(mine.url, a.token);
  assert.equal(img.status, 200, 'the listed url serves the patient their own photo');
  assert.deepEqual(Buffer.from(await img.arrayBuffer()), png);
  assert.equal((await get(theirs.url, a.token)).status, 403, 'another patient\'s photo');
  assert.equal((await get(`/api/v1/patients/${a.patient.id}/photos/${theirs.id}`, a.token)).status, 404, 'another patient\'s photo under one\'s own path');
  assert.equal((await get(`/api/v1/photos/${mine.id}`, a.token)).status, 403, 'the staff path stays staff only');
  assert.equal((await get(`/api/v1/photos/${theirs.id}`, clin.token)).status, 200);
  assert.equal((await get(`/api/v1/patients/${a.patient.id}/photos/${theirs.id}`, clin.token)).status, 404);
});

test('an email typed with capitals signs in however the patient types it', async () => {
  const { patient } = await portalPatient('Carla.Mendez@Example.TEST', 'Carla');
  for (const email of ['Carla.Mendez@Example.TEST', 'carla.mendez@example.test', 'CARLA.MENDEZ@EXAMPLE.TEST']) {
    const token = await srv.login(email, 'my own password');
    const me = await srv.request('GET', '/api/v1/portal/me', { token });
    assert.equal(me.body.patient.id, patient.id, email);
  }
  // A new address given to the clinic is the new sign-in; the old one stops.
  const moved = await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: clin.token, body: { email: 'carla@new.example.test' } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await srv.request('GET', '/api/v1/portal/me', { token: await srv.login('carla@new.example.test', 'my own password') })).body.patient.id, patient.id);
  assert.equal((await srv.request('POST', '/api/v1/auth/login', { body: { email: 'Carla.Mendez@Example.TEST', password: 'my own password' } })).status, 401);
  // An address another account signs in with is refused, and nothing is saved.
  const taken = await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: clin.token, body: { email: 'admin@anagen.local' } });
  assert.equal(taken.status, 409, taken.text);
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}`, { token: recep.token })).body.email, 'carla@new.example.test');
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: clin.token, body: { email: 'Carla.Mendez@Example.TEST' } });
  // The address is one account whatever its case: a second invitation is refused.
  const other = (await readyPatient(srv, clin.token, { given: 'Twin' })).patient;
  await srv.request('PATCH', `/api/v1/patients/${other.id}`, { token: recep.token, body: { email: 'CARLA.mendez@example.test' } });
  assert.equal((await srv.request('POST', `/api/v1/patients/${other.id}/invite`, { token: clin.token })).status, 409);
});

test('an invitation sent before the email changed no longer makes the account', async () => {
  const { patient } = await readyPatient(srv, clin.token, { given: 'Rita' });
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'rita@old.example.test' } });
  const inv = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'rita@new.example.test' } });
  const token = new URL(inv.body.link).searchParams.get('token');
  const acc = await srv.request('POST', '/api/v1/portal/accept', { body: { token, password: 'rita password 1' } });
  assert.equal(acc.status, 422, acc.text);
  assert.equal(acc.body.errors[0].field, 'token');
  assert.match(acc.body.errors[0].message, /address the clinic has changed/);
  // A new invitation to the new address works.
  const again = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  const t2 = new URL(again.body.link).searchParams.get('token');
  assert.equal((await srv.request('POST', '/api/v1/portal/accept', { body: { token: t2, password: 'rita password 1' } })).status, 201);
  await srv.login('rita@new.example.test', 'rita password 1');
});

test('the portal is opened by staff who read the record: a receptionist neither invites nor moves the sign-in', async () => {
  // The account shows clinical records a receptionist may not read. Setting
  // the address and inviting (or sending a new-password link there) would
  // let one read them.
  const { patient } = await readyPatient(srv, clin.token, { given: 'Desk' });
  assert.equal((await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'desk@example.test' } })).status, 200);
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}`, { token: recep.token })).body.portal_account, false);
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: recep.token });
  assert.equal(r.status, 403, r.text);
  const c = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  assert.equal(c.status, 201, c.text);
  const acc = await srv.request('POST', '/api/v1/portal/accept', { body: { token: new URL(c.body.link).searchParams.get('token'), password: 'desk password 1' } });
  assert.equal(acc.status, 201, acc.text);
  // Once the patient has an account, its address is the sign-in (the web
  // app locks the field for a receptionist).
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}`, { token: recep.token })).body.portal_account, true);
  const moved = await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'someone@else.test' } });
  assert.equal(moved.status, 403, moved.text);
  assert.match(moved.body.detail, /portal sign-in: a clinician or an admin changes it/);
  assert.equal((await srv.request('GET', `/api/v1/patients/${patient.id}`, { token: recep.token })).body.email, 'desk@example.test');
  // Nor removed: the sign-in would be hidden from the record.
  assert.equal((await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: null } })).status, 403);
  const removed = await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: clin.token, body: { email: null } });
  assert.equal(removed.status, 422, removed.text);
  assert.equal(removed.body.errors[0].field, 'email');
  // A phone number still changes at the desk.
  assert.equal((await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { phone: '+34 600 000 001' } })).status, 200);
  // A clinician moves it, and the old address is told.
  assert.equal((await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: clin.token, body: { email: 'desk@new.example.test' } })).status, 200);
  const outbox = (await srv.request('GET', `/api/v1/outbox?patient_id=${patient.id}`, { token: admin })).body.items;
  const told = outbox.filter((m) => m.kind === 'sign_in_changed');
  assert.equal(told.length, 1);
  assert.equal(told[0].recipient, 'desk@example.test');
  assert.match(told[0].subject, /new sign-in email$/);
});

test('invitations need an email and one account per address', async () => {
  const { patient } = await readyPatient(srv, clin.token, { given: 'Noemail' });
  const r = await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'email');
  await srv.request('PATCH', `/api/v1/patients/${patient.id}`, { token: recep.token, body: { email: 'admin@anagen.local' } });
  assert.equal((await srv.request('POST', `/api/v1/patients/${patient.id}/invite`, { token: clin.token })).status, 409);
  const expired = await srv.request('POST', '/api/v1/portal/accept', { body: { token: 'nope', password: 'long enough pw' } });
  assert.equal(expired.status, 422);
});

// Last: it moves the clock days on, past the staff sessions' idle limit.
test('a side effect the patient reports is linked to their last session and its lots', async () => {
  const { patient } = await portalPatient('ines@example.test', 'Ines');
  const product = (await srv.request('POST', '/api/v1/products', { token: clin.token, body: { name: 'Capilia', category: 'amino_acids' } })).body;
  const lot = (await srv.request('POST', `/api/v1/products/${product.id}/lots`, { token: clin.token, body: { lot_number: 'CP-77', expires_on: '2028-01-31', quantity: 10 } })).body;
  const first = (await srv.request('GET', `/api/v1/appointments?patient_id=${patient.id}`, { token: clin.token })).body.items[0];
  await srv.setClock(new Date(Date.parse(first.start) + 30 * 60000).toISOString());
  const done = await srv.request('POST', `/api/v1/appointments/${first.id}/session`, { token: clin.token, body: {
    pregnant: false, zones: [{ zone: 'vertex', points: 30, volume_ml: 1.5 }], products: [{ lot_id: lot.id, volume_ml: 1.5 }], anaesthetic: false, pain_score: 2, adjuncts: [],
  } });
  assert.equal(done.status, 201, done.text);
  const token = await srv.login('ines@example.test', 'my own password'); // days later: a new sign-in
  const day = first.start.slice(0, 10);
  const before = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'pain', grade: 1, onset: '2026-01-05', outcome: 'resolved' } });
  assert.equal(before.status, 201, before.text);
  assert.equal(before.body.session_id, null, 'an onset before any session suspects none');
  const ae = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'inflammation', grade: 2, onset: day, outcome: 'ongoing' } });
  assert.equal(ae.status, 201, ae.text);
  assert.equal(ae.body.session_id, done.body.id);
  assert.deepEqual(ae.body.lot_ids, [lot.id]);
  const report = (await srv.request('GET', `/api/v1/reports/adverse-events?from=${day}&to=${day}`, { token: clin.token })).body;
  assert.ok(JSON.stringify(report).includes(lot.id), 'the lot\'s side-effect rate counts it');
  // Before the session that day (an onset with a time), or weeks after it: not put down to it.
  const early = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token, body: { type: 'headache', grade: 1, onset: first.start.replace(/T\d\d:\d\d/, 'T00:30'), outcome: 'resolved' } });
  assert.equal(early.status, 201, early.text);
  assert.equal(early.body.session_id, null, 'an onset before the session that day');
  const later = new Date(Date.parse(first.start) + 20 * 86400000);
  await srv.setClock(later.toISOString());
  const token2 = await srv.login('ines@example.test', 'my own password');
  const late = await srv.request('POST', `/api/v1/patients/${patient.id}/adverse-events`, { token: token2, body: { type: 'pain', grade: 1, onset: later.toISOString().slice(0, 10), outcome: 'ongoing' } });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.body.session_id, null, '20 days after the session: left for a clinician to link');
  assert.deepEqual(late.body.lot_ids, []);
});

test('the patient asks to move a session from the portal; the desk sees it until it is moved, or closes it', async () => {
  await srv.setClock('2026-01-05T08:00:00Z');
  const { patient, token } = await portalPatient('mover@example.test', 'Mover');
  const me = async () => (await srv.request('GET', '/api/v1/portal/me', { token })).body;
  const [first, second] = (await me()).upcoming;
  const ask = (id, body) => srv.request('POST', `/api/v1/portal/appointments/${id}/move-request`, { token, body });
  const empty = await ask(first.id, { message: '  ' });
  assert.equal(empty.status, 422);
  assert.equal(empty.body.errors[0].field, 'message');
  const r = await ask(first.id, { message: 'I am away that week; any afternoon the week after suits me.' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await ask(first.id, { message: 'again' })).status, 409, 'one open request per session');
  assert.ok((await me()).upcoming.find((a) => a.id === first.id).move_requested, 'the portal shows it asked');
  // Another patient's session is not theirs to ask about.
  const other = await portalPatient('other.mover@example.test', 'Othermover');
  const theirs = (await srv.request('GET', '/api/v1/portal/me', { token: other.token })).body.upcoming[0];
  assert.equal((await ask(theirs.id, { message: 'move it' })).status, 404);
  // Staff may not ask in a patient's name through the portal.
  assert.equal((await srv.request('POST', `/api/v1/portal/appointments/${first.id}/move-request`, { token: recep.token, body: { message: 'x' } })).status, 403);
  // The desk sees it, with the session and the patient's words.
  const list = async (q = '') => (await srv.request('GET', `/api/v1/move-requests${q}`, { token: recep.token })).body.items;
  const [req] = await list(`?patient_id=${patient.id}`);
  assert.equal(req.message, 'I am away that week; any afternoon the week after suits me.');
  assert.equal(req.appointment.id, first.id);
  assert.match(req.patient_name, /Mover/);
  // Moving the session answers it.
  const moved = await srv.request('PATCH', `/api/v1/appointments/${first.id}`, { token: recep.token, body: { start: first.start.replace(/T\d\d:/, 'T15:') } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await list(`?patient_id=${patient.id}`)).length, 0);
  assert.equal((await me()).upcoming.find((a) => a.id === first.id).move_requested, null);
  // One answered by phone is closed by hand, once.
  const r2 = await ask(second.id, { message: 'Can we make it earlier?' });
  assert.equal(r2.status, 201, r2.text);
  assert.equal((await srv.request('POST', `/api/v1/move-requests/${r2.body.id}/close`, { token: recep.token })).status, 204);
  assert.equal((await srv.request('POST', `/api/v1/move-requests/${r2.body.id}/close`, { token: recep.token })).status, 404);
  assert.equal((await list(`?patient_id=${patient.id}`)).length, 0);
});
