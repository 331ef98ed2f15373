// A figure for a product image (GIF) with a caption, or a clear line when the file is not available.
import type { ViewerRequest } from '../../../src/shared/viewerProtocol';
import { button, el } from '../common/dom';
import type { ResourceLookup } from './resources';

interface FigureLinks {
  /** Service address to open in the browser when the file was not downloaded. */
  readonly url?: string;
  /** A related file (e.g. the FITS image) to open in VS Code. */
  readonly openPath?: string;
  readonly openLabel?: string;
}

export function productFigure(
  caption: string,
  path: string | undefined,
  lookup: ResourceLookup,
  post: (m: ViewerRequest) => void,
  links: FigureLinks = {},
): HTMLElement {
  const uri = lookup(path);
  const figure = el('figure', { class: 'product-figure' });
  if (uri) {
    const img = el('img', { src: uri, alt: caption, loading: 'lazy' });
    img.addEventListener('error', () => img.replaceWith(el('p', { class: 'missing' }, `The image file could not be loaded.`)));
    figure.append(img);
  } else {
    figure.append(el('p', { class: 'missing' }, path ? 'The image file is not in the job folder.' : 'No image was downloaded.'));
  }
  const actions: HTMLElement[] = [];
  const { url, openPath } = links;
  if (url && !uri) actions.push(button('Open in browser', () => post({ type: 'openUrl', url }), { class: 'link' }));
  if (openPath) actions.push(button(links.openLabel ?? 'Open file', () => post({ type: 'openFile', path: openPath }), { class: 'link' }));
  figure.append(el('figcaption', null, caption, ...actions.flatMap((a) => [' ', a])));
  return figure;
}
