// Geometry of the results timeline: where each interval's bar goes and where the axis ticks fall.
// Pure, so it is unit-tested here and drawn (as SVG) by the webview.
import type { TimelineModel } from './queryResultModel';
import { convertTime, type TimeBase, type UtcfAnchor } from './swiftTime';

interface LaidOutBar {
  readonly x: number;
  readonly width: number;
  readonly label: string;
}

interface LaidOutLane {
  readonly label: string;
  readonly y: number;
  readonly bars: readonly LaidOutBar[];
}

interface LaidOutTick {
  readonly x: number;
  readonly ms: number;
}

interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly plotLeft: number;
  readonly plotWidth: number;
  readonly laneHeight: number;
  readonly lanes: readonly LaidOutLane[];
  readonly ticks: readonly LaidOutTick[];
}

interface LayoutOptions {
  readonly width: number;
  readonly labelWidth: number;
  readonly laneHeight?: number;
  readonly axisHeight?: number;
  /** Narrowest bar drawn, so one-minute windows in a month stay visible. */
  readonly minBarWidth?: number;
  readonly maxTicks?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK_STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];

/** The smallest "nice" step giving at most `maxTicks` ticks, and the ticks on multiples of it (UTC-aligned). */
function timeTicks(startMs: number, endMs: number, maxTicks: number): number[] {
  const span = endMs - startMs;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

/**
 * How a tick's label is anchored so that it stays inside [minX, maxX]: centred on its tick where it fits,
 * otherwise ending (right edge) or starting (left edge) at the tick — the last day of a month-long range
 * was cut in half at the panel's edge.
 */
export function tickLabelAnchor(x: number, labelWidth: number, minX: number, maxX: number): 'start' | 'middle' | 'end' {
  if (x + labelWidth / 2 > maxX) return 'end';
  if (x - labelWidth / 2 < minX) return 'start';
  return 'middle';
}

/** Lays the model out in a box `width` wide: a label column, then the plot; one lane per row. */
export function layoutTimeline(model: TimelineModel, options: LayoutOptions): TimelineLayout {
  const laneHeight = options.laneHeight ?? 22;
  const axisHeight = options.axisHeight ?? 28;
  const minBarWidth = options.minBarWidth ?? 1;
  const plotLeft = options.labelWidth;
  const plotWidth = Math.max(10, options.width - options.labelWidth - 8);
  const span = model.endMs - model.startMs;
  const xOf = (ms: number) => plotLeft + (span > 0 ? ((ms - model.startMs) / span) * plotWidth : 0);
  const lanes = model.lanes.map((lane, index) => ({
    label: lane.label,
    y: index * laneHeight,
    bars: lane.intervals
      .filter((i) => i.endMs >= model.startMs && i.startMs <= model.endMs)
      .map((i) => {
        const x = xOf(Math.max(i.startMs, model.startMs));
        const right = xOf(Math.min(i.endMs, model.endMs));
        return { x, width: Math.max(minBarWidth, right - x), label: i.label };
      }),
  }));
  const maxTicks = options.maxTicks ?? Math.max(2, Math.floor(plotWidth / 110));
  const ticks = timeTicks(model.startMs, model.endMs, maxTicks).map((ms) => ({ ms, x: xOf(ms) }));
  return { width: options.width, height: lanes.length * laneHeight + axisHeight, plotLeft, plotWidth, laneHeight, lanes, ticks };
}

/**
 * The model with every instant expressed in `base` (UTC ↔ Swift time through the UTCF anchors), so
 * ticks fall on round times of the base the user chose. Undefined when it cannot be converted.
 */
export function timelineInBase(model: TimelineModel, base: TimeBase, anchors: readonly UtcfAnchor[]): TimelineModel | undefined {
  if (model.base === base) return model;
  if (model.base === 'unknown') return undefined;
  const from = model.base;
  const convert = (ms: number) => convertTime(ms, from, base, anchors);
  const startMs = convert(model.startMs);
  const endMs = convert(model.endMs);
  if (startMs === undefined || endMs === undefined) return undefined;
  return {
    base,
    startMs,
    endMs,
    lanes: model.lanes.map((lane) => ({
      label: lane.label,
      intervals: lane.intervals.map((i) => ({
        label: i.label,
        startMs: convert(i.startMs) ?? i.startMs,
        endMs: convert(i.endMs) ?? i.endMs,
      })),
    })),
  };
}
