// Tick positions and labels for the light-curve axes, chosen for the axis's length in pixels and the
// width of the labels, so that neighbouring labels never touch and always read differently (an MJD
// axis a few hours wide needs "58955.35", "58955.40", never "58955.3" twice), with no more digits than
// the tick spacing needs. Pure: the caller measures text (canvas measureText in the viewer, a
// character-width estimate in tests: test/support/tickLabels.ts).

/** Extent of a label along the axis, in the same pixels as `lengthPx` (its width on x, its height on y). */
type LabelExtent = (label: string) => number;

export interface TickRequest {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  /** Length of the axis in pixels. */
  readonly lengthPx: number;
  readonly extent: LabelExtent;
  /** Least free space between neighbouring labels, in pixels. */
  readonly gapPx?: number;
  /** Least distance between labelled ticks, in pixels (keeps a wide axis from filling with labels). */
  readonly minSpacingPx?: number;
}

export interface Ticks {
  /** Tick positions in axis units, ascending; each has a label ('' for an unlabelled grid line). */
  readonly values: number[];
  readonly labels: string[];
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function superscript(exponent: number): string {
  const digits = String(Math.abs(exponent))
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
  return `${exponent < 0 ? '⁻' : ''}${digits}`;
}

/** "1", "10", "100", "1000", then "10⁴", "10⁻³": decades as astronomers label a log axis. */
function decadeLabel(exponent: number): string {
  if (exponent >= -2 && exponent <= 3) return exponent < 0 ? (10 ** exponent).toFixed(-exponent) : String(10 ** exponent);
  return `10${superscript(exponent)}`;
}

/** A tick m×10^e on a log axis: plain for ordinary magnitudes ("200", "0.05"), else "2×10⁵". */
function logTickLabel(mantissa: number, exponent: number): string {
  if (mantissa === 1) return decadeLabel(exponent);
  if (exponent >= -2 && exponent <= 3)
    return exponent < 0 ? (mantissa * 10 ** exponent).toFixed(-exponent) : String(mantissa * 10 ** exponent);
  return `${mantissa}×10${superscript(exponent)}`;
}

/**
 * Labels for evenly spaced ticks `step` apart: the fewest decimals that tell neighbours apart, in fixed
 * notation, or with a shared exponent ("1.5e6") when that is shorter. Zero is always "0".
 */
function linearLabels(values: readonly number[], step: number): string[] {
  const stepExponent = Math.floor(Math.log10(step) + 1e-9);
  const decimals = Math.max(0, -stepExponent);
  const fixed = values.map((v) => fixedLabel(v, decimals, step));
  const maxAbs = Math.max(...values.map((v) => Math.abs(v)));
  if (!(maxAbs > 0)) return fixed;
  const exponent = Math.floor(Math.log10(maxAbs) + 1e-9);
  if (exponent > -4 && exponent < 5) return fixed;
  const mantissaDecimals = Math.max(0, exponent - stepExponent);
  const scaled = values.map((v) => {
    if (Math.abs(v) < step / 2) return '0';
    const m = (v / 10 ** exponent).toFixed(mantissaDecimals);
    return `${m}e${exponent}`;
  });
  const longest = (labels: string[]): number => Math.max(...labels.map((l) => l.length));
  return longest(scaled) < longest(fixed) ? scaled : fixed;
}

function fixedLabel(v: number, decimals: number, step: number): string {
  if (Math.abs(v) < step / 2) return '0';
  return v.toFixed(decimals).replace('-', '−');
}

/** Nice steps 1, 2, 5 × 10^k, from the first at or above `least`. */
function* niceSteps(least: number): Generator<number> {
  let exponent = Math.floor(Math.log10(least));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** exponent;
      if (step >= least * (1 - 1e-12)) yield step;
    }
    exponent++;
  }
}

/** Values k×step inside [min, max], rounded so 0.1 + 0.2 does not print as 0.30000000000000004. */
function stepValues(min: number, max: number, step: number): number[] {
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const out: number[] = [];
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step)) + 2));
  for (let k = first; k <= last && out.length < 1000; k++) out.push(Number((k * step).toFixed(decimals)));
  return out;
}

function positionOf(request: TickRequest): (v: number) => number {
  const { min, max, log, lengthPx } = request;
  if (log) {
    const a = Math.log10(min);
    const k = lengthPx / (Math.log10(max) - a || 1);
    return (v) => (Math.log10(v) - a) * k;
  }
  const k = lengthPx / (max - min || 1);
  return (v) => (v - min) * k;
}

/** Whether the labelled ticks keep `gapPx` free between neighbours and stay `minSpacingPx` apart. */
function labelsFit(ticks: Ticks, request: TickRequest): boolean {
  const pos = positionOf(request);
  const gap = request.gapPx ?? 8;
  const minSpacing = request.minSpacingPx ?? 0;
  let previous: { at: number; half: number } | undefined;
  for (let i = 0; i < ticks.values.length; i++) {
    const label = ticks.labels[i]!;
    if (!label) continue;
    const at = pos(ticks.values[i]!);
    const half = request.extent(label) / 2;
    if (previous && (at - previous.at < previous.half + half + gap || at - previous.at < minSpacing)) return false;
    previous = { at, half };
  }
  return true;
}

function labelledCount(ticks: Ticks): number {
  return ticks.labels.filter(Boolean).length;
}

function linearCandidate(min: number, max: number, step: number): Ticks {
  const values = stepValues(min, max, step);
  return { values, labels: linearLabels(values, step) };
}

function linearTicks(request: TickRequest): Ticks {
  const { min, max, lengthPx } = request;
  const span = max - min;
  if (!(span > 0) || !(lengthPx > 0)) return { values: [], labels: [] };
  // No two ticks closer than 2 px; from there the first spacing whose labels fit wins.
  let fallback: Ticks | undefined;
  let tries = 0;
  for (const step of niceSteps((span * 2) / lengthPx)) {
    const ticks = linearCandidate(min, max, step);
    if (labelledCount(ticks) === 0 || tries++ > 60) break;
    fallback = ticks;
    if (labelsFit(ticks, request)) return ticks;
  }
  // Not even one gap fits (an axis narrower than two labels): keep a single tick in the middle.
  if (!fallback) return { values: [], labels: [] };
  const middle = fallback.values[Math.floor((fallback.values.length - 1) / 2)]!;
  return { values: [middle], labels: [fallback.labels[fallback.values.indexOf(middle)]!] };
}

/** Ticks m×10^e for each mantissa in `mantissas` (decades first: m = 1 always included when labelled). */
function logCandidate(request: TickRequest, mantissas: readonly number[], decadeStride: number, minorGrid: boolean): Ticks {
  const lo = Math.floor(Math.log10(request.min));
  const hi = Math.ceil(Math.log10(request.max));
  const values: number[] = [];
  const labels: string[] = [];
  for (let e = lo; e <= hi; e++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v < request.min * (1 - 1e-12) || v > request.max * (1 + 1e-12)) continue;
      const labelled =
        mantissas.includes(m) && (m !== 1 || ((e % decadeStride) + decadeStride) % decadeStride === 0) && (m === 1 || decadeStride === 1);
      if (!labelled && !minorGrid) continue;
      values.push(v);
      labels.push(labelled ? logTickLabel(m, e) : '');
    }
  }
  return { values, labels };
}

function logTicks(request: TickRequest): Ticks {
  const { min, max, lengthPx } = request;
  if (!(min > 0) || !(max > min) || !(lengthPx > 0)) return { values: [], labels: [] };
  const decades = Math.log10(max) - Math.log10(min);
  // Unlabelled grid lines at 2…9 only while a decade is wide enough for them not to blur together.
  const minorGrid = lengthPx / decades >= 70;
  // Powers of ten while the axis shows at least two (thinned to every 2nd, 3rd… decade when short);
  // zoomed in closer than that, ticks at 1–9, 1-2-5 or 1-3 times a power of ten.
  for (const stride of [1, 2, 3, 4, 5, 10, 20, 50, 100]) {
    const ticks = logCandidate(request, [1], stride, minorGrid && stride === 1);
    if (labelledCount(ticks) < 2) break;
    if (labelsFit(ticks, request)) return ticks;
  }
  for (const mantissas of [
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 5],
    [1, 3],
  ]) {
    const ticks = logCandidate(request, mantissas, 1, minorGrid);
    if (labelledCount(ticks) >= 2 && labelledCount(ticks) < 2 * Math.max(2, decades + 1) * mantissas.length && labelsFit(ticks, request))
      return ticks;
  }
  // Zoomed in to less than about a decade: evenly spaced values read better than powers of ten.
  return linearTicks(request);
}

/** Ticks and labels for one axis. */
export function axisTicks(request: TickRequest): Ticks {
  return request.log ? logTicks(request) : linearTicks(request);
}
