// Wiring only: builds the services and registers commands, views and providers.
// activate() stays cheap: no network and no scanning; it reads one small job-list file.
import { extensionVersion } from './common/extensionManifest';
import * as vscode from 'vscode';
import { Commands } from './common/commandIds';
import { disposeLog, log } from './log';
import { activateToo } from './too/tooFeature';
import { registerTooQueries } from './too/queries';
import { activateProducts } from './products/productsFeature';
import { activateXrt } from './xrt/xrtFeature';
import { registerSubmitCodeLens } from './xrt/request/submitCodeLens';
import { RequestFileDiagnostics } from './editing/requestFileDiagnostics';
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

export async function activate(context: vscode.ExtensionContext): Promise<SwiftObservatoryPublicApi> {
  const activateStart = performance.now();
  const version = extensionVersion(context.extension);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLog, () => log().show()),
    vscode.commands.registerCommand(Commands.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    ),
    registerSubmitCodeLens(),
    new RequestFileDiagnostics(),
    { dispose: disposeLog },
  );
  const xrt = await activateXrt(context, log());
  const products = activateProducts(context, log(), xrt.registry);
  const too = activateToo(context, log());
  registerTooQueries(context, () => too.client(), log(), { xrtJob: (jobId) => xrt.registry.get(jobId) });
  const loadStart = globalThis.__swiftObservatoryLoadStart;
  const activationMs = loadStart === undefined ? undefined : performance.now() - loadStart;
  const split =
    loadStart === undefined
      ? ''
      : ` (bundle load ${(activateStart - loadStart).toFixed(0)} ms, activate() ${(performance.now() - activateStart).toFixed(0)} ms)`;
  log().info(`Swift Observatory ${version} activated${activationMs === undefined ? '' : ` in ${activationMs.toFixed(0)} ms${split}`}`);
  // Dropped from production builds with the module it calls (see src/testHooks.ts).
  if (__TEST_HOOKS__ && context.extensionMode === vscode.ExtensionMode.Test)
    publishTestHooks({ version, xrt, too, products, activationMs });
  return Object.freeze({ version, activationMs });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
