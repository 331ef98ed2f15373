// zod schemas of every XRT product generator reply (XRT product generator API docs: envelope, submit,
// status, old jobs, positions, source lists, light-curve and spectral data).
// Section numbers (§) and D identifiers refer to test/fixtures/protocol/xrt-products.md (D: its §17).
// As lenient as the official client (xrt_prods), which reads whatever JSON it gets: numbers come as JSON
// numbers or numeric strings, booleans as 0/1, "0"/"1", true/false or "true"/"false", and every field
// the extension does not strictly need may be missing, `null` or `""`. One odd record in a list (an old
// job, a dataset row, a detected source, a spectral interval) is skipped and named in `skipped`, so the
// caller can log it and tell the user; it never costs the whole reply.
// Unknown keys are dropped, never an error, except where a reply is a map of names the service
// chooses (source-detection bands, light-curve datasets, spectral intervals/modes/models).
// Every schema here is built on its first use (`z.lazy`), not when the module loads: loading the
// features (the first command, a view drawn) must not pay for building the replies' schemas.
import * as z from 'zod';
import { PRODUCT_CODES, StatusCode, isProductCode, statusLabel, type ProductCode } from './productCodes';

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

/** `null`, `undefined` and blank strings: what the service sends for "no value". */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A required number (JSON number or numeric string). */
const numeric = z.lazy(() =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const n = parseNumeric(value);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', input: value, message: `expected a number, got "${String(value)}"` });
      return z.NEVER;
    }
    return n;
  }),
);

const integer = z.lazy(() => numeric.refine((n) => Number.isInteger(n), { message: 'expected a whole number' }));

/**
 * A number the extension can do without: missing, `null`, `""` or unreadable all read as undefined
 * (xrt_prods never checks such fields, so neither do we).
 */
const optionalNumeric = z.lazy(() =>
  z
    .unknown()
    .optional()
    .transform((value) => (isBlank(value) ? undefined : parseNumeric(value))),
);

/** Text the extension can do without: `null` and `""` read as undefined; numbers become their text. */
const optionalText = z.lazy(() =>
  z
    .unknown()
    .optional()
    .transform((value) =>
      isBlank(value)
        ? undefined
        : typeof value === 'string'
          ? value
          : typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : undefined,
    ),
);

/** Text shown as is when present: `null`, a number or a missing value read as "" (never an error). */
const textOrEmpty = z.lazy(() => optionalText.transform((value) => value ?? ''));

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { '0': false, '1': true, true: true, false: false };

/** A boolean from true/false, 0/1, "0"/"1" or "true"/"false"; undefined for anything else. */
function parseLooseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string') return BOOLEAN_WORDS[value.trim().toLowerCase()];
  return undefined;
}

const looseBoolean = z.lazy(() =>
  z.union([z.boolean(), z.number(), z.string()]).transform((value, ctx) => {
    const b = parseLooseBoolean(value);
    if (b !== undefined) return b;
    ctx.addIssue({ code: 'custom', input: value, message: `expected 0/1 or true/false, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }),
);

/** A flag the extension can do without: missing, `null` or `""` read as undefined. */
const optionalBoolean = z.lazy(() =>
  z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (isBlank(value)) return undefined;
      const b = parseLooseBoolean(value);
      if (b === undefined) {
        ctx.addIssue({ code: 'custom', input: value, message: `expected 0/1 or true/false, got ${JSON.stringify(value)}` });
        return z.NEVER;
      }
      return b;
    }),
);

/** JobIDs are sent back verbatim, so their type is kept (submit sends strings, status/cancel numbers). */
const jobId = z.lazy(() => z.union([z.string(), z.number()]));
/** A JobID that is evidence of a job: a non-blank string or a number. */
const requiredJobId = z.lazy(() => jobId.refine((id) => !isBlank(id), { message: 'the JobID is empty' }));
const apiVersion = z.lazy(() => z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? undefined : String(v))));

/**
 * Reads a list record by record: a record the schema refuses is left out and described in `skipped`
 * (with its position and the first reason), so one odd record never costs the whole list.
 */
function readLenientList<S extends z.ZodType>(
  items: readonly unknown[],
  schema: S,
  what: string,
): { items: z.output<S>[]; skipped: string[] } {
  const out: z.output<S>[] = [];
  const skipped: string[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
    else skipped.push(`${what} ${index + 1} was skipped: ${describeIssue(parsed.error.issues[0])}`);
  });
  return { items: out, skipped };
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'symbol' ? String(part) : part;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'it could not be read';
  const where = issue.path.map(pathPart).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

const deprecationWarningSchema = z.lazy(() => z.object({ type: z.string().optional(), message: z.string().optional() }));

/**
 * Keys every reply may carry, for each reply schema as it is built. `APIVersion` is optional here
 * although xrt_prods insists on it: we only log it. A malformed `deprecationWarning` is dropped rather
 * than failing the reply it rides on.
 */
function envelope() {
  return {
    // xrt_prods only compares OK with 0, so a JSON boolean is read as 1/0 too.
    OK: z.union([integer, z.boolean().transform(Number)]),
    APIVersion: apiVersion.optional(),
    deprecationWarning: z
      .unknown()
      .optional()
      .transform((v) => {
        const parsed = deprecationWarningSchema.safeParse(v);
        return parsed.success ? parsed.data : undefined;
      }),
  };
}
let envelopeKeys: ReadonlySet<string> | undefined;

// ---------------------------------------------------------------------------------------------
// Errors (OK:0)

/**
 * One `listErr` group of a refusal (§1.2): a label and the parameters it names. The client reads
 * refusals field by field (src/xrt/client.ts), as leniently as xrt_prods, rather than with a schema.
 */
export interface ListErrGroup {
  label: string;
  list: string[];
}

// ---------------------------------------------------------------------------------------------
// Submit, old jobs, job counts

const url = z.lazy(() => z.string().refine((u) => u.trim() !== '', { message: 'the URL is empty' }));
/** `jobPars` is an echo the extension only keeps; a missing or odd one is read as empty. */
const lenientJobPars = z.lazy(() =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {})),
);

/** A submission succeeded only with the service's evidence: its JobID (and the URL of its products). */
export const submitResponseSchema = z.lazy(() => z.object({ ...envelope(), URL: url, JobID: requiredJobId, jobPars: lenientJobPars }));

/** The URL is what an import needs; `jobPars` only completes the product list and the request copy. */
export const oldProductResponseSchema = z.lazy(() =>
  z.object({ ...envelope(), oldJob: jobId.optional(), URL: url, jobPars: lenientJobPars }),
);

export const numJobsResponseSchema = z.lazy(() => z.object({ ...envelope(), numJobs: integer }));

const oldJobSchema = z.lazy(() =>
  z.object({
    JobID: requiredJobId,
    Name: textOrEmpty,
    DateSubmitted: optionalText,
    LightCurve: optionalBoolean,
    Spectrum: optionalBoolean,
    StandardPos: optionalBoolean,
    EnhancedPos: optionalBoolean,
    AstromPos: optionalBoolean,
    Image: optionalBoolean,
    /** Not documented; read when present. */
    SourceDet: optionalBoolean,
    /** Missing or blank: unknown, read as "still there" so the job is offered (the service says so on fetch). */
    hasProd: optionalBoolean.transform((v) => v ?? true),
  }),
);

export const listOldJobsResponseSchema = z.lazy(() =>
  z.object({ ...envelope(), jobs: z.array(z.unknown()) }).transform((reply) => {
    const { items, skipped } = readLenientList(reply.jobs, oldJobSchema, 'Job record');
    return { OK: reply.OK, APIVersion: reply.APIVersion, deprecationWarning: reply.deprecationWarning, jobs: items, skipped };
  }),
);

// ---------------------------------------------------------------------------------------------
// Status and cancel

export interface ProgressStep {
  StepLabel: string;
  StepStatus: number;
  StepExtra?: string;
  SubStep?: ProgressStep[];
}

/** Progress is decoration: a step that cannot be read is left out, never the product's status. */
function readSteps(value: unknown): ProgressStep[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((raw): ProgressStep[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const step = raw as Record<string, unknown>;
    const status = parseNumeric(step.StepStatus);
    if (status === undefined || !Number.isInteger(status)) return [];
    const label = optionalText.parse(step.StepLabel) ?? '';
    const extra = optionalText.parse(step.StepExtra);
    const sub = readSteps(step.SubStep);
    return [
      { StepLabel: label, StepStatus: status, ...(extra !== undefined ? { StepExtra: extra } : {}), ...(sub ? { SubStep: sub } : {}) },
    ];
  });
}

/**
 * A product's progress report as read (the status reply's `progress`); also what a job record keeps of
 * it (src/xrt/jobs/jobRecord.ts), so every reader gets this one type.
 */
export interface Progress {
  /** 0 not requested (or finished), 1 returned, 2 unavailable; anything unreadable reads as 0. */
  GotProgress: number;
  /** `HH:MM:SS` since the job started executing. */
  TimeRunning?: string;
  /** Text shown before the steps; may hold HTML. */
  PreProgress?: string;
  ProgressSteps?: ProgressStep[];
}

export const progressSchema = z.lazy(
  () =>
    z.object({
      // Missing or blank: no progress was returned.
      GotProgress: optionalNumeric.transform((n) => (n !== undefined && Number.isInteger(n) ? n : 0)),
      TimeRunning: optionalText,
      PreProgress: optionalText,
      ProgressSteps: z.unknown().optional().transform(readSteps),
    }) satisfies z.ZodType<Progress, unknown>,
);

const productStatusSchema = z.lazy(() =>
  z.object({
    /** `null` (or blank): the job does not contain this product. */
    statusCode: z
      .union([integer, z.null(), z.literal('')])
      .optional()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    statusText: textOrEmpty,
    // Documented as always present; a reply without it (or with null) is read as "no progress requested".
    progress: z
      .unknown()
      .optional()
      .transform((v) => {
        const parsed = progressSchema.safeParse(typeof v === 'object' && v !== null ? v : {});
        const none: z.output<typeof progressSchema> = {
          GotProgress: 0,
          TimeRunning: undefined,
          PreProgress: undefined,
          ProgressSteps: undefined,
        };
        return parsed.success ? parsed.data : none;
      }),
  }),
);

function productStatuses(): Record<ProductCode, z.ZodOptional<typeof productStatusSchema>> {
  return Object.fromEntries(PRODUCT_CODES.map((c) => [c, productStatusSchema.optional()])) as Record<
    ProductCode,
    z.ZodOptional<typeof productStatusSchema>
  >;
}

export const statusResponseSchema = z.lazy(() => z.object({ ...envelope(), JobID: jobId.optional(), ...productStatuses() }));

/** A product the status reply leaves out, read as xrt_prods does (its own code, §4.2): terminal, so never asked again. */
let notReportedStatus: ProductStatus | undefined;
function notReported(): ProductStatus {
  notReportedStatus ??= productStatusSchema.parse({ statusCode: StatusCode.NotReported, statusText: statusLabel(StatusCode.NotReported) });
  return notReportedStatus;
}

/**
 * What a status reply says of one product of the job: its entry, or NotReported when the reply leaves
 * it out (or the record holds a name that is no product code, which was never asked about).
 */
export function reportedStatus(reply: StatusResponse, product: string): ProductStatus {
  return (isProductCode(product) ? reply[product] : undefined) ?? notReported();
}

export const cancelResponseSchema = z.lazy(() =>
  z.object({
    ...envelope(),
    JobID: jobId.optional(),
    status: z.record(z.string(), textOrEmpty),
    statusCodes: z.record(z.string(), integer),
  }),
);

// ---------------------------------------------------------------------------------------------
// Positions and source detection

export const positionResponseSchema = z.lazy(() =>
  z
    .object({
      ...envelope(),
      GotPos: looseBoolean,
      // Only needed when GotPos is 1; with GotPos 0 they may be absent, null or "".
      RA: optionalNumeric,
      Dec: optionalNumeric,
      Err90: optionalNumeric,
      FromSXPS: optionalBoolean,
      WhichSXPS: optionalText,
    })
    .superRefine((reply, ctx) => {
      if (!reply.GotPos) return;
      for (const key of ['RA', 'Dec', 'Err90'] as const) {
        if (reply[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a reply with GotPos 1 needs ${key}` });
      }
    }),
);

/** One detected source: column name → value, all as strings (the service's own format); null reads as "". */
type SourceRow = Record<string, string>;
const sourceRow = z.lazy(() =>
  z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v))),
  ),
);

/** Every top-level key besides the envelope is a band (`Total`, `Soft`, `Medium`, `Hard`). */
export const sourceDetResponseSchema = z.lazy(() =>
  z
    .object(envelope())
    .loose()
    .transform((reply) => {
      const bands: Record<string, SourceRow[]> = {};
      const skipped: string[] = [];
      for (const [key, value] of Object.entries(reply)) {
        if ((envelopeKeys ??= new Set(Object.keys(envelope()))).has(key)) continue;
        if (!Array.isArray(value)) {
          skipped.push(`The "${key}" entry is not a list of sources; it was skipped.`);
          continue;
        }
        const rows = readLenientList(value, sourceRow, `Source`);
        bands[key] = rows.items;
        skipped.push(...rows.skipped.map((note) => `${key} band: ${note}`));
      }
      return { OK: reply.OK, APIVersion: reply.APIVersion, deprecationWarning: reply.deprecationWarning, bands, skipped };
    }),
);

// ---------------------------------------------------------------------------------------------
// Light-curve data

/** Columns that hold identifiers, not quantities (xrt_prods casts every other column to float). */
const TEXT_COLUMNS = new Set(['ObsID', 'URL']);

interface LcDataset {
  columns: string[];
  /** One row per bin; numbers, except the text columns `ObsID` (11-digit string) and `URL`. */
  data: (number | string)[][];
  URL?: string;
}

const lcDatasetWire = z.lazy(() =>
  z.object({
    columns: z.array(z.string()),
    // Rows are checked one by one in readDataset, so one odd row costs only itself.
    data: z.array(z.unknown()),
    URL: optionalText,
  }),
);

function normaliseObsId(value: number | string): string {
  const text = String(value)
    .replace(/^::ObsID=/, '')
    .trim();
  return /^\d+$/.test(text) ? text.padStart(11, '0') : text;
}

/** Converts one dataset's cells; a row that cannot be read is skipped and described in `skipped`. */
function readDataset(raw: z.infer<typeof lcDatasetWire>, name: string, skipped: string[]): LcDataset {
  const data: (number | string)[][] = [];
  raw.data.forEach((row, r) => {
    const bad = (why: string): void => void skipped.push(`Light curve ${name}: row ${r + 1} was skipped: ${why}`);
    if (!Array.isArray(row)) return bad('it is not a list of values');
    if (row.length !== raw.columns.length) return bad(`it has ${row.length} values for ${raw.columns.length} columns`);
    const cells: (number | string)[] = [];
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      const column = raw.columns[c] ?? '';
      // null is read as "no value" (NaN) so one blank cell does not cost the row.
      if (cell === null || cell === '') cells.push(TEXT_COLUMNS.has(column) ? '' : Number.NaN);
      else if (typeof cell !== 'number' && typeof cell !== 'string') return bad(`${column} is ${JSON.stringify(cell)}`);
      else if (column === 'ObsID') cells.push(normaliseObsId(cell));
      else if (TEXT_COLUMNS.has(column)) cells.push(String(cell));
      else {
        const n = parseNumeric(cell);
        if (n === undefined) return bad(`${column}: expected a number, got "${String(cell)}"`);
        cells.push(n);
      }
    }
    data.push(cells);
  });
  return raw.URL === undefined ? { columns: raw.columns, data } : { columns: raw.columns, data, URL: raw.URL };
}

export const lcDataResponseSchema = z.lazy(() =>
  z
    .object({
      ...envelope(),
      Datasets: z.array(z.unknown()),
      Binning: optionalText,
      TimeFormat: optionalText,
      T0: optionalNumeric,
    })
    .loose()
    .transform((reply) => {
      const datasets: Record<string, LcDataset> = {};
      const skipped: string[] = [];
      const names: string[] = [];
      reply.Datasets.forEach((entry, index) => {
        if (typeof entry !== 'string' || entry.trim() === '') {
          skipped.push(`Dataset name ${index + 1} (${JSON.stringify(entry)}) is not a name; it was skipped.`);
          return;
        }
        const name = entry;
        const key = `${name}Data`;
        const raw = lcDatasetWire.safeParse(reply[key]);
        if (!raw.success) {
          const found = reply[key] === undefined || reply[key] === null ? `no "${key}" object` : `"${key}" is malformed`;
          skipped.push(`Light curve ${name} is listed in Datasets but there is ${found}; it was skipped.`);
          return;
        }
        names.push(name);
        datasets[name] = readDataset(raw.data, name, skipped);
      });
      return {
        OK: reply.OK,
        APIVersion: reply.APIVersion,
        deprecationWarning: reply.deprecationWarning,
        Datasets: names,
        datasets,
        Binning: reply.Binning,
        TimeFormat: reply.TimeFormat,
        T0: reply.T0,
        skipped,
      };
    }),
);

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

interface SpecMode {
  mode: string;
  MeanTime?: number;
  Exposure?: number;
  /** Fitting was not requested (`NOFIT` on the mode). */
  notFitted: boolean;
  models: SpecModelFit[];
}

interface SpecInterval {
  name: string;
  DataFile?: string;
  Start?: number;
  Stop?: number;
  /** No spectrum could be made for this interval (`NOSPEC`). */
  noSpectrum: boolean;
  modes: SpecMode[];
}

const MODEL_META_KEYS = new Set(['Image', 'NOFIT']);

function readModel(name: string, raw: unknown, where: string, skipped: string[]): SpecModelFit | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    skipped.push(`Spectrum ${where}: model ${name} is listed in Models but its results are missing; it was skipped.`);
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

/** A list of names; entries that are not names are left out (and reported by the caller's count). */
function nameList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
const optionalNumber = (value: unknown): number | undefined => (isBlank(value) ? undefined : parseNumeric(value));

function readMode(mode: string, raw: unknown, interval: string, skipped: string[]): SpecMode | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    skipped.push(`Spectrum ${interval}: mode ${mode} is listed in Modes but its object is missing; it was skipped.`);
    return undefined;
  }
  const body = raw as Record<string, unknown>;
  const names = nameList(body.Models);
  if (!names) {
    skipped.push(`Spectrum ${interval} ${mode}: Models is not a list of model names; the mode was skipped.`);
    return undefined;
  }
  return {
    mode,
    MeanTime: optionalNumber(body.MeanTime),
    Exposure: optionalNumber(body.Exposure),
    notFitted: flagSet(body.NOFIT),
    models: names.flatMap((name) => readModel(name, body[name], `${interval} ${mode}`, skipped) ?? []),
  };
}

function readInterval(name: string, raw: unknown, skipped: string[]): SpecInterval | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    skipped.push(`Spectrum interval ${name} is listed in rnames but its object is missing; it was skipped.`);
    return undefined;
  }
  const body = raw as Record<string, unknown>;
  const modeNames = nameList(body.Modes);
  if (!modeNames) {
    skipped.push(`Spectrum interval ${name}: Modes is not a list such as ["WT","PC"]; the interval was skipped.`);
    return undefined;
  }
  return {
    name,
    DataFile: optionalText.parse(body.DataFile),
    Start: optionalNumber(body.Start),
    Stop: optionalNumber(body.Stop),
    noSpectrum: flagSet(body.NOSPEC),
    modes: modeNames.flatMap((mode) => readMode(mode, body[mode], name, skipped) ?? []),
  };
}

type SpecData =
  { noSpectrum: true } | { noSpectrum: false; T0?: number; DeltaFitStat?: number; GalNH_unfitted?: number; intervals: SpecInterval[] };

export const specDataResponseSchema = z.lazy(() =>
  z
    .object({
      ...envelope(),
      NoSpectrum: z.unknown().optional(),
      T0: optionalNumeric,
      DeltaFitStat: optionalNumeric,
      GalNH_unfitted: optionalNumeric,
      rnames: z.array(z.unknown()).optional(),
    })
    .loose()
    .transform((reply, ctx) => {
      const head = { OK: reply.OK, APIVersion: reply.APIVersion, deprecationWarning: reply.deprecationWarning };
      if (flagSet(reply.NoSpectrum)) return { ...head, spectra: { noSpectrum: true } as SpecData, skipped: [] as string[] };
      if (reply.rnames === undefined) {
        ctx.addIssue({ code: 'custom', path: ['rnames'], message: 'a spectrum reply needs rnames (or NoSpectrum)' });
        return z.NEVER;
      }
      const skipped: string[] = [];
      const intervals = reply.rnames.flatMap((name, index) => {
        if (typeof name === 'string' && name.trim() !== '') return readInterval(name, reply[name], skipped) ?? [];
        skipped.push(`Spectrum interval name ${index + 1} (${JSON.stringify(name)}) is not a name; it was skipped.`);
        return [];
      });
      const spectra: SpecData = {
        noSpectrum: false,
        T0: reply.T0,
        DeltaFitStat: reply.DeltaFitStat,
        GalNH_unfitted: reply.GalNH_unfitted,
        intervals,
      };
      return { ...head, spectra, skipped };
    }),
);

// ---------------------------------------------------------------------------------------------
// Inferred types

export type OldJob = z.output<typeof oldJobSchema>;
export type ProductStatus = z.output<typeof productStatusSchema>;
export type StatusResponse = z.output<typeof statusResponseSchema>;
export type CancelResponse = z.output<typeof cancelResponseSchema>;
export type PositionResponse = z.output<typeof positionResponseSchema>;
export type SourceDetResponse = z.output<typeof sourceDetResponseSchema>;
export type LcDataResponse = z.output<typeof lcDataResponseSchema>;
export type SpecDataResponse = z.output<typeof specDataResponseSchema>;
