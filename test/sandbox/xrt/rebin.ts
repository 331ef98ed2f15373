// The emulated UKSSDC site API (`POST /API/main.php`, test/fixtures/protocol/xrt-products.md §16): rebinning a
// finished job's light curve without rebuilding the job. A rebin job is a record (source job, binning,
// request time, cancellation) whose status follows from the simulated clock; its light curve is the
// source job's generator (lightCurve.ts, same seed, so the same snapshots and source) run with the new
// binning. The result files are served at `/xrt_curves/tprods/REBIN_<id>/<file>` on the sandbox's own
// origin (where the real ones live is unknown: §16.4). Choices and variants: ./README.md.
import type { SandboxRequest, SandboxResponse, SandboxService } from '../types';
import type { VariantSet } from '../variants';
import { stateOf, type Job, type JobStore } from './jobs';
import type { BinMethod, LcSpec, ModeChoice } from './jobSpec';
import { lightCurve, variantsFor, type LightCurve } from './lightCurve';
import { lightCurveFiles } from './productFiles';
import { htmlReply, parseJsonBody, type JsonObject } from './replies';
import { jsonText, sessionCookie } from './wire';

/** The swifttools `ukssdc` component version the sandbox claims (the real server's value is unknown, §16.6). */
export const SITE_API_VERSION = '1.0.5';
export const SITE_API_PATH = '/API/main.php';
export const REBIN_FILES_PREFIX = '/xrt_curves/tprods/REBIN_';

/** Names of the rebin wire variants (README.md). */
export const REBIN_VARIANTS = {
  jsonContentType: 'rebin-json-content-type',
  errorAsString: 'rebin-error-string',
  okTrue: 'rebin-ok-true',
  statusAsString: 'rebin-status-string',
  jobIdAsString: 'rebin-jobid-string',
  noApiVersion: 'rebin-no-api-version',
  nolc: 'rebin-nolc',
} as const;

/** Rebin JobIDs start here: far from the product generator's, as nothing says the ranges overlap (§16.2). */
const FIRST_REBIN_ID = 1520;

/** Invented texts for the codes no capture shows (only 3 "Running" and 4 "Complete" are seen, §16.3). */
const REBIN_STATUS_TEXT: Readonly<Record<number, string>> = {
  [-4]: 'Cancelled',
  [-3]: 'Ran, but produced no light curve',
  1: 'Requested',
  2: 'Queued',
  3: 'Running',
  4: 'Complete',
};

interface RebinJob {
  readonly id: number;
  readonly jobId: number;
  readonly requestedMs: number;
  readonly durationMs: number;
  readonly lc: LcSpec;
  readonly dynamic: boolean;
  cancelledMs?: number;
}

export interface RebinSnapshot {
  readonly rebinId: number;
  readonly jobId: number;
  readonly binMeth: BinMethod;
  readonly dynamic: boolean;
  readonly status: number;
}

export interface RebinState {
  readonly store: JobStore;
  nowMs(): number;
  origin(): string;
  readonly variants: VariantSet;
  /** Simulated ms a rebin takes from request to completion. */
  readonly durationMs: number;
}

export interface RebinService extends SandboxService {
  rebins(): RebinSnapshot[];
}

export function createRebinService(state: RebinState): RebinService {
  const rebins = new Map<number, RebinJob>();
  let nextId = FIRST_REBIN_ID;

  const reply = (body: JsonObject): SandboxResponse => wire(body, state.variants);
  const ok = (fields: JsonObject): SandboxResponse => {
    const okValue = state.variants.is(REBIN_VARIANTS.okTrue) ? true : 1;
    return reply({ ...fields, OK: okValue, ...(state.variants.is(REBIN_VARIANTS.noApiVersion) ? {} : { APIVersion: SITE_API_VERSION }) });
  };
  const error = (code: number, text: string): SandboxResponse =>
    reply({ ERROR: state.variants.is(REBIN_VARIANTS.errorAsString) ? String(code) : code, ERRORTEXT: text });

  const statusOf = (r: RebinJob, now: number): number => {
    if (r.cancelledMs !== undefined) return -4;
    const t = (now - r.requestedMs) / r.durationMs;
    return t < 0.1 ? 1 : t < 0.25 ? 2 : t < 1 ? 3 : 4;
  };

  const curveOf = (r: RebinJob, job: Job, variants: { incbad: string; nosys: string }): LightCurve => {
    const curve = lightCurve(
      String(job.id),
      { ...job.spec, lc: r.lc },
      { incbad: variantsFor(variants.incbad), nosys: variantsFor(variants.nosys) },
    );
    // The one captured rebin reply says "ObsID" for obsid binning (§16.4, §17 D17), not the job reply's word.
    return r.lc.binMeth === 'obsid' ? { ...curve, binning: 'ObsID' } : curve;
  };

  const findRebin = (body: JsonObject): RebinJob | string => {
    const raw = body.JobID;
    const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
    if (!/^\d+$/.test(text)) return raw === undefined ? 'No JobID was supplied.' : `JobID must be an integer, not ${JSON.stringify(raw)}.`;
    return rebins.get(Number(text)) ?? `Rebin job ${text} does not exist.`;
  };

  const handlers: Readonly<Record<string, (body: JsonObject) => SandboxResponse>> = {
    rebinLightCurve(body) {
      const type = scalarText(body.type).trim().toUpperCase();
      if (type === 'GRB')
        return error(2, 'The sandbox does not emulate the automatic GRB light curves; rebin a product generator job (type UOB_LC).');
      if (type !== 'UOB_LC') return error(2, `type must be UOB_LC or GRB, not ${JSON.stringify(body.type ?? null)}.`);
      const idText = typeof body.objectID === 'number' || typeof body.objectID === 'string' ? String(body.objectID).trim() : '';
      const job = /^\d+$/.test(idText) ? state.store.get(Number(idText)) : undefined;
      if (!job) return error(3, `No light curve exists for objectID ${JSON.stringify(body.objectID ?? null)}.`);
      if (!job.spec.lc) return error(3, `Job ${job.id} did not build a light curve.`);
      if (!job.hasProd) return error(3, `The products of job ${job.id} have expired and been deleted.`);
      const lcState = stateOf(job, 'lc', state.nowMs()).code;
      if (lcState !== 4) return error(4, `The light curve of job ${job.id} is not complete (status ${lcState}), so it cannot be rebinned.`);
      const parsed = rebinSpec(body, job.spec.lc);
      if (typeof parsed === 'string') return error(1, parsed);
      const id = nextId++;
      rebins.set(id, {
        id,
        jobId: job.id,
        requestedMs: state.nowMs(),
        durationMs: state.durationMs,
        lc: parsed.lc,
        dynamic: parsed.dynamic,
      });
      return ok({ JobID: state.variants.is(REBIN_VARIANTS.jobIdAsString) ? String(id) : id });
    },
    checkRebinStatus(body) {
      const r = findRebin(body);
      if (typeof r === 'string') return error(5, r);
      const code = statusOf(r, state.nowMs());
      return ok({ status: state.variants.is(REBIN_VARIANTS.statusAsString) ? String(code) : code, text: REBIN_STATUS_TEXT[code] });
    },
    cancelRebin(body) {
      const r = findRebin(body);
      if (typeof r === 'string') return error(5, r);
      const code = statusOf(r, state.nowMs());
      if (code === -4) return error(6, `Rebin job ${r.id} has already been cancelled.`);
      if (code === 4) return error(6, `Rebin job ${r.id} has already finished and cannot be cancelled.`);
      r.cancelledMs = state.nowMs();
      return ok({});
    },
    downloadLightCurve(body) {
      const type = scalarText(body.type).trim().toUpperCase();
      if (type !== 'REBIN_LC')
        return error(2, `The sandbox serves only rebinned light curves here (type REBIN_LC), not ${JSON.stringify(body.type ?? null)}.`);
      const r = findRebin({ JobID: body.objectID });
      if (typeof r === 'string') return error(5, r);
      const code = statusOf(r, state.nowMs());
      if (code !== 4) return error(7, `Rebin job ${r.id} is not complete (status ${code}: ${REBIN_STATUS_TEXT[code]}).`);
      const job = state.store.get(r.jobId);
      if (!job?.hasProd) return error(3, `The products of job ${r.jobId} have expired and been deleted.`);
      if (state.variants.is(REBIN_VARIANTS.nolc)) return ok({ NOLC: 1, Datasets: [] });
      const incbad = yesNoBoth(body.incbad, 'yes');
      const nosys = yesNoBoth(body.nosys, 'no');
      if (!incbad) return error(1, `incbad must be one of yes, no, both, not ${JSON.stringify(body.incbad)}.`);
      if (!nosys) return error(1, `nosys must be one of yes, no, both, not ${JSON.stringify(body.nosys)}.`);
      const curve = curveOf(r, job, { incbad, nosys });
      const out: JsonObject = { Datasets: curve.datasets.map((d) => d.name) };
      for (const ds of curve.datasets)
        out[`${ds.name}Data`] = { columns: ds.columns, data: ds.data, URL: `${state.origin()}${REBIN_FILES_PREFIX}${r.id}/${ds.file}` };
      // Key order as the logged GRB downloads through the same call (§16.4): datasets, OK, Binning, TimeFormat, T0, APIVersion.
      return ok({ ...out, Binning: curve.binning, TimeFormat: curve.timeFormat, T0: curve.t0 });
    },
  };

  return {
    async handle(req: SandboxRequest): Promise<SandboxResponse | undefined> {
      if (req.path === SITE_API_PATH || req.path === `${SITE_API_PATH}/`) {
        if (req.method !== 'POST')
          return htmlReply(405, `The requested method ${req.method} is not allowed for ${SITE_API_PATH}.`, { allow: 'POST' });
        const parsed = parseJsonBody(req);
        if (!parsed.ok) return error(1, parsed.message);
        const func = parsed.value.APIFunc;
        const handler = typeof func === 'string' && Object.prototype.hasOwnProperty.call(handlers, func) ? handlers[func] : undefined;
        if (!handler) return error(1, `Unknown APIFunc ${JSON.stringify(func ?? null)}.`);
        return handler(parsed.value);
      }
      if (req.path.startsWith(REBIN_FILES_PREFIX)) return rebinFile(req);
      return undefined;
    },
    reset(): void {
      rebins.clear();
      nextId = FIRST_REBIN_ID;
    },
    rebins(): RebinSnapshot[] {
      const now = state.nowMs();
      return [...rebins.values()].map((r) => ({
        rebinId: r.id,
        jobId: r.jobId,
        binMeth: r.lc.binMeth,
        dynamic: r.dynamic,
        status: statusOf(r, now),
      }));
    },
  };

  function rebinFile(req: SandboxRequest): SandboxResponse {
    const m = /^(\d+)\/([A-Za-z_]+\.qdp)$/.exec(req.path.slice(REBIN_FILES_PREFIX.length));
    const r = m ? rebins.get(Number(m[1])) : undefined;
    const job = r ? state.store.get(r.jobId) : undefined;
    const notFound = htmlReply(404, `The requested URL ${req.path} was not found on this server.`);
    if (!m || !r || !job?.hasProd || statusOf(r, state.nowMs()) !== 4) return notFound;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return htmlReply(405, `The requested method ${req.method} is not allowed for ${req.path}.`, { allow: 'GET, HEAD' });
    const file = lightCurveFiles({ ...job, spec: { ...job.spec, lc: r.lc } }).find((f) => f.path === `lc/${m[2]}`);
    if (!file) return notFound;
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(file.data.length) },
      body: req.method === 'HEAD' ? undefined : file.data,
    };
  }
}

/**
 * The rebin body as the new light-curve spec. Python names first, submit names as aliases (§16.6);
 * booleans as true/false/1/0/"1"/"0"; `binMeth` case-insensitive with `observation` for obsid;
 * `timeFormat` s/sec/m/mjd in any case. PYDOC's "required when" rules; PYDOC defaults for the rest
 * (not the job's values: which one the server uses is unknown).
 */
export function rebinSpec(body: JsonObject, jobLc: LcSpec): { lc: LcSpec; dynamic: boolean } | string {
  const pick = (wire: string, alias: string): unknown => (body[wire] !== undefined ? body[wire] : body[alias]);
  const methodText = typeof body.binMeth === 'string' ? body.binMeth.trim().toLowerCase() : '';
  const binMeth = (methodText === 'observation' ? 'obsid' : methodText) as BinMethod;
  if (!['counts', 'time', 'snapshot', 'obsid'].includes(binMeth)) return 'binMeth must be one of: counts, time, snapshot, obsid.';
  const numberOf = (
    wire: string,
    alias: string,
    fallback: number | undefined,
    rule: { int?: boolean; positive?: boolean } = {},
  ): number | undefined | string => {
    const raw = pick(wire, alias);
    if (raw === undefined || raw === null || raw === '') return fallback;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n)) return `${wire} must be a number, not ${JSON.stringify(raw)}.`;
    if (rule.int && !Number.isInteger(n)) return `${wire} must be a whole number, not ${n}.`;
    if (rule.positive && !(n > 0)) return `${wire} must be greater than 0, not ${n}.`;
    return n;
  };
  const pcCounts = numberOf('pcCounts', 'pccounts', undefined, { int: true, positive: true });
  const wtCounts = numberOf('wtCounts', 'wtcounts', undefined, { int: true, positive: true });
  const pcBin = numberOf('pcBinTime', 'pcbin', 2.51, { positive: true });
  const wtBin = numberOf('wtBinTime', 'wtbin', 0.5, { positive: true });
  const minSig = numberOf('minSig', 'sigmin', 3, { positive: true });
  for (const v of [pcCounts, wtCounts, pcBin, wtBin, minSig]) if (typeof v === 'string') return v;
  const dynamicRaw = pick('dynamic', 'dynamic');
  const dynamic = looseBoolean(dynamicRaw);
  if (binMeth === 'counts') {
    const missing = [
      pcCounts === undefined ? 'pcCounts' : '',
      wtCounts === undefined ? 'wtCounts' : '',
      dynamicRaw === undefined ? 'dynamic' : '',
    ].filter(Boolean);
    if (missing.length > 0) return `binMeth "counts" needs ${missing.join(', ')}.`;
    if (dynamic === undefined) return `dynamic must be true or false, not ${JSON.stringify(dynamicRaw)}.`;
  }
  const allowRaw = pick('allowUL', 'allowUL');
  const allowUL = allowRaw === undefined ? 'both' : scalarText(allowRaw).trim().toLowerCase();
  if (!['no', 'pc', 'wt', 'both'].includes(allowUL)) return `allowUL must be one of no, pc, wt, both, not ${JSON.stringify(allowRaw)}.`;
  const timeRaw = pick('timeFormat', 'lctimetype');
  const timeText = timeRaw === undefined ? 's' : scalarText(timeRaw).trim().toLowerCase();
  if (!['s', 'sec', 'm', 'mjd'].includes(timeText)) return `timeFormat must be s or m, not ${JSON.stringify(timeRaw)}.`;
  const whichRaw = pick('whichData', 'lcobs');
  const which = whichRaw === undefined ? 'all' : scalarText(whichRaw).trim().toLowerCase();
  if (which !== 'all' && which !== 'user') return `whichData must be all or user, not ${JSON.stringify(whichRaw)}.`;
  if (which === 'user' && (pick('useObs', 'uselcobs') ?? '') === '') return 'whichData "user" needs useObs.';
  const lc: LcSpec = {
    binMeth,
    pccounts: (pcCounts as number | undefined) ?? jobLc.pccounts,
    wtcounts: (wtCounts as number | undefined) ?? jobLc.wtcounts,
    pcbin: pcBin as number,
    wtbin: wtBin as number,
    sigmin: minSig as number,
    allowUL: allowUL as ModeChoice,
    timeFormat: timeText.startsWith('m') ? 'MJD' : 'MET',
  };
  return { lc, dynamic: dynamic ?? false };
}

/** A JSON scalar as text; objects and arrays as "" (never a valid value). */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function looseBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

/** `incbad`/`nosys`: yes/no/both, booleans as yes/no; absent → the official client's default. */
function yesNoBoth(value: unknown, fallback: 'yes' | 'no'): string | undefined {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 1 || value === '1') return 'yes';
  if (value === false || value === 0 || value === '0') return 'no';
  const text = scalarText(value).trim().toLowerCase();
  return ['yes', 'no', 'both'].includes(text) ? text : undefined;
}

/**
 * A site-API reply on the wire. The content type is unknown (§16.1); by default the sandbox answers as the
 * product generator on the same server does (`text/html`, a blank line first, a PHP session), and the
 * `rebin-json-content-type` variant as a plain JSON service would.
 */
function wire(body: JsonObject, variants: VariantSet): SandboxResponse {
  const text = jsonText(body);
  if (variants.is(REBIN_VARIANTS.jsonContentType)) return { status: 200, headers: { 'content-type': 'application/json' }, body: text };
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=UTF-8',
      'set-cookie': sessionCookie(),
      'cache-control': 'no-store, no-cache, must-revalidate',
      pragma: 'no-cache',
    },
    body: `\n${text}\n`,
  };
}
