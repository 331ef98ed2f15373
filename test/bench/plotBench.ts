// Light-curve plot benchmark: time from the model message to the end of the first draw, in headless
// Chromium, for 10^4, 10^5 and 10^6 points (budget: 10^5 under 100 ms, 10^6 under 300 ms). Needs the built webview
// bundle (`node esbuild.js --production`) and /usr/bin/chromium (or CHROMIUM_PATH).
import { launchChromium, openViewerPage, showModelSource } from '../viewer-harness/page';
import { syntheticLightCurve } from '../viewer-harness/sampleModel';

export const PLOT_SIZES = [10_000, 100_000, 1_000_000] as const;

/** Median of `runs` first renders per size (a fresh page each run, so nothing is cached between them). */
export async function benchPlot(runs = 3): Promise<{ points: number; ms: number }[]> {
  const browser = await launchChromium();
  const results: { points: number; ms: number }[] = [];
  try {
    for (const points of PLOT_SIZES) {
      // Built inside the page: the generator is self-contained, and sending 10^6 points would dominate the run.
      const model = `{ version: 1, job: { id: 'bench-${points}' }, lightCurve: (${syntheticLightCurve.toString()})(${points}), problems: [] }`;
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const page = await openViewerPage(browser, 'dark');
        const { ms, summary } = await showModelSource(page, model);
        if (!summary || summary.plotPoints === 0) throw new Error(`plot benchmark: nothing was drawn for ${points} points`);
        times.push(ms);
        await page.close();
      }
      times.sort((a, b) => a - b);
      results.push({ points, ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 });
    }
  } finally {
    await browser.close();
  }
  return results;
}
