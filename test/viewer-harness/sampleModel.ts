// Viewer models made from the XRT reply fixtures, for the unit tests, the screenshot harness and the
// plot benchmark. A stand-in for the data side's readers, kept deliberately small: it maps the JSON
// replies' documented keys (test/fixtures/protocol/xrt-products.md §9–12) onto the view model and nothing more.
import type {
  LightCurveDataset,
  LightCurveKind,
  LightCurveSection,
  PositionResult,
  SourceDetectionSection,
  SpectralFit,
  SpectrumSection,
  ValueWithErrors,
  ViewerModel,
  XrtMode,
} from '../../src/shared/viewModel';

type Json = Record<string, unknown>;

const KINDS: Record<string, LightCurveKind> = { '': 'detections', UL: 'upper-limits', Hard: 'hard', Soft: 'soft', HR: 'hardness-ratio' };

export function lightCurveFromReply(reply: Json): LightCurveSection {
  const datasets: LightCurveDataset[] = [];
  for (const name of reply.Datasets as string[]) {
    const match = /^(WT|PC)(|UL|Hard|Soft|HR)(_nosys)?(_incbad)?$/.exec(name);
    if (!match) throw new Error(`unexpected dataset name ${name}`);
    const data = reply[`${name}Data`] as { columns: string[]; data: unknown[][]; URL?: string };
    const columns: Record<string, number[]> = {};
    data.columns.forEach((c, j) => {
      if (c !== 'ObsID') columns[c] = data.data.map((row) => Number(row[j]));
    });
    datasets.push({
      name,
      mode: match[1] as XrtMode,
      kind: KINDS[match[2]!]!,
      nosys: match[3] !== undefined,
      incbad: match[4] !== undefined,
      columns: columns as unknown as LightCurveDataset['columns'],
      ...(data.URL ? { sourceUrl: data.URL } : {}),
    });
  }
  return {
    datasets,
    timeFormat: typeof reply.TimeFormat === 'string' ? reply.TimeFormat : 'MET',
    ...(typeof reply.T0 === 'number' ? { T0: reply.T0 } : {}),
    ...(typeof reply.Binning === 'string' && reply.Binning ? { binning: reply.Binning } : {}),
  };
}

function withErrors(fit: Json, key: string): ValueWithErrors | undefined {
  if (typeof fit[key] !== 'number') return undefined;
  return { value: fit[key] as number, pos: fit[`${key}Pos`] as number, neg: fit[`${key}Neg`] as number };
}

export function spectrumFromReply(reply: Json): SpectrumSection {
  if ('NoSpectrum' in reply) return { noSpectrum: true, intervals: [] };
  const intervals = (reply.rnames as string[]).map((rname) => {
    const interval = reply[rname] as Json;
    const modes = ((interval.Modes as XrtMode[] | undefined) ?? []).map((mode) => {
      const m = interval[mode] as Json;
      const fits: SpectralFit[] = ((m.Models as string[] | undefined) ?? []).map((model) => {
        const f = m[model] as Json;
        const fit: SpectralFit = {
          model,
          fitFailed: 'NOFIT' in f,
          nh: withErrors(f, 'NH'),
          gamma: withErrors(f, 'Gamma'),
          kT: withErrors(f, 'KT') ?? withErrors(f, 'kT'),
          obsFlux: withErrors(f, 'ObsFlux'),
          unabsFlux: withErrors(f, 'UnabsFlux'),
          cstat: f.Cstat as number,
          dof: f.Dof as number,
          redshift: f.Redshift_abs as number | undefined,
          plotUrl: f.Image as string | undefined,
        };
        return fit;
      });
      return { mode, meanTime: m.MeanTime as number, exposure: m.Exposure as number, noFit: 'NOFIT' in m, fits };
    });
    return {
      name: rname,
      start: interval.Start as number,
      stop: interval.Stop as number,
      noSpectrum: 'NOSPEC' in interval,
      modes,
      dataFileUrl: interval.DataFile as string,
    };
  });
  return {
    noSpectrum: false,
    T0: reply.T0 as number,
    deltaFitStat: reply.DeltaFitStat as number,
    galNHUnfitted: reply.GalNH_unfitted as number | undefined,
    intervals,
  };
}

export function positionFromReply(kind: PositionResult['kind'], reply: Json): PositionResult {
  if (!reply.GotPos) return { kind, found: false, reason: 'No position could be determined.' };
  return {
    kind,
    found: true,
    ra: Number(reply.RA),
    dec: Number(reply.Dec),
    err90: Number(reply.Err90),
    fromSXPS: Boolean(reply.FromSXPS),
    ...(typeof reply.WhichSXPS === 'string' && reply.WhichSXPS ? { catalogue: reply.WhichSXPS } : {}),
  };
}

export function sourceDetectionFromReply(reply: Json): SourceDetectionSection {
  const bands = Object.keys(reply)
    .filter((k) => k !== 'OK' && k !== 'APIVersion')
    .map((band) => {
      const rows = reply[band] as Record<string, string>[];
      const columns = Object.keys(rows[0] ?? {});
      return { band, columns, rows: rows.map((r) => columns.map((c) => r[c] ?? '')) };
    });
  return { bands };
}

/** A light curve of `n` synthetic points (WT then PC, a power-law decay with flares) for benchmarks. */
export function syntheticLightCurve(n: number): LightCurveSection {
  const make = (mode: XrtMode, count: number, t0: number, t1: number): LightCurveDataset => {
    const Time: number[] = [];
    const TimePos: number[] = [];
    const TimeNeg: number[] = [];
    const Rate: number[] = [];
    const RatePos: number[] = [];
    const RateNeg: number[] = [];
    const step = Math.log(t1 / t0) / count;
    for (let i = 0; i < count; i++) {
      const t = t0 * Math.exp(step * (i + 0.5));
      const half = t * step * 0.5;
      const rate = 200 * (t / 100) ** -1.2 * (1 + 0.3 * Math.sin(i / 50));
      Time.push(t);
      TimePos.push(half);
      TimeNeg.push(-half);
      Rate.push(rate);
      RatePos.push(rate * 0.15);
      RateNeg.push(-rate * 0.15);
    }
    return {
      name: mode,
      mode,
      kind: 'detections',
      incbad: false,
      nosys: false,
      columns: { Time, TimePos, TimeNeg, Rate, RatePos, RateNeg },
    };
  };
  const wt = Math.floor(n / 2);
  return { datasets: [make('WT', wt, 60, 2000), make('PC', n - wt, 2000, 2e6)], timeFormat: 'MET', T0: 608713541.952, binning: 'Counts' };
}

/** Every section filled from the fixtures; `read` supplies a fixture's JSON by file name. */
export function sampleModel(read: (name: string) => Json): ViewerModel {
  const astrom = positionFromReply('astrometric', read('astrompos.response.ok.json'));
  return {
    version: 1,
    job: {
      id: '951',
      name: 'GRB 200416A <img src=x onerror=alert(1)>',
      url: 'https://www.swift.ac.uk/user_objects/tprods/USERPROD_951',
      T0: 608713541.952,
      targetName: 'GRB 200416A',
    },
    lightCurve: lightCurveFromReply(read('lcdata.response.ok.json')),
    spectrum: spectrumFromReply(read('specdata.response.ok.json')),
    positions: {
      standard: positionFromReply('standard', read('psfpos.response.ok.json')),
      enhanced: { ...positionFromReply('enhanced', read('enhpos.response.ok.json')), exposureSeconds: 5029.6, uvotOverlaps: 3 },
      astrometric: { ...astrom, correction: { raShiftArcsec: 1.32, decShiftArcsec: -0.87, rollArcmin: 0.4, err90Arcsec: 2.1 } },
    },
    image: {
      bands: [
        { index: 1, emin: 0.3, emax: 10, gifPath: 'image/image1.gif', fitsPath: 'image/image1.img.gz' },
        { index: 2, emin: 0.3, emax: 1.5, gifPath: 'image/image2.gif' },
      ],
      exposureMaps: [{ label: 'Exposure map (vignetting-corrected)', vignetted: true, gifPath: 'image/summed_vignet_ex.gif' }],
    },
    sourceDetection: sourceDetectionFromReply(read('sourcedet.response.ok-allbands.json')),
    problems: [{ severity: 'warning', product: 'image', message: 'images.log lists image 3 but <b>image3.gif</b> is missing.' }],
  };
}
