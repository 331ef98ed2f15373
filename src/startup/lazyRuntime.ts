// The runtime bundle (dist/runtime.js: the features, their clients and schemas, axios, zod, the viewers'
// hosts, the parsers) loads on first use, never at activation and never on a timer. What activation
// puts in place instead: a stand-in for every contributed command (./commandStandIns.ts), the tree
// views with a provider that waits for the runtime (./deferredTree.ts), the status-bar items, and a
// serializer for each webview panel type. The first use of any of them — or a reason found by
// ./startupState.ts (a request file open, a job to poll) — loads the runtime once, and this class hands
// all of it over (src/common/startupHandover.ts).
import * as vscode from 'vscode';
import { StatusBarItems, Views, WebviewTypes } from '../common/commandIds';
import type { StartupHandover } from '../common/startupHandover';
import type * as Runtime from '../runtime';
import * as path from 'node:path';
import { requireWithCodeCache } from './cachedRequire';
import { CommandStandIns, contributedCommandIds } from './commandStandIns';
import { DeferredTreeProvider } from './deferredTree';

/**
 * The views and their options (these, not the features' own, are the options VS Code gets: the view is
 * created here, before the feature's provider exists).
 */
const TREE_VIEWS: readonly {
  readonly id: string;
  readonly what: string;
  readonly options: Omit<vscode.TreeViewOptions<unknown>, 'treeDataProvider'>;
}[] = [
  { id: Views.xrtJobs, what: 'XRT Jobs', options: { showCollapseAll: true, canSelectMany: true } },
  { id: Views.tooRequests, what: 'TOO Requests', options: { showCollapseAll: true } },
];

/** The status-bar items the start shows (./startupState.ts), with their places. */
const STATUS_BAR_ITEMS: readonly { readonly id: string; readonly priority: number }[] = [
  { id: StatusBarItems.xrtActive, priority: 50 },
  { id: StatusBarItems.tooAccount, priority: 49 },
];

/** The runtime bundle's file, beside the entry bundle in dist/ (esbuild.js). */
const RUNTIME_BUNDLE = 'runtime.js';

/** How long after the features load their code cache is kept (src/startup/cachedRequire.ts). */
const CODE_CACHE_DELAY_MS = 5000;

interface DeferredView {
  readonly view: vscode.TreeView<unknown>;
  readonly provider: DeferredTreeProvider<unknown>;
}

export class LazyRuntime implements vscode.Disposable {
  private loading: Promise<Runtime.RuntimeFeatures> | undefined;
  private done = false;
  private readonly standIns: CommandStandIns;
  private readonly views = new Map<string, DeferredView>();
  private readonly statusBarItems = new Map<string, vscode.StatusBarItem>();
  private readonly serializers = new Map<string, vscode.WebviewPanelSerializer>();
  private readonly disposables: vscode.Disposable[] = [];
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  /** Milliseconds from requiring the runtime bundle to its features being active (undefined before). */
  loadMs: number | undefined;

  /** `ownCommands`: contributed commands the entry bundle registers itself (no stand-in). */
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    ownCommands: ReadonlySet<string>,
  ) {
    const load = (reason: string): Promise<unknown> => this.load(reason);
    const ids = contributedCommandIds(context.extension.packageJSON).filter((id) => !ownCommands.has(id));
    this.standIns = new CommandStandIns(vscode.commands, ids, load, (id, ms) =>
      this.log.info(`The command ${id}, called before the features were loaded, ran in ${ms.toFixed(0)} ms once they were`),
    );
    this.disposables.push(this.standIns);
    for (const { id, what, options } of TREE_VIEWS) {
      const provider = new DeferredTreeProvider<unknown>(what, load);
      const view = vscode.window.createTreeView(id, { ...options, treeDataProvider: provider });
      this.views.set(id, { view, provider });
      this.disposables.push(view, provider);
    }
    for (const { id, priority } of STATUS_BAR_ITEMS) {
      const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority);
      this.statusBarItems.set(id, item);
      this.disposables.push(item);
    }
    for (const viewType of Object.values(WebviewTypes)) {
      this.disposables.push(
        vscode.window.registerWebviewPanelSerializer(viewType, {
          deserializeWebviewPanel: async (panel, state: unknown) => {
            await this.load(`restoring a ${viewType} panel`);
            const serializer = this.serializers.get(viewType);
            if (!serializer) {
              this.log.error(`No feature restores ${viewType} panels; the panel is closed.`);
              panel.dispose();
              return;
            }
            await serializer.deserializeWebviewPanel(panel, state);
          },
        }),
      );
    }
  }

  /** Whether the runtime is loaded and its features active. */
  get loaded(): boolean {
    return this.done;
  }

  /**
   * What must finish before the extension host goes (a window reload or close): this window's campaign runs
   * let go of their campaigns. Waits at most `limitMs`, as VS Code gives deactivation only a few seconds.
   */
  async beforeDeactivation(limitMs: number): Promise<void> {
    if (!this.loading || !this.done) return;
    const features = await this.loading;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
    try {
      if ((await Promise.race([features.xrt.stopCampaigns(), limit])) === 'late')
        this.log.warn(`Campaign runs had not let go of their campaigns ${limitMs} ms after the window began to close.`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A view as the entry created it (for its badge before the runtime loads). */
  view(id: string): vscode.TreeView<unknown> | undefined {
    return this.views.get(id)?.view;
  }

  /** A status-bar item the entry created (shown by ./startupState.ts until the runtime takes it). */
  statusBarItem(id: string): vscode.StatusBarItem | undefined {
    return this.statusBarItems.get(id);
  }

  /** Loads the runtime bundle and activates its features, once; `reason` goes to the log. */
  load(reason: string): Promise<Runtime.RuntimeFeatures> {
    this.loading ??= this.loadNow(reason).catch((error: unknown) => {
      const message = `Swift Observatory could not load its features (for ${reason}): ${error instanceof Error ? error.message : String(error)}`;
      this.log.error(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
      void vscode.window.showErrorMessage(message);
      throw error;
    });
    return this.loading;
  }

  private async loadNow(reason: string): Promise<Runtime.RuntimeFeatures> {
    const start = performance.now();
    // A deliberate lazy load: esbuild.js makes src/runtime.ts its own bundle, dist/runtime.js, beside this one.
    const bundle = requireWithCodeCache(path.join(__dirname, RUNTIME_BUNDLE), this.context.globalStorageUri.fsPath);
    if (bundle.readProblem)
      this.log.warn(`The code cache of the features could not be read (${bundle.readProblem}); they were compiled anew.`);
    const runtime = bundle.exports as typeof Runtime;
    const required = performance.now();
    const features = await runtime.activateRuntime(this.context, this.handover());
    this.done = true;
    this.loadMs = performance.now() - start;
    this.log.info(
      `Loaded the features for ${reason} in ${this.loadMs.toFixed(0)} ms (bundle ${(required - start).toFixed(0)} ms, code cache ${bundle.cache}; activation ${(performance.now() - required).toFixed(0)} ms)`,
    );
    // Kept a little later, once the first command has run: its functions are compiled by then and go in too.
    this.cacheTimer = setTimeout(() => {
      bundle.save().then(
        (saved) => saved && this.log.info('Kept the code cache of the features for the next window.'),
        (error: unknown) =>
          this.log.warn(`The code cache of the features could not be kept: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, CODE_CACHE_DELAY_MS);
    return features;
  }

  private handover(): StartupHandover {
    return {
      log: this.log,
      registerCommand: (id, handler) => this.standIns.register(id, handler),
      registerWebviewPanelSerializer: (viewType, serializer) => {
        this.serializers.set(viewType, serializer);
        return {
          dispose: () => {
            if (this.serializers.get(viewType) === serializer) this.serializers.delete(viewType);
          },
        };
      },
      createTreeView: <T>(viewId: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> => {
        const deferred = this.views.get(viewId);
        if (!deferred) return vscode.window.createTreeView(viewId, options);
        (deferred.provider as DeferredTreeProvider<T>).setProvider(options.treeDataProvider);
        return deferred.view as vscode.TreeView<T>;
      },
      createStatusBarItem: (id, alignment, priority) =>
        this.statusBarItems.get(id) ?? vscode.window.createStatusBarItem(id, alignment, priority),
    };
  }

  dispose(): void {
    clearTimeout(this.cacheTimer);
    for (const d of this.disposables) d.dispose();
  }
}
