// What the window shows from the start, before the features load: the TOO account in the status bar
// (and the signed-in context key of the views' welcome content), the XRT jobs item and the view's badge
// from a look at the saved job list. And the reasons to load the features at once rather than on a
// command: a request file is open (its diagnostics are due), a saved job is active (it is polled), a
// batch waits, or the job list needs the registry's repair. Another window changing the job list is
// watched for, as the registry would. Once the features are loaded they keep all of it up to date.
import { watch, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StatusBarItems, Views } from '../common/commandIds';
import { isRequestFileUri } from '../editing/requestFiles';
import { showTooAccountState } from '../too/accountState';
import { TooCredentialStore } from '../too/credentials';
import { showXrtActivity } from '../xrt/statusBar';
import { BATCH_QUEUE_FILE, JOB_LIST_FILE } from '../xrt/storageFiles';
import { glanceAtJobStorage } from './jobListGlance';
import type { LazyRuntime } from './lazyRuntime';

/** How long after a change of the job list by another window it is looked at (writes come in bursts). */
const SETTLE_MS = 100;

export function showStartupState(context: vscode.ExtensionContext, runtime: LazyRuntime, log: vscode.LogOutputChannel): void {
  const failed = (what: string) => (error: unknown) =>
    log.warn(`Swift Observatory: ${what} failed at start: ${error instanceof Error ? error.message : String(error)}`);

  const loadFor = (document: vscode.TextDocument): void => {
    if (!runtime.loaded && isRequestFileUri(document.uri)) void runtime.load(`the request file ${path.basename(document.uri.path)}`);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(loadFor));
  for (const document of vscode.workspace.textDocuments) loadFor(document);

  const tooItem = runtime.statusBarItem(StatusBarItems.tooAccount);
  if (tooItem) {
    const credentials = new TooCredentialStore(context.secrets);
    const showAccount = async (): Promise<void> => {
      if (runtime.loaded) return;
      const username = await credentials.username();
      if (!runtime.loaded) await showTooAccountState(tooItem, username);
    };
    context.subscriptions.push(
      credentials,
      credentials.onDidChange(() => void showAccount().catch(failed('showing the TOO account'))),
    );
    void showAccount().catch(failed('showing the TOO account'));
  }

  const xrtItem = runtime.statusBarItem(StatusBarItems.xrtActive);
  const xrtView = runtime.view(Views.xrtJobs);
  const dir = context.globalStorageUri.fsPath;
  const look = async (): Promise<void> => {
    if (runtime.loaded) return;
    const glance = await glanceAtJobStorage(dir);
    if (runtime.loaded) return;
    if (xrtItem && xrtView) showXrtActivity(xrtItem, xrtView, glance);
    if (glance.loadRuntimeBecause) await runtime.load(glance.loadRuntimeBecause);
  };
  let settle: NodeJS.Timeout | undefined;
  const watchJobs = async (): Promise<void> => {
    await fs.mkdir(dir, { recursive: true });
    const watcher = watch(dir, (_event, name) => {
      if (runtime.loaded || (name !== JOB_LIST_FILE && name !== BATCH_QUEUE_FILE)) return;
      clearTimeout(settle);
      settle = setTimeout(() => void look().catch(failed('looking at the XRT job list')), SETTLE_MS);
    });
    context.subscriptions.push({ dispose: () => (watcher.close(), clearTimeout(settle)) });
  };
  void watchJobs().then(look).catch(failed('looking at the XRT job list'));
}
