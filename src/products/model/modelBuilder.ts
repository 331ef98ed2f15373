// Turns what we know about a job's products into the viewer's data contract (viewModel.ts): the JSON
// data endpoints (jobProducts.ts), the downloaded folder (productFolder.ts), or both. Pure: no I/O,
// so every mapping is unit-tested with the fixtures and a sandbox job. Section numbers (§) refer to
// test/fixtures/protocol/xrt-products.md.
//
// Rules:
// - A section that could not be fetched or read becomes a `problems[]` entry; the others still show.
// - When both sources have a section, the service's JSON wins (it carries fit results the files do
//   not); the folder adds what only files have (images, fit plots, spectral files, position images).
// - When the service fails a section the folder has, the folder's version is shown with a warning.
// - File paths are absolute, so they resolve whatever folder the panel is given as its root.
import * as path from 'node:path';
import { describeError } from '../../http/errors';
import type { SectionResult, JobProductsData } from './jobProducts';
import type { LcFileDataset } from '../files/lightCurveFiles';
import type { LightCurveFileSummary, ProductFolderSummary, SpectrumFilesSummary } from '../files/productFolder';
import {
  VIEWER_MODEL_VERSION,
  type ImageSection,
  type LightCurveColumns,
  type LightCurveDataset,
  type LightCurveKind,
  type LightCurveSection,
  type PositionKind,
  type PositionResult,
  type PositionsSection,
  type SourceDetectionSection,
  type SpectralFit,
  type SpectrumInterval,
  type SpectrumModeResult,
  type SpectrumSection,
  type ValueWithErrors,
  type ViewerJob,
  type ViewerModel,
  type ViewerProblem,
  type XrtMode,
} from '../../shared/viewModel';
import type { PositionEndpoint } from '../../xrt/client';
import { fluxConversionOf } from './fluxFactors';
import type { LcDataResponse, PositionResponse, SourceDetResponse, SpecDataResponse, SpecModelFit } from '../../xrt/responseSchemas';

/** What the model needs to know about the job itself (a registry record satisfies it). */
interface ModelJobInfo {
  readonly jobId: string;
  readonly name?: string;
  readonly url?: string;
  /** Parameters as the service echoed them: `Tstart` gives T0, `name` the target name. */
  readonly jobPars?: Readonly<Record<string, unknown>>;
}

const SECTION_LABELS = {
  lc: 'Light curve',
  spec: 'Spectrum',
  psf: 'Standard position',
  enh: 'Enhanced position',
  xastrom: 'Astrometric position',
  sourceDet: 'Source detection',
} as const;

const POSITION_KIND: Readonly<Record<PositionEndpoint, PositionKind>> = { psf: 'standard', enh: 'enhanced', xastrom: 'astrometric' };

const DATASET_NAME = /^(WT|PC)(UL|Hard|Soft|HR)?(_nosys)?(_incbad)?$/;
const KIND_BY_SUFFIX: Readonly<Record<string, LightCurveKind>> = {
  '': 'detections',
  UL: 'upper-limits',
  Hard: 'hard',
  Soft: 'soft',
  HR: 'hardness-ratio',
};

/** Short model names in spectrum file names → the service's model keys (blackbody's key is unknown, §12). */
const MODEL_KEYS: Readonly<Record<string, string>> = { pow: 'PowerLaw', apec: 'APEC', bb: 'Blackbody' };

/** Source-detection bands in the order the service documents them (§10); others follow, sorted. */
const BAND_ORDER = ['Total', 'Soft', 'Medium', 'Hard'];

// ---------------------------------------------------------------------------------------------------
// Entry points

/**
 * The model of a job from its JSON data, completed by its downloaded folder when there is one.
 * Never throws for bad data: what cannot be shown is listed in `problems`.
 */
export function modelFromJobData(job: ModelJobInfo, data: JobProductsData, folder?: ProductFolderSummary): ViewerModel {
  const problems: ViewerProblem[] = [];
  const files = folder ? folderSections(folder, problems) : undefined;

  let lightCurve: LightCurveSection | undefined;
  if (data.lightCurve) {
    lightCurve = fromSection(data.lightCurve, 'lc', problems, (reply) => lightCurveFromReply(reply, problems), files?.lightCurve);
  } else lightCurve = files?.lightCurve;

  let spectrum: SpectrumSection | undefined;
  if (data.spectrum) {
    spectrum = fromSection(data.spectrum, 'spec', problems, (reply) => spectrumFromReply(reply, folder, problems), files?.spectrum);
  } else spectrum = files?.spectrum;

  const positions: { -readonly [K in keyof PositionsSection]: PositionResult } = { ...files?.positions };
  for (const [wire, result] of Object.entries(data.positions) as [PositionEndpoint, SectionResult<PositionResponse> | undefined][]) {
    if (!result) continue;
    const kind = POSITION_KIND[wire];
    const fromFile = files?.positions?.[kind];
    const shown = fromSection(result, wire, problems, (reply) => positionFromReply(kind, reply, fromFile), fromFile);
    if (shown) positions[kind] = shown;
  }

  let sourceDetection: SourceDetectionSection | undefined;
  if (data.sourceDetection) {
    sourceDetection = fromSection(data.sourceDetection, 'sourceDet', problems, sourceDetectionFromReply, files?.sourceDetection);
  } else sourceDetection = files?.sourceDetection;

  return assemble(
    jobOf(job, lightCurve?.T0 ?? spectrum?.T0),
    { lightCurve, spectrum, positions, image: files?.image, sourceDetection },
    problems,
  );
}

/** The model of a downloaded job folder alone (offline). `job` names it when the registry knows it. */
export function modelFromFolder(summary: ProductFolderSummary, job?: Partial<ModelJobInfo>): ViewerModel {
  const problems: ViewerProblem[] = [];
  const files = folderSections(summary, problems);
  if (files.spectrum && files.spectrum.intervals.some((i) => i.modes.some((m) => m.fits.length > 0))) {
    problems.push({
      severity: 'info',
      product: 'spec',
      message: 'Fit results come from the service; offline, only the spectral files and fit plots are shown.',
    });
  }
  const info: ModelJobInfo = { ...job, jobId: job?.jobId ?? summary.jobId ?? path.basename(summary.root) };
  return assemble(jobOf(info, files.lightCurve?.T0), { ...files }, problems);
}

/** The model of one QDP light-curve file opened on its own (no job folder around it). */
export function modelFromLightCurveFile(file: LightCurveFileSummary, label: string): ViewerModel {
  const problems: ViewerProblem[] = [];
  const lightCurve = lightCurveFromFiles([file], problems);
  if (!lightCurve)
    problems.push({ severity: 'error', product: 'lc', message: `${file.file} holds no table recognised as an XRT light curve.` });
  return assemble({ id: label, name: label, ...(lightCurve?.T0 !== undefined ? { T0: lightCurve.T0 } : {}) }, { lightCurve }, problems);
}

// ---------------------------------------------------------------------------------------------------
// Shared plumbing

interface Sections {
  lightCurve?: LightCurveSection;
  spectrum?: SpectrumSection;
  positions?: PositionsSection;
  image?: ImageSection;
  sourceDetection?: SourceDetectionSection;
}

function assemble(job: ViewerJob, sections: Sections, problems: ViewerProblem[]): ViewerModel {
  const positions = sections.positions && Object.keys(sections.positions).length > 0 ? sections.positions : undefined;
  const flux = sections.lightCurve && sections.spectrum ? fluxConversionOf(sections.lightCurve, sections.spectrum) : undefined;
  if (flux && 'reason' in flux && flux.reason) problems.push({ severity: 'info', product: 'spec', message: flux.reason });
  return {
    version: VIEWER_MODEL_VERSION,
    job,
    ...(sections.lightCurve ? { lightCurve: sections.lightCurve } : {}),
    ...(sections.spectrum ? { spectrum: sections.spectrum } : {}),
    ...(positions ? { positions } : {}),
    ...(sections.image ? { image: sections.image } : {}),
    ...(sections.sourceDetection ? { sourceDetection: sections.sourceDetection } : {}),
    ...(flux && 'conversion' in flux ? { fluxConversion: flux.conversion } : {}),
    problems,
  };
}

function jobOf(job: ModelJobInfo, replyT0: number | undefined): ViewerJob {
  const pars = job.jobPars ?? {};
  const requestT0 = finite(pars.Tstart);
  const target = typeof pars.name === 'string' && pars.name.trim() !== '' ? pars.name.trim() : job.name;
  const T0 = replyT0 ?? requestT0;
  return {
    id: job.jobId,
    ...(job.name ? { name: job.name } : {}),
    ...(job.url ? { url: job.url } : {}),
    ...(T0 !== undefined ? { T0 } : {}),
    ...(target ? { targetName: target } : {}),
  };
}

/**
 * One JSON section: its mapping when it arrived, else an error problem; the folder's version is shown
 * instead when there is one. A mapping that throws (a bug, or a reply the schema let through oddly) is
 * confined to its section too.
 */
function fromSection<T, M>(
  result: SectionResult<T>,
  product: keyof typeof SECTION_LABELS,
  problems: ViewerProblem[],
  map: (value: T) => M,
  fallback: M | undefined,
): M | undefined {
  const label = SECTION_LABELS[product];
  let why: string;
  if (result.ok) {
    // Records the reply held but that could not be read were skipped; say so (the view and the log show problems).
    for (const note of result.notes ?? []) problems.push({ severity: 'warning', product, message: `${label}: ${note}` });
    try {
      return map(result.value);
    } catch (error) {
      why = `the reply could not be shown (${describeError(error)})`;
    }
  } else {
    why = result.details && result.details.length > 0 ? `${result.error} (${result.details.slice(0, 3).join('; ')})` : result.error;
  }
  if (fallback !== undefined) {
    problems.push({
      severity: 'warning',
      product,
      message: `${label}: the service's data could not be read: ${why} Showing the downloaded files instead.`,
    });
    return fallback;
  }
  problems.push({ severity: 'error', product, message: `${label}: ${why}` });
  return undefined;
}

function finite(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function datasetIdentity(name: string): { mode: XrtMode; kind: LightCurveKind; nosys: boolean; incbad: boolean } | undefined {
  const m = DATASET_NAME.exec(name);
  if (!m) return undefined;
  return { mode: m[1] as XrtMode, kind: KIND_BY_SUFFIX[m[2] ?? '']!, nosys: m[3] !== undefined, incbad: m[4] !== undefined };
}

// ---------------------------------------------------------------------------------------------------
// JSON replies

/**
 * A light-curve reply (a job's `getLCData.php` or a rebin's `downloadLightCurve`, which share the §11.2
 * format, test/fixtures/protocol/xrt-products.md §16.4) as the viewer's section; what cannot be shown goes
 * to `problems`.
 */
export function lightCurveSectionFromReply(reply: LcDataResponse, problems: ViewerProblem[]): LightCurveSection {
  return lightCurveFromReply(reply, problems);
}

function lightCurveFromReply(reply: LcDataResponse, problems: ViewerProblem[]): LightCurveSection {
  const datasets: LightCurveDataset[] = [];
  for (const name of reply.Datasets) {
    const raw = reply.datasets[name];
    const id = datasetIdentity(name);
    if (!raw) continue; // The schema already refused a listed dataset without data.
    if (!id) {
      problems.push({
        severity: 'warning',
        product: 'lc',
        message: `Light curve: the dataset "${name}" has a name this viewer does not know; it is not shown.`,
      });
      continue;
    }
    const columns: Record<string, number[]> = {};
    let obsIds: string[] | undefined;
    raw.columns.forEach((column, c) => {
      if (column === 'ObsID') obsIds = raw.data.map((row) => String(row[c] ?? ''));
      else if (column !== 'URL') columns[column] = raw.data.map((row) => (typeof row[c] === 'number' ? row[c] : Number.NaN));
    });
    const lc = asLightCurveColumns(columns, raw.data.length);
    if (!lc) {
      problems.push({
        severity: 'warning',
        product: 'lc',
        message: `Light curve: the dataset "${name}" has no Time, TimePos and TimeNeg columns; it is not shown.`,
      });
      continue;
    }
    datasets.push({ name, ...id, columns: lc, ...(obsIds ? { obsIds } : {}), ...(raw.URL ? { sourceUrl: raw.URL } : {}) });
  }
  return {
    datasets,
    timeFormat: reply.TimeFormat ?? 'MET',
    ...(reply.T0 !== undefined && Number.isFinite(reply.T0) ? { T0: reply.T0 } : {}),
    ...(reply.Binning ? { binning: reply.Binning } : {}),
  };
}

/** The columns as the contract wants them, or undefined when the time axis is missing. */
function asLightCurveColumns(columns: Record<string, number[]>, rows: number): LightCurveColumns | undefined {
  const { Time, TimePos, TimeNeg } = columns;
  if (!Time) return undefined;
  // Some files give no time errors (e.g. snapshot bins); zero-width bars are the honest rendering.
  const zeros = (): number[] => new Array<number>(rows).fill(0);
  return { ...columns, Time, TimePos: TimePos ?? zeros(), TimeNeg: TimeNeg ?? zeros() };
}

function withErrors(params: Readonly<Record<string, number>>, key: string): ValueWithErrors | undefined {
  const value = params[key];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const pos = params[`${key}Pos`];
  const neg = params[`${key}Neg`];
  return {
    value,
    ...(pos !== undefined && Number.isFinite(pos) ? { pos } : {}),
    ...(neg !== undefined && Number.isFinite(neg) ? { neg } : {}),
  };
}

function finiteParam(params: Readonly<Record<string, number>>, key: string): number | undefined {
  const v = params[key];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

function fitFromReply(fit: SpecModelFit, plotFiles: ReadonlyMap<string, string>): SpectralFit {
  const p = fit.params;
  const plotName = fit.Image ? fileNameOfUrl(fit.Image) : undefined;
  const plotPath = plotName ? plotFiles.get(plotName) : undefined;
  const optional = {
    nh: withErrors(p, 'NH'),
    galacticNH: finiteParam(p, 'GalacticNH'),
    gamma: withErrors(p, 'Gamma'),
    kT: withErrors(p, 'KT'),
    obsFlux: withErrors(p, 'ObsFlux'),
    unabsFlux: withErrors(p, 'UnabsFlux'),
    cstat: finiteParam(p, 'Cstat'),
    dof: finiteParam(p, 'Dof'),
    fitChi: finiteParam(p, 'FitChi'),
    redshift: finiteParam(p, 'Redshift_abs'),
    plotPath,
    plotUrl: fit.Image,
  };
  return { model: fit.name, fitFailed: fit.fitFailed, ...definedOnly(optional) };
}

/** The same object without its undefined values (the viewer model leaves out what is not known). */
function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function fileNameOfUrl(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || undefined;
  } catch {
    // A relative or odd URL: the last path segment is still the file name.
    return url.split(/[?#]/)[0]?.split('/').pop() || undefined;
  }
}

function spectrumFromReply(reply: SpecDataResponse, folder: ProductFolderSummary | undefined, problems: ViewerProblem[]): SpectrumSection {
  const spectra = reply.spectra;
  if (spectra.noSpectrum) return { noSpectrum: true, intervals: [] };
  // Downloaded plots and interval tarballs, by file name, to pair with the reply's URLs.
  const plotFiles = new Map<string, string>();
  const tarballs = new Map<string, string>();
  for (const interval of folder?.spectrum?.intervals ?? []) {
    if (interval.tarball) tarballs.set(interval.name, abs(folder!, interval.tarball));
    for (const mode of interval.modes) {
      for (const rel of [mode.plot, ...mode.models.map((m) => m.plot)]) if (rel) plotFiles.set(path.posix.basename(rel), abs(folder!, rel));
    }
  }
  const intervals: SpectrumInterval[] = spectra.intervals.map((interval) => {
    const modes: SpectrumModeResult[] = [];
    for (const mode of interval.modes) {
      if (mode.mode !== 'WT' && mode.mode !== 'PC') {
        problems.push({
          severity: 'warning',
          product: 'spec',
          message: `Spectrum: interval ${interval.name} has a mode "${mode.mode}" this viewer does not know; it is not shown.`,
        });
        continue;
      }
      modes.push({
        mode: mode.mode,
        ...(mode.MeanTime !== undefined && Number.isFinite(mode.MeanTime) ? { meanTime: mode.MeanTime } : {}),
        ...(mode.Exposure !== undefined && Number.isFinite(mode.Exposure) ? { exposure: mode.Exposure } : {}),
        noFit: mode.notFitted,
        fits: mode.models.map((fit) => fitFromReply(fit, plotFiles)),
      });
    }
    const dataFilePath = tarballs.get(interval.name);
    return {
      name: interval.name,
      ...(interval.Start !== undefined && Number.isFinite(interval.Start) ? { start: interval.Start } : {}),
      ...(interval.Stop !== undefined && Number.isFinite(interval.Stop) ? { stop: interval.Stop } : {}),
      noSpectrum: interval.noSpectrum,
      modes,
      ...(dataFilePath ? { dataFilePath } : {}),
      ...(interval.DataFile ? { dataFileUrl: interval.DataFile } : {}),
    };
  });
  return {
    noSpectrum: false,
    ...(spectra.T0 !== undefined && Number.isFinite(spectra.T0) ? { T0: spectra.T0 } : {}),
    ...(spectra.DeltaFitStat !== undefined && Number.isFinite(spectra.DeltaFitStat) ? { deltaFitStat: spectra.DeltaFitStat } : {}),
    ...(spectra.GalNH_unfitted !== undefined && Number.isFinite(spectra.GalNH_unfitted) ? { galNHUnfitted: spectra.GalNH_unfitted } : {}),
    intervals,
  };
}

function positionFromReply(kind: PositionKind, reply: PositionResponse, fromFile: PositionResult | undefined): PositionResult {
  // Images, the astrometric correction and UVOT overlaps exist only in the files.
  const extras = fromFile
    ? definedOnly({
        imagePaths: fromFile.imagePaths,
        correction: fromFile.correction,
        uvotOverlaps: fromFile.uvotOverlaps,
        sxpsSourceId: fromFile.sxpsSourceId,
      })
    : {};
  if (!reply.GotPos)
    return {
      kind,
      found: false,
      reason: fromFile?.found === false && fromFile.reason ? fromFile.reason : 'The service could not determine this position.',
      ...extras,
    };
  const values = definedOnly({ ra: reply.RA, dec: reply.Dec, err90: reply.Err90, fromSXPS: reply.FromSXPS, catalogue: reply.WhichSXPS });
  return { kind, found: true, ...values, ...extras };
}

function sourceDetectionFromReply(reply: SourceDetResponse): SourceDetectionSection {
  const names = Object.keys(reply.bands).sort((a, b) => bandRank(a) - bandRank(b) || a.localeCompare(b));
  return {
    bands: names.map((band) => {
      const rows = reply.bands[band] ?? [];
      // The column set is open (§10): the union of every row's keys, in order of first appearance.
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return { band, columns, rows: rows.map((r) => columns.map((c) => r[c] ?? '')) };
    }),
  };
}

function bandRank(band: string): number {
  const i = BAND_ORDER.indexOf(band);
  return i < 0 ? BAND_ORDER.length : i;
}

// ---------------------------------------------------------------------------------------------------
// Downloaded folder

function abs(summary: ProductFolderSummary, rel: string): string {
  return path.join(summary.root, ...rel.split('/'));
}

function folderSections(summary: ProductFolderSummary, problems: ViewerProblem[]): Sections {
  for (const p of summary.problems) {
    const where = p.file ? `${p.file}${p.line ? `, line ${p.line}` : ''}: ` : '';
    // A parser's own message (ProductParseError) already starts with its file and line.
    const message = where !== '' && p.message.startsWith(where) ? p.message : `${where}${p.message}`;
    problems.push({ severity: 'warning', ...(p.product ? { product: p.product } : {}), message });
  }
  const positions: { -readonly [K in keyof PositionsSection]: PositionResult } = {};
  for (const [kind, found] of Object.entries(summary.positions) as [PositionKind, PositionResult | undefined][]) {
    if (found) positions[kind] = positionFromFile(summary, found);
  }
  return {
    lightCurve: summary.lightCurves.length > 0 ? lightCurveFromFiles(summary.lightCurves, problems) : undefined,
    spectrum: summary.spectrum ? spectrumFromFiles(summary, summary.spectrum) : undefined,
    positions,
    image: summary.image
      ? {
          bands: summary.image.bands.map((b) => ({
            index: b.index,
            emin: b.emin,
            emax: b.emax,
            ...(b.gifPath ? { gifPath: abs(summary, b.gifPath) } : {}),
            ...(b.fitsPath ? { fitsPath: abs(summary, b.fitsPath) } : {}),
          })),
          exposureMaps: summary.image.exposureMaps.map((m) => ({
            label: m.label,
            vignetted: m.vignetted,
            ...(m.gifPath ? { gifPath: abs(summary, m.gifPath) } : {}),
            ...(m.fitsPath ? { fitsPath: abs(summary, m.fitsPath) } : {}),
          })),
        }
      : undefined,
    sourceDetection:
      summary.sourceLists.length > 0
        ? {
            bands: [...summary.sourceLists]
              .sort((a, b) => bandRank(a.band) - bandRank(b.band))
              .map((l) => ({ band: l.band, columns: l.columns, rows: l.rows })),
          }
        : undefined,
  };
}

/** T0 and time unit from the QDP comments (`times s since T0 = 608713541.952`, or MJD); unknown → MET. */
function timeBaseOf(files: readonly LightCurveFileSummary[]): { timeFormat: string; T0?: number } {
  const comments = files.flatMap((f) => f.tables.flatMap((t) => [t.name, t.description ?? '', ...t.comments])).join('\n');
  if (/\btimes?\b[^\n]*\bMJD\b/i.test(comments)) return { timeFormat: 'MJD' };
  const t0 = /\bT0\s*=\s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?\d+)?)/.exec(comments);
  return t0 ? { timeFormat: 'MET', T0: Number(t0[1]) } : { timeFormat: 'MET' };
}

function lightCurveFromFiles(files: readonly LightCurveFileSummary[], problems: ViewerProblem[]): LightCurveSection | undefined {
  const byName = new Map<string, LightCurveDataset>();
  for (const file of files) {
    for (const ds of file.datasets) {
      // curve.qdp repeats datasets of the per-mode files; the first reading (curve.qdp is read first) is kept.
      if (byName.has(ds.name)) continue;
      const dataset = datasetFromFile(ds);
      if (dataset) byName.set(ds.name, dataset);
      else
        problems.push({
          severity: 'warning',
          product: 'lc',
          message: `${file.file}: the table "${ds.table}" has no Time column; it is not shown.`,
        });
    }
  }
  if (byName.size === 0) return undefined;
  return { datasets: [...byName.values()], ...timeBaseOf(files) };
}

function datasetFromFile(ds: LcFileDataset): LightCurveDataset | undefined {
  const columns: Record<string, number[]> = {};
  for (const name of ds.columnOrder) {
    const values = ds.columns[name];
    if (values) columns[name] = Array.from(values);
  }
  const lc = asLightCurveColumns(columns, ds.rowCount);
  return lc ? { name: ds.name, mode: ds.mode, kind: ds.kind, nosys: ds.nosys, incbad: ds.incbad, columns: lc } : undefined;
}

function spectrumFromFiles(summary: ProductFolderSummary, spec: SpectrumFilesSummary): SpectrumSection {
  if (spec.noSpectrum !== undefined) return { noSpectrum: true, intervals: [] };
  return {
    noSpectrum: false,
    intervals: spec.intervals.map((interval) => ({
      name: interval.name,
      noSpectrum: false,
      ...(interval.tarball ? { dataFilePath: abs(summary, interval.tarball) } : {}),
      modes: interval.modes.map((mode) => ({
        mode: mode.mode,
        noFit: mode.models.length === 0,
        fits: mode.models.map((m) => ({
          model: MODEL_KEYS[m.model.toLowerCase()] ?? m.model,
          fitFailed: false,
          ...(m.plot ? { plotPath: abs(summary, m.plot) } : {}),
        })),
      })),
    })),
  };
}

/** The folder reader's own result, with its image paths made absolute. */
function positionFromFile(summary: ProductFolderSummary, p: PositionResult): PositionResult {
  return { ...p, imagePaths: (p.imagePaths ?? []).map((rel) => abs(summary, rel)) };
}
