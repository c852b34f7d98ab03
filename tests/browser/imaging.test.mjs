// Images on the Outcomes tab: a clinician analyses a dermatoscope image of
// the marked site (the form names what is missing; a file that is not an
// image is refused and nothing is stored), reads the figures beside the
// overlay, adds the second image of the pair for the anagen share, and
// uploads standard photos that come back side by side by date.
//
// The images come from the project's seeded generator
// (build/trichoscopy_sample), whose ground truth the figures are checked
// against loosely (the analysis' accuracy is bench/imaging's business).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rgbPng } from '../api/png.mjs';
import { api, readyPatient } from './fixtures.mjs';
import { createUser, fieldError, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

const SAMPLE = process.env.ANAGEN_SAMPLE || new URL('../../build/trichoscopy_sample', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'anagen-browser-images-'));

let server;
let browser;
let patient;
let truth;

before(async () => {
  truth = JSON.parse(execFileSync(SAMPLE, [join(dir, 'first.png'), '--second', join(dir, 'second.png'), '--seed', '21']).toString());
  server = await startServer();
  ({ patient } = await readyPatient(server, { given_name: 'Marta', family_name: 'Soler', sex: 'female' }));
  const clinician = await createUser(server, 'clinician', 'Dr Irene Pons');
  browser = await openBrowser(server);
  await browser.page.goto(`/patients/${patient.id}/outcomes`);
  await signIn(browser.page, clinician.email, clinician.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const trichoscopyCard = (page) => page.getByRole('region', { name: 'Trichoscopy', exact: true });

test('a trichoscopy image: what is missing is named, a non-image is refused, the figures and the overlay come back', async () => {
  const { page } = browser;
  const card = trichoscopyCard(page);
  await card.getByText('No image analysed yet.').waitFor();
  await card.getByRole('button', { name: 'Analyse an image' }).click();
  const form = page.getByRole('form', { name: 'Analyse a trichoscopy image' });
  assert.equal(await form.getByLabel('Site').inputValue(), 'vertex');

  // Nothing chosen: the scale and the image are asked for, nothing is sent.
  await form.getByRole('button', { name: 'Analyse' }).click();
  await fieldError(form, 'um_per_px').getByText('The image scale').waitFor();
  await fieldError(form, 'body').getByText('Choose the image').waitFor();

  // A text file named like a picture: the server's refusal is shown beside
  // the file, and no analysis is stored.
  await form.getByLabel('Scale (µm per pixel)').fill(String(truth.um_per_px).replace('.', ','));
  await form.getByLabel('Image').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is text, not a picture') });
  await form.getByRole('button', { name: 'Analyse' }).click();
  await fieldError(form, 'body').getByText(/not a readable image/).waitFor();
  assert.equal(await fieldError(form, 'um_per_px').count(), 0, 'the scale (typed with a decimal comma) was accepted');
  assert.equal((await api.get(server, `/patients/${patient.id}/trichoscopy`)).items.length, 0);
  await screenshot(page, 'trichoscopy-refused');

  // The real image.
  await form.getByLabel('Image').setInputFiles(join(dir, 'first.png'));
  await form.getByRole('button', { name: 'Analyse' }).click();
  await form.waitFor({ state: 'detached' });
  const result = page.getByTestId('trichoscopy-result');
  await result.waitFor();
  const [stored] = (await api.get(server, `/patients/${patient.id}/trichoscopy`)).items;
  assert.equal(stored.site, 'vertex');
  assert.equal(stored.um_per_px, truth.um_per_px);
  const shown = Number(await result.locator('[data-figure="hair_count"]').textContent());
  assert.equal(shown, stored.result.hair_count);
  // The real analysis of this image, not a placeholder: within its accuracy
  // for an image this small (640x480 px, about 14 hairs, where one opening of
  // three hairs traced as one band is already a fifth of the count;
  // bench/imaging/README.md gives the per-image limits at full size).
  assert.ok(Math.abs(shown - truth.hair_count) <= Math.max(4, 0.3 * truth.hair_count), `${shown} hairs shown, ${truth.hair_count} in the image`);
  await result.locator('[data-figure="anagen"]').getByText('needs a 2nd image').waitFor();
  // The overlay is the stored one and has loaded (a broken image has no width).
  const overlay = result.getByTestId('trichoscopy-overlay');
  await overlay.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await overlay.elementHandle());
  assert.equal(await overlay.evaluate((img) => img.naturalWidth), 640);
  assert.match(await overlay.getAttribute('alt'), new RegExp(`${stored.result.hair_count} hairs detected`));
  // Its figures are measurements of the site, charted with the others.
  const density = page.locator('figure.measure[data-kind="density"]');
  await density.waitFor();
  assert.equal(await density.getAttribute('data-points'), '1');
  const measurements = (await api.get(server, `/patients/${patient.id}/measurements`)).items;
  assert.ok(measurements.some((m) => m.kind === 'density' && m.source === 'trichoscopy' && m.site === 'vertex'));
  await result.getByRole('button', { name: 'Show the original' }).click();
  await result.getByTestId('trichoscopy-image').waitFor();
  await result.getByRole('button', { name: 'Show the overlay' }).click();
  await screenshot(page, 'trichoscopy-result');
});

test('the second image of the pair gives the anagen share', async () => {
  const { page } = browser;
  const result = page.getByTestId('trichoscopy-result');
  await result.getByRole('button', { name: 'Add second image' }).click();
  const form = page.getByRole('form', { name: 'Add the second image' });
  await form.getByLabel('Hours after the first image').fill('');
  await form.getByRole('button', { name: 'Analyse the pair' }).click();
  await fieldError(form, 'hours').getByText('Hours between the two images.').waitFor();
  await fieldError(form, 'body').getByText('Choose the second image.').waitFor();
  await form.getByLabel('Hours after the first image').fill('60');
  await form.getByLabel('Second image').setInputFiles(join(dir, 'second.png'));
  await form.getByRole('button', { name: 'Analyse the pair' }).click();
  await form.waitFor({ state: 'detached' });
  await result.getByText('Paired, 60 h').waitFor();
  const [stored] = (await api.get(server, `/patients/${patient.id}/trichoscopy`)).items;
  assert.equal(stored.paired, true);
  assert.notEqual(stored.result.anagen_percent, null);
  const shown = (await result.locator('[data-figure="anagen"]').textContent()).replace('%', '');
  assert.equal(Number(shown), Number(stored.result.anagen_percent.toFixed(Number.isInteger(Number(shown)) ? 0 : 1)));
  // What the share is of: the hairs followed between the shots, as stored.
  assert.ok(stored.result.anagen_classified > 0);
  const { hairs } = (await api.get(server, `/trichoscopy/${stored.id}`)).result;
  assert.equal(hairs.filter((h) => h.anagen !== undefined).length, stored.result.anagen_classified);
  assert.equal(await result.locator('[data-figure="anagen_classified"]').textContent(), `of ${stored.result.anagen_classified} hairs followed`);
  assert.ok(Math.abs(stored.result.anagen_percent - truth.anagen_percent) <= 20, `${stored.result.anagen_percent}% vs ${truth.anagen_percent}% in the images`);
  await screenshot(page, 'trichoscopy-paired');
});

test('an analysis entered in error: a reason is asked for, its figures leave the charts, it stays listed, marked', async () => {
  const { page } = browser;
  const result = page.getByTestId('trichoscopy-result');
  const density = page.locator('figure.measure[data-kind="density"]');
  await density.waitFor();
  await result.getByRole('button', { name: 'Entered in error…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark this analysis entered in error' });
  await dialog.getByRole('button', { name: 'Mark entered in error' }).click();
  await fieldError(dialog, 'reason').getByText('must not be empty').waitFor();
  await dialog.getByLabel('Reason').fill('Wrong scale: the 20x lens reads 5.1 µm per pixel');
  await dialog.getByRole('button', { name: 'Mark entered in error' }).click();
  await dialog.waitFor({ state: 'detached' });
  await result.getByText('Wrong scale: the 20x lens reads 5.1 µm per pixel').waitFor();
  // Its figures are no longer measurements: the density chart goes.
  await density.waitFor({ state: 'detached' });
  assert.equal((await api.get(server, `/patients/${patient.id}/measurements`)).items.filter((m) => m.source === 'trichoscopy').length, 0);
  const [stored] = (await api.get(server, `/patients/${patient.id}/trichoscopy`)).items;
  assert.equal(stored.entered_in_error.reason, 'Wrong scale: the 20x lens reads 5.1 µm per pixel');
  assert.equal(await result.getByRole('button', { name: 'Entered in error…' }).count(), 0);
  await screenshot(page, 'trichoscopy-entered-in-error');
});

test('an image with no hair in it says so, and records no measurement', async () => {
  const { page } = browser;
  const card = trichoscopyCard(page);
  await card.getByRole('button', { name: 'Analyse an image' }).click();
  const form = page.getByRole('form', { name: 'Analyse a trichoscopy image' });
  await form.getByLabel('Scale (µm per pixel)').fill(String(truth.um_per_px));
  // A file over 25 MB is refused as it is chosen, not after minutes of upload.
  await form.getByLabel('Image').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(26 * 1024 * 1024) });
  await fieldError(form, 'body').getByText('huge.png is 26.0 MB: files up to 25 MB are taken.').waitFor();
  const skin = rgbPng(640, 480, (x, y) => [205 + ((x * 7 + y * 13) % 5), 160, 140]);
  await form.getByLabel('Image').setInputFiles({ name: 'bare-skin.png', mimeType: 'image/png', buffer: skin });
  await form.getByRole('button', { name: 'Analyse' }).click();
  await form.waitFor({ state: 'detached' });
  const result = page.getByTestId('trichoscopy-result');
  await result.getByText('No hair found').waitFor();
  await result.getByText(/Nothing was recorded as a measurement/).waitFor();
  assert.equal(await result.getByText('The figures are recorded as measurements').count(), 0);
  // No hair, so no diameter or vellus share: a dash, not "0 µm".
  assert.equal(await result.locator('[data-figure="mean_diameter"]').textContent(), '—');
  assert.equal(await result.locator('[data-figure="vellus"]').textContent(), '—');
  assert.equal((await api.get(server, `/patients/${patient.id}/measurements`)).items.filter((m) => m.source === 'trichoscopy').length, 0);
  await screenshot(page, 'trichoscopy-no-hair');
});

test('an analysis far from the figure before it is questioned, as a typed figure is', async () => {
  const { page } = browser;
  const card = trichoscopyCard(page);
  const analyse = async (file, umPerPx) => {
    await card.getByRole('button', { name: 'Analyse an image' }).click();
    const form = page.getByRole('form', { name: 'Analyse a trichoscopy image' });
    await form.getByLabel('Scale (µm per pixel)').fill(String(umPerPx));
    await form.getByLabel('Image').setInputFiles(file);
    await form.getByRole('button', { name: 'Analyse' }).click();
    await form.waitFor({ state: 'detached' });
  };
  const a = JSON.parse(execFileSync(SAMPLE, [join(dir, 'a.png'), '--seed', '31']).toString());
  const b = JSON.parse(execFileSync(SAMPLE, [join(dir, 'b.png'), '--seed', '32']).toString());
  await analyse(join(dir, 'a.png'), a.um_per_px);
  await page.getByTestId('trichoscopy-result').locator('[data-figure="density"]').waitFor();
  assert.equal(await page.getByTestId('trichoscopy-far').count(), 0, 'the first figure is not questioned');
  // The next image with twice its real scale: a quarter of the density.
  await analyse(join(dir, 'b.png'), b.um_per_px * 2);
  const far = page.getByTestId('trichoscopy-far');
  await far.waitFor();
  assert.match(await far.textContent(), /% below the figure of/);
  await page.getByText('Check the image and its scale; if it is wrong, mark it entered in error.').waitFor();
  await screenshot(page, 'trichoscopy-far');
});

test('an image taken at an earlier visit takes its place in the list by date', async () => {
  const { page } = browser;
  const card = trichoscopyCard(page);
  const rows = card.locator('tr[data-taken-on]');
  const before = await rows.count();
  await card.getByRole('button', { name: 'Analyse an image' }).click();
  const form = page.getByRole('form', { name: 'Analyse a trichoscopy image' });
  const c = JSON.parse(execFileSync(SAMPLE, [join(dir, 'c.png'), '--seed', '33']).toString());
  await form.getByLabel('Scale (µm per pixel)').fill(String(c.um_per_px));
  await form.getByLabel('Taken on').fill('2026-01-02');
  await form.getByLabel('Image').setInputFiles(join(dir, 'c.png'));
  await form.getByRole('button', { name: 'Analyse' }).click();
  await form.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('tr[data-taken-on]').length === n, before + 1);
  const dates = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-taken-on')));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  assert.equal(dates.at(-1), '2026-01-02', 'the earlier image last, though uploaded last');
  // The image just analysed is the one shown.
  assert.equal(await card.locator('tr.is-selected').getAttribute('data-taken-on'), '2026-01-02');
});

test('standard photos: the view is asked for, then two dates side by side', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Upload a photo' }).click();
  const form = page.getByRole('form', { name: 'Upload a photo' });
  await form.getByRole('button', { name: 'Upload' }).click();
  await fieldError(form, 'view').getByText('Which view is it?').waitFor();
  await fieldError(form, 'body').getByText('Choose the photo').waitFor();
  const photo = readFileSync(join(dir, 'first.png'));
  for (const takenOn of ['2026-01-02', '2026-01-05']) {
    await form.getByLabel('View').selectOption({ label: 'Vertex' });
    await form.getByLabel('Taken on').fill(takenOn);
    await form.getByLabel('Photo').setInputFiles({ name: `vertex-${takenOn}.png`, mimeType: 'image/png', buffer: photo });
    await form.getByRole('button', { name: 'Upload' }).click();
    await page.locator(`.photo-cell[data-date="${takenOn}"] img`).waitFor();
  }
  await form.getByRole('button', { name: 'Done' }).click();
  const compare = page.getByTestId('photo-compare');
  const row = compare.locator('[data-view="vertex"]');
  await row.getByRole('img', { name: 'Vertex, 2 Jan 2026' }).waitFor();
  await row.getByRole('img', { name: 'Vertex, 5 Jan 2026' }).waitFor();
  const photos = (await api.get(server, `/patients/${patient.id}/photos`)).views.vertex;
  assert.deepEqual(photos.map((p) => p.taken_on).sort(), ['2026-01-02', '2026-01-05']);
  await screenshot(page, 'photos-compare');
  assert.deepEqual(browser.problems.filter((p) => !/status of 422/.test(p)), []);
});

test('the Outcomes tab fits a phone: figures, charts, photos and analyses, no sideways scrolling', async () => {
  const clinician = await createUser(server, 'clinician', 'Dr Leo Gil');
  const phone = await openBrowser(server, { width: 390, height: 844 });
  try {
    const { page } = phone;
    await page.goto(`/patients/${patient.id}/outcomes`);
    await signIn(page, clinician.email, clinician.password);
    await page.getByTestId('trichoscopy-result').waitFor();
    await page.getByTestId('photo-compare').waitFor();
    await page.getByText('Drawing the chart…').first().waitFor({ state: 'detached' });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 391 && getComputedStyle(e).position !== 'fixed').map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
    await screenshot(page, 'outcomes-phone');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `wider than the phone: ${wide.join(', ')}`);
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.close();
  }
});
