// The TOO side: builds the account store (SecretStorage), session, client factory, the TOO requests store
// and its "TOO Requests" view (each in its own module), and itself holds sign-in and sign-out, the account
// status bar, the list's date range, the record of TOOs submitted from this machine, and the behaviour of
// the view's commands (the read-only detail document, copy ID, query target), which read the store;
// validation and submission are in ./submission, templates in ./request. The client factory is returned
// as `client` (src/extension.ts hands it to the TOO query commands).
import { acceptsUnattendedArguments } from '../common/unattended';
import * as vscode from 'vscode';
import { readSettings } from '../config';
import { describeError } from '../http/errors';
import { extensionUserAgent } from '../http/userAgent';
import { TOO_REQUEST_SUFFIX, createRequestFile, isTooRequestUri, requestFileName } from '../editing/requestFiles';
import { TooRequestsTreeProvider, type TooTreeNode } from './views/tooRequestsTree';
import { TooRequestsStore, type TooDateRange } from './tooRequestsStore';
import { TooClient } from './client';
import { createCookieTransport, proxyFor } from './cookieTransport';
import { TooCredentialStore } from './credentials';
import type { TooRequest } from './request/requestSchema';
import { TooSession, type TooCredentials } from './session';
import { submitTooFile, validateTooFile, type TooFileOutcome, type TooSubmitDeps } from './submission/submitToo';
import { TooPlaceholderDiagnostics, TooServiceDiagnostics } from './request/tooDiagnostics';
import { TOO_TEMPLATES, templateFileStem } from './request/tooTemplates';
import { ContextKeys, StatusBarItems, TooCommands, tooQueryCommand, Views } from '../common/commandIds';


/** Registered by the queries UI (another module); called with `{ ra, dec, name }`. */
const VISIBILITY_QUERY_COMMAND = tooQueryCommand('visibility');
const SIGNED_IN_CONTEXT = ContextKeys.tooSignedIn;
const SUBMITTED_KEY = 'swiftObservatory.too.submitted';
const RANGE_KEY = 'swiftObservatory.too.dateRange';
const DETAIL_SCHEME = 'swift-too';
const DEFAULT_RANGE_DAYS = 90;

export interface SubmittedToo {
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
}

export function activateToo(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TooFeatureApi {
  const credentials = new TooCredentialStore(context.secrets);
  const unattended = acceptsUnattendedArguments(context);
  const session = new TooSession(() => credentials.get());
  const userAgent = extensionUserAgent(context.extension.packageJSON.version);
  const makeClient = (): TooClient => {
    const settings = readSettings();
    const proxyUrl = proxyFor(settings.tooBaseUrl, vscode.workspace.getConfiguration('http').get<string>('proxy'));
    return new TooClient({
      baseUrl: settings.tooBaseUrl,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      userAgent,
      session,
      http: createCookieTransport({ jar: session.jar, proxyUrl }),
      log: (line) => log.debug(`TOO ${line}`),
      warn: (line) => log.warn(`TOO ${line}`),
    });
  };

  const submitted = (): SubmittedToo[] => context.globalState.get<SubmittedToo[]>(SUBMITTED_KEY, []);
  const range = (): TooDateRange => context.workspaceState.get<TooDateRange>(RANGE_KEY) ?? defaultRange();

  const store = new TooRequestsStore({
    client: async () => ((await credentials.get()) ? makeClient() : undefined),
    range,
    submittedIds: () => submitted().map((s) => s.tooId),
    log: (line) => log.warn(line),
  });
  const tree = new TooRequestsTreeProvider(store);
  const view = vscode.window.createTreeView(Views.tooRequests, { treeDataProvider: tree, showCollapseAll: true });
  const diagnostics = new TooServiceDiagnostics();

  const statusBar = vscode.window.createStatusBarItem(StatusBarItems.tooAccount, vscode.StatusBarAlignment.Left, 49);
  statusBar.name = 'Swift TOO account';
  const updateAccountState = async (): Promise<void> => {
    const username = await credentials.username();
    statusBar.text = username ? `$(account) TOO: ${username}` : '$(account) TOO: signed out';
    statusBar.tooltip = username ? `Signed in to the Swift TOO API as ${username} — click to sign out` : 'Not signed in to the Swift TOO API — click to sign in (queries work without an account)';
    statusBar.command = username ? TooCommands.signOut : TooCommands.signIn;
    statusBar.show();
    view.message = username ? `Submitted ${range().begin} to ${range().end} (UTC)` : undefined;
    await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT, username !== undefined);
  };

  const clientIfSignedIn = async (): Promise<TooClient | undefined> => {
    if (await credentials.get()) return makeClient();
    const choice = await vscode.window.showWarningMessage('Sign in to the Swift TOO API first: TOO requests need an account.', 'Sign In');
    if (choice === 'Sign In' && (await signIn()) === 'signed-in') return makeClient();
    return undefined;
  };

  const submitDeps: TooSubmitDeps = {
    client: clientIfSignedIn,
    diagnostics,
    log,
    receivedAs: (fingerprint: string) => submitted().find((s) => s.fingerprint === fingerprint)?.tooId,
    recordSubmission: async (tooId: number, request: TooRequest, uri: vscode.Uri, fingerprint: string) => {
      const entry: SubmittedToo = { tooId, target: request.target_name, submittedAt: new Date().toISOString(), file: uri.toString(), fingerprint };
      await context.globalState.update(SUBMITTED_KEY, [entry, ...submitted().filter((s) => s.tooId !== tooId)]);
      await store.refresh();
    },
  };

  // ---- account ---------------------------------------------------------------------------

  async function signIn(given?: { username?: string; apiKey?: string }): Promise<'signed-in' | 'cancelled' | 'failed'> {
    const username = given?.username ?? (await vscode.window.showInputBox({
      title: 'Sign in to Swift TOO API (1/2)',
      prompt: 'Your Swift TOO API username.',
      value: await credentials.username(),
      ignoreFocusOut: true,
      validateInput: (v) => (/^\S+$/.test(v.trim()) ? undefined : 'Enter your username (no spaces).'),
    }));
    if (!username?.trim()) return 'cancelled';
    const apiKey = given?.apiKey ?? (await vscode.window.showInputBox({
      title: 'Sign in to Swift TOO API (2/2)',
      prompt: `The API key of ${username.trim()} (from your Swift TOO account page). It is kept in the system keychain only.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the API key.'),
    }));
    if (!apiKey?.trim()) return 'cancelled';
    const candidate: TooCredentials = { username: username.trim(), apiKey: apiKey.trim() };
    // Try the login before storing anything, so a wrong key never replaces a working one.
    const trial = new TooSession(async () => candidate);
    const settings = readSettings();
    const trialClient = new TooClient({
      baseUrl: settings.tooBaseUrl,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      userAgent,
      session: trial,
      http: createCookieTransport({ jar: trial.jar, proxyUrl: proxyFor(settings.tooBaseUrl, vscode.workspace.getConfiguration('http').get<string>('proxy')) }),
      warn: (line) => log.warn(`TOO ${line}`),
    });
    try {
      await trialClient.login();
    } catch (error) {
      const message = describeError(error);
      log.error(`Sign-in to the Swift TOO API as ${candidate.username} failed: ${message}`);
      void vscode.window.showErrorMessage(message);
      return 'failed';
    }
    session.forget();
    await credentials.store(candidate);
    log.info(`Signed in to the Swift TOO API as ${candidate.username}`);
    void vscode.window.showInformationMessage(`Signed in to the Swift TOO API as ${candidate.username}.`);
    return 'signed-in';
  }

  async function signOut(): Promise<void> {
    const username = await credentials.username();
    if (username) {
      try {
        await makeClient().logout();
      } catch (error) {
        // The local sign-out goes ahead: the key is deleted either way, and the session dies with it.
        log.warn(`Logging out of the Swift TOO API failed (signed out locally anyway): ${describeError(error)}`);
      }
    }
    session.forget();
    await credentials.clear();
    log.info('Signed out of the Swift TOO API');
  }

  // ---- detail documents -------------------------------------------------------------------

  const detailProvider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: (uri) => {
      const tooId = Number(new URLSearchParams(uri.query).get('id'));
      const record = store.record(tooId);
      return record ? `${JSON.stringify(record, null, 2)}\n` : `// TOO ${tooId} is not in the current list; refresh the TOO Requests view.\n`;
    },
  };

  const nodeTooId = (node?: TooTreeNode): number | undefined => (node && node.kind !== 'message' ? node.tooId : undefined);
  const requestUri = (uri?: vscode.Uri): vscode.Uri | undefined => {
    if (uri instanceof vscode.Uri) return uri;
    const doc = vscode.window.activeTextEditor?.document;
    return doc && isTooRequestUri(doc.uri) ? doc.uri : undefined;
  };
  const noFile = (): undefined => {
    void vscode.window.showWarningMessage('Open a TOO request file (*.too.json) first, or choose one in the Explorer.');
    return undefined;
  };

  context.subscriptions.push(
    credentials,
    store,
    tree,
    view,
    diagnostics,
    new TooPlaceholderDiagnostics(),
    statusBar,
    vscode.workspace.registerTextDocumentContentProvider(DETAIL_SCHEME, detailProvider),
    credentials.onDidChange(() => {
      // Another window (or this one) signed in or out: the old session belongs to the old account.
      session.forget();
      void updateAccountState();
      void (async () => ((await credentials.get()) ? store.refresh() : store.clear()))();
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) void store.refresh();
    }),
    // Credentials as an argument only in this extension's own test runs (see acceptsUnattendedArguments).
    vscode.commands.registerCommand(TooCommands.signIn, (given?: { username?: string; apiKey?: string }) => signIn(unattended && isPlainObject(given) ? given : undefined)),
    vscode.commands.registerCommand(TooCommands.signOut, () => signOut()),
    vscode.commands.registerCommand(TooCommands.refresh, () => store.refresh()),
    vscode.commands.registerCommand(TooCommands.setDateRange, async (given?: TooDateRange) => {
      const chosen = isDateRange(given) ? given : await askRange(range());
      if (!chosen) return;
      await context.workspaceState.update(RANGE_KEY, chosen);
      await updateAccountState();
      await store.refresh();
    }),
    vscode.commands.registerCommand(TooCommands.showDetail, async (node?: TooTreeNode) => {
      const tooId = nodeTooId(node ?? view.selection[0]);
      if (tooId === undefined) return;
      const target = (await store.detailed(tooId))?.target_name ?? store.record(tooId)?.target_name ?? 'TOO';
      const uri = vscode.Uri.from({ scheme: DETAIL_SCHEME, path: `/${target.replace(/[\\/]/g, '-')} (TOO ${tooId}).json`, query: `id=${tooId}` });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'json'), { preview: true });
    }),
    vscode.commands.registerCommand(TooCommands.copyId, async (node?: TooTreeNode) => {
      const tooId = nodeTooId(node ?? view.selection[0]);
      if (tooId !== undefined) await vscode.env.clipboard.writeText(String(tooId));
    }),
    vscode.commands.registerCommand(TooCommands.queryTarget, async (node?: TooTreeNode) => {
      const tooId = nodeTooId(node ?? view.selection[0]);
      const record = tooId !== undefined ? store.record(tooId) : undefined;
      if (!record || typeof record.ra !== 'number' || typeof record.dec !== 'number') return;
      await vscode.commands.executeCommand(VISIBILITY_QUERY_COMMAND, { ra: record.ra, dec: record.dec, name: record.target_name ?? `TOO ${tooId}` });
    }),
    vscode.commands.registerCommand(TooCommands.newRequest, async (templateId?: string) => {
      const template = TOO_TEMPLATES.find((t) => t.id === templateId) ?? (await vscode.window.showQuickPick(TOO_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })), { title: 'New TOO Request', placeHolder: 'Start from…' }))?.template;
      if (!template) return undefined;
      return createRequestFile(requestFileName(templateFileStem(template), template.id, TOO_REQUEST_SUFFIX), template.body);
    }),
    vscode.commands.registerCommand(TooCommands.validate, async (uri?: vscode.Uri) => {
      const target = requestUri(uri);
      return target ? validateTooFile(submitDeps, target) : noFile();
    }),
    // The second argument is the only way to skip the confirmation: menus pass (uri, uris[]), the
    // palette and keybindings pass nothing or one argument, so only code can confirm in advance, and
    // only this extension's own test runs may (another extension must never file a TOO unconfirmed).
    vscode.commands.registerCommand(TooCommands.submit, async (uri?: vscode.Uri, options?: unknown): Promise<TooFileOutcome | undefined> => {
      const target = requestUri(uri);
      if (!target) return noFile();
      const confirmed = unattended && isPlainObject(options) && typeof options.confirm === 'boolean' ? options.confirm : undefined;
      return submitTooFile(submitDeps, target, { confirmed });
    }),
  );

  void updateAccountState();
  return {
    client: makeClient,
    storedUsername: () => credentials.username(),
    hasStoredApiKey: async (apiKey) => (await credentials.get())?.apiKey === apiKey,
    statusBarText: () => statusBar.text,
    submittedTooIds: () => submitted().map((s) => s.tooId),
    listedTooIds: () => store.listedIds(),
    refresh: () => store.refresh(),
    forgetSession: () => session.forget(),
    logFolder: context.logUri.fsPath,
    tree,
  };
}

function defaultRange(): TooDateRange {
  const day = 86_400_000;
  const now = Date.now();
  return { begin: isoDate(now - DEFAULT_RANGE_DAYS * day), end: isoDate(now + day) };
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDateRange(value: unknown): value is TooDateRange {
  return isPlainObject(value) && typeof value.begin === 'string' && typeof value.end === 'string' && ISO_DATE.test(value.begin) && ISO_DATE.test(value.end) && value.begin <= value.end;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri);
}

async function askRange(current: TooDateRange): Promise<TooDateRange | undefined> {
  const validate = (v: string): string | undefined => (ISO_DATE.test(v.trim()) && !Number.isNaN(Date.parse(v.trim())) ? undefined : 'A date like 2026-01-31 (UTC).');
  const begin = await vscode.window.showInputBox({ title: 'TOO requests submitted from (UTC date)', value: current.begin, validateInput: validate });
  if (!begin) return undefined;
  const end = await vscode.window.showInputBox({
    title: 'TOO requests submitted until (UTC date, inclusive)',
    value: current.end,
    validateInput: (v) => validate(v) ?? (v.trim() < begin.trim() ? 'The end must not be before the start.' : undefined),
  });
  return end ? { begin: begin.trim(), end: end.trim() } : undefined;
}
