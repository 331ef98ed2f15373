// A cancellable progress notification whose cancel button aborts an AbortSignal (what downloads and
// service requests take), so every feature cancels the same way.
import * as vscode from 'vscode';

export function withCancellableProgress<T>(
  title: string,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, signal: AbortSignal) => Promise<T>,
): Promise<T> {
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
