// The base of the extension's webview panels (the product viewer, the TOO query results). It owns what
// every panel needs the same way:
// - the page shell (src/views/webviewHtml.ts) and the webview options (scripts on, resources only from
//   the extension's webview bundles and the folders a panel adds);
// - a ready barrier: the page says `ready` when it listens, and the host sends nothing before that. It
//   answers each `ready` with the panel's current state (also after the page was reloaded: new resource
//   roots, a restored panel, a hidden one shown again), so a change made while the page was loading is
//   not lost but arrives with that answer;
// - one message guard: every message is checked against the page's protocol (src/views/webviewInput.ts)
//   and anything else is logged and dropped;
// - errors, whether the page reports them or a handler throws: to the log and to the user;
// - `onDidRender`/`lastRendered`: what the page says it drew (the integration tests wait on it);
// - the disposables of the panel, released together when it closes.
// Also here: opening links only when they are web pages, the save dialog, and the serializer glue that
// brings panels back after a window reload. Message naming: src/shared/webviewProtocol.ts.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { describeError } from '../http/errors';
import { registerWebviewPanelSerializer } from '../common/startupHandover';
import type { PageToHost, WebviewMessage } from '../shared/webviewProtocol';
import { webviewHtml } from './webviewHtml';
import { isWebUrl, messageGuard, preview, type CheckedMessage, type MessageSpec } from './webviewInput';

/** Where a panel writes what goes wrong (the extension's log channel). */
export type HostLog = Pick<vscode.LogOutputChannel, 'warn' | 'error'>;

/** The page a panel shows: a bundle in dist/webview and its static placeholder markup (never data). */
export interface PageSpec {
  readonly bundle: string;
  readonly title: string;
  readonly placeholder: string;
}

interface WebviewPanelHostOptions<Own extends WebviewMessage> {
  /** Names the panel in the log and in error messages, e.g. `Product viewer`. */
  readonly label: string;
  readonly extensionUri: vscode.Uri;
  readonly log: HostLog;
  readonly page: PageSpec;
  /** The tab icon, as path segments under the extension folder. */
  readonly icon: readonly string[];
  /** Folders the page may load files from besides the webview bundles (e.g. a job's download folder). */
  readonly resourceRoots?: readonly vscode.Uri[];
  /** The page's own messages (besides ready, rendered and error) and the kinds of their fields. */
  readonly messages: MessageSpec<Own>;
}

const PAGE_MESSAGES: MessageSpec<PageToHost<object>> = {
  ready: {},
  rendered: { summary: 'object' },
  error: { message: 'string' },
};

const isPageMessage = <Rendered>(message: WebviewMessage): message is PageToHost<Rendered> => Object.hasOwn(PAGE_MESSAGES, message.type);

/** Webview options for a page of the extension; pass them to `createWebviewPanel` as well. */
export function pageOptions(extensionUri: vscode.Uri, extraRoots: readonly vscode.Uri[] = []): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), ...extraRoots] };
}

/**
 * `ToView`: what the host sends; `Own`: the page's own messages; `Rendered`: the page's summary of a
 * draw. A subclass says what the page gets on `ready` (`snapshot`) and handles its own messages.
 */
export abstract class WebviewPanelHost<ToView extends WebviewMessage, Own extends WebviewMessage, Rendered extends object>
  implements vscode.Disposable
{
  /** What the page reported after its last draw. */
  lastRendered: Rendered | undefined;
  private readonly renderedEmitter = new vscode.EventEmitter<Rendered>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  protected readonly label: string;
  protected readonly log: HostLog;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly guard: (value: unknown) => CheckedMessage<PageToHost<Rendered> | Own>;
  private resourceRoots: readonly vscode.Uri[];
  private ready = false;
  private disposed = false;

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    private readonly options: WebviewPanelHostOptions<Own>,
  ) {
    this.label = options.label;
    this.log = options.log;
    this.resourceRoots = options.resourceRoots ?? [];
    this.guard = messageGuard({ ...PAGE_MESSAGES, ...options.messages } as unknown as MessageSpec<PageToHost<Rendered> | Own>);
    panel.iconPath = vscode.Uri.joinPath(options.extensionUri, ...options.icon);
    this.register(this.renderedEmitter);
    this.register(this.disposedEmitter);
    // Listening before the page exists, so its first `ready` cannot be missed.
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.loadPage();
  }

  /** The message that brings a page up to date; sent on every `ready`. */
  protected abstract snapshot(): ToView;

  /** One of the page's own messages, already checked against its protocol. Throwing reports the error. */
  protected abstract handle(message: Own): Promise<void> | void;

  /** Releases `disposable` with the panel. */
  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }

  /** Sends the current snapshot now when the page listens; otherwise the page's `ready` fetches it. */
  protected publish(): void {
    if (this.ready && !this.disposed) this.sendSnapshot();
  }

  /**
   * Loads a fresh page, with new resource roots when given (they take effect only on a new document).
   * Nothing is sent until the new page says ready.
   */
  protected loadPage(resourceRoots: readonly vscode.Uri[] = this.resourceRoots): void {
    this.resourceRoots = resourceRoots;
    this.ready = false;
    this.panel.webview.options = pageOptions(this.options.extensionUri, resourceRoots);
    this.panel.webview.html = webviewHtml({ webview: this.panel.webview, extensionUri: this.options.extensionUri, ...this.options.page });
  }

  /** Logs an error and tells the user, prefixed with the panel's name. */
  protected reportError(context: string, error: unknown): void {
    const text = describeError(error);
    this.log.error(`${this.label} (${context}): ${text}`);
    void vscode.window.showErrorMessage(`${this.label}: ${text}`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposedEmitter.fire();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
    this.panel.dispose();
  }

  /**
   * Sends a message of the page's protocol now, when the page listens; dropped otherwise (a page that is
   * loading or hidden gets the whole state from `snapshot` when it says ready).
   */
  protected post(message: ToView): void {
    if (this.ready && !this.disposed) this.deliver(message);
  }

  private sendSnapshot(): void {
    this.deliver(this.snapshot());
  }

  private deliver(message: ToView): void {
    // A hidden page is discarded by VS Code and says ready again when shown: it gets the state then.
    const undelivered = (why: string): void => {
      if (!this.disposed) this.log.warn(`${this.label}: a ${message.type} message was not delivered (${why}).`);
    };
    this.panel.webview.postMessage(message).then(
      (delivered) => delivered || undelivered('panel hidden or closed'),
      (error: unknown) => undelivered(describeError(error)),
    );
  }

  private async receive(raw: unknown): Promise<void> {
    if (this.disposed) return;
    const checked = this.guard(raw);
    if (!checked.ok) {
      this.log.warn(`${this.label}: ignored a message from the page (${checked.problem}): ${preview(raw)}`);
      return;
    }
    const message = checked.message;
    try {
      if (isPageMessage<Rendered>(message)) this.onPageMessage(message);
      else await this.handle(message);
    } catch (error) {
      this.reportError(message.type, error);
    }
  }

  private onPageMessage(message: PageToHost<Rendered>): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendSnapshot();
        return;
      case 'rendered':
        this.lastRendered = message.summary;
        this.renderedEmitter.fire(message.summary);
        return;
      case 'error':
        this.log.error(`${this.label} webview: ${message.message}`);
        void vscode.window.showErrorMessage(message.message);
        return;
    }
  }
}

/** Opens `url` in the browser when it is an http or https address; refuses anything else. */
export async function openExternalSafely(url: string): Promise<void> {
  if (!isWebUrl(url)) throw new Error(`refusing to open ${preview(url, 80)}: only web pages (http, https) are opened.`);
  await vscode.env.openExternal(vscode.Uri.parse(new URL(url).href, true));
}

interface SaveLocationOptions {
  /** The proposed name; reduced to a safe base name by the caller (see `safeFileName`). */
  readonly fileName: string;
  /** Proposed folder; else the first workspace folder, else the home folder. */
  readonly folder?: vscode.Uri;
  readonly title?: string;
  readonly filters?: Record<string, string[]>;
}

/** Asks where to save; undefined when the user cancels. */
export async function askSaveLocation(options: SaveLocationOptions): Promise<vscode.Uri | undefined> {
  const folder = options.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, options.fileName),
    saveLabel: 'Save',
    ...(options.title ? { title: options.title } : {}),
    ...(options.filters ? { filters: options.filters } : {}),
  });
}

/** Asks where to save and writes `content` there; the saved file, or undefined when the user cancels. */
export async function saveToFile(
  options: SaveLocationOptions & { readonly content: Uint8Array | string },
): Promise<vscode.Uri | undefined> {
  const target = await askSaveLocation(options);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, typeof options.content === 'string' ? Buffer.from(options.content, 'utf8') : options.content);
  return target;
}

/** Replaces a panel's page with a static notice (no script), e.g. when it cannot be restored. */
export function showNotice(panel: vscode.WebviewPanel, text: string): void {
  const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  panel.webview.options = { enableScripts: false, localResourceRoots: [] };
  panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
}

/**
 * Brings a panel type back after a window reload: `restore` receives the panel and the state its page
 * stored with `setState` (unchecked: the restorer validates it). When restoring fails, the panel says
 * so instead of staying blank. Needs the `onWebviewPanel:<viewType>` activation event.
 */
export function registerPanelSerializer(
  viewType: string,
  label: string,
  log: HostLog,
  restore: (panel: vscode.WebviewPanel, state: unknown) => Promise<void> | void,
): vscode.Disposable {
  return registerWebviewPanelSerializer(viewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      try {
        await restore(panel, state);
      } catch (error) {
        log.error(`${label}: could not restore a panel after the reload: ${describeError(error)}`);
        showNotice(panel, `${label} could not be restored: ${describeError(error)}`);
      }
    },
  });
}
