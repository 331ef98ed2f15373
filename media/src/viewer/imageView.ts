// Image section: the energy-band images listed in images.log and the exposure maps.
import type { ImageSection } from '../../../src/shared/viewModel';
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import { formatNumber } from '../lib/numberFormat';
import { el } from '../common/dom';
import { productFigure } from './figure';
import type { ResourceLookup } from './resources';

export function imageView(section: ImageSection, lookup: ResourceLookup, post: (m: ViewerRequest) => void): HTMLElement {
  const root = el('div', { class: 'images' });
  if (section.bands.length === 0 && section.exposureMaps.length === 0) {
    root.append(el('p', { class: 'message' }, 'The image product lists no images.'));
    return root;
  }
  const figures = el('div', { class: 'figures' });
  for (const band of [...section.bands].sort((a, b) => a.index - b.index)) {
    const caption = `Image ${band.index}: ${formatNumber(band.emin)}–${formatNumber(band.emax)} keV`;
    figures.append(
      productFigure(caption, band.gifPath, lookup, post, band.fitsPath ? { openPath: band.fitsPath, openLabel: 'Open FITS' } : {}),
    );
  }
  for (const map of section.exposureMaps) {
    figures.append(
      productFigure(map.label, map.gifPath, lookup, post, map.fitsPath ? { openPath: map.fitsPath, openLabel: 'Open FITS' } : {}),
    );
  }
  root.append(figures);
  return root;
}
