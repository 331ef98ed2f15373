// Number formatting for the viewer's tables and read-outs.
import type { ValueWithErrors } from '../../../src/shared/viewModel';

/** Compact general format: fixed for ordinary magnitudes, exponent for very large or small ones. */
export function formatNumber(value: number, significant = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return formatExponent(value, significant);
  return String(Number(value.toPrecision(significant)));
}

/** Exponent form without markup, trailing zeros dropped: 1.03e21, 1.5e5. */
function formatExponent(value: number, significant = 3): string {
  const [mantissa = '', exponent] = value.toExponential(Math.max(0, significant - 1)).split('e');
  // Axis ticks such as 1.5e5 would otherwise read 1.50000e5.
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${trimmed}e${Number(exponent)}`;
}

/** "1.741 +0.015 −0.015" (errors shown with their own signs, `neg` as stored negative). */
export function formatWithErrors(v: ValueWithErrors | undefined, significant = 4): string {
  if (!v) return '—';
  const main = formatNumber(v.value, significant);
  if (v.pos === undefined && v.neg === undefined) return main;
  const pos = v.pos !== undefined ? `+${formatNumber(Math.abs(v.pos), 2)}` : '';
  const neg = v.neg !== undefined ? `−${formatNumber(Math.abs(v.neg), 2)}` : '';
  return [main, pos, neg].filter(Boolean).join(' ');
}
