// The electoral-college JSON format: a good file reads into sections with exact shares; each kind of bad
// input is refused with the file and the record that is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCollegeJson } from '../../src/formats/college.ts';
import type { InputError } from '../../src/result.ts';
import { parseError } from './parse-results.ts';

const GOOD = {
  title: 'Leader',
  candidates: ['Ann', 'Bob', 'Cy'],
  withdrawn: ['Cy'],
  sections: [
    { name: 'members', share: '2/3', ballots: [{ ranking: ['Ann', 'Bob'], count: 3 }, { ranking: ['Bob'] }] },
    { name: 'affiliates', share: 1, ballots: [{ ranking: ['Cy', 'Ann'], count: '12345678901234567890' }] },
  ],
};

const refused = (json: unknown): InputError => parseError(parseCollegeJson(typeof json === 'string' ? json : JSON.stringify(json), 'college.json'), 'college.json');

test('a good college file reads into sections with exact shares and weighted ballots', () => {
  const r = parseCollegeJson(JSON.stringify(GOOD), 'college.json');
  assert.ok(r.ok);
  const c = r.value;
  assert.deepEqual(c.candidates, ['Ann', 'Bob', 'Cy']);
  assert.deepEqual(c.withdrawn, [2]);
  assert.deepEqual(c.sections.map((s) => [s.name, s.share.toString()]), [['members', '2/3'], ['affiliates', '1']]);
  assert.deepEqual(c.sections[0]?.ballots, [{ ranking: [0, 1], weight: 3n }, { ranking: [1], weight: 1n }]);
  // A count beyond a JSON number's exact range is given as text and kept exact.
  assert.deepEqual(c.sections[1]?.ballots, [{ ranking: [2, 0], weight: 12345678901234567890n }]);
});

test('an unknown candidate in a section names the section and ballot', () => {
  const bad = { ...GOOD, sections: [GOOD.sections[0], { name: 'x', share: '1/3', ballots: [{ ranking: ['Dee'] }] }] };
  const e = refused(bad);
  assert.match(e.record ?? '', /^sections\[1\]\.ballots\[0\]/);
  assert.match(e.message, /Dee/);
});

test('shares must be positive numbers', () => {
  for (const share of ['0', '-1/3', 'a third', '1/0']) {
    const e = refused({ ...GOOD, sections: [{ ...GOOD.sections[0], share }] });
    assert.equal(e.record, 'sections[0].share', share);
    assert.match(e.message, /positive number/);
  }
});

test('missing sections, repeated sections, unknown keys and equal rankings are refused', () => {
  assert.match(refused({ ...GOOD, sections: [] }).message, /at least one section/);
  const twice = refused({ ...GOOD, sections: [GOOD.sections[0], GOOD.sections[0]] });
  assert.equal(twice.record, 'sections[1].name');
  assert.match(refused({ ...GOOD, seats: 2 }).message, /seats/); // a college fills one seat: no such key
  const equal = refused({ ...GOOD, sections: [{ name: 'm', share: '1', ballots: [{ ranking: [['Ann', 'Bob']] }] }] });
  assert.equal(equal.record, 'sections[0].ballots');
  assert.match(equal.message, /equal/);
});

test('a withdrawn name that is not a candidate is refused at the top level', () => {
  const e = refused({ ...GOOD, withdrawn: ['Zed'] });
  assert.equal(e.record, 'withdrawn[0]');
});

test('text that is not JSON is refused with its line', () => {
  const e = refused('{\n  "title": "x",\n  "candidates": [\n oops ]\n}');
  assert.equal(e.line, 4);
  assert.match(e.message, /JSON/);
});
