// The TOO Requests view's row commands: Show Details (a readable summary, the raw record one click away), Copy ID
// and Query Target (the visibility query of the request's position).
import { tooQueryCommand } from '../../common/commandIds';
import type * as vscode from 'vscode';
import type { TooTreeNode } from '../views/tooRequestsTree';
import type { TooCommand, TooDeps } from './deps';

/** Registered by the queries UI (src/too/queries); called with `{ ra, dec, name }`. */
const VISIBILITY_QUERY_COMMAND = tooQueryCommand('visibility');

/** The TOO a row command is about: the row given, or else the first selected one; message rows have none. */
function rowTooId(deps: TooDeps, node?: TooTreeNode): number | undefined {
  const row = node ?? deps.selection()[0];
  return row && row.kind !== 'message' ? row.tooId : undefined;
}

export const showDetail: TooCommand = (deps) => async (node?: TooTreeNode) => {
  const tooId = rowTooId(deps, node);
  if (tooId === undefined) return;
  const target = (await deps.store.detailed(tooId))?.target_name ?? deps.store.record(tooId)?.target_name ?? 'TOO';
  await deps.openDetail(tooId, target);
};

/** A URI as VS Code passes it to an editor-title command (checked by shape: this module imports no `vscode` at run time). */
function isUri(value: unknown): value is vscode.Uri {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { scheme?: unknown }).scheme === 'string' &&
    typeof (value as { path?: unknown }).path === 'string'
  );
}

/** From the editor title bar of a detail document: the record exactly as the service sent it. */
export const showRawDetail: TooCommand = (deps) => async (uri?: unknown) => {
  await deps.openRawDetail(isUri(uri) ? uri : undefined);
};

export const copyId: TooCommand = (deps) => async (node?: TooTreeNode) => {
  const tooId = rowTooId(deps, node);
  if (tooId !== undefined) await deps.clipboard.writeText(String(tooId));
};

export const queryTarget: TooCommand = (deps) => async (node?: TooTreeNode) => {
  const tooId = rowTooId(deps, node);
  const record = tooId !== undefined ? deps.store.record(tooId) : undefined;
  if (!record || typeof record.ra !== 'number' || typeof record.dec !== 'number') return;
  await deps.executeCommand(VISIBILITY_QUERY_COMMAND, { ra: record.ra, dec: record.dec, name: record.target_name ?? `TOO ${tooId}` });
};
