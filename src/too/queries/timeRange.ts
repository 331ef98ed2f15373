// Reads the times users type into query inputs and gives time ranges sensible defaults.
// Every time here is UTC: the stock client sends naive UTC datetimes (test/fixtures/protocol/swift-too-v2.md §3.3).

export interface TimeRange {
  readonly begin: Date;
  readonly end: Date;
}

type TimeParse = { ok: true; date: Date } | { ok: false; message: string };

const MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const UNIT_WORDS: Record<string, keyof typeof MS> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  week: 'w',
  weeks: 'w',
};

/** The default query span: now … +7 days (the service's own default length, §6). */
const DEFAULT_RANGE_DAYS = 7;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(?:Z|UTC|UT|[+-]00:?00)?$/i;
const OFFSET = /^([+-])\s*(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** "now" floored to the whole second: sub-second precision only makes query texts noisy. */
function wholeSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * Reads a UTC time: `now`, an ISO date or date-time (`2022-01-01`, `2022-01-01 12:30`,
 * `2022-01-01T12:30:00Z`), or an offset from `relativeTo` (`+7d`, `-12 hours`, `now+3d`).
 */
export function parseTimeInput(text: string, now: Date, relativeTo: Date = now): TimeParse {
  const t = text.trim();
  if (t === '')
    return { ok: false, message: 'No time given. Write a UTC date such as 2024-05-01 12:00, or "now", or an offset such as +7d.' };
  if (/^now$/i.test(t)) return { ok: true, date: wholeSecond(now) };
  const fromNow = /^now\s*([+-].*)$/i.exec(t);
  if (fromNow) return applyOffset(fromNow[1], wholeSecond(now), t);
  if (/^[+-]/.test(t)) return applyOffset(t, relativeTo, t);
  const m = DATE_TIME.exec(t);
  if (!m)
    return { ok: false, message: `"${t}" is not a time. Write a UTC date such as 2024-05-01 12:00, "now", or an offset such as +7d.` };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), frac ? Math.round(Number(frac) * 1000) : 0);
  const date = new Date(ms);
  // Date.UTC rolls 2024-02-31 over into March; a typo must not silently become another day.
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, message: `"${t}" is not a valid date and time.` };
  }
  return { ok: true, date };
}

function applyOffset(offsetText: string, base: Date, original: string): TimeParse {
  const m = OFFSET.exec(offsetText.trim());
  const unit = m ? UNIT_WORDS[m[3].toLowerCase()] : undefined;
  if (!m || !unit) return { ok: false, message: `"${original}" is not an offset such as +7d, +12h, -30 minutes.` };
  const sign = m[1] === '-' ? -1 : 1;
  return { ok: true, date: new Date(base.getTime() + sign * Number(m[2]) * MS[unit]) };
}

type RangeParse = { ok: true; range: TimeRange } | { ok: false; message: string };

/**
 * Reads a begin and an end typed separately; an end written as an offset (`+7d`) counts from the
 * begin. Empty texts take the default (now … +`defaultDays` days).
 */
export function parseTimeRange(
  beginText: string,
  endText: string,
  now: Date,
  defaultDays: number = DEFAULT_RANGE_DAYS,
  maxDays?: number,
): RangeParse {
  const begin = beginText.trim() === '' ? { ok: true as const, date: wholeSecond(now) } : parseTimeInput(beginText, now);
  if (!begin.ok) return begin;
  const end =
    endText.trim() === ''
      ? { ok: true as const, date: new Date(begin.date.getTime() + defaultDays * MS.d) }
      : parseTimeInput(endText, now, begin.date);
  if (!end.ok) return end;
  if (end.date.getTime() <= begin.date.getTime())
    return { ok: false, message: `The end (${formatUtc(end.date)}) must be after the begin (${formatUtc(begin.date)}).` };
  if (maxDays !== undefined && end.date.getTime() - begin.date.getTime() > maxDays * MS.d) {
    return { ok: false, message: `At most ${maxDays} days can be asked for at once.` };
  }
  return { ok: true, range: { begin: begin.date, end: end.date } };
}

/** `2024-05-01 12:00:00` (UTC), the form users type and the service echoes. */
export function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
