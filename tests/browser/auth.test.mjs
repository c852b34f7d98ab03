// Signing in and out, and the app shell around every screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_EMAIL, openBrowser, screenshot, signIn, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await openBrowser(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a wrong password shows the server message; the right one lands on Today', async () => {
  const { page } = browser;
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshot(page, 'signin');

  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'The email or password is wrong.' }).waitFor();
  await screenshot(page, 'signin-wrong-password');

  await signIn(page, ADMIN_EMAIL, server.adminPassword);
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  assert.equal(await page.getByTestId('user-name').textContent(), 'Administrator');
  assert.equal(await page.getByTestId('user-role').textContent(), 'Administrator');
  assert.match(page.url(), /\/today$/);
  await screenshot(page, 'today');
});

test('the navigation reaches every section; an empty calendar says what it needs', async () => {
  const { page } = browser;
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Today', 'Patients', 'Calendar', 'Set-up']) {
    await nav.getByRole('link', { name }).waitFor();
  }
  await nav.getByRole('link', { name: 'Calendar' }).click();
  await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
  await page.getByText('No practitioners yet.').waitFor();
  await page.getByRole('link', { name: 'Add a practitioner' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Calendar' }).getAttribute('aria-current'), 'page');
  await screenshot(page, 'calendar-empty');
});

test('signing out returns to the sign-in form and the session is gone', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);
});

test('a deep link survives signing in', async () => {
  const { page } = browser;
  await page.goto('/patients');
  await signIn(page, ADMIN_EMAIL, server.adminPassword);
  await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
  assert.match(page.url(), /\/patients$/);
});

test('an ended session brings back the sign-in form with a notice', async () => {
  const { page } = browser;
  // Revoke the session behind the app's back, as an expiry would.
  await page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST' }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Set-up' }).click();
  await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
  await signIn(page, ADMIN_EMAIL, server.adminPassword);
  await page.getByRole('heading', { name: 'Set-up', level: 1 }).waitFor();
});

test('the sign-in form works from the keyboard alone', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // The email field has focus on arrival; Tab moves on; Enter submits.
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email');
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press('Tab');
  await page.keyboard.type(server.adminPassword);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  // The first Tab reaches the skip link, which moves focus to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
});

test('no page errors', () => {
  assert.deepEqual(browser.problems, []);
});
