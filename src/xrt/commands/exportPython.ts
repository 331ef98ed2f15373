// Export Request as Python: the request file, checked as submission checks it, becomes a script for the
// official client (src/xrt/export/pythonScript.ts), opened as a new untitled Python document. Untitled,
// as the code generators of widely used extensions do (REST Client's "Generate Code Snippet", Thunder
// Client's code view): nothing is written to disk or overwritten without the user, who reads the
// script first and saves it where the paper's materials live.
//
// A campaign file is planned as Run Campaign plans it (src/xrt/commands/campaign.ts) and refused for the
// same file-level problems; its sources with problems of their own are left out of the script, each with
// a comment saying why (src/xrt/export/campaignPythonScript.ts).
import { fileLabel } from '../../editing/submitOnce';
import { xrtCampaignPythonScript, type CampaignPythonExport } from '../export/campaignPythonScript';
import { xrtPythonScript } from '../export/pythonScript';
import { checkRequestText } from '../request/requestCheck';
import type { XrtCommand, XrtDeps } from './deps';
import type * as vscode from 'vscode';

type ExportOutcome =
  | { readonly kind: 'opened'; readonly script: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] }
  | { readonly kind: 'no-file' };

/** The script, and for a campaign how many of its sources it holds and how many it leaves out. */
type ScriptOrProblems =
  | { readonly ok: true; readonly script: string; readonly sources?: number; readonly leftOut?: number }
  | { readonly ok: false; readonly problems: readonly string[] };

/** As src/editing/requestFiles.ts names campaign files (that module needs `vscode` at run time). */
const CAMPAIGN_FILE = /\.xrt-campaign\.json$/i;

async function requestScript(deps: XrtDeps, target: vscode.Uri): Promise<ScriptOrProblems> {
  const checked = checkRequestText(await deps.documents.text(target));
  return checked.request
    ? xrtPythonScript(checked.request, {
        fileName: fileLabel(target),
        userId: deps.settings().xrtUserId || undefined,
        version: deps.extensionVersion,
        date: new Date(),
      })
    : { ok: false, problems: checked.problems };
}

async function campaignScript(deps: XrtDeps, target: vscode.Uri): Promise<CampaignPythonExport> {
  const read = await deps.campaignPlan(target);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  const { plan } = read;
  const fileErrors = plan.problems.filter((p) => p.severity === 'error' && p.sourceId === undefined);
  if (fileErrors.length > 0) return { ok: false, problems: fileErrors.map((p) => p.message) };
  return xrtCampaignPythonScript(plan, {
    fileName: fileLabel(target),
    userId: deps.settings().xrtUserId || undefined,
    // As Run Campaign: the campaign's own limit, never above the setting.
    maxActiveJobs: Math.min(plan.maxActiveJobs, deps.settings().maxActiveJobs),
    version: deps.extensionVersion,
    date: new Date(),
  });
}

export const exportPython: XrtCommand =
  (deps) =>
  async (uri?: unknown): Promise<ExportOutcome> => {
    const target = deps.documents.requestFile(uri);
    if (!target) {
      void deps.window.showWarningMessage(
        'Open an XRT request file (*.xrt.json) or campaign file (*.xrt-campaign.json) to export it as Python, or choose one in the Explorer.',
      );
      return { kind: 'no-file' };
    }
    const campaign = CAMPAIGN_FILE.test(target.path);
    const result: ScriptOrProblems = campaign ? await campaignScript(deps, target) : await requestScript(deps, target);
    if (!result.ok) {
      const n = result.problems.length;
      void deps.window.showErrorMessage(`${fileLabel(target)} was not exported as Python: it has ${n} problem${n === 1 ? '' : 's'}.`, {
        modal: false,
        detail: result.problems.join('\n'),
      });
      deps.log.info(`Not exported as Python ${target.fsPath}: ${result.problems.join('; ')}`);
      return { kind: 'invalid', problems: result.problems };
    }
    await deps.documents.openUntitled('python', result.script);
    if (result.leftOut !== undefined && result.leftOut > 0) {
      const total = result.leftOut + (result.sources ?? 0);
      void deps.window.showWarningMessage(
        `${result.leftOut} of the ${total} sources of ${fileLabel(target)} have problems and were left out of the script (each with a comment saying why).`,
      );
    }
    return { kind: 'opened', script: result.script };
  };
