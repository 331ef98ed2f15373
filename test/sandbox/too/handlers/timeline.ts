// As-flown (obsquery) and pre-planned (planquery) timelines (test/fixtures/protocol/swift-too-v2.md
// §8, §9). Times are Swift time.
import type { Handler, TooEnv } from '../env';
import { ParamReader } from '../params';
import { okReply, validationError } from '../replies';
import { utcToSwiftMicros } from '../swiftClock';
import { MAX_TIME_WINDOW_DAYS, snapshotsMatching, type Snapshot, type TimelineFilter } from '../timeline';
import { MICROS_PER_DAY, floorTo, formatDatetime } from '../timeText';
import { defined, echo, readObsIds, readWindow } from './common';

const HOUR = 3600_000_000;
const DEFAULT_RADIUS_DEG = 0.2;

interface TimelineQuery {
  filter: TimelineFilter;
  echoes: Record<string, unknown>;
}

function readTimelineQuery(r: ParamReader): TimelineQuery | undefined {
  const ra = r.float('ra', { ge: 0, le: 360 });
  const dec = r.float('dec', { ge: -90, le: 90 });
  const radius = r.float('radius', { gt: 0, le: 180 }) ?? DEFAULT_RADIUS_DEG;
  const window = readWindow(r);
  const targetIds = r.ints('target_id', { ge: 0, lt: 2 ** 24 });
  const obsIds = readObsIds(r);
  if ((ra === undefined) !== (dec === undefined))
    r.issue(ra === undefined ? 'ra' : 'dec', 'missing', 'Field required (ra and dec go together)', null);
  if (!r.ok) return undefined;
  const positional = ra !== undefined && dec !== undefined;
  return {
    filter: { begin: window.begin, end: window.end, ra, dec, radius, targetIds, obsIds },
    echoes: defined({
      ra,
      dec,
      radius: positional ? radius : undefined,
      begin: window.begin !== undefined ? formatDatetime(window.begin) : undefined,
      end: window.end !== undefined ? formatDatetime(window.end) : undefined,
      target_id: echo(targetIds),
      obs_id: echo(obsIds),
    }),
  };
}

function truncationWarning(truncated: boolean): string[] {
  return truncated
    ? [
        `Time windows are limited to ${MAX_TIME_WINDOW_DAYS} days without a position or ID; only the first ${MAX_TIME_WINDOW_DAYS} days are listed.`,
      ]
    : [];
}

function nowSwift(env: TooEnv): number {
  return utcToSwiftMicros(env.nowUtc());
}

/** The AFST is complete up to a few hours ago (on the hour), like the reference's `afstmax`. */
function afstMax(env: TooEnv): number {
  return floorTo(nowSwift(env), HOUR) - 3 * HOUR;
}

/** Plans reach about two days ahead (§9). */
function ppstMax(env: TooEnv): number {
  return floorTo(nowSwift(env), MICROS_PER_DAY) + 2 * MICROS_PER_DAY;
}

function afstEntry(s: Snapshot): Record<string, unknown> {
  return {
    begin: formatDatetime(s.begin),
    settle: formatDatetime(s.settle),
    end: formatDatetime(s.end),
    obstype: s.obstype,
    target_name: s.targetName,
    roll: s.roll,
    target_id: s.targetId,
    segment: s.segment,
    obs_id: s.obsId,
    bat_mode: s.batMode,
    xrt_mode: s.xrtMode,
    uvot_mode: s.uvotMode,
    ra: s.ra,
    dec: s.dec,
    ra_object: s.raObject,
    dec_object: s.decObject,
  };
}

function ppstEntry(s: Snapshot): Record<string, unknown> {
  return {
    begin: formatDatetime(s.begin),
    end: formatDatetime(s.end),
    target_name: s.targetName,
    target_id: s.targetId,
    segment: s.segment,
    obs_id: s.obsId,
    xrt_mode: s.xrtMode,
    uvot_mode: s.uvotMode,
    bat_mode: s.batMode,
    ra: s.ra,
    dec: s.dec,
    roll: s.roll,
  };
}

export const obsquery: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const query = readTimelineQuery(r);
  if (!query) return validationError(r.issues);
  const horizon = afstMax(env);
  const { snapshots, truncated } = snapshotsMatching(query.filter, horizon);
  return okReply({ ...query.echoes, afstmax: formatDatetime(horizon), entries: snapshots.map(afstEntry) }, truncationWarning(truncated));
};

export const planquery: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const query = readTimelineQuery(r);
  if (!query) return validationError(r.issues);
  const horizon = ppstMax(env);
  const { snapshots, truncated } = snapshotsMatching(query.filter, horizon);
  return okReply({ ...query.echoes, ppstmax: formatDatetime(horizon), entries: snapshots.map(ppstEntry) }, truncationWarning(truncated));
};
