// Stand-ins for the binary files of real products: a valid 1×1 GIF and a valid FITS primary
// header (no data) naming what the real file would hold. Enough for a viewer to open, nothing more.
import { gzipSync } from 'node:zlib';
import { seededRng } from './prng';

/** A 1×1 GIF89a whose single pixel colour depends on `seed`, so different plots differ. */
export function tinyGif(seed: string): Buffer {
  const rng = seededRng(`gif:${seed}`);
  const rgb = [0, 1, 2].map(() => Math.floor(rng() * 256));
  return Buffer.from([
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, // "GIF89a"
    0x01, 0x00, 0x01, 0x00, // 1×1
    0x80, 0x00, 0x00, // global colour table of 2 entries
    ...rgb, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // image descriptor
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW: min code size 2, one data block
    0x3b, // trailer
  ]);
}

const CARD = 80;
const BLOCK = 2880;

function card(key: string, value: string): string {
  return `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(CARD).slice(0, CARD);
}

/** A FITS file with only a primary header: SIMPLE/BITPIX/NAXIS plus descriptive keywords. */
export function fitsPlaceholder(description: string, keywords: Record<string, string | number> = {}): Buffer {
  const cards = [card('SIMPLE', 'T'), card('BITPIX', '8'), card('NAXIS', '0'), card('EXTEND', 'T'), card('TELESCOP', "'SWIFT   '"), card('INSTRUME', "'XRT     '")];
  for (const [key, value] of Object.entries(keywords)) {
    cards.push(card(key.toUpperCase().slice(0, 8), typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''").slice(0, 60)}'`));
  }
  cards.push(`COMMENT Sandbox placeholder: ${description}`.padEnd(CARD).slice(0, CARD));
  cards.push('END'.padEnd(CARD));
  const text = cards.join('');
  const padded = text.padEnd(Math.ceil(text.length / BLOCK) * BLOCK, ' ');
  return Buffer.from(padded, 'ascii');
}

export function gzippedFits(description: string, keywords: Record<string, string | number> = {}): Buffer {
  return gzipSync(fitsPlaceholder(description, keywords));
}
