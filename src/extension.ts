// The entry bundle (dist/extension.js): activation shows the first state and registers stand-ins; the
// features load from the runtime bundle (src/runtime.ts → dist/runtime.js) on first use (see
// src/startup/lazyRuntime.ts). activate() stays cheap: no network, no scanning, no schema; the one
// file it looks at, the saved job list, is read after it returns.
import { extensionVersion } from './common/extensionManifest';
import * as vscode from 'vscode';
import { Commands } from './common/commandIds';
import { disposeLog, log } from './log';
import { registerSubmitCodeLens } from './xrt/request/submitCodeLens';
import { LazyRuntime } from './startup/lazyRuntime';
import { showStartupState } from './startup/startupState';
import { publishTestHooks } from './testHooks';

/**
 * What activate() returns, so what any other extension can read: facts only. No client, no
 * credential, no function at all, so nothing that could use or probe the user's TOO API key.
 */
export interface SwiftObservatoryPublicApi {
  readonly version: string;
  /** Milliseconds from the bundle starting to load to the end of activate() (undefined in tests' own bundles). */
  readonly activationMs: number | undefined;
}

/** Set by the bundle's first line (see esbuild.js). */
declare global {
  var __swiftObservatoryLoadStart: number | undefined;
}

/** The features' loader of this activation, asked to wind down on deactivation. */
let activeRuntime: LazyRuntime | undefined;

/** How long deactivation waits for campaign runs to let go (VS Code allows deactivation a few seconds). */
const DEACTIVATION_LIMIT_MS = 2000;

export async function activate(context: vscode.ExtensionContext): Promise<SwiftObservatoryPublicApi> {
  const activateStart = performance.now();
  const version = extensionVersion(context.extension);
  const runtime = new LazyRuntime(context, log(), new Set([Commands.showLog, Commands.openSettings]));
  activeRuntime = runtime;
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLog, () => log().show()),
    vscode.commands.registerCommand(Commands.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    ),
    registerSubmitCodeLens(),
    runtime,
    { dispose: disposeLog },
  );
  showStartupState(context, runtime, log());
  const loadStart = globalThis.__swiftObservatoryLoadStart;
  const activationMs = loadStart === undefined ? undefined : performance.now() - loadStart;
  const split =
    loadStart === undefined
      ? ''
      : ` (bundle load ${(activateStart - loadStart).toFixed(0)} ms, activate() ${(performance.now() - activateStart).toFixed(0)} ms)`;
  log().info(`Swift Observatory ${version} activated${activationMs === undefined ? '' : ` in ${activationMs.toFixed(0)} ms${split}`}`);
  // Dropped from production builds with the module it calls (see src/testHooks.ts).
  if (__TEST_HOOKS__ && context.extensionMode === vscode.ExtensionMode.Test) {
    publishTestHooks({
      runtimeLoaded: () => runtime.loaded,
      runtimeLoadMs: () => runtime.loadMs,
      internals: async () => ({ version, activationMs, ...(await runtime.load('the integration tests')) }),
    });
  }
  return Object.freeze({ version, activationMs });
}

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions, after this. A campaign run is stopped here
  // first and waited for, so its state file does not name a window that is gone.
  await activeRuntime?.beforeDeactivation(DEACTIVATION_LIMIT_MS);
  activeRuntime = undefined;
}
