// The viewer models the product commands show, and the rebuild of a stored panel after a window reload:
// from the service's replies for a job (with its downloaded folder, when it is still there), from a
// product folder, or from a single QDP light curve.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { describeError } from '../../http/errors';
import type { ViewerModel } from '../../shared/viewModel';
import type { ViewerWebviewState } from '../../shared/viewerProtocol';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import { lightCurveDatasets } from '../files/lightCurveFiles';
import { readProductFolder, type ProductFolderSummary } from '../files/productFolder';
import { parseQdp } from '../files/qdp';
import { fetchJobProducts } from '../model/jobProducts';
import { modelFromFolder, modelFromJobData, modelFromLightCurveFile } from '../model/modelBuilder';
import { withRebinnedCurves } from '../model/rebinnedCurves';
import { subjectOfKey } from '../viewer/viewerKeys';
import type { ProductsDeps, ViewOutcome } from './deps';
import { completeProducts } from './jobArgument';

/** The summary of a job's downloaded folder, when it is still there. */
async function downloadedFolder(deps: ProductsDeps, folder: string | undefined): Promise<ProductFolderSummary | undefined> {
  if (!folder) return undefined;
  const isDir = await stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    deps.log.info(`The download folder ${folder} is gone; showing the service's data only.`);
    return undefined;
  }
  return readProductFolder(folder);
}

export async function jobModel(
  deps: ProductsDeps,
  job: JobRecord,
  folderPath: string | undefined,
  signal?: AbortSignal,
  selectedRebinId?: number,
): Promise<ViewerModel> {
  const products = completeProducts(job);
  const [data, folder] = await Promise.all([
    fetchJobProducts(deps.clientFor(job), job.jobId, products, signal),
    downloadedFolder(deps, folderPath),
  ]);
  // The rebinned curves with incbad and nosys "both", as the job's own (the viewer's toggles then apply).
  const model = await withRebinnedCurves(
    modelFromJobData(job, data, folder),
    job,
    (rebin, s) => deps.rebinClientFor(rebin.rebinUrl).lightCurve(rebin.rebinId, { incbad: 'both', nosys: 'both' }, s),
    selectedRebinId,
    signal,
  );
  const needFiles = products.filter((p) => p === 'image').length > 0 && !model.image;
  if (!needFiles) return model;
  const note = {
    severity: 'info',
    product: 'image',
    message: 'Images are shown once the products are downloaded (Download Products).',
  } as const;
  return { ...model, problems: [...model.problems, note] };
}

export async function singleFileModel(file: string): Promise<ViewerModel> {
  const text = await readFile(file, 'utf8');
  const name = path.basename(file);
  const parsed = parseQdp(text, name);
  const { datasets } = lightCurveDatasets(parsed, name);
  return modelFromLightCurveFile({ file: name, tables: parsed.tables, datasets }, name);
}

/** Shows `model` in the viewer of `key`, logging its problems; the outcome says what was shown. */
export function showModel(deps: ProductsDeps, model: ViewerModel, key: string, folder: string | undefined): ViewOutcome {
  for (const p of model.problems) deps.log.warn(`Product viewer (${model.job.id}): ${p.product ? `${p.product}: ` : ''}${p.message}`);
  deps.viewer.show(model, key, folder);
  const sections = (['lightCurve', 'spectrum', 'positions', 'image', 'sourceDetection'] as const).filter((s) => model[s] !== undefined);
  return { kind: 'shown', jobKey: key, sections, problems: model.problems.length };
}

/** What the panel serializer calls after a window reload: the model rebuilt from the stored state. */
export async function restoredModel(deps: ProductsDeps, state: ViewerWebviewState): Promise<ViewerModel | undefined> {
  try {
    const subject = subjectOfKey(state.jobKey);
    if (subject?.kind === 'job') {
      const job = deps.jobs.get(subject.jobId);
      if (job) return await jobModel(deps, job, state.folder ?? job.downloadFolder);
      const folder = await downloadedFolder(deps, state.folder);
      return folder ? modelFromFolder(folder) : undefined;
    }
    if (subject?.kind === 'folder') {
      const folder = await downloadedFolder(deps, subject.path);
      return folder && folder.products.length > 0
        ? modelFromFolder(folder, folder.jobId ? (deps.jobs.get(folder.jobId) ?? {}) : {})
        : undefined;
    }
    if (subject?.kind === 'file') return await singleFileModel(subject.path);
    deps.log.warn(`Product viewer: a stored panel has an unknown key "${state.jobKey}"; it is not restored.`);
    return undefined;
  } catch (error) {
    // The serializer then shows "no longer available"; the reason belongs in the log.
    deps.log.warn(`Product viewer: could not restore ${state.jobKey}: ${describeError(error)}`);
    return undefined;
  }
}
