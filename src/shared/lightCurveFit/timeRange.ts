// A time range typed by a person, `START-END` (also `START–END`, `START:END`, `START..END`), in seconds
// since T0: the command line's --exclude and the viewer's "Exclude" field read it the same way.
import type { ExclusionRange } from './types';

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const RANGE = new RegExp(String.raw`^\s*(${NUMBER})\s*(?:-|–|:|\.\.)\s*(${NUMBER})\s*$`);

/** The range, or undefined when the text is not one or does not end after it starts. */
export function parseTimeRange(text: string): ExclusionRange | undefined {
  const m = RANGE.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const stop = Number(m[2]);
  return Number.isFinite(start) && Number.isFinite(stop) && stop > start ? [start, stop] : undefined;
}
