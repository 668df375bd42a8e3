/**
 * The web app in a real browser: an administrator runs an election from creation to published result,
 * a voter ranks by keyboard only and gets a receipt, a second attempt is refused, and the results page
 * draws its charts with the round figures of the count. axe-core checks every page on the way.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, OWNER, outsideRequests, screenshot, SKIP, startHarness, tabTo, type Harness } from './browser.ts';

let h: Harness;
let page: Page;
let outside: string[];
let electionId = '';
let credentials: string[] = [];

before(async () => {
  if (SKIP !== false) return;
  h = await startHarness();
  page = await h.context.newPage();
  outside = outsideRequests(page, h.base);
});
after(async () => {
  if (SKIP === false) await h.close();
});

async function accessible(where: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe-core: serious or critical violations on ${where}`);
}

/** Submits an admin console form by its button and waits for the page it reloads or opens. */
async function act(button: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
}

const ROLL = ['id,name,email,postal_address,class,joined,standing', ...Array.from({ length: 8 }, (_, i) => `v${i + 1},Voter ${i + 1},v${i + 1}@example.org,,member,2020-01-01,good`)].join('\n');

test('an administrator creates an election, adds candidates, imports the roll, issues credentials and opens voting', { skip: SKIP }, async () => {
  await page.goto(`${h.base}/admin`);
  await accessible('the sign-in page');
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password').fill(OWNER.password);
  await act('Sign in');
  await page.getByLabel('Username').fill('ro');
  await page.getByLabel('Password (at least 10 characters)').fill('returning officer 1');
  await page.getByLabel('Role').selectOption('returning_officer');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Account ro created (returning officer).').waitFor();
  await accessible('the elections dashboard');
  await page.getByLabel('Title').fill('Chair 2026');
  await page.getByLabel('Rules').selectOption('generic-irv');
  await Promise.all([page.waitForURL(/\/admin\/elections\//), page.getByRole('button', { name: 'Create election' }).click()]);
  electionId = /elections\/([^/]+)$/.exec(page.url())?.[1] ?? '';
  for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) {
    await page.getByLabel('Candidate name').fill(name);
    await act('Add candidate');
  }
  await page.getByLabel('Candidate to withdraw').selectOption('Dan');
  await act('Withdraw');
  assert.equal(await page.locator('tr:has(th:text-is("Dan")) td:nth-child(4)').textContent(), 'withdrawn');
  await act('Open nominations');
  await accessible('the election dashboard');
  await screenshot(page, 'admin-dashboard');
  // A roll with a voter who could not be reached is refused, row by row, and nothing is imported.
  await page.getByLabel('Or paste the roll').fill(`${ROLL}\nv9,Voter 9,,,member,2020-01-01,good`);
  await page.getByRole('button', { name: 'Check and import the roll' }).click();
  const report = page.locator('table:has(caption:text("Rows to correct")) tbody tr');
  await report.first().waitFor();
  assert.deepEqual(await report.locator('td').allTextContents(), ['10', 'id v9: no email or postal address: the voter could not be sent a ballot']);
  await page.getByLabel('Or paste the roll').fill(ROLL);
  await page.getByRole('button', { name: 'Check and import the roll' }).click();
  await page.getByText('Imported 8 voters.').waitFor();
  await page.getByRole('button', { name: 'Issue credentials' }).click();
  const rows = page.locator('table:has(caption:text("Credentials")) tbody tr');
  await rows.first().waitFor();
  credentials = await rows.locator('td:nth-child(2)').allTextContents();
  assert.equal(credentials.length, 8);
  await act('Open voting');
  assert.equal(await page.locator('#status').textContent(), 'voting');
  const table = await page.locator('table:has(caption:text("Turnout")) tbody').textContent();
  assert.match(table ?? '', /member\s*8\s*0/);
});

test('a voter ranks by keyboard only, reads the ranking back in words and gets a receipt', { skip: SKIP }, async () => {
  const credential = credentials[0] ?? '';
  // The QR code on a paper ballot is a link carrying the credential: the field arrives filled in.
  await page.goto(`${h.base}/vote/${electionId}?credential=${encodeURIComponent(credential)}`);
  assert.equal(await page.getByLabel('Your ballot credential').inputValue(), credential);
  await accessible('the booth sign-in');
  await tabTo(page, 'Show my ballot');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

  const live = page.locator('fieldset.contest [aria-live]');
  await tabTo(page, 'Add Cat as your 1st preference');
  await page.keyboard.press('Enter');
  assert.match((await live.textContent()) ?? '', /Cat is your 1st preference/);
  await tabTo(page, 'Add Ann as your 2nd preference');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Move Ann up');
  await page.keyboard.press('Enter');
  assert.match((await live.textContent()) ?? '', /Ann moved to 1st\. Ranking: 1st Ann, 2nd Cat\./);
  await accessible('the ballot');
  await screenshot(page, 'booth-ballot');

  await tabTo(page, 'Review my ballot');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('dl.review dd').textContent(), '1st: Ann, 2nd: Cat');
  await accessible('the review page');
  await tabTo(page, 'Confirm and cast my ballot');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  const receipt = (await page.locator('#receipt').textContent()) ?? '';
  assert.notEqual(receipt, '');
  await accessible('the receipt page');
  await screenshot(page, 'booth-receipt');
  const check = await fetch(`${h.base}/api/elections/${electionId}/receipts/${encodeURIComponent(receipt)}`);
  assert.deepEqual(await check.json(), { receipt, inBallotBox: true });
});

test('a second attempt with the same credential is refused with a clear message', { skip: SKIP }, async () => {
  await page.goto(`${h.base}/vote/${electionId}?credential=${encodeURIComponent(credentials[0] ?? '')}`);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Show my ballot' }).click()]);
  assert.match((await page.getByRole('alert').textContent()) ?? '', /this voter has already voted/);
  await accessible('the refusal page');
});

test('on a phone-sized screen a voter ranks by dragging names, without the page scrolling sideways', { skip: SKIP }, async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${h.base}/vote/${electionId}`);
  await page.getByLabel('Your ballot credential').fill(credentials[1] ?? '');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Show my ballot' }).click()]);
  const ranking = page.locator('.ranker ol');
  await page.locator('.ranker ul li', { hasText: 'Bob' }).dragTo(ranking);
  await page.locator('.ranker ul li', { hasText: 'Ann' }).dragTo(page.locator('.ranker ol li', { hasText: 'Bob' }), { targetPosition: { x: 10, y: 2 } });
  assert.deepEqual(await ranking.locator('.who').allTextContents(), ['Ann', 'Bob']);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 390px');
  await accessible('the ballot on a small screen');
  await screenshot(page, 'booth-mobile');
  // Text enlarged to 200% (WCAG 1.4.4) still fits the phone's width.
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth).map((e) => `${e.tagName}.${e.className}`));
  assert.deepEqual(wide, [], 'no sideways scrolling at 390px with 200% text');
  await screenshot(page, 'booth-mobile-large-text');
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Review my ballot' }).click()]);
  assert.equal(await page.locator('dl.review dd').textContent(), '1st: Ann, 2nd: Bob');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Confirm and cast my ballot' }).click()]);
  assert.notEqual(await page.locator('#receipt').textContent(), '');
  await page.setViewportSize({ width: 1280, height: 720 });
});

/**
 * The other six ballots, cast through the API. With the browser's Ann > Cat and Ann > Bob the box holds:
 *   Ann>Cat, Ann>Bob, Ann, Bob, Bob, Bob, Cat>Bob, Cat
 * Round 1: Ann 3, Bob 3, Cat 2 (8 continuing, a winner needs more than 4): Cat, fewest, is excluded.
 *   Cat>Bob passes to Bob; the Cat-only ballot exhausts.
 * Round 2: Ann 3, Bob 4, exhausted 1; 7 continuing, more than 3.5 wins: Bob is elected.
 */
const OTHERS = [['Ann'], ['Bob'], ['Bob'], ['Bob'], ['Cat', 'Bob'], ['Cat']];

test('the administrator closes, counts and publishes; the results page shows the rounds and draws the charts', { skip: SKIP }, async () => {
  for (const [i, ranking] of OTHERS.entries()) {
    const res = await fetch(`${h.base}/api/elections/${electionId}/votes`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: credentials[i + 2], rankings: { office: ranking } }),
    });
    assert.equal(res.status, 201);
  }
  await page.goto(`${h.base}/admin/elections/${electionId}`);
  await act('Close voting');
  await page.goto(`${h.base}/vote/${electionId}`);
  assert.match((await page.getByRole('alert').textContent()) ?? '', /Voting has closed/);
  await page.goto(`${h.base}/admin/elections/${electionId}`);
  await act('Count the votes');
  await act('Publish the result');
  assert.equal(await page.locator('#status').textContent(), 'published');

  await page.goto(`${h.base}/results/${electionId}`);
  assert.equal(await page.locator('.winners strong').textContent(), 'Bob');
  const cells = async (row: string) => page.locator(`table.rounds tr:has(th:text-is("${row}")) td`).allTextContents();
  assert.deepEqual(await cells('Ann'), ['3', '3']);
  assert.deepEqual(await cells('Bob'), ['3', '4']);
  assert.deepEqual(await cells('Cat'), ['2', '–']);
  assert.deepEqual(await cells('Exhausted'), ['0', '1']);
  // The same figures as the count's own JSON.
  const api = (await (await fetch(`${h.base}/api/elections/${electionId}/results`)).json()) as { contests: { count: { rounds: { tally: Record<string, string> }[] } }[] };
  assert.deepEqual(api.contests[0]?.count.rounds.map((r) => r.tally), [{ Ann: '3', Bob: '3', Cat: '2' }, { Ann: '3', Bob: '4' }]);
  // One bar chart per round and one Sankey diagram, each an SVG with a text alternative.
  assert.equal(await page.locator('figure.bar svg[role=img]').count(), 2);
  assert.equal(await page.locator('figure.sankey svg[role=img]').count(), 1);
  assert.ok((await page.locator('figure.sankey svg path').count()) >= 4, 'the Sankey diagram draws its bands');
  assert.match((await page.locator('ul.transfers').textContent()) ?? '', /After round 1, the votes of Cat: 1 to Bob, 1 exhausted\./);
  // 8 voters in all, under the privacy threshold of 10: turnout by class is withheld.
  assert.match((await page.locator('main').textContent()) ?? '', /Too few voters to show turnout by class/);
  await accessible('the results page');
  await screenshot(page, 'results');
  assert.deepEqual(outside, [], 'no page requested anything from another site');
});

const WARD = resolve(process.cwd(), '../shared/data/scotland-2017/aberdeen-city-ward01.blt');

test('a ballot file counted on the count page is drawn with the same views, accessibly', { skip: SKIP === false && !existsSync(WARD) ? 'shared data absent: ../shared/data/scotland-2017 not found' : SKIP }, async () => {
  await page.goto(`${h.base}/count`);
  await accessible('the count page');
  await page.getByLabel('Ballot file').setInputFiles(WARD);
  await page.waitForFunction(() => (document.getElementById('ballots') as HTMLTextAreaElement).value.length > 0);
  assert.equal(await page.getByLabel('File name (its extension names the format)').inputValue(), 'aberdeen-city-ward01.blt');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Count', exact: true }).click()]);
  // The figures are checked against the official sheet in count.test.ts; here the page must draw a bar
  // chart for each of its rounds and one Sankey diagram.
  const rounds = await page.locator('table.rounds thead th.num').count();
  assert.ok(rounds > 1);
  assert.equal(await page.locator('figure.bar svg[role=img]').count(), rounds);
  assert.equal(await page.locator('figure.sankey svg[role=img]').count(), 1);
  await accessible('a counted ward');
  await screenshot(page, 'count-ward');
});
