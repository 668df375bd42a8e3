/** The "Which group decided it?" page in a real browser: a plain form, no script needed, accessible. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LABOUR_CSV } from '../analysis/labour.ts';
import { axeViolations, outsideRequests, SKIP, startHarness, type Harness } from './browser.ts';

let h: Harness;
let page: Page;

before(async () => {
  if (SKIP !== false) return;
  h = await startHarness();
  page = await h.context.newPage();
});
after(async () => {
  if (SKIP === false) await h.close();
});

test('pasting the Labour ballots and naming the class column shows each class\'s swings in words', { skip: SKIP }, async () => {
  const outside = outsideRequests(page, h.base);
  await page.goto(`${h.base}/results/segments`);
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the empty form');
  await page.getByLabel('Ballots (CSV)').fill(LABOUR_CSV);
  await page.getByLabel('Segment column').fill('class');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Analyse' }).click()]);
  const panel = page.getByRole('region', { name: 'Is it close? Which group decided it' });
  // Worked in test/analysis/swing.test.ts: registered ×11/6 elects Abbott (Khan and Abbott tie 22–22,
  // backwards excludes Khan).
  assert.match((await panel.textContent()) ?? '', /Had its voters counted at 11\/6 \(about 1\.833\) times as much, Abbott would have won\./);
  assert.equal(await page.getByLabel('Segment column').inputValue(), 'class', 'the form keeps what was asked');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the answer');
  assert.deepEqual(outside, [], 'no page requested anything from another site');
});
