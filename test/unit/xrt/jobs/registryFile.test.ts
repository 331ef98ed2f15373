// Reading job-list files written by earlier versions: the saved progress reports come back typed (the
// status reply's own `Progress`), and a report that cannot be read costs only itself, never the job.
import * as assert from 'node:assert/strict';
import type { ProductState } from '../../../../src/xrt/jobs/jobRecord';
import { readRegistryText } from '../../../../src/xrt/jobs/registryFile';
import { describeProgress, estimateRemainingSeconds } from '../../../../src/xrt/jobs/progressEstimate';
import { StatusCode, StepStatus } from '../../../../src/xrt/productCodes';

/** A job as an earlier version saved it: progress kept as the reply gave it, undefined keys dropped by JSON. */
function savedJob(id: string, products: Record<string, unknown>): Record<string, unknown> {
  return {
    jobId: id,
    url: `https://www.swift.ac.uk/user_objects/tprods/USERPROD_${id}`,
    name: `GRB ${id}`,
    userId: 'astro@example.org',
    serviceUrl: 'https://www.swift.ac.uk/user_objects',
    submittedAt: '2026-03-01T10:00:00.000Z',
    origin: 'submitted',
    jobPars: { name: `GRB ${id}` },
    products,
    poll: { unchanged: 2, errors: 0, nextAt: 1_772_359_260_000, lastPolledAt: 1_772_359_200_000 },
  };
}

const RUNNING_SPEC = {
  statusCode: 3,
  statusText: 'Running',
  changedAt: 1_772_359_000_000,
  progress: {
    GotProgress: 1,
    TimeRunning: '00:10:00',
    ProgressSteps: [
      { StepLabel: 'Prepare data.', StepStatus: 2 },
      {
        StepLabel: 'Build spectra.',
        StepStatus: 1,
        StepExtra: 'Working on spectrum: Obs_00081637001 (14/156)',
        SubStep: [
          { StepLabel: 'Extract data.', StepStatus: 2 },
          { StepLabel: 'Fit spectrum.', StepStatus: 1 },
        ],
      },
    ],
  },
  stepHistory: { starts: [0, 120], counted: [1] },
};

function fileOf(...jobs: unknown[]): string {
  return JSON.stringify({ version: 1, jobs }, null, 1);
}

describe('job list files of earlier versions', () => {
  it('load with their progress reports typed, as the poll estimate and the tree read them', () => {
    const read = readRegistryText(
      fileOf(
        savedJob('1001', {
          spec: RUNNING_SPEC,
          lc: { statusCode: 4, statusText: 'Complete', changedAt: 1, finishedAt: 2, progress: { GotProgress: 0 } },
        }),
      ),
    );
    assert.equal(read.kind, 'ok');
    const job = read.jobs.get('1001');
    assert.ok(job, 'the job is read');
    const spec = job.products.spec!;
    assert.equal(spec.statusCode, StatusCode.Running);
    assert.equal(spec.progress?.GotProgress, 1);
    assert.equal(spec.progress?.ProgressSteps?.[1]?.StepStatus, StepStatus.Active);
    assert.equal(spec.progress?.ProgressSteps?.[1]?.SubStep?.length, 2);
    assert.equal(describeProgress(spec.progress), 'Build spectra 14/156');
    assert.ok((estimateRemainingSeconds(spec.progress) ?? NaN) > 0, 'the estimate reads the saved report');
    assert.deepEqual(job.products.lc?.progress?.ProgressSteps, undefined);
    assert.equal(job.products.lc?.progress?.GotProgress, 0);
  });

  it('read a saved report with the reply’s leniency: numeric strings, steps without a status left out', () => {
    const odd = {
      ...RUNNING_SPEC,
      progress: {
        GotProgress: '1',
        TimeRunning: '00:01:00',
        ProgressSteps: [
          { StepLabel: 'Collect data.', StepStatus: '2' },
          { StepLabel: 'No status.' },
          { StepLabel: 'Sum images.', StepStatus: 1 },
        ],
      },
    };
    const read = readRegistryText(fileOf(savedJob('1002', { psf: odd })));
    assert.equal(read.kind, 'ok');
    const progress = read.jobs.get('1002')?.products.psf?.progress;
    assert.equal(progress?.GotProgress, 1);
    assert.deepEqual(
      progress?.ProgressSteps?.map((s) => [s.StepLabel, s.StepStatus]),
      [
        ['Collect data.', 2],
        ['Sum images.', 1],
      ],
    );
  });

  it('keep a job whose saved progress is not a report at all, without that progress', () => {
    const jobs = [
      savedJob('1003', { lc: { ...RUNNING_SPEC, progress: 'Working on it' } }),
      savedJob('1004', { lc: { ...RUNNING_SPEC, progress: [1, 2, 3] } }),
      savedJob('1005', { lc: { ...RUNNING_SPEC, progress: null } }),
      savedJob('1006', { lc: { statusCode: 2, statusText: 'Queued', changedAt: 5 } }),
    ];
    const read = readRegistryText(fileOf(...jobs));
    assert.equal(read.kind, 'ok');
    assert.deepEqual(read.kind === 'ok' ? read.unreadable : undefined, [], 'no record is set aside');
    for (const id of ['1003', '1004', '1005', '1006']) {
      const lc: ProductState | undefined = read.jobs.get(id)?.products.lc;
      assert.ok(lc, `job ${id} is read`);
      assert.equal(lc.progress, undefined, `job ${id}: no progress`);
    }
    assert.deepEqual(read.jobs.get('1003')?.products.lc?.stepHistory, RUNNING_SPEC.stepHistory, 'the rest of the product state is kept');
  });

  it('round-trip: what this version writes reads back the same', () => {
    const first = readRegistryText(fileOf(savedJob('1007', { spec: RUNNING_SPEC })));
    assert.equal(first.kind, 'ok');
    const again = readRegistryText(fileOf(...first.jobs.values()));
    assert.equal(again.kind, 'ok');
    assert.equal(JSON.stringify(again.jobs.get('1007')), JSON.stringify(first.jobs.get('1007')));
  });

  it('recover typed progress from a damaged file too', () => {
    const text = fileOf(savedJob('1008', { spec: RUNNING_SPEC }), savedJob('1009', { lc: RUNNING_SPEC }));
    const cut = text.slice(0, text.lastIndexOf('"poll"'));
    const read = readRegistryText(cut);
    assert.equal(read.kind, 'damaged');
    assert.deepEqual([...read.jobs.keys()], ['1008']);
    assert.equal(describeProgress(read.jobs.get('1008')?.products.spec?.progress), 'Build spectra 14/156');
  });
});

describe('rebins kept with their job in the job list', () => {
  const rebin = {
    rebinId: 1520,
    binning: { binMeth: 'time', pcbin: 1000, wtbin: 10 },
    rebinUrl: 'https://www.swift.ac.uk/API/main.php',
    requestedAt: 1_772_359_000_000,
    statusCode: 3,
    statusText: 'Running',
    changedAt: 1_772_359_030_000,
    poll: { errors: 0, nextAt: 1_772_359_060_000 },
  };

  it('read back as written, so a reloaded window or another one sees them; a list without rebins still reads', () => {
    const read = readRegistryText(
      fileOf({ ...savedJob('1010', { lc: { ...RUNNING_SPEC, statusCode: 4 } }), rebins: [rebin] }, savedJob('1011', {})),
    );
    assert.equal(read.kind, 'ok');
    assert.deepEqual(read.jobs.get('1010')?.rebins, [rebin]);
    assert.equal(read.jobs.get('1011')?.rebins, undefined);
    const again = readRegistryText(fileOf(...read.jobs.values()));
    assert.equal(again.kind === 'ok' && JSON.stringify(again.jobs.get('1010')), JSON.stringify(read.jobs.get('1010')));
  });

  it('a job whose rebin record cannot be read is kept in the file untouched, as any record this version cannot read', () => {
    const read = readRegistryText(fileOf({ ...savedJob('1012', {}), rebins: [{ ...rebin, rebinId: 'x' }] }));
    assert.equal(read.kind, 'ok');
    if (read.kind === 'ok') {
      assert.equal(read.jobs.size, 0);
      assert.equal(read.unreadable.length, 1, 'written back untouched for a version that can read it');
    }
  });
});
