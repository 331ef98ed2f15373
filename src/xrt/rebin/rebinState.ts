// What a stored rebin is to the user: its outcome (running, done, failed, cancelled) from the site API's
// status code (test/fixtures/protocol/xrt-products.md §16.3: the product generator's codes; 4 complete,
// every negative code terminal, anything else still pending), its label (the binning in words), and
// when to ask about it again. Pure, so it is unit-tested without VS Code or timers.
import type { RebinState } from '../jobs/jobRecord';
import type { RebinParams } from './rebinRequest';

export type RebinOutcome = 'running' | 'done' | 'failed' | 'cancelled';

/** -4 cancelled, other negative codes failed, 4 done; null (not looked at yet) and every other code running. */
export function rebinOutcome(code: number | null): RebinOutcome {
  if (code === 4) return 'done';
  if (code === -4) return 'cancelled';
  if (code !== null && code < 0) return 'failed';
  return 'running';
}

export function isRebinActive(rebin: Pick<RebinState, 'statusCode'>): boolean {
  return rebinOutcome(rebin.statusCode) === 'running';
}

const METHOD_WORDS: Readonly<Record<RebinParams['binMeth'], string>> = {
  counts: 'counts',
  time: 'time',
  snapshot: 'one bin per snapshot',
  obsid: 'one bin per observation',
};

/**
 * The binning in a few words, e.g. "counts: PC 20, WT 30 counts, dynamic" or "time: PC 1000 s, WT 10 s";
 * the energy band and time axis only when they differ from the documented defaults.
 */
export function binningLabel(binning: Readonly<Record<string, unknown>>): string {
  const method =
    typeof binning.binMeth === 'string' && binning.binMeth in METHOD_WORDS ? (binning.binMeth as RebinParams['binMeth']) : undefined;
  if (!method) return 'unknown binning';
  const parts: string[] = [];
  const n = (key: string): string | undefined => (typeof binning[key] === 'number' ? String(binning[key]) : undefined);
  if (method === 'counts') {
    const pc = n('pccounts');
    const wt = n('wtcounts');
    const counts = [pc ? `PC ${pc}` : '', wt ? `WT ${wt}` : ''].filter(Boolean).join(', ');
    if (counts) parts.push(`${counts} counts`);
    if (binning.dynamic === 1) parts.push('dynamic');
  } else if (method === 'time') {
    const pc = n('pcbin');
    const wt = n('wtbin');
    const times = [pc ? `PC ${pc} s` : '', wt ? `WT ${wt} s` : ''].filter(Boolean).join(', ');
    if (times) parts.push(times);
  }
  const minen = n('minen');
  const maxen = n('maxen');
  if ((minen && minen !== '0.3') || (maxen && maxen !== '10')) parts.push(`${minen ?? '0.3'}–${maxen ?? '10'} keV`);
  if (binning.lctimetype === 'm' || binning.lctimetype === 'mjd') parts.push('MJD');
  if (binning.lcobs === 'user') parts.push('chosen data');
  return parts.length > 0 ? `${METHOD_WORDS[method]}: ${parts.join(', ')}` : METHOD_WORDS[method];
}

/**
 * The site API's advice (§16.3: the rebin is not instantaneous, try again after about 30 s) and the
 * product generator's limit (never more often than every 10 s, §15): look 30 s after the request and
 * every 30 s while it is young, less often as it ages (60 s after 10 min, 5 min after an hour), twice as
 * long while the window is in the background, and back off on failures. Never more than 10 min.
 */
export const REBIN_FIRST_POLL_S = 30;
const MIN_DELAY_S = 10;
const MAX_DELAY_S = 600;

interface RebinPollInput {
  /** Seconds since the rebin was requested. */
  readonly ageS: number;
  /** Failed status requests in a row. */
  readonly consecutiveErrors: number;
  readonly windowFocused: boolean;
}

export function nextRebinPollDelayS(input: RebinPollInput): number {
  let delay: number;
  if (input.consecutiveErrors > 0) delay = REBIN_FIRST_POLL_S * 2 ** Math.min(6, input.consecutiveErrors - 1);
  else if (input.ageS < 600) delay = REBIN_FIRST_POLL_S;
  else if (input.ageS < 3600) delay = 60;
  else delay = 300;
  if (!input.windowFocused) delay *= 2;
  return Math.min(MAX_DELAY_S, Math.max(MIN_DELAY_S, delay));
}
