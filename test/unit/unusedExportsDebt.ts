// Exports of src/ and media/src/ that no other production file uses yet: the debt test/unit/unusedExports.test.ts
// found when it was written (issue 12). Each is owed a fix: test the logic through the entry point the
// product uses, move a test utility to test/support/, or drop `export` where only its own file uses it.
// The test fails on an unused export missing here, and on an entry here that is no longer one: delete
// lines as you pay them off, never add any.
export const KNOWN_UNUSED_EXPORTS: readonly string[] = [
  'src/cli.ts: parseArguments',
  'src/common/fileLock.ts: LockOwner',
  'src/common/fileLock.ts: readOwner',
  'src/editing/requestRules.ts: anyOf',
  'src/editing/requestRules.ts: causingKey',
  'src/editing/requestRules.ts: isPresent',
  'src/products/files/qdp.ts: parseQdpCell',
  'src/products/files/qdp.ts: rawRow',
  'src/shared/lightCurveFit/statistic.ts: residual',
];
