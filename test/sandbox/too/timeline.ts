// A deterministic Swift science timeline for obsquery (as flown) and planquery (pre-planned).
// Every 96-minute orbit holds two snapshots. The catalogue's sources claim orbits on a cadence
// that suits their kind (a GRB's dense early follow-up, monthly monitoring of binaries …); the
// remaining slots go to a fixed pool of generated "filler" targets. Times are Swift-time micros.
import { CATALOGUE, separationDeg, type CatalogueEntry } from '../catalogue';
import { intHash, unitHash } from './deterministic';
import { MET_EPOCH_MICROS } from './swiftClock';
import { MICROS_PER_DAY, MICROS_PER_SECOND } from './timeText';

export const ORBIT_SECONDS = 5760;

export interface Snapshot {
  targetName: string;
  targetId: number;
  segment: number;
  obsId: string;
  raObject: number;
  decObject: number;
  /** Actual pointing, a little off the requested position. */
  ra: number;
  dec: number;
  roll: number;
  /** Slew start, settle (on target) and end, Swift-time micros. */
  begin: number;
  settle: number;
  end: number;
  xrtMode: number;
  uvotMode: number;
  batMode: number;
  obstype: string;
}

export interface TimelineFilter {
  begin?: number;
  end?: number;
  ra?: number;
  dec?: number;
  radius: number;
  targetIds: readonly number[];
  obsIds: readonly string[];
}

interface Claim {
  entry: CatalogueEntry;
  targetId: number;
  segment: number;
  orbit: number;
}

const CADENCE_DAYS: Record<CatalogueEntry['kind'], number> = { grb: 30, cv: 45, pulsar: 90, xrb: 30, agn: 14, blank: 0 };
const GRB_FOLLOW_UP_DAYS = [0, 0.25, 1, 2, 3, 5, 7, 10, 14, 21, 30];
const SEGMENTS_PER_CAMPAIGN = 60;
/** Second target IDs of a source belong to a later campaign starting in 2024. */
const SECOND_CAMPAIGN_MET = (Date.UTC(2024, 0, 1) * 1000 - MET_EPOCH_MICROS) / MICROS_PER_SECOND;
const FILLER_POOL = 240;
const FILLER_FIRST_TARGET_ID = 80000;
/** Time-only queries enumerate every orbit; longer windows are cut to this and say so. */
export const MAX_TIME_WINDOW_DAYS = 31;

export function obsIdOf(targetId: number, segment: number): string {
  return `${String(targetId).padStart(8, '0')}${String(segment).padStart(3, '0')}`;
}

let claimsByOrbit: Map<number, Claim> | undefined;

function claims(): Map<number, Claim> {
  if (claimsByOrbit) return claimsByOrbit;
  const byOrbit = new Map<number, Claim>();
  CATALOGUE.forEach((entry, index) => {
    if (entry.kind === 'blank') return;
    entry.targetIds.forEach((idText, campaign) => {
      const targetId = Number(idText);
      const start = campaign === 0 ? entry.t0 : SECOND_CAMPAIGN_MET + index * 17 * 86400;
      const offsets =
        entry.kind === 'grb' && campaign === 0
          ? GRB_FOLLOW_UP_DAYS
          : Array.from({ length: SEGMENTS_PER_CAMPAIGN }, (_, s) => s * CADENCE_DAYS[entry.kind]);
      offsets.forEach((days, s) => {
        const segment = s + 1;
        const snapshots = entry.kind === 'grb' && s < 3 ? 4 : intHash(1, 3, targetId, segment);
        let orbit = Math.floor((start + days * 86400) / ORBIT_SECONDS);
        for (let n = 0; n < snapshots; n += 1) {
          while (byOrbit.has(orbit)) orbit += 1;
          byOrbit.set(orbit, { entry, targetId, segment, orbit });
          orbit += 1;
        }
      });
    });
  });
  claimsByOrbit = byOrbit;
  return byOrbit;
}

function metMicros(met: number): number {
  return MET_EPOCH_MICROS + met * MICROS_PER_SECOND;
}

/** Slew start, settle and end (MET seconds) of slot 0 or 1 of an orbit. */
function slotTimes(orbit: number, slot: 0 | 1): { begin: number; settle: number; end: number } {
  const orbitStart = orbit * ORBIT_SECONDS;
  const begin = orbitStart + (slot === 0 ? intHash(30, 150, orbit, 0) : 2900 + intHash(0, 120, orbit, 3));
  const settle = begin + intHash(60, 240, orbit, slot + 1);
  const end = Math.min(
    settle + intHash(slot === 0 ? 900 : 600, slot === 0 ? 2200 : 2300, orbit, slot + 5),
    orbitStart + ORBIT_SECONDS - 20,
  );
  return { begin, settle, end };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function snapshot(
  orbit: number,
  slot: 0 | 1,
  target: { name: string; targetId: number; segment: number; ra: number; dec: number; xrtMode: number; uvotMode: number; obstype: string },
): Snapshot {
  const t = slotTimes(orbit, slot);
  const offset = (salt: number): number => (unitHash(orbit, slot, salt) - 0.5) * 0.06;
  return {
    targetName: target.name,
    targetId: target.targetId,
    segment: target.segment,
    obsId: obsIdOf(target.targetId, target.segment),
    raObject: target.ra,
    decObject: target.dec,
    ra: round((target.ra + offset(1) / Math.max(0.05, Math.cos((target.dec * Math.PI) / 180)) + 360) % 360, 4),
    dec: round(Math.max(-90, Math.min(90, target.dec + offset(2))), 4),
    roll: round((target.ra * 0.7 + (orbit / 15) * 0.9856 + 47) % 360, 1),
    begin: metMicros(t.begin),
    settle: metMicros(t.settle),
    end: metMicros(t.end),
    xrtMode: target.xrtMode,
    uvotMode: target.uvotMode,
    batMode: 0,
    obstype: target.obstype,
  };
}

function catalogueSnapshot(claim: Claim): Snapshot {
  const { entry } = claim;
  const xrtMode = entry.meanRate > 50 ? 6 : 7;
  const uvotMode = entry.kind === 'grb' ? 0x30ed : 0x9999;
  return snapshot(claim.orbit, 0, {
    name: entry.name,
    targetId: claim.targetId,
    segment: claim.segment,
    ra: entry.ra,
    dec: entry.dec,
    xrtMode,
    uvotMode,
    obstype: 'AT',
  });
}

function fillerName(ra: number, dec: number): string {
  const raHours = ra / 15;
  const hh = Math.floor(raHours);
  const mm = Math.floor((raHours - hh) * 60);
  const d = Math.floor(Math.abs(dec));
  const dm = Math.floor((Math.abs(dec) - d) * 60);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `J${two(hh)}${two(mm)}${dec < 0 ? '-' : '+'}${two(d)}${two(dm)}`;
}

const FILLER_UVOT_MODES = [0x9999, 0x30ed, 0x223f, 0x207f, 0x1159];

function fillerSnapshot(orbit: number, slot: 0 | 1): Snapshot {
  const f = intHash(0, FILLER_POOL - 1, orbit, slot, 7);
  const ra = round(360 * unitHash(f, 11), 4);
  const dec = round((Math.asin(2 * unitHash(f, 12) - 1) * 180) / Math.PI, 4);
  const day = Math.floor(orbit / 15);
  return snapshot(orbit, slot, {
    name: fillerName(ra, dec),
    targetId: FILLER_FIRST_TARGET_ID + f,
    segment: 1 + ((day * 13 + f) % 400),
    ra,
    dec,
    xrtMode: f % 5 === 0 ? 0 : 7,
    uvotMode: FILLER_UVOT_MODES[f % FILLER_UVOT_MODES.length],
    obstype: 'PPT',
  });
}

function overlaps(s: Snapshot, begin: number | undefined, end: number | undefined): boolean {
  return (begin === undefined || s.end >= begin) && (end === undefined || s.begin <= end);
}

/**
 * Snapshots matching every given filter and ending no later than `horizon` (the AFST's
 * completeness time, or the end of the pre-planned timeline). `truncated` reports a time window
 * cut to MAX_TIME_WINDOW_DAYS.
 */
export function snapshotsMatching(filter: TimelineFilter, horizon: number): { snapshots: Snapshot[]; truncated: boolean } {
  const byIdentity = filter.ra !== undefined || filter.dec !== undefined || filter.targetIds.length > 0 || filter.obsIds.length > 0;
  if (byIdentity) {
    const found = [...claims().values()]
      .filter((c) => filter.targetIds.length === 0 || filter.targetIds.includes(c.targetId))
      .filter((c) => filter.obsIds.length === 0 || filter.obsIds.includes(obsIdOf(c.targetId, c.segment)))
      .filter(
        (c) =>
          filter.ra === undefined ||
          filter.dec === undefined ||
          separationDeg(filter.ra, filter.dec, c.entry.ra, c.entry.dec) <= filter.radius,
      )
      .map(catalogueSnapshot)
      .filter((s) => s.end <= horizon && overlaps(s, filter.begin, filter.end));
    return { snapshots: found.sort((a, b) => a.begin - b.begin), truncated: false };
  }
  const end = Math.min(filter.end ?? horizon, horizon);
  const begin = filter.begin ?? end - MICROS_PER_DAY;
  const truncated = end - begin > MAX_TIME_WINDOW_DAYS * MICROS_PER_DAY;
  const stop = truncated ? begin + MAX_TIME_WINDOW_DAYS * MICROS_PER_DAY : end;
  const snapshots: Snapshot[] = [];
  const toOrbit = (micros: number): number => Math.floor((micros - MET_EPOCH_MICROS) / MICROS_PER_SECOND / ORBIT_SECONDS);
  for (let orbit = toOrbit(begin); orbit <= toOrbit(stop); orbit += 1) {
    const claim = claims().get(orbit);
    for (const s of [claim ? catalogueSnapshot(claim) : fillerSnapshot(orbit, 0), fillerSnapshot(orbit, 1)]) {
      if (s.end <= horizon && overlaps(s, begin, stop)) snapshots.push(s);
    }
  }
  return { snapshots, truncated };
}
