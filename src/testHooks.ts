// The extension's internals for its own integration tests, and for nothing else. activate() returns
// only a public API without secrets (see src/extension.ts); the tests, which need the job registry, the
// TOO client and the credential checks, find the internals here instead, and only when:
// - the build has test hooks (`__TEST_HOOKS__`, defined by esbuild.js: false in `--production`
//   builds, where esbuild drops this module and every call to it), and
// - VS Code runs the extension for a test run (`ExtensionMode.Test`: launched with
//   `extensionTestsPath`, as the integration runners do).
// Other extensions share the extension host's global object, so a shipped build must not publish
// anything here; this is why the constant, not only the mode, guards it.
import * as vscode from 'vscode';
import type { ProductsFeatureApi } from './products/productsFeature';
import type { TooFeatureApi } from './too/tooFeature';
import type { XrtFeatureApi } from './xrt/xrtFeature';

declare global {
  /** Replaced at build time by esbuild.js: false in production builds. */
  const __TEST_HOOKS__: boolean;
}

/** What the integration tests reach (through test/integration/support/extension.ts). */
export interface ExtensionInternals {
  readonly version: string;
  readonly xrt: XrtFeatureApi;
  readonly too: TooFeatureApi;
  readonly products: ProductsFeatureApi;
  /** Milliseconds from the bundle starting to load to the end of activate() (undefined in tests' own bundles). */
  readonly activationMs: number | undefined;
}

/** Symbol.for, so the separately bundled tests find the same key. */
const TEST_HOOKS_KEY = Symbol.for('swiftObservatory.integrationTestHooks');

type HookHolder = { [TEST_HOOKS_KEY]?: ExtensionInternals };

export function publishTestHooks(internals: ExtensionInternals): void {
  (globalThis as HookHolder)[TEST_HOOKS_KEY] = internals;
}

/** The internals published by the extension under test, if it published them. */
export function readTestHooks(): ExtensionInternals | undefined {
  return (globalThis as HookHolder)[TEST_HOOKS_KEY];
}

/**
 * Whether commands may take arguments that skip a person's decision (credentials given to Sign In, a
 * confirmation given in advance to Submit TOO, Cancel or Remove). Any extension can run our commands
 * with any arguments, so a shipped build must ignore them: a TOO request is a real request to the
 * spacecraft team and must be confirmed by the user. Only this extension's own test runs pass them.
 */
export function acceptsUnattendedArguments(context: vscode.ExtensionContext): boolean {
  return __TEST_HOOKS__ && context.extensionMode === vscode.ExtensionMode.Test;
}
