// Small, deterministic GIF pictures for the sandbox's products, so the product viewer can be judged by
// eye: an X-ray field (point sources on a faint background) for images and position plots, and plot-like
// pictures (axes, points with error bars, a model line) for the light-curve, hardness-ratio and spectral
// fit plots the real service draws. The same seed always gives the same bytes.
import { gauss, seededRng } from './prng';

type Rgb = readonly [number, number, number];

/**
 * A GIF89a with a 256-colour table, written without compression: 9-bit literal codes with a clear code
 * before the string table would grow, which every GIF decoder reads and needs no LZW dictionary here.
 */
export function encodeGif(width: number, height: number, palette: readonly Rgb[], pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height) throw new Error(`encodeGif: ${pixels.length} pixels for ${width}×${height}`);
  const table = Buffer.alloc(256 * 3);
  palette.slice(0, 256).forEach(([r, g, b], i) => table.set([r, g, b], i * 3));
  const header = Buffer.alloc(13);
  header.write('GIF89a', 0, 'ascii');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  header[10] = 0xf7; // global colour table, 8 bits per primary, 256 entries
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(width, 5);
  descriptor.writeUInt16LE(height, 7);

  const CLEAR = 256;
  const END = 257;
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (code: number): void => {
    acc |= code << bits;
    bits += 9;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  };
  // With 9-bit codes the table may hold 512 entries; 258 are reserved or literal, and each literal after
  // the first adds one: a clear every 252 literals (a margin below the 254 that fit) keeps the width at 9 bits.
  put(CLEAR);
  pixels.forEach((p, i) => {
    if (i > 0 && i % 252 === 0) put(CLEAR);
    put(p);
  });
  put(END);
  if (bits > 0) bytes.push(acc & 0xff);
  const blocks: number[] = [8];
  for (let i = 0; i < bytes.length; i += 255) {
    const chunk = bytes.slice(i, i + 255);
    blocks.push(chunk.length, ...chunk);
  }
  blocks.push(0, 0x3b);
  return Buffer.concat([header, table, descriptor, Buffer.from(blocks)]);
}

const GREYS: Rgb[] = Array.from({ length: 256 }, (_, i) => [i, i, i] as const);

/** An X-ray field: a bright source at the centre (the target), a few fainter ones, Poisson-like background. */
export function fieldPicture(seed: string, size = 96): Buffer {
  const rng = seededRng(`field:${seed}`);
  const sources = [{ x: size / 2, y: size / 2, peak: 1 }];
  for (let i = 0; i < 3 + Math.floor(rng() * 4); i += 1) sources.push({ x: rng() * size, y: rng() * size, peak: 0.08 + rng() * 0.3 });
  const sigma = size / 40;
  const pixels = new Uint8Array(size * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let v = Math.max(0, 0.004 + 0.003 * gauss(rng));
      for (const s of sources) v += s.peak * Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / (2 * sigma * sigma));
      // Logarithmic stretch, as X-ray images are shown.
      pixels[y * size + x] = Math.min(255, Math.round((255 * Math.log1p(200 * v)) / Math.log1p(200)));
    }
  }
  return encodeGif(size, size, GREYS, pixels);
}

/** An exposure map: full exposure in the middle of the field, falling off towards the edges (vignetting). */
export function exposurePicture(seed: string, size = 96): Buffer {
  const rng = seededRng(`exposure:${seed}`);
  const cx = size / 2 + (rng() - 0.5) * 6;
  const cy = size / 2 + (rng() - 0.5) * 6;
  const pixels = new Uint8Array(size * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const r = Math.hypot(x - cx, y - cy) / (size / 2);
      pixels[y * size + x] = r > 1 ? 0 : Math.round(255 * (1 - 0.45 * r * r));
    }
  }
  return encodeGif(size, size, GREYS, pixels);
}

export type PlotKind = 'lightCurve' | 'hardness' | 'spectrum';

const WHITE = 0;
const BLACK = 1;
const BLUE = 2;
const RED = 3;
const GREY = 4;
const PLOT_PALETTE: Rgb[] = [
  [255, 255, 255],
  [0, 0, 0],
  [31, 87, 180],
  [200, 40, 40],
  [190, 190, 190],
  ...Array.from({ length: 251 }, () => [255, 255, 255] as const),
];

/** A plot-like picture: frame with ticks, points with error bars, and (for fits) a model line. */
export function plotPicture(seed: string, kind: PlotKind, width = 240, height = 160): Buffer {
  const rng = seededRng(`plot:${kind}:${seed}`);
  const pixels = new Uint8Array(width * height).fill(WHITE);
  const set = (x: number, y: number, c: number): void => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi >= 0 && xi < width && yi >= 0 && yi < height) pixels[yi * width + xi] = c;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: number): void => {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= n; i += 1) set(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n, c);
  };
  const left = 28;
  const right = width - 8;
  const top = 8;
  const bottom = height - 20;
  line(left, top, right, top, BLACK);
  line(left, bottom, right, bottom, BLACK);
  line(left, top, left, bottom, BLACK);
  line(right, top, right, bottom, BLACK);
  for (let i = 1; i < 5; i += 1) {
    const x = left + ((right - left) * i) / 5;
    const y = top + ((bottom - top) * i) / 5;
    line(x, bottom, x, bottom - 4, BLACK);
    line(left, y, left + 4, y, BLACK);
  }
  // Curves in plot coordinates u, v ∈ [0, 1] (v up).
  const toX = (u: number): number => left + u * (right - left);
  const toY = (v: number): number => bottom - v * (bottom - top);
  const model = (u: number): number => {
    switch (kind) {
      case 'lightCurve':
        return 0.9 - 0.75 * u; // a power-law decay is a straight line on log–log axes
      case 'hardness':
        return 0.5;
      case 'spectrum':
        return 0.85 * Math.exp(-((Math.log(0.05 + u) - Math.log(0.25)) ** 2) / 0.9);
    }
  };
  if (kind === 'hardness') line(left, toY(0.5), right, toY(0.5), GREY);
  const points = kind === 'spectrum' ? 40 : 24;
  for (let i = 0; i < points; i += 1) {
    const u = (i + 0.5) / points;
    const err = 0.03 + 0.05 * rng();
    const v = model(u) + err * gauss(rng);
    line(toX(u), toY(v - err), toX(u), toY(v + err), BLUE);
    line(toX(u) - 2, toY(v), toX(u) + 2, toY(v), BLUE);
  }
  if (kind !== 'hardness') {
    for (let x = left; x < right; x += 1) {
      const u0 = (x - left) / (right - left);
      const u1 = (x + 1 - left) / (right - left);
      line(x, toY(model(u0)), x + 1, toY(model(u1)), kind === 'spectrum' ? RED : GREY);
    }
  }
  return encodeGif(width, height, PLOT_PALETTE, pixels);
}
