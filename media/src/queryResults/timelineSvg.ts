// Draws a result's timeline as SVG: one lane per row, bars for intervals, a time axis below.
import { layoutTimeline, tickLabelAnchor } from '../../../src/shared/timelineLayout';
import type { TimelineModel } from '../../../src/shared/queryResultModel';
import { formatServiceTime } from '../../../src/shared/swiftTime';
import { svg } from '../common/dom';

const LABEL_WIDTH = 150;
/** An upper bound of the width of one character of the 11 px tick labels (digits, '-', ':'), in pixels. */
const TICK_CHAR_WIDTH = 7;

function tickLabel(ms: number, spanMs: number): string {
  const text = formatServiceTime(ms);
  return spanMs > 3 * 86_400_000 ? text.slice(0, 10) : text.slice(5, 16);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `model` must already be in the base being shown; `baseLabel` names it for the axis. */
export function timelineSvg(model: TimelineModel, width: number, baseLabel: string): SVGSVGElement {
  const layout = layoutTimeline(model, { width, labelWidth: LABEL_WIDTH });
  const spanMs = model.endMs - model.startMs;
  const lanesHeight = layout.lanes.length * layout.laneHeight;
  const count = layout.lanes.reduce((n, l) => n + l.bars.length, 0);
  const root = svg('svg', {
    class: 'timeline',
    width: layout.width,
    height: layout.height + 14,
    viewBox: `0 0 ${layout.width} ${layout.height + 14}`,
    role: 'img',
    'aria-label': `Timeline, ${baseLabel}: ${count} interval(s) from ${formatServiceTime(model.startMs)} to ${formatServiceTime(model.endMs)}`,
  });
  for (const tick of layout.ticks) {
    root.append(svg('line', { class: 'grid', x1: tick.x, x2: tick.x, y1: 0, y2: lanesHeight + 4 }));
    const label = tickLabel(tick.ms, spanMs);
    const anchor = tickLabelAnchor(tick.x, label.length * TICK_CHAR_WIDTH, 0, layout.width);
    root.append(svg('text', { class: 'tick', x: tick.x, y: lanesHeight + 18, 'text-anchor': anchor }, [label]));
  }
  root.append(
    svg('text', { class: 'axis-label', x: layout.plotLeft + layout.plotWidth, y: lanesHeight + 34, 'text-anchor': 'end' }, [baseLabel]),
  );
  for (const lane of layout.lanes) {
    root.append(svg('rect', { class: 'lane', x: layout.plotLeft, y: lane.y + 3, width: layout.plotWidth, height: layout.laneHeight - 6 }));
    root.append(
      svg('text', { class: 'lane-label', x: LABEL_WIDTH - 8, y: lane.y + layout.laneHeight / 2 + 4, 'text-anchor': 'end' }, [
        shorten(lane.label, 22),
      ]),
    );
    for (const bar of lane.bars) {
      root.append(
        svg('rect', { class: 'bar', x: bar.x, y: lane.y + 4, width: bar.width, height: layout.laneHeight - 8 }, [
          svg('title', {}, [bar.label]),
        ]),
      );
    }
  }
  return root;
}
