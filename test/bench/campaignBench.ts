// Campaign benchmarks (issue budgets: a 500-source campaign against the sandbox never has more than
// maxActiveJobs active and makes no duplicate under faults on one submission in ten, memory stays flat; the
// results table of 500 rows renders in under 200 ms). Measured and printed, never asserted in tests.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Browser } from 'playwright-core';
import { XrtClient } from '../../src/xrt/client';
import { CampaignRunner } from '../../src/xrt/campaign/campaignRunner';
import type { CampaignState } from '../../src/xrt/campaign/campaignState';
import type { JobRecord } from '../../src/xrt/jobs/jobRecord';
import type { CampaignResultRow, CampaignResultsView } from '../../src/shared/campaignResultsModel';
import { RESULT_COLUMNS } from '../../src/products/campaign/resultColumns';
import type { LoggedRequest } from '../sandbox/requestLog';
import { startSandbox } from '../sandbox/server';
import { createXrtService } from '../sandbox/xrt/service';
import { ASTRO } from '../sandbox/xrt/harness';
import { launchChromium, openWebviewPage } from '../viewer-harness/page';

const SUBMIT_PATH = '/user_objects/run_userobject.php';
const PRODUCT_MS = 60_000;
/** Status codes the service counts as active (queued, running, waiting): the sandbox's getNumJobs rule. */
const ACTIVE_CODES = new Set([1, 2, 3, 5]);

export interface CampaignRunFigures {
  readonly sources: number;
  readonly maxActiveJobs: number;
  readonly faults: number;
  readonly seconds: number;
  /** The most jobs the sandbox counted active right after any submission in its request log. */
  readonly peakActive: number;
  readonly submissionRequests: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly refused: number;
  /** Heap in use after a full collection, every 100 submitted sources (MB). */
  readonly heapMb: readonly number[];
  /** The same after the run, with the jobs dropped from the registry and the sandbox. */
  readonly heapAfterMb: number;
}

/** A full collection, so heap samples compare like with like. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function sourceRequest(i: number): Record<string, unknown> {
  return {
    name: `Source ${i}`,
    targ: String(100_000 + i),
    RA: (i * 0.7) % 360,
    Dec: -60 + (i % 120),
    cent: 1,
    poserr: 1,
    useSXPS: 0,
    spec: 1,
    specz: 0,
  };
}

export async function benchCampaignRun(count = 500, maxActiveJobs = 5): Promise<CampaignRunFigures> {
  const sandbox = await startSandbox({
    port: 0,
    speed: 0,
    productDurationMs: PRODUCT_MS,
    // The sandbox's own cap equals the campaign's: a submission beyond it would be refused and seen.
    services: { xrt: (ctx) => createXrtService(ctx, { productDurationMs: PRODUCT_MS, maxActiveJobs }) },
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-bench-'));
  let peakActive = 0;
  const addToLog = sandbox.requests.add.bind(sandbox.requests);
  // The request log's entry is written once the request was handled: the jobs the sandbox counts active then
  // include the one this submission made, so this is the most there were at any moment.
  sandbox.requests.add = (entry: LoggedRequest): void => {
    addToLog(entry);
    if (entry.method !== 'POST' || !entry.path.startsWith(SUBMIT_PATH)) return;
    const xrt = sandbox.xrt as { jobs(): { UserID: string; products: Record<string, number> }[] };
    const active = xrt.jobs().filter((j) => j.UserID === ASTRO && Object.values(j.products).some((c) => ACTIVE_CODES.has(c))).length;
    peakActive = Math.max(peakActive, active);
  };
  const kinds = ['truncated-json', 'html-error', 'reset'] as const;
  let faults = 0;
  for (let i = 3; i < count; i += 10) {
    const kind = kinds[faults % kinds.length]!;
    sandbox.faults.add({ prefix: SUBMIT_PATH, kind, ...(kind === 'html-error' ? { status: 502 } : {}), match: `"Source ${i}"` });
    faults++;
  }
  const client = new XrtClient({
    baseUrl: sandbox.xrtBaseUrl,
    userId: ASTRO,
    timeoutMs: 5_000,
    userAgent: 'swift-observatory-bench',
    retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const sources = Array.from({ length: count }, (_, i) => ({ id: `src-${i}`, request: sourceRequest(i) }));
  const registry = new Map<string, JobRecord>();
  const heapMb: number[] = [];
  let nextSample = 0;
  const stateFile = path.join(dir, 'bench.xrt-campaign.state.json');
  const runner = new CampaignRunner({
    stateFile,
    campaignFile: path.join(dir, 'bench.xrt-campaign.json'),
    sources,
    client,
    registry: {
      add: async (...records) => {
        for (const j of records) registry.set(j.jobId, j);
        if (registry.size >= nextSample) {
          collectGarbage();
          heapMb.push(process.memoryUsage().heapUsed / 1024 / 1024);
          nextSample += 100;
        }
      },
      get: (id) => registry.get(id),
    },
    maxActiveJobs: () => maxActiveJobs,
    serviceUrl: sandbox.xrtBaseUrl,
    runnerId: 'bench-window',
    now: () => sandbox.clock.nowMs(),
    // Each wait lets half a product's time pass on the service.
    sleep: async () => {
      sandbox.clock.advance(PRODUCT_MS / 2);
    },
    waitMs: () => PRODUCT_MS / 2,
    firstPollInMs: 10_000,
    log: () => undefined,
    reconcile: { graceMs: 0, skewMs: 10 * 60_000 },
  });
  const t0 = performance.now();
  try {
    const end = await runner.run(new AbortController().signal);
    if (end !== 'finished') throw new Error(`campaign benchmark: the run ended ${end}`);
    const seconds = (performance.now() - t0) / 1000;
    const byName = new Map<string, number>();
    for (const j of (await client.listOldJobs()).jobs) byName.set(j.Name, (byName.get(j.Name) ?? 0) + 1);
    const state = JSON.parse(await fs.readFile(stateFile, 'utf8')) as CampaignState;
    let duplicates = 0;
    let missing = 0;
    for (const s of sources) {
      const n = byName.get(String(s.request.name)) ?? 0;
      if (n > 1) duplicates += n - 1;
      if (n === 0) missing++;
    }
    collectGarbage();
    heapMb.push(process.memoryUsage().heapUsed / 1024 / 1024);
    // What is left once the jobs themselves are dropped (the registry's records and the sandbox's jobs, which
    // runs in this process): whatever the run kept besides them.
    registry.clear();
    sandbox.reset();
    collectGarbage();
    const heapAfterMb = process.memoryUsage().heapUsed / 1024 / 1024;
    return {
      heapAfterMb,
      sources: count,
      maxActiveJobs,
      faults,
      seconds,
      peakActive,
      submissionRequests: sandbox.requests.list({ method: 'POST', pathPrefix: SUBMIT_PATH }).length,
      duplicates,
      missing,
      refused: Object.values(state.sources).filter((s) => s.status === 'refused').length,
      heapMb,
    };
  } finally {
    await sandbox.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A results table like a finished 500-source campaign's: the extension's own columns, every one filled, a few rows changed. */
function syntheticResults(count: number): CampaignResultsView {
  const rows: CampaignResultRow[] = Array.from({ length: count }, (_, i) => ({
    sourceId: `src-${i}`,
    progress: i % 17 === 0 ? 'failed' : 'downloaded',
    jobId: String(4001 + i),
    cells: Object.fromEntries(
      RESULT_COLUMNS.map((c, k) => [c.key, c.kind === 'text' ? `${c.key} ${i % 7}` : Math.sin(i * 7 + k) * 10 ** ((k % 5) - 2)]),
    ),
    ...(i % 23 === 0 ? { changed: ['nh', 'gamma'] } : {}),
    ...(i % 5 === 0 ? { notes: ['Decay: not fitted, the light curve has 3 WT/PC detection bin(s); at least 5 are needed.'] } : {}),
  }));
  return {
    campaign: 'bench.xrt-campaign.json',
    columns: RESULT_COLUMNS,
    rows,
    readAt: new Date().toISOString(),
    previousAt: new Date(0).toISOString(),
  };
}

export interface TableFigures {
  readonly rows: number;
  readonly runs: number;
  /** Message received → end of the first frame that shows the table (ms), median and range. */
  readonly firstMs: { min: number; median: number; max: number };
  /** Message received → every row in place (the page's `rendered` report; rows below the first screen follow in chunks). */
  readonly allMs: { min: number; median: number; max: number };
  /** A header click (sort by NH) → end of the frame that shows the sorted table. */
  readonly sortMs: { min: number; median: number; max: number };
}

function spread(times: readonly number[]): { min: number; median: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
}

export async function benchCampaignTable(count = 500, runs = Number(process.env.SWIFT_BENCH_TABLE_RUNS ?? 7)): Promise<TableFigures> {
  const browser: Browser = await launchChromium();
  const view = syntheticResults(count);
  const first: number[] = [];
  const all: number[] = [];
  const sort: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const page = await openWebviewPage(browser, 'dark', {
        bundle: 'campaignResults.main',
        placeholder: '<main id="app"><p>Reading the campaign’s results…</p></main>',
      });
      await page.evaluate(`window.__benchView = (${JSON.stringify(view)}); 0`);
      const times = await page.evaluate(async () => {
        const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const outbox = (window as unknown as { __webviewOutbox: { type: string }[] }).__webviewOutbox;
        /** Waits for the page's next `rendered` report: every row drawn. */
        const rendered = async (): Promise<void> => {
          const before = outbox.filter((m) => m.type === 'rendered').length;
          while (outbox.filter((m) => m.type === 'rendered').length === before) await new Promise((resolve) => setTimeout(resolve, 1));
        };
        const data = {
          type: 'results',
          view: (window as unknown as { __benchView: unknown }).__benchView,
          campaignUri: 'file:///bench.xrt-campaign.json',
        };
        const start = performance.now();
        const complete = rendered();
        window.dispatchEvent(new MessageEvent('message', { data }));
        await frame();
        const firstMs = performance.now() - start;
        await complete;
        const allMs = performance.now() - start;
        if (document.querySelectorAll('tbody tr').length === 0) throw new Error('the table was not drawn');
        const header = document.querySelector<HTMLButtonElement>('th[data-key="nh"] button');
        if (!header) throw new Error('no NH header');
        const sortStart = performance.now();
        header.click();
        await frame();
        return { firstMs, allMs, sortMs: performance.now() - sortStart };
      });
      first.push(times.firstMs);
      all.push(times.allMs);
      sort.push(times.sortMs);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { rows: count, runs, firstMs: spread(first), allMs: spread(all), sortMs: spread(sort) };
}
