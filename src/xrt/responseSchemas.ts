// zod schemas of every XRT product generator reply (shared/api/xrt-products.md §1.2, §3.10–12).
// Tolerant by design: the service writes numbers as JSON numbers or numeric strings and booleans as
// 0/1, "0"/"1" or true/false (§1), so the parsed output always has real numbers and booleans.
// Unknown keys are dropped, never an error, except where a reply is a map of names the service
// chooses (source-detection bands, light-curve datasets, spectral intervals/modes/models).
import * as z from 'zod';
import { PRODUCT_CODES, type ProductCode } from './products';

// ---------------------------------------------------------------------------------------------
// Tolerant scalars

/** A number from a JSON number or numeric string; `"inf"`/`"-inf"`/`"nan"` as in light-curve SNR columns. */
export function parseNumeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

const numeric = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const n = parseNumeric(value);
  if (n === undefined) {
    ctx.addIssue({ code: 'custom', input: value, message: `expected a number, got "${String(value)}"` });
    return z.NEVER;
  }
  return n;
});

const integer = numeric.refine((n) => Number.isInteger(n), { message: 'expected a whole number' });

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { '0': false, '1': true, true: true, false: false };
const looseBoolean = z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string' && value.trim().toLowerCase() in BOOLEAN_WORDS) return BOOLEAN_WORDS[value.trim().toLowerCase()]!;
  ctx.addIssue({ code: 'custom', input: value, message: `expected 0/1 or true/false, got ${JSON.stringify(value)}` });
  return z.NEVER;
});

/** JobIDs are sent back verbatim, so their type is kept (submit sends strings, status/cancel numbers). */
const jobId = z.union([z.string(), z.number()]);
const apiVersion = z.union([z.string(), z.number()]).transform(String);

export const deprecationWarningSchema = z.object({ type: z.string().optional(), message: z.string().optional() });

/** Keys every reply may carry. `APIVersion` is optional here although PY insists on it: we only warn-log. */
const envelope = {
  OK: integer,
  APIVersion: apiVersion.optional(),
  deprecationWarning: deprecationWarningSchema.optional(),
};
const ENVELOPE_KEYS = new Set(Object.keys(envelope));

// ---------------------------------------------------------------------------------------------
// Errors (OK:0)

export const listErrGroupSchema = z.object({
  label: z.string().default(''),
  list: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
});

export const xrtErrorResponseSchema = z.object({
  ...envelope,
  OK: integer.refine((n) => n === 0, { message: 'an error reply has OK 0' }),
  ERROR: z.string().optional(),
  listErr: z.array(listErrGroupSchema).optional(),
});

// ---------------------------------------------------------------------------------------------
// Submit, old jobs, job counts

const jobPars = z.record(z.string(), z.unknown());

export const submitResponseSchema = z.object({ ...envelope, URL: z.string(), JobID: jobId, jobPars });

export const oldProductResponseSchema = z.object({ ...envelope, oldJob: jobId.optional(), URL: z.string(), jobPars });

export const numJobsResponseSchema = z.object({ ...envelope, numJobs: integer });

export const oldJobSchema = z.object({
  JobID: jobId,
  Name: z.string(),
  DateSubmitted: z.string(),
  LightCurve: looseBoolean.optional(),
  Spectrum: looseBoolean.optional(),
  StandardPos: looseBoolean.optional(),
  EnhancedPos: looseBoolean.optional(),
  AstromPos: looseBoolean.optional(),
  Image: looseBoolean.optional(),
  /** Not documented (§7); read when present. */
  SourceDet: looseBoolean.optional(),
  hasProd: looseBoolean,
});

export const listOldJobsResponseSchema = z.object({ ...envelope, jobs: z.array(oldJobSchema) });

// ---------------------------------------------------------------------------------------------
// Status and cancel

export interface ProgressStep {
  StepLabel: string;
  StepStatus: number;
  StepExtra?: string;
  SubStep?: ProgressStep[];
}

interface ProgressStepInput {
  StepLabel: string;
  StepStatus: number | string;
  StepExtra?: string;
  SubStep?: ProgressStepInput[];
}

export const progressStepSchema: z.ZodType<ProgressStep, ProgressStepInput> = z.lazy(() =>
  z.object({
    StepLabel: z.string(),
    StepStatus: integer,
    StepExtra: z.string().optional(),
    SubStep: z.array(progressStepSchema).optional(),
  }),
);

export const progressSchema = z.object({
  GotProgress: integer,
  TimeRunning: z.string().optional(),
  PreProgress: z.string().optional(),
  ProgressSteps: z.array(progressStepSchema).optional(),
});

export const productStatusSchema = z.object({
  /** `null`: the job does not contain this product. */
  statusCode: z.union([integer, z.null()]),
  statusText: z.string().default(''),
  // Documented as always present; a reply without it is read as "no progress requested".
  progress: progressSchema.default({ GotProgress: 0 }),
});

const productStatuses = Object.fromEntries(PRODUCT_CODES.map((c) => [c, productStatusSchema.optional()])) as Record<ProductCode, z.ZodOptional<typeof productStatusSchema>>;

export const statusResponseSchema = z.object({ ...envelope, JobID: jobId.optional(), ...productStatuses });

export const cancelResponseSchema = z.object({
  ...envelope,
  JobID: jobId.optional(),
  status: z.record(z.string(), z.string()),
  statusCodes: z.record(z.string(), integer),
});

// ---------------------------------------------------------------------------------------------
// Positions and source detection

export const positionResponseSchema = z
  .object({
    ...envelope,
    GotPos: looseBoolean,
    RA: numeric.optional(),
    Dec: numeric.optional(),
    Err90: numeric.optional(),
    FromSXPS: looseBoolean.optional(),
    WhichSXPS: z.string().optional(),
  })
  .superRefine((reply, ctx) => {
    if (!reply.GotPos) return;
    for (const key of ['RA', 'Dec', 'Err90'] as const) {
      if (reply[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a reply with GotPos 1 needs ${key}` });
    }
  });

/** One detected source: column name → value, all as strings (the service's own format; §10). */
export type SourceRow = Record<string, string>;
const sourceRows = z.array(z.record(z.string(), z.union([z.string(), z.number()]).transform(String)));

/** Every top-level key besides the envelope is a band (`Total`, `Soft`, `Medium`, `Hard`). */
export const sourceDetResponseSchema = z
  .object(envelope)
  .loose()
  .transform((reply, ctx) => {
    const bands: Record<string, SourceRow[]> = {};
    for (const [key, value] of Object.entries(reply)) {
      if (ENVELOPE_KEYS.has(key)) continue;
      const rows = sourceRows.safeParse(value);
      if (rows.success) bands[key] = rows.data;
      else for (const issue of rows.error.issues) ctx.addIssue({ code: 'custom', path: [key, ...issue.path.map(pathPart)], message: issue.message });
    }
    return { OK: reply.OK, APIVersion: reply.APIVersion, deprecationWarning: reply.deprecationWarning, bands };
  });

// ---------------------------------------------------------------------------------------------
// Light-curve data

/** Columns that hold identifiers, not quantities (PY casts every other column to float). */
const TEXT_COLUMNS = new Set(['ObsID', 'URL']);

export interface LcDataset {
  columns: string[];
  /** One row per bin; numbers, except the text columns `ObsID` (11-digit string) and `URL`. */
  data: (number | string)[][];
  URL?: string;
}

const lcDatasetWire = z.object({
  columns: z.array(z.string()),
  data: z.array(z.array(z.union([z.number(), z.string(), z.null()]))),
  URL: z.string().optional(),
});

function normaliseObsId(value: number | string): string {
  const text = String(value).replace(/^::ObsID=/, '').trim();
  return /^\d+$/.test(text) ? text.padStart(11, '0') : text;
}

/** Converts one dataset's cells; reports bad cells with their row/column path. */
function readDataset(raw: z.infer<typeof lcDatasetWire>, key: string, ctx: z.RefinementCtx): LcDataset {
  const data = raw.data.map((row, r) => {
    if (row.length !== raw.columns.length) ctx.addIssue({ code: 'custom', path: [key, 'data', r], message: `row has ${row.length} values for ${raw.columns.length} columns` });
    return row.map((cell, c) => {
      const column = raw.columns[c] ?? '';
      // null is read as "no value" (NaN) so one blank cell does not discard a whole light curve.
      if (cell === null) return TEXT_COLUMNS.has(column) ? '' : Number.NaN;
      if (column === 'ObsID') return normaliseObsId(cell);
      if (TEXT_COLUMNS.has(column)) return String(cell);
      const n = parseNumeric(cell);
      if (n === undefined) {
        ctx.addIssue({ code: 'custom', path: [key, 'data', r, c], message: `${column}: expected a number, got "${String(cell)}"` });
        return Number.NaN;
      }
      return n;
    });
  });
  return raw.URL === undefined ? { columns: raw.columns, data } : { columns: raw.columns, data, URL: raw.URL };
}

export const lcDataResponseSchema = z
  .object({
    ...envelope,
    Datasets: z.array(z.string()),
    Binning: z.string().optional(),
    TimeFormat: z.string().optional(),
    T0: numeric.optional(),
  })
  .loose()
  .transform((reply, ctx) => {
    const datasets: Record<string, LcDataset> = {};
    for (const name of reply.Datasets) {
      const key = `${name}Data`;
      const raw = lcDatasetWire.safeParse(reply[key]);
      if (!raw.success) {
        const found = reply[key] === undefined ? `no "${key}" object` : `"${key}" is malformed`;
        ctx.addIssue({ code: 'custom', path: [key], message: `dataset ${name} is listed in Datasets but there is ${found}` });
        continue;
      }
      datasets[name] = readDataset(raw.data, key, ctx);
    }
    return {
      OK: reply.OK,
      APIVersion: reply.APIVersion,
      deprecationWarning: reply.deprecationWarning,
      Datasets: reply.Datasets,
      datasets,
      Binning: reply.Binning,
      TimeFormat: reply.TimeFormat,
      T0: reply.T0,
    };
  });

// ---------------------------------------------------------------------------------------------
// Spectral fits

/**
 * `NOSPEC`, `NOFIT`, `NoSpectrum`: the value is undocumented, "presence is what matters" (§12). We
 * read presence as set unless the value is explicitly false-like (0, "0", false, null), which is the
 * only reading under which a service that ever sent `NOFIT: 0` would still be understood.
 */
function flagSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== 0 && value !== '0' && value !== false;
}

export interface SpecModelFit {
  /** Model key as sent (`PowerLaw`, `APEC`, …). */
  name: string;
  /** The fit failed (`NOFIT` on the model). */
  fitFailed: boolean;
  /** Numeric results (`NH`, `Gamma`, `ObsFlux`, …, `Cstat`, `Dof`). A temperature is always `KT`/`KTPos`/`KTNeg`, whether sent as `kT` or `KT` (§17 D14). */
  params: Record<string, number>;
  /** Non-numeric values other than `Image`, kept as sent. */
  text: Record<string, string>;
  /** URL of the fit plot. */
  Image?: string;
}

export interface SpecMode {
  mode: string;
  MeanTime?: number;
  Exposure?: number;
  /** Fitting was not requested (`NOFIT` on the mode). */
  notFitted: boolean;
  models: SpecModelFit[];
}

export interface SpecInterval {
  name: string;
  DataFile?: string;
  Start?: number;
  Stop?: number;
  /** No spectrum could be made for this interval (`NOSPEC`). */
  noSpectrum: boolean;
  modes: SpecMode[];
}

const MODEL_META_KEYS = new Set(['Image', 'NOFIT']);

function readModel(name: string, raw: unknown, path: (string | number)[], ctx: z.RefinementCtx): SpecModelFit | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', path, message: `model ${name} is listed in Models but its results are missing` });
    return undefined;
  }
  const fit: SpecModelFit = { name, fitFailed: flagSet((raw as Record<string, unknown>).NOFIT), params: {}, text: {} };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'Image' && typeof value === 'string') fit.Image = value;
    if (MODEL_META_KEYS.has(key)) continue;
    const n = parseNumeric(value);
    if (n !== undefined) fit.params[key.replace(/^kT/, 'KT')] = n;
    else if (typeof value === 'string') fit.text[key] = value;
  }
  return fit;
}

const stringList = z.array(z.string());
const optionalNumber = (value: unknown): number | undefined => (value === undefined ? undefined : parseNumeric(value));

function readMode(mode: string, raw: unknown, path: (string | number)[], ctx: z.RefinementCtx): SpecMode | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', path, message: `mode ${mode} is listed in Modes but its object is missing` });
    return undefined;
  }
  const body = raw as Record<string, unknown>;
  const models = body.Models === undefined ? [] : stringList.safeParse(body.Models);
  if (!Array.isArray(models) && !models.success) {
    ctx.addIssue({ code: 'custom', path: [...path, 'Models'], message: 'Models must be a list of model names' });
    return undefined;
  }
  const names = Array.isArray(models) ? models : models.data;
  return {
    mode,
    MeanTime: optionalNumber(body.MeanTime),
    Exposure: optionalNumber(body.Exposure),
    notFitted: flagSet(body.NOFIT),
    models: names.flatMap((name) => readModel(name, body[name], [...path, name], ctx) ?? []),
  };
}

function readInterval(name: string, raw: unknown, ctx: z.RefinementCtx): SpecInterval | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `interval ${name} is listed in rnames but its object is missing` });
    return undefined;
  }
  const body = raw as Record<string, unknown>;
  const modes = body.Modes === undefined ? [] : stringList.safeParse(body.Modes);
  if (!Array.isArray(modes) && !modes.success) {
    ctx.addIssue({ code: 'custom', path: [name, 'Modes'], message: 'Modes must be a list such as ["WT","PC"]' });
    return undefined;
  }
  const modeNames = Array.isArray(modes) ? modes : modes.data;
  return {
    name,
    DataFile: typeof body.DataFile === 'string' ? body.DataFile : undefined,
    Start: optionalNumber(body.Start),
    Stop: optionalNumber(body.Stop),
    noSpectrum: flagSet(body.NOSPEC),
    modes: modeNames.flatMap((mode) => readMode(mode, body[mode], [name, mode], ctx) ?? []),
  };
}

export type SpecData =
  | { noSpectrum: true }
  | { noSpectrum: false; T0?: number; DeltaFitStat?: number; GalNH_unfitted?: number; intervals: SpecInterval[] };

export const specDataResponseSchema = z
  .object({
    ...envelope,
    NoSpectrum: z.unknown().optional(),
    T0: numeric.optional(),
    DeltaFitStat: numeric.optional(),
    GalNH_unfitted: numeric.optional(),
    rnames: stringList.optional(),
  })
  .loose()
  .transform((reply, ctx) => {
    const head = { OK: reply.OK, APIVersion: reply.APIVersion, deprecationWarning: reply.deprecationWarning };
    if (flagSet(reply.NoSpectrum)) return { ...head, spectra: { noSpectrum: true } as SpecData };
    if (reply.rnames === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rnames'], message: 'a spectrum reply needs rnames (or NoSpectrum)' });
      return z.NEVER;
    }
    const intervals = reply.rnames.flatMap((name) => readInterval(name, reply[name], ctx) ?? []);
    const spectra: SpecData = { noSpectrum: false, T0: reply.T0, DeltaFitStat: reply.DeltaFitStat, GalNH_unfitted: reply.GalNH_unfitted, intervals };
    return { ...head, spectra };
  });

// ---------------------------------------------------------------------------------------------
// Inferred types

export type XrtErrorResponse = z.output<typeof xrtErrorResponseSchema>;
export type ListErrGroup = z.output<typeof listErrGroupSchema>;
export type SubmitResponse = z.output<typeof submitResponseSchema>;
export type OldProductResponse = z.output<typeof oldProductResponseSchema>;
export type NumJobsResponse = z.output<typeof numJobsResponseSchema>;
export type OldJob = z.output<typeof oldJobSchema>;
export type ListOldJobsResponse = z.output<typeof listOldJobsResponseSchema>;
export type Progress = z.output<typeof progressSchema>;
export type ProductStatus = z.output<typeof productStatusSchema>;
export type StatusResponse = z.output<typeof statusResponseSchema>;
export type CancelResponse = z.output<typeof cancelResponseSchema>;
export type PositionResponse = z.output<typeof positionResponseSchema>;
export type SourceDetResponse = z.output<typeof sourceDetResponseSchema>;
export type LcDataResponse = z.output<typeof lcDataResponseSchema>;
export type SpecDataResponse = z.output<typeof specDataResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Reading a reply

export type XrtParseResult<T> = { ok: true; value: T } | { ok: false; error: string; listErr?: ListErrGroup[] };

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'symbol' ? String(part) : part;
}

/**
 * Reads a reply: first the service's own refusal (OK 0, with its text and `listErr`), then the
 * endpoint's shape. Never throws; the error names the first offending paths.
 */
export function parseXrtResponse<S extends z.ZodType>(schema: S, body: unknown): XrtParseResult<z.output<S>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: 'The reply is not a JSON object.' };
  const reply = body as Record<string, unknown>;
  if (!('OK' in reply)) return { ok: false, error: 'The reply has no OK field; the base URL may not point at the XRT product generator.' };
  if (parseNumeric(reply.OK) === 0) {
    const refusal = xrtErrorResponseSchema.safeParse(reply);
    const error = typeof reply.ERROR === 'string' && reply.ERROR.trim() !== '' ? reply.ERROR.trim() : 'The service refused the request without giving a reason.';
    return refusal.success && refusal.data.listErr ? { ok: false, error, listErr: refusal.data.listErr } : { ok: false, error };
  }
  const parsed = schema.safeParse(reply);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(pathPart).join('.') || '(top level)'}: ${i.message}`);
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  return { ok: false, error: `The reply does not have the documented shape: ${issues.join('; ')}${more}.` };
}
