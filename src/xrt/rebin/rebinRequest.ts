// The binning a user chooses for rebinning a job's light curve, in the request files' own names
// (`pccounts`, `lctimetype`, … with the same documentation and ranges as in `*.xrt.json`), its
// validation, its mapping to the rebin wire names of the UKSSDC site API (`pcCounts`, `timeFormat`, …:
// swifttools `ukssdc/APIDocs/ukssdc/commonFunc.md`, the names the official client sends unchanged), and
// the defaults taken from a job's request or its `jobPars` echo.
import * as z from 'zod';
import { lightCurveSchema } from '../request/requestSchema';

/** Request-file name → rebin wire name, where the meaning is the same (the official client's names). */
const REBIN_WIRE_NAMES = {
  binMeth: 'binMeth',
  minen: 'minEnergy',
  maxen: 'maxEnergy',
  soft1: 'softLo',
  soft2: 'softHi',
  hard1: 'hardLo',
  hard2: 'hardHi',
  sigmin: 'minSig',
  grades: 'grades',
  allowUL: 'allowUL',
  allowB: 'allowBayes',
  bayesCounts: 'bayesCounts',
  bayesSNR: 'bayesSNR',
  lctimetype: 'timeFormat',
  lcobs: 'whichData',
  uselcobs: 'useObs',
  pccounts: 'pcCounts',
  wtcounts: 'wtCounts',
  dynamic: 'dynamic',
  ratefact: 'rateFact',
  binfact: 'binFact',
  pcbin: 'pcBinTime',
  wtbin: 'wtBinTime',
  mincmin: 'minCounts',
  minsnr: 'minSNR',
  pcmaxgap: 'pcMaxGap',
  wtmaxgap: 'wtMaxGap',
  hrbin: 'matchHR',
  pchrbin: 'pcHRBinTime',
  wthrbin: 'wtHRBinTime',
  femin: 'minFracExp',
} as const;

type RebinField = keyof typeof REBIN_WIRE_NAMES;
type RebinMethod = 'counts' | 'time' | 'snapshot' | 'obsid';

/** Fields that apply whatever the method. */
export const COMMON_REBIN_FIELDS = [
  'minen',
  'maxen',
  'soft1',
  'soft2',
  'hard1',
  'hard2',
  'sigmin',
  'grades',
  'allowUL',
  'allowB',
  'bayesCounts',
  'bayesSNR',
  'lctimetype',
  'lcobs',
  'uselcobs',
] as const satisfies readonly RebinField[];

/** The fields each method adds (commonFunc.md's grouping); snapshot and obsid binning take none. */
export const METHOD_REBIN_FIELDS: Readonly<Record<RebinMethod, readonly RebinField[]>> = {
  counts: ['pccounts', 'wtcounts', 'dynamic', 'ratefact', 'binfact', 'pcbin', 'wtbin', 'mincmin', 'minsnr', 'pcmaxgap', 'wtmaxgap'],
  time: ['pcbin', 'wtbin', 'hrbin', 'pchrbin', 'wthrbin', 'femin'],
  snapshot: [],
  obsid: [],
};

const lc = lightCurveSchema.shape;
const binMethRequired = lc.binMeth.unwrap().meta({ markdownDescription: 'How the light curve is binned anew.' });

/** Field types, ranges and documentation: those of the request files (requestSchema.ts). */
export const rebinParamsFieldsSchema = z.object({
  binMeth: binMethRequired.optional(),
  ...Object.fromEntries((Object.keys(REBIN_WIRE_NAMES) as RebinField[]).filter((k) => k !== 'binMeth').map((k) => [k, lc[k]])),
}) as unknown as z.ZodObject<{ [K in RebinField]: (typeof lc)[K] }>;
// (The cast restores the per-key types that Object.fromEntries loses; the keys are exactly REBIN_WIRE_NAMES'.)

export type RebinParams = { binMeth: RebinMethod } & Partial<{ [K in Exclude<RebinField, 'binMeth'>]: z.output<(typeof lc)[K]> }>;

export interface RebinIssue {
  /** The request-file name of the field to fix (none: the whole object). */
  readonly field?: RebinField;
  readonly message: string;
}

type RebinValidation = { ok: true; value: RebinParams } | { ok: false; issues: RebinIssue[] };

/**
 * Checks a chosen binning: every field as in request files, `binMeth` present, the parameters counts
 * binning needs (`pccounts`, `wtcounts`, `dynamic`), `uselcobs` with `lcobs` "user", and bands inside
 * the total band. Fields that the method does not use are refused, so what is sent is what was meant.
 */
export function validateRebinParams(value: unknown): RebinValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [{ message: 'A rebin binning must be an object of parameters, e.g. {"binMeth": "time", "pcbin": 1000, "wtbin": 10}.' }],
    };
  }
  // A key set to undefined is absent (a form clears a field that way).
  const raw = stripUndefined(value as Record<string, unknown>);
  const issues: RebinIssue[] = [];
  const known = new Set<string>(Object.keys(REBIN_WIRE_NAMES));
  for (const key of Object.keys(raw)) {
    if (!known.has(key))
      issues.push({
        message: `\`${key}\` is not a rebinning parameter (rebinning repeats only the binning step; extraction settings of the job stay as they were).`,
      });
  }
  const parsed = rebinParamsFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      issues.push({ field: typeof field === 'string' && known.has(field) ? (field as RebinField) : undefined, message: issue.message });
    }
  }
  const method = raw.binMeth;
  if (method === undefined)
    issues.push({ field: 'binMeth', message: '`binMeth` is required: one of "counts", "time", "snapshot", "obsid".' });
  if (typeof method === 'string' && method in METHOD_REBIN_FIELDS) {
    const allowed = new Set<string>([...COMMON_REBIN_FIELDS, ...METHOD_REBIN_FIELDS[method as RebinMethod], 'binMeth']);
    for (const key of Object.keys(raw)) {
      if (known.has(key) && !allowed.has(key))
        issues.push({ field: key as RebinField, message: `\`${key}\` does not apply to \`binMeth\` "${method}"; remove it.` });
    }
    if (method === 'counts') {
      for (const key of ['pccounts', 'wtcounts', 'dynamic'] as const) {
        if (raw[key] === undefined) issues.push({ field: key, message: `\`${key}\` is required when \`binMeth\` is "counts".` });
      }
    }
  }
  if (raw.lcobs === 'user' && raw.uselcobs === undefined)
    issues.push({ field: 'uselcobs', message: '`uselcobs` is required when `lcobs` is "user": the obsIDs or time ranges to use.' });
  issues.push(...bandIssues(raw));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: stripUndefined(parsed.success ? parsed.data : raw) as RebinParams };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Band order, with the documented defaults for what is not given (0.3–10 keV, soft 0.3–1.5, hard 1.5–10). */
function bandIssues(raw: Record<string, unknown>): RebinIssue[] {
  const out: RebinIssue[] = [];
  const minen = num(raw.minen) ?? 0.3;
  const maxen = num(raw.maxen) ?? 10;
  const v = (k: 'soft1' | 'soft2' | 'hard1' | 'hard2', d: number) => num(raw[k]) ?? d;
  if (minen >= maxen)
    out.push({
      field: raw.minen !== undefined ? 'minen' : 'maxen',
      message: `\`minen\` (${minen} keV) must be below \`maxen\` (${maxen} keV).`,
    });
  const soft1 = v('soft1', 0.3);
  const soft2 = v('soft2', 1.5);
  const hard1 = v('hard1', 1.5);
  const hard2 = v('hard2', 10);
  if (soft1 < minen) out.push({ field: 'soft1', message: `\`soft1\` (${soft1} keV) must be at least \`minen\` (${minen} keV).` });
  if (hard2 > maxen) out.push({ field: 'hard2', message: `\`hard2\` (${hard2} keV) must be at most \`maxen\` (${maxen} keV).` });
  if (soft1 >= soft2)
    out.push({ field: 'soft2', message: `The soft band must end above its start: \`soft2\` (${soft2} keV) ≤ \`soft1\` (${soft1} keV).` });
  if (hard1 >= hard2)
    out.push({ field: 'hard2', message: `The hard band must end above its start: \`hard2\` (${hard2} keV) ≤ \`hard1\` (${hard1} keV).` });
  if (hard1 < minen) out.push({ field: 'hard1', message: `\`hard1\` (${hard1} keV) must be at least \`minen\` (${minen} keV).` });
  if (soft2 > maxen) out.push({ field: 'soft2', message: `\`soft2\` (${soft2} keV) must be at most \`maxen\` (${maxen} keV).` });
  return out;
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** The rebin call's body fields (besides type, objectID, name and the envelope), in wire names. */
export type RebinWireParams = Readonly<Record<string, string | number | boolean>>;

/**
 * Wire form of a validated binning: names as the official client sends them, the 0/1 switches
 * `dynamic` and `hrbin` as JSON booleans (that client sends Python booleans; `hrbin` 1 = `matchHR`
 * true), `lctimetype` as "s" or "m", only the fields of the chosen method, in REBIN_WIRE_NAMES' order.
 */
export function toRebinWire(params: RebinParams): RebinWireParams {
  const allowed = new Set<RebinField>(['binMeth', ...COMMON_REBIN_FIELDS, ...METHOD_REBIN_FIELDS[params.binMeth]]);
  const out: Record<string, string | number | boolean> = {};
  for (const [field, wire] of Object.entries(REBIN_WIRE_NAMES) as [RebinField, string][]) {
    const value = (params as Record<string, unknown>)[field];
    if (value === undefined || !allowed.has(field)) continue;
    if (field === 'dynamic' || field === 'hrbin') out[wire] = value === 1;
    else if (field === 'lctimetype') out[wire] = value === 'm' || value === 'mjd' ? 'm' : 's';
    else if (typeof value === 'string' || typeof value === 'number') out[wire] = value;
  }
  return out;
}

/**
 * A starting binning from a job: its request file or its `jobPars` echo (where numbers and switches
 * often come as strings: "20", "1"). Values that do not fit a field are left out, so the user sees the
 * documented default instead of a wrong value. The method is `method` if given, else the job's own
 * light-curve method, else "counts"; only the fields of that method are kept.
 */
export function rebinDefaultsFromJob(request: Readonly<Record<string, unknown>>, method?: RebinMethod): RebinParams {
  const out: Record<string, unknown> = {};
  const aliases: Readonly<Record<string, RebinField>> = { allowBayes: 'allowB', pcmaxGap: 'pcmaxgap', wtmaxGap: 'wtmaxgap' };
  const source: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    const field = aliases[key] ?? key;
    if (field in REBIN_WIRE_NAMES && source[field] === undefined) source[field] = value;
    else if (field in REBIN_WIRE_NAMES && key === field) source[field] = value;
  }
  for (const field of Object.keys(REBIN_WIRE_NAMES) as RebinField[]) {
    if (source[field] === undefined || source[field] === null || source[field] === '') continue;
    const candidate = coerce(field, source[field]);
    const schema = field === 'binMeth' ? binMethRequired : lc[field];
    if (schema.safeParse(candidate).success) out[field] = candidate;
  }
  const chosen: RebinMethod = method ?? (typeof out.binMeth === 'string' ? (out.binMeth as RebinMethod) : 'counts');
  const allowed = new Set<string>(['binMeth', ...COMMON_REBIN_FIELDS, ...METHOD_REBIN_FIELDS[chosen]]);
  const kept = Object.fromEntries(Object.entries(out).filter(([k]) => allowed.has(k)));
  return { ...kept, binMeth: chosen } as RebinParams;
}

/** jobPars spellings → request-file values: numeric strings to numbers, enum words to their case. */
function coerce(field: RebinField, value: unknown): unknown {
  const schema: z.ZodType = field === 'binMeth' ? binMethRequired : lc[field];
  const inner: unknown = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (inner instanceof z.ZodEnum)
    return typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
