// Rehearses the first draw before the first model arrives, while the extension is still reading the
// products. The first text a page lays out in a font, at a size and weight, makes Chromium ask the browser
// process for it (synchronous calls, several milliseconds each on a busy machine: 11 of them, 15 ms of
// waiting, in a trace of the first light-curve draw when only three faces were probed), and the viewer's
// code runs for the first time then too. So a light curve of a few points is built and drawn once, as the
// real one will be, in a hidden place, and removed: the real draw then finds its fonts, and its code
// compiled. Whatever goes wrong here is left for the real draw to meet and report.
import type { LightCurveDataset, LightCurveSection } from '../../../src/shared/viewModel';
import { el } from '../common/dom';
import { LightCurveView } from './lightCurveView';

/** A dataset of `n` points from `t0` to `t1` s (a decay), of the given mode and kind. */
function dataset(name: string, mode: 'WT' | 'PC', kind: LightCurveDataset['kind'], t0: number, t1: number, n = 4): LightCurveDataset {
  const Time: number[] = [];
  const Rate: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = t0 * (t1 / t0) ** (i / (n - 1));
    Time.push(t);
    Rate.push(kind === 'hardness-ratio' ? 1 : 100 * (t / t0) ** -1.2);
  }
  const half = Time.map((t) => t * 0.1);
  const err = Rate.map((r) => r * 0.2);
  const times = { Time, TimePos: half, TimeNeg: half.map((h) => -h) };
  return {
    name,
    mode,
    kind,
    incbad: false,
    nosys: false,
    columns: kind === 'hardness-ratio' ? { ...times, HR: Rate, HRErr: err } : { ...times, Rate, RatePos: err, RateNeg: err.map((e) => -e) },
  };
}

/** A light curve with what a first draw shows: both modes, an upper limit and the hardness-ratio panel. */
function rehearsalCurve(): LightCurveSection {
  return {
    datasets: [
      dataset('WT', 'WT', 'detections', 60, 900),
      dataset('PC', 'PC', 'detections', 2000, 2e5),
      dataset('PCUL', 'PC', 'upper-limits', 3e5, 1e6, 2),
      dataset('WTHR', 'WT', 'hardness-ratio', 60, 900),
      dataset('PCHR', 'PC', 'hardness-ratio', 2000, 2e5),
    ],
    timeFormat: 'MET',
    T0: 608713541.952,
    binning: 'Counts',
  };
}

/** Resolves once the rehearsal is drawn and removed (uPlot draws in a microtask after it is built). */
export async function rehearseFirstDraw(): Promise<void> {
  // The page's own structure around a light curve (header, section heading), so its fonts are the same;
  // and the faces of a problem line and of the read-out under the plot.
  const plotHost = el('div', { class: 'light-curve-plot' });
  const stage = el(
    'div',
    { class: 'first-draw-rehearsal', 'aria-hidden': 'true' },
    el('header', null, el('h1', null, 'XRT job 0')),
    el('section', { class: 'product product-lightCurve' }, el('h2', null, 'Light curve'), plotHost),
    el('strong', null, 'Error: '),
    el('div', { class: 'readout' }, 'Rate 0.5'),
  );
  const view = new LightCurveView(rehearsalCurve(), { id: 'rehearsal' }, { post: () => undefined, onDrawn: () => undefined });
  plotHost.append(view.element);
  document.body.append(stage);
  try {
    view.mount();
    // Reading a size lays the stage out now, which is what resolves its fonts.
    void stage.offsetWidth;
    await new Promise<void>((resolve) => queueMicrotask(resolve));
  } finally {
    view.destroy();
    stage.remove();
  }
}
