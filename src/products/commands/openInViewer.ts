// Open in Swift Product Viewer (Explorer): a job folder (or the folder holding one), or a single QDP light curve.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import { readProductFolder } from '../files/productFolder';
import { isProductParseError } from '../files/parseError';
import { modelFromFolder } from '../model/modelBuilder';
import { fileKey, folderKey } from '../viewer/viewerKeys';
import type { ProductsCommand, ViewOutcome } from './deps';
import { showModel, singleFileModel } from './viewerModels';

export const openInViewer: ProductsCommand =
  (deps) =>
  async (uri?: vscode.Uri): Promise<ViewOutcome> => {
    const target =
      uri instanceof vscode.Uri
        ? uri
        : (
            await deps.window.showOpenDialog({
              canSelectFolders: true,
              canSelectFiles: true,
              filters: { 'QDP light curves': ['qdp'] },
              openLabel: 'Open in Viewer',
            })
          )?.[0];
    if (!target) return { kind: 'nothing', message: 'nothing chosen' };
    const fsPath = target.fsPath;
    try {
      const info = await stat(fsPath);
      if (info.isFile()) {
        if (!/\.qdp$/i.test(fsPath)) throw new Error(`${path.basename(fsPath)} is not a QDP light curve or a product folder.`);
        return showModel(deps, await singleFileModel(fsPath), fileKey(fsPath), path.dirname(fsPath));
      }
      const summary = await readProductFolder(fsPath);
      if (summary.products.length === 0) {
        const message = summary.problems[0]?.message ?? `No XRT products in ${fsPath}.`;
        void deps.window.showWarningMessage(message);
        return { kind: 'nothing', message };
      }
      const known = summary.jobId ? deps.jobs.get(summary.jobId) : undefined;
      return showModel(deps, modelFromFolder(summary, known ?? {}), folderKey(fsPath), fsPath);
    } catch (error) {
      const reason = isProductParseError(error) ? error.message : describeError(error);
      const message = `Could not open ${fsPath} in the product viewer: ${reason}`;
      deps.log.error(message);
      void deps.window.showErrorMessage(message);
      return { kind: 'nothing', message };
    }
  };
