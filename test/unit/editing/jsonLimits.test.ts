// Request files are bounded in size and nesting before any recursive code (the JSON parser, the
// schema checks) sees them: a file nested thousands of levels deep gives a message, not a stack overflow.
import * as assert from 'node:assert/strict';
import { parseJsonDocument } from '../../../src/editing/jsonLocations';
import { checkJsonLimits } from '../../../src/editing/jsonLimits';

/** The limits of a request file (src/editing/jsonLimits.ts): 1 MiB and 64 levels of nesting. */
const MAX_REQUEST_FILE_BYTES = 1024 * 1024;
const MAX_REQUEST_FILE_DEPTH = 64;
import { validateTooRequest } from '../../../src/too/request/requestSchema';
import { checkRequestText } from '../../../src/xrt/request/requestCheck';
import { validateXrtRequest } from '../../../src/xrt/request/requestSchema';

const nested = (levels: number, open = '[', close = ']'): string => `{"name": ${open.repeat(levels)}${close.repeat(levels)}}`;

describe('request files: size and depth limits', () => {
  it('refuses a file nested 10 000 levels deep with a message instead of a RangeError', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      const text = nested(10_000, open, close);
      const doc = parseJsonDocument(text);
      assert.equal(doc.value, undefined);
      assert.equal(doc.problems.length, 1);
      assert.equal(doc.problems[0].kind, 'too-deep');
      assert.match(doc.problems[0].message, new RegExp(`more than ${MAX_REQUEST_FILE_DEPTH} levels`));
      // Pointed at the bracket that goes one level too deep (the outer object is level 1).
      assert.equal(doc.problems[0].range.start, text.indexOf(open) + (MAX_REQUEST_FILE_DEPTH - 1) * open.length);
      // What the rest of the extension does with the parsed value cannot recurse either: there is none.
      assert.doesNotThrow(() => doc.rangeOf(['name', 0]));
    }
  });

  it('still reads a file at exactly the depth limit', () => {
    const doc = parseJsonDocument(nested(MAX_REQUEST_FILE_DEPTH - 1));
    assert.deepEqual(doc.problems, []);
    assert.ok(doc.value !== undefined);
    assert.equal(parseJsonDocument(nested(MAX_REQUEST_FILE_DEPTH)).problems[0]?.kind, 'too-deep');
  });

  it('does not count brackets inside strings or comments', () => {
    const deepString = `{"name": "${'['.repeat(10_000)}", "x": "\\"{{{{"}`;
    assert.equal(checkJsonLimits(deepString), undefined);
    assert.ok(parseJsonDocument(deepString).value !== undefined);
    assert.equal(checkJsonLimits(`// ${'['.repeat(500)}\n/* ${'{'.repeat(500)} */ {}`), undefined);
  });

  it('refuses a file over the size limit without parsing it', () => {
    const big = `{"name": "${'x'.repeat(MAX_REQUEST_FILE_BYTES)}"}`;
    const doc = parseJsonDocument(big);
    assert.equal(doc.value, undefined);
    assert.equal(doc.problems[0]?.kind, 'too-large');
    assert.match(doc.problems[0].message, /larger than 1 MB/);
    // Counted in UTF-8 bytes: 400 000 three-byte characters are 1.2 MB although the text is shorter.
    assert.equal(checkJsonLimits(`{"n": "${'€'.repeat(400_000)}"}`)?.kind, 'too-large');
    assert.equal(checkJsonLimits(`{"n": "${'x'.repeat(400_000)}"}`), undefined);
  });

  it('a deep value that slipped past the editor is not handed to the request schemas', () => {
    // The submit commands validate parsed.value; with the limit there is nothing to validate.
    const doc = parseJsonDocument(nested(10_000));
    assert.equal(doc.value, undefined);
    // And the schemas themselves stay safe on the largest value the limit lets through.
    const deepest = parseJsonDocument(nested(MAX_REQUEST_FILE_DEPTH - 1)).value;
    assert.doesNotThrow(() => validateXrtRequest(deepest));
    assert.doesNotThrow(() => validateTooRequest(deepest));
  });
});

describe('request files: what submission refuses', () => {
  it('an XRT request with a key given twice, or nested 10 000 levels deep, is not built', () => {
    const twice = checkRequestText('{"name": "GRB", "targ": "00966554", "RA": 335.6985, "Dec": -7.5179, "lc": 1, "lc": 0}');
    assert.equal(twice.request, undefined);
    assert.equal(twice.problems.length, 2);
    assert.ok(
      twice.problems.every((p) => /"lc" is given 2 times/.test(p)),
      twice.problems.join('\n'),
    );
    const deep = checkRequestText(nested(10_000));
    assert.equal(deep.request, undefined);
    assert.match(deep.problems.join('\n'), /nested more than 64 levels/);
  });
});
