// The files of each finished product (test/fixtures/protocol/xrt-products.md §13.3–13.9), generated from
// the same simulated facts as the JSON endpoints. Paths are relative to the job directory
// `USERPROD_<id>/`.
import { gzipSync } from 'node:zlib';
import { tarBuffer } from '../../support/tarBuffer';
import type { ProductCode } from './constants';
import { gzippedFits, fitsPlaceholder } from './binaryFiles';
import { exposurePicture, fieldPicture, plotPicture } from './pictures';
import type { Job } from './jobs';
import { ALL_VARIANTS, lightCurve, type LcDataset } from './lightCurve';
import { fieldOf, snapshots } from './observations';
import {
  astrometricCorrection,
  astrometricPosition,
  decSexagesimal,
  enhancedPosition,
  raSexagesimal,
  standardPosition,
  type Position,
} from './positions';
import { qdpText, type QdpErrors, type QdpSection } from './qdp';
import { sourceLists } from './sourceList';
import { modelShortName, plotFileName, spectrumIntervals, specData, type SpectrumInterval } from './spectra';

export interface FileEntry {
  readonly path: string;
  readonly data: Buffer;
}

const text = (path: string, content: string): FileEntry => ({ path, data: Buffer.from(content, 'utf8') });

/** Files of one product; `succeeded` is false for a product that ran but produced nothing (-3). */
export async function productFiles(job: Job, product: ProductCode, jobUrl: string, succeeded: boolean): Promise<FileEntry[]> {
  const id = String(job.id);
  const log = text(
    `${product}/output.log`,
    `Sandbox XRT product generator: ${product} for job ${id} (${job.spec.name})\n${succeeded ? 'Finished OK.' : 'Finished without a product.'}\n`,
  );
  switch (product) {
    case 'lc':
      return [...lightCurveFiles(job), log];
    case 'spec':
      return [...(await spectrumFiles(job, jobUrl)), log];
    case 'psf':
      return [...positionFiles(job, 'psf', standardPosition(id, job.spec)), log];
    case 'enh':
      return [...enhancedFiles(job, enhancedPosition(id, job.spec)), log];
    case 'xastrom':
      return [...positionFiles(job, 'xastrom', succeeded ? astrometricPosition(id, job.spec) : undefined), log];
    case 'image':
      return [...imageFiles(job), log];
    case 'sourceDet':
      return [...sourceDetFiles(job), log];
  }
}

export function lightCurveFiles(job: Job): FileEntry[] {
  const curve = lightCurve(String(job.id), job.spec, ALL_VARIANTS);
  const byFile = new Map<string, LcDataset[]>();
  for (const ds of curve.datasets) byFile.set(ds.file, [...(byFile.get(ds.file) ?? []), ds]);
  const section = (ds: LcDataset): QdpSection => ({ comment: `${ds.name}: ${describe(ds)}`, columns: ds.columns, data: ds.data });
  const errorsFor = (ds: LcDataset): QdpErrors =>
    ds.kind === '' ? { terr: [1, 2], serr: [] } : ds.kind === 'UL' ? { terr: [1], serr: [] } : { terr: [1], serr: [2] };
  const files: FileEntry[] = [];
  for (const [file, sets] of byFile) {
    files.push(
      text(
        `lc/${file}`,
        qdpText(
          `${job.spec.name}: ${file.replace('.qdp', '')} (times ${curve.timeFormat === 'MJD' ? 'MJD' : `s since T0 = ${curve.t0}`})`,
          errorsFor(sets[0]),
          sets.map(section),
        ),
      ),
    );
  }
  // curve.qdp: every detection and upper-limit set of the plain variant, one section each.
  const plain = curve.datasets.filter((ds) => ds.suffix === '' && (ds.kind === '' || ds.kind === 'UL'));
  files.unshift(
    text(
      'lc/curve.qdp',
      qdpText(`${job.spec.name}: light curve (Binning: ${curve.binning})`, { terr: [1, 2], serr: [] }, plain.map(section)),
    ),
  );
  files.push(
    { path: 'lc/curve.gif', data: plotPicture(`${job.id}`, 'lightCurve') },
    { path: 'lc/hardrat.gif', data: plotPicture(`${job.id}`, 'hardness') },
  );
  return files;
}

function describe(ds: LcDataset): string {
  const what =
    ds.kind === ''
      ? 'detections'
      : ds.kind === 'UL'
        ? 'upper limits'
        : ds.kind === 'HR'
          ? 'hardness ratio'
          : `${ds.kind.toLowerCase()} band`;
  return `${ds.mode} mode ${what}${ds.suffix.includes('nosys') ? ', no WT systematic error' : ''}${ds.suffix.includes('incbad') ? ', including unverified-centroid bins' : ''}`;
}

async function spectrumFiles(job: Job, jobUrl: string): Promise<FileEntry[]> {
  const s = job.spec.spec;
  if (!s) return [];
  if ('NoSpectrum' in specData(String(job.id), job.spec, jobUrl))
    return [text('spec/NOSPEC', 'No spectrum could be created: no source counts in the selected data.\n')];
  const files: FileEntry[] = [];
  for (const interval of spectrumIntervals(String(job.id), job.spec)) {
    if (interval.modes.length === 0) continue;
    files.push({ path: `spec/${interval.rname}.tar.gz`, data: await intervalTarball(job, interval) });
    for (const mode of interval.modes) {
      const m = mode.mode.toLowerCase();
      files.push(
        text(
          `spec/scripts/${interval.rname}${m}.xcm`,
          `data ${interval.rname}${m}.pi\nignore **-0.3 10.0-**\nignore bad\nstatistic cstat\n`,
        ),
      );
      if (!s.doNotFit)
        for (const model of s.models)
          files.push({
            path: `spec/${plotFileName(job.spec, interval.rname, mode.mode, model)}`,
            data: plotPicture(`${job.id}:${interval.rname}:${m}:${model}`, 'spectrum'),
          });
    }
  }
  return files;
}

/** `<rname>.tar.gz`: the per-interval spectral files (layout of the SXPS example, §13.4). */
async function intervalTarball(job: Job, interval: SpectrumInterval): Promise<Buffer> {
  const s = job.spec.spec;
  const r = interval.rname;
  const inner: FileEntry[] = [text('README.txt', `Spectral files for interval ${r} of ${job.spec.name} (sandbox job ${job.id}).\n`)];
  for (const mode of interval.modes) {
    const m = mode.mode.toLowerCase();
    const keys = { OBJECT: job.spec.name, DATAMODE: mode.mode, EXPOSURE: Number(mode.exposure.toFixed(3)) };
    inner.push(
      { path: `${r}${m}source.pi`, data: fitsPlaceholder('source spectrum (PHA)', keys) },
      { path: `${r}${m}back.pi`, data: fitsPlaceholder('background spectrum (PHA)', keys) },
      { path: `${r}${m}.pi`, data: fitsPlaceholder('grouped source spectrum (PHA)', keys) },
      { path: `${r}${m}.arf`, data: fitsPlaceholder('ancillary response (ARF)', keys) },
      { path: `${r}${m}.rmf`, data: fitsPlaceholder('redistribution matrix (RMF)', keys) },
    );
    if (s && !s.doNotFit) {
      for (const model of s.models) {
        inner.push(
          text(
            `models/${r}${m}_${modelShortName(model)}.xcm`,
            `model tbabs*${model === 'powerlaw' ? 'pow' : model === 'apec' ? 'apec' : 'bbody'}\n`,
          ),
        );
        inner.push(
          text(
            `${r}${m}_${modelShortName(model)}_fit.fit`,
            `Fit of ${model} to ${r} ${mode.mode}: see the getSpecData reply for values.\n`,
          ),
        );
      }
    }
  }
  inner.push(text(`${r}.areas`, interval.modes.map((mode) => `${mode.mode}\t${(mode.exposure / 1000).toFixed(4)}`).join('\n') + '\n'));
  if (fieldOf(job.spec).entry?.kind === 'grb')
    inner.push(text('GRB_info.txt', `${job.spec.name}\nT0 (MET): ${job.spec.t0 ?? 'unknown'}\n`));
  return gzipSync(await tarOf(inner, new Date(job.submittedMs)));
}

function tarOf(files: readonly FileEntry[], mtime: Date): Promise<Buffer> {
  return tarBuffer(files.map((f) => ({ header: { name: f.path, size: f.data.length, mtime, mode: 0o644 }, data: f.data })));
}

function insxps(pos: Position, job: Job): string {
  const field = fieldOf(job.spec);
  const obsid = snapshots(String(job.id), job.spec)[0]?.obsid ?? `${field.target}001`;
  return (
    [
      `${field.entry?.name.replace(/\s+/g, '') ?? 'src'}-${field.target}`,
      pos.ra.toFixed(5),
      pos.dec.toFixed(5),
      pos.err90.toFixed(1),
      raSexagesimal(pos.ra),
      decSexagesimal(pos.dec),
      obsid,
      '2SXPS',
    ].join('\n') + '\n'
  );
}

function positionFiles(job: Job, product: 'psf' | 'xastrom', pos: Position | undefined): FileEntry[] {
  const id = String(job.id);
  if (pos?.fromSXPS) return [text(`${product}/INSXPS`, insxps(pos, job))];
  if (product === 'psf') {
    const results = pos
      ? [
          pos.ra.toFixed(5),
          pos.dec.toFixed(5),
          raSexagesimal(pos.ra),
          decSexagesimal(pos.dec),
          pos.err90.toFixed(1),
          0,
          1,
          0,
          0,
          0,
          0,
        ].join('\t')
      : 'NOPOS';
    return [
      text('psf/results.dat', `${results}\n`),
      { path: 'psf/summed.gif', data: fieldPicture(`${id}:summed`) },
      { path: 'psf/centroid.img.gz', data: gzippedFits('centroiding image', { OBJECT: job.spec.name }) },
      { path: 'psf/centroid_ex.img.gz', data: gzippedFits('centroiding exposure map', { OBJECT: job.spec.name }) },
    ];
  }
  const files: FileEntry[] = [];
  if (pos) {
    files.push(
      text(
        'xastrom/corrpos.dat',
        `${[pos.ra.toFixed(5), pos.dec.toFixed(5), raSexagesimal(pos.ra), decSexagesimal(pos.dec), pos.err90.toFixed(1)].join('\t')}\n`,
      ),
    );
    files.push(
      text(
        'xastrom/xastrom_corr.dat',
        `${astrometricCorrection(id)
          .map((v) => v.toFixed(3))
          .join('\t')}\n`,
      ),
    );
  } else {
    files.push(text('xastrom/NOCORR', 'No astrometric correction could be determined.\n'));
  }
  files.push(
    { path: 'xastrom/orig.gif', data: fieldPicture(`${id}:orig`) },
    { path: 'xastrom/corrected.gif', data: fieldPicture(`${id}:corrected`) },
  );
  return files;
}

function enhancedFiles(job: Job, pos: Position | undefined): FileEntry[] {
  const id = String(job.id);
  if (!pos) return [];
  const overlaps = 3 + (job.id % 5);
  const lines = [
    job.spec.name,
    job.spec.targets.join(','),
    overlaps,
    (overlaps * 1234.5).toFixed(1),
    0,
    0,
    pos.ra.toFixed(5),
    pos.dec.toFixed(5),
    raSexagesimal(pos.ra),
    decSexagesimal(pos.dec),
    pos.err90.toFixed(1),
  ];
  return [
    text('enh/success.txt', `${lines.join('\n')}\n`),
    { path: 'enh/field.gif', data: fieldPicture(`${id}:enh`) },
    text('enh/field.ps', `%!PS-Adobe-3.0\n%%Title: ${job.spec.name} enhanced position (sandbox)\n%%EOF\n`),
  ];
}

function imageFiles(job: Job): FileEntry[] {
  const id = String(job.id);
  const bands = job.spec.imageBands ?? [];
  const files: FileEntry[] = [text('image/images.log', bands.map(([lo, hi], i) => `${i + 1}\t${lo}\t${hi}`).join('\n') + '\n')];
  bands.forEach(([lo, hi], i) => {
    files.push({
      path: `image/image${i + 1}.img.gz`,
      data: gzippedFits(`image ${lo}-${hi} keV`, { OBJECT: job.spec.name, E_MIN: lo, E_MAX: hi }),
    });
    files.push({ path: `image/image${i + 1}.gif`, data: fieldPicture(`${id}:image${i + 1}`) });
  });
  for (const map of ['summed_ex', 'summed_vignet_ex']) {
    files.push({
      path: `image/${map}.img.gz`,
      data: gzippedFits(map === 'summed_ex' ? 'exposure map, no vignetting' : 'exposure map, vignetting corrected', {
        OBJECT: job.spec.name,
      }),
    });
    files.push({ path: `image/${map}.gif`, data: exposurePicture(`${id}:${map}`) });
  }
  return files;
}

/** The real file set is unknown (§13.9): one tab-separated source list per band, plus an image. */
function sourceDetFiles(job: Job): FileEntry[] {
  const lists = sourceLists(String(job.id), job.spec);
  const files: FileEntry[] = [];
  for (const [band, rows] of Object.entries(lists)) {
    if (!rows) continue;
    const columns = rows.length > 0 ? Object.keys(rows[0]) : ['sno'];
    files.push(
      text(
        `sourceDet/sources_${band}.txt`,
        [columns.join('\t'), ...rows.map((row) => columns.map((c) => row[c]).join('\t'))].join('\n') + '\n',
      ),
    );
  }
  files.push({ path: 'sourceDet/image_Total.gif', data: fieldPicture(`${job.id}:sourceDet`) });
  return files;
}
