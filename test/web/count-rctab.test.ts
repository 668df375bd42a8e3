/**
 * The count page on uploaded RCTab contests: real regression cases of RCTab (a Unisyn CDF XML contest and
 * Portland's 2015 mayoral race from an ES&S workbook), uploaded as the page's multipart form sends them,
 * must show every round of RCTab's expected detailed report and offer that report for download; bad
 * uploads are refused with the file and the problem, and no uploaded file is left on disk.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { escapeHtml } from '../../src/server/html.ts';
import { testServer, type TestServer } from '../server/helpers.ts';
import { MAYOR_CONFIG as CONFIG, MAYOR_CVR as CVR } from './mayor-contest.ts';

// Uploads go to the system's temporary folder: a folder of this test's own shows anything left behind.
const TEMP = mkdtempSync(join(tmpdir(), 'count-rctab-test-'));
process.env.TMPDIR = TEMP;
after(() => {
  assert.deepEqual(readdirSync(TEMP), [], 'an upload left files in the temporary folder');
  rmdirSync(TEMP);
});

const DATA = resolve(process.cwd(), '../shared/data/rctab');
const skip = existsSync(DATA) ? false : 'shared data absent: ../shared/data/rctab not found';

interface Upload {
  readonly field: 'config' | 'cvr';
  readonly name: string;
  readonly content: string | Uint8Array<ArrayBuffer>;
}

function fromDisk(field: Upload['field'], path: string): Upload {
  return { field, name: basename(path), content: new Uint8Array(readFileSync(path)) };
}

async function post(s: TestServer, uploads: readonly Upload[]): Promise<LightMyRequestResponse> {
  const form = new FormData();
  for (const u of uploads) form.append(u.field, new Blob([u.content]), u.name);
  const res = await s.app.inject({ method: 'POST', url: '/count/rctab', payload: form });
  assert.deepEqual(readdirSync(TEMP), [], 'the upload\'s temporary folder is removed once the page is answered');
  return res;
}

function unescape(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replaceAll('&amp;', '&');
}

/** The `n`th round table as the page shows it: row name → the cell in each round ('–' once out). */
function shownTable(html: string, n = 0): Map<string, string[]> {
  const table = [...html.matchAll(/<table class="rounds">[\s\S]*?<\/table>/g)][n]?.[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const m of table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)) {
    rows.set(unescape(m[1] ?? ''), [...(m[2] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => unescape(c[1] ?? '')));
  }
  return rows;
}

interface ExpectedRound {
  readonly round: number;
  readonly tally: Record<string, string>;
  readonly threshold: string;
  readonly inactiveBallots: Record<string, string>;
  readonly tallyResults: { elected?: string }[];
}

/** Every figure of every round of the expected report, as the page's `n`th table must show it. */
function assertRoundsShown(html: string, expected: { results: ExpectedRound[] }, n = 0): void {
  const table = shownTable(html, n);
  for (const [r, round] of expected.results.entries()) {
    for (const [name, votes] of Object.entries(round.tally)) assert.equal(table.get(name)?.[r], votes, `${name}, round ${round.round}`);
    assert.equal(table.get('Threshold')?.[r], round.threshold, `threshold, round ${round.round}`);
    // All four kinds of inactive ballot are whole numbers in these single-winner cases.
    const inactive = Object.values(round.inactiveBallots).reduce((a, v) => a + BigInt(v), 0n);
    assert.equal(table.get('Exhausted')?.[r], inactive.toString(), `inactive ballots, round ${round.round}`);
  }
  assert.equal(table.get('Threshold')?.length, expected.results.length, 'as many rounds as the report');
}

async function download(s: TestServer, html: string, name: string): Promise<string> {
  const link = new RegExp(`<a href="(/count/rctab/[^"]+)" download="${name.replace('.', '\\.')}">`).exec(html)?.[1];
  assert.ok(link, `a download link for ${name}`);
  const res = await s.app.inject({ method: 'GET', url: link });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-disposition'], `attachment; filename="${name}"`);
  return res.body;
}

/** The reports as the download links serve them, compared with RCTab's apart from the generator's name. */
async function assertReportDownloads(s: TestServer, html: string, expectedPath: string): Promise<void> {
  const withoutGenerator = (text: string) => {
    const json = JSON.parse(text) as { config: Record<string, unknown> };
    delete json.config.generatedBy;
    return json;
  };
  assert.deepEqual(withoutGenerator(await download(s, html, 'detailed_report.json')), withoutGenerator(readFileSync(expectedPath, 'utf8')));
  const csvLines = (text: string) => text.trimEnd().split(/\r?\n/).filter((line) => !line.startsWith('Generated By,'));
  assert.deepEqual(csvLines(await download(s, html, 'detailed_report.csv')), csvLines(readFileSync(expectedPath.replace(/\.json$/, '.csv'), 'utf8')));
}

/** `close`: the closeness panel's words, worked from RCTab's expected rounds (see irv-bounds.ts for the bounds). */
const CASES = [
  {
    name: 'unisyn_xml_cdf_city_coroner', cvrs: ['unisyn_cvrs/101-RCV-CVT_TEST_3_UNIOVS2103-2.xml'], winner: 'Terry Halloran',
    // Round 1 excludes the write-ins' 1 vote against the next lowest 3: half the gap of 2 is 1 ballot. The
    // last round is 14 to 10: moving ⌊(14 − 10)/2⌋ + 1 = 3 ballots elects Susan Brown. 35 ballots in all.
    close: 'electing someone else needs at least 1 of 35 ballots changed, and changing 3 (moving ballots from the winner to the runner-up in the last round) would.',
  },
  {
    name: '2015_portland_mayor', cvrs: ['2015_portland_mayor/2015_portland_mayor_cvr.xlsx'], winner: 'Mavodones, Nicholas M. Jr.',
    // The last round is 54 to 40: ⌊14/2⌋ + 1 = 8 ballots would do.
    close: 'and changing 8 (moving ballots from the winner to the runner-up in the last round) would.',
  },
];

for (const c of CASES) {
  test(`${c.name}: the page shows every round of RCTab's expected report, offers that report and says how close it was`, { skip }, async () => {
    const s = await testServer();
    const res = await post(s, [fromDisk('config', join(DATA, c.name, `${c.name}_config.json`)), ...c.cvrs.map((p) => fromDisk('cvr', join(DATA, p)))]);
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    const expectedPath = join(DATA, c.name, `${c.name}_expected_detailed_report.json`);
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { results: ExpectedRound[] };
    assert.equal(unescape(/class="winners">Elected: <strong>([^<]*)</.exec(res.body)?.[1] ?? ''), c.winner);
    assertRoundsShown(res.body, expected);
    assert.match(res.body, /<figure class="chart bar"[^>]*><svg role="img"/);
    assert.match(res.body, /<figure class="chart sankey"[^>]*><svg role="img"/);
    await assertReportDownloads(s, res.body, expectedPath);
    const panel = /<section class="closeness"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    assert.ok(unescape(panel).includes(c.close), panel);
  });
}

test('a sequential contest shows one section per pass, each with its expected report\'s rounds', { skip }, async () => {
  const s = await testServer();
  const name = 'sequential_with_batch';
  const res = await post(s, [fromDisk('config', join(DATA, name, `${name}_config.json`)), fromDisk('cvr', join(DATA, '_shared/simple_sequential_cvr.xlsx'))]);
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  // RCTab's three passes elect A, then B, then C.
  const winners = [...res.body.matchAll(/class="winners">Elected: <strong>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(winners, ['A', 'B', 'C']);
  for (const pass of [1, 2, 3]) {
    const expected = JSON.parse(readFileSync(join(DATA, name, `${name}_${pass}_expected_detailed_report.json`), 'utf8')) as { results: ExpectedRound[] };
    assert.match(res.body, new RegExp(`<h2 id="contest-rctab-${pass}">[^<]*, pass ${pass}</h2>`));
    assertRoundsShown(res.body, expected, pass - 1);
  }
  assert.match(res.body, /download="detailed_report_3\.csv"/);
});

test('a CVR named by a Windows path is matched by its file name; Bo wins 2 to 1 in round 1', async () => {
  const s = await testServer();
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(CONFIG) }, { field: 'cvr', name: 'cvr.csv', content: CVR }]);
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  // 3 ballots: threshold floor(3/2) + 1 = 2; Bo has 2.
  assert.deepEqual(shownTable(res.body).get('Bo'), ['2']);
  assert.deepEqual(shownTable(res.body).get('Threshold'), ['2']);
  assert.match(res.body, /class="winners">Elected: <strong>Bo</);
});

test('a contest whose ballot rules the margin cannot take says so, naming the config as uploaded', async () => {
  const s = await testServer();
  const config = { ...CONFIG, rules: { ...CONFIG.rules, overvoteRule: 'exhaustIfMultipleContinuing' } };
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(config) }, { field: 'cvr', name: 'cvr.csv', content: CVR }]);
  assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
  const panel = /<section class="closeness"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
  assert.match(panel, /<p>No margin for this contest: mayor\.json: [^<]*exhaust if multiple continuing/);
  assert.doesNotMatch(panel, /rollover-count-/, 'no path of the temporary folder');
});

test('an invalid config is refused with the config module\'s messages, linked to the config field', async () => {
  const s = await testServer();
  const bad = { ...CONFIG, rules: { ...CONFIG.rules, numberOfWinners: 'two' } };
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(bad) }, { field: 'cvr', name: 'cvr.csv', content: CVR }]);
  assert.equal(res.statusCode, 422);
  // RCTab's check of a required whole number, its one problem here.
  const said = 'mayor.json: Contest config validation failed! 1 problem: (1) numberOfWinners must be an integer from 0 to 2147483647!';
  assert.ok(res.body.includes(`<p id="rctab-error">${escapeHtml(said)} <a href="#rctab-config">`), res.body.slice(0, 3000));
  assert.match(res.body, /id="rctab-config" [^>]*aria-describedby="rctab-config-hint rctab-error" aria-invalid="true"/);
});

test('a config problem naming a CVR source by its resolved path names it as uploaded, not in the temporary folder', async () => {
  const s = await testServer();
  const source = { filePath: 'cvr.xlsx', provider: 'ess', firstVoteColumnIndex: '2', firstVoteRowIndex: '2' };
  const bad = { ...CONFIG, outputSettings: { ...CONFIG.outputSettings, tabulateByPrecinct: true }, cvrFileSources: [source] };
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(bad) }, { field: 'cvr', name: 'cvr.xlsx', content: CVR }]);
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /precinctColumnIndex is required when tabulateByPrecinct is enabled: cvr\.xlsx/);
  assert.doesNotMatch(res.body, /rollover-count-/, 'no path of the temporary folder');
});

test('a malformed CVR is refused naming the file and line; a missing one naming the file', async () => {
  const s = await testServer();
  const config = { field: 'config', name: 'mayor.json', content: JSON.stringify(CONFIG) } as const;
  const bad = await post(s, [config, { field: 'cvr', name: 'cvr.csv', content: 'id,Bo,Cy\n1,1,2\n2,x,\n' }]);
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /<p id="rctab-error">cvr\.csv line 3: column 2: rank &#39;x&#39; is not a positive whole number/);
  assert.match(bad.body, /id="rctab-cvr" [^>]*aria-invalid="true"/);
  const missing = await post(s, [config, { field: 'cvr', name: 'other.csv', content: CVR }]);
  assert.equal(missing.statusCode, 422);
  assert.match(missing.body, /CVR source 1 \(genericCsv\) is the file &#34;cvr\.csv&#34; [^<]*which was not uploaded \(uploaded: other\.csv\)/);
});

test('a CVR file with the configuration\'s name is refused rather than overwritten', async () => {
  const s = await testServer();
  const res = await post(s, [{ field: 'config', name: 'cvr.csv', content: JSON.stringify(CONFIG) }, { field: 'cvr', name: 'cvr.csv', content: CVR }]);
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /<p id="rctab-error">a CVR file or folder has the configuration&#39;s name, cvr\.csv; rename one of them/);
  // A Dominion source's folder named as the config: the config could not be written where the folder is.
  const dominion = { ...CONFIG, cvrFileSources: [{ filePath: 'export', provider: 'dominion', contestId: '1' }] };
  const folder = await post(s, [{ field: 'config', name: 'export', content: JSON.stringify(dominion) }, { field: 'cvr', name: 'CvrExport.json', content: '{}' }]);
  assert.equal(folder.statusCode, 422);
  assert.match(folder.body, /<p id="rctab-error">a CVR file or folder has the configuration&#39;s name, export; rename one of them/);
});

test('an upload over the size limit is refused with 413 and says how large it may be', async () => {
  const s = await testServer();
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(CONFIG) }, { field: 'cvr', name: 'cvr.csv', content: new Uint8Array(33 * 1024 * 1024).fill(0x31) }]);
  assert.equal(res.statusCode, 413);
  assert.match(res.body, /role="alert"><p id="rctab-error">the upload is larger than 32 MB altogether/);
});

test('an upload of more files than allowed is refused with 413', async () => {
  const s = await testServer();
  const many = Array.from({ length: 201 }, (_, i) => ({ field: 'cvr', name: `cvr-${i}.csv`, content: CVR }) as const);
  const res = await post(s, [{ field: 'config', name: 'mayor.json', content: JSON.stringify(CONFIG) }, ...many]);
  assert.equal(res.statusCode, 413);
  assert.match(res.body, /or has more than 200 files/);
});

test('the page\'s RCTab form is a plain multipart form with labelled file inputs and the size limit', async () => {
  const s = await testServer();
  const res = await s.app.inject({ method: 'GET', url: '/count' });
  assert.match(res.body, /<form method="post" action="\/count\/rctab#rctab-heading" enctype="multipart\/form-data"/);
  assert.match(res.body, /<label for="rctab-config">Contest configuration<\/label><input type="file" id="rctab-config" name="config"/);
  assert.match(res.body, /<label for="rctab-cvr">Cast vote record files<\/label><input type="file" id="rctab-cvr" name="cvr" multiple/);
  assert.match(res.body, /Up to 32 MB and 200 files altogether/);
});
