// Text forms of values as the stock Python client (swift_too 2.0.1) puts them on the wire
// (test/fixtures/protocol/swift-too-v2.md §1.2): Python's `str()` of floats and datetimes.

/**
 * Python `str(float(x))`: shortest round-trip digits like JavaScript, but whole numbers keep `.0`
 * (`7` → `7.0`) and exponents switch at 1e16 / 1e-4 with two-digit exponents (`1e-05`, `1e+16`).
 */
export function pythonFloatText(value: number): string {
  if (!Number.isFinite(value)) {
    if (Number.isNaN(value)) return 'nan';
    return value > 0 ? 'inf' : '-inf';
  }
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const fixed = digitsToFixed(mantissa, exponent);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** Python `str()` of a number the user typed: whole numbers as ints (`5`), others as floats. */
export function pythonNumberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pythonFloatText(value);
}

// Places the decimal point of a `d.ddd` mantissa for a decimal exponent in [-4, 15].
function digitsToFixed(mantissa: string, exponent: number): string {
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let text: string;
  if (exponent < 0) {
    text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  } else if (digits.length > exponent + 1) {
    text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  } else {
    text = digits + '0'.repeat(exponent + 1 - digits.length);
  }
  return negative ? `-${text}` : text;
}

const DATETIME_TEXT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** A datetime written as ISO text (`T` or space, optional fraction, optional `Z` or ±HH:MM offset). */
export const DATETIME_TEXT_PATTERN = DATETIME_TEXT.source;

/**
 * Python `str(datetime)`: `YYYY-MM-DD HH:MM:SS`, plus `.ffffff` when microseconds ≠ 0. Text input
 * keeps its microseconds (a JavaScript Date only holds milliseconds); dates are taken in UTC
 * because the client sends naive UTC datetimes.
 */
export function pythonDatetimeText(value: Date | string, separator: ' ' | 'T' = ' '): string {
  const { date, time, micros } = datetimeParts(value);
  return `${date}${separator}${time}${micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`}`;
}

function datetimeParts(value: Date | string): { date: string; time: string; micros: number } {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid Date');
    const iso = value.toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 19), micros: value.getUTCMilliseconds() * 1000 };
  }
  const match = DATETIME_TEXT.exec(value.trim());
  if (!match) throw new RangeError(`"${value}" is not a datetime like 2022-01-01 00:00:00 or 2022-01-01T00:00:00`);
  const micros = match[3] ? Number(match[3].padEnd(6, '0')) : 0;
  const offset = match[4];
  if (!offset || /^(Z|[+-]00:?00)$/i.test(offset)) return { date: match[1], time: match[2], micros };
  // Moved to UTC: the client sends naive UTC datetimes (its NaiveUTCDatetime converts aware ones).
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  const utc = new Date(Date.parse(`${match[1]}T${match[2]}Z`) - minutes * 60_000).toISOString();
  return { date: utc.slice(0, 10), time: utc.slice(11, 19), micros };
}
