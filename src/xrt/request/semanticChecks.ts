// Checks of an XRT request that a JSON Schema cannot express: relations between numbers, the inner
// syntax of string fields (bands, time intervals, obsID lists, target IDs), and spelling hints.
// Pure functions of the raw request object (no `vscode`): the editor turns the result into
// diagnostics and quick fixes, the submit command into a refusal on errors.
// Section numbers (§) and D identifiers refer to test/fixtures/protocol/xrt-products.md (D: its §17).
//
// Each check looks only at values of the right type; wrong types are the zod schema's to report, so
// nothing is said twice.
import { conditionHolds } from '../../editing/requestRules';
import { sourceDetOnly } from './requestRules';
import { KNOWN_REQUEST_KEYS, REQUEST_ALIASES, isFieldOfUnrequestedProduct } from './requestSchema';

type Severity = 'error' | 'warning';

export interface SemanticFix {
  readonly title: string;
  /** New value of the issue's key (of the renamed key when `renameKeyTo` is set). */
  readonly replaceWith: unknown;
  /** Rename the issue's key to this name. */
  readonly renameKeyTo?: string;
  /** Other keys the same fix sets (e.g. the other end of a swapped band). */
  readonly alsoReplace?: readonly { readonly key: string; readonly replaceWith: unknown }[];
}

export interface SemanticIssue {
  /** The key the diagnostic belongs on (it may be absent from the request, e.g. a missing `useSXPS`). */
  readonly key: string;
  readonly message: string;
  readonly severity: Severity;
  readonly fix?: SemanticFix;
}

type Request = Readonly<Record<string, unknown>>;

/** XRT's calibrated energy range (keV). */
const XRT_MIN_KEV = 0.3;
const XRT_MAX_KEV = 10;
/** MET of Swift's launch (2004-11-20): an absolute time before it has no data. */
const SWIFT_LAUNCH_MET = 122_601_600;
const POSERR_RANGE = { min: 1, max: 6 } as const;
const SRCRAD_MAX_PX = 30;

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const RANGE = new RegExp(String.raw`^\s*(${NUMBER})\s*-\s*(${NUMBER})\s*$`);
const code = (key: string): string => `\`${key}\``;
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const isOn = (request: Request, ...keys: string[]): boolean => keys.some((k) => request[k] === 1);

interface Range {
  readonly start: number;
  readonly stop: number;
}

function parseRange(text: string): Range | undefined {
  const m = RANGE.exec(text);
  return m ? { start: Number(m[1]), stop: Number(m[2]) } : undefined;
}

/** Splits a comma list, keeping empty items so they can be reported. */
function items(text: string): string[] {
  return text.split(',').map((s) => s.trim());
}

/** The comma list with every item equal to `item` replaced (whole items only, never substrings). */
function replaceItem(text: string, item: string, replacement: string): string {
  return items(text)
    .map((i) => (i === item ? replacement : i))
    .join(',');
}

// ---------------------------------------------------------------------------------------------
// Energy bands of the light curve

const BAND_DEFAULTS = { minen: 0.3, maxen: 10, soft1: 0.3, soft2: 1.5, hard1: 1.5, hard2: 10 } as const;
type BandKey = keyof typeof BAND_DEFAULTS;

function checkEnergyBands(request: Request): SemanticIssue[] {
  const keys = Object.keys(BAND_DEFAULTS) as BandKey[];
  if (!keys.some((k) => request[k] !== undefined)) return [];
  // A given value of the wrong type is zod's to report; comparing against a default then would mislead.
  if (keys.some((k) => request[k] !== undefined && num(request[k]) === undefined)) return [];
  const given = (k: BandKey): boolean => request[k] !== undefined;
  const value = (k: BandKey): number => num(request[k]) ?? BAND_DEFAULTS[k];
  const show = (k: BandKey): string => `${code(k)} (${value(k)} keV${given(k) ? '' : ', the default'})`;
  const out: SemanticIssue[] = [];

  const ordered = (lo: BandKey, hi: BandKey, what: string): boolean => {
    if (value(lo) < value(hi)) return true;
    const both = given(lo) && given(hi);
    out.push({
      key: given(lo) ? lo : hi,
      severity: 'error',
      message: `${what}: ${show(lo)} must be below ${show(hi)}.`,
      fix: both
        ? { title: `Swap ${code(lo)} and ${code(hi)}`, replaceWith: value(hi), alsoReplace: [{ key: hi, replaceWith: value(lo) }] }
        : undefined,
    });
    return false;
  };
  const within = (inner: BandKey, outer: BandKey, relation: 'atLeast' | 'atMost', what: string): void => {
    const ok = relation === 'atLeast' ? value(inner) >= value(outer) : value(inner) <= value(outer);
    if (ok) return;
    out.push({
      key: given(inner) ? inner : outer,
      severity: 'error',
      message: `${what}: ${show(inner)} must be ${relation === 'atLeast' ? 'at least' : 'at most'} ${show(outer)}.`,
    });
  };

  const totalOk = ordered('minen', 'maxen', 'Total band');
  const softOk = ordered('soft1', 'soft2', 'Soft band');
  const hardOk = ordered('hard1', 'hard2', 'Hard band');
  // A reversed band makes every containment test against it fail too; report the cause only.
  if (totalOk && softOk) {
    within('soft1', 'minen', 'atLeast', 'Soft band');
    within('soft2', 'maxen', 'atMost', 'Soft band');
  }
  if (totalOk && hardOk) {
    within('hard1', 'minen', 'atLeast', 'Hard band');
    within('hard2', 'maxen', 'atMost', 'Hard band');
  }
  for (const k of keys) {
    if (given(k) && (value(k) < XRT_MIN_KEV || value(k) > XRT_MAX_KEV)) {
      out.push({
        key: k,
        severity: 'warning',
        message: `${code(k)} is ${value(k)} keV, outside XRT's calibrated ${XRT_MIN_KEV}–${XRT_MAX_KEV} keV.`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image bands: "lo-hi,lo-hi"

function checkImageBands(request: Request): SemanticIssue[] {
  const text = str(request.imen);
  if (text === undefined || text.trim() === '') return [];
  const out: SemanticIssue[] = [];
  const repaired: string[] = [];
  let repairable = true;
  for (const item of items(text)) {
    if (item === '') {
      out.push({ key: 'imen', severity: 'error', message: '`imen` has an empty band (two commas in a row, or a comma at an end).' });
      continue;
    }
    const band = parseRange(item);
    if (!band || band.start < 0) {
      out.push({ key: 'imen', severity: 'error', message: `\`imen\` band "${item}" is not of the form lo-hi in keV (e.g. "0.3-10").` });
      repairable = false;
      continue;
    }
    if (band.start >= band.stop) {
      out.push({ key: 'imen', severity: 'error', message: `\`imen\` band "${item}": the lower energy must come first and be smaller.` });
      if (band.start === band.stop) repairable = false;
      repaired.push(`${band.stop}-${band.start}`);
      continue;
    }
    if (band.start < XRT_MIN_KEV || band.stop > XRT_MAX_KEV) {
      out.push({
        key: 'imen',
        severity: 'warning',
        message: `\`imen\` band "${item}" reaches outside XRT's calibrated ${XRT_MIN_KEV}–${XRT_MAX_KEV} keV.`,
      });
    }
    repaired.push(item);
  }
  const errors = out.filter((i) => i.severity === 'error');
  if (errors.length > 0 && repairable) {
    const fix: SemanticFix = { title: 'Put each band in low-high order and drop empty ones', replaceWith: repaired.join(',') };
    return out.map((i) => (i.severity === 'error' ? { ...i, fix } : i));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Spectrum time intervals: rnameN / gtiN

function checkIntervals(request: Request): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const relative = isOn(request, 'SinceT0', 'sinceT0');
  const names = new Map<string, string>();
  for (const n of [1, 2, 3, 4]) {
    const nameKey = `rname${n}`;
    const gtiKey = `gti${n}`;
    const name = str(request[nameKey]);
    if (name !== undefined && name !== '') {
      const cleaned = name.replace(/[^A-Za-z0-9]/g, '');
      if (cleaned === '') {
        out.push({
          key: nameKey,
          severity: 'error',
          message: `${code(nameKey)} must contain letters or digits; the service strips everything else, which would leave nothing.`,
        });
      } else if (cleaned !== name) {
        out.push({
          key: nameKey,
          severity: 'warning',
          message: `The service strips everything but letters and digits from ${code(nameKey)}: "${name}" becomes "${cleaned}".`,
          fix: { title: `Use "${cleaned}"`, replaceWith: cleaned },
        });
      }
      const earlier = names.get(cleaned.toLowerCase());
      if (cleaned !== '' && earlier)
        out.push({
          key: nameKey,
          severity: 'error',
          message: `${code(nameKey)} names the same interval as ${code(earlier)}; each interval needs its own name (it is a file name).`,
        });
      else if (cleaned !== '') names.set(cleaned.toLowerCase(), nameKey);
    }
    const gti = str(request[gtiKey]);
    if (gti === undefined || gti.trim() === '') continue;
    if (request.timeslice !== 'user') {
      out.push({ key: gtiKey, severity: 'warning', message: `${code(gtiKey)} is only used when \`timeslice\` is "user".` });
    }
    out.push(...checkTimeRanges(gtiKey, gti, relative, true));
  }
  return out;
}

/** `start-stop[,start-stop…]`; `strict`: a non-numeric item is an error rather than a doubt. */
function checkTimeRanges(key: string, text: string, relative: boolean, strict: boolean): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const ranges: Range[] = [];
  for (const item of items(text)) {
    if (item === '') {
      out.push({ key, severity: 'error', message: `${code(key)} has an empty entry (two commas in a row, or a comma at an end).` });
      continue;
    }
    const range = parseRange(item);
    if (!range) {
      // Other time formats are accepted by the web tool but not documented for the API (§3.9): doubt, not refuse.
      out.push({
        key,
        severity: strict ? 'error' : 'warning',
        message: `${code(key)}: "${item}" is not a start-stop pair of seconds (e.g. "608713541-608714541"${relative ? ' or, with `SinceT0` 1, "0-1000"' : ''}).`,
      });
      continue;
    }
    if (range.start >= range.stop) {
      out.push({
        key,
        severity: 'error',
        message: `${code(key)}: "${item}" must start before it stops.`,
        fix:
          range.start > range.stop
            ? { title: 'Swap start and stop', replaceWith: replaceItem(text, item, `${range.stop}-${range.start}`) }
            : undefined,
      });
      continue;
    }
    ranges.push(range);
  }
  if (ranges.length === 0) return out;
  if (relative && ranges.some((r) => Math.abs(r.start) >= SWIFT_LAUNCH_MET)) {
    out.push({
      key,
      severity: 'warning',
      message: `${code(key)} looks like absolute MET, but \`SinceT0\` is 1, so it is read as seconds since T0.`,
    });
  } else if (!relative && ranges.every((r) => r.stop < SWIFT_LAUNCH_MET)) {
    out.push({
      key,
      severity: 'warning',
      message: `${code(key)} ends before Swift's launch if read as MET; if these are seconds since T0, set \`SinceT0\` to 1.`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Data selections: use*obs (§3.9)

const OBS_SELECTIONS: readonly { readonly field: string; readonly mode: string }[] = [
  { field: 'uselcobs', mode: 'lcobs' },
  { field: 'usespecobs', mode: 'specobs' },
  { field: 'useposobs', mode: 'posobs' },
  { field: 'useimobs', mode: 'imobs' },
  { field: 'usedetobs', mode: 'detobs' },
];
const OBSID_DIGITS = 11;
const TARGET_DIGITS = 8;
/** `first-last` of 11-digit obsIDs, as in the documented source-detection request. */
const OBSID_RANGE = /^(\d{11})\s*-\s*(\d{11})$/;
const isObsIdLike = (item: string): boolean => /^\d+$/.test(item) || OBSID_RANGE.test(item);

function checkObsSelections(request: Request): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const relative = isOn(request, 'SinceT0', 'sinceT0');
  for (const { field, mode } of OBS_SELECTIONS) {
    const text = str(request[field]);
    if (text === undefined || text.trim() === '') continue;
    // xrt_prods sets the mode to "user" as soon as a list is given; the service itself ignores the list
    // unless the mode says "user", so a file relying on the former would silently use other data.
    if (request[mode] !== 'user') {
      out.push({
        key: field,
        severity: 'error',
        message: `${code(field)} is only used when ${code(mode)} is "user"${request[mode] === undefined ? '' : ` (it is ${JSON.stringify(request[mode])})`}; the Python client sets it to "user" when a list is given, the service does not.`,
        fix: { title: `Set "${mode}": "user"`, replaceWith: request[field], alsoReplace: [{ key: mode, replaceWith: 'user' }] },
      });
    }
    const list = items(text);
    if (!list.some(isObsIdLike)) {
      out.push(...checkTimeRanges(field, text, relative, false));
      continue;
    }
    for (const item of list) {
      const obsRange = OBSID_RANGE.exec(item);
      if (item === '') {
        out.push({
          key: field,
          severity: 'error',
          message: `${code(field)} has an empty entry (two commas in a row, or a comma at an end).`,
        });
      } else if (/^\d+$/.test(item)) {
        out.push(...checkObsId(field, text, item));
      } else if (obsRange) {
        if (obsRange[1]! > obsRange[2]!)
          out.push({
            key: field,
            severity: 'error',
            message: `${code(field)}: the obsID range "${item}" must go from the lower to the higher obsID.`,
          });
      } else {
        out.push({
          key: field,
          severity: 'error',
          message: `${code(field)}: "${item}" is not an 11-digit obsID; a list must be all obsIDs or all start-stop time ranges.`,
        });
      }
    }
  }
  return out;
}

function checkObsId(field: string, text: string, item: string): SemanticIssue[] {
  if (item.length === OBSID_DIGITS) return [];
  if (item.length > OBSID_DIGITS)
    return [
      {
        key: field,
        severity: 'error',
        message: `${code(field)}: "${item}" has more than 11 digits; an obsID is an 8-digit target ID followed by a 3-digit segment.`,
      },
    ];
  if (item.length <= TARGET_DIGITS) {
    return [
      {
        key: field,
        severity: 'error',
        message: `${code(field)}: "${item}" looks like a target ID; an obsID adds a 3-digit segment number (e.g. "${item.padStart(TARGET_DIGITS, '0')}001").`,
      },
    ];
  }
  const padded = item.padStart(OBSID_DIGITS, '0');
  return [
    {
      key: field,
      severity: 'error',
      message: `${code(field)}: obsIDs have 11 digits with leading zeros ("${padded}").`,
      fix: { title: `Zero-pad to "${padded}"`, replaceWith: replaceItem(text, item, padded) },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Target IDs

function checkTargetIds(request: Request): SemanticIssue[] {
  const text = str(request.targ);
  if (text === undefined) return [];
  const braced = /^\s*\{.*\}\s*$/.test(text);
  const list = items(text.replace(/^\s*\{|\}\s*$/g, ''));
  if (!list.every((i) => /^\d{1,8}$/.test(i))) return []; // the schema's pattern reports it
  const canonical = [...new Set(list.map((i) => i.padStart(TARGET_DIGITS, '0')))].join(',');
  if (canonical === text) return [];
  const reasons: string[] = [];
  if (braced) reasons.push('the braces are how the service echoes a list, not part of it');
  if (list.some((i) => i.length < TARGET_DIGITS)) reasons.push('target IDs have 8 digits with leading zeros');
  if (new Set(list).size < list.length) reasons.push('an ID is listed twice');
  if (reasons.length === 0) reasons.push('extra spaces');
  return [
    {
      key: 'targ',
      severity: 'warning',
      message: `\`targ\`: ${reasons.join('; ')}.`,
      fix: { title: `Use "${canonical}"`, replaceWith: canonical },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Single values

function checkTstart(request: Request): SemanticIssue[] {
  const value = request.Tstart;
  const out: SemanticIssue[] = [];
  if (typeof value === 'string' && value.trim() !== '') {
    const asNumber = Number(value.trim());
    if (Number.isFinite(asNumber) && new RegExp(`^${NUMBER}$`).test(value.trim())) {
      out.push({
        key: 'Tstart',
        severity: 'warning',
        message: '`Tstart` is a number written as a string; send MET seconds as a number.',
        fix: { title: `Use ${asNumber}`, replaceWith: asNumber },
      });
    } else {
      // The API's direct-HTTP docs (APIDocs) say the web tool's time formats are accepted, but their list is not documented (§3.2).
      out.push({
        key: 'Tstart',
        severity: 'warning',
        message: '`Tstart` is not MET seconds; other time formats are not documented for the API and may be refused. MET seconds are safe.',
      });
    }
  }
  const met = num(value);
  if (met !== undefined && met < SWIFT_LAUNCH_MET)
    out.push({
      key: 'Tstart',
      severity: 'warning',
      message: `\`Tstart\` (${met}) is before Swift's launch (MET ${SWIFT_LAUNCH_MET}); it must be absolute MET seconds.`,
    });
  if (value !== undefined && request.getT0 === 1)
    out.push({
      key: 'Tstart',
      severity: 'warning',
      message: '`getT0` is 1, so the service replaces `Tstart` with the trigger or first-observation time. Set `getT0` to 0 to keep yours.',
    });
  return out;
}

function checkPosErr(request: Request): SemanticIssue[] {
  const value = num(request.poserr);
  if (value === undefined || (value >= POSERR_RANGE.min && value <= POSERR_RANGE.max)) return [];
  // The service has refused values outside 1–6 but also echoed 60 (§17 D6): warn, do not refuse.
  return [
    {
      key: 'poserr',
      severity: 'warning',
      message: `\`poserr\` is ${value} arcmin; the service has been seen to refuse values outside ${POSERR_RANGE.min}–${POSERR_RANGE.max}.`,
    },
  ];
}

function checkSrcRad(request: Request): SemanticIssue[] {
  const value = num(request.srcrad);
  if (value === undefined || value <= SRCRAD_MAX_PX) return [];
  return [
    {
      key: 'srcrad',
      severity: 'warning',
      message: `\`srcrad\` is ${value} px; the service uses at most ${SRCRAD_MAX_PX} px.`,
      fix: { title: `Use ${SRCRAD_MAX_PX}`, replaceWith: SRCRAD_MAX_PX },
    },
  ];
}

/** Data selections by hours, with the time each needs (xrt_prods refuses "hours" without it). */
const HOURS_SELECTIONS: readonly { readonly mode: string; readonly hours: string; readonly fallback: number }[] = [
  { mode: 'posobs', hours: 'posobstime', fallback: 12 },
  { mode: 'specobs', hours: 'specobstime', fallback: 12 },
];

function checkHoursSelections(request: Request): SemanticIssue[] {
  return HOURS_SELECTIONS.filter(({ mode, hours }) => request[mode] === 'hours' && request[hours] === undefined).map(
    ({ mode, hours, fallback }) => ({
      key: mode,
      severity: 'warning' as const,
      message: `${code(mode)} is "hours" but ${code(hours)} is not given; the service assumes ${fallback} h, the Python client refuses such a request.`,
      fix: { title: `Add "${hours}": ${fallback}`, replaceWith: 'hours', alsoReplace: [{ key: hours, replaceWith: fallback }] },
    }),
  );
}

function checkRedshiftGalactic(request: Request): SemanticIssue[] {
  if (request.spec !== 1 || request.specz !== 1 || request.galactic !== undefined) return [];
  return [
    {
      key: 'specz',
      severity: 'warning',
      message:
        'With a redshift the Python client also fits the Galactic absorber (`galactic` 1), and so does this extension when `galactic` is not given. Add it to make that explicit, or set it to 0.',
      fix: { title: 'Add "galactic": 1', replaceWith: 1, alsoReplace: [{ key: 'galactic', replaceWith: 1 }] },
    },
  ];
}

function checkUseSxps(request: Request): SemanticIssue[] {
  if (request.useSXPS !== undefined || conditionHolds(sourceDetOnly, request)) return [];
  // The Python client refuses such a job; the service assumes 0 (§3.2, §17 D3). A warning with the
  // explicit value keeps documented requests that omit it (the curl tutorial) valid.
  return [
    {
      key: 'useSXPS',
      severity: 'warning',
      message: '`useSXPS` is not given; the service assumes 0 (do not use SXPS source lists). The Python client requires it.',
      fix: { title: 'Add "useSXPS": 0', replaceWith: 0 },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Spelling: accepted aliases, Python-client names, near-misses

/** Python-client parameter names (§3.8) that map to one wire name whatever the product. */
const PYTHON_NAMES: Readonly<Record<string, string>> = {
  centroid: 'cent',
  T0: 'Tstart',
  minEnergy: 'minen',
  maxEnergy: 'maxen',
  softLo: 'soft1',
  softHi: 'soft2',
  hardLo: 'hard1',
  hardHi: 'hard2',
  minSig: 'sigmin',
  minCounts: 'mincmin',
  matchHR: 'hrbin',
  wtHRBinTime: 'wthrbin',
  pcHRBinTime: 'pchrbin',
  minFracExp: 'femin',
  pcBinTime: 'pcbin',
  wtBinTime: 'wtbin',
  timeFormat: 'lctimetype',
  timeType: 'lctimetype',
  hasRedshift: 'specz',
  redshift: 'zval',
  deltaFitStat: 'dchi',
  detOrCent: 'detornot',
  useAllObs: 'allxastrom',
  energies: 'imen',
  whichBands: 'detbands',
};

function checkAliases(request: Request): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  for (const [alias, canonical] of Object.entries(REQUEST_ALIASES)) {
    if (request[alias] === undefined) continue;
    if (request[canonical] === undefined) {
      out.push({
        key: alias,
        severity: 'warning',
        message: `${code(alias)} is an older spelling; the service's name is ${code(canonical)}.`,
        fix: { title: `Rename to "${canonical}"`, replaceWith: request[alias], renameKeyTo: canonical },
      });
    } else {
      const same = JSON.stringify(request[alias]) === JSON.stringify(request[canonical]);
      out.push({
        key: alias,
        severity: same ? 'warning' : 'error',
        message: same
          ? `${code(alias)} repeats ${code(canonical)}; remove it.`
          : `${code(alias)} and ${code(canonical)} are the same parameter with different values; which one the service uses is not documented. Keep only ${code(canonical)}.`,
      });
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key `key` was probably meant as, or undefined. Case-only variants are left to the JSON Schema. */
function suggestKey(key: string): string | undefined {
  if (KNOWN_REQUEST_KEYS.has(key)) return undefined;
  const lower = key.toLowerCase();
  if ([...KNOWN_REQUEST_KEYS].some((k) => k.toLowerCase() === lower)) return undefined;
  if (PYTHON_NAMES[key]) return PYTHON_NAMES[key];
  const tolerance = key.length >= 6 ? 2 : 1;
  const scored = [...KNOWN_REQUEST_KEYS].filter((k) => !REQUEST_ALIASES[k]).map((k) => ({ k, d: editDistance(lower, k.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.d));
  const candidates = scored.filter((s) => s.d === best);
  return best <= tolerance && candidates.length === 1 ? candidates[0]!.k : undefined;
}

function checkUnknownKeys(request: Request): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  for (const key of Object.keys(request)) {
    const suggestion = suggestKey(key);
    if (!suggestion) continue;
    const python = PYTHON_NAMES[key] === suggestion;
    out.push({
      key,
      severity: 'warning',
      message: python
        ? `${code(key)} is the Python client's name; the service ignores it. Its name on the wire is ${code(suggestion)}.`
        : `${code(key)} is not a parameter of the product generator, so the service would ignore it. Did you mean ${code(suggestion)}?`,
      fix:
        request[suggestion] === undefined
          ? { title: `Rename to "${suggestion}"`, replaceWith: request[key], renameKeyTo: suggestion }
          : undefined,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const CHECKS: readonly ((request: Request) => SemanticIssue[])[] = [
  checkEnergyBands,
  checkImageBands,
  checkIntervals,
  checkObsSelections,
  checkTargetIds,
  checkTstart,
  checkPosErr,
  checkSrcRad,
  checkUseSxps,
  checkHoursSelections,
  checkRedshiftGalactic,
  checkAliases,
  checkUnknownKeys,
];

/**
 * Every semantic check; a non-object request yields nothing (the schema reports that). Issues about
 * fields of products the request does not ask for are dropped: the service ignores those fields.
 */
export function checkXrtRequestSemantics(request: unknown): SemanticIssue[] {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return [];
  const body = request as Request;
  return CHECKS.flatMap((check) => check(body)).filter((issue) => !isFieldOfUnrequestedProduct(issue.key, body));
}
