// Refresh and Change Dates of the TOO Requests list.
import { isPlainObject } from './arguments';
import type { TooCommand, TooDeps } from './deps';
import type { TooDateRange } from '../tooRequestsStore';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How far back the list reaches before the user chooses dates. */
const DEFAULT_RANGE_DAYS = 90;

/** The last DEFAULT_RANGE_DAYS days, and tomorrow (so a TOO submitted today in any time zone is listed). */
export function defaultRange(): TooDateRange {
  const day = 86_400_000;
  const now = Date.now();
  return { begin: isoDate(now - DEFAULT_RANGE_DAYS * day), end: isoDate(now + day) };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isDateRange(value: unknown): value is TooDateRange {
  return (
    isPlainObject(value) &&
    typeof value.begin === 'string' &&
    typeof value.end === 'string' &&
    ISO_DATE.test(value.begin) &&
    ISO_DATE.test(value.end) &&
    value.begin <= value.end
  );
}

async function askRange(deps: TooDeps, current: TooDateRange): Promise<TooDateRange | undefined> {
  const validate = (v: string): string | undefined =>
    ISO_DATE.test(v.trim()) && !Number.isNaN(Date.parse(v.trim())) ? undefined : 'A date like 2026-01-31 (UTC).';
  const begin = await deps.window.showInputBox({
    title: 'TOO requests submitted from (UTC date)',
    value: current.begin,
    validateInput: validate,
  });
  if (!begin) return undefined;
  const end = await deps.window.showInputBox({
    title: 'TOO requests submitted until (UTC date, inclusive)',
    value: current.end,
    validateInput: (v) => validate(v) ?? (v.trim() < begin.trim() ? 'The end must not be before the start.' : undefined),
  });
  return end ? { begin: begin.trim(), end: end.trim() } : undefined;
}

export const refresh: TooCommand = (deps) => () => deps.store.refresh();

export const setDateRange: TooCommand = (deps) => async (given?: TooDateRange) => {
  const chosen = isDateRange(given) ? given : await askRange(deps, deps.range());
  if (!chosen) return;
  await deps.setRange(chosen);
  await deps.account.updateState();
  await deps.store.refresh();
};
