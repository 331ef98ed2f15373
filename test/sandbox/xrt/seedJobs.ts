// Jobs every sandbox starts with, so listOldJobs/getOldProduct/copy-job flows have history to
// show (the JobIDs match the fixtures: 800, 3413, 3414, 3510 for astro@…, 2870 for other@…).
import type { JobStore } from './jobs';
import type { JsonObject } from './replies';
import { validateSubmission } from './submission';

interface Seed {
  readonly id: number;
  readonly owner: string;
  readonly submitted: string;
  readonly hasProd: boolean;
  readonly request: JsonObject;
}

const GRB = { name: 'GRB 200416A', targ: '00966554', RA: 335.6985, Dec: -7.5179, Tstart: 608713541.952, cent: 1, poserr: 1, useSXPS: 0 };

const SEEDS: readonly Seed[] = [
  {
    id: 800,
    owner: 'astro@example.org',
    submitted: '2020-07-01T10:12:44Z',
    hasProd: true,
    request: {
      ...GRB,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      dynamic: 1,
      spec: 1,
      specz: 0,
      dopsf: 1,
      doenh: 1,
      doxastrom: 1,
      allxastrom: 1,
      image: 1,
    },
  },
  {
    id: 2870,
    owner: 'other@example.org',
    submitted: '2020-07-07T14:05:17Z',
    hasProd: false,
    request: { name: 'GRB 200116A', targ: '00951786', RA: 134.2, Dec: -20.4, image: 1 },
  },
  { id: 3413, owner: 'astro@example.org', submitted: '2020-07-23T17:29:01Z', hasProd: true, request: { ...GRB, spec: 1, specz: 0 } },
  {
    id: 3414,
    owner: 'astro@example.org',
    submitted: '2020-07-23T17:32:29Z',
    hasProd: true,
    request: { ...GRB, spec: 1, specz: 1, zval: 0.5, models: ['powerlaw', 'apec'] },
  },
  {
    id: 3510,
    owner: 'astro@example.org',
    submitted: '2020-08-02T09:41:00Z',
    hasProd: true,
    request: { name: 'SS 433', targ: '00035336', sourceDet: 1, detobs: 'all', detbands: 'all' },
  },
  {
    id: 3602,
    owner: 'other@example.org',
    submitted: '2021-03-01T08:00:00Z',
    hasProd: true,
    request: {
      name: 'Crab',
      targ: '00058907',
      RA: 83.633114,
      Dec: 22.014487,
      cent: 1,
      poserr: 2,
      useSXPS: 1,
      lc: 1,
      binMeth: 'snapshot',
      dopsf: 1,
    },
  },
];

export function seedOldJobs(store: JobStore, durationMs: number): void {
  for (const seed of SEEDS) {
    const outcome = validateSubmission(
      { api_name: 'xrt_prods', api_version: '1.12', UserID: seed.owner, ...seed.request },
      { strictPoserrRange: true },
    );
    if (!outcome.ok) throw new Error(`built-in XRT job ${seed.id} is invalid: ${outcome.message} ${JSON.stringify(outcome.listErr)}`);
    const job = store.add(seed.owner, outcome.spec, outcome.jobPars, Date.parse(seed.submitted), durationMs, seed.id);
    job.hasProd = seed.hasProd;
  }
}
