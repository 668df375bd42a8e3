/** The count page's report downloads: kept for KEPT_MINUTES, the oldest forgotten first beyond 50 results. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEPT_CHARS, KEPT_MINUTES, ReportStore } from '../../src/web/count/report-store.ts';

const FILES = [{ name: 'detailed_report.json', content: '{}' }, { name: 'detailed_report.csv', content: 'Contest Information\n' }];

test('a result is served by its key and index until its time is up', () => {
  const clock = { now: 1_000_000 };
  const store = new ReportStore(() => clock.now);
  const key = store.keep(FILES);
  assert.deepEqual(store.file(key, 1), FILES[1]);
  assert.equal(store.file(key, 2), undefined);
  assert.equal(store.file('00000000-0000-4000-8000-000000000000', 0), undefined);
  clock.now += KEPT_MINUTES * 60_000 - 1;
  assert.deepEqual(store.file(key, 0), FILES[0]);
  clock.now += 1;
  assert.equal(store.file(key, 0), undefined);
});

test('beyond 50 results the oldest is forgotten', () => {
  const store = new ReportStore(() => 0);
  const keys = Array.from({ length: 51 }, () => store.keep(FILES));
  assert.equal(store.file(keys[0] ?? '', 0), undefined);
  assert.deepEqual(store.file(keys[1] ?? '', 0), FILES[0]);
  assert.deepEqual(store.file(keys[50] ?? '', 0), FILES[0]);
});

test('beyond KEPT_CHARS held the oldest results go, but the newest is kept even alone past it', () => {
  const store = new ReportStore(() => 0);
  // Three reports of (just under) a third of the bound each, and FILES' 22 characters, pass it at the fourth.
  const third = [{ name: 'precinct.json', content: 'x'.repeat(Math.floor(KEPT_CHARS / 3)) }];
  const keys = [store.keep(third), store.keep(third), store.keep(FILES), store.keep(third)];
  assert.equal(store.file(keys[0] ?? '', 0), undefined, 'the oldest went');
  assert.deepEqual(store.file(keys[1] ?? '', 0), third[0]);
  assert.deepEqual(store.file(keys[3] ?? '', 0), third[0]);
  const huge = store.keep([{ name: 'all.json', content: 'x'.repeat(KEPT_CHARS + 1) }]);
  assert.equal(store.file(keys[3] ?? '', 0), undefined, 'everything older went');
  assert.equal(store.file(huge, 0)?.content.length, KEPT_CHARS + 1);
});
