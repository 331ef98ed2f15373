// What blocks an XRT submission is exactly what the editor shows as an error, and a warning never
// blocks: the editor's diagnostics and the check before sending share requestProblems.ts.
import * as assert from 'node:assert/strict';
import { readFixture } from '../../../support/paths';
import { blockingLines, xrtRequestProblems } from '../../../../src/xrt/request/requestProblems';
import { checkRequestText } from '../../../../src/xrt/request/requestCheck';

type Json = Record<string, unknown>;
const lcCounts = (): Json => readFixture('xrt', 'submit.request.lc-counts.json') as Json;

describe('XRT request problems (editor and submission alike)', () => {
  it('sends a request whose only problems are warnings', () => {
    // poserr 10: the documentation disagrees on its range; no useSXPS: the service assumes 0.
    const { useSXPS: _u, ...request }: Json = { ...lcCounts(), poserr: 10, srcrad: 40 };
    const problems = xrtRequestProblems(request);
    assert.ok(problems.length >= 3, JSON.stringify(problems));
    assert.ok(
      problems.every((p) => p.severity === 'warning'),
      JSON.stringify(problems),
    );
    assert.deepEqual(blockingLines(problems), []);
    const checked = checkRequestText(JSON.stringify(request));
    assert.deepEqual(checked.problems, []);
    assert.ok(checked.request, 'a file with only warnings is sent');
  });

  it('refuses with exactly the errors the editor shows, each on the key that causes it', () => {
    const { wtcounts: _w, ...request }: Json = { ...lcCounts(), minen: 5, maxen: 2 };
    const problems = xrtRequestProblems(request);
    const errors = problems.filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => [p.at.join('.'), p.message]),
      [
        ['binMeth', '`wtcounts` is required because `binMeth` is "counts".'],
        ['minen', 'Total band: `minen` (5 keV) must be below `maxen` (2 keV).'],
      ],
    );
    const checked = checkRequestText(JSON.stringify(request));
    assert.equal(checked.request, undefined);
    assert.deepEqual(checked.problems, [
      'wtcounts: `wtcounts` is required because `binMeth` is "counts".',
      'minen: Total band: `minen` (5 keV) must be below `maxen` (2 keV).',
    ]);
  });

  it('shows a field of the wrong type as an error on that key', () => {
    const problems = xrtRequestProblems({ ...lcCounts(), RA: 'east' });
    assert.deepEqual(
      problems.filter((p) => p.severity === 'error').map((p) => p.at.join('.')),
      ['RA'],
    );
  });
});
