// Datetimes as the TOO API writes and reads them. JavaScript `Date` stops at milliseconds, but
// the reference values (clock conversions, GUANO trigger times) carry microseconds, so times
// here are integer microseconds since the Unix epoch ("micros"; exact up to year ~2255).

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function microsFromDate(date: Date): number {
  return date.getTime() * 1000;
}

export function dateFromMicros(micros: number): Date {
  return new Date(Math.floor(micros / 1000));
}

/**
 * Parses the forms a FastAPI/pydantic server accepts for a naive datetime: `YYYY-MM-DD`,
 * `YYYY-MM-DD HH:MM[:SS[.ffffff]]`, `T` instead of the space, and an optional offset (converted to
 * UTC). Returns a reason text (pydantic's wording where known) when the text is not a datetime.
 */
export function parseDatetime(text: string): { micros: number } | { reason: string } {
  const trimmed = text.trim();
  if (!/^\d{4}/.test(trimmed)) return { reason: 'invalid character in year' };
  const m = DATETIME.exec(trimmed);
  if (!m) return { reason: 'invalid datetime format' };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const fraction = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  if (month < 1 || month > 12) return { reason: 'month value is outside expected range of 1-12' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return { reason: 'day value is outside expected range' };
  if (hour > 23) return { reason: 'hour value is outside expected range of 0-23' };
  if (minute > 59) return { reason: 'minute value is outside expected range of 0-59' };
  if (second > 59) return { reason: 'second value is outside expected range of 0-59' };
  let micros = Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + fraction;
  const offset = m[8];
  if (offset && offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    micros -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60 * MICROS_PER_SECOND;
  }
  return { micros };
}

/** Python `datetime.isoformat()` of a naive datetime: microseconds only when not zero. */
export function formatDatetime(micros: number): string {
  const whole = Math.round(micros);
  const fraction = ((whole % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND;
  const base = new Date((whole - fraction) / 1000).toISOString().slice(0, 19);
  return fraction === 0 ? base : `${base}.${String(fraction).padStart(6, '0')}`;
}

/** `YYYY-MM-DD`, for day-granular fields such as a TOO's scheduled dates. */
export function formatDate(micros: number): string {
  return formatDatetime(micros).slice(0, 10);
}

export function floorTo(micros: number, stepMicros: number): number {
  return Math.floor(micros / stepMicros) * stepMicros;
}
