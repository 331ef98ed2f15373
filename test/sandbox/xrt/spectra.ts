// The simulated spectra of a job (test/fixtures/protocol/xrt-products.md §12): one interval per
// timeslice entry, the modes with data in it, and a deterministic fit per model. The spectrum archive is
// built from the same facts.
import type { JobSpec, SpecModel } from './jobSpec';
import { fieldOf, referenceTime, snapshots, sourceRate, type Snapshot, type XrtMode } from './observations';
import { between, seededRng, sig } from './prng';
import type { JsonObject } from './replies';

export interface ModeSpectrum {
  readonly mode: XrtMode;
  readonly exposure: number;
  /** s since T0 */
  readonly meanTime: number;
  readonly counts: number;
}

export interface SpectrumInterval {
  readonly rname: string;
  /** Requested bounds, s since T0. */
  readonly start: number;
  readonly stop: number;
  readonly modes: ModeSpectrum[];
}

/** Wire key of each model (§12; the blackbody key is unknown, "Blackbody" is the sandbox's choice). */
export const MODEL_KEY: Record<SpecModel, string> = { powerlaw: 'PowerLaw', apec: 'APEC', blackbody: 'Blackbody' };
const MODEL_SHORT: Record<SpecModel, string> = { powerlaw: 'pow', apec: 'apec', blackbody: 'bb' };

export function spectrumIntervals(jobId: string, spec: JobSpec): SpectrumInterval[] {
  const s = spec.spec;
  if (!s) throw new Error(`job ${jobId} has no spectrum`);
  const snaps = snapshots(jobId, spec);
  const t0 = referenceTime(spec, snaps);
  const first = snaps[0]?.start ?? t0;
  const last = snaps[snaps.length - 1]?.stop ?? t0;
  const ranges: Array<{ rname: string; from: number; to: number }> = [];
  switch (s.timeslice) {
    case 'single': {
      const to = s.specobs === 'hours' ? Math.min(last, first + s.specobstimeHours * 3600) : last;
      ranges.push({ rname: 'interval0', from: first, to });
      break;
    }
    case 'snapshot':
      snaps.forEach((snap, i) => ranges.push({ rname: `Snapshot${i + 1}`, from: snap.start, to: snap.stop }));
      break;
    case 'obsid':
      for (const snap of snaps) {
        const rname = `Obs_${snap.obsid}`;
        const existing = ranges.find((r) => r.rname === rname);
        if (existing) existing.to = snap.stop;
        else ranges.push({ rname, from: snap.start, to: snap.stop });
      }
      break;
    case 'user':
      for (const interval of s.intervals) {
        const numbers = interval.gti.split(',').flatMap((part) => {
          const m = /^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
          return m ? [Number(m[1]), Number(m[2])] : [];
        });
        const offset = spec.sinceT0 ? t0 : 0;
        ranges.push({ rname: interval.rname, from: Math.min(...numbers) + offset, to: Math.max(...numbers) + offset });
      }
      break;
  }
  const field = fieldOf(spec);
  return ranges.map((r) => ({
    rname: r.rname,
    start: r.from - t0,
    stop: r.to - t0,
    modes: modesIn(snaps, r.from, r.to, t0, (t) => sourceRate(field, t)),
  }));
}

/**
 * The source's mean rate over [from, from + span] (midpoint rule, 200 steps). The light curve samples the
 * rate at each of its bins (lightCurve.ts), so the spectrum's counts must be the rate's integral, not
 * its value at the middle: a GRB decaying as t^-1.2 over its first 1.5 ks snapshot has twice the mean
 * rate its midpoint gives, and the flux-to-rate factor read off the light curve would be off by that.
 */
function meanRateOver(rate: (t: number) => number, from: number, span: number): number {
  const steps = 200;
  let sum = 0;
  for (let k = 0; k < steps; k++) sum += rate(from + ((k + 0.5) * span) / steps);
  return sum / steps;
}

function modesIn(snaps: readonly Snapshot[], from: number, to: number, t0: number, rate: (t: number) => number): ModeSpectrum[] {
  const out: ModeSpectrum[] = [];
  for (const mode of ['WT', 'PC'] as const) {
    let exposure = 0;
    let weighted = 0;
    let counts = 0;
    for (const s of snaps) {
      if (s.mode !== mode) continue;
      const overlap = Math.min(to, s.stop) - Math.max(from, s.start);
      if (overlap <= 0) continue;
      const exp = s.exposure * (overlap / (s.stop - s.start));
      const lo = Math.max(from, s.start);
      const mid = (lo + Math.min(to, s.stop)) / 2;
      exposure += exp;
      weighted += exp * mid;
      counts += meanRateOver(rate, lo, overlap) * exp;
    }
    // An interval with a source too faint to give 50 counts gets no spectrum in that mode.
    if (exposure > 0 && counts >= 50)
      out.push({ mode, exposure: sig(exposure, 10), meanTime: sig(weighted / exposure - t0, 10), counts: Math.round(counts) });
  }
  return out;
}

export function plotFileName(spec: JobSpec, rname: string, mode: XrtMode, model: SpecModel): string {
  // Both patterns occur in the references; a single model gets the short GRB-style name.
  const models = spec.spec?.models ?? ['powerlaw'];
  return models.length === 1 ? `${rname}${mode.toLowerCase()}_plot.gif` : `${rname}${mode.toLowerCase()}_${MODEL_SHORT[model]}_plot.gif`;
}

export function modelShortName(model: SpecModel): string {
  return MODEL_SHORT[model];
}

/** Galactic column towards the field, cm^-2 (a smooth function of position, not a real map). */
export function galacticNH(spec: JobSpec): number {
  const field = fieldOf(spec);
  const rng = seededRng(`nh:${field.target}`);
  return sig(between(rng, 2e20, 9e20) * (1 + 4 * Math.exp(-Math.abs(field.dec) / 20)), 6);
}

export function fitResult(
  jobId: string,
  spec: JobSpec,
  interval: SpectrumInterval,
  mode: ModeSpectrum,
  model: SpecModel,
  jobUrl: string,
): JsonObject {
  const s = spec.spec;
  if (!s) throw new Error(`job ${jobId} has no spectrum`);
  const rng = seededRng(`fit:${jobId}:${interval.rname}:${mode.mode}:${model}`);
  const field = fieldOf(spec);
  const nh = between(rng, 1e20, field.entry?.kind === 'grb' ? 3e22 : 2e21);
  const relErr = 1 / Math.sqrt(Math.max(50, mode.counts));
  const rate = mode.counts / mode.exposure;
  const flux = rate * between(rng, 3.5e-11, 5e-11);
  const dof = Math.min(990, Math.max(10, Math.round(mode.counts / 12)));
  const out: JsonObject = {};
  if (s.galactic) out.GalacticNH = galacticNH(spec);
  out.NH = sig(nh, 6);
  out.NHPos = sig(nh * relErr * 3);
  out.NHNeg = sig(-nh * relErr * 2.9);
  if (s.redshift !== undefined) out.Redshift_abs = s.redshift;
  if (model === 'powerlaw') {
    const gamma = field.entry?.kind === 'grb' ? between(rng, 1.8, 2.2) : between(rng, 1.4, 2.0);
    out.Gamma = sig(gamma, 6);
    out.GammaPos = sig(gamma * relErr);
    out.GammaNeg = sig(-gamma * relErr * 0.98);
  } else {
    const kt = model === 'apec' ? between(rng, 3, 10) : between(rng, 0.1, 1.5);
    out.KT = sig(kt, 6);
    out.KTPos = sig(kt * relErr * 1.1);
    out.KTNeg = sig(-kt * relErr);
  }
  const unabs = flux * (1 + nh / 1e22);
  Object.assign(out, {
    ObsFlux: sig(flux),
    ObsFluxPos: sig(flux * relErr),
    ObsFluxNeg: sig(-flux * relErr * 0.98),
    UnabsFlux: sig(unabs),
    UnabsFluxPos: sig(unabs * relErr * 1.05),
    UnabsFluxNeg: sig(-unabs * relErr),
    Cstat: sig(dof * between(rng, 0.9, 1.2)),
    Dof: dof,
    FitChi: sig(dof * between(rng, 0.9, 1.3)),
    Image: `${jobUrl}/spec/${plotFileName(spec, interval.rname, mode.mode, model)}`,
  });
  return out;
}

/** The getSpecData reply body (without OK/APIVersion). */
export function specData(jobId: string, spec: JobSpec, jobUrl: string): JsonObject {
  const s = spec.spec;
  if (!s) throw new Error(`job ${jobId} has no spectrum`);
  const field = fieldOf(spec);
  const intervals = spectrumIntervals(jobId, spec);
  if (!field.entry?.xraySource || intervals.every((i) => i.modes.length === 0)) return { NoSpectrum: 1 };
  const snaps = snapshots(jobId, spec);
  const out: JsonObject = {
    T0: referenceTime(spec, snaps),
    DeltaFitStat: s.dchi,
    // Strictly only meaningful without a Galactic absorber, but the stock Python client's default
    // (deprecated) mode reads it unconditionally (§12), so it is always sent.
    GalNH_unfitted: galacticNH(spec),
    rnames: intervals.map((i) => i.rname),
  };
  for (const interval of intervals) {
    const entry: JsonObject = {
      DataFile: `${jobUrl}/spec/${interval.rname}.tar.gz`,
      Start: sig(interval.start, 12),
      Stop: sig(interval.stop, 12),
    };
    if (interval.modes.length === 0) {
      entry.NOSPEC = 1;
    } else {
      entry.Modes = interval.modes.map((m) => m.mode);
      for (const mode of interval.modes) {
        const modeEntry: JsonObject = { MeanTime: mode.meanTime, Exposure: mode.exposure };
        if (s.doNotFit) modeEntry.NOFIT = 1;
        else {
          modeEntry.Models = s.models.map((m) => MODEL_KEY[m]);
          for (const model of s.models) modeEntry[MODEL_KEY[model]] = fitResult(jobId, spec, interval, mode, model, jobUrl);
        }
        entry[mode.mode] = modeEntry;
      }
    }
    out[interval.rname] = entry;
  }
  return out;
}
