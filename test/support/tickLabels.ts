// What the tests of axis ticks (test/unit/media/axisTicks.test.ts, test/integration/viewerInteraction.test.ts)
// hold the viewer's labels to: a text width without a canvas to measure it, and the plain definition of
// labels that do not touch, written apart from the check media/src/lib/axisTicks.ts makes while choosing
// ticks, so a fault in that check does not also pass its own test.
import type { TickRequest, Ticks } from '../../media/src/lib/axisTicks';

/** An estimate of a label's width for a font of `fontPx` pixels (digits are about 0.6 em wide). */
export function estimatedWidth(fontPx: number): TickRequest['extent'] {
  return (label) => Array.from(label).length * fontPx * 0.62;
}

/**
 * Whether the labelled ticks, placed on the axis of `request` (linear, or logarithmic when `log`), leave
 * at least `gapPx` (8 when unset, as axisTicks) between neighbouring labels and stand at least
 * `minSpacingPx` apart.
 */
export function labelsApart(ticks: Ticks, request: TickRequest): boolean {
  const { min, max, log, lengthPx } = request;
  const scale = (v: number): number => (log ? Math.log10(v) : v);
  const place = (v: number): number => ((scale(v) - scale(min)) / (scale(max) - scale(min))) * lengthPx;
  const spans = ticks.values
    .map((v, i) => ({ at: place(v), label: ticks.labels[i] ?? '' }))
    .filter((t) => t.label !== '')
    .map((t) => ({ at: t.at, from: t.at - request.extent(t.label) / 2, to: t.at + request.extent(t.label) / 2 }))
    .sort((a, b) => a.at - b.at);
  const gap = request.gapPx ?? 8;
  const spacing = request.minSpacingPx ?? 0;
  return spans.every((s, i) => i === 0 || (s.from - spans[i - 1]!.to >= gap && s.at - spans[i - 1]!.at >= spacing));
}
