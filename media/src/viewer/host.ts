// The webview's side of the message channel.
import type { HostMessage, ViewerWebviewState, WebviewMessage } from '../../../src/shared/viewerProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewerWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per webview.
const api: VsCodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : standaloneApi();

/** Outside VS Code (the test harness) messages go to `window.__viewerOutbox` for inspection. */
function standaloneApi(): VsCodeApi {
  const outbox: WebviewMessage[] = [];
  (window as unknown as { __viewerOutbox: WebviewMessage[] }).__viewerOutbox = outbox;
  let state: unknown;
  return {
    postMessage: (m) => void outbox.push(m),
    getState: () => state,
    setState: (s) => void (state = s),
  };
}

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function saveState(state: ViewerWebviewState): void {
  api.setState(state);
}

export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'model') handler(data as HostMessage);
  });
}
