// The binning selector above the light-curve plot: "Original (…)" and each rebin, labelled with its
// binning; choosing one swaps the curve the plot shows (both are kept), and "Rebin…" asks the extension
// to rebin the job's light curve anew. The plot itself is lightCurveView.ts, untouched by the choice.
import type { LightCurveChoices, LightCurveOption } from '../lib/lightCurveChoices';
import { button, el } from '../common/dom';

export function lightCurveChooser(
  choices: LightCurveChoices,
  onChoose: (option: LightCurveOption) => void,
  onRebin: () => void,
): HTMLElement | undefined {
  if (choices.options.length < 2 && !choices.rebinnable) return undefined;
  const bar = el('div', { class: 'toolbar light-curve-choice', role: 'toolbar', 'aria-label': 'Light-curve binning' });
  if (choices.options.length > 1) {
    const select = el('select', { 'aria-label': 'Binning', class: 'binning-choice' });
    choices.options.forEach((o, i) => select.append(el('option', { value: String(i) }, o.label)));
    select.value = String(choices.selected);
    select.addEventListener('change', () => {
      const option = choices.options[Number(select.value)];
      if (option) onChoose(option);
    });
    bar.append(el('label', { class: 'select' }, 'Binning ', select));
  }
  if (choices.rebinnable)
    bar.append(button('Rebin…', onRebin, { title: 'Rebin this light curve on the service with another binning (Rebin Light Curve…)' }));
  return bar;
}
