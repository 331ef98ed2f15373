// The light curve's time window: one range for every panel, changed by zooming (a dragged selection,
// + and −) and panning (arrow keys), always inside the full range of the data so the user cannot get
// lost beside it. Log axes zoom and pan in decades, so a step looks the same everywhere on the axis.

export type Range = readonly [number, number];

/** Smallest window, as a fraction of the full one: closer than this the numbers lose their meaning. */
const MIN_FRACTION = 1e-9;

function toAxis(v: number, log: boolean): number {
  return log ? Math.log10(v) : v;
}
function fromAxis(v: number, log: boolean): number {
  return log ? 10 ** v : v;
}

/** `window` moved and shrunk as needed to lie within `full`, never narrower than MIN_FRACTION of it. */
export function clampWindow(window: Range, full: Range, log: boolean): Range {
  const f0 = toAxis(full[0], log);
  const f1 = toAxis(full[1], log);
  let a = toAxis(Math.min(window[0], window[1]), log);
  let b = toAxis(Math.max(window[0], window[1]), log);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return full;
  const fullSpan = f1 - f0;
  let span = Math.min(b - a, fullSpan);
  const least = fullSpan * MIN_FRACTION;
  if (span < least) {
    const mid = (a + b) / 2;
    span = least;
    a = mid - span / 2;
    b = mid + span / 2;
  }
  if (a < f0) [a, b] = [f0, f0 + span];
  if (b > f1) [a, b] = [f1 - span, f1];
  if (b - a >= fullSpan) return full;
  return [fromAxis(a, log), fromAxis(b, log)];
}

/** Zooms by `factor` (< 1 zooms in) around the window's centre. */
export function zoomWindow(window: Range, full: Range, log: boolean, factor: number): Range {
  const a = toAxis(window[0], log);
  const b = toAxis(window[1], log);
  const mid = (a + b) / 2;
  const half = ((b - a) / 2) * factor;
  return clampWindow([fromAxis(mid - half, log), fromAxis(mid + half, log)], full, log);
}

/** Pans by `fraction` of the window's width (negative: towards earlier times). */
export function panWindow(window: Range, full: Range, log: boolean, fraction: number): Range {
  const a = toAxis(window[0], log);
  const b = toAxis(window[1], log);
  const shift = (b - a) * fraction;
  return clampWindow([fromAxis(a + shift, log), fromAxis(b + shift, log)], full, log);
}

/** What a key does to the window, or undefined for keys the plot leaves alone. 'reset' shows everything. */
export function keyAction(key: string): { zoom: number } | { pan: number } | 'reset' | undefined {
  switch (key) {
    case '+':
    case '=':
      return { zoom: 0.5 };
    case '-':
    case '_':
    case '−':
      return { zoom: 2 };
    case 'ArrowLeft':
      return { pan: -0.2 };
    case 'ArrowRight':
      return { pan: 0.2 };
    case '0':
    case 'Home':
      return 'reset';
    default:
      return undefined;
  }
}
