// Stand-ins for the FITS files of real products: a valid FITS primary header (no data) naming what the
// real file would hold. Enough for a viewer to open, nothing more. (Pictures: pictures.ts.)
import { gzipSync } from 'node:zlib';

const CARD = 80;
const BLOCK = 2880;

function card(key: string, value: string): string {
  return `${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(CARD).slice(0, CARD);
}

/** A FITS file with only a primary header: SIMPLE/BITPIX/NAXIS plus descriptive keywords. */
export function fitsPlaceholder(description: string, keywords: Record<string, string | number> = {}): Buffer {
  const cards = [
    card('SIMPLE', 'T'),
    card('BITPIX', '8'),
    card('NAXIS', '0'),
    card('EXTEND', 'T'),
    card('TELESCOP', "'SWIFT   '"),
    card('INSTRUME', "'XRT     '"),
  ];
  for (const [key, value] of Object.entries(keywords)) {
    cards.push(
      card(key.toUpperCase().slice(0, 8), typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''").slice(0, 60)}'`),
    );
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
