// What a query command was started from: a TOO request, an XRT job or a plain argument
// `{ name?, ra?, dec?, tooId?, obsId? }`. The values pre-fill the inputs; the user can change them.

export interface QueryPrefill {
  readonly name?: string;
  readonly ra?: number;
  readonly dec?: number;
  readonly tooId?: number;
  readonly obsId?: string;
}

/** An XRT job as the query commands need it (name and the parameters the service echoed). */
export interface XrtJobLike {
  readonly name?: string;
  readonly jobPars?: Readonly<Record<string, unknown>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstNumber(sources: readonly Record<string, unknown>[], keys: readonly string[]): number | undefined {
  for (const source of sources) {
    for (const key of keys) {
      const v = source[key];
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isFinite(n)) return n;
    }
  }
  return undefined;
}

function firstText(sources: readonly Record<string, unknown>[], keys: readonly string[]): string | undefined {
  for (const source of sources) {
    for (const key of keys) {
      const v = source[key];
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return undefined;
}

/**
 * Reads a command argument. Besides the documented keys it understands TOO records (`target_name`,
 * `too_id`, `obs_id`), XRT jobs (`jobPars.RA`/`Dec`/`name`) and XRT tree nodes (`{kind:'job', jobId}`,
 * looked up with `lookupXrtJob`). Anything else gives an empty prefill, never an error: a command
 * started from an unexpected place still works, it just asks for everything.
 */
export function prefillFrom(arg: unknown, lookupXrtJob?: (jobId: string) => XrtJobLike | undefined): QueryPrefill {
  if (!isRecord(arg)) return {};
  let job: XrtJobLike | undefined;
  if (arg.kind === 'job' && typeof arg.jobId === 'string') job = lookupXrtJob?.(arg.jobId);
  else if (isRecord(arg.jobPars)) job = arg as XrtJobLike;
  const sources = [
    arg,
    ...(isRecord(arg.record) ? [arg.record] : []),
    ...(job?.jobPars ? [job.jobPars] : []),
    ...(job ? [job as Record<string, unknown>] : []),
  ];
  const ra = firstNumber(sources, ['ra', 'RA', 'ra_object']);
  const dec = firstNumber(sources, ['dec', 'Dec', 'DEC', 'dec_object']);
  const tooId = firstNumber(sources, ['tooId', 'too_id']);
  const obsId = firstText(sources, ['obsId', 'obs_id']);
  const name = firstText(sources, ['name', 'target_name', 'targetName']);
  const validPosition = ra !== undefined && dec !== undefined && ra >= 0 && ra <= 360 && dec >= -90 && dec <= 90;
  return {
    ...(name ? { name } : {}),
    ...(validPosition ? { ra, dec } : {}),
    ...(tooId !== undefined && Number.isInteger(tooId) && tooId >= 0 ? { tooId } : {}),
    ...(obsId && /^\d{1,11}$/.test(obsId) ? { obsId: obsId.padStart(11, '0') } : {}),
  };
}

/** A programmatic call: `{ params: {...} }` runs the query without asking anything. */
export function programmaticParams(arg: unknown): { params: Record<string, unknown>; label?: string } | undefined {
  if (!isRecord(arg) || !isRecord(arg.params)) return undefined;
  return { params: arg.params, ...(typeof arg.label === 'string' ? { label: arg.label } : {}) };
}
