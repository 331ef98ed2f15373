// Sexagesimal formatting of J2000 coordinates. Rounding is done once, on an integer count of the
// smallest unit shown, so a value never prints as "60.00s" or "59m 60s".

type SexagesimalStyle = 'letters' | 'colons';

function padInt(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Splits `totalUnits` (an integer count of 10^-decimals of the smallest unit) into a, b, c.fff. */
function splitUnits(totalUnits: number, decimals: number): { a: number; b: number; c: string } {
  const scale = 10 ** decimals;
  const perB = 60 * scale;
  const perA = 60 * perB;
  const a = Math.floor(totalUnits / perA);
  const b = Math.floor((totalUnits - a * perA) / perB);
  const rest = totalUnits - a * perA - b * perB;
  const whole = Math.floor(rest / scale);
  const frac = rest - whole * scale;
  const c = decimals > 0 ? `${padInt(whole, 2)}.${padInt(frac, decimals)}` : padInt(whole, 2);
  return { a, b, c };
}

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number of degrees, got ${String(value)}`);
}

/** Right ascension in hours, minutes, seconds: `22h 22m 47.83s` or `22:22:47.83`. */
export function formatRa(raDeg: number, style: SexagesimalStyle = 'letters', decimals = 2): string {
  requireFinite(raDeg, 'RA');
  const wrapped = ((raDeg % 360) + 360) % 360;
  const unitsPerDay = 24 * 3600 * 10 ** decimals;
  // Rounding up to 24h00m00s wraps to 00h.
  const units = Math.round((wrapped / 15) * 3600 * 10 ** decimals) % unitsPerDay;
  const { a, b, c } = splitUnits(units, decimals);
  return style === 'colons' ? `${padInt(a, 2)}:${padInt(b, 2)}:${c}` : `${padInt(a, 2)}h ${padInt(b, 2)}m ${c}s`;
}

/** Declination in degrees, arcminutes, arcseconds: `-07d 31' 05.4"` or `-07:31:05.4`. */
export function formatDec(decDeg: number, style: SexagesimalStyle = 'letters', decimals = 1): string {
  requireFinite(decDeg, 'Dec');
  if (decDeg < -90 || decDeg > 90) throw new RangeError(`Dec must lie within ±90°, got ${decDeg}`);
  const units = Math.round(Math.abs(decDeg) * 3600 * 10 ** decimals);
  // A value that rounds to zero has no sign: "+00d 00' 00.0"".
  const sign = decDeg < 0 && units > 0 ? '-' : '+';
  const { a, b, c } = splitUnits(units, decimals);
  return style === 'colons' ? `${sign}${padInt(a, 2)}:${padInt(b, 2)}:${c}` : `${sign}${padInt(a, 2)}d ${padInt(b, 2)}' ${c}"`;
}
