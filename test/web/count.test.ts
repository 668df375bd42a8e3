/**
 * The "count a file" page on real ballots: Scottish council wards of 2017, posted as a browser form would,
 * must show the officially elected councillors and every official stage's totals, in order, in the
 * page's round table (within 0.01, as some councils printed 2 decimal places).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { testServer } from '../server/helpers.ts';

const DIR = resolve(process.cwd(), '../shared/data/scotland-2017');
const SKIP = existsSync(DIR) ? false : 'shared data absent: ../shared/data/scotland-2017 not found';
/** The largest ward file, and two wards where transfers run for many stages. */
const WARDS = ['city-of-edinburgh-ward12', 'aberdeen-city-ward01', 'east-renfrewshire-ward04'];

interface Official {
  readonly candidates: readonly { name: string; elected: boolean }[];
  readonly stages: readonly Record<string, string>[];
}

function unescape(html: string): string {
  return html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** The round table as the page shows it: candidate → the figure in each round ('–' once out). */
function shownTable(html: string): Map<string, string[]> {
  const table = /<table class="rounds">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const m of table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)) {
    rows.set(unescape(m[1] ?? ''), [...(m[2] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1] ?? ''));
  }
  return rows;
}

for (const ward of WARDS) {
  test(`${ward}: the page shows the official winners and every official stage`, { skip: SKIP }, async () => {
    const s = await testServer();
    const text = readFileSync(resolve(DIR, `${ward}.blt`), 'utf8');
    const official = JSON.parse(readFileSync(resolve(DIR, `${ward}.result.json`), 'utf8')) as Official;
    const res = await s.app.inject({
      method: 'POST', url: '/count', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ file: `${ward}.blt`, text, rules: 'scottish' }).toString(),
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const winners = unescape(/class="winners">Elected: <strong>([^<]*)</.exec(res.body)?.[1] ?? '').split(', ').sort();
    assert.deepEqual(winners, official.candidates.filter((c) => c.elected).map((c) => c.name).sort());

    const table = shownTable(res.body);
    const rounds = table.get('Exhausted')?.length ?? 0;
    let round = 0;
    for (const [i, stage] of official.stages.entries()) {
      // The page shows a dash for an excluded candidate where the official sheet prints 0.
      const shown = (name: string, r: number) => (table.get(name)?.[r] === '–' ? 0 : Number(table.get(name)?.[r]));
      const matches = (r: number) => Object.entries(stage).every(([name, v]) => Math.abs(shown(name, r) - Number(v)) <= 0.01);
      while (round < rounds && !matches(round)) round++;
      assert.ok(round < rounds, `official stage ${i + 1} of ${ward} is not among the page's rounds (in order)`);
      round++;
    }
    assert.match(res.body, /<figure class="chart sankey"[^>]*><svg role="img"/);
  });
}

test('a file that is not a ballot file is refused with the line and the problem', async () => {
  const s = await testServer();
  const res = await s.app.inject({
    method: 'POST', url: '/count', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ file: 'ward.blt', text: '3 1\n1 2 x 0\n0\n"A"\n"B"\n"C"\n"T"\n' }).toString(),
  });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /role="alert"><p>ward\.blt[^<]*line 2/);
});
