// The TOO side, wiring only: builds the account store (SecretStorage), session and account (./account),
// the TOO requests store and its "TOO Requests" view, the detail documents (./detailDocument) and the
// record of TOOs submitted from this machine, and registers the commands of ./commands from one deps
// object. The client factory is returned as `client` (src/extension.ts hands it to the TOO query commands).
import * as vscode from 'vscode';
import { Views } from '../common/commandIds';
import { registerCommandTable } from '../common/commandTable';
import { createTreeView } from '../common/startupHandover';
import { acceptsUnattendedArguments } from '../common/unattended';
import { extensionVersion } from '../common/extensionManifest';
import { isTooRequestUri, requestDocuments } from '../editing/requestFiles';
import { extensionUserAgent } from '../http/userAgent';
import { TooAccount } from './account';
import type { TooClient } from './client';
import { TOO_COMMANDS } from './commands';
import type { TooDeps } from './commands/deps';
import { defaultRange } from './commands/list';
import { TooCredentialStore } from './credentials';
import { openTooDetail, openTooRawDetail, registerTooDetailDocuments } from './detailDocument';
import type { TooRequest } from './request/requestSchema';
import { TooPlaceholderDiagnostics, TooServiceDiagnostics } from './request/tooDiagnostics';
import { TooSession } from './session';
import type { TooSubmitDeps } from './submission/submitToo';
import { TooRequestsStore, type TooDateRange } from './tooRequestsStore';
import { TooRequestsTreeProvider, type TooTreeNode } from './views/tooRequestsTree';

const SUBMITTED_KEY = 'swiftObservatory.too.submitted';
const RANGE_KEY = 'swiftObservatory.too.dateRange';

interface SubmittedToo {
  readonly tooId: number;
  readonly target: string;
  readonly submittedAt: string;
  readonly file: string;
  /** What was sent (see requestFingerprint), so the same request is never sent twice. */
  readonly fingerprint?: string;
}

/** What the integration tests may use (through src/testHooks.ts; other extensions get none of it); never exposes the API key. */
export interface TooFeatureApi {
  client(): TooClient;
  storedUsername(): Promise<string | undefined>;
  /** Whether `apiKey` is the one stored (the key itself is never handed out). */
  hasStoredApiKey(apiKey: string): Promise<boolean>;
  statusBarText(): string;
  submittedTooIds(): number[];
  listedTooIds(): number[];
  refresh(): Promise<void>;
  /** Closes the window's session cookie without signing out (tests: simulate a lost session). */
  forgetSession(): void;
  /** Folder of the extension's log files (tests check that no secret reaches them). */
  readonly logFolder: string;
  /** The TOO Requests view's rows (tests check what a signed-out or empty view shows). */
  readonly tree: TooRequestsTreeProvider;
  /** The TOO Requests view (tests check its title and that nothing hides its welcome content). */
  readonly view: vscode.TreeView<TooTreeNode>;
}

export function activateToo(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TooFeatureApi {
  const credentials = new TooCredentialStore(context.secrets);
  const session = new TooSession(() => credentials.get());
  const userAgent = extensionUserAgent(extensionVersion(context.extension));

  const submitted = (): SubmittedToo[] => context.globalState.get<SubmittedToo[]>(SUBMITTED_KEY, []);
  const range = (): TooDateRange => context.workspaceState.get<TooDateRange>(RANGE_KEY) ?? defaultRange();

  // The store's client exists only for a signed-in account; `account` is built below, before any refresh.
  const store = new TooRequestsStore({
    client: async (): Promise<TooClient | undefined> => ((await credentials.get()) ? account.client() : undefined),
    range,
    submittedIds: () => submitted().map((s) => s.tooId),
    log: (line) => log.warn(line),
  });
  const tree = new TooRequestsTreeProvider(store);
  const view = createTreeView(Views.tooRequests, { treeDataProvider: tree, showCollapseAll: true });
  const account = new TooAccount(credentials, session, userAgent, log);
  const diagnostics = new TooServiceDiagnostics();

  const submitDeps: TooSubmitDeps = {
    client: () => account.clientIfSignedIn(),
    diagnostics,
    log,
    receivedAs: (fingerprint: string) => submitted().find((s) => s.fingerprint === fingerprint)?.tooId,
    recordSubmission: async (tooId: number, request: TooRequest, uri: vscode.Uri, fingerprint: string) => {
      const entry: SubmittedToo = {
        tooId,
        target: request.target_name,
        submittedAt: new Date().toISOString(),
        file: uri.toString(),
        fingerprint,
      };
      await context.globalState.update(SUBMITTED_KEY, [entry, ...submitted().filter((s) => s.tooId !== tooId)]);
      await store.refresh();
    },
  };
  const deps: TooDeps = {
    store,
    account,
    submit: submitDeps,
    log,
    window: vscode.window,
    documents: requestDocuments(isTooRequestUri),
    clipboard: vscode.env.clipboard,
    executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    openDetail: openTooDetail,
    openRawDetail: openTooRawDetail,
    range,
    setRange: (chosen) => context.workspaceState.update(RANGE_KEY, chosen),
    selection: () => view.selection,
    unattended: acceptsUnattendedArguments(context),
    extensionVersion: extensionVersion(context.extension),
    username: () => credentials.username(),
  };

  context.subscriptions.push(
    credentials,
    store,
    tree,
    view,
    diagnostics,
    new TooPlaceholderDiagnostics(),
    account,
    registerTooDetailDocuments(store),
    credentials.onDidChange(() => {
      // Another window (or this one) signed in or out: the old session belongs to the old account.
      session.forget();
      void account.updateState();
      void (async () => ((await credentials.get()) ? store.refresh() : store.clear()))();
    }),
    tree.onDidChangeTreeData(() => (view.message = tree.viewMessage())),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void store.refresh();
    }),
    ...registerCommandTable(TOO_COMMANDS, deps),
  );

  void account.updateState();
  // The view may have been visible before this feature loaded (src/startup/): its list is due now.
  if (view.visible) void store.refresh();
  return {
    client: (): TooClient => account.client(),
    storedUsername: () => credentials.username(),
    hasStoredApiKey: async (apiKey) => (await credentials.get())?.apiKey === apiKey,
    statusBarText: () => account.statusBarText,
    submittedTooIds: () => submitted().map((s) => s.tooId),
    listedTooIds: () => store.listedIds(),
    refresh: () => store.refresh(),
    forgetSession: () => session.forget(),
    logFolder: context.logUri.fsPath,
    tree,
    view,
  };
}
