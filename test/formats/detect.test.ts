import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, formatByName } from '../../src/formats/detect.ts';

test('detectFormat: a known extension decides, whatever the content', () => {
  assert.equal(detectFormat('ward.BLT', 'ballot_id,rank,choice'), 'blt');
  assert.equal(detectFormat('/x/ballots.csv', ''), 'csv');
  assert.equal(detectFormat('c.json', ''), 'json');
  for (const ext of ['soc', 'soi', 'toc', 'toi']) assert.equal(detectFormat(`ED-00001.${ext}`, ''), 'preflib');
});

test('detectFormat: without a known extension, the first lines decide', () => {
  assert.equal(detectFormat('ballots', '\uFEFF3 2\n4 1 2 0\n'), 'blt');
  assert.equal(detectFormat('ballots.txt', '# comment\n 13 4  # candidates seats\n'), 'blt');
  assert.equal(detectFormat('dir.v2/ballots', 'ballot_id,rank,choice\n1,1,A\n'), 'csv');
  assert.equal(detectFormat('ballots.dat', 'Rank1,Rank2\nA,B\n'), 'csv');
  assert.equal(detectFormat('ballots.dat', '# FILE NAME: 00001.soi\n# NUMBER ALTERNATIVES: 3\n'), 'preflib');
  assert.equal(detectFormat('contest', '  {"title": "T"'), 'json');
  assert.equal(detectFormat('notes.txt', 'hello world\n'), undefined);
  assert.equal(detectFormat('empty', ''), undefined);
});

test('formatByName: the extension alone, with no content to look at', () => {
  assert.equal(formatByName('/wards/Ward 1.BLT'), 'blt');
  assert.equal(formatByName('ED-00001.toi'), 'preflib');
  // A dot in a folder's name is not an extension; an unknown extension names nothing.
  assert.equal(formatByName('/data.blt/ballots'), undefined);
  assert.equal(formatByName('ballots.txt'), undefined);
});
