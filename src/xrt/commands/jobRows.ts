// Refresh and Open Web Page: the two row commands that only read a job.
import * as vscode from 'vscode';
import type { XrtTreeNode } from '../views/xrtJobsTree';
import { selectedJobs, type XrtCommand } from './deps';

export const refresh: XrtCommand = (deps) => async (node?: XrtTreeNode) => {
  await deps.scheduler.refreshNow(node && 'jobId' in node ? [node.jobId] : undefined);
};

export const openWebPage: XrtCommand = (deps) => (node?: XrtTreeNode) => {
  const job = selectedJobs(deps, node)[0];
  if (job) void deps.env.openExternal(vscode.Uri.parse(job.url));
};
