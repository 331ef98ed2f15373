// Where the campaign results table's rows come from inside VS Code: the campaign file as the editor has it
// (planned as Run Campaign plans it), its state file, the job list, the source folders, and the service's
// spectral fits of finished jobs (the downloaded files hold no fit values; ./campaignResults.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProductCommands } from '../../common/commandIds';
import type { CampaignResultsView } from '../../shared/campaignResultsModel';
import { readCampaignPlan } from '../../xrt/campaign/campaignDocument';
import { readCampaignState, stateFileOf } from '../../xrt/campaign/campaignState';
import type { JobRecord } from '../../xrt/jobs/jobRecord';
import type { JobRegistry } from '../../xrt/jobs/jobRegistry';
import type { XrtClient } from '../../xrt/client';
import { fetchJobProducts } from '../model/jobProducts';
import { buildCampaignResults } from './campaignResults';
import type { CampaignResultsSource } from './campaignResultsPanel';
import { campaignResultsCsv, campaignResultsJson } from './resultsExport';

export function campaignResultsSource(
  jobs: Pick<JobRegistry, 'get' | 'all'>,
  clientFor: (job: JobRecord) => XrtClient,
): CampaignResultsSource {
  return {
    build: async (campaign) => {
      const name = path.basename(campaign.fsPath);
      const { parsed, plan } = await readCampaignPlan(await vscode.workspace.openTextDocument(campaign));
      if (!plan) {
        const why = parsed.problems[0]?.message ?? parsed.syntaxErrors[0]?.message ?? 'it is not valid JSON';
        throw new Error(`${name} cannot be read: ${why}`);
      }
      const state = await readCampaignState(stateFileOf(campaign.fsPath));
      return buildCampaignResults(
        { campaignFile: campaign.fsPath, sources: plan.sources, state, records: jobs.all() },
        {
          spectralFits: async (jobId) => {
            const job = jobs.get(jobId);
            if (!job) return { ok: false, error: `XRT job ${jobId} is not in the job list.` };
            const data = await fetchJobProducts(clientFor(job), jobId, ['spec']);
            return data.spectrum ?? { ok: false, error: `XRT job ${jobId} has no spectrum.` };
          },
        },
      );
    },
    exportText: (view, format) => (format === 'csv' ? campaignResultsCsv(view) : campaignResultsJson(view)),
    openSource: async (view: CampaignResultsView, sourceId: string) => {
      const row = view.rows.find((r) => r.sourceId === sourceId);
      if (row?.jobId === undefined) {
        void vscode.window.showInformationMessage(`${sourceId} has no job yet: there is nothing to show.`);
        return;
      }
      await vscode.commands.executeCommand(ProductCommands.view, row.jobId);
    },
  };
}
