// A figure for a product image (GIF) with a caption, or a clear line when the file is not available.
import type { WebviewMessage } from '../../../src/shared/viewerProtocol';
import { button, el } from './dom';
import type { ResourceLookup } from './resources';

export interface FigureLinks {
  /** Service address to open in the browser when the file was not downloaded. */
  readonly url?: string;
  /** A related file (e.g. the FITS image) to open in VS Code. */
  readonly openPath?: string;
  readonly openLabel?: string;
}

export function productFigure(caption: string, path: string | undefined, lookup: ResourceLookup, post: (m: WebviewMessage) => void, links: FigureLinks = {}): HTMLElement {
  const uri = lookup(path);
  const figure = el('figure', { className: 'product-figure' });
  if (uri) {
    const img = el('img', { attrs: { src: uri, alt: caption, loading: 'lazy' } });
    img.addEventListener('error', () => img.replaceWith(el('p', { className: 'missing' }, `The image file could not be loaded.`)));
    figure.append(img);
  } else {
    figure.append(el('p', { className: 'missing' }, path ? 'The image file is not in the job folder.' : 'No image was downloaded.'));
  }
  const actions: HTMLElement[] = [];
  if (links.url && !uri) actions.push(button('Open in browser', () => post({ type: 'open', url: links.url }), { className: 'link' }));
  if (links.openPath) actions.push(button(links.openLabel ?? 'Open file', () => post({ type: 'open', path: links.openPath }), { className: 'link' }));
  figure.append(el('figcaption', null, caption, ...actions.flatMap((a) => [' ', a])));
  return figure;
}
