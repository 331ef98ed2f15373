// Light-curve plot benchmark: time from the model message to the end of the first draw, and to the end of
// the first frame that shows it, in headless Chromium, for 10^4, 10^5 and 10^6 points (budget: 10^5 under
// 100 ms, 10^6 under 300 ms). Needs the built webview bundle (`node esbuild.js --production`) and
// /usr/bin/chromium (or CHROMIUM_PATH). `SWIFT_BENCH_PLOT_RUNS` sets the runs per size (default 7).
import { launchChromium, openViewerPage, showModelSource } from '../viewer-harness/page';
import { syntheticLightCurve } from '../viewer-harness/sampleModel';

export const PLOT_SIZES = [10_000, 100_000, 1_000_000] as const;

/** Least, median and greatest of a set of times. */
interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

function spread(times: readonly number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return { min: round(sorted[0]!), median: round(sorted[Math.floor(sorted.length / 2)]!), max: round(sorted[sorted.length - 1]!) };
}

/** First renders per size, a fresh page each run (so nothing is cached or compiled between them). */
export async function benchPlot(
  runs = Number(process.env.SWIFT_BENCH_PLOT_RUNS ?? 7),
): Promise<{ points: number; runs: number; drawn: Spread; shown: Spread }[]> {
  const browser = await launchChromium();
  const results: { points: number; runs: number; drawn: Spread; shown: Spread }[] = [];
  try {
    for (const points of PLOT_SIZES) {
      // Built inside the page: the generator is self-contained, and sending 10^6 points would dominate the run.
      const model = `{ version: 1, job: { id: 'bench-${points}' }, lightCurve: (${syntheticLightCurve.toString()})(${points}), problems: [] }`;
      const drawn: number[] = [];
      const shown: number[] = [];
      for (let r = 0; r < runs; r++) {
        const page = await openViewerPage(browser, 'dark');
        const { ms, frameMs, summary } = await showModelSource(page, model);
        if (!summary || summary.plotPoints === 0) throw new Error(`plot benchmark: nothing was drawn for ${points} points`);
        drawn.push(ms);
        shown.push(frameMs);
        await page.close();
      }
      results.push({ points, runs, drawn: spread(drawn), shown: spread(shown) });
    }
  } finally {
    await browser.close();
  }
  return results;
}
