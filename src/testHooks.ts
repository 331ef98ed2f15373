// The extension's internals for its own integration tests, and for nothing else. activate() returns
// only a public API without secrets (see src/extension.ts); the tests, which need the job registry, the
// TOO client and the credential checks, find the internals here instead, and only when:
// - the build has test hooks (`__TEST_HOOKS__`, defined by esbuild.js: false in `--production`
//   builds, where esbuild drops this module and every call to it), and
// - VS Code runs the extension for a test run (`ExtensionMode.Test`: launched with
//   `extensionTestsPath`, as the integration runners do).
// Other extensions share the extension host's global object, so a shipped build must not publish
// anything here; this is why the constant, not only the mode, guards it. The command-argument rule
// that follows from the same two conditions is src/common/unattended.ts.
import './common/buildFlags';
import type { ProductsFeatureApi } from './products/productsFeature';
import type { TooFeatureApi } from './too/tooFeature';
import type { XrtFeatureApi } from './xrt/xrtFeature';

/** The features and facts the integration tests use (through test/integration/support/extension.ts). */
export interface ExtensionInternals {
  readonly version: string;
  readonly xrt: XrtFeatureApi;
  readonly too: TooFeatureApi;
  readonly products: ProductsFeatureApi;
  /** Milliseconds from the bundle starting to load to the end of activate() (undefined in tests' own bundles). */
  readonly activationMs: number | undefined;
}

/**
 * What a test build publishes. The features load on first use (src/startup/lazyRuntime.ts); `internals`
 * loads them if nothing has yet, so tests that reach inside still see the extension as users do.
 */
interface TestHooks {
  /** Whether the runtime bundle has loaded (a test of the lazy start checks it first). */
  runtimeLoaded(): boolean;
  /** How long loading it took, once it has. */
  runtimeLoadMs(): number | undefined;
  internals(): Promise<ExtensionInternals>;
}

/** Symbol.for, so the separately bundled tests find the same key. */
const TEST_HOOKS_KEY = Symbol.for('swiftObservatory.integrationTestHooks');

type HookHolder = { [TEST_HOOKS_KEY]?: TestHooks };

export function publishTestHooks(hooks: TestHooks): void {
  (globalThis as HookHolder)[TEST_HOOKS_KEY] = hooks;
}

/** The hooks published by the extension under test, if it published them. */
export function readTestHooks(): TestHooks | undefined {
  return (globalThis as HookHolder)[TEST_HOOKS_KEY];
}
