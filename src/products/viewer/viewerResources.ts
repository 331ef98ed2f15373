// Which files of a model the webview may load: every path the model names, resolved against the job's
// folder and kept only when it stays inside it. The webview's `localResourceRoots` enforce the same
// boundary; checking here as well gives the user a clear "not in the job folder" instead of a broken image.
import * as path from 'node:path';
import type { ViewerModel } from '../../shared/viewModel';

/** Every file path the model mentions, in document order, without duplicates. */
export function modelFilePaths(model: ViewerModel): string[] {
  const paths: (string | undefined)[] = [];
  for (const interval of model.spectrum?.intervals ?? []) {
    paths.push(interval.dataFilePath);
    for (const mode of interval.modes) for (const fit of mode.fits) paths.push(fit.plotPath);
  }
  for (const p of [model.positions?.standard, model.positions?.enhanced, model.positions?.astrometric])
    paths.push(...(p?.imagePaths ?? []));
  for (const band of model.image?.bands ?? []) paths.push(band.gifPath, band.fitsPath);
  for (const map of model.image?.exposureMaps ?? []) paths.push(map.gifPath, map.fitsPath);
  return [...new Set(paths.filter((p): p is string => typeof p === 'string' && p !== ''))];
}

/**
 * The absolute path of `modelPath` when it lies inside `folder` (relative paths are taken from the
 * folder), else undefined. Lexical check: the extraction step already refuses symbolic links.
 */
export function resolveInsideFolder(folder: string, modelPath: string): string | undefined {
  const root = path.resolve(folder);
  const resolved = path.resolve(root, modelPath);
  const relative = path.relative(root, resolved);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return resolved;
}
