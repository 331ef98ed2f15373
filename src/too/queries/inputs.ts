// The questions each query asks (input boxes and quick picks), pre-filled from where the command was
// started. Each returns the query's parameters, or undefined when the user cancels.
// Section numbers (§) refer to test/fixtures/protocol/swift-too-v2.md.
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import type { PassthroughQuery } from '../querySchemas';
import { parseSkyPosition, formatSkyPosition, type SkyPosition } from './coordinates';
import type { QueryPrefill } from './prefill';
import type { ParamsByKind, QueryClient } from './queryCatalog';
import type { QueryKind } from '../../shared/queryResultModel';
import { formatUtc, parseTimeInput, parseTimeRange, type TimeRange } from './timeRange';

export interface Asked<K extends QueryKind> {
  readonly params: ParamsByKind[K];
  /** Words for the results tab, e.g. the target name. */
  readonly label?: string;
}

interface InputContext {
  readonly client: () => QueryClient;
  readonly now: () => Date;
}

type Asker<K extends QueryKind> = (prefill: QueryPrefill, ctx: InputContext) => Promise<Asked<K> | undefined>;

const TITLE = 'Swift TOO';

async function inputBox(
  title: string,
  prompt: string,
  value: string,
  validate: (v: string) => string | undefined,
  placeHolder?: string,
): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${TITLE}: ${title}`,
    prompt,
    value,
    placeHolder,
    ignoreFocusOut: true,
    validateInput: (v) => validate(v),
  });
}

/** A target by name (resolved with the service's resolver) or by "RA Dec". */
async function askTarget(
  title: string,
  prefill: QueryPrefill,
  ctx: InputContext,
): Promise<{ position: SkyPosition; label: string } | undefined> {
  const known = prefill.ra !== undefined && prefill.dec !== undefined ? `${prefill.ra} ${prefill.dec}` : undefined;
  const text = await inputBox(
    title,
    `Target name (resolved by the service) or "RA Dec" in degrees or sexagesimal${prefill.name && known ? ` — position of ${prefill.name} filled in` : ''}`,
    known ?? prefill.name ?? '',
    (v) => (v.trim() === '' ? 'Enter a target name, or RA and Dec.' : undefined),
    'Crab   or   83.6331 22.0145   or   05:34:31.9 +22:00:52',
  );
  if (text === undefined) return undefined;
  const parsed = parseSkyPosition(text);
  if (parsed.ok)
    return { position: parsed.position, label: text.trim() === known && prefill.name ? prefill.name : formatSkyPosition(parsed.position) };
  // Text with digits and colons that failed to parse is a typo in a position, not a name.
  if (/^[\d\s:+\-.hdms°'"]+$/i.test(text.trim())) {
    void vscode.window.showErrorMessage(parsed.message);
    return undefined;
  }
  const name = text.trim();
  try {
    const reply = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Resolving "${name}"…` }, () =>
      ctx.client().resolve(name),
    );
    if (typeof reply.ra !== 'number' || typeof reply.dec !== 'number') throw new Error(`the resolver returned no position for "${name}"`);
    return {
      position: { ra: reply.ra, dec: reply.dec },
      label: `${name} (${formatSkyPosition({ ra: reply.ra, dec: reply.dec })}${reply.resolver ? `, ${reply.resolver}` : ''})`,
    };
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not resolve "${name}": ${describeError(error)}`);
    return undefined;
  }
}

/** Begin and end in UTC; the end may be an offset from the begin. */
async function askRange(
  title: string,
  ctx: InputContext,
  defaults: { begin: string; end: string; days: number; maxDays?: number },
): Promise<TimeRange | undefined> {
  const now = ctx.now();
  const beginText = await inputBox(
    title,
    'Begin (UTC): a date such as 2024-05-01 12:00, "now", or an offset such as -2d',
    defaults.begin,
    (v) => {
      const r = parseTimeInput(v, now);
      return r.ok ? undefined : r.message;
    },
  );
  if (beginText === undefined) return undefined;
  const endText = await inputBox(title, 'End (UTC): a date, or an offset from the begin such as +7d or +12h', defaults.end, (v) => {
    const r = parseTimeRange(beginText, v, now, defaults.days, defaults.maxDays);
    return r.ok ? undefined : r.message;
  });
  if (endText === undefined) return undefined;
  const range = parseTimeRange(beginText, endText, now, defaults.days, defaults.maxDays);
  return range.ok ? range.range : undefined;
}

async function pickOne<T>(
  title: string,
  placeHolder: string,
  items: readonly (vscode.QuickPickItem & { value: T })[],
): Promise<T | undefined> {
  return (await vscode.window.showQuickPick(items, { title: `${TITLE}: ${title}`, placeHolder, ignoreFocusOut: true }))?.value;
}

const rangeLabel = (r: TimeRange) => `${formatUtc(r.begin)} – ${formatUtc(r.end)} UTC`;

const askResolve: Asker<'resolve'> = async (prefill) => {
  const name = await inputBox('Resolve a Name', 'Object name, e.g. Crab, GRB 200416A, AT2018cow', prefill.name ?? '', (v) =>
    v.trim() ? undefined : 'Enter a name.',
  );
  return name === undefined ? undefined : { params: { name: name.trim() }, label: name.trim() };
};

const askVisibility: Asker<'visquery'> = async (prefill, ctx) => {
  const target = await askTarget('Visibility', prefill, ctx);
  if (!target) return undefined;
  const hires = await pickOne('Visibility', 'Resolution', [
    { label: 'Long term', detail: 'Sun, Moon and pole constraints; up to a year', value: false },
    { label: 'High resolution', detail: '1-minute windows without Earth occultation and SAA; up to 20 days', value: true },
  ]);
  if (hires === undefined) return undefined;
  const range = await askRange('Visibility', ctx, {
    begin: 'now',
    end: hires ? '+2d' : '+30d',
    days: hires ? 2 : 30,
    maxDays: hires ? 20 : 366,
  });
  if (!range) return undefined;
  return { params: { ra: target.position.ra, dec: target.position.dec, begin: range.begin, end: range.end, hires }, label: target.label };
};

// NICER's contract is unknown (§16); the parameters mirror the Swift visibility query's names.
const askNicerVisibility: Asker<'nicerVisquery'> = async (prefill, ctx) => {
  const target = await askTarget('NICER Visibility', prefill, ctx);
  if (!target) return undefined;
  const range = await askRange('NICER Visibility', ctx, { begin: 'now', end: '+7d', days: 7 });
  if (!range) return undefined;
  const params: PassthroughQuery = { ra: target.position.ra, dec: target.position.dec, begin: range.begin, end: range.end };
  return { params, label: target.label };
};

const askSaa: Asker<'saa'> = async (_prefill, ctx) => {
  const bat = await pickOne('SAA Passages', 'Which SAA definition?', [
    { label: 'Spacecraft SAA', value: false },
    { label: 'BAT SAA flag (estimate)', value: true },
  ]);
  if (bat === undefined) return undefined;
  const range = await askRange('SAA Passages', ctx, { begin: 'now', end: '+1d', days: 1, maxDays: 7 });
  return range ? { params: { begin: range.begin, end: range.end, bat }, label: rangeLabel(range) } : undefined;
};

type TimelineWay = 'target' | 'obsId' | 'targetId' | 'time';

function askTimeline<K extends 'obsquery' | 'planquery'>(kind: K): Asker<K> {
  const title = kind === 'obsquery' ? 'Observations Done' : 'Observations Planned';
  return async (prefill, ctx): Promise<Asked<K> | undefined> => {
    const way = await pickOne<TimelineWay>(title, 'Find observations by…', [
      {
        label: 'Target',
        description: prefill.name ?? (prefill.ra !== undefined ? 'position given' : ''),
        detail: 'a name or RA Dec, within 12′',
        value: 'target',
      },
      { label: 'Observation ID', description: prefill.obsId ?? '', value: 'obsId' },
      { label: 'Target ID', value: 'targetId' },
      {
        label: 'Time range',
        detail: kind === 'obsquery' ? 'everything observed in a window' : 'the plan for a window (plans reach 1–3 days ahead)',
        value: 'time',
      },
    ]);
    if (way === undefined) return undefined;
    if (way === 'target') {
      const target = await askTarget(title, prefill, ctx);
      return target ? { params: { ra: target.position.ra, dec: target.position.dec, radius: 0.2 }, label: target.label } : undefined;
    }
    if (way === 'obsId') {
      const text = await inputBox(title, 'Observation ID (11 digits, e.g. 00035190015)', prefill.obsId ?? '', (v) =>
        /^\s*\d{1,11}\s*$/.test(v) ? undefined : 'An observation ID is up to 11 digits.',
      );
      return text === undefined
        ? undefined
        : { params: { obs_id: text.trim().padStart(11, '0') }, label: `obsID ${text.trim().padStart(11, '0')}` };
    }
    if (way === 'targetId') {
      const text = await inputBox(title, 'Target ID(s), comma-separated', '', (v) =>
        /^\s*\d{1,8}(\s*,\s*\d{1,8})*\s*$/.test(v) ? undefined : 'Target IDs are whole numbers of up to 8 digits.',
      );
      if (text === undefined) return undefined;
      const ids = text.split(',').map((t) => Number(t.trim()));
      return { params: { target_id: ids.length === 1 ? ids[0] : ids }, label: `target ID ${ids.join(', ')}` };
    }
    const range = await askRange(
      title,
      ctx,
      kind === 'obsquery' ? { begin: '-1d', end: '+1d', days: 1, maxDays: 31 } : { begin: 'now', end: '+1d', days: 1, maxDays: 31 },
    );
    return range ? { params: { begin: range.begin, end: range.end }, label: rangeLabel(range) } : undefined;
  };
}

// NICER's contract is unknown (§16): a time window, named as for the Swift plan query.
const askNicerPlan: Asker<'nicerPlanquery'> = async (_prefill, ctx) => {
  const range = await askRange('NICER Observations Planned', ctx, { begin: 'now', end: '+1d', days: 1 });
  return range ? { params: { begin: range.begin, end: range.end }, label: rangeLabel(range) } : undefined;
};

const askCalendar: Asker<'calendar'> = async (prefill, ctx) => {
  const way = await pickOne<'tooId' | 'target'>('Calendar', 'Calendar of…', [
    { label: 'A TOO request', description: prefill.tooId !== undefined ? `TOO ${prefill.tooId}` : '', value: 'tooId' },
    { label: 'TOOs near a target', description: prefill.name ?? '', value: 'target' },
  ]);
  if (way === undefined) return undefined;
  if (way === 'target') {
    const target = await askTarget('Calendar', prefill, ctx);
    return target ? { params: { ra: target.position.ra, dec: target.position.dec, radius: 0.2 }, label: target.label } : undefined;
  }
  const text = await inputBox('Calendar', 'TOO ID', prefill.tooId !== undefined ? String(prefill.tooId) : '', (v) =>
    /^\s*\d+\s*$/.test(v) ? undefined : 'A TOO ID is a whole number.',
  );
  return text === undefined ? undefined : { params: { too_id: Number(text.trim()) }, label: `TOO ${text.trim()}` };
};

const askClock: Asker<'clock'> = async (_prefill, ctx) => {
  const from = await pickOne<'met' | 'utctime' | 'swifttime'>('Convert Time', 'Convert from…', [
    { label: 'MET', detail: 'mission elapsed time, seconds since 2001-01-01', value: 'met' },
    { label: 'UTC', value: 'utctime' },
    { label: 'Swift time', detail: '2001-01-01 + MET, no leap seconds', value: 'swifttime' },
  ]);
  if (from === undefined) return undefined;
  const now = ctx.now();
  const parseList = (v: string): { ok: true; values: (number | Date)[] } | { ok: false; message: string } => {
    const parts = v
      .split(/[,;\n]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) return { ok: false, message: 'Enter at least one value.' };
    const values: (number | Date)[] = [];
    for (const part of parts) {
      if (from === 'met') {
        const n = Number(part);
        if (!Number.isFinite(n) || n < 0) return { ok: false, message: `"${part}" is not a MET in seconds.` };
        values.push(n);
      } else {
        const t = parseTimeInput(part, now);
        if (!t.ok) return t;
        values.push(t.date);
      }
    }
    return { ok: true, values };
  };
  const text = await inputBox(
    'Convert Time',
    from === 'met' ? 'MET seconds (several: separate with commas)' : 'Times such as 2024-05-01 12:00:00 (several: separate with commas)',
    from === 'met' ? '' : 'now',
    (v) => {
      const r = parseList(v);
      return r.ok ? undefined : r.message;
    },
  );
  if (text === undefined) return undefined;
  const list = parseList(text);
  if (!list.ok) return undefined;
  if (from === 'met') return { params: { met: list.values as number[] }, label: `MET ${text.trim()}` };
  return {
    params: from === 'utctime' ? { utctime: list.values as Date[] } : { swifttime: list.values as Date[] },
    label: `${from === 'utctime' ? 'UTC' : 'Swift time'} ${text.trim()}`,
  };
};

/** Decimal (12525) or hex (0x30ED). */
function parseUvotMode(text: string): number | undefined {
  const t = text.trim();
  const value = /^0x[0-9a-f]{1,4}$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : undefined;
}

const askUvotMode: Asker<'uvotMode'> = async () => {
  const text = await inputBox('UVOT Mode', 'UVOT mode, decimal (12525) or hex (0x30ED)', '0x9999', (v) =>
    parseUvotMode(v) === undefined ? 'A UVOT mode is 0…65535, or 0x0000…0xFFFF.' : undefined,
  );
  const mode = text === undefined ? undefined : parseUvotMode(text);
  return mode === undefined ? undefined : { params: { uvot_mode: mode }, label: `0x${mode.toString(16).toUpperCase().padStart(4, '0')}` };
};

const DATA_PARTS = ['auxil', 'xrt', 'uvot', 'bat', 'log', 'tdrss'] as const;

const askData: Asker<'data'> = async (prefill) => {
  const text = await inputBox('Data Files', 'Observation ID (11 digits, e.g. 00031306080)', prefill.obsId ?? '', (v) =>
    /^\s*\d{1,11}\s*$/.test(v) ? undefined : 'An observation ID is up to 11 digits.',
  );
  if (text === undefined) return undefined;
  const picks = await vscode.window.showQuickPick(
    DATA_PARTS.map((part) => ({ label: part, picked: part === 'auxil' || part === 'xrt', part })),
    { title: `${TITLE}: Data Files`, placeHolder: 'Which data?', canPickMany: true, ignoreFocusOut: true },
  );
  if (!picks || picks.length === 0) return undefined;
  const chosen = new Set(picks.map((p) => p.part));
  const obsId = text.trim().padStart(11, '0');
  return { params: { obs_id: obsId, ...Object.fromEntries(DATA_PARTS.map((p) => [p, chosen.has(p)])) }, label: `obsID ${obsId}` };
};

const askGuano: Asker<'guano'> = async (_prefill, ctx) => {
  const way = await pickOne<'recent' | 'range'>('GUANO Dumps', 'Which dumps?', [
    { label: 'Most recent', detail: 'the latest 20', value: 'recent' },
    { label: 'Time range', value: 'range' },
  ]);
  if (way === undefined) return undefined;
  if (way === 'recent') return { params: { limit: 20 }, label: 'most recent 20' };
  const range = await askRange('GUANO Dumps', ctx, { begin: '-7d', end: 'now', days: 7 });
  return range ? { params: { begin: range.begin, end: range.end, limit: 100 }, label: rangeLabel(range) } : undefined;
};

// sot_stats has no documented parameters (§16); a time window is the least surprising guess.
const askSotStats: Asker<'sotStats'> = async (_prefill, ctx) => {
  const range = await askRange('SOT Statistics', ctx, { begin: '-7d', end: 'now', days: 7, maxDays: 31 });
  return range ? { params: { begin: range.begin, end: range.end }, label: rangeLabel(range) } : undefined;
};

export const ASKERS: { readonly [K in QueryKind]: Asker<K> } = {
  resolve: askResolve,
  visquery: askVisibility,
  nicerVisquery: askNicerVisibility,
  saa: askSaa,
  obsquery: askTimeline('obsquery'),
  planquery: askTimeline('planquery'),
  nicerPlanquery: askNicerPlan,
  calendar: askCalendar,
  clock: askClock,
  uvotMode: askUvotMode,
  data: askData,
  guano: askGuano,
  sotStats: askSotStats,
};
