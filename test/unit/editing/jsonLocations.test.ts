import * as assert from 'node:assert/strict';
import { parseJsonDocument } from '../../../src/editing/jsonLocations';

describe('JSON locations', () => {
  const text = '{\n  "name": "GRB",\n  "models": ["powerlaw", "apec"],\n  "RA": 12.5\n}';

  it('finds the key of a property, and of an array element its value', () => {
    const doc = parseJsonDocument(text);
    // Objects come back without a prototype, so a key named __proto__ cannot pollute anything.
    assert.deepEqual(JSON.parse(JSON.stringify(doc.value)), { name: 'GRB', models: ['powerlaw', 'apec'], RA: 12.5 });
    assert.equal(Object.getPrototypeOf(doc.value), null);
    const ra = doc.rangeOf(['RA']);
    assert.equal(text.slice(ra.start, ra.end), '"RA"');
    const apec = doc.rangeOf(['models', 1]);
    assert.equal(text.slice(apec.start, apec.end), '"apec"');
    const v = doc.valueRangeOf(['RA']);
    assert.equal(v && text.slice(v.start, v.end), '12.5');
  });

  it('points a missing key at the opening brace and falls back to the nearest ancestor', () => {
    const doc = parseJsonDocument(text);
    assert.deepEqual(doc.rangeOf(['Dec']), { start: 0, end: 1 });
    const parent = doc.rangeOf(['models', 7]);
    assert.equal(text.slice(parent.start, parent.end), '"models"');
    assert.equal(doc.hasKey('name'), true);
    assert.equal(doc.hasKey('Dec'), false);
  });

  it('reports syntax errors with their place and yields no value', () => {
    const doc = parseJsonDocument('{ "a": 1, }');
    assert.equal(doc.value, undefined);
    assert.ok(doc.syntaxErrors.length > 0);
    assert.match(doc.syntaxErrors[0].message, /expected/);
  });
});

describe('JSON locations: a key given twice', () => {
  // The case that filed a real TOO: the first "debug" says test, the second (which JSON parsers keep) says file it.
  const text = '{\n  "debug": true,\n  "target_name": "GRB",\n  "debug": false\n}';

  it('yields no value and reports the key at both places', () => {
    const doc = parseJsonDocument(text);
    assert.equal(doc.value, undefined, 'a duplicate key must not resolve to either value');
    const duplicates = doc.problems.filter((p) => p.kind === 'duplicate-key');
    assert.equal(duplicates.length, 2);
    assert.deepEqual(
      duplicates.map((p) => text.slice(p.range.start, p.range.end)),
      ['"debug"', '"debug"'],
    );
    assert.deepEqual(
      duplicates.map((p) => p.range.start),
      [text.indexOf('"debug"'), text.lastIndexOf('"debug"')],
    );
    assert.match(duplicates[0].message, /"debug" is given 2 times.*line 4/);
    assert.match(duplicates[1].message, /"debug" is given 2 times.*line 2/);
  });

  it('finds duplicates in nested objects and tells apart keys of different objects', () => {
    const nested = '{"a": {"x": 1, "x": 2}, "b": [{"x": 1}, {"x": 2}], "c": {"x": 3}}';
    const doc = parseJsonDocument(nested);
    assert.equal(doc.value, undefined);
    assert.deepEqual(
      doc.problems.map((p) => p.range.start),
      [nested.indexOf('"x"'), nested.indexOf('"x"', nested.indexOf('"x"') + 1)],
    );
    const fine = parseJsonDocument('{"a": {"x": 1}, "b": [{"x": 1}, {"x": 2}], "x": 0}');
    assert.deepEqual(fine.problems, []);
    assert.ok(fine.value !== undefined);
  });

  it('treats keys spelled differently but meaning the same as the same key', () => {
    const doc = parseJsonDocument('{"debug": true, "\\u0064ebug": false}');
    assert.equal(doc.value, undefined);
    assert.equal(doc.problems.filter((p) => p.kind === 'duplicate-key').length, 2);
  });

  it('lists syntax errors among the problems, with a complete message', () => {
    const doc = parseJsonDocument('{ "a": 1, }');
    assert.ok(doc.problems.length > 0);
    assert.ok(doc.problems.every((p) => p.kind === 'syntax' && p.message.startsWith('JSON syntax: ')));
  });
});
