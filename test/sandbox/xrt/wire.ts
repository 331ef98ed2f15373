// How the emulated product generator puts a JSON reply on the wire, and the switchable variants for
// what the XRT product generator API docs leave unknown. By default the reply looks like the real
// server's captured one: JSON labelled `text/html; charset=UTF-8`, preceded by a blank line, with a
// PHP session cookie and no-cache headers. Variants (names in XRT_VARIANTS, documented in README.md):
//   xrt-json-content-type   `application/json` and no leading blank line (a fixed or proxied server)
//   xrt-null-optionals      `null` / `""` in every field a client does not strictly need
//   xrt-legacy-echo         `jobPars` as older servers echoed them (useSXPS "2SXPS", numeric enum codes)
//   xrt-api-version=<v>     `APIVersion` <v> instead of "1.12" (a server newer than the client)
import { randomBytes } from 'node:crypto';
import type { SandboxResponse } from '../types';
import type { VariantSet } from '../variants';

export const XRT_VARIANTS = {
  jsonContentType: 'xrt-json-content-type',
  nullOptionals: 'xrt-null-optionals',
  legacyEcho: 'xrt-legacy-echo',
  apiVersion: 'xrt-api-version',
} as const;

/** The no-cache headers PHP sends with a session (Cache-Control no-store as in the captured reply). */
const PHP_SESSION_HEADERS = {
  expires: 'Thu, 19 Nov 1981 08:52:00 GMT',
  'cache-control': 'no-store, no-cache, must-revalidate',
  pragma: 'no-cache',
} as const;

export function sessionCookie(): string {
  return `PHPSESSID=${randomBytes(13).toString('hex')}; path=/`;
}

/** The JSON text of a reply; PHP's json_encode escapes slashes (the numjobs error fixture shows `\/`). */
export function jsonText(body: Record<string, unknown>): string {
  return JSON.stringify(body).replace(/\//g, '\\/');
}

/** A JSON reply as the real server sends it, unless the variant asks for a plain JSON content type. */
export function wireJson(body: Record<string, unknown>, variants: VariantSet | undefined): SandboxResponse {
  const text = jsonText(body);
  if (variants?.is(XRT_VARIANTS.jsonContentType)) return { status: 200, headers: { 'content-type': 'application/json' }, body: text };
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'set-cookie': sessionCookie(), ...PHP_SESSION_HEADERS },
    body: `\n${text}\n`,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The reply with `null` or `""` in the fields xrt_prods never relies on, by endpoint (positions without
 * a position, light-curve and spectrum T0/Binning/TimeFormat/URL, status texts and progress extras,
 * old-job names and dates). Alternates null and "" so both spellings are met.
 */
export function blankOptionals(path: string, body: Json): Json {
  const out: Json = structuredClone(body);
  if (/Pos\.php$/.test(path) && !out.GotPos) Object.assign(out, { RA: null, Dec: '', Err90: null, FromSXPS: null, WhichSXPS: '' });
  if (path.endsWith('/getLCData.php')) {
    Object.assign(out, { T0: null, Binning: '', TimeFormat: null });
    const names = Array.isArray(out.Datasets) ? out.Datasets : [];
    names.forEach((name, i) => {
      const ds = out[`${String(name)}Data`];
      if (isObject(ds)) ds.URL = i % 2 === 0 ? null : '';
    });
  }
  if (path.endsWith('/getSpecData.php') && !out.NoSpectrum) Object.assign(out, { T0: null, GalNH_unfitted: '' });
  if (path.endsWith('/checkProductStatus.php')) {
    for (const value of Object.values(out)) {
      if (!isObject(value)) continue;
      value.statusText = null;
      const progress = value.progress;
      if (!isObject(progress)) continue;
      progress.TimeRunning = progress.GotProgress === 1 ? null : '';
      progress.PreProgress = '';
      const steps = Array.isArray(progress.ProgressSteps) ? progress.ProgressSteps : [];
      for (const step of steps) if (isObject(step) && step.StepExtra === undefined) step.StepExtra = null;
    }
  }
  if (path.endsWith('/listOldJobs.php') && Array.isArray(out.jobs)) {
    out.jobs.forEach((job, i) => {
      if (isObject(job)) Object.assign(job, i % 2 === 0 ? { Name: null, DateSubmitted: '' } : { Name: '', DateSubmitted: null });
    });
  }
  return out;
}

/** How older servers echoed `jobPars` (the legacy getCoords example): catalogue name and numeric codes. */
export function legacyEcho(jobPars: Json): Json {
  const out: Json = { ...jobPars };
  if (out.useSXPS === 1 || out.useSXPS === '1') out.useSXPS = '2SXPS';
  if (out.timeslice === 'single') out.timeslice = 1;
  if (out.specobs === 'hours') out.specobs = 1;
  if (out.centMeth === 'simple') out.centMeth = '3';
  return out;
}
