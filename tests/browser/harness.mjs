// Browser tests: starts the real anagen binary (on a fresh SQLite database,
// with the built web app as its web root and a fixed clock) and drives
// Debian's chromium through playwright-core.
//
// ANAGEN_BIN        the server binary (default <repo>/build/anagen)
// ANAGEN_WEB_ROOT   the built web app (default <repo>/web/dist)
// ANAGEN_SCREENSHOTS where screenshots go (default <repo>/build/screenshots)
// CHROMIUM          the browser (default /usr/bin/chromium)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer as startApiServer } from '../api/harness.mjs';

const REPO = new URL('../../', import.meta.url).pathname;
export const WEB_ROOT = process.env.ANAGEN_WEB_ROOT || join(REPO, 'web/dist');
export const SCREENSHOTS = process.env.ANAGEN_SCREENSHOTS || join(REPO, 'build/screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ADMIN_EMAIL = 'admin@anagen.local';

// The browser's own zone differs from any clinic's on purpose: every time
// shown must be in the clinic's zone, never the workstation's.
export const BROWSER_TIME_ZONE = 'America/New_York';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts `anagen serve` on a fresh SQLite file serving the built web app. */
export async function startServer() {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT}/index.html is missing: build the web app first (cd web && npm ci && npm run build)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'anagen-browser-'));
  const db = { url: `sqlite://${dir}/anagen.db`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  // No outbox loop: a tick between a clock move and a test's own run would
  // take its reminders first. Tests run the outbox themselves.
  return startApiServer({ db, extraArgs: ['--web-root', WEB_ROOT, '--outbox-poll-ms', '0'] });
}

/**
 * Opens a headless chromium with a fresh profile. Resolves {context, page,
 * problems, close}; `problems` collects uncaught page errors, console
 * errors and requests to any other origin than the server, which a test
 * should find empty at its end.
 */
export async function openBrowser(server, { width = 1366, height = 860 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'anagen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: server.base,
    viewport: { width, height },
    locale: 'en-GB',
    timezoneId: BROWSER_TIME_ZONE,
  });
  context.setDefaultTimeout(10_000);
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A failed request the app handles (401 before sign-in, a 422 shown
      // next to a field) is logged by chromium as a console error; those
      // are expected, so only the app's own errors count.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    // The app must work offline: nothing may be fetched from another origin.
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(server.base) && !url.startsWith('data:')) problems.push(`request outside the server: ${url}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] || (await context.newPage());
  watch(page);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and waits for the app's navigation. */
export async function signIn(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/**
 * Saves a screenshot of the whole page as SCREENSHOTS/NAME.png once fonts
 * are in; with {viewport: true}, only what the window shows (a dialog over
 * the page, as the person sees it).
 */
export async function screenshot(page, name, { viewport: windowOnly = false } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  // From the top, as a person opening the screen sees it (the sidebar is
  // sticky), without the passing confirmations over the content.
  if (!windowOnly) await page.evaluate(() => window.scrollTo(0, 0));
  // (By script: an open dialog makes the rest of the page inert to the mouse.)
  await page.evaluate(() => document.querySelectorAll('.toasts .toast-close').forEach((b) => b.click()));
  await page.locator('.toasts .toast').first().waitFor({ state: 'detached' });
  // A window as tall as the page, so sticky parts sit where they would with
  // the page scrolled to its end, rather than mid-page in a stitched image.
  const viewport = page.viewportSize();
  const height = windowOnly ? viewport.height : await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  if (height > viewport.height) await page.setViewportSize(viewport);
}

/** The error message shown next to the field whose API name is `field`. */
export function fieldError(page, field) {
  return page.locator(`[data-field="${field}"] .field-error`);
}

/**
 * Types `text` in the patient search and waits until the list shows the
 * answer to exactly that search (the app marks it with data-query).
 */
export async function searchPatients(page, text) {
  await page.getByLabel('Search patients').fill(text);
  await page.locator(`#patient-results[data-query="${text.trim()}"][aria-busy="false"]`).waitFor();
  return page.locator('#patient-results tbody tr');
}

/** Creates a staff account through the API; resolves {id, name, email, password}. */
export async function createUser(server, role, name) {
  const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
  const email = `${slug}.${Math.random().toString(16).slice(2, 8)}@clinic.test`;
  const password = 'correct horse battery';
  const r = await server.request('POST', '/api/v1/users', { token: await server.admin(), body: { email, name, role, password } });
  if (r.status !== 201) throw new Error(`create user: ${r.status} ${r.text}`);
  return { id: r.body.id, name, email, password };
}
