// Parameter rules shared by several query endpoints.
import type { ParamReader } from '../params';
import { obsIdOf } from '../timeline';
import { MICROS_PER_DAY } from '../timeText';

/** A time window from begin/end/length (days), completing whichever side is missing from the others. */
export function readWindow(r: ParamReader): { begin?: number; end?: number; length?: number } {
  const begin = r.datetime('begin');
  const end = r.datetime('end');
  const length = r.float('length', { gt: 0 });
  if (begin !== undefined && end !== undefined && end < begin)
    r.issue('end', 'value_error', 'Value error, end must not be before begin', undefined);
  if (length === undefined) return { begin, end };
  return {
    begin: begin ?? (end !== undefined ? end - length * MICROS_PER_DAY : undefined),
    end: end ?? (begin !== undefined ? begin + length * MICROS_PER_DAY : undefined),
    length,
  };
}

const SDC_OBS_ID = /^\d{11}$/;

/**
 * Observation IDs in SDC form; the spacecraft integer form (segment << 24 | target) is converted
 * (test/fixtures/protocol/swift-too-v2.md §3.5). Anything else is the reference's 422 "Obsnum string format incorrect".
 */
export function readObsIds(r: ParamReader, options: { required?: boolean } = {}): string[] {
  const raw = r.strings('obs_id');
  if (raw.length === 0 && options.required) r.issue('obs_id', 'missing', 'Field required', null);
  return raw.flatMap((text) => {
    const trimmed = text.trim();
    if (SDC_OBS_ID.test(trimmed)) return [trimmed];
    if (/^\d+$/.test(trimmed) && Number(trimmed) >= 2 ** 24 && Number(trimmed) < 2 ** 34) {
      const n = Number(trimmed);
      return [obsIdOf(n % 2 ** 24, Math.floor(n / 2 ** 24))];
    }
    r.issue('obs_id', 'value_error', 'Value error, ERROR: Obsnum string format incorrect', text);
    return [];
  });
}

/** Echo a repeatable parameter as the client sent it: one value plain, several as a list. */
export function echo<T>(values: readonly T[]): T | T[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : [...values];
}

/** Drops undefined members so echoes appear only for parameters that were given. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
