// The light curve in flux units inside the real VS Code against the sandbox: a GRB job with a light
// curve and spectra per snapshot, viewed from the service's data; the viewer offers the unit only
// because the job's spectrum has fits; switched to observed and unabsorbed flux, the value axis states
// the unit and the band, every point is its count rate times a factor the note lists for its spectral
// interval, and the note says which interval applies over which time range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionInternals } from '../../src/testHooks';
import type { ViewOutcome } from '../../src/products/productsFeature';
import type { FitChoice, LightCurveRendered, RenderedSummary } from '../../src/shared/viewerProtocol';
import { GRB_LIGHT_CURVE } from '../support/requests';
import { api } from './support/extension';
import { sandbox, waitFor } from './support/sandbox';
import { finishedJob as finishedJobIn } from './support/setup';

const USER = 'astro@example.org';

/** Factors the note prints ("PC 4.12e-11 (PowerLaw)"), by mode. */
function factorsInNote(note: string): { mode: string; value: number }[] {
  return [...note.matchAll(/\b(WT|PC) (\d\.\d\de-\d+) \(/g)].map((m) => ({ mode: m[1]!, value: Number(m[2]) }));
}

describe('Product viewer: light curve in flux units', function () {
  this.timeout(120_000);
  let swift: ExtensionInternals;

  before(async () => {
    swift = await api();
    await vscode.workspace.getConfiguration('swiftObservatory').update('xrt.userId', USER, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.freezeClock();
    await swift.xrt.registry.remove(swift.xrt.registry.all().map((j) => j.jobId));
  });

  /** The viewer a test opened: closed and gone before the next test (a reset sandbox reuses JobIDs, so keys). */
  let openedKey: string | undefined;
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const key = openedKey;
    openedKey = undefined;
    if (key) await waitFor('the viewer to close', 10_000, () => (swift.products.viewer(key) ? undefined : true));
  });

  const finishedJob = (request: Record<string, unknown>): Promise<string> => finishedJobIn(swift, 'flux-tests/grb-flux.xrt.json', request);

  function plot(key: string, ready: (lc: LightCurveRendered) => boolean, what: string): Promise<LightCurveRendered> {
    return waitFor(`the viewer to draw ${what}`, 20_000, () => {
      const lc = swift.products.viewer(key)?.lastRendered?.lightCurve;
      return lc && ready(lc) ? lc : undefined;
    });
  }

  it('switches the light curve to observed and unabsorbed flux: axis title with the band, values × each interval’s factor, the intervals named', async () => {
    const jobId = await finishedJob({ ...GRB_LIGHT_CURVE, spec: 1, specz: 0, timeslice: 'snapshot' });
    const shown = await vscode.commands.executeCommand<ViewOutcome>('swiftObservatory.xrt.viewProducts', { kind: 'job', jobId });
    assert.equal(shown.kind, 'shown', JSON.stringify(shown));
    if (shown.kind !== 'shown') return;
    const key = shown.jobKey;
    openedKey = key;

    const rate = await plot(key, (lc) => Object.keys(lc.firstValues).length > 0, 'the count-rate light curve');
    assert.equal(rate.unit, 'rate');
    assert.equal(rate.valueAxis, 'Count rate (0.3–10 keV, ct/s)');
    assert.equal(rate.unitNote, undefined);
    assert.ok(rate.firstValues.PC! > 0 && rate.firstValues.WT! > 0, JSON.stringify(rate.firstValues));

    assert.ok(await swift.products.viewer(key)!.showLightCurveIn('observed'), 'the page took the message');
    const observed = await plot(key, (lc) => lc.unit === 'observed', 'observed fluxes');
    assert.equal(observed.valueAxis, 'Observed flux (0.3–10 keV, erg cm⁻² s⁻¹)');
    const note = observed.unitNote ?? '';
    assert.match(note, /each spectral interval applied over its own time range/);
    assert.match(note, /1\. Snapshot1, [\d,.]+ to [\d,.]+ s since T0: WT/);
    assert.match(note, /2\. Snapshot2, /);
    const listed = factorsInNote(note);
    for (const mode of ['WT', 'PC']) {
      const ratio = observed.firstValues[mode]! / rate.firstValues[mode]!;
      assert.ok(
        listed.some((f) => f.mode === mode && Math.abs(ratio / f.value - 1) < 0.006),
        `${mode}: flux / rate = ${ratio}, not one of the listed ${mode} factors ${JSON.stringify(listed)}`,
      );
      assert.ok(ratio > 2.5e-11 && ratio < 6e-11, `${mode}: a plausible XRT factor, ${ratio}`);
    }
    const rateAxis = rate.panels.find((p) => p.panel === 'rate')!;
    const fluxAxis = observed.panels.find((p) => p.panel === 'rate')!;
    assert.ok(
      fluxAxis.valueRange[1] < 1e-7 && rateAxis.valueRange[1] > 1,
      `axes: ${JSON.stringify([rateAxis.valueRange, fluxAxis.valueRange])}`,
    );
    assert.ok(fluxAxis.valueLabels.length >= 2, 'the flux axis has labels');

    await swift.products.viewer(key)!.showLightCurveIn('unabsorbed');
    const unabsorbed = await plot(key, (lc) => lc.unit === 'unabsorbed', 'unabsorbed fluxes');
    assert.equal(unabsorbed.valueAxis, 'Unabsorbed flux (0.3–10 keV, erg cm⁻² s⁻¹)');
    assert.ok(unabsorbed.firstValues.PC! >= observed.firstValues.PC!, 'absorption only removes flux');

    await swift.products.viewer(key)!.showLightCurveIn('rate');
    const back = await plot(key, (lc) => lc.unit === 'rate', 'count rates again');
    assert.deepEqual(back.firstValues, rate.firstValues);
  });

  it('draws a fitted decay law in the unit shown: the model curve converts with the points', async () => {
    const jobId = await finishedJob({ ...GRB_LIGHT_CURVE, spec: 1, specz: 0, timeslice: 'snapshot' });
    const shown = await vscode.commands.executeCommand<ViewOutcome>('swiftObservatory.xrt.viewProducts', { kind: 'job', jobId });
    assert.ok(shown.kind === 'shown', JSON.stringify(shown));
    const key = shown.jobKey;
    openedKey = key;
    await plot(key, (lc) => Object.keys(lc.firstValues).length > 0, 'the count-rate light curve');
    const powerLaw: FitChoice = { model: 'power-law', breaks: 0, shape: 'sharp', exclusions: [], datasets: ['WT', 'PC'] };
    const outcome = await swift.products.viewer(key)!.requestFit(1, powerLaw);
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    const modelRange = (unit: string): Promise<readonly [number, number]> =>
      waitFor(`the model drawn in ${unit}`, 20_000, () => {
        const s: RenderedSummary | undefined = swift.products.viewer(key)?.lastRendered;
        return s?.lightCurve?.unit === unit && s.fit?.state === 'done' ? s.fit.modelValueRange : undefined;
      });
    const inRate = await modelRange('rate');
    assert.ok(inRate[1] > 1e-3, `the model in count rates: ${JSON.stringify(inRate)}`);
    await swift.products.viewer(key)!.showLightCurveIn('observed');
    const inFlux = await modelRange('observed');
    // Count rates of 0.01–100 s⁻¹ times factors of a few 1e-11 erg cm⁻² per count.
    assert.ok(inFlux[1] < 1e-7 && inFlux[0] > 0, `the model in erg cm⁻² s⁻¹: ${JSON.stringify(inFlux)}`);
    const ratio = inFlux[1] / inRate[1];
    assert.ok(ratio > 2.5e-11 && ratio < 6e-11, `scaled by a factor as the points are: ${ratio}`);
  });

  it('a light curve without spectral fits offers no flux units: the page ignores the request and stays in count rates', async () => {
    const key = 'test:flux-none';
    openedKey = key;
    const Time = [100, 200, 400, 800];
    const lightCurve = {
      timeFormat: 'MET',
      T0: 600000000,
      datasets: [
        {
          name: 'PC',
          mode: 'PC' as const,
          kind: 'detections' as const,
          incbad: false,
          nosys: false,
          columns: {
            Time,
            TimePos: Time.map(() => 10),
            TimeNeg: Time.map(() => -10),
            Rate: [4, 2, 1, 0.5],
            RateErr: [0.4, 0.2, 0.1, 0.05],
          },
        },
      ],
    };
    swift.products.show({ version: 1, job: { id: 'no-spectrum' }, lightCurve, problems: [] }, key);
    const before = await plot(key, (lc) => lc.firstValues.PC === 4, 'the light curve');
    assert.equal(before.unit, 'rate');
    assert.ok(await swift.products.viewer(key)!.showLightCurveIn('observed'));
    // Nothing to wait for: the page does not redraw for a unit it does not offer.
    await new Promise((r) => setTimeout(r, 500));
    const after = swift.products.viewer(key)!.lastRendered?.lightCurve;
    assert.equal(after?.unit, 'rate');
    assert.equal(after?.valueAxis, 'Count rate (0.3–10 keV, ct/s)');
  });
});
