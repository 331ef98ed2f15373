// What the results view shows for one query and the messages between the extension and the view.
// Shared by the extension host and the webview bundle, so it stays free of `vscode` and the DOM. The
// naming convention and the messages every page sends (ready, rendered, error):
// src/shared/webviewProtocol.ts.
import type { TimeBase, UtcfAnchor } from './swiftTime';
import type { PageToHost } from './webviewProtocol';

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

interface TimelineInterval {
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

export type HostToView = { readonly type: 'state'; readonly state: ResultsState };

/** What the view reports after drawing a result (integration tests assert on these). */
export interface ResultsRendered {
  readonly id: string;
  readonly kind: QueryKind;
  readonly rows: number;
}

/** Webview → host: what the results view asks of the extension. */
export type ResultsRequest =
  | { readonly type: 'select'; readonly id: string }
  | { readonly type: 'close'; readonly id: string }
  | { readonly type: 'timeBase'; readonly base: TimeBase }
  | { readonly type: 'export'; readonly id: string; readonly format: ExportFormat; readonly action: 'copy' | 'save' }
  /** A link from a listing, opened in the browser (http and https only). */
  | { readonly type: 'openUrl'; readonly url: string }
  /** A data file from a listing, streamed to a file the user picks. */
  | { readonly type: 'download'; readonly url: string; readonly fileName: string };

/** Webview → host. */
export type ViewToHost = PageToHost<ResultsRendered> | ResultsRequest;

/** Most results kept in the view's history; older ones drop off. */
export const MAX_RESULTS = 20;
