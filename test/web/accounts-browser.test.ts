/** The accounts page in a real browser: its forms post, sent on as PATCH calls with the CSRF token, accessibly. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, browserPage, OWNER, SKIP } from './browser.ts';

const shared = browserPage(SKIP);

async function submitIn(form: string, button: string): Promise<void> {
  const { page } = shared;
  await Promise.all([page.waitForEvent('load'), page.getByRole('form', { name: form }).getByRole('button', { name: button, exact: true }).click()]);
}

function row(username: string) {
  const { page } = shared;
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
}

test('an owner changes a role and disables an account; the last owner is kept', { skip: SKIP }, async () => {
  const { page, h } = shared;
  await page.goto(`${h.base}/admin`);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill(OWNER.password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.getByLabel('Username').fill('rita');
  await page.getByLabel('Password (at least 10 characters)').fill('rita password 1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Account rita created (returning officer).').waitFor();
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: /Manage accounts/ }).click()]);
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the accounts page');

  await page.getByRole('form', { name: 'Change the role of rita' }).getByLabel('Role').selectOption('scrutineer');
  await submitIn('Change the role of rita', 'Change role');
  assert.deepEqual(await row('rita').getByRole('cell').allTextContents().then((c) => c.slice(0, 2)), ['scrutineer', 'enabled']);
  await submitIn('Disable rita', 'Disable');
  assert.deepEqual(await row('rita').getByRole('cell').allTextContents().then((c) => c.slice(0, 2)), ['scrutineer', 'disabled']);

  // Disabling the only enabled owner is refused, and the page the form comes back to says why.
  await page.getByRole('form', { name: 'Disable owner' }).getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('alert').filter({ hasText: 'last enabled owner' }).waitFor();
});
