// A campaign source's provenance: how its downloaded products were made, kept beside them as
// `<source folder>/provenance.json` so that a results table, a paper's methods section or a later re-run can
// say which request, which service and which observations produced them.
//
// The file's shape, version 1 (`provenanceVersion`); a later version adds keys or raises the number, never
// changes the meaning of these:
//   provenanceVersion   1
//   writtenBy           the extension and its version
//   campaign            { file: the name of the *.xrt-campaign.json (two folders up; no path, as the file may be published) }
//   sourceId            the source's id in the campaign (its folder's name)
//   job                 { jobId, name, url (the job's page), serviceUrl (the product generator's base URL) }
//   dates               { submitted, finished, downloaded }: ISO 8601 (UTC); `finished` is when the last
//                       product reached its final state, "not recorded" when the job list has no such time
//   apiVersion          { client: the protocol version the extension sends as `api_version`
//                         (test/fixtures/protocol/xrt-products.md §1.1), service: the `APIVersion` of the reply
//                         that made the job (§1.2), or "not recorded" }
//   request             the request sent, as the campaign state recorded it with the intent to send; "not
//                       recorded" for sources sent by a version that did not record it
//   jobPars             every parameter the service says it used (§3.10: what it resolved the name, target and
//                       T0 to, defaults filled in), as it echoed them, without `UserID` (the user's registered
//                       e-mail address is not needed to reproduce anything, and this file may be published)
//   products            { <code>: { status, finished } } the service's last word on each product
//   observations        { obsIds: every observation ID the downloaded files name, sorted; from: where each
//                         came from ({ product, file, obsIds }); note: what the files could not tell }
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../common/fileLock';
import { describeError } from '../../http/errors';
import { XRT_API_VERSION } from '../../xrt/client';
import type { SourceState } from '../../xrt/campaign/campaignState';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { readProductFolder, type ProductFolderSummary } from '../files/productFolder';

const PROVENANCE_FILE = 'provenance.json';
const NOT_RECORDED = 'not recorded';

interface ObservationSource {
  readonly product: string;
  readonly file: string;
  readonly obsIds: readonly string[];
}

interface SourceProvenance {
  readonly provenanceVersion: 1;
  readonly writtenBy: string;
  readonly campaign: { readonly file: string };
  readonly sourceId: string;
  readonly job: { readonly jobId: string; readonly name: string; readonly url: string; readonly serviceUrl: string };
  readonly dates: { readonly submitted: string; readonly finished: string; readonly downloaded: string };
  readonly apiVersion: { readonly client: string; readonly service: string };
  readonly request: Readonly<Record<string, unknown>> | typeof NOT_RECORDED;
  readonly jobPars: Readonly<Record<string, unknown>>;
  readonly products: Readonly<Record<string, { readonly status: string; readonly finished: string }>>;
  readonly observations: { readonly obsIds: readonly string[]; readonly from: readonly ObservationSource[]; readonly note?: string };
}

export interface ProvenanceInput {
  /** The campaign file's path. */
  readonly campaignFile: string;
  readonly sourceId: string;
  readonly job: JobRecord;
  /** The source's entry in the campaign state (src/xrt/campaign/campaignState.ts). */
  readonly source: SourceState;
  /** The source folder the products were unpacked into. */
  readonly folder: string;
  /** The files the download wrote, relative to `folder` (their first segment is the job's `USERPROD_<id>`). */
  readonly written: readonly string[];
  readonly downloadedAt: number;
  readonly extensionVersion: string;
}

/** Swift observation IDs are 11 digits (xrt-products.md §3.9); a light curve's `ObsID` may lose its zeros (§11.2). */
const OBS_ID = /^\d{1,11}$/;
/** Spectra sliced per observation are named `Obs_<obsID>` (§13.4). */
const OBS_INTERVAL = /^Obs_(\d{11})$/;

function obsId(value: string | number): string | undefined {
  const text =
    typeof value === 'number' ? (Number.isInteger(value) && value >= 0 ? String(value) : '') : value.trim().replace(/^::ObsID=/, '');
  return OBS_ID.test(text) ? text.padStart(11, '0') : undefined;
}

/** What the downloaded products say about the observations they were made from. */
function observationsOf(summary: ProductFolderSummary | undefined, readProblem: string | undefined): SourceProvenance['observations'] {
  const from: ObservationSource[] = [];
  for (const lc of summary?.lightCurves ?? []) {
    for (const dataset of lc.datasets) {
      const column = dataset.columns.ObsID;
      if (!column) continue;
      const ids = [...new Set([...column].flatMap((v) => obsId(v) ?? []))];
      if (ids.length > 0) from.push({ product: 'lc', file: `${lc.file} (${dataset.name})`, obsIds: ids });
    }
  }
  for (const interval of summary?.spectrum?.intervals ?? []) {
    const id = OBS_INTERVAL.exec(interval.name)?.[1];
    if (id) from.push({ product: 'spec', file: interval.folder ?? interval.tarball ?? `spec/${interval.name}`, obsIds: [id] });
  }
  const obsIds = [...new Set(from.flatMap((f) => f.obsIds))].sort();
  if (readProblem) return { obsIds, from, note: `The downloaded products could not be read: ${readProblem}` };
  if (obsIds.length > 0) return { obsIds, from };
  return {
    obsIds,
    from,
    note:
      'The downloaded files do not name the observations used (no light curve has an ObsID column and no spectrum is ' +
      "sliced per observation). The service's light-curve data (its getLCData reply) may list them.",
  };
}

function iso(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? NOT_RECORDED : new Date(ms).toISOString();
}

/** The job folder `USERPROD_<id>` the download wrote (the archive's single top folder, §13.2), if there is one. */
function jobFolderOf(folder: string, written: readonly string[]): string | undefined {
  const tops = [...new Set(written.map((file) => file.split('/')[0]!))];
  return tops.length === 1 && /^USERPROD_\d+$/.test(tops[0]!) ? path.join(folder, tops[0]!) : undefined;
}

function provenanceOf(input: ProvenanceInput, observations: SourceProvenance['observations']): SourceProvenance {
  const { job, source } = input;
  const finishedTimes = Object.values(job.products).flatMap((p) => (p.finishedAt !== undefined ? [p.finishedAt] : []));
  const { UserID: _private, ...jobPars } = job.jobPars;
  return {
    provenanceVersion: 1,
    writtenBy: `Swift Observatory for VS Code ${input.extensionVersion}`,
    // Its name only: it sits two folders up (<dir>/<stem>.xrt-campaign.json beside <dir>/<stem>/<source>/), and a
    // full path would tell a reader of a published file where the user keeps their files.
    campaign: { file: path.basename(input.campaignFile) },
    sourceId: input.sourceId,
    job: { jobId: job.jobId, name: job.name, url: job.url, serviceUrl: job.serviceUrl },
    dates: {
      submitted: job.submittedAt,
      finished: finishedTimes.length > 0 ? iso(Math.max(...finishedTimes)) : NOT_RECORDED,
      downloaded: iso(input.downloadedAt),
    },
    apiVersion: { client: XRT_API_VERSION, service: source.serviceApiVersion ?? NOT_RECORDED },
    request: source.request ?? NOT_RECORDED,
    jobPars,
    products: Object.fromEntries(
      Object.entries(job.products).map(([code, p]) => [code, { status: p.statusText, finished: iso(p.finishedAt) }]),
    ),
    observations,
  };
}

/** Writes `<folder>/provenance.json` (replacing an earlier one whole) and returns its path. */
export async function writeProvenance(input: ProvenanceInput): Promise<string> {
  const jobFolder = jobFolderOf(input.folder, input.written);
  let summary: ProductFolderSummary | undefined;
  let readProblem: string | undefined;
  try {
    summary = await readProductFolder(jobFolder ?? input.folder);
  } catch (error) {
    // The reader turns bad files into problems; what reaches here is a folder that cannot be read at all.
    readProblem = describeError(error);
  }
  const file = path.join(input.folder, PROVENANCE_FILE);
  await fs.mkdir(input.folder, { recursive: true });
  await writeFileAtomic(file, JSON.stringify(provenanceOf(input, observationsOf(summary, readProblem)), null, 2) + '\n');
  return file;
}
