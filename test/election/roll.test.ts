import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importRoll, ineligibility } from '../../src/election/roll.ts';

const CLASSES = ['member', 'affiliated_supporter', 'registered_supporter'];
const HEADER = 'id,name,email,postal_address,class,joined,standing,region';

test('a roll row holds the person, their class and free segment columns; quoted fields may hold commas and line breaks', () => {
  const r = importRoll(`${HEADER}\r\n1,"Smith, Jo",jo@example.org,"1 High St,\nTown",member,2019-05-01,good,North\n`, CLASSES);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.voters, [{
    id: '1', name: 'Smith, Jo', email: 'jo@example.org', postalAddress: '1 High St,\nTown', electorClass: 'member', joined: '2019-05-01', standing: 'good', segments: { region: 'North' },
  }]);
});

test('every bad row is reported with its line, and then no voter is accepted', () => {
  const csv = [
    HEADER,
    '1,Ann,ann@example.org,,member,2019-05-01,good,N',
    '2,Bob,not-an-email,,member,2019-05-01,good,N',
    '3,Cat,,,member,2019-05-01,good,N',
    '4,Dan,dan@example.org,,guest,2019-05-01,good,N',
    '5,Eve,eve@example.org,,member,2019-13-01,good,N',
    '6,Fay,fay@example.org,,member,2019-05-01,expelled,N',
    '7,Guy,guy@example.org,,member,2019-05-01,good',
  ].join('\n');
  const r = importRoll(csv, CLASSES, 'roll.csv');
  assert.equal(r.rows, 7);
  assert.deepEqual(r.voters, []);
  assert.deepEqual(r.errors.map((e) => [e.line, e.record, e.message]), [
    [3, 'id 2', 'email "not-an-email" is not an address'],
    [4, 'id 3', 'no email or postal address: the voter could not be sent a ballot'],
    [5, 'id 4', 'class "guest" is not one of member, affiliated_supporter, registered_supporter'],
    [6, 'id 5', 'join date "2019-13-01" is not a date (YYYY-MM-DD)'],
    [7, 'id 6', 'standing "expelled" is not one of good, arrears, lapsed, suspended'],
    [8, 'id 7', '7 fields where the header has 8'],
  ]);
});

test('a missing column or an unclosed quote rejects the file', () => {
  assert.match(importRoll('id,name,email\n1,Ann,a@b.org\n', CLASSES).errors[0]?.message ?? '', /missing column\(s\): postal_address, class, joined, standing/);
  assert.deepEqual(importRoll(`${HEADER}\n1,"Ann,a@b.org\n`, CLASSES).errors.map((e) => [e.line, e.message]), [[2, 'a quoted field is not closed']]);
});

test('one person, one vote: a second listing by id or email is dropped in favour of the earliest class', () => {
  const csv = [
    HEADER,
    '10,Ann,ann@example.org,,affiliated_supporter,2019-05-01,good,N', // line 2
    '11,Ann,ANN@example.org,,member,2019-05-01,good,N', // line 3: same email, member class ranks first
    '12,Bob,bob@example.org,,member,2019-05-01,good,N', // line 4
    '12,Bob,bob2@example.org,,member,2019-05-01,good,N', // line 5: same id, same class: the earlier row stays
  ].join('\n');
  const r = importRoll(csv, CLASSES);
  assert.deepEqual(r.voters.map((v) => v.id), ['11', '12']);
  assert.deepEqual(r.duplicates.map((d) => [d.line, d.keptLine]), [[2, 3], [5, 4]]);
  assert.match(r.duplicates[0]?.reason ?? '', /email ann@example.org also on line 3 \(member\); one vote, kept there/);
});

test('eligibility: class, freeze date (joined on or before) and good standing', () => {
  const v = { id: '1', name: 'A', electorClass: 'member', joined: '2016-01-12', standing: 'good' as const, segments: {} };
  const rules = { classes: ['member'], freezeDate: '2016-01-12', requireGoodStanding: true };
  assert.equal(ineligibility(v, rules), undefined, 'joining on the freeze date still counts');
  assert.equal(ineligibility({ ...v, joined: '2016-01-13' }, rules), 'joined 2016-01-13, after the freeze date 2016-01-12');
  assert.equal(ineligibility({ ...v, standing: 'arrears' }, rules), 'not in good standing (arrears)');
  assert.equal(ineligibility({ ...v, standing: 'arrears' }, { ...rules, requireGoodStanding: false }), undefined);
  assert.equal(ineligibility({ ...v, electorClass: 'supporter' }, rules), 'elector class supporter does not vote in this election');
});
