// Light-curve plot benchmark: time from the model message to the end of the first draw, and to the end of
// the first frame that shows it, in headless Chromium, for 10^4, 10^5 and 10^6 points, and for 10^5 points in a
// job with every product (budget: 10^5 under 100 ms, 10^6 under 300 ms). Wall times depend on how busy the
// machine is; the main thread's CPU time over the same span (from a Chromium trace) much less. The two come
// from separate pages: recording a trace slows every process of the browser, so wall times are measured on
// pages without one, and CPU times on as many pages with one. Needs the built webview bundle
// (`node esbuild.js --production`) and /usr/bin/chromium (or CHROMIUM_PATH).
// `SWIFT_BENCH_PLOT_RUNS` sets the runs per case and kind (default 7).
import type { Browser, Page } from 'playwright-core';
import { readFixture } from '../support/paths';
import { launchChromium, openViewerPage, showModelSource } from '../viewer-harness/page';
import { sampleModel, syntheticLightCurve } from '../viewer-harness/sampleModel';

/** Least, median and greatest of a set of times. */
interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

interface PlotCase {
  readonly label: string;
  readonly points: number;
  /** The model as a JavaScript expression evaluated in the page. */
  readonly model: string;
}

interface PlotResult {
  readonly label: string;
  readonly points: number;
  readonly runs: number;
  /** Model sent → first draw done (the canvases hold the plot). */
  readonly drawn: Spread;
  /** Model sent → end of the first frame that shows it. */
  readonly shown: Spread;
  /** The renderer main thread's CPU time from the model to that frame's end (on other, traced pages). */
  readonly cpu: Spread;
}

function spread(times: readonly number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return { min: round(sorted[0]!), median: round(sorted[Math.floor(sorted.length / 2)]!), max: round(sorted[sorted.length - 1]!) };
}

function cases(): PlotCase[] {
  // Built inside the page: the generator is self-contained, and sending 10^6 points would dominate the run.
  const curve = (points: number): string => `(${syntheticLightCurve.toString()})(${points})`;
  const plain = (points: number): PlotCase => ({
    label: `light curve of ${points.toLocaleString('en')} points`,
    points,
    model: `{ version: 1, job: { id: 'bench-${points}' }, lightCurve: ${curve(points)}, problems: [] }`,
  });
  const job = JSON.stringify({ ...sampleModel((name) => readFixture('xrt', name) as Record<string, unknown>), lightCurve: undefined });
  return [
    plain(10_000),
    plain(100_000),
    plain(1_000_000),
    {
      label: '10^5 points in a job with every product (spectrum, positions, image, source tables)',
      points: 100_000,
      model: `{ ...${job}, lightCurve: ${curve(100_000)} }`,
    },
  ];
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
}

/** CPU time (ms) of the thread that set the two marks, over the top-level tasks between them. */
function mainThreadCpuMs(trace: { traceEvents: TraceEvent[] }, from: string, to: string): number {
  const start = trace.traceEvents.find((e) => e.name === from);
  const end = trace.traceEvents.find((e) => e.name === to);
  if (!start || !end) throw new Error(`plot benchmark: the trace lacks the marks ${from} and ${to}`);
  const tasks = trace.traceEvents
    .filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.ts + (e.dur ?? 0) >= start.ts && e.ts <= end.ts)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let busyUntil = -Infinity;
  let cpu = 0;
  for (const t of tasks) {
    if (t.ts < busyUntil) continue; // nested in the task before
    busyUntil = t.ts + (t.dur ?? 0);
    cpu += t.tdur ?? 0;
  }
  return cpu / 1000;
}

/** Wall times of one fresh page, untraced. */
async function timedRun(page: Page, model: string): Promise<{ ms: number; frameMs: number }> {
  const { ms, frameMs, summary } = await showModelSource(page, model);
  if (!summary || summary.plotPoints === 0) throw new Error('plot benchmark: nothing was drawn');
  return { ms, frameMs };
}

/** The main thread's CPU time of one fresh page, traced. */
async function tracedRun(browser: Browser, page: Page, model: string): Promise<number> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel', 'v8.execute'] });
  const { summary } = await showModelSource(page, model);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  if (!summary || summary.plotPoints === 0) throw new Error('plot benchmark: nothing was drawn');
  return mainThreadCpuMs(trace, 'harness-model-sent', 'harness-frame-shown');
}

/** First renders per case, a fresh page each run (so nothing is cached or compiled between them). */
export async function benchPlot(runs = Number(process.env.SWIFT_BENCH_PLOT_RUNS ?? 7)): Promise<PlotResult[]> {
  const browser = await launchChromium();
  const results: PlotResult[] = [];
  try {
    for (const c of cases()) {
      const drawn: number[] = [];
      const shown: number[] = [];
      const cpu: number[] = [];
      // Alternating, so that a busier spell of the machine weighs on both kinds alike.
      for (let r = 0; r < runs; r++) {
        const page = await openViewerPage(browser, 'dark');
        const run = await timedRun(page, c.model);
        drawn.push(run.ms);
        shown.push(run.frameMs);
        await page.close();
        const traced = await openViewerPage(browser, 'dark');
        cpu.push(await tracedRun(browser, traced, c.model));
        await traced.close();
      }
      results.push({ label: c.label, points: c.points, runs, drawn: spread(drawn), shown: spread(shown), cpu: spread(cpu) });
    }
  } finally {
    await browser.close();
  }
  return results;
}
