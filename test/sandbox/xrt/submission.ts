// Validation of `POST /run_userobject.php` by the server's rules as the API's direct-HTTP docs (APIDocs)
// give them (test/fixtures/protocol/xrt-products.md §3, §17 D3), and the `jobPars` echo: user values,
// defaults and resolved values, enumerations as strings (§3.10).
import { CATALOGUE, resolveName, separationDeg, type CatalogueEntry } from '../catalogue';
import { PRODUCT_CODES, PRODUCT_FLAG, TEXT, type ProductCode } from './constants';
import type { BinMethod, JobSpec, LcSpec, ModeChoice, SpecInterval, SpecModel, SpecSpec, Timeslice } from './jobSpec';
import { ParamReader, show } from './params';
import type { ErrorGroup, JsonObject } from './replies';
import { utcToMet } from './time';

export interface SubmitRules {
  /** §17 D6: the server's error text says 1–6 arcmin, yet one echo shows 60. */
  readonly strictPoserrRange: boolean;
}

export type SubmitOutcome = { ok: true; spec: JobSpec; jobPars: JsonObject } | { ok: false; message: string; listErr?: ErrorGroup[] };

/** XRT field of view radius: catalogue sources further than this from the pointing are not "in the field". */
export const FIELD_RADIUS_DEG = 12 / 60;

const MODE_CHOICES: readonly ModeChoice[] = ['no', 'pc', 'wt', 'both'];
const GRADES = ['all', '0', '4'] as const;
const DEFAULT_IMAGE_BANDS = '0.3-10,0.3-1.5,1.51-10';

export function validateSubmission(input: JsonObject, rules: SubmitRules): SubmitOutcome {
  const r = new ParamReader(input);
  const echo: JsonObject = {};
  const copy = (key: string): void => {
    if (input[key] !== undefined) echo[key] = input[key];
  };
  copy('api_name');
  copy('api_version');
  echo.UserID = input.UserID;

  const requested = PRODUCT_CODES.filter((code) => r.flag(PRODUCT_FLAG[code]) === 1);
  const products: ProductCode[] = [...requested];
  if (requested.includes('xastrom') && !products.includes('psf')) products.splice(products.indexOf('xastrom'), 0, 'psf');
  if (requested.length === 0)
    r.bad('No product was requested: set at least one of lc, spec, dopsf, doenh, doxastrom, image, sourceDet to 1');
  const sourceDetOnly = requested.length === 1 && requested[0] === 'sourceDet';
  const wants = (code: ProductCode): boolean => products.includes(code);
  const wantsPosition = wants('psf') || wants('enh') || wants('xastrom');

  // --- globals (§3.2) ---
  const name = r.text('name', { required: true });
  const getCoords = r.flag('getCoords');
  const getTargs = r.flag('getTargs');
  const getT0 = r.flag('getT0');
  const targText = getTargs ? r.text('targ') : r.text('targ', { required: true });
  let targets: string[] = [];
  if (targText !== undefined) {
    const stripped = targText.trim().replace(/^\{(.*)\}$/, '$1');
    if (/^\d{1,8}(\s*,\s*\d{1,8})*$/.test(stripped)) targets = stripped.split(',').map((t) => t.trim().padStart(8, '0'));
    else r.bad(`targ is ${targText}, but must be a comma-separated list of Swift target IDs`);
  }
  const needPosition = !getCoords && !sourceDetOnly;
  const ra = r.number('RA', { required: needPosition, min: 0, max: 360 });
  const dec = r.number('Dec', { required: needPosition, min: -90, max: 90 });
  const cent = r.has('cent') ? r.flag('cent') : wants('lc') || wants('spec') ? (r.need('cent'), 0) : 0;
  // Range-checked whenever given: the server's own error example flags `poserr` while `cent` is missing.
  const poserrRule = rules.strictPoserrRange ? { min: 1, max: 6 } : { min: 0, exclusiveMin: true };
  const poserr = r.number('poserr', { ...poserrRule, required: cent === 1 });
  const centMeth = r.choice('centMeth', ['simple', 'iterative'], { legacyNumeric: true }) ?? 'simple';
  const maxCentTries = r.number('maxCentTries', { min: 1, integer: true }) ?? 10;
  const sss = r.flag('sss');
  const useSXPSValue = r.find('useSXPS')?.value;
  // §17 D7: sent as 0/1, once echoed as "2SXPS"; anything but zero means yes.
  const useSXPS = useSXPSValue !== undefined && useSXPSValue !== 0 && useSXPSValue !== '0' && useSXPSValue !== false;
  const sinceT0 = r.flag(['SinceT0', 'sinceT0']);
  const wtpuprate = r.number('wtpuprate', { min: 0, exclusiveMin: true }) ?? 150;
  const pcpuprate = r.number('pcpuprate', { min: 0, exclusiveMin: true }) ?? 0.6;
  const notify = r.flag('notify');
  const tstart = readTime(r, 'Tstart');

  // --- positions (§3.3) ---
  const posRadius = r.number('posRadius', { min: 0, exclusiveMin: true }) ?? 20;
  const posobs = r.choice('posobs', ['all', 'user', 'hours']) ?? 'hours';
  const useposobs = posobs === 'user' && wantsPosition ? r.text('useposobs', { required: true }) : r.text('useposobs');
  const posobstime = r.number('posobstime', { min: 0, exclusiveMin: true }) ?? 12;
  const detornot = r.choice('detornot', ['detect', 'centroid'], { legacyNumeric: true }) ?? 'detect';
  const detMeth = r.choice('detMeth', ['simple', 'iterative'], { legacyNumeric: true }) ?? 'simple';
  const allxastrom = r.flag('allxastrom');

  const lc = wants('lc') ? readLightCurve(r) : undefined;
  const spec = wants('spec') ? readSpectrum(r) : undefined;
  const image = wants('image') ? readImage(r) : undefined;
  const sourceDet = wants('sourceDet') ? readSourceDet(r) : undefined;

  if (r.missing.length > 0 || r.invalid.length > 0) {
    const listErr: ErrorGroup[] = [];
    if (r.missing.length > 0) listErr.push({ label: TEXT.neededLabel, list: [...r.missing] });
    if (r.invalid.length > 0) listErr.push({ label: TEXT.invalidLabel, list: [...r.invalid] });
    return { ok: false, message: TEXT.paramProblems, listErr };
  }
  const objectName = name ?? '';

  // --- server-side resolution (getCoords, getTargs, getT0) ---
  let finalRa = ra;
  let finalDec = dec;
  if (getCoords) {
    const entry = resolveName(objectName);
    if (!entry) return { ok: false, message: `Could not resolve the name \`${objectName}\` to a position; give RA and Dec instead.` };
    finalRa = entry.ra;
    finalDec = entry.dec;
  }
  if (getTargs) {
    const found = targetsFor(objectName, finalRa, finalDec);
    for (const t of found) if (!targets.includes(t)) targets.push(t);
    if (targets.length === 0)
      return {
        ok: false,
        message: `No Swift observations of \`${objectName}\` were found at this position, so no target IDs could be chosen.`,
      };
  }
  let t0 = tstart;
  if (getT0) {
    const entry = entryFor(objectName, finalRa, finalDec, targets);
    if (!entry)
      return { ok: false, message: `Could not determine T0 for \`${objectName}\`: it is not a known GRB and no observations were found.` };
    t0 = entry.t0;
  }

  // --- the echo, in roughly the order the server uses ---
  echo.name = objectName;
  if (getCoords) echo.getCoords = 1;
  echo.getTargs = getTargs;
  echo.getT0 = getT0;
  echo.cent = cent;
  if (finalRa !== undefined) echo.RA = getCoords ? finalRa.toFixed(4) : String(finalRa);
  if (finalDec !== undefined) echo.Dec = getCoords ? finalDec.toFixed(4) : String(finalDec);
  echo.centMeth = String(centMeth);
  echo.useSXPS = useSXPSValue ?? 0;
  if (t0 !== undefined) echo.Tstart = t0;
  if (poserr !== undefined) echo.poserr = poserr;
  for (const code of PRODUCT_CODES) echo[PRODUCT_FLAG[code]] = requested.includes(code) ? 1 : 0;
  echo.allxastrom = allxastrom;
  echo.whatSXPS = '2SXPS';
  echo.sss = String(sss);
  echo.sinceT0 = sinceT0;
  echo.notify = notify;
  echo.do3col = 0;
  echo.enh = 0;
  echo.wtpuprate = wtpuprate;
  echo.pcpuprate = pcpuprate;
  echo.maxCentTries = String(maxCentTries);
  if (lc) Object.assign(echo, lc.echo);
  // The real server echoes these light-curve fields on every job, requested or not (legacy getCoords example).
  else Object.assign(echo, { lcobs: 'all', hrbin: 0 });
  if (spec) Object.assign(echo, spec.echo);
  if (wantsPosition) {
    echo.posRadius = String(posRadius);
    echo.posobs = posobs;
    if (useposobs !== undefined) echo.useposobs = useposobs;
    echo.posobstime = posobstime;
    echo.detornot = String(detornot);
    echo.detMeth = String(detMeth);
  }
  if (image) Object.assign(echo, image.echo);
  if (sourceDet) Object.assign(echo, sourceDet.echo);
  echo.targ = targets.join(',');

  const jobSpec: JobSpec = {
    name: objectName,
    targets,
    ra: finalRa,
    dec: finalDec,
    t0,
    sinceT0: sinceT0 === 1,
    useSXPS,
    products,
    requested,
    posRadius,
    lc: lc?.spec,
    spec: spec?.spec,
    imageBands: image?.bands,
    sourceDetBands: sourceDet?.bands,
  };
  return { ok: true, spec: jobSpec, jobPars: echo };
}

/** §3.9 says Tstart may be in any format the web tool accepts; MET seconds or an ISO date are understood here. */
function readTime(r: ParamReader, name: string): number | undefined {
  const found = r.find(name);
  if (!found) return undefined;
  if (typeof found.value === 'number') return found.value;
  if (typeof found.value === 'string') {
    const text = found.value.trim();
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isFinite(ms)) return utcToMet(ms);
  }
  r.bad(`${name} is ${show(found.value)}, but must be a Swift MET or a date`);
  return undefined;
}

function readLightCurve(r: ParamReader): { spec: LcSpec; echo: JsonObject } {
  const binMeth = r.choice('binMeth', ['counts', 'time', 'snapshot', 'obsid'], { required: true }) as BinMethod | undefined;
  const minen = r.number('minen', { min: 0 }) ?? 0.3;
  const maxen = r.number('maxen', { min: 0 }) ?? 10;
  const soft1 = r.number('soft1', { min: 0 }) ?? 0.3;
  const soft2 = r.number('soft2', { min: 0 }) ?? 1.5;
  const hard1 = r.number('hard1', { min: 0 }) ?? 1.5;
  const hard2 = r.number('hard2', { min: 0 }) ?? 10;
  if (minen >= maxen) r.bad(`minen is ${minen}, but must be below maxen (${maxen})`);
  if (soft1 < minen) r.bad(`soft1 is ${soft1}, but must be at least minen (${minen})`);
  if (soft2 > maxen) r.bad(`soft2 is ${soft2}, but must be at most maxen (${maxen})`);
  if (hard1 < minen) r.bad(`hard1 is ${hard1}, but must be at least minen (${minen})`);
  if (hard2 > maxen) r.bad(`hard2 is ${hard2}, but must be at most maxen (${maxen})`);
  if (soft1 >= soft2) r.bad(`soft1 is ${soft1}, but must be below soft2 (${soft2})`);
  if (hard1 >= hard2) r.bad(`hard1 is ${hard1}, but must be below hard2 (${hard2})`);
  const sigmin = r.number('sigmin', { min: 0, exclusiveMin: true }) ?? 3;
  const grades = r.choice('grades', GRADES) ?? 'all';
  const allowUL = (r.choice('allowUL', MODE_CHOICES) ?? 'both') as ModeChoice;
  const allowB = r.choice(['allowB', 'allowBayes'], MODE_CHOICES) ?? 'both';
  const bayesCounts = r.number('bayesCounts', { min: 0 }) ?? 15;
  const bayesSNR = r.number('bayesSNR', { min: 0, exclusiveMin: true }) ?? 2.4;
  const lctimetype = r.choice('lctimetype', ['s', 'm', 'sec', 'mjd']) ?? 's';
  const lcobs = r.choice('lcobs', ['all', 'user'], { legacyNumeric: true }) ?? 'all';
  const uselcobs = lcobs === 'user' ? r.text('uselcobs', { required: true }) : r.text('uselcobs');
  const srcrad = r.number('srcrad', { min: 1, integer: true });
  const counts = binMeth === 'counts';
  const pccounts = r.number('pccounts', { required: counts, min: 1, integer: true });
  const wtcounts = r.number('wtcounts', { required: counts, min: 1, integer: true });
  // The direct-HTTP docs call `dynamic` mandatory yet "ON by default"; the tolerant reading wins (default 1).
  const dynamic = r.flag('dynamic', 1);
  const ratefact = r.number('ratefact', { min: 0, exclusiveMin: true }) ?? 10;
  const binfact = r.number('binfact', { min: 0, exclusiveMin: true }) ?? 1.5;
  const pcbin = r.number('pcbin', { min: 0, exclusiveMin: true }) ?? 2.51;
  const wtbin = r.number('wtbin', { min: 0, exclusiveMin: true }) ?? 0.5;
  const mincmin = r.number('mincmin', { min: 0 }) ?? 15;
  const minsnr = r.number('minsnr', { min: 0, exclusiveMin: true }) ?? 1.5;
  // §17 D20: three spellings of each max-gap parameter reach the server.
  const pcmaxgap = r.number(['pcmaxgap', 'pcmaxGap', 'pcMaxGap'], { min: 0, exclusiveMin: true }) ?? 1e8;
  const wtmaxgap = r.number(['wtmaxgap', 'wtmaxGap', 'wtMaxGap'], { min: 0, exclusiveMin: true }) ?? 1e8;
  const hrbin = r.flag('hrbin', 1);
  const pchrbin = r.number('pchrbin', { min: 0, exclusiveMin: true }) ?? 2.51;
  const wthrbin = r.number('wthrbin', { min: 0, exclusiveMin: true }) ?? 0.5;
  const femin = r.number('femin', { min: 0, max: 1 }) ?? 0;

  const echo: JsonObject = {
    binMeth: binMeth ?? 'counts',
    ...(pccounts !== undefined ? { pccounts: String(pccounts) } : {}),
    ...(wtcounts !== undefined ? { wtcounts: String(wtcounts) } : {}),
    dynamic,
    lcobs,
    ...(uselcobs !== undefined ? { uselcobs } : {}),
    hrbin,
    ...(hrbin === 0 ? { pchrbin: String(pchrbin), wthrbin: String(wthrbin) } : {}),
    soft1: String(soft1),
    soft2: String(soft2),
    hard1: String(hard1),
    hard2: String(hard2),
    minen: String(minen),
    maxen: String(maxen),
    grades,
    sigmin: String(sigmin),
    allowUL,
    allowB,
    bayesCounts,
    bayesSNR,
    lctimetype,
    pcbin: String(pcbin),
    wtbin: String(wtbin),
    ratefact: String(ratefact),
    binfact: String(binfact),
    mincmin: String(mincmin),
    minsnr,
    pcmaxbin: 1e8,
    wtmaxbin: 1e8,
    pcmaxgap,
    wtmaxgap,
    femin: String(femin),
    // ChangeLog 1.12: the server caps the source radius at 30 pixels; larger values are clamped, not refused.
    ...(srcrad !== undefined ? { srcrad: Math.min(30, srcrad) } : {}),
  };
  const spec: LcSpec = {
    binMeth: binMeth ?? 'counts',
    pccounts: pccounts ?? 20,
    wtcounts: wtcounts ?? 30,
    pcbin,
    wtbin,
    sigmin,
    allowUL,
    timeFormat: lctimetype === 'm' || lctimetype === 'mjd' ? 'MJD' : 'MET',
  };
  return { spec, echo };
}

const GTI_PATTERN = /^\s*-?\d+(\.\d+)?\s*-\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?\s*-\s*-?\d+(\.\d+)?)*\s*$/;

function readSpectrum(r: ParamReader): { spec: SpecSpec; echo: JsonObject } {
  const specz = r.has('specz') ? r.flag('specz') : (r.need('specz'), 0);
  const zval = specz === 1 ? r.number('zval', { required: true, min: 0 }) : r.number('zval', { min: 0 });
  const specobs = (r.choice('specobs', ['all', 'user', 'hours'], { legacyNumeric: true }) ?? 'hours') as SpecSpec['specobs'];
  const usespecobs = specobs === 'user' ? r.text('usespecobs', { required: true }) : r.text('usespecobs');
  const specobstime = r.number('specobstime', { min: 0, exclusiveMin: true }) ?? 12;
  const rawSlice = r.choice('timeslice', ['single', 'user', 'snapshot', 'obsid'], { legacyNumeric: true }) ?? 'single';
  // Legacy numeric codes (§17 D16) have no known meaning; they are built as a single spectrum.
  const timeslice: Timeslice = rawSlice === 'user' || rawSlice === 'snapshot' || rawSlice === 'obsid' ? rawSlice : 'single';
  const intervals: SpecInterval[] = [];
  const intervalEcho: JsonObject = {};
  for (let n = 1; n <= 4; n++) {
    const rname = r.text(`rname${n}`);
    const gti = r.text(`gti${n}`);
    if (rname === undefined && gti === undefined) continue;
    if (rname === undefined) r.need(`rname${n}`);
    if (gti === undefined) r.need(`gti${n}`);
    if (rname === undefined || gti === undefined) continue;
    const label = rname.replace(/[^A-Za-z0-9]/g, '');
    if (label === '') r.bad(`rname${n} is ${rname}, but must contain letters or digits`);
    if (!GTI_PATTERN.test(gti)) r.bad(`gti${n} is ${gti}, but must be a comma-separated list of start-stop times`);
    intervals.push({ rname: label, gti });
    intervalEcho[`rname${n}`] = label;
    intervalEcho[`gti${n}`] = gti;
  }
  if (timeslice === 'user' && intervals.length === 0) {
    if (!r.has('rname1')) r.need('rname1');
    if (!r.has('gti1')) r.need('gti1');
  }
  const specgrades = r.choice('specgrades', GRADES) ?? 'all';
  const specstem = r.text('specstem');
  const doNotFit = r.flag('doNotFit', 0);
  const galactic = r.flag('galactic', 0);
  const models = readModels(r);
  const dchi = r.number('dchi', { min: 0, exclusiveMin: true }) ?? 2.706;
  const echo: JsonObject = {
    specz,
    ...(zval !== undefined ? { zval } : {}),
    timeslice: String(rawSlice),
    ...intervalEcho,
    specobs,
    ...(usespecobs !== undefined ? { usespecobs } : {}),
    specobstime,
    specgrades,
    ...(specstem !== undefined ? { specstem } : {}),
    doNotFit,
    galactic,
    models: [...models],
    dchi,
  };
  const spec: SpecSpec = {
    timeslice,
    intervals,
    models,
    doNotFit: doNotFit === 1,
    redshift: specz === 1 ? zval : undefined,
    galactic: galactic === 1,
    dchi,
    specobs,
    specobstimeHours: specobstime,
  };
  return { spec, echo };
}

/** `models` is a JSON array; whether a comma string is accepted is unknown, so it is (tolerant). */
function readModels(r: ParamReader): SpecModel[] {
  const found = r.find('models');
  if (!found) return ['powerlaw'];
  const items = Array.isArray(found.value) ? found.value : typeof found.value === 'string' ? found.value.split(',') : undefined;
  if (!items || items.length === 0) {
    r.bad(`models is ${show(found.value)}, but must be a list of powerlaw, apec, blackbody`);
    return ['powerlaw'];
  }
  const out: SpecModel[] = [];
  for (const item of items) {
    const text = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (text === 'powerlaw' || text === 'apec' || text === 'blackbody') {
      if (!out.includes(text)) out.push(text);
    } else {
      r.bad(`models contains ${show(item)}, but each model must be one of powerlaw, apec, blackbody`);
    }
  }
  return out.length > 0 ? out : ['powerlaw'];
}

function readImage(r: ParamReader): { bands: Array<[number, number]>; echo: JsonObject } {
  const imen = r.text('imen') ?? DEFAULT_IMAGE_BANDS;
  const bands: Array<[number, number]> = [];
  for (const part of imen.split(',')) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m ? Number(m[2]) : NaN;
    if (!m || !(lo < hi)) {
      r.bad(`imen is ${imen}, but must be a comma-separated list of lo-hi energy bands in keV`);
      break;
    }
    bands.push([lo, hi]);
  }
  const imobs = r.choice('imobs', ['all', 'user'], { legacyNumeric: true }) ?? 'all';
  const useimobs = imobs === 'user' ? r.text('useimobs', { required: true }) : r.text('useimobs');
  return { bands, echo: { imen, imobs, ...(useimobs !== undefined ? { useimobs } : {}) } };
}

function readSourceDet(r: ParamReader): { bands: 'total' | 'all'; echo: JsonObject } {
  // §17 D11: the server default is `user`, so a request without `usedetobs` must say `detobs: all`.
  const detobs = r.choice('detobs', ['all', 'user']) ?? 'user';
  const usedetobs = detobs === 'user' ? r.text('usedetobs', { required: true }) : r.text('usedetobs');
  const bands = (r.choice('detbands', ['total', 'all']) ?? 'total') as 'total' | 'all';
  const fitStrayLight = r.flag('fitStrayLight', 1);
  return { bands, echo: { detobs, ...(usedetobs !== undefined ? { usedetobs } : {}), detbands: bands, fitStrayLight } };
}

/** Catalogue objects matching the name, plus those in the XRT field around (ra, dec). */
function targetsFor(name: string, ra: number | undefined, dec: number | undefined): string[] {
  const entries: CatalogueEntry[] = [];
  const named = resolveName(name);
  if (named) entries.push(named);
  if (ra !== undefined && dec !== undefined) {
    for (const e of CATALOGUE) if (!entries.includes(e) && separationDeg(ra, dec, e.ra, e.dec) <= FIELD_RADIUS_DEG) entries.push(e);
  }
  return entries.flatMap((e) => e.targetIds);
}

function entryFor(name: string, ra: number | undefined, dec: number | undefined, targets: readonly string[]): CatalogueEntry | undefined {
  const named = resolveName(name);
  if (named) return named;
  if (ra !== undefined && dec !== undefined) {
    const near = CATALOGUE.find((e) => separationDeg(ra, dec, e.ra, e.dec) <= FIELD_RADIUS_DEG);
    if (near) return near;
  }
  return CATALOGUE.find((e) => e.targetIds.some((t) => targets.includes(t)));
}
