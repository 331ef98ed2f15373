// `GET /swift/clock`: MET ↔ Swift time ↔ UTC (test/fixtures/protocol/swift-too-v2.md §12).
import type { Handler } from '../env';
import { ParamReader } from '../params';
import { okReply, validationError } from '../replies';
import { fromMet, fromSwiftTime, fromUtc, type ClockPoint } from '../swiftClock';
import { formatDatetime } from '../timeText';
import { echo } from './common';

/** Each input kind with the client's alias (§12). */
const KINDS = [
  { kind: 'met', names: ['met'] },
  { kind: 'utctime', names: ['utctime', 'utc'] },
  { kind: 'swifttime', names: ['swifttime', 'swift'] },
] as const;

export const clock: Handler = (req) => {
  const r = new ParamReader('query', req.query);
  const given = KINDS.map((k) => ({ ...k, name: k.names.find((n) => r.has(n)) })).filter((k) => k.name !== undefined);
  if (given.length !== 1) {
    // Also for no parameters at all, as the reference fixture shows (the client may send that after GUANO).
    const input = Object.fromEntries([...req.query.keys()].map((k) => [k, req.query.getAll(k)]));
    return validationError([
      { type: 'value_error', loc: ['query'], msg: "Value error, Exactly one of 'met', 'utctime', or 'swifttime' must be provided", input },
    ]);
  }
  const { kind, name } = given[0];
  let points: ClockPoint[];
  if (kind === 'met') points = r.floats(name as string).map(fromMet);
  else if (kind === 'utctime') points = r.datetimes(name as string).map(fromUtc);
  else points = r.datetimes(name as string).map(fromSwiftTime);
  if (!r.ok) return validationError(r.issues);
  return okReply({
    met: echo(points.map((p) => p.met)),
    utcf: echo(points.map((p) => p.utcf)),
    utctime: echo(points.map((p) => formatDatetime(p.utcMicros))),
    swifttime: echo(points.map((p) => formatDatetime(p.swiftMicros))),
    entries: points.map((p) => ({ met: p.met, utcf: p.utcf, isutc: kind === 'utctime' })),
  });
};
