// What every webview page of the extension says to its host, besides its own messages: that it is
// ready for data, what it drew, and an error it could not show itself. The host base
// (src/views/webviewPanelHost.ts) answers these the same way for every panel.
//
// Naming, for these and for each panel's own protocol (src/shared/viewerProtocol.ts,
// src/shared/queryResultModel.ts): `HostToView` for what the extension sends, `ViewToHost` for what
// the page sends, and camelCase `type` values (`exportCsv`, `openUrl`).

/** Anything sent either way: a plain object with a `type`. */
export interface WebviewMessage {
  readonly type: string;
}

/** Sent by every page; `Rendered` is the page's own summary of a draw. */
export type PageToHost<Rendered> =
  /** The page listens now; the host answers with its current state (also after the page was reloaded). */
  | { readonly type: 'ready' }
  /** After each draw, for the tests and the log. */
  | { readonly type: 'rendered'; readonly summary: Rendered }
  /** Something the page could not do; the host logs it and tells the user. */
  | { readonly type: 'error'; readonly message: string };
