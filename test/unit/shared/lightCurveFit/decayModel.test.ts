// The decay laws averaged over bins: against brute-force integration, derivatives against finite
// differences, and the bias that evaluating at bin centres would have.
import * as assert from 'node:assert/strict';
import { binAverages, modelState, prepareBins, rateAt } from '../../../../src/shared/lightCurveFit/decayModel';
import { parameterLayout } from '../../../../src/shared/lightCurveFit/parameterLayout';
import { decayModel } from '../../../../src/shared/lightCurveFit';

/** ∫F dt / width by the midpoint rule on a fine grid in ln t. */
function bruteAverage(f: (t: number) => number, a: number, b: number): number {
  const n = 4000;
  const h = (Math.log(b) - Math.log(a)) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = Math.exp(Math.log(a) + (i + 0.5) * h);
    sum += f(t) * t * h;
  }
  return sum / (b - a);
}

const BINS: Array<[number, number]> = [
  [100, 130],
  [350, 480], // straddles the first break
  [900, 1100],
  [2500, 40000], // straddles two breaks
  [50000, 52000],
  [2e5, 9e5],
];

function theta(values: number[]): Float64Array {
  return Float64Array.from(values);
}

describe('light-curve fit: decay laws and bin averages', () => {
  const cases = [
    {
      name: 'sharp, 3 breaks',
      model: decayModel(3),
      theta: theta([Math.log(4), 3, 0.4, 1.2, 2.1, Math.log(400), Math.log(8000), Math.log(3e4)]),
    },
    {
      name: 'smooth, 2 breaks',
      model: decayModel(2, { shape: 'smooth', smoothness: 2 }),
      theta: theta([Math.log(4), 2.5, 0.6, 1.4, Math.log(500), Math.log(2e4)]),
    },
    { name: 'power law of index 1 (the logarithmic integral)', model: decayModel(0), theta: theta([Math.log(2), 1]) },
    { name: 'constant', model: decayModel('constant'), theta: theta([Math.log(0.3)]) },
  ];
  const lnPivot = Math.log(1000);
  const prepared = prepareBins(
    BINS.map((b) => b[0]),
    BINS.map((b) => b[1]),
  );

  for (const c of cases) {
    it(`${c.name}: the bin average is the integral over the bin (to 1e-6), N is the rate at the pivot`, () => {
      const layout = parameterLayout(c.model);
      const state = modelState(layout, lnPivot, c.theta);
      const out = new Float64Array(BINS.length);
      binAverages(state, prepared, out);
      BINS.forEach(([a, b], i) => {
        const expected = bruteAverage((t) => rateAt(state, t), a, b);
        assert.ok(Math.abs(out[i]! / expected - 1) < 1e-6, `${c.name} bin ${a}–${b}: ${out[i]} vs ${expected}`);
      });
      assert.ok(Math.abs(rateAt(state, 1000) / Math.exp(c.theta[0]!) - 1) < 1e-12);
    });

    it(`${c.name}: the derivatives agree with central finite differences`, () => {
      const layout = parameterLayout(c.model);
      const n = BINS.length;
      const out = new Float64Array(n);
      const jac = new Float64Array(n * layout.size);
      binAverages(modelState(layout, lnPivot, c.theta), prepared, out, jac);
      for (let p = 0; p < layout.size; p++) {
        const h = 1e-6;
        const up = Float64Array.from(c.theta);
        const down = Float64Array.from(c.theta);
        up[p]! += h;
        down[p]! -= h;
        const fu = new Float64Array(n);
        const fd = new Float64Array(n);
        binAverages(modelState(layout, lnPivot, up), prepared, fu);
        binAverages(modelState(layout, lnPivot, down), prepared, fd);
        for (let i = 0; i < n; i++) {
          const numeric = (fu[i]! - fd[i]!) / (2 * h);
          // Finite differences of step 1e-6 carry rounding of about 1e-10 of the value itself.
          assert.ok(
            Math.abs(jac[i * layout.size + p]! - numeric) <= 1e-5 * Math.abs(numeric) + 1e-6 * out[i]!,
            `${layout.names[p]} bin ${i}: ${jac[i * layout.size + p]} vs ${numeric}`,
          );
        }
      }
    });
  }

  it('a steep decay averaged over a wide bin is well above its value at the bin centre (why bins are integrated)', () => {
    const layout = parameterLayout(decayModel(0));
    const state = modelState(layout, lnPivot, theta([Math.log(1), 3]));
    const out = new Float64Array(1);
    binAverages(state, prepareBins([100], [300]), out);
    // α = 3 over 100–300 s: the average is 1000³ (100⁻² − 300⁻²)/(2·200) = 222.2, the centre value 1000³/200³ = 125.
    assert.ok(Math.abs(out[0]! - 222.2222) < 1e-3, String(out[0]));
    assert.ok(Math.abs(rateAt(state, 200) - 125) < 1e-9);
  });

  it('the smooth form tends to the sharp one as ω grows, and is rounded near the break for small ω', () => {
    const th = theta([Math.log(2), 2, 0.8, Math.log(3000)]);
    const sharp = modelState(parameterLayout(decayModel(1)), lnPivot, th);
    const steep = modelState(parameterLayout(decayModel(1, { shape: 'smooth', smoothness: 200 })), lnPivot, th);
    const soft = modelState(parameterLayout(decayModel(1, { shape: 'smooth', smoothness: 1 })), lnPivot, th);
    for (const t of [200, 1000, 2900, 3100, 1e4, 1e5]) assert.ok(Math.abs(rateAt(steep, t) / rateAt(sharp, t) - 1) < 0.01, `t = ${t}`);
    // Normalised long before the break, the smooth form at the break is the sharp one times 2^(−Δα/ω).
    const early = (model: ReturnType<typeof decayModel>): ReturnType<typeof modelState> => modelState(parameterLayout(model), 0, th);
    const ratio = rateAt(early(decayModel(1, { shape: 'smooth', smoothness: 1 })), 3000) / rateAt(early(decayModel(1)), 3000);
    assert.ok(Math.abs(ratio / Math.pow(2, -(0.8 - 2) / 1) - 1) < 1e-3, String(ratio));
    // Far from the break, both have the asymptotic slopes.
    const slope = (s: typeof soft, t: number): number => Math.log(rateAt(s, t * 1.01) / rateAt(s, t)) / Math.log(1.01);
    assert.ok(Math.abs(slope(soft, 1e7) + 0.8) < 1e-3);
    assert.ok(Math.abs(slope(soft, 1) + 2) < 1e-3);
  });
});
