// The page's side of the message channel to the extension: the one wrapper around acquireVsCodeApi
// (which VS Code lets a page call only once), typed by the panel's protocol. Protocols and naming:
// src/shared/webviewProtocol.ts.
import type { WebviewMessage } from '../../../src/shared/webviewProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** Outside VS Code (the viewer harness, test/viewer-harness) messages go to `window.__webviewOutbox`. */
function standaloneApi(): VsCodeApi {
  const outbox: unknown[] = [];
  (window as unknown as { __webviewOutbox: unknown[] }).__webviewOutbox = outbox;
  let state: unknown;
  return {
    postMessage: (m) => void outbox.push(m),
    getState: () => state,
    setState: (s) => void (state = s),
  };
}

function vscodeApi(): VsCodeApi {
  api ??= typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : standaloneApi();
  return api;
}

// Function-valued properties, not methods: they use no `this`, so a page may take `host.post` on its own.
interface HostChannel<ToHost extends WebviewMessage, ToView extends WebviewMessage, State> {
  readonly post: (message: ToHost) => void;
  /** What this page stored with `saveState` before it was reloaded, if anything. */
  readonly savedState: () => State | undefined;
  /** Kept by VS Code while the panel exists and handed to the panel serializer after a window reload. */
  readonly saveState: (state: State) => void;
  /** Messages from the extension whose type is one of the page's; anything else posted into the page is ignored. */
  readonly onMessage: (handler: (message: ToView) => void) => void;
}

/** The channel for a page whose host sends messages of `viewTypes`. */
export function hostChannel<ToHost extends WebviewMessage, ToView extends WebviewMessage, State>(
  viewTypes: readonly ToView['type'][],
): HostChannel<ToHost, ToView, State> {
  const known = new Set<string>(viewTypes);
  return {
    post: (message) => vscodeApi().postMessage(message),
    savedState: () => vscodeApi().getState() as State | undefined,
    saveState: (state) => vscodeApi().setState(state),
    onMessage: (handler) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data;
        if (typeof data === 'object' && data !== null && known.has(String((data as { type?: unknown }).type))) handler(data as ToView);
      });
    },
  };
}
