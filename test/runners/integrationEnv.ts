// Environment variables through which the runners talk to the tests running inside VS Code. Both the
// code-server extension host and @vscode/test-electron's pass the launcher's environment on to run().

/** Absolute path of the file the test index writes mocha's report to (the runner prints it). */
export const REPORT_FILE_ENV = 'SWIFT_INTEGRATION_REPORT';
/** Origin of the Swift services sandbox the runner started, e.g. http://127.0.0.1:40123 */
export const SANDBOX_ORIGIN_ENV = 'SWIFT_SANDBOX_ORIGIN';
/** Optional mocha `grep` for running a subset of the integration tests. */
export const GREP_ENV = 'SWIFT_INTEGRATION_GREP';
