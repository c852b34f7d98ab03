import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';

let srv, token;
before(async () => {
  srv = await startServer();
  token = (await srv.user('receptionist')).token;
});
after(async () => { await srv.stop(); });

test('register a patient: 201 with Location, then read it back', async () => {
  const r = await srv.request('POST', '/api/v1/patients', {
    token,
    body: { given_name: ' Lucía ', family_name: 'Fernández', birth_date: '1979-11-30', sex: 'female', email: 'lucia@example.es', phone: '+34 612 34 56 78' },
  });
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('location'), `/api/v1/patients/${r.body.id}`);
  assert.equal(r.body.given_name, 'Lucía');
  const got = await srv.request('GET', r.headers.get('location'), { token });
  assert.equal(got.status, 200);
  assert.equal(got.body.family_name, 'Fernández');
  assert.equal(got.body.birth_date, '1979-11-30');
  assert.equal(got.body.age, 46); // on the test clock, 2026-01-05
});

test('every bad field is named at once with a 422', async () => {
  const r = await srv.request('POST', '/api/v1/patients', {
    token,
    body: { given_name: '', birth_date: '2026-02-30', sex: 'woman', email: 'not-an-email', phone: 'call me', shoe_size: 42 },
  });
  assert.equal(r.status, 422);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  const fields = r.body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['birth_date', 'email', 'family_name', 'given_name', 'phone', 'sex', 'shoe_size']);
  for (const e of r.body.errors) assert.ok(e.message.startsWith(e.field), e.message);
});

test('birth dates must be real and in the past', async () => {
  for (const [birth, msg] of [['2026-01-05', /in the past/], ['2030-01-01', /in the past/], ['1850-01-01', /130 years/], ['1990-13-01', /real calendar date/], ['01/02/1990', /real calendar date/]]) {
    const r = await srv.request('POST', '/api/v1/patients', { token, body: { given_name: 'A', family_name: 'B', birth_date: birth, sex: 'male' } });
    assert.equal(r.status, 422, birth);
    assert.equal(r.body.errors[0].field, 'birth_date');
    assert.match(r.body.errors[0].message, msg);
  }
});

test('malformed JSON is a 400, a non-object a 400, and nothing is written', async () => {
  const before = (await srv.request('GET', '/api/v1/patients?limit=200', { token })).body.items.length;
  for (const raw of ['{"given_name": "A",', '[1,2]', '"text"', '']) {
    const r = await srv.request('POST', '/api/v1/patients', { token, raw, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400, raw);
    assert.ok(r.body.detail.length > 10);
  }
  const after = (await srv.request('GET', '/api/v1/patients?limit=200', { token })).body.items.length;
  assert.equal(after, before);
});

test('a body over 1 MiB is refused with 413', async () => {
  const big = JSON.stringify({ given_name: 'x'.repeat(1100000) });
  const r = await srv.request('POST', '/api/v1/patients', { token, raw: big, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.match(r.body.detail, /1 MiB/);
});

test('unknown ids are 404 with a problem body', async () => {
  const r = await srv.request('GET', '/api/v1/patients/01xxxxxxxxxxxxxxxxxxxxxxxx', { token });
  assert.equal(r.status, 404);
  assert.match(r.body.detail, /not found/);
  const p = await srv.request('PATCH', '/api/v1/patients/nope', { token, body: { phone: '123456' } });
  assert.equal(p.status, 404);
});

test('search is case- and accent-insensitive on name prefixes', async () => {
  const a = await srv.patient(token, { given_name: 'José María', family_name: 'Núñez Peña' });
  const b = await srv.patient(token, { given_name: 'Jo', family_name: 'Nunes' });
  const c = await srv.patient(token, { given_name: 'Björn', family_name: 'Ødegård' });
  const ids = async (q) => (await srv.request('GET', `/api/v1/patients?q=${encodeURIComponent(q)}`, { token })).body.items.map((p) => p.id);
  assert.deepEqual(await ids('NUÑEZ'), [a.id]);
  assert.deepEqual(await ids('nunez'), [a.id]);
  assert.deepEqual((await ids('nun')).sort(), [a.id, b.id].sort());
  assert.deepEqual(await ids('maria'), [a.id]);
  assert.deepEqual(await ids('pena jose'), [a.id]);
  assert.deepEqual(await ids('jo nunes'), [b.id]);
  assert.deepEqual(await ids('odegard'), [c.id]);
  assert.deepEqual(await ids('BJORN'), [c.id]);
  assert.deepEqual(await ids('unez'), []); // prefixes only
  for (const q of ['%', '_', '--']) assert.deepEqual(await ids(q), [], `${q} matches no one`);
  // Bytes that are not text are named, on either engine (PostgreSQL refused them as a 503).
  const bad = await srv.request('GET', '/api/v1/patients?q=a%FF%FE', { token });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.body.errors[0].field, 'q');
  assert.ok((await ids('')).length >= 3, 'no text lists everyone');
});

test('the desk finds a caller by phone number (any 4 or more of its digits in a row) or by email', async () => {
  const a = await srv.patient(token, { given_name: 'Lidia', family_name: 'Telefono', phone: '+34 (655) 431-987', email: 'Lidia.T@Example.test' });
  const b = await srv.patient(token, { given_name: 'Luis', family_name: 'Telefono', phone: '699 112 233' });
  const ids = async (q) => (await srv.request('GET', `/api/v1/patients?q=${encodeURIComponent(q)}`, { token })).body.items.map((p) => p.id);
  assert.deepEqual(await ids('655 431 987'), [a.id], 'as the caller says it, without the country code');
  assert.deepEqual(await ids('+34655431987'), [a.id]);
  assert.deepEqual(await ids('431-987'), [a.id]);
  assert.deepEqual(await ids('699112233'), [b.id]);
  assert.deepEqual(await ids('655 999'), []);
  assert.deepEqual(await ids('lidia.t@example.test'), [a.id]);
  assert.deepEqual(await ids('LIDIA.T@'), [a.id], 'the start of the email');
  assert.deepEqual(await ids('lidia.t'), [a.id], 'the start of the email, before its @');
  assert.deepEqual(await ids('lidia.'), [a.id]);
  // Caller ID shows the country code the record was typed without, and the other way round.
  assert.deepEqual(await ids('+34 699 112 233'), [b.id]);
  assert.deepEqual(await ids('0034 699112233'), [b.id]);
  assert.deepEqual(await ids('655431987'), [a.id]);
  // One digit is a name search, not every number holding it.
  assert.deepEqual(await ids('6'), []);
  // A changed number finds the patient by the new one only.
  const r = await srv.request('PATCH', `/api/v1/patients/${b.id}`, { token, body: { phone: '611 000 111', version: 1 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await ids('699112233'), []);
  assert.deepEqual(await ids('611 000'), [b.id]);
});

test('search pages through results in name order with a cursor', async () => {
  const names = ['Zapata', 'Zamora', 'Zubiri', 'Zabala', 'Zorrilla'];
  for (const n of names) await srv.patient(token, { family_name: n, given_name: 'Pagina' });
  const seen = [];
  let cursor = null;
  do {
    const q = `/api/v1/patients?q=pagina&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const r = await srv.request('GET', q, { token });
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= 2);
    seen.push(...r.body.items.map((p) => p.family_name));
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, [...names].sort());
  const bad = await srv.request('GET', '/api/v1/patients?limit=0&cursor=%%%', { token });
  assert.equal(bad.status, 400); // malformed percent-encoding
  // A parameter given twice: which one was meant is not guessed.
  const twice = await srv.request('GET', '/api/v1/patients?q=ana&limit=2&q=pons', { token });
  assert.equal(twice.status, 400);
  assert.equal(twice.body.detail, 'The query parameter "q" is given more than once.');
  const bad2 = await srv.request('GET', '/api/v1/patients?limit=0&cursor=zzz', { token });
  assert.equal(bad2.status, 422);
  assert.deepEqual(bad2.body.errors.map((e) => e.field).sort(), ['cursor', 'limit']);
});

test('an email start shared by many addresses pages in name order too (one word per address)', async () => {
  // 81 addresses starting "zq" (no name does): more distinct words than the
  // per-word pages serve.
  const made = [];
  for (let i = 0; i < 80; i++) {
    made.push(await srv.patient(token, { given_name: 'Correo', family_name: `Lote ${String(i).padStart(2, '0')}`, email: `zq${i}@bulk.example` }));
  }
  const other = await srv.patient(token, { given_name: 'Correo', family_name: 'Otro', email: 'zq99@bulk.example' });
  const seen = [];
  let cursor = null;
  do {
    const r = await srv.request('GET', `/api/v1/patients?q=zq&limit=25${cursor ? `&cursor=${cursor}` : ''}`, { token });
    assert.equal(r.status, 200, r.text);
    seen.push(...r.body.items.map((p) => p.id));
    cursor = r.body.next_cursor;
  } while (cursor);
  // Every one once, in name order ("Lote 00" .. "Lote 79", then "Otro").
  assert.deepEqual(seen, [...made.map((p) => p.id), other.id]);
});

test('update changes fields, keeps others, raises version and re-indexes names', async () => {
  const p = await srv.patient(token, { given_name: 'Marta', family_name: 'Olmo' });
  const r = await srv.request('PATCH', `/api/v1/patients/${p.id}`, { token, body: { family_name: 'Olmedo', email: 'marta@example.com', version: 1 } });
  assert.equal(r.status, 200);
  assert.equal(r.body.family_name, 'Olmedo');
  assert.equal(r.body.given_name, 'Marta');
  assert.equal(r.body.version, 2);
  const found = (await srv.request('GET', '/api/v1/patients?q=olmedo', { token })).body.items;
  assert.deepEqual(found.map((x) => x.id), [p.id]);
  // A stale version is a conflict and changes nothing.
  const stale = await srv.request('PATCH', `/api/v1/patients/${p.id}`, { token, body: { family_name: 'Lost', version: 1 } });
  assert.equal(stale.status, 409);
  assert.equal((await srv.request('GET', `/api/v1/patients/${p.id}`, { token })).body.family_name, 'Olmedo');
  // Clearing an optional field with null.
  const cleared = await srv.request('PATCH', `/api/v1/patients/${p.id}`, { token, body: { email: null } });
  assert.equal(cleared.body.email, null);
});

test('concurrent registrations all succeed and none is lost', async () => {
  const n = 120;
  const results = await Promise.all(Array.from({ length: n }, (_, i) =>
    srv.request('POST', '/api/v1/patients', { token, body: { given_name: `Conc${i}`, family_name: 'Paralelo', birth_date: '1990-05-05', sex: 'other' } })));
  const statuses = results.map((r) => r.status);
  assert.deepEqual([...new Set(statuses)], [201]);
  const ids = new Set(results.map((r) => r.body.id));
  assert.equal(ids.size, n);
  let count = 0;
  let cursor = null;
  do {
    const r = await srv.request('GET', `/api/v1/patients?q=paralelo&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token });
    count += r.body.items.length;
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.equal(count, n);
});

test('concurrent updates of one patient: each is applied or refused, never lost', async () => {
  const p = await srv.patient(token, { given_name: 'Race', family_name: 'Condition' });
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    srv.request('PATCH', `/api/v1/patients/${p.id}`, { token, body: { phone: `+34 600 000 ${String(i).padStart(3, '0')}` } })));
  for (const r of results) assert.ok([200, 409].includes(r.status), r.text);
  const ok = results.filter((r) => r.status === 200);
  const final = (await srv.request('GET', `/api/v1/patients/${p.id}`, { token })).body;
  assert.equal(final.version, 1 + ok.length);
});
