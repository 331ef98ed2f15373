// A campaign document's plan, as the editor has it: the campaign's text (saved or not) and its source table,
// from the table's open editor when there is one (unsaved edits included), else from disk. One reading for
// the diagnostics (campaignDiagnostics.ts) and Run Campaign (src/xrt/commands/campaign.ts), so a campaign
// runs exactly the plan its diagnostics show.
import * as vscode from 'vscode';
import { parseJsonDocument, type ParsedJsonDocument } from '../../editing/jsonLocations';
import { planCampaign, sourceTableFileOf, type CampaignPlan, type SourceTableText } from './campaignPlan';

/** Larger tables are refused rather than read into the editor's extension host on every keystroke. */
const MAX_TABLE_BYTES = 5 * 1024 * 1024;

/** The parsed document and its plan; no plan when the text is not JSON (the JSON language service says why). */
export async function readCampaignPlan(document: vscode.TextDocument): Promise<{ parsed: ParsedJsonDocument; plan?: CampaignPlan }> {
  const parsed = parseJsonDocument(document.getText());
  if (parsed.value === undefined) return { parsed };
  const file = sourceTableFileOf(parsed.value);
  const table = file === undefined ? undefined : await readTable(document.uri, file);
  return { parsed, plan: planCampaign(parsed.value, table) };
}

/** The table's text: from its open editor if there is one, else from disk; or why it cannot be read. */
async function readTable(campaign: vscode.Uri, file: string): Promise<SourceTableText> {
  if (campaign.scheme === 'untitled') return { error: 'save the campaign first: its source table is looked for next to it' };
  const uri = vscode.Uri.joinPath(campaign, '..', ...file.split(/[\\/]/));
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText() };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_TABLE_BYTES) return { error: `it is larger than ${MAX_TABLE_BYTES / 1024 / 1024} MB` };
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    // Shown on the campaign's `file` key: the user sees why, and the check goes on without the table.
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound')
      return { error: `there is no such file next to the campaign` };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
