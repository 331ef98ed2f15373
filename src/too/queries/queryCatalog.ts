// Every query the editor offers: its command, title, how it calls the client, and how its result
// becomes a view (table, timeline, UTC/Swift-time anchors). No VS Code here, so it runs in unit tests.
import { describeError } from '../../http/errors';
import type { TooClient } from '../client';
import type { PassthroughQuery, QueryParams } from '../querySchemas';
import { describeSkipped, skippedRecords, statusFromBody } from '../responseSchemas';
import type { QueryKind, QueryResultView } from '../../shared/queryResultModel';
import { resultBody, type ResponseByKind } from './resultTables';
import { anchorsFromClockEntries, formatServiceTime, type TimeBase, type UtcfAnchor } from '../../shared/swiftTime';
import { tooQueryCommand } from '../../common/commandIds';

export interface ParamsByKind {
  resolve: { name: string };
  visquery: QueryParams<'visquery'>;
  nicerVisquery: PassthroughQuery;
  saa: QueryParams<'saa'>;
  obsquery: QueryParams<'obsquery'>;
  planquery: QueryParams<'planquery'>;
  nicerPlanquery: PassthroughQuery;
  calendar: QueryParams<'calendar'>;
  clock: QueryParams<'clock'>;
  uvotMode: QueryParams<'uvotMode'>;
  data: QueryParams<'data'>;
  guano: QueryParams<'guano'>;
  sotStats: PassthroughQuery;
}

/** The client methods the queries use: a structural slice of TooClient, so tests can stand in for it. */
export type QueryClient = Pick<
  TooClient,
  | 'resolve'
  | 'visQuery'
  | 'nicerVisQuery'
  | 'saa'
  | 'obsQuery'
  | 'planQuery'
  | 'nicerPlanQuery'
  | 'calendar'
  | 'clock'
  | 'uvotMode'
  | 'data'
  | 'guano'
  | 'sotStats'
>;

interface QueryDefinition<K extends QueryKind> {
  readonly kind: K;
  readonly command: string;
  /** Command title (category "Swift TOO") and results tab title. */
  readonly title: string;
  call(client: QueryClient, params: ParamsByKind[K], signal?: AbortSignal): Promise<ResponseByKind[K]>;
}

type Catalog = { readonly [K in QueryKind]: QueryDefinition<K> };

const def = <K extends QueryKind>(kind: K, command: string, title: string, call: QueryDefinition<K>['call']): QueryDefinition<K> => ({
  kind,
  command: tooQueryCommand(command),
  title,
  call,
});

export const QUERY_CATALOG: Catalog = {
  resolve: def('resolve', 'resolveName', 'Resolve a Name…', (c, p, s) => c.resolve(p.name, s)),
  visquery: def('visquery', 'visibility', 'Visibility of a Target…', (c, p, s) => c.visQuery(p, s)),
  nicerVisquery: def('nicerVisquery', 'nicerVisibility', 'NICER Visibility of a Target…', (c, p, s) => c.nicerVisQuery(p, s)),
  saa: def('saa', 'saaPassages', 'SAA Passages…', (c, p, s) => c.saa(p, s)),
  obsquery: def('obsquery', 'observationsDone', 'Observations Done (As-Flown Timeline)…', (c, p, s) => c.obsQuery(p, s)),
  planquery: def('planquery', 'observationsPlanned', 'Observations Planned…', (c, p, s) => c.planQuery(p, s)),
  nicerPlanquery: def('nicerPlanquery', 'nicerPlan', 'NICER Observations Planned…', (c, p, s) => c.nicerPlanQuery(p, s)),
  calendar: def('calendar', 'calendar', 'Calendar of a TOO…', (c, p, s) => c.calendar(p, s)),
  clock: def('clock', 'convertTime', 'Convert Time (MET, UTC, Swift Time)…', (c, p, s) => c.clock(p, s)),
  uvotMode: def('uvotMode', 'uvotMode', 'Look Up a UVOT Mode…', (c, p, s) => c.uvotMode(p, s)),
  data: def('data', 'dataFiles', 'Data Files of an Observation…', (c, p, s) => c.data(p, s)),
  guano: def('guano', 'guano', 'GUANO Dumps…', (c, p, s) => c.guano(p, s)),
  sotStats: def('sotStats', 'sotStatistics', 'SOT Statistics…', (c, p, s) => c.sotStats(p, s)),
};

export function queryDefinition<K extends QueryKind>(kind: K): QueryDefinition<K> {
  return QUERY_CATALOG[kind] as QueryDefinition<K>;
}

/** A parameter value as text for summaries (dates in UTC, lists joined). */
function paramText(value: unknown): string {
  if (value instanceof Date) return formatServiceTime(value.getTime());
  if (Array.isArray(value)) return value.map(paramText).join(', ');
  return String(value);
}

/** "ra=83.63, dec=22.01, begin=…" of the parameters given, in their order. */
function describeParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${paramText(v)}`)
    .join(', ');
}

/** Parameters as JSON-safe values (Dates as UTC text), for the view state and the JSON export. */
function plainParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [
        k,
        v instanceof Date
          ? formatServiceTime(v.getTime())
          : Array.isArray(v)
            ? v.map((x: unknown) => (x instanceof Date ? formatServiceTime(x.getTime()) : x))
            : v,
      ]),
  );
}

const textOf = (v: unknown): string | undefined =>
  v instanceof Date ? formatServiceTime(v.getTime()) : typeof v === 'string' ? v : undefined;

interface ResultMeta {
  readonly id: string;
  readonly now: Date;
  /** Words for what was asked, e.g. the target name typed by the user. */
  readonly label?: string;
  /** Fetches UTCF anchors for converting the timeline and time columns; failures become a note. */
  readonly anchors?: (base: TimeBase, fromMs: number, toMs: number) => Promise<UtcfAnchor[]>;
}

/** Turns a reply into what the results view shows. */
export async function buildResultView<K extends QueryKind>(
  kind: K,
  params: ParamsByKind[K],
  reply: ResponseByKind[K],
  meta: ResultMeta,
): Promise<QueryResultView> {
  const p = params as Readonly<Record<string, unknown>>;
  const body = resultBody(kind, reply, { begin: textOf(p.begin), end: textOf(p.end) });
  const status = statusFromBody(reply);
  const notes = [...body.notes];
  const skipped = skippedRecords(reply);
  if (skipped.length) notes.push(`${describeSkipped(skipped)}; see the Swift Observatory log.`);
  let anchors: UtcfAnchor[] = [];
  const span = body.timeline ?? spanOfTable(body);
  if (body.base && span && meta.anchors) {
    try {
      anchors = await meta.anchors(body.base, span.startMs, span.endMs);
    } catch (error) {
      notes.push(`UTC / Swift time conversion is unavailable: ${describeError(error)}`);
    }
  }
  const definition = queryDefinition(kind);
  const asked = describeParams(p);
  return {
    id: meta.id,
    kind,
    title: definition.title.replace(/…$/, ''),
    summary: meta.label ? `${meta.label} — ${asked}` : asked,
    createdAt: meta.now.toISOString(),
    params: plainParams(p),
    warnings: status?.warnings ?? [],
    notes,
    table: body.table,
    ...(body.timeline ? { timeline: body.timeline } : {}),
    anchors,
    response: reply,
  };
}

function spanOfTable(body: { table: QueryResultView['table'] }): { startMs: number; endMs: number } | undefined {
  const timeKeys = body.table.columns.filter((c) => c.time).map((c) => c.key);
  const times = body.table.rows
    .flatMap((r) => timeKeys.map((k) => r[k]))
    .filter((v): v is string => typeof v === 'string')
    .map((v) => Date.parse(`${v.replace(' ', 'T')}Z`))
    .filter(Number.isFinite);
  return times.length ? { startMs: Math.min(...times), endMs: Math.max(...times) } : undefined;
}

/** UTCF at both ends of a span, from the clock endpoint (one request for both instants). */
export async function fetchAnchors(
  client: Pick<TooClient, 'clock'>,
  base: TimeBase,
  fromMs: number,
  toMs: number,
  signal?: AbortSignal,
): Promise<UtcfAnchor[]> {
  const instants = fromMs === toMs ? [new Date(fromMs)] : [new Date(fromMs), new Date(toMs)];
  const reply = await client.clock(base === 'utc' ? { utctime: instants } : { swifttime: instants }, signal);
  return anchorsFromClockEntries(reply.entries);
}
