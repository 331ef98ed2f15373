// The state a product viewer panel leaves behind for a window reload (`webview.setState`), read back
// by the panel serializer. It holds only the job key and folder: the model can be large (10^5 points)
// and is rebuilt from the downloaded files instead.
import type { ViewerWebviewState } from '../../shared/viewerProtocol';

/** The stored state, or undefined when it is missing or not ours (e.g. from an older version). */
export function parseViewerState(state: unknown): ViewerWebviewState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { jobKey, folder } = state as { jobKey?: unknown; folder?: unknown };
  if (typeof jobKey !== 'string' || jobKey.trim() === '') return undefined;
  if (folder !== undefined && typeof folder !== 'string') return undefined;
  return folder === undefined ? { jobKey } : { jobKey, folder };
}
