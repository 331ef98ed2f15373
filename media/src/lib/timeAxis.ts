// The light curve's time axis: which choices a section allows and how wire times map onto them.
import type { LightCurveSection } from '../../../src/shared/viewModel';

/**
 * Swift MET 0 is 2001-01-01T00:00:00 UTC = MJD 51910. The conversion ignores the UTCF clock correction
 * (leap seconds and drift, tens of seconds): good for an axis, not for timing analysis — the tooltip
 * and the CSV keep the wire values.
 */
const SWIFT_MET_EPOCH_MJD = 51910;
const SECONDS_PER_DAY = 86400;

/** `sinceT0`: seconds since T0 (log or linear); `mjd`: MJD (linear); `raw`: the wire value as given. */
export type TimeAxis = 'sinceT0' | 'mjd' | 'raw';

function metToMjd(met: number): number {
  return SWIFT_MET_EPOCH_MJD + met / SECONDS_PER_DAY;
}

type TimeInfo = Pick<LightCurveSection, 'timeFormat' | 'T0'>;

function isMet(info: TimeInfo): boolean {
  return info.timeFormat.toUpperCase() === 'MET';
}
function isMjd(info: TimeInfo): boolean {
  return info.timeFormat.toUpperCase() === 'MJD';
}

/** Axes this section can be shown on, the preferred one first. */
export function availableTimeAxes(info: TimeInfo): TimeAxis[] {
  if (isMet(info)) return info.T0 !== undefined ? ['sinceT0', 'mjd'] : ['mjd', 'raw'];
  if (isMjd(info)) return info.T0 !== undefined ? ['sinceT0', 'mjd'] : ['mjd'];
  // TDB or an unknown format: we do not know its zero point, so show it as given.
  return ['raw'];
}

/**
 * Maps a wire time (and, since it is a difference, a bin half-width) to the axis. Offsets scale by the
 * same factor as times, so the function returns both a point and a scale.
 */
export interface TimeMapping {
  readonly offset: number;
  readonly scale: number;
  readonly label: string;
  /** A log scale makes sense (strictly positive values expected). */
  readonly logCapable: boolean;
}

export function timeMapping(info: TimeInfo, axis: TimeAxis): TimeMapping {
  if (!availableTimeAxes(info).includes(axis)) throw new Error(`Time axis "${axis}" is not available for time format ${info.timeFormat}`);
  const t0 = info.T0;
  if (axis === 'raw')
    return { offset: 0, scale: 1, label: isMet(info) ? 'Time (Swift MET, s)' : `Time (${info.timeFormat})`, logCapable: false };
  if (axis === 'mjd') {
    if (isMjd(info)) return { offset: 0, scale: 1, label: 'Time (MJD)', logCapable: false };
    // MET wire times are relative to T0 when there is one, else to MET 0.
    return { offset: metToMjd(t0 ?? 0), scale: 1 / SECONDS_PER_DAY, label: 'Time (MJD, approx.)', logCapable: false };
  }
  if (isMet(info)) return { offset: 0, scale: 1, label: 'Time since T0 (s)', logCapable: true };
  // MJD wire times with a T0 in MET.
  return { offset: -metToMjd(t0 ?? 0) * SECONDS_PER_DAY, scale: SECONDS_PER_DAY, label: 'Time since T0 (s)', logCapable: true };
}

export function mapTime(mapping: TimeMapping, wireTime: number): number {
  return wireTime * mapping.scale + mapping.offset;
}
