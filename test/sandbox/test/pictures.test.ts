// The sandbox's product pictures are real GIFs: decoded here by the GIF89a specification's rules
// (variable code width, string table, clear and end codes), independently of how they were written.
import * as assert from 'node:assert/strict';
import { encodeGif, exposurePicture, fieldPicture, plotPicture } from '../xrt/pictures';

interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly pixels: number[];
}

/** A GIF decoder for one-image files with a global colour table, following the GIF89a LZW rules. */
function decodeGif(gif: Buffer): Decoded {
  assert.equal(gif.subarray(0, 6).toString('ascii'), 'GIF89a');
  const width = gif.readUInt16LE(6);
  const height = gif.readUInt16LE(8);
  const packed = gif[10];
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  assert.equal(gif[at], 0x2c, 'image descriptor');
  at += 10;
  const minCodeSize = gif[at++];
  const data: number[] = [];
  for (let size = gif[at++]; size > 0; size = gif[at++]) {
    data.push(...gif.subarray(at, at + size));
    at += size;
  }
  assert.equal(gif[at], 0x3b, 'trailer');
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  let width_ = minCodeSize + 1;
  let table: number[][] = [];
  const reset = (): void => {
    table = Array.from({ length: clear + 2 }, (_, i) => (i < clear ? [i] : []));
    width_ = minCodeSize + 1;
  };
  reset();
  const out: number[] = [];
  let bitPos = 0;
  let previous: number[] | undefined;
  for (;;) {
    let code = 0;
    for (let i = 0; i < width_; i += 1, bitPos += 1) code |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << i;
    if (code === clear) {
      reset();
      previous = undefined;
      continue;
    }
    if (code === end) break;
    let entry: number[];
    if (code < table.length) entry = table[code];
    else if (previous && code === table.length) entry = [...previous, previous[0]];
    else throw new Error(`bad code ${code} at bit ${bitPos}`);
    out.push(...entry);
    if (previous) table.push([...previous, entry[0]]);
    if (table.length === 1 << width_ && width_ < 12) width_ += 1;
    previous = entry;
  }
  return { width, height, pixels: out };
}

describe('sandbox: product pictures', () => {
  it('encodes pixels that a GIF decoder reads back exactly, across many clear codes', () => {
    const pixels = new Uint8Array(130 * 70).map((_, i) => (i * 37) % 256);
    const decoded = decodeGif(encodeGif(130, 70, [[0, 0, 0]], pixels));
    assert.equal(decoded.width, 130);
    assert.equal(decoded.height, 70);
    assert.deepEqual(decoded.pixels, [...pixels]);
  });

  it('draws fields, exposure maps and plots of a readable size, the same for the same seed and different for another', () => {
    for (const [make, w, h] of [
      [(s: string) => fieldPicture(s), 96, 96],
      [(s: string) => exposurePicture(s), 96, 96],
      [(s: string) => plotPicture(s, 'lightCurve'), 240, 160],
      [(s: string) => plotPicture(s, 'spectrum'), 240, 160],
    ] as const) {
      const a = make('job 1');
      const decoded = decodeGif(a);
      assert.equal(decoded.width, w);
      assert.equal(decoded.height, h);
      assert.equal(decoded.pixels.length, w * h);
      assert.ok(new Set(decoded.pixels).size > 2, 'a picture, not a flat colour');
      assert.deepEqual(make('job 1'), a);
      assert.notDeepEqual(make('job 2'), a);
    }
  });

  it('puts the target at the centre of a field as its brightest spot', () => {
    const { width, pixels } = decodeGif(fieldPicture('GRB'));
    const centre = pixels[(width / 2) * width + width / 2];
    assert.equal(centre, Math.max(...pixels));
  });
});
