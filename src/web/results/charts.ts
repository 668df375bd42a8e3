/**
 * The result's charts, drawn on the server by Apache ECharts into SVG (its server-side rendering mode), so
 * they appear without JavaScript and without any request to another site. Chart geometry needs plain
 * numbers: the exact decimal strings are turned into numbers only here, for drawing; every figure a reader
 * sees in text (tables, labels of the text alternative) is the exact string.
 */
import type * as echartsModule from 'echarts';
import type { RoundJson } from '../../formats/count-json.ts';
import { escapeHtml } from '../../server/html.ts';

type ECharts = typeof echartsModule;

let loaded: Promise<ECharts> | undefined;
/** ECharts is large: loaded the first time a chart is drawn, not when the server starts. */
function echarts(): Promise<ECharts> {
  loaded ??= import('echarts');
  return loaded;
}

async function svg(width: number, height: number, option: object, label: string): Promise<string> {
  const chart = (await echarts()).init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 14 }, ...option });
  const drawn = chart.renderToSVGString();
  chart.dispose();
  return drawn.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}

/** One round's votes as horizontal bars, with the threshold a candidate must reach marked as a line. */
export async function roundBarChart(round: RoundJson, title: string): Promise<string> {
  const names = Object.keys(round.tally);
  const values = names.map((n) => Number(round.tally[n]));
  const threshold = Number(round.threshold);
  // The axis reaches the threshold, so its line is drawn even when no one is near it yet.
  // Room for the longest name at the left: server-side rendering cannot measure text, so containLabel would guess.
  const left = Math.min(320, 24 + 9 * Math.max(...names.map((n) => n.length)));
  const option = {
    grid: { left, right: 72, top: 28, bottom: 28 },
    xAxis: { type: 'value', max: Math.max(threshold, ...values), axisLabel: { color: '#1b1b1b' } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: '#1b1b1b', fontSize: 14 } },
    series: [{
      type: 'bar', data: values, itemStyle: { color: '#0b4fb3' }, label: { show: true, position: 'right', color: '#1b1b1b' },
      markLine: threshold > 0 ? { symbol: 'none', lineStyle: { color: '#a4000f', type: 'dashed', width: 2 }, label: { formatter: 'threshold', position: 'start', color: '#a4000f' }, data: [{ xAxis: threshold }] } : undefined,
    }],
  };
  const label = `${title}, round ${round.round}: ${names.map((n) => `${n} ${round.tally[n] ?? ''}`).join(', ')}; threshold ${round.threshold}`;
  return svg(720, 64 + 34 * names.length, option, label);
}

/** A candidate's (or the exhausted pile's) votes at a round: one node of the Sankey diagram. */
function node(name: string, round: number): string {
  return `${name} · round ${round}`;
}

/**
 * The flows between consecutive rounds: each continuing candidate keeps their votes, and the votes of
 * those excluded (or of a surplus) go where the round's transfer says, some to the exhausted pile. When
 * several candidates are excluded together their ballots are transferred as one, so they pass through one
 * shared node.
 */
export function flows(rounds: readonly RoundJson[]): { source: string; target: string; value: number }[] {
  const out: { source: string; target: string; value: number }[] = [];
  rounds.forEach((r, i) => {
    const next = rounds[i + 1];
    if (!next) return;
    const t = r.transfer;
    const from = t?.from ?? [];
    const given = Object.values(t?.to ?? {}).reduce((a, v) => a + Number(v), Number(t?.exhausted ?? '0'));
    const pool = from.length === 1 ? node(from[0] ?? '', r.round) : `${from.join(' + ')} · round ${r.round}`;
    if (from.length > 1) for (const name of from) out.push({ source: node(name, r.round), target: pool, value: Number(r.tally[name] ?? '0') });
    for (const [name, votes] of Object.entries(r.tally)) {
      // A lone source keeps what it did not pass on (an elected candidate keeps the quota).
      const kept = !from.includes(name) ? Number(votes) : from.length > 1 ? 0 : Number(votes) - given;
      if (name in next.tally && kept > 0) out.push({ source: node(name, r.round), target: node(name, next.round), value: kept });
    }
    for (const [name, v] of Object.entries(t?.to ?? {})) if (Number(v) > 0) out.push({ source: pool, target: node(name, next.round), value: Number(v) });
    if (t && Number(t.exhausted) > 0) out.push({ source: pool, target: node('Exhausted', next.round), value: Number(t.exhausted) });
    if (Number(r.exhausted) > 0) out.push({ source: node('Exhausted', r.round), target: node('Exhausted', next.round), value: Number(r.exhausted) });
  });
  return out;
}

/** The transfers between rounds as a Sankey diagram: columns are rounds, bands are votes moving. */
export async function transferSankey(rounds: readonly RoundJson[], title: string): Promise<string | undefined> {
  const links = flows(rounds);
  if (links.length === 0) return undefined;
  const names = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  const option = {
    series: [{
      type: 'sankey', left: 8, right: 150, top: 16, bottom: 16, nodeGap: 10, draggable: false, layoutIterations: 0,
      data: names.map((name) => ({ name, itemStyle: { color: name.startsWith('Exhausted') ? '#767676' : '#0b4fb3' } })),
      // Each column is a round, so a node's label needs only the name.
      links, lineStyle: { color: 'source', opacity: 0.35 }, label: { color: '#1b1b1b', fontSize: 13, formatter: (p: { name: string }) => p.name.split(' · ')[0] },
    }],
  };
  const width = Math.max(720, 230 * rounds.length);
  const height = Math.max(320, 44 * (Object.keys(rounds[0]?.tally ?? {}).length + 1));
  return svg(width, height, option, `${title}: transfers of votes between rounds (described in words below the chart)`);
}
