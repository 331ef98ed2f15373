// Typed access to the `swiftObservatory.*` settings. Defaults live in package.json only.
import * as vscode from 'vscode';

export const CONFIG_SECTION = 'swiftObservatory';

/** The lowest poll interval the XRT product generator API docs allow (no need to poll more often than every 10 s). */
const MIN_POLL_INTERVAL_SECONDS = 10;
/** The poll interval the xrt_prods documentation and the service's tutorial advise: about once a minute. */
const DEFAULT_POLL_INTERVAL_SECONDS = 60;

export interface Settings {
  readonly xrtBaseUrl: string;
  /** The UKSSDC site API that rebins light curves; '' = derived from each job's service URL. */
  readonly xrtRebinUrl: string;
  readonly tooBaseUrl: string;
  readonly xrtUserId: string;
  readonly pollIntervalSeconds: number;
  readonly maxActiveJobs: number;
  readonly downloadFolder: string;
  readonly requestTimeoutSeconds: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    xrtBaseUrl: stripTrailingSlash(c.get<string>('xrt.baseUrl', '')),
    xrtRebinUrl: c.get<string>('xrt.rebinUrl', '').trim(),
    tooBaseUrl: stripTrailingSlash(c.get<string>('too.baseUrl', '')),
    xrtUserId: c.get<string>('xrt.userId', '').trim(),
    pollIntervalSeconds: Math.max(MIN_POLL_INTERVAL_SECONDS, c.get<number>('xrt.pollIntervalSeconds', DEFAULT_POLL_INTERVAL_SECONDS)),
    maxActiveJobs: Math.max(1, Math.floor(c.get<number>('xrt.maxActiveJobs', 5))),
    downloadFolder: c.get<string>('downloadFolder', '').trim(),
    requestTimeoutSeconds: Math.max(1, c.get<number>('requestTimeoutSeconds', 60)),
  };
}

function stripTrailingSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
