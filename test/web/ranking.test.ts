/** Reading the numbers a voter wrote beside the candidates (the no-JavaScript ballot) into a ranking. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readMarks, rankingInWords } from '../../src/web/booth/ranking.ts';
import { ordinal } from '../../src/web/layout.ts';

const chair = { id: 'office', title: 'Chair', ballot: ['Ann', 'Bob', 'Cat', 'Dan'] };

test('numbers 1, 2, 3 beside Cat, Ann, Dan rank them in that order; a blank is not ranked', () => {
  const m = readMarks(chair, { 'pref.office.0': '2', 'pref.office.1': '', 'pref.office.2': '1', 'pref.office.3': '3' });
  assert.deepEqual(m.problems, []);
  assert.deepEqual(m.ranking, ['Cat', 'Ann', 'Dan']);
  assert.deepEqual(m.numbers, [2, undefined, 1, 3]);
  assert.equal(rankingInWords(m.ranking), '1st: Cat, 2nd: Ann, 3rd: Dan');
});

test('no numbers at all is a blank vote in that contest, said so in words', () => {
  const m = readMarks(chair, {});
  assert.deepEqual(m.ranking, []);
  assert.equal(rankingInWords(m.ranking), 'no preferences (a blank vote in this contest)');
});

test('a number given twice, a gap and an out-of-range number are each explained, and nothing is ranked', () => {
  const twice = readMarks(chair, { 'pref.office.0': '1', 'pref.office.1': '1' });
  assert.deepEqual(twice.problems, ['Ann and Bob both have your 1st preference: give each number to one candidate only']);
  assert.deepEqual(twice.ranking, []);
  const gap = readMarks(chair, { 'pref.office.0': '1', 'pref.office.1': '3' });
  assert.deepEqual(gap.problems, ['no candidate has your 2nd preference, but a later one is used: number from 1 without gaps']);
  const range = readMarks(chair, { 'pref.office.3': '5' });
  assert.deepEqual(range.problems, ['Dan: choose a number from 1 to 4, or leave it blank']);
});

test('a contest capped at two ranks refuses a 3rd preference', () => {
  const m = readMarks({ ...chair, maxRanks: 2 }, { 'pref.office.0': '1', 'pref.office.1': '2', 'pref.office.2': '3' });
  assert.deepEqual(m.problems, ['Cat: choose a number from 1 to 2, or leave it blank']);
});

test('ordinals as written in English, including the teens', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
});
