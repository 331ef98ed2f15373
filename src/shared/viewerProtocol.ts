// Messages between the product viewer webview and its host panel. Both sides import these types, so a
// change to a message breaks the build of whichever side was not updated. The naming convention and
// the messages every page sends (ready, rendered, error): src/shared/webviewProtocol.ts.
import type { FluxUnit } from './fluxUnits/pointConversion';
import type { BreakShape, ExclusionRange, LightCurveFitResult } from './lightCurveFit';
import type { ViewerModel, ViewerSectionKey } from './viewModel';
import type { PageToHost } from './webviewProtocol';

/**
 * Host → webview. `resources` maps every file path in the model to the URI the webview may load (paths
 * outside the job's folder are left out); `state` is what the webview stores for window reloads.
 */
export type HostToView =
  | {
      readonly type: 'model';
      readonly model: ViewerModel;
      readonly resources: Readonly<Record<string, string>>;
      readonly state: ViewerWebviewState;
      /** The light-curve fit kept with the job (src/products/viewer/fitStore.ts), if there is one. */
      readonly fit?: ViewerFit;
      /** Why a kept fit could not be read, if so. */
      readonly fitProblem?: string;
    }
  /** The kept fit, read after the model was sent. */
  | { readonly type: 'fitRestored'; readonly fit?: ViewerFit; readonly fitProblem?: string }
  /** A running fit's progress, 0–1. */
  | { readonly type: 'fitProgress'; readonly requestId: number; readonly fraction: number }
  | { readonly type: 'fitDone'; readonly requestId: number; readonly fit: ViewerFit }
  | { readonly type: 'fitFailed'; readonly requestId: number; readonly message: string; readonly cancelled: boolean }
  /** Show the light curve in this unit, as if chosen in its Units select (ignored when the job offers no fluxes). */
  | { readonly type: 'lightCurveUnit'; readonly unit: FluxUnit };

/** The host's messages the viewer page listens to. */
export const HOST_TO_VIEW_TYPES = [
  'model',
  'fitRestored',
  'fitProgress',
  'fitDone',
  'fitFailed',
  'lightCurveUnit',
] as const satisfies readonly HostToView['type'][];

/**
 * What the user chose in the Fit panel. Times are seconds since T0, as the light curve's files give
 * them (the fit needs that time base).
 */
export interface FitChoice {
  /** `auto`: the constant, the power law and 1–4 breaks compared by BIC, the lowest chosen. */
  readonly model: 'auto' | 'constant' | 'power-law' | 'broken-power-law';
  /** Breaks of a broken power law, 1–4 (ignored otherwise). */
  readonly breaks: number;
  readonly shape: BreakShape;
  readonly exclusions: readonly ExclusionRange[];
  /** Datasets fitted together (`WT`, `PC`, `WTUL`, `PCUL`, or their `_incbad` / `_nosys` variants). */
  readonly datasets: readonly string[];
}

/** A fit as the viewer shows it and the job keeps it. */
export interface ViewerFit {
  readonly choice: FitChoice;
  readonly result: LightCurveFitResult;
  /** Where the fitted bins came from (the same `source` the command line prints with --json). */
  readonly source: FitSource;
  /** ISO time of the fit. */
  readonly fittedAt: string;
  /** Set when the light curve is no longer the one fitted (e.g. downloaded again), saying so. */
  readonly stale?: string;
}

export interface FitSource {
  readonly files: readonly string[];
  readonly datasets: readonly string[];
}

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
  /** The Fit panel as shown (absent without a light curve). */
  readonly fit?: FitRendered;
  /** The light curves the binning selector offers (labels as shown) and the one shown; absent without a selector. */
  readonly lightCurveChoice?: { readonly options: readonly string[]; readonly selected: string };
}

/** What the Fit panel shows: the state, the result's table rows, and what was drawn on the plot. */
export interface FitRendered {
  readonly state: 'none' | 'running' | 'done' | 'failed';
  readonly exclusions: readonly ExclusionRange[];
  /** The model label of the result shown, e.g. `power law`. */
  readonly model?: string;
  /** Parameter rows as shown: name, value and the 90 % interval text. */
  readonly parameters: readonly { readonly name: string; readonly value: string; readonly interval: string }[];
  /** `χ² = … for … dof` as shown. */
  readonly statistic?: string;
  /** Rows of the competing-models table (automatic choice only). */
  readonly competingModels: number;
  /** Points of the model curve drawn over the data, and residual points drawn below. */
  readonly modelCurvePoints: number;
  /** Least and greatest value of the drawn model curve, in the unit of the value axis. */
  readonly modelValueRange?: readonly [number, number];
  readonly residualPoints: number;
  /** The failure or note line shown, if any. */
  readonly message?: string;
}

/** The light-curve plot as drawn: the time window every panel shows, each panel's size and axis labels. */
export interface LightCurveRendered {
  /** The time axis's title, e.g. "Time since T0 (s)" or "Time (MJD, approx.)". */
  readonly timeAxis: string;
  /** The light curve's unit (`rate` unless the user or the host chose a flux), and the value axis's title. */
  readonly unit: FluxUnit;
  readonly valueAxis: string;
  /** The value of each drawn series' first point, by dataset name (in the unit shown). */
  readonly firstValues: Readonly<Record<string, number>>;
  /** The note under a light curve in flux units: which spectral interval applies where. */
  readonly unitNote?: string;
  readonly log: boolean;
  /** Visible time window in axis units (zoomed or not), and the window that shows all data. */
  readonly timeRange: readonly [number, number];
  readonly fullTimeRange: readonly [number, number];
  readonly panels: readonly {
    readonly panel: 'rate' | 'residuals' | 'hardness';
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
  /** Fit the light curve (checked by src/products/viewer/fitRequest.ts); answered by fitProgress, fitDone or fitFailed. */
  | { readonly type: 'fit'; readonly requestId: number; readonly choice: FitChoice }
  | { readonly type: 'cancelFit'; readonly requestId: number }

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
