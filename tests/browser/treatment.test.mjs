// Treatment on the patient page: charting the session done at a booked
// appointment (pregnancy question, zones on the scalp map with points and
// volume, the lot picked among the usable ones only, pain), an addendum to
// the record, a side effect recorded from the "Side effects" tab, and
// outcome measurements charted against the baseline with the evaluation.
//
// The clinic is in Madrid and the browser in New York: every time shown
// must be the clinic's. The server's clock starts on Monday 5 Jan 2026,
// 10:00 in Madrid; the last test moves it three months on.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { api, bookCourse, clinicZone, plan, practitioner, readyPatient } from './fixtures.mjs';
import { createUser, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let clinician;
let patient;
let planId;
let firstAppointment;
let secondAppointment;
let lots;
let sessionId;
let paula;
let otro;

before(async () => {
  server = await startServer();
  await clinicZone(server, 'Europe/Madrid');
  const vega = await practitioner(server, 'Dr Lucía Vega');
  let assessment;
  ({ patient, assessment } = await readyPatient(server, { given_name: 'Elena', family_name: 'Navarro', sex: 'female' }));
  const p = await plan(server, patient, assessment, '2026-01-05');
  planId = p.id;
  const booked = await bookCourse(server, planId, { practitioner_id: vega.id });
  firstAppointment = booked.appointments.find((a) => a.session_number === 1);
  secondAppointment = booked.appointments.find((a) => a.session_number === 2);
  assert.ok(firstAppointment, 'session 1 is booked');

  // The catalogue: a cocktail with a usable lot, an expired one and one used
  // up; an anaesthetic.
  const cocktail = await api.post(server, '/products', { name: 'Dermaheal HL', category: 'amino_acids' });
  const usable = await api.post(server, `/products/${cocktail.id}/lots`, { lot_number: 'DH-2611', expires_on: '2026-11-30', quantity: 20 });
  const later = await api.post(server, `/products/${cocktail.id}/lots`, { lot_number: 'DH-2712', expires_on: '2027-12-31', quantity: 20 });
  const expired = await api.post(server, `/products/${cocktail.id}/lots`, { lot_number: 'DH-2512', expires_on: '2025-12-31', quantity: 20, received_on: '2025-06-02' });
  const small = await api.post(server, `/products/${cocktail.id}/lots`, { lot_number: 'DH-EMPTY', expires_on: '2026-10-31', quantity: 1 });
  // Used up by another patient's session.
  const other = await readyPatient(server, { given_name: 'Otro', family_name: 'Paciente', sex: 'male', phone: '+34 611 000 111' });
  otro = other.patient;
  const otherPlan = await plan(server, other.patient, other.assessment, '2026-01-05');
  const otherBooked = await bookCourse(server, otherPlan.id, { practitioner_id: vega.id });
  await api.post(server, `/appointments/${otherBooked.appointments[0].id}/session`, {
    zones: [{ zone: 'vertex', points: 10, volume_ml: 1 }],
    products: [{ lot_id: small.id, volume_ml: 1 }],
    anaesthetic: false,
    pain_score: 1,
    adjuncts: [],
  });
  lots = { usable, later, expired, small };
  // A patient who says she may be pregnant.
  const p3 = await readyPatient(server, { given_name: 'Paula', family_name: 'Ortega', sex: 'female' });
  paula = p3.patient;
  await bookCourse(server, (await plan(server, paula, p3.assessment, '2026-01-05')).id, { practitioner_id: vega.id });

  clinician = await createUser(server, 'clinician', 'Dr Ana Vega');
  browser = await openBrowser(server);
  await browser.page.goto(`/patients/${patient.id}/course`);
  await signIn(browser.page, clinician.email, clinician.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a clinician charts session 1 at its appointment: pregnancy asked, zones on the map, a usable lot, pain', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Chart session 1' }).click();
  const form = page.getByRole('form', { name: 'Chart session 1' });
  await form.getByRole('heading', { name: 'Chart session 1' }).waitFor();
  // A patient who is not male is asked first; the chart opens on "No".
  await form.getByText('The rest of the chart opens once the answer is “No”.').waitFor();
  assert.equal(await form.getByRole('group', { name: /Scalp map/ }).count(), 0);
  await screenshot(page, 'chart-pregnancy');
  await form.getByRole('group', { name: /Is the patient pregnant/ }).getByLabel('No', { exact: true }).check();

  // Zones picked on the map, with points and volume each.
  const map = form.getByRole('group', { name: 'Scalp map: click each zone treated' });
  await map.getByRole('button', { name: 'Vertex zone, not treated' }).click();
  await form.getByLabel('Vertex points').fill('40');
  await form.getByLabel('Vertex volume (mL)').fill('2');
  await map.getByRole('button', { name: 'Mid-scalp zone, not treated' }).click();
  await form.getByLabel('Mid-scalp points').fill('30');
  await form.getByLabel('Mid-scalp volume (mL)').fill('1,5'); // a decimal comma counts as a point
  await map.getByRole('button', { name: 'Vertex zone: 40 points, 2 mL' }).waitFor();
  assert.equal(await map.getByRole('button', { name: 'Vertex zone: 40 points, 2 mL' }).getAttribute('aria-pressed'), 'true');
  await form.getByTestId('zone-totals').getByText('2 zones · 70 points · 3.5 mL').waitFor();

  // Only usable lots are offered, the first to expire first; none is
  // guessed on a first session; the volume follows the zones' total.
  const lot = form.getByLabel('Lot', { exact: true });
  assert.equal(await lot.inputValue(), '');
  await lot.selectOption(lots.usable.id);
  const offered = await lot.locator('option').allTextContents();
  assert.ok(offered.some((o) => o.includes('lot DH-2611')), offered.join('\n'));
  assert.ok(offered.some((o) => o.includes('lot DH-2712')), offered.join('\n'));
  assert.ok(!offered.some((o) => o.includes('DH-2512')), 'the expired lot is not offered');
  assert.ok(!offered.some((o) => o.includes('DH-EMPTY')), 'the used-up lot is not offered');
  assert.equal(await lot.inputValue(), lots.usable.id);
  assert.match(offered.find((o) => o.includes('DH-2611')), /Dermaheal HL · lot DH-2611 · 20 mL left · expires 30 Nov 2026/);
  assert.equal(await form.getByLabel('Volume (mL)', { exact: true }).first().inputValue(), '3.5');
  // A lot's volume that does not add up to the zones' is pointed out.
  await form.getByLabel('Volume (mL)', { exact: true }).first().fill('3');
  await form.getByTestId('volume-mismatch').getByText('The lots add up to 3 mL, the zones to 3.5 mL: check the volumes.').waitFor();
  await form.getByLabel('Volume (mL)', { exact: true }).first().fill('3.5');
  await form.getByTestId('volume-mismatch').waitFor({ state: 'detached' });

  // Recording without the pain score says what is missing, next to it.
  await form.getByRole('button', { name: 'Record session 1' }).click();
  await form.locator('[data-field="pain_score"] .field-error').getByText('Ask the patient how much it hurt (0 to 10).').waitFor();
  await form.getByRole('group', { name: 'Pain score' }).getByLabel('3', { exact: true }).check();
  await form.getByLabel('Notes').fill('Tolerated well.');
  await screenshot(page, 'chart-session');

  await form.getByRole('button', { name: 'Record session 1' }).click();
  const record = page.getByTestId('session-record');
  await record.waitFor();
  sessionId = new URL(page.url()).pathname.split('/').pop();
  await record.getByText(/pregnancy asked: no/).waitFor();
  const zones = record.getByRole('table', { name: 'Zones treated' });
  await zones.getByRole('row', { name: 'Vertex 40 2 mL' }).waitFor();
  await zones.getByRole('row', { name: 'Mid-scalp 30 1.5 mL' }).waitFor();
  await zones.getByRole('row', { name: 'Total 70 3.5 mL' }).waitFor();
  const products = record.getByRole('table', { name: 'Products injected' });
  await products.locator('tr[data-lot="DH-2611"]').getByText('3.5 mL').waitFor();
  assert.match(await record.textContent(), /Pain score3 \/ 10 \(mild\)/);
  await record.getByText('Tolerated well.').waitFor();
  // The time shown is the clinic's (10:00 in Madrid), not New York's.
  await record.getByText(/Done Mon 5 Jan 2026, 10:00/).waitFor();
  await screenshot(page, 'session-record');

  // The appointment is completed and the lot's stock went down by what was injected.
  assert.equal((await api.get(server, `/appointments/${firstAppointment.id}`)).status, 'completed');
  assert.equal((await api.get(server, `/lots/${lots.usable.id}`)).remaining, 16.5);
  const recipients = await api.get(server, `/lots/${lots.usable.id}/recipients`);
  assert.deepEqual(recipients.items.map((r) => r.patient_id), [patient.id]);
});

test('the record is never edited: a correction is an addendum kept beside it', async () => {
  const { page } = browser;
  const addenda = page.getByRole('form', { name: 'Add an addendum' });
  await addenda.getByRole('button', { name: 'Add addendum' }).click();
  await addenda.getByText('Write the correction or note.').waitFor();
  await addenda.getByLabel('Add an addendum').fill('Correction: 35 points at the vertex, not 40.');
  await addenda.getByRole('button', { name: 'Add addendum' }).click();
  const list = page.getByTestId('addenda');
  await list.getByText('Correction: 35 points at the vertex, not 40.').waitFor();
  await list.getByText(/5 Jan 2026, 10:00 · Dr Ana Vega/).waitFor();
  await page.getByRole('heading', { name: 'Addenda (1)' }).waitFor();
  // The record itself still says what was charted.
  await page.getByTestId('session-record').getByRole('row', { name: 'Vertex 40 2 mL' }).waitFor();
  await screenshot(page, 'session-addendum');

  // The sessions list shows the record with its addendum.
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Sessions' }).click();
  const row = page.getByTestId('session-records').getByRole('row', { name: /Session 1/ });
  await row.getByText('Vertex, Mid-scalp').or(row.getByText('Mid-scalp, Vertex')).waitFor();
  await row.getByText('DH-2611').waitFor();
  await row.getByText('1 addendum').waitFor();
  // And the course shows session 1 done.
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Course' }).click();
  await page.getByTestId('plan-counts').getByText('1 of 13 done').waitFor();
  await page.getByRole('link', { name: 'Record of session 1' }).waitFor();

  // The next chart starts with the lot the last session used (still
  // usable), not the first to expire: a lot expiring sooner arrives meanwhile.
  const cocktail = (await api.get(server, `/lots/${lots.usable.id}`)).product_id;
  const sooner = await api.post(server, `/products/${cocktail}/lots`, { lot_number: 'DH-2610', expires_on: '2026-11-15', quantity: 5 });
  await page.goto(`/patients/${patient.id}/chart/${secondAppointment.id}`);
  const next = page.getByRole('form', { name: 'Chart session 2' });
  await next.getByRole('group', { name: /Is the patient pregnant/ }).getByLabel('No', { exact: true }).check();
  const offered = await next.getByLabel('Lot', { exact: true }).locator('option').allTextContents();
  assert.ok(offered[0].includes('DH-2610'), `the first to expire is listed first: ${offered[0]}`);
  assert.equal(await next.getByLabel('Lot', { exact: true }).inputValue(), lots.usable.id);
  const recalled = await server.request('POST', `/api/v1/lots/${sooner.id}/recall`, { token: await server.admin(), body: { reason: 'Only for this test' } });
  assert.equal(recalled.status, 200, recalled.text);
  await page.goto(`/patients/${patient.id}/course`);
});

test('a side effect is recorded from the Side effects tab, linked to the session and its lot', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Side effects' }).click();
  await page.getByText('No side effect recorded.').waitFor();
  await page.getByRole('button', { name: 'Record a side effect' }).click();
  const form = page.getByRole('form', { name: 'Record a side effect' });
  // The latest session and the lots it injected are suggested.
  assert.match(await form.getByLabel('Suspected session').locator('option:checked').textContent(), /Session 1 · Mon 5 Jan 2026, 10:00/);
  const lot = form.getByRole('group', { name: /Suspected lots/ }).getByLabel('Dermaheal HL · lot DH-2611');
  assert.equal(await lot.isChecked(), true);
  assert.equal(await form.getByLabel('Onset').inputValue(), '2026-01-05');

  await form.getByRole('button', { name: 'Record the side effect' }).click();
  await form.locator('[data-field="type"] .field-error').getByText('Choose the kind of reaction.').waitFor();
  await form.getByLabel('Type').selectOption({ label: 'Haematoma (bruise)' });
  // The message goes as soon as the field is filled in; the others stay.
  await form.locator('[data-field="type"] .field-error').waitFor({ state: 'detached' });
  await form.locator('[data-field="grade"] .field-error').waitFor();
  await form.getByRole('group', { name: /Grade/ }).getByLabel(/Grade 1 · mild/).check();
  await form.getByRole('group', { name: 'Management' }).getByLabel('Cold compress').check();
  await form.getByRole('group', { name: 'Outcome' }).getByLabel('Recovering').check();
  await form.getByLabel('Notes').fill('Small bruise at the vertex.');
  await screenshot(page, 'adverse-event-form');
  await form.getByRole('button', { name: 'Record the side effect' }).click();
  await form.waitFor({ state: 'detached' });

  const event = page.getByTestId('adverse-events').locator('li.event').first();
  await event.getByText('Haematoma (bruise)').waitFor();
  await event.getByText('Grade 1', { exact: true }).waitFor();
  await event.getByText('Recovering', { exact: true }).waitFor();
  await event.getByRole('link', { name: 'Session 1' }).waitFor();
  await event.getByText('Dermaheal HL · lot DH-2611').waitFor();
  await event.getByText('Cold compress').waitFor();
  await event.getByText('Small bruise at the vertex.').waitFor();
  await page.getByRole('heading', { name: 'Side effects (1)' }).waitFor();
  await screenshot(page, 'adverse-events');

  const events = await api.get(server, `/patients/${patient.id}/adverse-events`);
  assert.equal(events.items.length, 1);
  assert.equal(events.items[0].session_id, sessionId);
  assert.deepEqual(events.items[0].lot_ids, [lots.usable.id]);
  assert.equal(events.items[0].grade, 1);
});

test('a “yes” to the pregnancy question refuses the session: nothing is charted and the course is held', async () => {
  const { page } = browser;
  await page.goto(`/patients/${paula.id}/course`);
  await page.getByRole('link', { name: 'Chart session 1' }).click();
  const form = page.getByRole('form', { name: 'Chart session 1' });
  await form.getByRole('group', { name: /Is the patient pregnant/ }).getByLabel('Yes', { exact: true }).check();
  const stop = form.getByTestId('pregnancy-stop');
  await stop.getByText('Do not treat today.').waitFor();
  assert.equal(await form.getByRole('group', { name: /Scalp map/ }).count(), 0);
  await screenshot(page, 'chart-pregnancy-yes');
  await stop.getByRole('button', { name: 'Record: session not done' }).click();
  const refused = page.getByTestId('pregnancy-refused');
  await refused.getByText('Session refused: the patient reports being pregnant', { exact: true }).waitFor();
  await screenshot(page, 'chart-pregnancy-refused');
  assert.equal((await api.get(server, `/patients/${paula.id}/sessions`)).items.length, 0);
  const [paulaPlan] = (await api.get(server, `/patients/${paula.id}/plans`)).items;
  assert.equal(paulaPlan.booking_hold, true);
  await page.getByRole('link', { name: 'Back to the course' }).click();
  await page.getByTestId('timeline').waitFor();
});

test('outcome measurements: the baseline, then the evaluation once three months have passed', async () => {
  const { page } = browser;
  await page.goto(`/patients/${patient.id}/sessions`);
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Outcomes' }).click();
  const evaluation = page.getByTestId('evaluation');
  await evaluation.getByRole('heading', { name: 'Too early to evaluate' }).waitFor();
  await evaluation.getByText('First session 5 Jan 2026').waitFor();
  await page.getByText('No measurements yet.').waitFor();

  // The baseline: measured on the day of the first session.
  await page.getByRole('button', { name: 'Add a measurement' }).click();
  let form = page.getByRole('form', { name: 'Add a measurement' });
  await form.getByLabel('Measure').selectOption({ label: 'Total density (hairs/cm²)' });
  await form.getByLabel('Value (hairs/cm²)').fill('120');
  assert.equal(await form.getByLabel('Taken on').inputValue(), '2026-01-05');
  await form.getByLabel('Site').fill('vertex');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.waitFor({ state: 'detached' });
  const density = page.locator('figure.measure[data-kind="density"]');
  await density.getByText('Baseline 120 (5 Jan 2026, vertex)').waitFor();
  await density.locator('canvas').waitFor();
  await density.getByText('Drawing the chart…').waitFor({ state: 'detached' });
  await evaluation.getByRole('heading', { name: 'Too early to evaluate' }).waitFor();
  await screenshot(page, 'outcomes-baseline');

  // Three months and ten days later (signed in again: the session expired
  // with the jump), the evaluation is due; a new density of 150 (+25%)
  // makes the patient a responder.
  await server.setClock('2026-04-15T08:00:00Z');
  await page.goto(`/patients/${patient.id}/outcomes`);
  await signIn(page, clinician.email, clinician.password);
  await evaluation.getByRole('heading', { name: 'Evaluation due' }).waitFor();
  await page.getByRole('button', { name: 'Add a measurement' }).click();
  form = page.getByRole('form', { name: 'Add a measurement' });
  await form.getByLabel('Measure').selectOption({ label: 'Total density (hairs/cm²)' });
  // A value out of range and a blank day are named together, before asking
  // the server.
  await form.getByLabel('Value (hairs/cm²)').fill('1500');
  assert.equal(await form.getByLabel('Taken on').inputValue(), '2026-04-15');
  await form.getByLabel('Taken on').fill('');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.getByText('Enter a value between 0 and 1,000 hairs/cm².').waitFor();
  await form.getByText('When was it measured?').waitFor();
  await form.getByLabel('Taken on').fill('2026-04-15');
  // A slip of the keyboard (15 for 150) is questioned before it is saved.
  await form.getByLabel('Value (hairs/cm²)').fill('15');
  await form.getByLabel('Site').fill('vertex');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.getByText('15 hairs/cm² is 88% below the baseline of 120 hairs/cm² (5 Jan 2026).').waitFor();
  await form.getByRole('button', { name: 'Save anyway' }).waitFor();
  await screenshot(page, 'outcomes-check-value');
  assert.equal((await api.get(server, `/patients/${patient.id}/progress`)).series.density.points.length, 1);
  await form.getByLabel('Value (hairs/cm²)').fill('150');
  await form.getByText('Check the value').waitFor({ state: 'detached' });
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.waitFor({ state: 'detached' });
  await evaluation.getByRole('heading', { name: 'Responder' }).waitFor();
  assert.equal(await evaluation.getAttribute('data-evaluation'), 'responder');
  await density.getByText('+25%').waitFor();
  await density.getByText('Baseline 120 (5 Jan 2026, vertex)').waitFor();
  assert.equal(await density.getAttribute('data-points'), '2');
  await density.getByText('Drawing the chart…').waitFor({ state: 'detached' });
  await density.getByText('Show the figures').click();
  await density.getByRole('row', { name: /5 Jan 2026 120 \(baseline\) vertex/ }).waitFor();
  await density.getByRole('row', { name: /15 Apr 2026 150 vertex/ }).waitFor();
  await screenshot(page, 'outcomes-responder');
  // A slip on the baseline's own day (it would become the baseline) is
  // questioned against that day's figure.
  await page.getByRole('button', { name: 'Add a measurement' }).click();
  form = page.getByRole('form', { name: 'Add a measurement' });
  await form.getByLabel('Measure').selectOption({ label: 'Total density (hairs/cm²)' });
  await form.getByLabel('Value (hairs/cm²)').fill('1,20');
  await form.getByLabel('Taken on').fill('2026-01-05');
  await form.getByLabel('Site').fill('vertex');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.getByText('1.2 hairs/cm² is 99% below the figure of 120 hairs/cm² (5 Jan 2026).').waitFor();
  await form.getByRole('button', { name: 'Cancel' }).click();

  const progress = await api.get(server, `/patients/${patient.id}/progress`);
  assert.equal(progress.evaluation, 'responder');
  assert.equal(progress.series.density.baseline, 120);

  // The 150 was typed wrong: marked entered in error with a reason, it
  // leaves the chart and the evaluation is due again.
  await density.getByRole('button', { name: 'Correct 150 on 15 Apr 2026 (entered in error)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark 150 hairs/cm² of 15 Apr 2026 entered in error' });
  await dialog.getByLabel('Reason').fill('Typed 150 for 125');
  await screenshot(page, 'outcomes-entered-in-error');
  await dialog.getByRole('button', { name: 'Mark entered in error' }).click();
  await dialog.waitFor({ state: 'detached' });
  await evaluation.getByRole('heading', { name: 'Evaluation due' }).waitFor();
  assert.equal(await density.getAttribute('data-points'), '1');
  const marked = (await api.get(server, `/patients/${patient.id}/progress`)).series.density.points;
  assert.deepEqual(marked.map((p) => p.value), [120]);

  // A real change that large is saved when the clinician says so; the form
  // starts at the baseline's site.
  await page.getByRole('button', { name: 'Add a measurement' }).click();
  form = page.getByRole('form', { name: 'Add a measurement' });
  await form.getByLabel('Measure').selectOption({ label: 'Total density (hairs/cm²)' });
  assert.equal(await form.getByLabel('Site').inputValue(), 'vertex');
  await form.getByLabel('Value (hairs/cm²)').fill('190');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.getByRole('button', { name: 'Save anyway' }).click();
  await form.waitFor({ state: 'detached' });
  await evaluation.getByRole('heading', { name: 'Responder' }).waitFor();
  const kept = (await api.get(server, `/patients/${patient.id}/progress`)).series.density.points;
  assert.deepEqual(kept.map((p) => [p.value, p.site]), [[120, 'vertex'], [190, 'vertex']]);
  // Another site is not compared with the baseline, so not questioned either.
  await page.getByRole('button', { name: 'Add a measurement' }).click();
  form = page.getByRole('form', { name: 'Add a measurement' });
  await form.getByLabel('Measure').selectOption({ label: 'Total density (hairs/cm²)' });
  await form.getByLabel('Value (hairs/cm²)').fill('30');
  await form.getByLabel('Site').fill('occipital');
  await form.getByRole('button', { name: 'Save the measurement' }).click();
  await form.waitFor({ state: 'detached' });
  const other = (await api.get(server, `/patients/${patient.id}/progress`)).series.density.points.at(-1);
  assert.deepEqual([other.value, other.site, other.compared], [30, 'occipital', false]);
});

test('recall: one row per patient who received the lot, with how to reach them', async () => {
  const { page } = browser;
  await page.goto(`/setup/recall?lot=${lots.small.id}`);
  const table = page.getByRole('table', { name: 'Recipients of lot DH-EMPTY' });
  const row = table.locator(`tr[data-patient="${otro.id}"]`);
  await row.getByRole('link', { name: 'Otro Paciente' }).waitFor();
  await row.getByRole('link', { name: '+34 611 000 111' }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 1);
  // The list goes to a spreadsheet, to call or write to each patient.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the list (CSV)' }).click()]);
  assert.equal(download.suggestedFilename(), 'recall-lot-DH-EMPTY.csv');
  const csv = await readFile(await download.path(), 'utf8');
  // The phone stays text, not a formula, in a spreadsheet.
  assert.match(csv, /^Patient,Phone,Email,Session,Volume \(mL\)\r\nOtro Paciente,"'\+34 611 000 111",/);
  // The lot is stopped from today: a reason, one click.
  const form = page.getByRole('form', { name: 'Recall lot DH-EMPTY' });
  await form.getByRole('button', { name: 'Recall lot DH-EMPTY' }).click();
  await form.getByText('Say why: the manufacturer’s notice, a suspected reaction…').waitFor();
  await form.getByLabel('Stop using this lot').fill('Manufacturer notice 2026-014');
  await form.getByRole('button', { name: 'Recall lot DH-EMPTY' }).click();
  await page.getByTestId('lot-recalled').getByText(/^Manufacturer notice 2026-014\. It is not offered/).waitFor();
  await screenshot(page, 'recall');
  assert.equal((await api.get(server, `/lots/${lots.small.id}`)).recalled, true);
  await page.getByRole('link', { name: 'Products and lots' }).click();
  await page.locator('tr[data-lot="DH-EMPTY"]').getByText('Recalled', { exact: true }).waitFor();
  // Entered on the wrong lot: taken back.
  await page.goto(`/setup/recall?lot=${lots.small.id}`);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Take back the recall' }).click();
  await page.getByRole('form', { name: 'Recall lot DH-EMPTY' }).waitFor();
  assert.equal((await api.get(server, `/lots/${lots.small.id}`)).recalled, false);
});

test('charting after the screening expired asks to screen the patient again', async () => {
  const { page } = browser;
  // Screened on 5 Jan; the clinic's screenings stay current 180 days.
  await server.setClock('2026-07-20T08:00:00Z');
  await page.goto(`/patients/${patient.id}/chart/${secondAppointment.id}`);
  await signIn(page, clinician.email, clinician.password);
  const warning = page.locator('.alert').filter({ hasText: 'Screen the patient again' });
  await warning.getByText(/expired on 4 Jul 2026/).waitFor();
  await warning.getByRole('link', { name: 'Open the screening' }).waitFor();
  await screenshot(page, 'chart-screening-expired');
});

test('a record charted by mistake is marked entered in error: kept, marked, its stock back', async () => {
  const { page } = browser;
  const before = (await api.get(server, `/lots/${lots.usable.id}`)).remaining;
  await page.goto(`/patients/${patient.id}/sessions/${sessionId}`);
  await page.getByRole('button', { name: 'Mark entered in error' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark session 1 entered in error' });
  await dialog.getByLabel('Reason').fill('Charted on the wrong appointment.');
  await dialog.getByRole('button', { name: 'Mark entered in error' }).click();
  await dialog.waitFor({ state: 'detached' });
  const banner = page.locator('.entered-in-error');
  await banner.getByText(/Charted on the wrong appointment\./).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark entered in error' }).count(), 0);
  await screenshot(page, 'session-entered-in-error');
  assert.equal((await api.get(server, `/lots/${lots.usable.id}`)).remaining, before + 3.5);
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Sessions' }).click();
  await page.getByTestId('session-records').getByRole('row', { name: /Session 1/ }).getByText('Entered in error').waitFor();
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
