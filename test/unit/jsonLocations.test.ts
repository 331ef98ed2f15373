import * as assert from 'node:assert/strict';
import { parseJsonDocument } from '../../src/editing/jsonLocations';

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
