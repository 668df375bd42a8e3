/**
 * The count page's RCTab form in a real browser: a real RCTab case (Unisyn's CDF XML coroner contest) is
 * uploaded through the file inputs, the result draws its charts as SVG and passes axe-core, a refused
 * upload points to the field to correct, and the form works the same with JavaScript turned off.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, browserPage, CHROMIUM, screenshot, SKIP } from './browser.ts';

const DATA = resolve(process.cwd(), '../shared/data/rctab');
const skip = SKIP !== false ? SKIP : existsSync(DATA) ? false : 'shared data absent: ../shared/data/rctab not found';
const CONFIG = join(DATA, 'unisyn_xml_cdf_city_coroner/unisyn_xml_cdf_city_coroner_config.json');
const CVR = join(DATA, 'unisyn_cvrs/101-RCV-CVT_TEST_3_UNIOVS2103-2.xml');

const shared = browserPage(skip);

async function upload(p: Page, config: string, cvrs: string[]): Promise<void> {
  await p.getByLabel('Contest configuration').setInputFiles(config);
  await p.getByLabel('Cast vote record files').setInputFiles(cvrs);
  await Promise.all([p.waitForEvent('load'), p.getByRole('button', { name: 'Count the contest' }).click()]);
}

test('an uploaded RCTab contest is shown with its round table, bar charts, Sankey diagram and closeness, accessibly', { skip }, async () => {
  const { page, h } = shared;
  await page.goto(`${h.base}/count`);
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the count page');
  await upload(page, CONFIG, [CVR]);
  await page.getByRole('heading', { name: 'For County Coroner (1/2)', level: 2, exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Is it close? For County Coroner (1/2)', level: 2 }).waitFor();
  // RCTab's expected report: six rounds, Terry Halloran elected with 14 to Susan Brown's 10.
  assert.equal(await page.locator('figure.chart.bar svg').count(), 6);
  assert.equal(await page.locator('figure.chart.sankey svg').count(), 1);
  const halloran = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Terry Halloran', exact: true }) });
  assert.deepEqual(await halloran.getByRole('cell').allTextContents(), ['6', '7', '7', '8', '10', '14']);
  assert.equal(await page.locator('p.winners strong').textContent(), 'Terry Halloran');
  assert.equal(await page.getByRole('link', { name: 'detailed_report.csv' }).getAttribute('download'), 'detailed_report.csv');
  await screenshot(page, 'count-rctab');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the counted contest');
});

test('a refused upload says why in an alert and links to the field to choose again', { skip }, async () => {
  const { page, h } = shared;
  await page.goto(`${h.base}/count`);
  // The config given as its own CVR: the contest's CVR file is missing.
  await upload(page, CONFIG, [CONFIG]);
  const alert = page.getByRole('alert');
  assert.match(await alert.textContent() ?? '', /101-RCV-CVT_TEST_3_UNIOVS2103-2\.xml.*which was not uploaded/);
  await alert.getByRole('link', { name: 'Choose the cast vote record files again' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rctab-cvr');
  assert.equal(await page.getByLabel('Cast vote record files').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: serious or critical violations on the refusal');
});

test('with JavaScript turned off the form still uploads and the charts are drawn', { skip }, async () => {
  const { h } = shared;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${h.base}/count`);
    await upload(plain, CONFIG, [CVR]);
    assert.equal(await plain.locator('figure.chart.bar svg').count(), 6);
    assert.equal(await plain.locator('figure.chart.sankey svg').count(), 1);
  } finally {
    await browser.close();
  }
});
