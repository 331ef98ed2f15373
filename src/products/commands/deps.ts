// What the product commands work with: one object, built once in src/products/productsFeature.ts. The
// UI functions come in here too (`window`, `withCancellableProgress`, `viewer`, …), so the handlers that
// import nothing else from `vscode` at run time can be unit-tested with fakes.
import type * as vscode from 'vscode';
import type { CommandFactory, CommandWindow } from '../../common/commandTable';
import type { Settings } from '../../config';
import type { XrtClient } from '../../xrt/client';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import type { JobRegistry } from '../../xrt/jobs/jobRegistry';
import type { RebinClient } from '../../xrt/rebin/rebinClient';
import type { ViewerModel } from '../../shared/viewModel';
import type { CampaignDownloader } from '../campaign/campaignDownloader';
import type { downloadProducts } from '../download/productDownload';

export type DownloadOutcome =
  | {
      readonly kind: 'downloaded';
      readonly jobId: string;
      readonly folder: string;
      readonly files: number;
      readonly refused: readonly { path: string; reason: string }[];
    }
  | { readonly kind: 'failed'; readonly jobId: string; readonly message: string }
  | { readonly kind: 'cancelled'; readonly jobId: string }
  /** A campaign's job: handed to the campaign downloads, which put it in its source's folder. */
  | { readonly kind: 'queued'; readonly jobId: string; readonly message: string }
  | { readonly kind: 'nothing'; readonly message: string };

export type ViewOutcome =
  | { readonly kind: 'shown'; readonly jobKey: string; readonly sections: readonly string[]; readonly problems: number }
  | { readonly kind: 'nothing'; readonly message: string };

/** Options commands accept when run programmatically (tests); menus never pass them. */
export interface DownloadOptions {
  /** Download into this folder instead of the setting's. */
  readonly downloadRoot?: string;
}

/** A progress notification's reporter (a subset of vscode.Progress). */
interface ProgressReport {
  report(value: { readonly message?: string; readonly increment?: number }): void;
}

export interface ProductsDeps {
  /** The XRT job registry: the jobs whose products are downloaded and shown. */
  readonly jobs: Pick<JobRegistry, 'get' | 'all' | 'update'>;
  readonly log: vscode.LogOutputChannel;
  readonly window: CommandWindow;
  readonly settings: () => Settings;
  readonly userAgent: string;
  /** A client for the service and user of `job`. */
  clientFor(job: JobRecord): XrtClient;
  /** A client of the UKSSDC site API at `url` (a stored rebin's), for its rebinned light curve. */
  rebinClientFor(url: string): Pick<RebinClient, 'lightCurve'>;
  /** The folder downloads go into: the setting, the workspace, or one the user picks; undefined when none. */
  downloadRoot(): Promise<string | undefined>;
  /** The background downloads of campaign jobs (src/products/campaign/campaignDownloader.ts). */
  readonly campaignDownloads?: Pick<CampaignDownloader, 'retry'>;
  /** Downloads and unpacks one archive (src/products/download/productDownload.ts). */
  readonly downloadArchive: typeof downloadProducts;
  /** Runs `task` under a cancellable progress notification; cancelling aborts `signal`. */
  withCancellableProgress<T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T>;
  readonly viewer: {
    isOpen(key: string): boolean;
    show(model: ViewerModel, key: string, folder?: string): void;
  };
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  /** Shows `folder` in the system's file manager. */
  revealInFileExplorer(folder: string): void;
  readonly campaignResults: {
    /** The active editor's file as a URI string, if any (Show Campaign Results without an argument). */
    activeFile(): string | undefined;
    /** Opens or brings forward the results table of a campaign file (a URI string). */
    show(campaign: string): Promise<void>;
  };
}

export type ProductsCommand = CommandFactory<ProductsDeps>;
