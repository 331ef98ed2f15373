// Messages between the product viewer webview and its host panel. Both sides import these types, so a
// change to a message breaks the build of whichever side was not updated.
import type { ViewerModel, ViewerSectionKey } from './viewModel';

/**
 * Host → webview. `resources` maps every file path in the model to the URI the webview may load (paths
 * outside the job's folder are left out); `state` is what the webview stores for window reloads.
 */
export type HostMessage = {
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
}

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly summary: RenderedSummary }
  | { readonly type: 'export-csv'; readonly fileName: string; readonly text: string }
  | { readonly type: 'save-png'; readonly fileName: string; readonly dataUrl: string }
  | { readonly type: 'copy'; readonly text: string; readonly what?: string }
  /** `path`: a file of the job (opened in VS Code); `url`: an https page (opened in the browser). */
  | { readonly type: 'open'; readonly path?: string; readonly url?: string }
  | { readonly type: 'error'; readonly message: string };

/** What the webview keeps with `setState` so a reloaded window can bring the panel back. */
export interface ViewerWebviewState {
  readonly jobKey: string;
  /** The job's download folder (file-system path), when the products were read from disk. */
  readonly folder?: string;
}

const WEBVIEW_MESSAGE_TYPES = new Set(['ready', 'rendered', 'export-csv', 'save-png', 'copy', 'open', 'error']);

/** Narrowing for messages that arrive as `unknown`; the host checks field types again where it acts. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  return typeof value === 'object' && value !== null && WEBVIEW_MESSAGE_TYPES.has(String((value as { type?: unknown }).type));
}
