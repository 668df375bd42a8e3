import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { csvField, parseCsv } from '../../src/election/csv.ts';

test('any table of fields written with csvField reads back the same (property)', () => {
  // Rows of at least two fields: a lone empty field is an empty line, which the reader skips by design.
  const table = fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
      const text = rows.map((r) => r.map(csvField).join(',')).join(eol) + eol;
      const parsed = parseCsv(text, 't.csv');
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.value.map((r) => r.fields), rows);
    }),
  );
});

test('each record carries the line it starts on, counting line breaks inside quotes', () => {
  const parsed = parseCsv('a,b\n"x\ny",z\n\nc,d\n', 't.csv');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.map((r) => r.line), [1, 2, 5]);
});
