// The binning a user chooses for a rebin: the request files' fields, ranges and documentation; the
// conditional rules with messages that name the key to fix; the mapping to the rebin wire names; and
// the defaults taken from a job's request or `jobPars` echo.
import * as assert from 'node:assert/strict';
import { lightCurveSchema } from '../../../../src/xrt/request/requestSchema';
import {
  COMMON_REBIN_FIELDS,
  METHOD_REBIN_FIELDS,
  rebinDefaultsFromJob,
  rebinParamsFieldsSchema,
  toRebinWire,
  validateRebinParams,
  type RebinIssue,
} from '../../../../src/xrt/rebin/rebinRequest';
import { readFixture } from '../../../support/paths';

const issuesOf = (value: unknown): RebinIssue[] => {
  const result = validateRebinParams(value);
  return result.ok ? [] : result.issues;
};

describe('rebin binning schema', () => {
  it('maps request-file names to the wire names of the rebin reference table', () => {
    const time = validateRebinParams({
      binMeth: 'time',
      pcbin: 1000,
      wtbin: 10,
      hrbin: 1,
      femin: 0.5,
      allowB: 'pc',
      lctimetype: 'sec',
      lcobs: 'user',
      uselcobs: '00966554000',
    });
    assert.ok(time.ok, JSON.stringify(!time.ok && time.issues));
    assert.deepEqual(toRebinWire(time.value), {
      binMeth: 'time',
      allowBayes: 'pc',
      timeFormat: 's',
      whichData: 'user',
      useObs: '00966554000',
      pcBinTime: 1000,
      wtBinTime: 10,
      matchHR: true,
      minFracExp: 0.5,
    });
    // Every wire name of the official client's captures, with its value, is checked through the client
    // by rebinParity.test.ts (rebin.request.uob-counts.json sends every documented counts parameter).
    // Every field is one of the light-curve fields of request files, and each method's fields are fields.
    const fields = Object.keys(rebinParamsFieldsSchema.shape);
    for (const field of fields) assert.ok(field in lightCurveSchema.shape, field);
    for (const method of Object.keys(METHOD_REBIN_FIELDS))
      for (const f of METHOD_REBIN_FIELDS[method as 'counts']) assert.ok(fields.includes(f), f);
    assert.ok(COMMON_REBIN_FIELDS.every((f) => fields.includes(f)));
  });

  it('carries the request files’ documentation and defaults', () => {
    const meta = (key: string): Record<string, unknown> | undefined =>
      (rebinParamsFieldsSchema.shape as Record<string, { meta(): Record<string, unknown> | undefined }>)[key].meta();
    assert.match(String(meta('pccounts')?.markdownDescription), /Counts in a full PC bin/);
    assert.equal(meta('pcbin')?.default, 2.51);
    assert.equal(meta('sigmin')?.default, 3);
  });

  it('accepts each method with its parameters', () => {
    for (const value of [
      { binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 },
      { binMeth: 'time', pcbin: 1000, wtbin: 10, hrbin: 0, pchrbin: 2000, wthrbin: 20, femin: 0.5 },
      { binMeth: 'snapshot', sigmin: 2, lctimetype: 'm' },
      { binMeth: 'obsid', lcobs: 'user', uselcobs: '00966554000' },
    ]) {
      assert.deepEqual(issuesOf(value), [], JSON.stringify(value));
    }
  });

  it('refuses with messages that name the key to fix', () => {
    const cases: Array<[unknown, RebinIssue[]]> = [
      [[], [{ message: 'A rebin binning must be an object of parameters, e.g. {"binMeth": "time", "pcbin": 1000, "wtbin": 10}.' }]],
      [{}, [{ field: 'binMeth', message: '`binMeth` is required: one of "counts", "time", "snapshot", "obsid".' }]],
      [{ binMeth: 'weekly' }, [{ field: 'binMeth', message: '`binMeth` must be one of "counts", "time", "snapshot", "obsid".' }]],
      [
        { binMeth: 'counts', pccounts: 20 },
        [
          { field: 'wtcounts', message: '`wtcounts` is required when `binMeth` is "counts".' },
          { field: 'dynamic', message: '`dynamic` is required when `binMeth` is "counts".' },
        ],
      ],
      [
        { binMeth: 'counts', pccounts: 2.5, wtcounts: 0, dynamic: 2 },
        [
          { field: 'pccounts', message: '`pccounts` must be a whole number.' },
          { field: 'wtcounts', message: '`wtcounts` must be at least 1.' },
          { field: 'dynamic', message: '`dynamic` must be 0 or 1.' },
        ],
      ],
      [{ binMeth: 'time', pcbin: 0 }, [{ field: 'pcbin', message: '`pcbin` must be greater than 0.' }]],
      [{ binMeth: 'time', femin: 1.5 }, [{ field: 'femin', message: '`femin` must be at most 1.' }]],
      [
        { binMeth: 'snapshot', pccounts: 20 },
        [{ field: 'pccounts', message: '`pccounts` does not apply to `binMeth` "snapshot"; remove it.' }],
      ],
      [
        { binMeth: 'snapshot', lcobs: 'user' },
        [{ field: 'uselcobs', message: '`uselcobs` is required when `lcobs` is "user": the obsIDs or time ranges to use.' }],
      ],
      [
        { binMeth: 'snapshot', srcrad: 10 },
        [
          {
            message:
              '`srcrad` is not a rebinning parameter (rebinning repeats only the binning step; extraction settings of the job stay as they were).',
          },
        ],
      ],
      [{ binMeth: 'snapshot', minen: 0.5 }, [{ field: 'soft1', message: '`soft1` (0.3 keV) must be at least `minen` (0.5 keV).' }]],
      [{ binMeth: 'snapshot', maxen: 8 }, [{ field: 'hard2', message: '`hard2` (10 keV) must be at most `maxen` (8 keV).' }]],
      [
        { binMeth: 'snapshot', minen: 5, maxen: 2, soft1: 5, soft2: 6, hard1: 5, hard2: 2 },
        [
          { field: 'minen', message: '`minen` (5 keV) must be below `maxen` (2 keV).' },
          { field: 'hard2', message: 'The hard band must end above its start: `hard2` (2 keV) ≤ `hard1` (5 keV).' },
          { field: 'soft2', message: '`soft2` (6 keV) must be at most `maxen` (2 keV).' },
        ],
      ],
      [
        { binMeth: 'snapshot', lctimetype: 'days' },
        [{ field: 'lctimetype', message: '`lctimetype` must be one of "s", "m", "sec", "mjd".' }],
      ],
    ];
    for (const [value, expected] of cases) assert.deepEqual(issuesOf(value), expected, JSON.stringify(value));
  });

  it('keys set to undefined count as absent', () => {
    assert.deepEqual(issuesOf({ binMeth: 'time', pccounts: undefined, pcbin: 100 }), []);
  });

  it('wire form: names, JSON booleans for dynamic and hrbin, "s"/"m" for the time format, only the method’s fields', () => {
    const counts = validateRebinParams({ binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 0, lctimetype: 'mjd', allowB: 'pc' });
    assert.ok(counts.ok);
    assert.deepEqual(toRebinWire(counts.value), {
      binMeth: 'counts',
      allowBayes: 'pc',
      timeFormat: 'm',
      pcCounts: 20,
      wtCounts: 30,
      dynamic: false,
    });
    const time = validateRebinParams({ binMeth: 'time', hrbin: 1, lctimetype: 'sec' });
    assert.ok(time.ok);
    assert.deepEqual(toRebinWire(time.value), { binMeth: 'time', timeFormat: 's', matchHR: true });
    // A caller that skipped validation still cannot send another method's fields.
    assert.deepEqual(toRebinWire({ binMeth: 'obsid', pccounts: 20 }), { binMeth: 'obsid' });
  });

  describe('rebinDefaultsFromJob', () => {
    it('from a jobPars echo: numeric strings become numbers, the job’s method and its fields', () => {
      const echo = (readFixture('xrt', 'submit.response.ok.json') as { jobPars: Record<string, unknown> }).jobPars;
      const defaults = rebinDefaultsFromJob(echo);
      assert.deepEqual(defaults, {
        binMeth: 'counts',
        minen: 0.3,
        maxen: 10,
        soft1: 0.3,
        soft2: 1.5,
        hard1: 1.5,
        hard2: 10,
        sigmin: 3,
        grades: 'all',
        allowUL: 'both',
        allowB: 'both',
        bayesCounts: 15,
        bayesSNR: 2.4,
        lctimetype: 's',
        lcobs: 'all',
        pccounts: 20,
        wtcounts: 30,
        dynamic: 1,
        ratefact: 10,
        binfact: 1.5,
        pcbin: 2.51,
        wtbin: 0.5,
        mincmin: 15,
        minsnr: 1.5,
        pcmaxgap: 1e8,
        wtmaxgap: 1e8,
      });
      assert.ok(validateRebinParams(defaults).ok, 'the defaults of a real echo are valid');
    });

    it('for another method: only that method’s fields; jobPars’ hrbin 0 and femin carry over to time binning', () => {
      const echo = (readFixture('xrt', 'submit.response.ok.json') as { jobPars: Record<string, unknown> }).jobPars;
      const time = rebinDefaultsFromJob(echo, 'time');
      assert.equal(time.binMeth, 'time');
      assert.equal(time.pccounts, undefined);
      assert.equal(time.hrbin, 0);
      assert.equal(time.femin, 0);
      assert.equal(time.pcbin, 2.51);
      assert.ok(validateRebinParams(time).ok);
    });

    it('from a request file; unreadable values are left out; deprecated spellings are read; defaults to counts', () => {
      assert.deepEqual(
        rebinDefaultsFromJob({ lc: 1, binMeth: 'TIME', pcbin: 'soon', wtbin: 5, allowBayes: 'wt', pcmaxGap: 10, name: 'x' }),
        { binMeth: 'time', wtbin: 5, allowB: 'wt' },
      );
      assert.deepEqual(rebinDefaultsFromJob({ allowBayes: 'wt', allowB: 'pc' }), { binMeth: 'counts', allowB: 'pc' });
      assert.deepEqual(rebinDefaultsFromJob({ binMeth: 'counts', pcmaxGap: 10 }), { binMeth: 'counts', pcmaxgap: 10 });
      assert.deepEqual(rebinDefaultsFromJob({}), { binMeth: 'counts' });
    });
  });
});
