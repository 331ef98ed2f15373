// Axis ticks: every axis, scale and width gets labels that neither touch nor repeat, with no more
// digits than the tick spacing needs.
import * as assert from 'node:assert/strict';
import { axisTicks, type TickRequest, type Ticks } from '../../../media/src/lib/axisTicks';
import { estimatedWidth, labelsApart } from '../../support/tickLabels';

const FONT_PX = 13;
const width = estimatedWidth(FONT_PX);
const GAP = 8;

function request(min: number, max: number, lengthPx: number, log = false): TickRequest {
  return { min, max, log, lengthPx, extent: width, gapPx: GAP };
}

function labelled(t: Ticks): string[] {
  return t.labels.filter(Boolean);
}

/** Readable: at least two labels (one on an axis too short for two), all different, none overlapping. */
function assertReadable(r: TickRequest, what: string): Ticks {
  const t = axisTicks(r);
  const labels = labelled(t);
  assert.ok(labels.length >= (r.lengthPx >= 250 ? 2 : 1), `${what}: labels ${JSON.stringify(labels)}`);
  assert.equal(new Set(labels).size, labels.length, `${what}: labels repeat ${JSON.stringify(labels)}`);
  assert.ok(labelsApart(t, r), `${what}: labels overlap ${JSON.stringify(labels)}`);
  for (const v of t.values)
    assert.ok(v >= r.min - 1e-9 * Math.abs(r.min) && v <= r.max + 1e-9 * Math.abs(r.max), `${what}: tick ${v} outside the axis`);
  return t;
}

/** Decimals shown after the point in a fixed-notation label. */
function decimals(label: string): number {
  return label.includes('.') ? label.split('.')[1]!.length : 0;
}

describe('viewer: axis ticks', () => {
  it('MJD axes from 0.01 d to 1000 d wide, at 300 px and 1200 px: distinct, non-overlapping, minimal digits', () => {
    // The T0 of the xrt-products.md light-curve example, MET 608713541.952 (2020-04-16), in MJD: MET 0 is MJD 51910.
    const start = 51910 + 608713541.952 / 86400;
    for (const span of [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]) {
      for (const px of [300, 1200]) {
        const r = request(start, start + span, px);
        const t = assertReadable(r, `MJD span ${span} d at ${px} px`);
        const labels = labelled(t);
        // Exact, and minimal: with one decimal fewer some tick could no longer be written exactly.
        const d = Math.max(...labels.map(decimals));
        const values = t.values.filter((_, i) => t.labels[i]);
        values.forEach((v, i) => assert.ok(Math.abs(Number(labels[i]) - v) < 1e-9, `label ${labels[i]} is tick ${v}`));
        if (d > 0)
          assert.ok(
            values.some((v) => Math.abs(Number(v.toFixed(d - 1)) - v) > 1e-9),
            `MJD span ${span} d at ${px} px: ${d} decimals are more than needed (${JSON.stringify(labels)})`,
          );
        assert.ok(!labels.some((l) => /e/.test(l)), `MJD labels stay in fixed notation: ${JSON.stringify(labels)}`);
      }
    }
  });

  it('the narrow MJD axis of the report reads 58955.35, 58955.40, … rather than 58955.3 repeated', () => {
    const t = assertReadable(request(58955.3123, 58955.4871, 300), 'MJD 0.17 d at 300 px');
    assert.deepEqual(labelled(t), ['58955.35', '58955.40', '58955.45'], 'as many decimals on each label');
  });

  it('wider axes get more ticks, never more than fit', () => {
    const narrow = labelled(axisTicks(request(58950, 58960, 300))).length;
    const wide = labelled(axisTicks(request(58950, 58960, 1200))).length;
    assert.ok(wide > narrow, `${narrow} labels at 300 px, ${wide} at 1200 px`);
  });

  it('Swift MET and seconds since T0 on linear axes, zoomed or not', () => {
    for (const [min, max] of [
      [608713541, 608713600],
      [608713541, 608800000],
      [608713541, 640000000],
      [0, 2e6],
      [-50, 1200],
      [60, 61.5],
    ]) {
      for (const px of [200, 300, 700, 1200]) assertReadable(request(min!, max!, px), `linear ${min}–${max} at ${px} px`);
    }
  });

  it('prefers a shared exponent only when it is shorter, and writes zero as 0 and negatives with a minus sign', () => {
    assert.deepEqual(labelled(assertReadable(request(0, 1.5e6, 300), 'linear 0–1.5e6')), ['0', '0.5e6', '1.0e6', '1.5e6']);
    assert.deepEqual(labelled(assertReadable(request(608713450, 608713650, 300), 'MET 200 s')), ['608713500', '608713600']);
    assert.deepEqual(labelled(assertReadable(request(-0.3, 0.3, 200), 'linear −0.3–0.3')), ['−0.2', '0', '0.2']);
  });

  it('log axes label decades, thinning them on short axes, and switch to finer ticks when zoomed in', () => {
    const full = assertReadable(request(10, 1e7, 1100, true), 'log 10–1e7 wide');
    assert.deepEqual(labelled(full), ['10', '100', '1000', '10⁴', '10⁵', '10⁶', '10⁷']);
    const short = assertReadable({ ...request(1e-4, 1e6, 120, true), extent: () => 16 }, 'log y 10 decades on 120 px');
    assert.ok(labelled(short).length < 11 && labelled(short).length >= 2, JSON.stringify(labelled(short)));
    const zoomed = assertReadable(request(200, 900, 800, true), 'log 200–900');
    assert.ok(labelled(zoomed).length >= 3, JSON.stringify(labelled(zoomed)));
    const deep = assertReadable(request(200, 215, 800, true), 'log 200–215');
    assert.ok(labelled(deep).length >= 3, JSON.stringify(labelled(deep)));
    const small = assertReadable(request(1e-3, 0.1, 800, true), 'log 10⁻³–0.1');
    assert.deepEqual(labelled(small), ['10⁻³', '0.01', '0.1'], 'plain decimals down to 0.01, powers of ten below');
  });

  it('hardness ratios and rates on every width, including an axis too short for two labels', () => {
    for (const px of [40, 90, 170, 380]) {
      const height = { ...request(-0.5, 2.5, px), extent: () => 16 };
      assertReadable(height, `hardness ratio on ${px} px`);
    }
    const t = axisTicks(request(58955.3, 58955.4, 60));
    assert.ok(labelled(t).length <= 1);
  });
});
