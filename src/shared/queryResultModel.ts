// What the results view shows for one query and the messages between the extension and the view.
// Shared by the extension host and the webview bundle, so it stays free of `vscode` and the DOM.
import type { TimeBase, UtcfAnchor } from './swiftTime';

export const QUERY_KINDS = [
  'resolve',
  'visquery',
  'nicerVisquery',
  'saa',
  'obsquery',
  'planquery',
  'nicerPlanquery',
  'calendar',
  'clock',
  'uvotMode',
  'data',
  'guano',
  'sotStats',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type Cell = string | number | boolean | null;

export interface ResultColumn {
  readonly key: string;
  readonly label: string;
  /** A datetime column and the base its values are in, so the view can show the other base. */
  readonly time?: TimeBase;
  /** Cells are download URLs. */
  readonly link?: boolean;
}

export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
}

export interface TimelineInterval {
  readonly startMs: number;
  readonly endMs: number;
  /** Shown on hover and read by screen readers. */
  readonly label: string;
}

export interface TimelineLane {
  readonly label: string;
  readonly intervals: readonly TimelineInterval[];
}

export interface TimelineModel {
  /** Base of every instant in the lanes; `unknown` when the service does not say (no conversion offered). */
  readonly base: TimeBase | 'unknown';
  readonly startMs: number;
  readonly endMs: number;
  readonly lanes: readonly TimelineLane[];
}

/** One finished query as the view shows it. */
export interface QueryResultView {
  readonly id: string;
  readonly kind: QueryKind;
  readonly title: string;
  /** What was asked, in words (target, position, range). */
  readonly summary: string;
  readonly createdAt: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** Notes on how to read the result (time base, unknown contracts). */
  readonly notes: readonly string[];
  readonly table: ResultTable;
  readonly timeline?: TimelineModel;
  /** UTCF figures from the clock endpoint for converting between UTC and Swift time. */
  readonly anchors: readonly UtcfAnchor[];
  /** The parsed reply, for JSON export. */
  readonly response: unknown;
}

/** The whole view state; the webview keeps it with setState so it survives reloads. */
export interface ResultsState {
  readonly results: readonly QueryResultView[];
  readonly activeId?: string;
  readonly timeBase: TimeBase;
}

export type ExportFormat = 'json' | 'csv';

export type HostToView = { type: 'state'; state: ResultsState } | { type: 'notice'; text: string };

export type ViewToHost =
  | { type: 'ready' }
  | { type: 'rendered'; id: string; kind: QueryKind; rows: number }
  | { type: 'select'; id: string }
  | { type: 'close'; id: string }
  | { type: 'timeBase'; base: TimeBase }
  | { type: 'export'; id: string; format: ExportFormat; action: 'copy' | 'save' }
  | { type: 'openUrl'; url: string }
  | { type: 'download'; url: string; filename: string };

/** Most results kept in the view's history; older ones drop off. */
export const MAX_RESULTS = 20;
