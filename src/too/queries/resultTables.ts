// Per query kind: which list in the reply is the table, its column order and time bases, the
// timeline drawn above it, and the notes that say how to read it (test/fixtures/protocol/swift-too-v2.md §3.3, §5–§16).
import type {
  CalendarResponse,
  ClockResponse,
  DataResponse,
  GuanoResponse,
  ObsQueryResponse,
  PlanQueryResponse,
  ResolveResponse,
  SaaResponse,
  UvotModeResponse,
  VisQueryResponse,
} from '../responseSchemas';
import { tableOf, type ColumnHint } from './flatten';
import type { QueryKind, ResultTable, TimelineLane, TimelineModel } from '../../shared/queryResultModel';
import { describeClockEntry, formatServiceTime, parseServiceTime, type TimeBase } from '../../shared/swiftTime';

/** A reply whose contract is unknown (NICER, SOT statistics, §16): any JSON object. */
type LooseReply = Readonly<Record<string, unknown>>;

export interface ResponseByKind {
  resolve: ResolveResponse;
  visquery: VisQueryResponse;
  nicerVisquery: LooseReply;
  saa: SaaResponse;
  obsquery: ObsQueryResponse;
  planquery: PlanQueryResponse;
  nicerPlanquery: LooseReply;
  calendar: CalendarResponse;
  clock: ClockResponse;
  uvotMode: UvotModeResponse;
  data: DataResponse;
  guano: GuanoResponse;
  sotStats: LooseReply;
}

interface ResultBody {
  readonly table: ResultTable;
  readonly timeline?: TimelineModel;
  readonly notes: readonly string[];
  /** Time base of the table's time columns, when it has any that can be converted. */
  readonly base?: TimeBase;
}

const UNKNOWN_CONTRACT_NOTE = 'The service documents no format for this endpoint; the table shows whatever records it returned.';

const timeHints = (base: TimeBase | undefined, keys: readonly string[]): Record<string, ColumnHint> =>
  Object.fromEntries(
    keys.map((k) => [
      k,
      {
        label: `${k} (${base === 'swift' ? 'Swift time' : base === 'utc' ? 'UTC' : 'time base unknown'})`,
        ...(base ? { time: base } : {}),
      },
    ]),
  );

const seconds = (begin: unknown, end: unknown): number | null => {
  const b = typeof begin === 'string' ? parseServiceTime(begin) : undefined;
  const e = typeof end === 'string' ? parseServiceTime(end) : undefined;
  return b === undefined || e === undefined ? null : Math.round(e - b) / 1000;
};

/** The records of an unknown-contract reply: its `entries`/`windows` list, or the first list of objects in it. */
function looseRecords(reply: LooseReply): Record<string, unknown>[] {
  const isRecords = (v: unknown): v is Record<string, unknown>[] =>
    Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
  for (const key of ['entries', 'windows']) if (isRecords(reply[key])) return reply[key];
  const found = Object.values(reply).find((v) => isRecords(v) && v.length > 0);
  return isRecords(found) ? found : [];
}

function windowsTimeline(
  rows: readonly { begin?: unknown; end?: unknown }[],
  laneLabel: string,
  base: TimelineModel['base'],
  range: { begin?: unknown; end?: unknown },
): TimelineModel | undefined {
  return laneTimeline(
    rows.map((r) => ({ ...r, lane: laneLabel })),
    base,
    range,
  );
}

/** Intervals grouped into lanes (at most 12; the rest share an "other" lane so the picture stays readable). */
function laneTimeline(
  rows: readonly { begin?: unknown; end?: unknown; lane: string; label?: string }[],
  base: TimelineModel['base'],
  range: { begin?: unknown; end?: unknown },
): TimelineModel | undefined {
  const MAX_LANES = 12;
  const lanes = new Map<string, { startMs: number; endMs: number; label: string }[]>();
  const laneOrder: string[] = [];
  for (const row of rows) {
    const startMs = typeof row.begin === 'string' ? parseServiceTime(row.begin) : undefined;
    const endMs = typeof row.end === 'string' ? parseServiceTime(row.end) : undefined;
    if (startMs === undefined || endMs === undefined || endMs < startMs) continue;
    let lane = row.lane;
    if (!lanes.has(lane) && laneOrder.length >= MAX_LANES - 1) lane = 'other targets';
    if (!lanes.has(lane)) {
      lanes.set(lane, []);
      laneOrder.push(lane);
    }
    lanes.get(lane)?.push({ startMs, endMs, label: `${row.label ?? lane}: ${formatServiceTime(startMs)} – ${formatServiceTime(endMs)}` });
  }
  const all = [...lanes.values()].flat();
  const rangeStart = typeof range.begin === 'string' ? parseServiceTime(range.begin) : undefined;
  const rangeEnd = typeof range.end === 'string' ? parseServiceTime(range.end) : undefined;
  const startMs = Math.min(...all.map((i) => i.startMs), rangeStart ?? Infinity);
  const endMs = Math.max(...all.map((i) => i.endMs), rangeEnd ?? -Infinity);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) return undefined;
  return { base, startMs, endMs, lanes: laneOrder.map((label) => ({ label, intervals: lanes.get(label) ?? [] })) satisfies TimelineLane[] };
}

const SWIFT_TIME_NOTE =
  'Times are Swift spacecraft time (no leap seconds, no clock correction), as the service returns them for this query.';
const UTC_NOTE = 'Times are UTC.';

/** Builds the table, timeline and notes for a reply; `range` is the window asked for, when there was one. */
export function resultBody<K extends QueryKind>(
  kind: K,
  reply: ResponseByKind[K],
  range: { begin?: string; end?: string } = {},
): ResultBody {
  switch (kind) {
    case 'resolve': {
      const r = reply as ResolveResponse;
      return {
        table: tableOf([{ name: r.name, ra: r.ra, dec: r.dec, resolver: r.resolver }], ['name', 'ra', 'dec', 'resolver']),
        notes: ['RA and Dec are J2000 degrees.'],
      };
    }
    case 'visquery': {
      const r = reply as VisQueryResponse;
      const rows = r.windows.map((w) => ({ ...w, duration_s: seconds(w.begin, w.end) }));
      const end = r.end ?? (r.begin && r.length ? formatServiceTime((parseServiceTime(r.begin) ?? 0) + r.length * 86_400_000) : range.end);
      return {
        table: tableOf(rows, ['begin', 'end', 'duration_s'], timeHints('utc', ['begin', 'end'])),
        timeline: windowsTimeline(r.windows, 'visible', 'utc', { begin: r.begin ?? range.begin, end }),
        notes: [
          UTC_NOTE,
          r.hires
            ? 'High resolution: 1-minute windows that leave out Earth occultation and SAA passages.'
            : 'Long-term visibility: Sun, Moon and pole constraints only; Earth occultation and SAA are not taken out.',
        ],
        base: 'utc',
      };
    }
    case 'nicerVisquery':
    case 'nicerPlanquery': {
      const records = looseRecords(reply as LooseReply);
      const isPlan = kind === 'nicerPlanquery';
      return {
        table: tableOf(records, ['begin', 'end', 'target_name', 'obs_id'], timeHints(undefined, ['begin', 'end'])),
        timeline: isPlan
          ? laneTimeline(
              records.map((e) => ({
                begin: e.begin,
                end: e.end,
                lane: typeof e.target_name === 'string' || typeof e.target_name === 'number' ? String(e.target_name) : 'planned',
              })),
              'unknown',
              range,
            )
          : windowsTimeline(records, 'visible to NICER', 'unknown', range),
        notes: [UNKNOWN_CONTRACT_NOTE, 'The time base of NICER results is not documented, so no UTC / Swift time conversion is offered.'],
      };
    }
    case 'saa': {
      const r = reply as SaaResponse;
      const rows = r.entries.map((w) => ({ ...w, duration_s: seconds(w.begin, w.end) }));
      return {
        table: tableOf(rows, ['begin', 'end', 'duration_s'], timeHints('utc', ['begin', 'end'])),
        timeline: windowsTimeline(r.entries, r.bat ? 'BAT SAA flag' : 'SAA', 'utc', {
          begin: r.begin ?? range.begin,
          end: r.end ?? range.end,
        }),
        notes: [
          UTC_NOTE,
          r.bat ? 'BAT: an estimate of when the BAT SAA flag is up (driven by count rates, so approximate).' : 'Spacecraft SAA definition.',
        ],
        base: 'utc',
      };
    }
    case 'obsquery': {
      const r = reply as ObsQueryResponse;
      const rows = r.entries.map((e) => ({ ...e, exposure_s: seconds(e.settle, e.end) }));
      return {
        table: tableOf(
          rows,
          [
            'begin',
            'settle',
            'end',
            'exposure_s',
            'target_name',
            'target_id',
            'segment',
            'obs_id',
            'ra',
            'dec',
            'roll',
            'xrt_mode',
            'uvot_mode',
            'bat_mode',
          ],
          timeHints('swift', ['begin', 'settle', 'end']),
        ),
        timeline: laneTimeline(
          r.entries.map((e) => ({
            begin: e.settle ?? e.begin,
            end: e.end,
            lane: e.target_name ?? String(e.target_id ?? 'snapshot'),
            label: `${e.target_name ?? ''} ${e.obs_id ?? ''}`.trim(),
          })),
          'swift',
          range,
        ),
        notes: [
          SWIFT_TIME_NOTE,
          `Exposure = end − settle.${typeof r.afstmax === 'string' ? ` The as-flown timeline is complete up to ${r.afstmax} (Swift time).` : ''}`,
        ],
        base: 'swift',
      };
    }
    case 'planquery': {
      const r = reply as PlanQueryResponse;
      const rows = r.entries.map((e) => ({ ...e, exposure_s: seconds(e.begin, e.end) }));
      return {
        table: tableOf(
          rows,
          [
            'begin',
            'end',
            'exposure_s',
            'target_name',
            'target_id',
            'segment',
            'obs_id',
            'ra',
            'dec',
            'roll',
            'xrt_mode',
            'uvot_mode',
            'bat_mode',
          ],
          timeHints('swift', ['begin', 'end']),
        ),
        timeline: laneTimeline(
          r.entries.map((e) => ({
            begin: e.begin,
            end: e.end,
            lane: e.target_name ?? String(e.target_id ?? 'snapshot'),
            label: `${e.target_name ?? ''} ${e.obs_id ?? ''}`.trim(),
          })),
          'swift',
          range,
        ),
        notes: [
          SWIFT_TIME_NOTE,
          `Plans exist only about 1–3 days ahead.${typeof r.ppstmax === 'string' ? ` The plan extends to ${r.ppstmax} (Swift time).` : ''}`,
        ],
        base: 'swift',
      };
    }
    case 'calendar': {
      const r = reply as CalendarResponse;
      return {
        table: tableOf(
          r.entries,
          [
            'begin',
            'end',
            'target_name',
            'target_id',
            'type',
            'pi_name',
            'duration',
            'asflown',
            'ra',
            'dec',
            'roll',
            'xrt_mode',
            'uvot_mode',
            'bat_mode',
          ],
          {
            ...timeHints(undefined, ['begin', 'end']),
            duration: { label: 'duration (s)' },
            asflown: { label: 'asflown (s)' },
          },
        ),
        timeline: laneTimeline(
          r.entries.map((e) => ({ begin: e.begin, end: e.end, lane: e.target_name ?? `TOO ${r.too_id ?? ''}`.trim() })),
          'unknown',
          range,
        ),
        // §3.3: the calendar's time base is unknown in v2 (v1 used Swift time); not converted.
        notes: [
          'The time base of calendar rows is not documented for API v2 (v1 used Swift time), so no conversion is offered.',
          '“asflown” is the estimated exposure actually obtained.',
        ],
      };
    }
    case 'clock': {
      const r = reply as ClockResponse;
      const rows = r.entries.map(describeClockEntry);
      return {
        table: tableOf(rows, ['input', 'met', 'utcf', 'utctime', 'swifttime'], {
          utcf: { label: 'utcf (s)' },
          met: { label: 'met (s)' },
          utctime: { label: 'UTC' },
          swifttime: { label: 'Swift time' },
          input: { label: 'given as' },
        }),
        notes: ['UTC = Swift time + UTCF; Swift time = 2001-01-01 + MET seconds (no leap seconds).'],
      };
    }
    case 'uvotMode': {
      const r = reply as UvotModeResponse;
      return {
        table: tableOf(
          r.entries,
          [
            'filter_seqid',
            'filter_name',
            'filter_num',
            'filter_pos',
            'min_exposure',
            'max_exposure',
            'weight',
            'field_of_view',
            'binning',
            'eventmode',
            'special',
            'comment',
            'uvot_mode',
          ],
          {
            min_exposure: { label: 'min_exposure (s)' },
            max_exposure: { label: 'max_exposure (s)' },
            field_of_view: { label: 'field_of_view (′)' },
          },
        ),
        notes:
          r.uvot_mode !== null && r.uvot_mode !== undefined
            ? [
                `UVOT mode ${r.uvot_mode} = 0x${r.uvot_mode.toString(16).toUpperCase().padStart(4, '0')}; one row per filter in sequence order.`,
              ]
            : [],
      };
    }
    case 'data': {
      const r = reply as DataResponse;
      return {
        table: tableOf(r.entries, ['filename', 'type', 'path', 'quicklook', 'url'], { url: { label: 'download', link: true } }),
        notes:
          r.entries.length === 0
            ? [`No data found for ${r.obs_id ?? 'this observation'}.`]
            : ['Files come from the data centre’s archive, not from the TOO API.'],
      };
    }
    case 'guano': {
      const r = reply as GuanoResponse;
      const rows = r.entries.map((e) => {
        const t = parseServiceTime(e.triggertime);
        const computed =
          t === undefined
            ? {}
            : {
                begin: formatServiceTime(t + (e.offset - e.duration / 2) * 1000),
                end: formatServiceTime(t + (e.offset + e.duration / 2) * 1000),
              };
        return { ...e, ...computed, ...(e.begin ? { begin: e.begin } : {}), ...(e.end ? { end: e.end } : {}) };
      });
      return {
        table: tableOf(
          rows,
          [
            'triggertime',
            'triggertype',
            'begin',
            'end',
            'offset',
            'duration',
            'obs_id',
            'exectime',
            'ra',
            'dec',
            'quadsaway',
            'data.exposure',
            'data.acs',
          ],
          {
            ...timeHints(undefined, ['triggertime', 'begin', 'end', 'exectime']),
            offset: { label: 'offset (s)' },
            duration: { label: 'duration (s)' },
          },
        ),
        // §17 T7: the stock client calls GUANO times UTC yet corrects them as Swift time; not converted.
        notes: [
          'Dump window = trigger time + offset ± duration / 2.',
          'The time base of GUANO times is ambiguous (the stock client calls them UTC but then corrects them as Swift time), so no conversion is offered.',
          ...(r.lastcommand
            ? [`Last GUANO command: ${r.lastcommand}; system ${r.guanostatus === false ? 'not working' : 'working'}.`]
            : []),
        ],
      };
    }
    case 'sotStats': {
      const records = looseRecords(reply as LooseReply);
      return { table: tableOf(records, ['date']), notes: [UNKNOWN_CONTRACT_NOTE] };
    }
  }
  throw new RangeError(`unknown query kind ${String(kind)}`);
}
