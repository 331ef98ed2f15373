// Visibility windows and SAA passages from the ephemeris model. Times are UTC micros.
import { angleDeg, earthOcculted, inSaa, moonDirection, orbitPoles, sunDirection, unitVector } from './ephemeris';
import { MICROS_PER_SECOND, floorTo } from './timeText';

export interface Interval {
  begin: number;
  end: number;
}

export interface Constraints {
  /** Minimum Sun–target angle (degrees). */
  sunDeg: number;
  moonDeg: number;
  /** Minimum angle from either orbit pole. */
  poleDeg: number;
}

/**
 * Swift's constraints as the sandbox models them (README.md); test/fixtures/protocol/swift-too-v2.md §6 quotes 45° and 21°
 * from older docs.
 */
export const SWIFT_CONSTRAINTS: Constraints = { sunDeg: 46, moonDeg: 23, poleDeg: 18 };

const MINUTE = 60 * MICROS_PER_SECOND;

/** Which of the long-term constraints hold the target at `unixMs` (empty: unconstrained). */
export function constraintsAt(
  ra: number,
  dec: number,
  unixMs: number,
  limits: Constraints = SWIFT_CONSTRAINTS,
): { sun: boolean; moon: boolean; pole: boolean } {
  const target = unitVector(ra, dec);
  const [north, south] = orbitPoles(unixMs);
  return {
    sun: angleDeg(target, sunDirection(unixMs)) < limits.sunDeg,
    moon: angleDeg(target, moonDirection(unixMs)) < limits.moonDeg,
    pole: Math.min(angleDeg(target, north), angleDeg(target, south)) < limits.poleDeg,
  };
}

/**
 * Visible intervals on a one-minute grid (whole minutes, plus the exact begin and end). Long-term
 * windows apply Sun, Moon and pole constraints; `hires` also removes Earth occultation and SAA.
 */
export function visibilityWindows(
  ra: number,
  dec: number,
  span: Interval,
  hires: boolean,
  limits: Constraints = SWIFT_CONSTRAINTS,
): Interval[] {
  const target = unitVector(ra, dec);
  const visible = (micros: number): boolean => {
    const ms = micros / 1000;
    const c = constraintsAt(ra, dec, ms, limits);
    if (c.sun || c.moon || c.pole) return false;
    return !hires || (!earthOcculted(target, ms) && !inSaa(ms, false));
  };
  return runs(gridOf(span, MINUTE), visible);
}

/** SAA passages on a 10-second grid, rounded to whole seconds as the reference shows them. */
export function saaPassages(span: Interval, batFlag: boolean): Interval[] {
  return runs(gridOf(span, 10 * MICROS_PER_SECOND), (micros) => inSaa(micros / 1000, batFlag)).map((i) => ({
    begin: Math.round(i.begin / MICROS_PER_SECOND) * MICROS_PER_SECOND,
    end: Math.round(i.end / MICROS_PER_SECOND) * MICROS_PER_SECOND,
  }));
}

function gridOf(span: Interval, step: number): number[] {
  const points = [span.begin];
  for (let t = floorTo(span.begin, step) + step; t < span.end; t += step) points.push(t);
  if (span.end > span.begin) points.push(span.end);
  return points;
}

function runs(points: number[], inside: (micros: number) => boolean): Interval[] {
  const found: Interval[] = [];
  let open: Interval | undefined;
  for (const t of points) {
    if (inside(t)) {
      if (open) open.end = t;
      else open = { begin: t, end: t };
    } else if (open) {
      found.push(open);
      open = undefined;
    }
  }
  if (open) found.push(open);
  return found.filter((i) => i.end > i.begin);
}
