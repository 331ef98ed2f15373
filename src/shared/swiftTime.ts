// Swift time ↔ UTC for results (test/fixtures/protocol/swift-too-v2.md §3.3): Swift time = 2001-01-01 + MET seconds with no
// leap seconds, UTC = Swift time + UTCF. Used by the results view to show either base.
// Pure and DOM-free: the webview bundles it too.

/** 2001-01-01T00:00:00, the MET epoch, in ms since 1970. */
const MET_EPOCH_MS = Date.UTC(2001, 0, 1);

export type TimeBase = 'utc' | 'swift';

/** UTCF (seconds, UTC − Swift time) known at one instant. */
export interface UtcfAnchor {
  /** The instant, in ms of Swift time since 1970. */
  readonly atMs: number;
  readonly utcf: number;
}

const SERVICE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z)?$/;

/** A service datetime (ISO without offset, in whichever base the endpoint uses) as ms since 1970 on that scale. */
export function parseServiceTime(text: string): number | undefined {
  const m = SERVICE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + (frac ? Math.round(Number(frac) * 1000) : 0);
}

/** `2024-05-01 12:00:00` (ms dropped unless non-zero, then `.123`). */
export function formatServiceTime(ms: number): string {
  // Rounded, not truncated: MET × 1000 carries float noise (…027.9999) that must not lose a millisecond.
  const iso = new Date(Math.round(ms)).toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${millis === '000' ? '' : `.${millis}`}`;
}

function metToSwiftMs(met: number): number {
  return MET_EPOCH_MS + met * 1000;
}

/**
 * UTCF at an instant: linear between the anchors, the nearest one outside them. UTCF drifts by
 * milliseconds per day and jumps by 1 s at a leap second, so between anchors a day apart the error
 * is at most a second; the results view says which anchors it used.
 */
function utcfAt(anchors: readonly UtcfAnchor[], atMs: number): number | undefined {
  if (anchors.length === 0) return undefined;
  const sorted = [...anchors].sort((a, b) => a.atMs - b.atMs);
  if (atMs <= sorted[0].atMs) return sorted[0].utcf;
  const last = sorted[sorted.length - 1];
  if (atMs >= last.atMs) return last.utcf;
  const i = sorted.findIndex((a) => a.atMs >= atMs);
  const [a, b] = [sorted[i - 1], sorted[i]];
  return a.utcf + ((b.utcf - a.utcf) * (atMs - a.atMs)) / (b.atMs - a.atMs);
}

/** Converts an instant between bases; undefined without anchors. */
export function convertTime(ms: number, from: TimeBase, to: TimeBase, anchors: readonly UtcfAnchor[]): number | undefined {
  if (from === to) return ms;
  // Anchors are kept in Swift time; a UTC instant is looked up among them moved to UTC, so that
  // converting exactly at an anchor returns exactly its figure.
  const keyed = from === 'utc' ? anchors.map((a) => ({ atMs: a.atMs + a.utcf * 1000, utcf: a.utcf })) : anchors;
  const utcf = utcfAt(keyed, ms);
  if (utcf === undefined) return undefined;
  return from === 'swift' ? ms + utcf * 1000 : ms - utcf * 1000;
}

/** Anchors from a clock reply's entries (`met` + `utcf`, §12). */
export function anchorsFromClockEntries(entries: readonly { met: number; utcf: number }[]): UtcfAnchor[] {
  return entries.filter((e) => Number.isFinite(e.met) && Number.isFinite(e.utcf)).map((e) => ({ atMs: metToSwiftMs(e.met), utcf: e.utcf }));
}

/** One clock entry in every base, as the stock client rebuilds it (§12: swifttime = epoch + met, utctime = swifttime + utcf). */
export function describeClockEntry(entry: { met: number; utcf: number; isutc: boolean }): {
  met: number;
  utcf: number;
  swifttime: string;
  utctime: string;
  input: TimeBase | 'met';
} {
  const swiftMs = metToSwiftMs(entry.met);
  return {
    met: entry.met,
    utcf: entry.utcf,
    swifttime: formatServiceTime(swiftMs),
    utctime: formatServiceTime(swiftMs + entry.utcf * 1000),
    input: entry.isutc ? 'utc' : 'swift',
  };
}
