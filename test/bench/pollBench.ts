// How many status requests a standard XRT job costs, and how soon its completion is noticed: the
// extension's poll scheduler against plain fixed loops — every 10 s (the shortest spacing the XRT
// product generator API docs allow, what an eager script does) and every 60 s (what the xrt_prods
// documentation and the service's tutorial advise) — all against the sandbox on a simulated clock, so
// a 5-minute job takes a fraction of a second. Run with `npm run bench` (section poll), or alone:
// `node esbuild.js --tests && SWIFT_BENCH_ONLY=poll node out/test/bench/bench.js`. SWIFT_BENCH_MINUTES=5 runs
// one row; SWIFT_BENCH_TRACE=1 prints each of the extension's looks (what it saw, its estimates, its next delay).
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRegistry } from '../../src/xrt/jobs/jobRegistry';
import { FIRST_POLL_DELAY_S } from '../../src/xrt/jobs/pollPolicy';
import { PollScheduler } from '../../src/xrt/jobs/pollScheduler';
import { describeProgress, estimateRemainingSeconds } from '../../src/xrt/jobs/progressEstimate';
import { XrtClient } from '../../src/xrt/client';
import { recordForSubmission } from '../../src/xrt/jobs/recordFromReply';
import { isTerminal, type ProductCode } from '../../src/xrt/productCodes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { GRB_STANDARD_JOB } from '../support/requests';

const USER = 'astro@example.org';
const STANDARD_JOB = GRB_STANDARD_JOB;
const PRODUCTS: ProductCode[] = ['lc', 'spec', 'psf'];

export interface PollFigures {
  readonly requestsPerJob: number;
  readonly medianDelayS: number;
}

export interface PollBenchResult {
  readonly productMinutes: number;
  readonly runs: number;
  readonly baseIntervalS: number;
  readonly scheduler: PollFigures;
  /** Fixed loop every 10 s. */
  readonly fixedLoop: PollFigures;
  /** Fixed loop every 60 s. */
  readonly fixedLoop60: PollFigures;
}

function client(sandbox: Sandbox): XrtClient {
  return new XrtClient({ baseUrl: sandbox.xrtBaseUrl, userId: USER, timeoutMs: 10_000, userAgent: 'bench' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds between each product's end on the server and the client noticing it. */
function delays(seen: Map<string, number>, truth: Map<string, number>): number[] {
  return PRODUCTS.map((p) => {
    const noticed = seen.get(p);
    const ended = truth.get(p);
    if (noticed === undefined || ended === undefined) throw new Error(`no completion recorded for ${p}`);
    return (noticed - ended) / 1000;
  });
}

function countStatusRequests(sandbox: Sandbox): number {
  return sandbox.requests.list({ pathPrefix: '/user_objects/checkProductStatus.php' }).length;
}

const TRUTH_STEP_MS = 250;

/** When, after submission, each product finished on the server, found by asking every quarter of a simulated second. */
async function groundTruth(productMs: number): Promise<Map<string, number>> {
  const sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: productMs });
  try {
    const c = client(sandbox);
    const submittedAt = sandbox.clock.nowMs();
    const { JobID } = await c.submit(STANDARD_JOB);
    const done = new Map<string, number>();
    for (let t = 0; done.size < PRODUCTS.length && t < 20 * productMs; t += TRUTH_STEP_MS) {
      const status = await c.status(JobID, PRODUCTS, []);
      for (const p of PRODUCTS)
        if (!done.has(p) && isTerminal(status[p]?.statusCode ?? null)) done.set(p, sandbox.clock.nowMs() - submittedAt);
      sandbox.clock.advance(TRUTH_STEP_MS);
    }
    return done;
  } finally {
    await sandbox.stop();
  }
}

/** A script that polls every `everyMs`; `phaseMs` is when, after submitting, it first asks. */
async function fixedLoop(
  productMs: number,
  offsetMs: number,
  phaseMs: number,
  truth: Map<string, number>,
  everyMs: number,
): Promise<{ requests: number; delays: number[] }> {
  const sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: productMs });
  try {
    sandbox.clock.advance(offsetMs);
    const c = client(sandbox);
    const submittedAt = sandbox.clock.nowMs();
    const { JobID } = await c.submit(STANDARD_JOB);
    const seen = new Map<string, number>();
    sandbox.clock.advance(phaseMs - everyMs);
    while (seen.size < PRODUCTS.length) {
      sandbox.clock.advance(everyMs);
      const status = await c.status(JobID, PRODUCTS, PRODUCTS);
      for (const p of PRODUCTS)
        if (!seen.has(p) && isTerminal(status[p]?.statusCode ?? null)) seen.set(p, sandbox.clock.nowMs() - submittedAt);
    }
    return { requests: countStatusRequests(sandbox), delays: delays(seen, truth) };
  } finally {
    await sandbox.stop();
  }
}

async function withScheduler(
  productMs: number,
  offsetMs: number,
  firstPollMs: number,
  truth: Map<string, number>,
  baseIntervalS: number,
): Promise<{ requests: number; delays: number[] }> {
  const sandbox = await startSandbox({ port: 0, speed: 0, productDurationMs: productMs });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-bench-'));
  const registry = await JobRegistry.open(dir, 'bench');
  const c = client(sandbox);
  const seen = new Map<string, number>();
  let submittedAt = 0;
  const scheduler = new PollScheduler({
    registry,
    now: () => sandbox.clock.nowMs(),
    baseIntervalS: () => baseIntervalS,
    isFocused: () => true,
    fetchStatus: (job, what, whatProg, signal) => c.status(job.jobId, what, whatProg, signal),
    onTransitions: (ts) => {
      for (const t of ts) if (isTerminal(t.after.statusCode)) seen.set(t.product, sandbox.clock.nowMs() - submittedAt);
    },
  });
  try {
    sandbox.clock.advance(offsetMs);
    submittedAt = sandbox.clock.nowMs();
    const reply = await c.submit(STANDARD_JOB);
    const now = sandbox.clock.nowMs();
    await registry.add(
      recordForSubmission({
        jobId: String(reply.JobID),
        url: reply.URL,
        request: STANDARD_JOB,
        jobPars: reply.jobPars,
        userId: USER,
        serviceUrl: sandbox.xrtBaseUrl,
        now,
        firstPollInMs: firstPollMs,
      }),
    );
    for (let guard = 0; registry.active().length > 0 && guard < 10_000; guard += 1) {
      const next = Math.min(...registry.active().map((j) => j.poll.nextAt ?? now));
      if (next > sandbox.clock.nowMs()) sandbox.clock.set(new Date(Math.ceil(next)));
      await scheduler.tick();
      if (process.env.SWIFT_BENCH_TRACE) trace(registry, sandbox.clock.nowMs(), submittedAt, Math.max(...truth.values()));
    }
    return { requests: countStatusRequests(sandbox), delays: delays(seen, truth) };
  } finally {
    scheduler.dispose();
    registry.dispose();
    await sandbox.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function trace(registry: JobRegistry, now: number, submittedAt: number, lastEndMs: number): void {
  const job = registry.all()[0];
  if (!job) return;
  const parts = Object.entries(job.products).map(([p, st]) => {
    const pr = st.progress;
    return `${p}:${st.statusCode} ${pr?.TimeRunning ?? ''} ${describeProgress(pr) ?? ''} est=${estimateRemainingSeconds(pr, st.stepHistory)?.toFixed(1) ?? '-'}`;
  });
  console.log(
    `    t=${((now - submittedAt) / 1000).toFixed(1)} left=${((lastEndMs - now + submittedAt) / 1000).toFixed(1)} next=+${(((job.poll.nextAt ?? now) - now) / 1000).toFixed(1)} | ${parts.join(' | ')}`,
  );
}

/**
 * Several runs. In each, the products take the row's time plus a different share of one advised
 * interval (0, 12, 24 … s), so no client's rhythm is flattered or penalised by one lucky alignment
 * with the end (the sandbox's products would otherwise take whole minutes). Each client starts as it
 * would after a submission: the loops at once (1 s), the extension where it puts its first look.
 */
export async function benchPolling(productMinutes = 5, runs = 5, baseIntervalS = 60): Promise<PollBenchResult> {
  const ours = { requests: 0, delays: [] as number[] };
  const fixed10 = { requests: 0, delays: [] as number[] };
  const fixed60 = { requests: 0, delays: [] as number[] };
  for (let run = 0; run < runs; run += 1) {
    const productMs = productMinutes * 60_000 + (run * 60_000) / runs;
    const truth = await groundTruth(productMs);
    const offsetMs = (run * 10_000) / runs + 137;
    const a = await withScheduler(productMs, offsetMs, FIRST_POLL_DELAY_S * 1000, truth, baseIntervalS);
    // The spread of the products' time is the spread of the phase between a loop and the end.
    const b = await fixedLoop(productMs, offsetMs, 1_000, truth, 10_000);
    const c = await fixedLoop(productMs, offsetMs, 1_000, truth, 60_000);
    for (const [sum, one] of [
      [ours, a],
      [fixed10, b],
      [fixed60, c],
    ] as const) {
      sum.requests += one.requests;
      sum.delays.push(...one.delays);
    }
  }
  const figures = (x: { requests: number; delays: number[] }): PollFigures => ({
    requestsPerJob: x.requests / runs,
    medianDelayS: median(x.delays),
  });
  return { productMinutes, runs, baseIntervalS, scheduler: figures(ours), fixedLoop: figures(fixed10), fixedLoop60: figures(fixed60) };
}

export const POLL_BENCH_MINUTES = [1, 2, 5, 10, 20] as const;

/** The table the README records: one row per product time. */
export async function printPollTable(print: (line: string) => void, baseIntervalS = 60, runs = 5): Promise<PollBenchResult[]> {
  print(`  standard job: lc + spec + psf of a GRB, 5 min per product (the service documents ~5 min for such a job);`);
  print(
    `  other product times for comparison; ${runs} runs each, the products taking the row’s time plus 0–48 s; poll interval setting ${baseIntervalS} s (the default)`,
  );
  print('  requests per job, median delay from a product finishing to the client noticing it');
  print('  product time | fixed 10 s loop    | fixed 60 s loop    | extension          | requests vs 60 s loop');
  const results: PollBenchResult[] = [];
  const cell = (f: PollFigures): string =>
    `${f.requestsPerJob.toFixed(1).padStart(5)}, ${f.medianDelayS.toFixed(1).padStart(5)} s`.padEnd(18);
  for (const minutes of POLL_BENCH_MINUTES.filter(
    (m) => !process.env.SWIFT_BENCH_MINUTES || process.env.SWIFT_BENCH_MINUTES.split(',').includes(String(m)),
  )) {
    const r = await benchPolling(minutes, runs, baseIntervalS);
    results.push(r);
    print(
      `  ${String(minutes).padStart(4)} min     | ${cell(r.fixedLoop)} | ${cell(r.fixedLoop60)} | ${cell(r.scheduler)} | ${(r.scheduler.requestsPerJob / r.fixedLoop60.requestsPerJob).toFixed(2)}`,
    );
  }
  return results;
}
