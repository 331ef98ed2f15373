// A cancellable progress notification whose cancel button aborts an AbortSignal (what the download and
// the service requests take).
import * as vscode from 'vscode';
import type { ProgressReport } from './deps';

export function withCancellableProgress<T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(progress, controller.signal);
      } finally {
        subscription.dispose();
      }
    }),
  );
}
