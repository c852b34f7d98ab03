// Screening (review, then a clinician's override), assessment (scale,
// levels, candidacy), and what a receptionist may not see.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser, fieldError, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;
let clinician;
let patient;

before(async () => {
  server = await startServer();
  clinician = await createUser(server, 'clinician', 'Dr Ana Vega');
  patient = await server.patient(await server.admin(), {
    given_name: 'Marco', family_name: 'Rossi', sex: 'male', birth_date: '1984-06-12',
  });
  browser = await openBrowser(server);
  await browser.page.goto(`/patients/${patient.id}`);
  await signIn(browser.page, clinician.email, clinician.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The radio group of one screening question, found by its code. */
const question = (page, code) => page.locator(`.question [data-field="${code}"]`);

test('a screening with a relative contraindication needs review', async () => {
  const { page } = browser;
  await page.getByRole('heading', { name: 'Marco Rossi', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Screening' }).click();
  await page.getByText('Not screened yet.').waitFor();
  await page.getByRole('button', { name: 'Start screening' }).click();

  // Nothing answered: every question asks for an answer, none counts as "no".
  await page.getByRole('button', { name: 'Record screening' }).click();
  // A man is not asked about pregnancy or breastfeeding.
  await page.getByText('Pregnancy and breastfeeding are not asked of a male patient').waitFor();
  await page.getByText('13 questions are not answered yet.').waitFor();
  assert.equal(await page.locator('.question .field-error').count(), 13);
  // No shortcut before a first answer: nothing reads as "no" unasked.
  assert.equal(await page.getByRole('button', { name: /^No to / }).count(), 0);

  const codes = await page.locator('.question [data-field]').evaluateAll((els) => els.map((e) => e.dataset.field));
  assert.equal(codes.length, 13);
  assert.ok(!codes.includes('pregnant') && !codes.includes('breastfeeding'));
  // The one yes, then the rest answered no in one click (once asked), left to check.
  await question(page, 'anticoagulants').getByLabel('Yes').check();
  await page.getByRole('button', { name: 'No to the other 12' }).click();
  await page.getByText('13 of 13 answered').waitFor();
  for (const code of codes) {
    const answer = code === 'anticoagulants' ? 'Yes' : 'No';
    assert.ok(await question(page, code).getByLabel(answer, { exact: true }).isChecked(), `${code}: ${answer}`);
  }
  assert.equal(await page.getByRole('button', { name: /^No to / }).count(), 0, 'nothing left to answer');
  assert.equal(await page.locator('.question .field-error').count(), 0);
  await screenshot(page, 'screening-form');

  await page.getByRole('button', { name: 'Record screening' }).click();
  const outcome = page.getByTestId('screening-outcome');
  await outcome.getByRole('heading', { name: 'Needs a clinician’s review' }).waitFor();
  await page.locator('.findings').getByText('Takes anticoagulants or antiplatelets').waitFor();
  await page.locator('.findings').getByText('Relative').waitFor();
  await outcome.getByText('Valid until 4 Jul 2026').waitFor();
  const [recorded] = (await server.request('GET', `/api/v1/patients/${patient.id}/screenings`, { token: await server.admin() })).body.items;
  assert.ok(!('pregnant' in recorded.answers) && !('breastfeeding' in recorded.answers), 'not asked, not recorded as answered');
  await page.getByLabel('Clinical status').getByText('Needs review').waitFor();
  await screenshot(page, 'screening-review');
  // Until the review is cleared, the course tab sends the clinician back to it.
  const tabs = page.getByRole('navigation', { name: 'Patient record' });
  await tabs.getByRole('link', { name: 'Course' }).click();
  await page.getByText('The screening needs a clinician’s review.').waitFor();
  await page.getByRole('link', { name: 'Go to the screening' }).click();
  await page.getByTestId('screening-outcome').waitFor();
});

test('a clinician overrides the review with a written reason', async () => {
  const { page } = browser;
  await page.getByLabel('Reason for the override').fill('ok');
  await page.getByRole('button', { name: 'Record override' }).click();
  await fieldError(page, 'reason').filter({ hasText: 'at least 10 characters' }).waitFor();

  const reason = 'Aspirin paused 7 days before each session, agreed with the GP.';
  await page.getByLabel('Reason for the override').fill(reason);
  await page.getByRole('button', { name: 'Record override' }).click();
  await page.getByRole('heading', { name: 'Cleared for treatment by a clinician' }).waitFor();
  await page.getByTestId('screening-override').getByText(reason).waitFor();
  await page.getByTestId('screening-override').getByText('by Dr Ana Vega (you)').waitFor();
  assert.equal(await page.getByLabel('Reason for the override').count(), 0);
  await page.getByLabel('Clinical status').getByText('Review · overridden').waitFor();
  await screenshot(page, 'screening-override');

  // The history keeps every answer given.
  const history = page.getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Show answers' }).click();
  assert.equal(await history.locator('.answers [data-code="anticoagulants"] dd').textContent(), 'Yes');
  assert.equal(await history.locator('.answers [data-code="diabetes"] dd').textContent(), 'No');
  assert.equal(await history.locator('.answers > div').count(), 13, 'pregnancy and breastfeeding were not asked of him');
  await screenshot(page, 'screening-history');
});

test('an assessment on the Norwood scale shows its levels and the candidacy', async () => {
  const { page } = browser;
  await page.getByRole('navigation', { name: 'Patient record' }).getByRole('link', { name: 'Assessment' }).click();
  await page.getByRole('heading', { name: 'New assessment' }).waitFor();
  // Men default to the Norwood-Hamilton scale; the rest must be chosen.
  assert.equal(await page.getByLabel('Grading scale').inputValue(), 'norwood');
  // A count out of range is named with the blank fields, in the same round.
  await page.getByLabel('Pull test').fill('-3');
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await fieldError(page, 'pull_test_hairs').filter({ hasText: 'Enter a value between 0 and 100 hairs.' }).waitFor();
  await fieldError(page, 'diagnosis').filter({ hasText: 'Choose the diagnosis.' }).waitFor();
  await fieldError(page, 'grade').filter({ hasText: 'Choose the grade.' }).waitFor();
  await fieldError(page, 'roots_retained').filter({ hasText: 'Answer whether hair roots are retained.' }).waitFor();

  // Picking a scale shows that scale's levels.
  await page.getByLabel('Grading scale').selectOption({ label: 'Ludwig' });
  const grades = page.locator('[data-field="grade"] .radio-label');
  await page.getByRole('group', { name: 'Grade on the Ludwig scale' }).waitFor();
  assert.deepEqual(await grades.allTextContents(), ['I', 'II', 'III']);
  // A man graded on a women's scale is allowed, and questioned.
  await page.locator('[data-field="scale"]').getByText('A man is usually graded on Norwood-Hamilton.').waitFor();
  await page.getByLabel('Grading scale').selectOption({ label: 'Norwood-Hamilton' });
  await page.getByRole('group', { name: 'Grade on the Norwood-Hamilton scale' }).waitFor();
  assert.deepEqual(await grades.allTextContents(), ['I', 'II', 'IIa', 'III', 'IIIa', 'III vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII']);

  await page.getByLabel('Diagnosis').selectOption('androgenetic_alopecia');
  await page.getByRole('group', { name: 'Grade on the Norwood-Hamilton scale' }).getByRole('radio', { name: 'III vertex Moderate' }).check();
  await page.getByRole('group', { name: 'Hair roots retained in the affected area?' }).getByLabel('Yes').check();
  await page.getByLabel('Pull test').fill('3');
  await page.getByLabel('Shedding count').fill('40');
  await page.getByLabel('Notes').fill('Thinning at the crown for two years; father bald by 40.');
  await screenshot(page, 'assessment-form');
  await page.getByRole('button', { name: 'Record assessment' }).click();

  const result = page.getByTestId('assessment-result');
  await result.getByRole('heading', { name: 'A candidate for a mesotherapy course' }).waitFor();
  await result.getByText('Moderate').waitFor();
  await result.getByText('Norwood-Hamilton III vertex').waitFor();
  await result.getByText('Positive pull test (3 hairs, normal is 2 or fewer): active shedding.').waitFor();
  await page.getByLabel('Clinical status').getByText('Yes').waitFor();
  await screenshot(page, 'assessment');
});

test('without retained roots the patient is not a candidate, and the history keeps both', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'New assessment' }).click();
  await page.getByLabel('Diagnosis').selectOption('scarring_alopecia');
  await page.getByRole('group', { name: 'Grade on the Norwood-Hamilton scale' }).getByRole('radio', { name: 'V Advanced', exact: true }).check();
  await page.getByRole('group', { name: 'Hair roots retained in the affected area?' }).getByLabel('No').check();
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await page.getByTestId('assessment-result').getByRole('heading', { name: 'Not a candidate for mesotherapy' }).waitFor();
  const history = page.getByRole('region', { name: 'History' }).locator('tbody tr');
  assert.equal(await history.count(), 2);
  assert.match(await history.nth(0).textContent(), /Scarring alopecia/);
  await page.getByLabel('Clinical status').getByText('No', { exact: true }).waitFor();
});

test('a receptionist sees the details, the course and the aftercare but no clinical record', async () => {
  const receptionist = await createUser(server, 'receptionist', 'Rita Reyes');
  const other = await openBrowser(server);
  try {
    const { page } = other;
    await page.goto(`/patients/${patient.id}`);
    await signIn(page, receptionist.email, receptionist.password);
    await page.getByRole('heading', { name: 'Marco Rossi', level: 1 }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Patient record' });
    assert.deepEqual(await tabs.getByRole('link').allTextContents(), ['Details', 'Course', 'Aftercare']);
    assert.equal(await page.getByLabel('Clinical status').count(), 0);
    await screenshot(page, 'receptionist-patient');
    // Set-up offers them only what booking needs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Set-up' }).click();
    const sections = page.getByRole('navigation', { name: 'Set-up sections' });
    await sections.getByRole('link', { name: 'Practitioners' }).waitFor();
    assert.deepEqual(await sections.getByRole('link').allTextContents(), ['Practitioners', 'Holidays', 'Protocols']);

    await page.goto(`/patients/${patient.id}/screening`);
    await page.getByText('Clinical records (screening, assessment, sessions, side effects, outcomes) are visible to clinicians and administrators only.').waitFor();
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('for a woman the shortcut leaves pregnancy and breastfeeding to be asked one by one', async () => {
  const { page } = browser;
  const ana = await server.patient(await server.admin(), { given_name: 'Lucía', family_name: 'Prado', sex: 'female', birth_date: '1990-03-04' });
  await page.goto(`/patients/${ana.id}/screening`);
  await page.getByRole('button', { name: 'Start screening' }).click();
  await question(page, 'anticoagulants').getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'No to the other 12' }).click();
  await page.getByText('13 of 15 answered').waitFor();
  for (const code of ['pregnant', 'breastfeeding']) {
    assert.equal(await question(page, code).getByLabel('No', { exact: true }).isChecked(), false, `${code} left to ask`);
  }
  await page.getByRole('button', { name: 'Record screening' }).click();
  await page.getByText('2 questions are not answered yet.').waitFor();
  assert.equal((await server.request('GET', `/api/v1/patients/${ana.id}/screenings`, { token: await server.admin() })).body.items.length, 0, 'nothing recorded');
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
