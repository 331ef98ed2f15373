// The JSON endpoints (test/fixtures/protocol/xrt-products.md §3–§12; D identifiers: its §17). Each
// handler gets the parsed body and answers HTTP 200 JSON, `OK:0` with an `ERROR` for every application
// error, as the real service does.
import type { SandboxResponse } from '../types';
import { CANCEL_TEXT, REGISTERED_USERS, STATUS_TEXT, TEXT, isProductCode, type ProductCode } from './constants';
import { isActive, stateOf, type Job, type JobStore } from './jobs';
import { lightCurve, variantsFor } from './lightCurve';
import { snapshots } from './observations';
import { astrometricPosition, enhancedPosition, positionFields, standardPosition } from './positions';
import { progressTree, type ProgressFacts } from './progress';
import type { JsonObject } from './replies';
import type { Responder } from './responder';
import { sourceLists } from './sourceList';
import { spectrumIntervals, specData } from './spectra';
import { validateSubmission } from './submission';
import { hms, sqlDate } from './time';
import { isTerminal } from './timeline';
import { XRT_VARIANTS, legacyEcho } from './wire';

export interface ApiState {
  readonly store: JobStore;
  nowMs(): number;
  readonly durationMs: number;
  readonly strictPoserrRange: boolean;
  readonly maxActiveJobs: number;
  jobUrl(id: number): string;
}

type Handler = (state: ApiState, body: JsonObject, out: Responder) => SandboxResponse;

const LONG_NAME: Record<ProductCode, string> = {
  lc: 'light curve',
  spec: 'spectrum',
  psf: 'standard position',
  enh: 'enhanced position',
  xastrom: 'astrometric position',
  image: 'image',
  sourceDet: 'source detection',
};

/** The registered user making the call, or the error reply. */
function user(body: JsonObject, out: Responder): string | SandboxResponse {
  const id = body.UserID;
  if (typeof id !== 'string' || id.trim() === '') return out.error(TEXT.noUser);
  if (!REGISTERED_USERS.includes(id)) return out.error(TEXT.userUnknown(id));
  return id;
}

function ownedJob(state: ApiState, body: JsonObject, out: Responder, key = 'JobID'): { job: Job; user: string } | SandboxResponse {
  const who = user(body, out);
  if (typeof who !== 'string') return who;
  const raw = body[key];
  if (raw === undefined || raw === null || raw === '') return out.error(TEXT.noJobId);
  // A list or an object is no job ID: its JSON text is what the error message echoes.
  const text = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw).trim() : JSON.stringify(raw);
  const job = /^\d+$/.test(text) ? state.store.get(Number(text)) : undefined;
  if (!job) return out.error(TEXT.jobUnknown(text));
  if (job.owner !== who) return out.error(TEXT.notOwner(text, who));
  return { job, user: who };
}

function isReply(value: unknown): value is SandboxResponse {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** Product codes from `what`/`whatProg`: a comma string (an array is tolerated). */
function productList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(items.map((s) => s.trim()).filter((s) => s !== ''))];
}

/** The product's final state, or the error reply explaining why its data are not available. */
function finishedProduct(state: ApiState, job: Job, product: ProductCode, out: Responder): 4 | -3 | SandboxResponse {
  const name = LONG_NAME[product];
  if (!job.spec.products.includes(product)) return out.error(`Job ${job.id} did not include a ${name}.`);
  if (!job.hasProd) return out.error(`The products of job ${job.id} have expired and been deleted.`);
  const s = stateOf(job, product, state.nowMs());
  if (s.code === -4) return out.error(`The ${name} of job ${job.id} was cancelled.`);
  if (!isTerminal(s.code)) return out.error(`The ${name} of job ${job.id} is not complete yet (status: ${STATUS_TEXT[String(s.code)]}).`);
  return s.code === 4 ? 4 : -3;
}

const submit: Handler = (state, body, out) => {
  const who = user(body, out);
  if (typeof who !== 'string') return who;
  const now = state.nowMs();
  const active = state.store.ownedBy(who).filter((j) => isActive(j, now)).length;
  if (active >= state.maxActiveJobs) {
    return out.error(
      `You already have ${active} jobs queued or running, the most allowed; please wait for some to finish before submitting more.`,
    );
  }
  const outcome = validateSubmission(body, { strictPoserrRange: state.strictPoserrRange });
  if (!outcome.ok) return out.error(outcome.message, outcome.listErr);
  const jobPars = out.variants?.is(XRT_VARIANTS.legacyEcho) ? legacyEcho(outcome.jobPars) : outcome.jobPars;
  const job = state.store.add(who, outcome.spec, jobPars, now, state.durationMs);
  return out.ok({ URL: state.jobUrl(job.id), JobID: String(job.id), jobPars: job.jobPars });
};

function progressFacts(job: Job): ProgressFacts {
  const id = String(job.id);
  return {
    observations: snapshots(id, job.spec).length,
    spectra: job.spec.spec ? spectrumIntervals(id, job.spec).map((i) => i.rname) : [],
  };
}

const status: Handler = (state, body, out) => {
  const found = ownedJob(state, body, out);
  if (isReply(found)) return found;
  const { job } = found;
  const now = state.nowMs();
  // Without `what` the sandbox reports every product of the job (tolerant; the real rule is unknown).
  const what = body.what === undefined ? [...job.spec.products] : productList(body.what);
  const withProgress = new Set(productList(body.whatProg));
  const reply: JsonObject = {};
  let facts: ProgressFacts | undefined;
  for (const code of what) {
    if (!isProductCode(code) || !job.spec.products.includes(code)) {
      reply[code] = { statusCode: null, statusText: 'Unknown status', progress: { GotProgress: 0 } };
      continue;
    }
    const s = stateOf(job, code, now);
    let progress: JsonObject = { GotProgress: 0 };
    if (withProgress.has(code) && !isTerminal(s.code)) {
      if (s.code === 3 && s.fraction !== undefined && s.runningSinceMs !== undefined) {
        facts ??= progressFacts(job);
        progress = { GotProgress: 1, ...progressTree(code, s.fraction, facts), TimeRunning: hms(now - s.runningSinceMs) };
      } else {
        progress = { GotProgress: 2 };
      }
    }
    reply[code] = { statusCode: s.code, statusText: STATUS_TEXT[String(s.code)], progress };
  }
  return out.ok({ ...reply, JobID: job.id });
};

const cancel: Handler = (state, body, out) => {
  const found = ownedJob(state, body, out);
  if (isReply(found)) return found;
  const { job } = found;
  const what = productList(body.what);
  if (what.length === 0) return out.error('No products were given to cancel (the `what` parameter).');
  const now = state.nowMs();
  const texts: Record<string, string> = {};
  const codes: Record<string, number> = {};
  for (const code of what) {
    let result: number;
    if (!isProductCode(code) || !job.spec.products.includes(code)) result = 2;
    else if (job.forcedCancelCodes.has(code)) {
      result = job.forcedCancelCodes.get(code) ?? 3;
      job.forcedCancelCodes.delete(code);
    } else if (isTerminal(stateOf(job, code, now).code)) result = 1;
    else {
      job.cancelledAt.set(code, now);
      result = 0;
    }
    texts[code] = CANCEL_TEXT[result];
    codes[code] = result;
  }
  const allCancelled = Object.values(codes).every((c) => c === 0);
  return out.ok({ JobID: job.id, status: texts, statusCodes: codes }, allCancelled ? 1 : 2);
};

const numJobs: Handler = (state, body, out) => {
  const who = user(body, out);
  if (typeof who !== 'string') return who;
  const now = state.nowMs();
  return out.ok({ numJobs: state.store.ownedBy(who).filter((j) => isActive(j, now)).length });
};

const listOldJobs: Handler = (state, body, out) => {
  const who = user(body, out);
  if (typeof who !== 'string') return who;
  const jobs = state.store.ownedBy(who).map((j) => ({
    JobID: j.id,
    Name: j.spec.name,
    DateSubmitted: sqlDate(j.submittedMs),
    LightCurve: j.spec.requested.includes('lc'),
    Spectrum: j.spec.requested.includes('spec'),
    StandardPos: j.spec.requested.includes('psf'),
    EnhancedPos: j.spec.requested.includes('enh'),
    AstromPos: j.spec.requested.includes('xastrom'),
    Image: j.spec.requested.includes('image'),
    hasProd: j.hasProd,
  }));
  return out.ok({ jobs });
};

const getOldProduct: Handler = (state, body, out) => {
  // The documented key is `oldJob`; `JobID` is accepted as well (tolerant).
  const key = body.oldJob !== undefined ? 'oldJob' : 'JobID';
  const found = ownedJob(state, body, out, key);
  if (isReply(found)) return found;
  return out.ok({ oldJob: body[key], jobPars: found.job.jobPars, URL: state.jobUrl(found.job.id) });
};

function positionHandler(product: 'psf' | 'enh' | 'xastrom'): Handler {
  return (state, body, out) => {
    const found = ownedJob(state, body, out);
    if (isReply(found)) return found;
    const { job } = found;
    const finished = finishedProduct(state, job, product, out);
    if (isReply(finished)) return finished;
    if (finished === -3) return out.ok({ GotPos: 0 });
    const id = String(job.id);
    const pos =
      product === 'psf'
        ? standardPosition(id, job.spec)
        : product === 'enh'
          ? enhancedPosition(id, job.spec)
          : astrometricPosition(id, job.spec);
    return out.ok(positionFields(pos, product !== 'enh'));
  };
}

function failedProductError(job: Job, product: ProductCode, out: Responder): SandboxResponse {
  return out.error(`The ${LONG_NAME[product]} of job ${job.id} failed: no product was created.`);
}

const sourceDetResults: Handler = (state, body, out) => {
  const found = ownedJob(state, body, out);
  if (isReply(found)) return found;
  const finished = finishedProduct(state, found.job, 'sourceDet', out);
  if (isReply(finished)) return finished;
  if (finished === -3) return failedProductError(found.job, 'sourceDet', out);
  return out.ok(sourceLists(String(found.job.id), found.job.spec));
};

function yesNoBoth(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || value === false || value === 0 || value === '0') return 'no';
  if (value === true || value === 1 || value === '1') return 'yes';
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().toLowerCase();
  return ['yes', 'no', 'both'].includes(text) ? text : undefined;
}

const lcData: Handler = (state, body, out) => {
  const found = ownedJob(state, body, out);
  if (isReply(found)) return found;
  const { job } = found;
  const nosys = yesNoBoth(body.nosys);
  const incbad = yesNoBoth(body.incbad);
  if (!nosys) return out.error(`nosys is ${String(body.nosys)}, but must be one of yes, no, both`);
  if (!incbad) return out.error(`incbad is ${String(body.incbad)}, but must be one of yes, no, both`);
  const finished = finishedProduct(state, job, 'lc', out);
  if (isReply(finished)) return finished;
  if (finished === -3) return failedProductError(job, 'lc', out);
  const curve = lightCurve(String(job.id), job.spec, { nosys: variantsFor(nosys), incbad: variantsFor(incbad) });
  const reply: JsonObject = { Datasets: curve.datasets.map((d) => d.name) };
  for (const ds of curve.datasets)
    reply[`${ds.name}Data`] = { columns: ds.columns, data: ds.data, URL: `${state.jobUrl(job.id)}/lc/${ds.file}` };
  return out.ok({ ...reply, Binning: curve.binning, TimeFormat: curve.timeFormat, T0: curve.t0 });
};

const specDataHandler: Handler = (state, body, out) => {
  const found = ownedJob(state, body, out);
  if (isReply(found)) return found;
  const finished = finishedProduct(state, found.job, 'spec', out);
  if (isReply(finished)) return finished;
  if (finished === -3) return failedProductError(found.job, 'spec', out);
  return out.ok(specData(String(found.job.id), found.job.spec, state.jobUrl(found.job.id)));
};

/** API paths (below `/user_objects`) and their handlers. */
export const API_ROUTES: Readonly<Record<string, Handler>> = {
  '/run_userobject.php': submit,
  '/checkProductStatus.php': status,
  '/canceljob.php': cancel,
  '/getNumJobs.php': numJobs,
  '/listOldJobs.php': listOldJobs,
  '/getOldProduct.php': getOldProduct,
  '/tprods/getPSFPos.php': positionHandler('psf'),
  '/tprods/getEnhPos.php': positionHandler('enh'),
  '/tprods/getAstromPos.php': positionHandler('xastrom'),
  // §17 D1: the legacy name is still served.
  '/tprods/getXastromPos.php': positionHandler('xastrom'),
  '/tprods/getSourceDetResults.php': sourceDetResults,
  '/tprods/getLCData.php': lcData,
  '/tprods/getSpecData.php': specDataHandler,
};
