// Constants esbuild.js replaces at build time.
export {};

declare global {
  /** Whether this build carries the integration tests' hooks: false in production builds (src/testHooks.ts). */
  const __TEST_HOOKS__: boolean;
}
