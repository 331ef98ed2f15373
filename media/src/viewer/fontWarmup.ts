// Finds the viewer's fonts before the first model arrives. The first text a page lays out in a font makes
// Chromium ask the browser process for that font family (a synchronous call, several milliseconds on a busy
// machine, for each family, weight and the canvas's font), so without this the first draw of the light
// curve pays for them. Run once while the extension is still reading the products.
import { el } from '../common/dom';
import { plotColors } from './theme';

export function warmFonts(): void {
  // The faces the first draw uses: body text, its bold (headings, table headers) and the read-out's monospace.
  const probe = el(
    'div',
    { class: 'font-warmup', 'aria-hidden': 'true' },
    el('span', {}, 'Rate 0.5'),
    el('strong', {}, 'Rate 0.5'),
    el('span', { class: 'readout' }, 'Rate 0.5'),
  );
  document.body.append(probe);
  // Reading a size lays the probe out now, which is what resolves its fonts.
  void probe.offsetWidth;
  probe.remove();
  // The plot's axis labels are drawn on a canvas in the theme's font.
  const context = document.createElement('canvas').getContext('2d');
  if (context) {
    context.font = plotColors().font;
    context.measureText('58955.3 MJD 10⁻³');
  }
}
