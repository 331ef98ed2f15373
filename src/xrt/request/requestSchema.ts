// zod schema of an XRT product request file (`*.xrt.json`): the flat JSON body of
// `POST /run_userobject.php`, with wire names exactly (test/fixtures/protocol/xrt-products.md §3).
// One object per request part; `xrtRequestFieldsSchema` joins them and validateXrtRequest applies the
// conditional rules of requestRules.ts. Keys the service does not know are allowed (it ignores them); semanticChecks.ts
// points out the ones that look like misspellings.
import * as z from 'zod';
import { choice, flag, optionalNumber, optionalText, requiredText, serverEcho } from './requestFieldKinds';
import type { ProductFlag } from '../productCodes';
import { evaluateRules } from './requestRules';

const OBS_SELECTION =
  'Comma-separated Swift obsIDs (11 digits, e.g. `"00010873001,00010873002"`) or `start-stop` time ranges (MET seconds are safe).';
const TARGET_IDS = /^\s*\{?\s*\d{1,8}(\s*,\s*\d{1,8})*\s*\}?\s*$/;

/** Shared by light curve and spectrum: one field on the wire. */
const srcrad = optionalNumber(
  'srcrad',
  { int: true, min: 1 },
  {
    md: 'Maximum source-region radius, in pixels, used by the light curve and the spectrum. Only for extremely piled-up sources; the service uses at most 30 px.',
  },
);

const productFlagsSchema = z.object({
  lc: flag('lc', { md: 'Set to 1 to build a **light curve**.', default: 0 }),
  spec: flag('spec', { md: 'Set to 1 to build a **spectrum** (and fit it unless `doNotFit` is 1).', default: 0 }),
  dopsf: flag('dopsf', { md: 'Set to 1 to determine the **standard (PSF-fit) position**.', default: 0 }),
  doenh: flag('doenh', { md: 'Set to 1 to determine the **enhanced (XRT–UVOT) position**.', default: 0 }),
  doxastrom: flag('doxastrom', {
    md: 'Set to 1 to determine the **X-ray astrometric position** (the service then also builds the standard position).',
    default: 0,
  }),
  image: flag('image', { md: 'Set to 1 to build **images**, one per band in `imen`.', default: 0 }),
  sourceDet: flag('sourceDet', {
    md: 'Set to 1 to run **source detection**. With only this product, `RA`, `Dec`, `cent` and `useSXPS` are not needed.',
    default: 0,
  }),
});

const globalsSchema = z.object({
  UserID: optionalText(
    'UserID',
    {},
    {
      md: 'Your registered, e-mail-verified UKSSDC user ID. Optional in the file: the extension sends the `swiftObservatory.xrt.userId` setting.',
    },
  ),
  api_name: optionalText('api_name', {}, { md: 'Client identifier. The extension sends `"xrt_prods"`; the service does not process it.' }),
  api_version: z
    .union([z.string(), z.number()], { error: () => '`api_version` must be a string such as "1.12".' })
    .optional()
    .meta({ markdownDescription: 'Client API version. The extension sends `"1.12"`; older versions are answered in legacy formats.' }),
  name: requiredText('name', {}, { md: 'Object name, used in plot titles and, when `getCoords` is 1, resolved with SIMBAD.' }),
  targ: optionalText(
    'targ',
    { pattern: TARGET_IDS, patternHint: 'comma-separated Swift target IDs of up to 8 digits, e.g. "00966554,00013267"' },
    {
      md: 'Comma-separated Swift target IDs whose data to use (8 digits, zero-padded, e.g. `"00966554"`). Needed unless `getTargs` is 1.',
    },
  ),
  getTargs: flag('getTargs', {
    md: 'Set to 1 to let the service find every target ID whose name matches `name` or whose field covers `RA`/`Dec`.',
    default: 0,
  }),
  Tstart: z
    .union([z.number().min(0), z.string().min(1)], {
      error: () => '`Tstart` must be a time: MET seconds as a number (e.g. 608713541.952).',
    })
    .optional()
    .meta({
      markdownDescription:
        "Reference time T0, in Swift MET seconds (seconds since 2001-01-01 UTC by the spacecraft clock): the light curve's zero point and the origin of relative times. Other formats may be accepted by the service but are not documented.",
    }),
  getT0: flag('getT0', {
    md: 'Set to 1 to let the service set T0 to the GRB trigger time, or else to the start of the first observation.',
    default: 0,
  }),
  SinceT0: flag('SinceT0', { md: 'Set to 1 when the other times you give (GTIs, `use*obs` ranges) are seconds since T0.', default: 0 }),
  sinceT0: flag('sinceT0', { md: '**Deprecated spelling** of `SinceT0` (the service echoes it like this). Use `SinceT0`.', alias: true }),
  RA: optionalNumber(
    'RA',
    { min: 0, max: 360 },
    { md: 'Right ascension of the object, decimal degrees (J2000). Needed unless `getCoords` is 1.' },
  ),
  Dec: optionalNumber(
    'Dec',
    { min: -90, max: 90 },
    { md: 'Declination of the object, decimal degrees (J2000). Needed unless `getCoords` is 1.' },
  ),
  getCoords: flag('getCoords', {
    md: 'Set to 1 to resolve `name` with SIMBAD instead of giving `RA`/`Dec`; the job fails if the name cannot be resolved.',
    default: 0,
  }),
  cent: flag('cent', {
    md: 'Set to 1 to centroid on the source in the XRT frame before extracting. Needed for every job except source detection alone.',
  }),
  centMeth: choice('centMeth', { simple: 'Single-pass centroid.', iterative: 'Iterative centroid.' }, ['simple', 'iterative'], {
    md: 'Centroiding method (when `cent` is 1).',
    default: 'simple',
  }),
  maxCentTries: optionalNumber(
    'maxCentTries',
    { int: true, min: 1 },
    { md: 'Maximum number of observations on which to try centroiding.', default: 10 },
  ),
  poserr: optionalNumber(
    'poserr',
    { gt: 0 },
    {
      md: 'Largest allowed distance between the input position and the centroid, in arcmin. Needed when `cent` is 1; the service checks 1–6.',
    },
  ),
  sss: flag('sss', { md: 'Set to 1 for a super-soft source: grade-0 events only, lower pile-up thresholds.', default: 0 }),
  useSXPS: flag('useSXPS', {
    md: 'Set to 1 to use SXPS source lists where possible. The Python client requires it for every job except source detection alone.',
    default: 0,
  }),
  wtpuprate: optionalNumber('wtpuprate', { gt: 0 }, { md: 'WT count rate above which pile-up is tested for, in counts/s.', default: 150 }),
  pcpuprate: optionalNumber('pcpuprate', { gt: 0 }, { md: 'PC count rate above which pile-up is tested for, in counts/s.', default: 0.6 }),
  notify: flag('notify', { md: 'Set to 1 to be e-mailed when the products finish or fail.', default: 0 }),
});

const positionSchema = z.object({
  posRadius: optionalNumber(
    'posRadius',
    { gt: 0 },
    { md: 'Largest allowed distance of the source from the input position, in arcsec.', default: 20 },
  ),
  posobs: choice(
    'posobs',
    {
      all: 'All data.',
      user: 'The observations or times in `useposobs`.',
      hours: 'Observations within `posobstime` hours of the first one.',
    },
    ['all', 'user', 'hours'],
    {
      md: 'Which data the position products use.',
      default: 'hours',
    },
  ),
  useposobs: optionalText('useposobs', {}, { md: `Data for the positions when \`posobs\` is "user". ${OBS_SELECTION}` }),
  posobstime: optionalNumber(
    'posobstime',
    { gt: 0 },
    { md: 'With `posobs` "hours": use observations within this many hours of the first one.', default: 12 },
  ),
  detornot: choice(
    'detornot',
    { detect: 'Run source detection first.', centroid: 'Only centroid at the input position.' },
    ['detect', 'centroid'],
    {
      md: 'Whether the position products detect the source first or just centroid.',
      default: 'detect',
    },
  ),
  detMeth: choice('detMeth', { simple: 'Simple search.', iterative: 'Full SXPS iterative approach.' }, ['simple', 'iterative'], {
    md: 'Detection method for the position products (not the global `centMeth`).',
    default: 'simple',
  }),
  allxastrom: flag('allxastrom', { md: 'Set to 1 to use all data for the astrometric position, whatever `posobs` says.', default: 0 }),
});

const modes = { no: 'Neither mode.', pc: 'PC mode only.', wt: 'WT mode only.', both: 'WT and PC modes.' } as const;
const modeOrder = ['no', 'pc', 'wt', 'both'] as const;
const grades = { all: 'All grades.', '0': 'Grade 0 only.', '4': 'Grades 0–4.' } as const;
const gradeOrder = ['all', '0', '4'] as const;

export const lightCurveSchema = z.object({
  binMeth: choice(
    'binMeth',
    {
      counts: 'A number of counts per bin (`pccounts`, `wtcounts`, `dynamic`).',
      time: 'Fixed bin durations (`pcbin`, `wtbin`).',
      snapshot: 'One bin per spacecraft snapshot.',
      obsid: 'One bin per observation.',
    },
    ['counts', 'time', 'snapshot', 'obsid'],
    { md: 'How the light curve is binned. Needed when `lc` is 1.' },
  ),
  minen: optionalNumber('minen', { min: 0 }, { md: 'Lower bound of the total band, in keV.', default: 0.3 }),
  maxen: optionalNumber('maxen', { gt: 0 }, { md: 'Upper bound of the total band, in keV.', default: 10 }),
  soft1: optionalNumber('soft1', { min: 0 }, { md: 'Lower bound of the soft band, in keV (at least `minen`).', default: 0.3 }),
  soft2: optionalNumber('soft2', { gt: 0 }, { md: 'Upper bound of the soft band, in keV.', default: 1.5 }),
  hard1: optionalNumber('hard1', { min: 0 }, { md: 'Lower bound of the hard band, in keV.', default: 1.5 }),
  hard2: optionalNumber('hard2', { gt: 0 }, { md: 'Upper bound of the hard band, in keV (at most `maxen`).', default: 10 }),
  sigmin: optionalNumber('sigmin', { gt: 0 }, { md: 'Minimum significance (Gaussian σ) for a bin to count as a detection.', default: 3 }),
  grades: choice('grades', grades, gradeOrder, { md: 'Event grades used for the light curve.', default: 'all' }),
  allowUL: choice('allowUL', modes, modeOrder, { md: 'Which modes may produce upper limits.', default: 'both' }),
  allowB: choice('allowB', modes, modeOrder, { md: 'Which modes may use Bayesian bins.', default: 'both' }),
  allowBayes: choice('allowBayes', modes, modeOrder, {
    md: '**Deprecated spelling** of `allowB` (older documentation). Use `allowB`.',
    alias: true,
  }),
  bayesCounts: optionalNumber('bayesCounts', { min: 0 }, { md: 'Below this many counts a bin uses Bayesian statistics.', default: 15 }),
  bayesSNR: optionalNumber('bayesSNR', { gt: 0 }, { md: 'Below this signal-to-noise a bin uses a Bayesian rate and error.', default: 2.4 }),
  lctimetype: choice(
    'lctimetype',
    { s: 'Seconds (MET, or since T0).', m: 'MJD.', sec: 'Seconds (same as `s`).', mjd: 'MJD (same as `m`).' },
    ['s', 'm', 'sec', 'mjd'],
    {
      md: 'Units of the time axis.',
      default: 's',
    },
  ),
  lcobs: choice('lcobs', { all: 'All data.', user: 'The observations or times in `uselcobs`.' }, ['all', 'user'], {
    md: 'Which data the light curve uses.',
    default: 'all',
  }),
  uselcobs: optionalText('uselcobs', {}, { md: `Data for the light curve when \`lcobs\` is "user". ${OBS_SELECTION}` }),
  srcrad,
  pccounts: optionalNumber(
    'pccounts',
    { int: true, min: 1 },
    { md: 'Counts in a full PC bin (at 1 count/s when `dynamic` is 1). Needed when `binMeth` is "counts".' },
  ),
  wtcounts: optionalNumber('wtcounts', { int: true, min: 1 }, { md: 'Counts in a full WT bin. Needed when `binMeth` is "counts".' }),
  dynamic: flag('dynamic', { md: 'Set to 1 for dynamic binning (counts per bin scale with the rate). Needed when `binMeth` is "counts".' }),
  ratefact: optionalNumber('ratefact', { gt: 0 }, { md: 'Rate factor of dynamic binning.', default: 10 }),
  binfact: optionalNumber('binfact', { gt: 0 }, { md: 'Binning factor of dynamic binning.', default: 1.5 }),
  pcbin: optionalNumber('pcbin', { gt: 0 }, { md: 'PC bin duration in seconds (minimum duration with counts binning).', default: 2.51 }),
  wtbin: optionalNumber('wtbin', { gt: 0 }, { md: 'WT bin duration in seconds (minimum duration with counts binning).', default: 0.5 }),
  mincmin: optionalNumber('mincmin', { int: true, min: 0 }, { md: 'Absolute minimum counts per bin under dynamic binning.', default: 15 }),
  minsnr: optionalNumber(
    'minsnr',
    { gt: 0 },
    { md: 'Minimum signal-to-noise of a full bin. Default: documented as `2.4`, but the service has been seen to use `1.5`.' },
  ),
  pcmaxgap: optionalNumber('pcmaxgap', { gt: 0 }, { md: 'Longest observing gap a PC bin may straddle, in seconds.', default: 1e8 }),
  wtmaxgap: optionalNumber('wtmaxgap', { gt: 0 }, { md: 'Longest observing gap a WT bin may straddle, in seconds.', default: 1e8 }),
  pcmaxGap: optionalNumber(
    'pcmaxGap',
    { gt: 0 },
    { md: '**Deprecated spelling** of `pcmaxgap` (what the Python client sends). Use `pcmaxgap`.', alias: true },
  ),
  wtmaxGap: optionalNumber(
    'wtmaxGap',
    { gt: 0 },
    { md: '**Deprecated spelling** of `wtmaxgap` (what the Python client sends). Use `wtmaxgap`.', alias: true },
  ),
  hrbin: flag('hrbin', { md: 'Set to 0 to bin the hardness ratio separately (`pchrbin`, `wthrbin`); 1 uses the main bins.', default: 1 }),
  pchrbin: optionalNumber(
    'pchrbin',
    { gt: 0 },
    { md: 'PC hardness-ratio bin duration, in seconds. Needed when `hrbin` is 0.', default: 2.51 },
  ),
  wthrbin: optionalNumber(
    'wthrbin',
    { gt: 0 },
    { md: 'WT hardness-ratio bin duration, in seconds. Needed when `hrbin` is 0.', default: 0.5 },
  ),
  femin: optionalNumber('femin', { min: 0, max: 1 }, { md: 'Drop bins whose fractional exposure is below this (0–1).', default: 0 }),
});

const MODEL_NAMES = ['powerlaw', 'apec', 'blackbody'] as const;
/** Case-insensitive (the service ignores case) yet expressible as a JSON Schema pattern. */
const MODEL_PATTERN = /^([Pp][Oo][Ww][Ee][Rr][Ll][Aa][Ww]|[Aa][Pp][Ee][Cc]|[Bb][Ll][Aa][Cc][Kk][Bb][Oo][Dd][Yy])$/;

const intervalFields = Object.fromEntries(
  [1, 2, 3, 4].flatMap((n) => [
    [
      `rname${n}`,
      optionalText(
        `rname${n}`,
        {},
        {
          md: `Name of user time interval ${n} (letters and digits; the service strips anything else). Used when \`timeslice\` is "user"; pairs with \`gti${n}\`.`,
        },
      ),
    ],
    [
      `gti${n}`,
      optionalText(
        `gti${n}`,
        {},
        {
          md: `Time interval ${n}: \`start-stop[,start-stop…]\`, e.g. \`"608713541-608714541"\`, or \`"0-1000"\` with \`SinceT0\` 1. Pairs with \`rname${n}\`.`,
        },
      ),
    ],
  ]),
) as Record<`rname${1 | 2 | 3 | 4}` | `gti${1 | 2 | 3 | 4}`, ReturnType<typeof optionalText>>;

const spectrumSchema = z.object({
  specz: flag('specz', { md: 'Set to 1 to include a redshifted absorber (give `zval`). Needed when `spec` is 1.' }),
  zval: optionalNumber('zval', { min: 0 }, { md: 'Redshift of the absorber. Needed when `specz` is 1.' }),
  specobs: choice(
    'specobs',
    {
      all: 'All data.',
      user: 'The observations or times in `usespecobs`.',
      hours: 'Observations within `specobstime` hours of the first one.',
    },
    ['all', 'user', 'hours'],
    {
      md: 'Which data the spectrum uses.',
      default: 'hours',
    },
  ),
  usespecobs: optionalText('usespecobs', {}, { md: `Data for the spectrum when \`specobs\` is "user". ${OBS_SELECTION}` }),
  specobstime: optionalNumber(
    'specobstime',
    { gt: 0 },
    { md: 'With `specobs` "hours": hours after the first selected observation.', default: 12 },
  ),
  timeslice: choice(
    'timeslice',
    {
      single: 'One spectrum of all selected data.',
      user: 'One spectrum per interval `rname1`/`gti1` … `rname4`/`gti4`.',
      snapshot: 'One spectrum per snapshot.',
      obsid: 'One spectrum per observation.',
    },
    ['single', 'user', 'snapshot', 'obsid'],
    { md: 'Which spectra to make.', default: 'single' },
  ),
  ...intervalFields,
  specgrades: choice('specgrades', grades, gradeOrder, { md: 'Event grades used for the spectrum.', default: 'all' }),
  specstem: optionalText('specstem', {}, { md: 'File-name stem of the spectrum files.', default: 'interval0' }),
  doNotFit: flag('doNotFit', {
    md: 'Set to 1 to skip the automatic spectral fit. Default 0 (the sources disagree; fitting is what happens in practice).',
  }),
  galactic: flag('galactic', {
    md: 'Set to 1 to add an absorber fixed at the Galactic column (Willingale et al. 2013) besides the free one.',
    default: 0,
  }),
  models: z
    .array(z.string().regex(MODEL_PATTERN, { error: () => '`models` entries must be "powerlaw", "apec" or "blackbody".' }), {
      error: () => '`models` must be a JSON array of model names, e.g. ["powerlaw"].',
    })
    .min(1, { error: () => '`models` must name at least one model.' })
    .optional()
    .meta({
      markdownDescription: `Models to fit, one separate fit each (not a sum): any of ${MODEL_NAMES.map((m) => `\`"${m}"\``).join(', ')} (case ignored). Default \`["powerlaw"]\`.`,
      default: ['powerlaw'],
    }),
  dchi: optionalNumber(
    'dchi',
    { gt: 0 },
    { md: 'Change in fit statistic defining parameter errors (1 ≈ 68 %, 2.706 = 90 % for one parameter).', default: 2.706 },
  ),
  srcrad,
});

const imageSchema = z.object({
  imen: optionalText(
    'imen',
    {},
    { md: 'Energy bands of the images, keV: comma-separated `lo-hi`, one image each.', default: '0.3-10,0.3-1.5,1.51-10' },
  ),
  imobs: choice('imobs', { all: 'All data.', user: 'The observations or times in `useimobs`.' }, ['all', 'user'], {
    md: 'Which data the images use.',
    default: 'all',
  }),
  useimobs: optionalText('useimobs', {}, { md: `Data for the images when \`imobs\` is "user". ${OBS_SELECTION}` }),
});

const sourceDetSchema = z.object({
  detobs: choice(
    'detobs',
    { all: 'All data (may exceed the ~12 h run-time limit).', user: 'The observations or times in `usedetobs` (recommended).' },
    ['all', 'user'],
    {
      md: 'Which data source detection uses. Needed when `sourceDet` is 1; the documentation disagrees on the default.',
    },
  ),
  usedetobs: optionalText('usedetobs', {}, { md: `Data for source detection when \`detobs\` is "user". ${OBS_SELECTION}` }),
  detbands: choice('detbands', { total: 'The total band only.', all: 'The SXPS total, soft, medium and hard bands.' }, ['total', 'all'], {
    md: 'Bands to search.',
    default: 'total',
  }),
  fitStrayLight: flag('fitStrayLight', { md: 'Set to 1 to identify and model stray light.', default: 1 }),
});

/** Keys the service adds to `jobPars`; a file copied from an old job may hold them. */
const serverEchoSchema = z.object({
  whatSXPS: serverEcho('SXPS catalogue used.'),
  outdir: serverEcho('Output folder of the job.'),
  do3col: serverEcho('Internal switch (meaning undocumented).'),
  enh: serverEcho('Internal switch; not the enhanced-position flag (that is `doenh`).'),
  pcmaxbin: serverEcho('Longest PC bin.'),
  wtmaxbin: serverEcho('Longest WT bin.'),
});

/** Non-canonical spellings the service accepts, and the name to use instead. */
export const REQUEST_ALIASES: Readonly<Record<string, string>> = {
  allowBayes: 'allowB',
  sinceT0: 'SinceT0',
  pcmaxGap: 'pcmaxgap',
  wtmaxGap: 'wtmaxgap',
};

const xrtRequestShape = {
  ...globalsSchema.shape,
  ...productFlagsSchema.shape,
  ...positionSchema.shape,
  ...lightCurveSchema.shape,
  ...spectrumSchema.shape,
  ...imageSchema.shape,
  ...sourceDetSchema.shape,
  ...serverEchoSchema.shape,
};

/**
 * The product flags a field belongs to; fields not listed are global. A field matters only when one of
 * its products is requested: the service ignores (and echoes) the others, so they are never refused.
 */
const FIELD_PRODUCTS: ReadonlyMap<string, readonly ProductFlag[]> = new Map<string, readonly ProductFlag[]>([
  ...Object.keys(lightCurveSchema.shape).map((k): [string, ProductFlag[]] => [k, ['lc']]),
  ...Object.keys(spectrumSchema.shape).map((k): [string, ProductFlag[]] => [k, ['spec']]),
  ['srcrad', ['lc', 'spec']],
  ...Object.keys(positionSchema.shape).map((k): [string, ProductFlag[]] => [k, ['dopsf', 'doenh', 'doxastrom']]),
  ['allxastrom', ['doxastrom']],
  ...Object.keys(imageSchema.shape).map((k): [string, ProductFlag[]] => [k, ['image']]),
  ...Object.keys(sourceDetSchema.shape).map((k): [string, ProductFlag[]] => [k, ['sourceDet']]),
]);

/** Whether `key` belongs only to products the request does not ask for (so the service ignores it). */
export function isFieldOfUnrequestedProduct(key: string, request: Readonly<Record<string, unknown>>): boolean {
  const owners = FIELD_PRODUCTS.get(key);
  return owners !== undefined && !owners.some((flag) => request[flag] === 1);
}

/** The allowed values of every enumerated field (`lcobs`, `timeslice`, …). */
export const ENUM_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(xrtRequestShape).flatMap(([key, schema]): [string, readonly string[]][] => {
    const inner: unknown = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    return inner instanceof z.ZodEnum ? [[key, inner.options as readonly string[]]] : [];
  }),
);

/** Every key the service is known to take or echo. */
export const KNOWN_REQUEST_KEYS: ReadonlySet<string> = new Set(Object.keys(xrtRequestShape));

/** Field types only, no conditional rules: what the JSON Schema generator starts from. */
export const xrtRequestFieldsSchema = z.object(xrtRequestShape).loose();

type XrtRequest = z.infer<typeof xrtRequestFieldsSchema>;

interface XrtRequestIssue {
  readonly path: (string | number)[];
  /** Where the editor shows it when not on `path`: a rule's causing key (RuleViolation.at). */
  readonly at?: readonly (string | number)[];
  readonly message: string;
}

type XrtRequestValidation = { ok: true; value: XrtRequest } | { ok: false; issues: XrtRequestIssue[] };

/**
 * Field errors and rule violations together, each with the path of the key to fix. The rules are
 * evaluated on the raw object even when a field has the wrong type, so one pass shows every problem.
 */
export function validateXrtRequest(value: unknown): XrtRequestValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [{ path: [], message: 'An XRT request must be a JSON object of parameters, e.g. {"name": "GRB 200416A", "lc": 1, …}.' }],
    };
  }
  const request = value as Record<string, unknown>;
  const fields = xrtRequestFieldsSchema.safeParse(value);
  const issues: XrtRequestIssue[] = fields.success
    ? []
    : fields.error.issues
        .map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }))
        // A field of a product the request does not ask for is ignored by the service, whatever its value.
        .filter((i) => !(typeof i.path[0] === 'string' && isFieldOfUnrequestedProduct(i.path[0], request)));
  for (const violation of evaluateRules(request)) issues.push({ path: [...violation.path], at: violation.at, message: violation.message });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: (fields.success ? fields.data : request) as XrtRequest };
}
