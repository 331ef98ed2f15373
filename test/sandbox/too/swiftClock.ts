// Swift's three time bases (test/fixtures/protocol/swift-too-v2.md §3.3):
//   MET        seconds counted by the spacecraft clock since 2001-01-01T00:00:00;
//   Swift time 2001-01-01 + MET as a calendar datetime (no leap seconds, no drift);
//   UTC        Swift time + UTCF, where UTCF = -(leap seconds since 2001 + clock drift).
// The drift is modelled as linear in MET and pinned to the two reference values from the swift_too 1.x notebooks
// (UTC 2021-01-01 ↔ UTCF −26.251282, UTC 2022-01-01 ↔ UTCF −28.356715), which also reproduces
// the third (Swift time 2022-01-01 ↔ UTC 2021-12-31T23:59:31.643287). It is a sandbox model:
// accurate to microseconds near 2021–2022 and plausible (tens of seconds) elsewhere. Before the
// line crosses zero (late 2010) the drift is held at zero, so UTCF never turns positive.
import { MICROS_PER_SECOND } from './timeText';

/** 2001-01-01T00:00:00 as Unix micros. */
export const MET_EPOCH_MICROS = Date.UTC(2001, 0, 1) * 1000;

/** UTC instants (Unix ms) from which one more leap second has been inserted since 2001. */
const LEAP_SECONDS_FROM = [Date.UTC(2006, 0, 1), Date.UTC(2009, 0, 1), Date.UTC(2012, 6, 1), Date.UTC(2015, 6, 1), Date.UTC(2017, 0, 1)];

const REFERENCE_A = { met: 631152026.251282, drift: 26.251282 - 5 };
const REFERENCE_B = { met: 662688028.356715, drift: 28.356715 - 5 };
const DRIFT_PER_MET_SECOND = (REFERENCE_B.drift - REFERENCE_A.drift) / (REFERENCE_B.met - REFERENCE_A.met);
const DRIFT_AT_MET_ZERO = REFERENCE_A.drift - DRIFT_PER_MET_SECOND * REFERENCE_A.met;

export interface ClockPoint {
  /** MET seconds, rounded to microseconds. */
  met: number;
  /** Seconds to add to Swift time to get UTC, rounded to microseconds. */
  utcf: number;
  /** Unix micros of the UTC instant (consistent with the rounded met + utcf). */
  utcMicros: number;
  /** Unix micros of Swift time (2001 + MET). */
  swiftMicros: number;
}

export function leapSecondsSince2001(utcMicros: number): number {
  const ms = utcMicros / 1000;
  return LEAP_SECONDS_FROM.filter((from) => ms >= from).length;
}

function driftAt(met: number): number {
  return Math.max(0, DRIFT_AT_MET_ZERO + DRIFT_PER_MET_SECOND * met);
}

function roundMicro(seconds: number): number {
  return Math.round(seconds * MICROS_PER_SECOND) / MICROS_PER_SECOND;
}

function point(met: number, utcf: number): ClockPoint {
  const metR = roundMicro(met);
  const utcfR = roundMicro(utcf) + 0; // + 0 turns -0 into 0 for JSON
  const swiftMicros = MET_EPOCH_MICROS + Math.round(metR * MICROS_PER_SECOND);
  return { met: metR, utcf: utcfR, swiftMicros, utcMicros: swiftMicros + Math.round(utcfR * MICROS_PER_SECOND) };
}

export function fromMet(met: number): ClockPoint {
  const swiftMicros = MET_EPOCH_MICROS + met * MICROS_PER_SECOND;
  // The leap-second count depends on the UTC date, which itself depends on it: two passes settle it.
  let leaps = leapSecondsSince2001(swiftMicros - driftAt(met) * MICROS_PER_SECOND);
  leaps = leapSecondsSince2001(swiftMicros - (driftAt(met) + leaps) * MICROS_PER_SECOND);
  return point(met, -(leaps + driftAt(met)));
}

export function fromSwiftTime(swiftMicros: number): ClockPoint {
  return fromMet((swiftMicros - MET_EPOCH_MICROS) / MICROS_PER_SECOND);
}

export function fromUtc(utcMicros: number): ClockPoint {
  const leaps = leapSecondsSince2001(utcMicros);
  const calendarSeconds = (utcMicros - MET_EPOCH_MICROS) / MICROS_PER_SECOND;
  // MET = calendar seconds + leaps + drift(MET), with drift linear in MET: solve directly.
  const onLine = (calendarSeconds + leaps + DRIFT_AT_MET_ZERO) / (1 - DRIFT_PER_MET_SECOND);
  const met = driftAt(onLine) > 0 ? onLine : calendarSeconds + leaps;
  const utcf = -(leaps + driftAt(met));
  const p = point(met, utcf);
  // Keep the caller's UTC exactly (the rounded met + utcf can differ from it by a microsecond).
  return { ...p, utcMicros };
}

/** UTC micros of a Swift-time instant (for responses whose base is UTC). */
export function swiftToUtcMicros(swiftMicros: number): number {
  return fromSwiftTime(swiftMicros).utcMicros;
}

/** Swift-time micros of a UTC instant. */
export function utcToSwiftMicros(utcMicros: number): number {
  return fromUtc(utcMicros).swiftMicros;
}
