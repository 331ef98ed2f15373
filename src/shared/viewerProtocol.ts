// Messages between the product viewer webview and its host panel. Both sides import these types, so a
// change to a message breaks the build of whichever side was not updated. The naming convention and
// the messages every page sends (ready, rendered, error): src/shared/webviewProtocol.ts.
import type { ViewerModel, ViewerSectionKey } from './viewModel';
import type { PageToHost } from './webviewProtocol';

/**
 * Host → webview. `resources` maps every file path in the model to the URI the webview may load (paths
 * outside the job's folder are left out); `state` is what the webview stores for window reloads.
 */
export type HostToView = {
  readonly type: 'model';
  readonly model: ViewerModel;
  readonly resources: Readonly<Record<string, string>>;
  readonly state: ViewerWebviewState;
};

/** What the webview drew, for tests and diagnostics. */
export interface RenderedSummary {
  readonly sections: readonly ViewerSectionKey[];
  /** Points placed on the light-curve canvases in the last draw. */
  readonly plotPoints: number;
  /** Data tables in the document (fit tables, position tables, source lists). */
  readonly tables: number;
  /** Milliseconds the last light-curve draw took. */
  readonly plotMs?: number;
  /** The page heading as the user reads it (service text must appear literally here). */
  readonly headerText: string;
  /**
   * Elements in the viewer's content that could run code or load content (event-handler attributes,
   * scripts, iframes, objects, embeds), described briefly. Always empty unless service text was taken
   * for markup.
   */
  readonly activeMarkup: readonly string[];
  /** The light-curve plot as last drawn (absent without a light curve). */
  readonly lightCurve?: LightCurveRendered;
  /** The light curves the binning selector offers (labels as shown) and the one shown; absent without a selector. */
  readonly lightCurveChoice?: { readonly options: readonly string[]; readonly selected: string };
}

/** The light-curve plot as drawn: the time window every panel shows, each panel's size and axis labels. */
export interface LightCurveRendered {
  /** The time axis's title, e.g. "Time since T0 (s)" or "Time (MJD, approx.)". */
  readonly timeAxis: string;
  readonly log: boolean;
  /** Visible time window in axis units (zoomed or not), and the window that shows all data. */
  readonly timeRange: readonly [number, number];
  readonly fullTimeRange: readonly [number, number];
  readonly panels: readonly {
    readonly panel: 'rate' | 'hardness';
    /** CSS pixels of the whole plot (axes included). */
    readonly width: number;
    readonly height: number;
    readonly timeRange: readonly [number, number];
    readonly valueRange: readonly [number, number];
    /** Labels drawn on the time and value axes, in order (unlabelled grid lines left out). */
    readonly timeLabels: readonly string[];
    readonly valueLabels: readonly string[];
  }[];
}

/** Webview → host: what the viewer asks of the extension. */
export type ViewerRequest =
  | { readonly type: 'exportCsv'; readonly fileName: string; readonly text: string }
  | { readonly type: 'savePng'; readonly fileName: string; readonly dataUrl: string }
  | { readonly type: 'copy'; readonly text: string; readonly what?: string }
  /** A file of the job, opened in VS Code (archives and FITS files: shown in the OS file manager). */
  | { readonly type: 'openFile'; readonly path: string }
  /** A page of the service, opened in the browser (http and https only). */
  | { readonly type: 'openUrl'; readonly url: string }
  /** Rebin Light Curve… for the job the viewer shows (ignored for a folder or file opened on its own). */
  | { readonly type: 'rebinLightCurve' };

/** Webview → host. */
export type ViewToHost = PageToHost<RenderedSummary> | ViewerRequest;

/** What the webview keeps with `setState` so a reloaded window can bring the panel back. */
export interface ViewerWebviewState {
  readonly jobKey: string;
  /** The job's download folder (file-system path), when the products were read from disk. */
  readonly folder?: string;
}
