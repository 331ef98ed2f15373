// Child processes the runners start (code-server, Chromium) are each the leader of their own process
// group, so stopping one stops everything it started. Every group is registered here so that it is
// also stopped when the runner itself ends unexpectedly (an exception, Ctrl+C, a kill by CI).
import type { ChildProcess } from 'node:child_process';

const liveGroups = new Map<number, string>();
const exitCleanups = new Set<() => void>();
let exitHooksInstalled = false;

/** Sends `signal` to the whole group led by `pid`; false when the group no longer exists. */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    // ESRCH: already gone, which is the outcome we want.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function killAllNow(): void {
  for (const [pid, name] of liveGroups) {
    if (signalGroup(pid, 'SIGKILL')) console.error(`[runner] killed ${name} (process group ${pid}) on exit`);
  }
  liveGroups.clear();
  for (const cleanup of exitCleanups) cleanup();
  exitCleanups.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // 'exit' handlers must be synchronous, hence SIGKILL rather than a graceful stop.
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`[runner] ${signal} received, stopping child processes`);
      killAllNow();
      // A program with its own handler (npm start) decides how to end; otherwise end as Ctrl+C would.
      if (process.listenerCount(signal) === 0) process.exit(130);
    });
  }
}

/**
 * Runs `cleanup` (synchronous) if the runner ends before calling the returned function, e.g. to
 * remove temporary folders on Ctrl+C. Call the returned function once cleanup happened normally.
 */
export function cleanupOnExit(cleanup: () => void): () => void {
  installExitHooks();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

/** Registers a child spawned with `detached: true` (hence a group leader) for cleanup on exit. */
export function trackProcessGroup(child: ChildProcess, name: string): number {
  if (child.pid === undefined) throw new Error(`${name} did not start (no pid)`);
  installExitHooks();
  const pid = child.pid;
  liveGroups.set(pid, name);
  child.once('exit', () => liveGroups.delete(pid));
  return pid;
}

/**
 * Stops the group led by `pid`: SIGTERM, then SIGKILL if it is still there after `graceMs`.
 * Resolves once the leader has exited (or was already gone).
 */
export async function stopProcessGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (signalGroup(pid, 'SIGTERM')) {
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
      signalGroup(pid, 'SIGKILL');
      await exited;
    }
  }
  // The leader may be gone while helpers it forked linger in the group.
  signalGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}
