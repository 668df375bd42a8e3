/**
 * The admin console with JavaScript turned off, in a real browser: an administrator signs in and runs an
 * election from creation to published result through the console's plain forms alone, reading each
 * action's message on the page it comes back to. axe-core checks every page on the way.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, OWNER, outsideRequests, screenshot, SKIP, startHarness, type Harness } from './browser.ts';

let h: Harness;
let page: Page;
let scripts: (on: boolean) => Promise<void>;

before(async () => {
  if (SKIP !== false) return;
  h = await startHarness();
  page = await h.context.newPage();
  // Chromium's own switch, for this page only: its scripts never run (timers, listeners, modules).
  const cdp = await h.context.newCDPSession(page);
  scripts = async (on) => {
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: !on });
  };
  await scripts(false);
});
after(async () => {
  if (SKIP === false) await h.close();
});

/** axe-core needs scripts to run: they are on only while it checks the page as loaded without them. */
async function accessible(where: string): Promise<void> {
  await scripts(true);
  const found = await axeViolations(page);
  await scripts(false);
  assert.deepEqual(found, [], `axe-core: serious or critical violations on ${where}`);
}

/** Sends a form by its button and waits for the page the server redirects to. */
async function act(button: string, form?: string): Promise<void> {
  const scope = form === undefined ? page : page.getByRole('form', { name: form });
  await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: button, exact: true }).click()]);
}

async function message(): Promise<string> {
  return ((await page.locator('#flash').textContent()) ?? '').trim();
}

const HEADER = 'id,name,email,postal_address,class,joined,standing';
const ROLL = [HEADER, ...[1, 2, 3, 4, 5].map((i) => `v${i},Voter ${i},v${i}@example.org,,member,2020-01-01,good`)].join('\n');

/**
 * The five ballots, hand-counted. Round 1: Ann 2, Bob 1, Cat 2 (5 continuing, a winner needs more than
 * 2.5): Bob, fewest, is excluded and his Bob>Ann ballot passes to Ann. Round 2: Ann 3, Cat 2: Ann wins.
 */
const BALLOTS = [['Ann'], ['Ann'], ['Bob', 'Ann'], ['Cat', 'Bob'], ['Cat', 'Ann']];

test('with scripts off, an administrator runs an election from creation to published result by forms alone', { skip: SKIP }, async () => {
  const outside = outsideRequests(page, h.base);
  await page.goto(`${h.base}/admin`);
  const timer = page.evaluate(() => new Promise((fired) => setTimeout(() => fired('fired'), 0)));
  assert.equal(await Promise.race([timer, new Promise((late) => setTimeout(() => late('never'), 500))]), 'never', 'no script runs in the page');
  await accessible('the sign-in page');
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill('not the password');
  await act('Sign in');
  assert.equal(await message(), 'wrong username or password');
  assert.equal(await page.getByLabel('Username').inputValue(), OWNER.username, 'the username is kept');
  await accessible('the sign-in page with its refusal');
  await page.getByLabel('Password').fill(OWNER.password);
  await act('Sign in');
  assert.equal(await message(), 'Signed in.');

  await page.getByLabel('Title').fill('Chair 2026');
  await page.getByLabel('Rules').selectOption('generic-irv');
  await act('Create election');
  assert.match(page.url(), /\/admin\/elections\/[A-Za-z0-9_-]+$/);
  const electionId = page.url().split('/').pop() ?? '';
  assert.equal(await message(), 'Election created.');
  for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) {
    await page.getByLabel('Candidate name').fill(name);
    await act('Add candidate');
  }
  await page.getByLabel('Candidate to withdraw').selectOption('Dan');
  await act('Withdraw');
  assert.equal(await message(), 'Candidate withdrawn.');
  await act('Open nominations');
  assert.equal(await page.locator('#status').textContent(), 'nominations');
  await accessible('the election page');

  // A roll file with a voter who cannot be reached is refused row by row; nothing is imported.
  await page.getByLabel('Roll file (CSV)').setInputFiles({ name: 'roll.csv', mimeType: 'text/csv', buffer: Buffer.from(`${ROLL}\nv6,Voter 6,,,member,2020-01-01,good\n`) });
  await act('Check and import the roll');
  assert.equal(await page.getByRole('alert').locator('p').textContent(), 'the roll was not imported: 1 invalid row(s)');
  assert.deepEqual(await page.locator('#flash table tbody td').allTextContents(), ['7', 'id v6: no email or postal address: the voter could not be sent a ballot']);
  await accessible('the roll\'s report');
  await screenshot(page, 'admin-nojs-roll-report');
  // The same roll corrected, pasted this time.
  await page.getByLabel('Or paste the roll').fill(ROLL);
  await act('Check and import the roll');
  assert.equal(await message(), 'Imported 5 voters.');
  await act('Issue credentials');
  assert.match(await message(), /^Issued 5 credentials\. They are shown once: hand them out now\./);
  const credentials = await page.locator('#flash table tbody td:nth-child(2)').allTextContents();
  assert.equal(credentials.length, 5);
  await accessible('the credentials shown once');
  await screenshot(page, 'admin-nojs-credentials');
  await page.reload();
  assert.equal(await page.locator('#flash').count(), 0, 'credentials are not shown again');
  await act('Open voting');
  assert.equal(await message(), 'Voting is open.');

  for (const [i, ranking] of BALLOTS.entries()) {
    const res = await fetch(`${h.base}/api/elections/${electionId}/votes`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: credentials[i], rankings: { office: ranking } }),
    });
    assert.equal(res.status, 201);
  }
  assert.match((await page.locator('table:has(caption:text("Turnout")) tbody').textContent()) ?? '', /member\s*5\s*0/);
  await page.reload();
  assert.match((await page.locator('table:has(caption:text("Turnout")) tbody').textContent()) ?? '', /member\s*5\s*5/);
  await act('Close voting');
  await act('Count the votes');
  assert.equal(await page.locator('#status').textContent(), 'counted');
  await act('Publish the result');
  assert.equal(await message(), 'The result is published.');
  assert.equal(await page.locator('#status').textContent(), 'published');
  await accessible('the published election');
  await screenshot(page, 'admin-nojs-published');

  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: 'See the result' }).click()]);
  assert.equal(await page.locator('.winners strong').textContent(), 'Ann');
  const cells = async (row: string) => page.locator(`table.rounds tr:has(th:text-is("${row}")) td`).allTextContents();
  assert.deepEqual(await cells('Ann'), ['2', '3']);
  assert.deepEqual(await cells('Bob'), ['1', '–']);
  assert.deepEqual(await cells('Cat'), ['2', '2']);
  await accessible('the results page');

  await page.goto(`${h.base}/admin`);
  await act('Sign out');
  assert.equal(await message(), 'Signed out.');
  assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 1);
  assert.deepEqual(outside, [], 'no page requested anything from another site');
});
