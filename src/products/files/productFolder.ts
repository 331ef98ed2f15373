// Reads an extracted job folder (`USERPROD_<id>/`, or the folder holding it) into one summary of
// what is there: light-curve tables, spectrum files per interval and mode, positions, images and
// source lists. A file that cannot be read becomes a problem (with its line when known), never an
// exception, so one bad file does not hide the rest. This is what the viewer shows offline.
// Section numbers (§) refer to test/fixtures/protocol/xrt-products.md.
//
// Paths in the summary are relative to `root`, with `/` separators.
import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeError } from '../../http/errors';
import { lightCurveDatasets, type LcFileDataset } from './lightCurveFiles';
import { isProductParseError } from './parseError';
import type { AstrometricCorrection, PositionKind, PositionResult, PositionsSection } from '../../shared/viewModel';
import { parseCorrposDat, parseInsxps, parseNocorr, parseResultsDat, parseSuccessTxt, parseXastromCorr } from './positionFiles';
import { parseQdp, type QdpTable } from './qdp';
import { parseImagesLog, parseSourceList } from './tableFiles';

interface ProductProblem {
  /** Product folder (`lc`, `spec`, `psf`, `enh`, `xastrom`, `image`, `sourceDet`), when it concerns one. */
  readonly product?: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

export interface LightCurveFileSummary {
  readonly file: string;
  readonly tables: readonly QdpTable[];
  /** The tables recognised as light-curve datasets (§11.2 names). */
  readonly datasets: readonly LcFileDataset[];
}

interface SpectrumModelFiles {
  /** Short model name as in the file names (`pow`, `apec`, `bb`). */
  readonly model: string;
  readonly xcm?: string;
  readonly fitFile?: string;
  readonly plot?: string;
}

interface SpectrumModeFiles {
  readonly mode: 'WT' | 'PC';
  readonly source?: string;
  readonly background?: string;
  readonly grouped?: string;
  readonly arf?: string;
  readonly rmf?: string;
  /** Single-model plot `<rname><mode>_plot.gif`. */
  readonly plot?: string;
  readonly models: readonly SpectrumModelFiles[];
}

/**
 * One interval's files. Fit results are not read from files: their format is undocumented (§13.4)
 * and the getSpecData reply carries them; offline, the viewer shows the files and plots.
 */
interface SpectrumIntervalFiles {
  readonly name: string;
  readonly tarball?: string;
  /** Where the tarball was unpacked (`spec/<rname>/`), when it was. */
  readonly folder?: string;
  readonly modes: readonly SpectrumModeFiles[];
}

export interface SpectrumFilesSummary {
  /** Text of `spec/NOSPEC`: no spectrum could be made. */
  readonly noSpectrum?: string;
  readonly intervals: readonly SpectrumIntervalFiles[];
}

interface ImageBandFiles {
  readonly index: number;
  readonly emin: number;
  readonly emax: number;
  readonly gifPath?: string;
  readonly fitsPath?: string;
}

interface ExposureMapFiles {
  readonly label: string;
  readonly vignetted: boolean;
  readonly gifPath?: string;
  readonly fitsPath?: string;
}

interface SourceListSummary {
  readonly band: string;
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface ProductFolderSummary {
  /** Absolute path of the job folder that was read. */
  readonly root: string;
  readonly jobId?: string;
  /** Product folders present (`lc`, `spec`, …). */
  readonly products: readonly string[];
  readonly lightCurves: readonly LightCurveFileSummary[];
  readonly spectrum?: SpectrumFilesSummary;
  /** The viewer's own position results, with `imagePaths` relative to `root` like every path here. */
  readonly positions: PositionsSection;
  readonly image?: { readonly bands: readonly ImageBandFiles[]; readonly exposureMaps: readonly ExposureMapFiles[] };
  readonly sourceLists: readonly SourceListSummary[];
  readonly problems: readonly ProductProblem[];
}

const PRODUCT_FOLDERS = ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet'] as const;
const JOB_FOLDER = /^USERPROD_(\d+)$/;
/** Larger text files are not read into memory (a light curve of this size would be absurd). */
const MAX_QDP_BYTES = 512 * 1024 * 1024;
const MAX_SMALL_FILE_BYTES = 16 * 1024 * 1024;

class FolderReader {
  readonly problems: ProductProblem[] = [];

  constructor(readonly root: string) {}

  abs(rel: string): string {
    return join(this.root, ...rel.split('/'));
  }

  async list(rel: string): Promise<Dirent[]> {
    try {
      return (await readdir(this.abs(rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problem({ file: rel, message: `cannot list the folder: ${describeError(error)}` });
      return [];
    }
  }

  async exists(rel: string): Promise<boolean> {
    return stat(this.abs(rel)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** The file's text, or undefined (with a problem recorded) when it cannot be read. */
  async text(rel: string, product: string, maxBytes = MAX_SMALL_FILE_BYTES): Promise<string | undefined> {
    try {
      const info = await stat(this.abs(rel));
      if (info.size > maxBytes) {
        this.problem({ product, file: rel, message: `the file is ${info.size} bytes, more than the ${maxBytes} this reader accepts` });
        return undefined;
      }
      return await readFile(this.abs(rel), 'utf8');
    } catch (error) {
      this.problem({ product, file: rel, message: `cannot read the file: ${describeError(error)}` });
      return undefined;
    }
  }

  /** Runs a parser, turning its failure into a problem that names the file and line. */
  parse<T>(rel: string, product: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (isProductParseError(error))
        this.problem({ product, file: rel, ...(error.line > 0 ? { line: error.line } : {}), message: error.message });
      else this.problem({ product, file: rel, message: `could not be read: ${describeError(error)}` });
      return undefined;
    }
  }

  problem(p: ProductProblem): void {
    this.problems.push(p);
  }
}

/** The job folder inside `dir`: `dir` itself when it is one (or holds product folders), else its single `USERPROD_<id>` child. */
async function findJobFolder(dir: string, problems: ProductProblem[]): Promise<string> {
  if (JOB_FOLDER.test(basename(dir))) return dir;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ message: `Cannot open the folder ${dir}: ${describeError(error)}` });
    return dir;
  }
  const jobs = entries
    .filter((e) => e.isDirectory() && JOB_FOLDER.test(e.name))
    .map((e) => e.name)
    .sort();
  if (jobs.length === 0) return dir;
  if (jobs.length > 1)
    problems.push({
      message: `The folder holds several jobs (${jobs.join(', ')}); showing ${jobs[0]}. Open a job's own folder to see another.`,
    });
  return join(dir, jobs[0]!);
}

export async function readProductFolder(dir: string): Promise<ProductFolderSummary> {
  const early: ProductProblem[] = [];
  const root = await findJobFolder(dir, early);
  const reader = new FolderReader(root);
  reader.problems.push(...early);
  const present = (await reader.list(''))
    .filter((e) => e.isDirectory() && (PRODUCT_FOLDERS as readonly string[]).includes(e.name))
    .map((e) => e.name);
  if (present.length === 0 && early.length === 0)
    reader.problem({ message: `No XRT product folders (lc, spec, psf, enh, xastrom, image, sourceDet) in ${root}.` });
  const has = (p: string): boolean => present.includes(p);

  const jobId = JOB_FOLDER.exec(basename(root))?.[1];
  const positions: { -readonly [K in keyof PositionsSection]: PositionResult } = {};
  if (has('psf')) positions.standard = await readStandardPosition(reader);
  if (has('enh')) positions.enhanced = await readEnhancedPosition(reader);
  if (has('xastrom')) positions.astrometric = await readAstrometricPosition(reader);

  return {
    root,
    ...(jobId ? { jobId } : {}),
    products: present,
    lightCurves: has('lc') ? await readLightCurves(reader) : [],
    ...(has('spec') ? { spectrum: await readSpectrum(reader) } : {}),
    positions,
    ...(has('image') ? { image: await readImages(reader) } : {}),
    sourceLists: has('sourceDet') ? await readSourceLists(reader) : [],
    problems: reader.problems,
  };
}

async function readLightCurves(reader: FolderReader): Promise<LightCurveFileSummary[]> {
  const files = (await reader.list('lc')).filter((e) => e.isFile() && /\.qdp$/i.test(e.name)).map((e) => e.name);
  // curve.qdp first: it is the overview the viewer opens with.
  files.sort((a, b) => (a === 'curve.qdp' ? -1 : b === 'curve.qdp' ? 1 : a.localeCompare(b)));
  const out: LightCurveFileSummary[] = [];
  for (const name of files) {
    const rel = `lc/${name}`;
    const text = await reader.text(rel, 'lc', MAX_QDP_BYTES);
    if (text === undefined) continue;
    const parsed = reader.parse(rel, 'lc', () => parseQdp(text, rel));
    if (!parsed) continue;
    const { datasets, unrecognised } = lightCurveDatasets(parsed, name);
    if (unrecognised.length > 0)
      reader.problem({
        product: 'lc',
        file: rel,
        message: `table(s) ${unrecognised.map((t) => `"${t}"`).join(', ')} could not be matched to a light-curve dataset; shown as plain tables`,
      });
    out.push({ file: rel, tables: parsed.tables, datasets });
  }
  if (files.length === 0) reader.problem({ product: 'lc', file: 'lc', message: 'the light-curve folder holds no QDP file' });
  return out;
}

const SPECTRUM_FILE = /^(.+?)(wt|pc)(source\.pi|back\.pi|\.pi|\.arf|\.rmf)$/i;
const MODEL_FILE = /^(.+?)(wt|pc)_([a-z0-9]+)(_fit\.fit|\.xcm)$/i;
const PLOT_FILE = /^(.+?)(wt|pc)(?:_([a-z0-9]+))?_plot\.gif$/i;

interface ModeBuilder {
  mode: 'WT' | 'PC';
  source?: string;
  background?: string;
  grouped?: string;
  arf?: string;
  rmf?: string;
  plot?: string;
  models: Map<string, { model: string; xcm?: string; fitFile?: string; plot?: string }>;
}

async function readSpectrum(reader: FolderReader): Promise<SpectrumFilesSummary> {
  const entries = await reader.list('spec');
  const intervals = new Map<string, { name: string; tarball?: string; folder?: string; modes: Map<string, ModeBuilder> }>();
  const interval = (name: string): { name: string; tarball?: string; folder?: string; modes: Map<string, ModeBuilder> } => {
    let found = intervals.get(name);
    if (!found) intervals.set(name, (found = { name, modes: new Map() }));
    return found;
  };
  const modeOf = (rname: string, m: string): ModeBuilder => {
    const modes = interval(rname).modes;
    const key = m.toUpperCase() as 'WT' | 'PC';
    let found = modes.get(key);
    if (!found) modes.set(key, (found = { mode: key, models: new Map() }));
    return found;
  };
  const modelOf = (mode: ModeBuilder, model: string): { model: string; xcm?: string; fitFile?: string; plot?: string } => {
    let found = mode.models.get(model);
    if (!found) mode.models.set(model, (found = { model }));
    return found;
  };

  let noSpectrum: string | undefined;
  for (const e of entries) {
    if (e.isFile() && e.name === 'NOSPEC')
      noSpectrum = ((await reader.text('spec/NOSPEC', 'spec')) ?? '').trim() || 'No spectrum could be created.';
    else if (e.isFile() && e.name.endsWith('.tar.gz')) interval(e.name.slice(0, -'.tar.gz'.length)).tarball = `spec/${e.name}`;
  }
  // Unpacked interval folders (safeExtract puts `spec/<rname>.tar.gz` into `spec/<rname>/`).
  for (const e of entries) {
    if (!e.isDirectory() || e.name === 'scripts') continue;
    const item = interval(e.name);
    item.folder = `spec/${e.name}`;
    const files = [
      ...(await reader.list(item.folder)).filter((f) => f.isFile()).map((f) => f.name),
      ...(await reader.list(`${item.folder}/models`)).filter((f) => f.isFile()).map((f) => `models/${f.name}`),
    ];
    for (const file of files) {
      const base = file.replace(/^models\//, '');
      const rel = `${item.folder}/${file}`;
      const spectral = SPECTRUM_FILE.exec(base);
      if (spectral && spectral[1] === e.name) {
        const mode = modeOf(e.name, spectral[2]!);
        const kind = spectral[3]!.toLowerCase();
        if (kind === 'source.pi') mode.source = rel;
        else if (kind === 'back.pi') mode.background = rel;
        else if (kind === '.pi') mode.grouped = rel;
        else if (kind === '.arf') mode.arf = rel;
        else mode.rmf = rel;
        continue;
      }
      const model = MODEL_FILE.exec(base);
      if (model && model[1] === e.name) {
        const entry = modelOf(modeOf(e.name, model[2]!), model[3]!);
        if (model[4]!.toLowerCase() === '.xcm') entry.xcm = rel;
        else entry.fitFile = rel;
      }
    }
  }
  // Plots sit in `spec/` itself; their interval is the longest known name they start with (an
  // interval name may itself end in "wt" or "pc").
  const names = [...intervals.keys()].sort((a, b) => b.length - a.length);
  const PLOT_TAIL = /^(wt|pc)(?:_([a-z0-9]+))?_plot\.gif$/i;
  for (const e of entries) {
    const plot = e.isFile() ? PLOT_FILE.exec(e.name) : null;
    if (!plot) continue;
    const rname = names.find((n) => e.name.startsWith(n) && PLOT_TAIL.test(e.name.slice(n.length))) ?? plot[1]!;
    const tail = PLOT_TAIL.exec(e.name.slice(rname.length));
    if (!tail) continue;
    const mode = modeOf(rname, tail[1]!);
    if (tail[2]) modelOf(mode, tail[2]).plot = `spec/${e.name}`;
    else mode.plot = `spec/${e.name}`;
  }
  if (!noSpectrum && intervals.size === 0)
    reader.problem({ product: 'spec', file: 'spec', message: 'the spectrum folder holds neither interval files nor NOSPEC' });

  return {
    ...(noSpectrum ? { noSpectrum } : {}),
    intervals: [...intervals.values()].map((i) => ({
      name: i.name,
      ...(i.tarball ? { tarball: i.tarball } : {}),
      ...(i.folder ? { folder: i.folder } : {}),
      modes: [...i.modes.values()].map(({ models, ...files }) => ({ ...files, models: [...models.values()] })),
    })),
  };
}

async function gifs(reader: FolderReader, folder: string, names: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) if (await reader.exists(`${folder}/${name}`)) out.push(`${folder}/${name}`);
  return out;
}

/** No position, and why (images of the attempt are still shown). */
function noPosition(kind: PositionKind, reason: string, imagePaths: readonly string[]): PositionResult {
  return { kind, found: false, reason, imagePaths };
}

async function readSxps(
  reader: FolderReader,
  folder: string,
  kind: PositionKind,
  imagePaths: readonly string[],
): Promise<PositionResult | undefined> {
  const rel = `${folder}/INSXPS`;
  if (!(await reader.exists(rel))) return undefined;
  const text = await reader.text(rel, folder);
  const sxps = text === undefined ? undefined : reader.parse(rel, folder, () => parseInsxps(text, rel));
  if (!sxps) return noPosition(kind, 'INSXPS could not be read', imagePaths);
  return {
    kind,
    found: true,
    ra: sxps.ra,
    dec: sxps.dec,
    err90: sxps.err90,
    fromSXPS: true,
    catalogue: sxps.catalogue,
    sxpsSourceId: sxps.sxpsSourceId,
    imagePaths,
  };
}

async function readStandardPosition(reader: FolderReader): Promise<PositionResult> {
  const imagePaths = await gifs(reader, 'psf', ['summed.gif']);
  const sxps = await readSxps(reader, 'psf', 'standard', imagePaths);
  if (sxps) return sxps;
  const rel = 'psf/results.dat';
  if (!(await reader.exists(rel))) return noPosition('standard', 'neither results.dat nor INSXPS is in the psf folder', imagePaths);
  const text = await reader.text(rel, 'psf');
  const pos = text === undefined ? undefined : reader.parse(rel, 'psf', () => parseResultsDat(text, rel));
  if (!pos) return noPosition('standard', 'results.dat could not be read', imagePaths);
  if (!pos.found) return noPosition('standard', pos.reason, imagePaths);
  return { kind: 'standard', found: true, ra: pos.ra, dec: pos.dec, err90: pos.err90, fromSXPS: false, imagePaths };
}

async function readEnhancedPosition(reader: FolderReader): Promise<PositionResult> {
  const imagePaths = (await reader.list('enh')).filter((e) => e.isFile() && /\.gif$/i.test(e.name)).map((e) => `enh/${e.name}`);
  const rel = 'enh/success.txt';
  // The failure file's name is unknown (§13.6): no success.txt means no position.
  if (!(await reader.exists(rel))) return noPosition('enhanced', 'no enhanced position was found (no success.txt)', imagePaths);
  const text = await reader.text(rel, 'enh');
  const pos = text === undefined ? undefined : reader.parse(rel, 'enh', () => parseSuccessTxt(text, rel));
  if (!pos) return noPosition('enhanced', 'success.txt could not be read', imagePaths);
  return { kind: 'enhanced', found: true, ra: pos.ra, dec: pos.dec, err90: pos.err90, uvotOverlaps: pos.uvotOverlaps, imagePaths };
}

async function readAstrometricPosition(reader: FolderReader): Promise<PositionResult> {
  const imagePaths = await gifs(reader, 'xastrom', ['orig.gif', 'corrected.gif']);
  const sxps = await readSxps(reader, 'xastrom', 'astrometric', imagePaths);
  if (sxps) return sxps;
  let correction: AstrometricCorrection | undefined;
  const corrRel = 'xastrom/xastrom_corr.dat';
  if (await reader.exists(corrRel)) {
    const text = await reader.text(corrRel, 'xastrom');
    correction = text === undefined ? undefined : reader.parse(corrRel, 'xastrom', () => parseXastromCorr(text, corrRel));
  }
  const rel = 'xastrom/corrpos.dat';
  if (await reader.exists(rel)) {
    const text = await reader.text(rel, 'xastrom');
    const pos = text === undefined ? undefined : reader.parse(rel, 'xastrom', () => parseCorrposDat(text, rel));
    if (pos)
      return {
        kind: 'astrometric',
        found: true,
        ra: pos.ra,
        dec: pos.dec,
        err90: pos.err90,
        fromSXPS: false,
        ...(correction ? { correction } : {}),
        imagePaths,
      };
    return noPosition('astrometric', 'corrpos.dat could not be read', imagePaths);
  }
  if (await reader.exists('xastrom/NOCORR')) {
    const text = (await reader.text('xastrom/NOCORR', 'xastrom')) ?? '';
    return noPosition('astrometric', parseNocorr(text).reason, imagePaths);
  }
  return noPosition('astrometric', 'neither corrpos.dat, NOCORR nor INSXPS is in the xastrom folder', imagePaths);
}

async function readImages(reader: FolderReader): Promise<{ bands: ImageBandFiles[]; exposureMaps: ExposureMapFiles[] }> {
  const present = new Set((await reader.list('image')).filter((e) => e.isFile()).map((e) => e.name));
  const pathOf = (name: string): string | undefined => (present.has(name) ? `image/${name}` : undefined);
  const bands: ImageBandFiles[] = [];
  if (present.has('images.log')) {
    const text = await reader.text('image/images.log', 'image');
    const log = text === undefined ? undefined : reader.parse('image/images.log', 'image', () => parseImagesLog(text, 'image/images.log'));
    for (const entry of log ?? []) {
      const gif = pathOf(`image${entry.index}.gif`);
      const fits = pathOf(`image${entry.index}.img.gz`);
      if (!gif && !fits)
        reader.problem({
          product: 'image',
          file: 'image/images.log',
          message: `image ${entry.index} is listed but neither image${entry.index}.gif nor image${entry.index}.img.gz is present`,
        });
      bands.push({ ...entry, ...(gif ? { gifPath: gif } : {}), ...(fits ? { fitsPath: fits } : {}) });
    }
  } else {
    reader.problem({ product: 'image', file: 'image', message: 'images.log is missing, so the energy band of each image is unknown' });
  }
  const exposureMaps: ExposureMapFiles[] = [];
  for (const [stem, label, vignetted] of [
    ['summed_ex', 'Exposure map', false],
    ['summed_vignet_ex', 'Exposure map (vignetting-corrected)', true],
  ] as const) {
    const gif = pathOf(`${stem}.gif`);
    const fits = pathOf(`${stem}.img.gz`);
    if (gif || fits) exposureMaps.push({ label, vignetted, ...(gif ? { gifPath: gif } : {}), ...(fits ? { fitsPath: fits } : {}) });
  }
  return { bands, exposureMaps };
}

async function readSourceLists(reader: FolderReader): Promise<SourceListSummary[]> {
  const out: SourceListSummary[] = [];
  for (const e of await reader.list('sourceDet')) {
    const m = e.isFile() ? /^sources_(\w+)\.txt$/.exec(e.name) : null;
    if (!m) continue;
    const rel = `sourceDet/${e.name}`;
    const text = await reader.text(rel, 'sourceDet');
    const list = text === undefined ? undefined : reader.parse(rel, 'sourceDet', () => parseSourceList(text, rel));
    if (list) out.push({ band: m[1]!, file: rel, columns: list.columns, rows: list.rows });
  }
  return out;
}
