// What the campaign results table shows (one row per source of an XRT campaign) and the messages between
// the extension and its webview. Shared by the extension host (src/products/campaign/) and the webview
// bundle (media/src/campaignResults.main.ts), so it stays free of `vscode`, Node and the DOM. The messages
// every page sends (ready, rendered, error): src/shared/webviewProtocol.ts.
import type { PageToHost } from './webviewProtocol';

export type ResultCell = string | number | null;

/** Where a source is in its campaign: its campaign state and, once submitted, its job's products. */
export type SourceProgress =
  /** Not sent yet. */
  | 'queued'
  /** Sent or being settled against the job list. */
  | 'sending'
  /** The service refused the request. */
  | 'refused'
  /** The job list could not tell whether a job was made: the user decides. */
  | 'undecided'
  /** Withdrawn by Cancel Campaign: never sent. */
  | 'withdrawn'
  /** Its job has products still being built. */
  | 'active'
  /** Every product settled and at least one complete; not downloaded yet. */
  | 'complete'
  /** Its products are in the source's folder. */
  | 'downloaded'
  /** Every product failed or was cancelled. */
  | 'failed';

export interface CampaignResultColumn {
  /** Key of the cell in every row (`ra`, `nh`, …); also the CSV header and the JSON key. */
  readonly key: string;
  /** Header text, unit included (`NH (10²² cm⁻²)`). */
  readonly label: string;
  /** Numbers sort and filter as numbers; text as text. */
  readonly kind: 'number' | 'text';
  /** Decimals a number is shown with (coordinates: a fixed precision); otherwise 4 significant digits. */
  readonly decimals?: number;
}

export interface CampaignResultRow {
  readonly sourceId: string;
  readonly progress: SourceProgress;
  readonly jobId?: string;
  /** Cells by column key; null where the products say nothing (or are not there yet). */
  readonly cells: Readonly<Record<string, ResultCell>>;
  /**
   * Column keys whose value differs from the previous results of the campaign (a re-run), and `progress` or
   * `jobId` when those differ (src/products/campaign/resultsStore.ts).
   */
  readonly changed?: readonly string[];
  /** Why a value is missing or a number may not mean what it seems (shown on hover). */
  readonly notes?: readonly string[];
}

export interface CampaignResultsView {
  /** The campaign file's name (`ulx.xrt-campaign.json`). */
  readonly campaign: string;
  readonly columns: readonly CampaignResultColumn[];
  readonly rows: readonly CampaignResultRow[];
  /** When these results were read (ISO 8601). */
  readonly readAt: string;
  /** When the previous results the `changed` marks compare with were written, if there were any. */
  readonly previousAt?: string;
  /** What went wrong with the campaign's results files (saving, reading the previous ones); the rows are still shown. */
  readonly problems?: readonly string[];
}

export type HostToView = {
  readonly type: 'results';
  readonly view: CampaignResultsView;
  /** The campaign file (a URI string): the page keeps it so the panel comes back after a window reload. */
  readonly campaignUri: string;
  /** The results are still being read: `view` is only the campaign's name. */
  readonly reading?: true;
};

/** What the page keeps with setState (handed to the panel serializer after a reload). */
export interface CampaignResultsPageState {
  readonly campaignUri: string;
  readonly sortKey: string;
  readonly descending: boolean;
  readonly filter: string;
  readonly progress?: SourceProgress;
}

/** What the page reports after drawing (integration tests and the bench assert on these). */
export interface CampaignResultsRendered {
  readonly rows: number;
  /** Rows left after the filter. */
  readonly shown: number;
  readonly sortKey?: string;
}

export type CampaignResultsRequest =
  /** Open that source's products in the product viewer. */
  | { readonly type: 'openSource'; readonly sourceId: string }
  /** Export the whole table (not only the filtered rows) to a file the user picks. */
  | { readonly type: 'export'; readonly format: 'csv' | 'json' };

export type ViewToHost = PageToHost<CampaignResultsRendered> | CampaignResultsRequest;
