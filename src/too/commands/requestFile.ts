// The commands on TOO request files: New Request (from a template), Validate and Submit (both in
// src/too/submission/submitToo.ts).
import * as vscode from 'vscode';
import { TOO_REQUEST_SUFFIX, createRequestFile, isTooRequestUri, requestFileName } from '../../editing/requestFiles';
import { TOO_TEMPLATES, templateFileStem } from '../request/tooTemplates';
import { submitTooFile, validateTooFile, type TooFileOutcome } from '../submission/submitToo';
import { isPlainObject } from './arguments';
import type { TooCommand, TooDeps } from './deps';

/** The request file given, or else the active editor's when it is one. */
function requestUri(uri?: vscode.Uri): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isTooRequestUri(doc.uri) ? doc.uri : undefined;
}

function noFile(deps: TooDeps): undefined {
  void deps.window.showWarningMessage('Open a TOO request file (*.too.json) first, or choose one in the Explorer.');
  return undefined;
}

export const newRequest: TooCommand = (deps) => async (templateId?: string) => {
  const template =
    TOO_TEMPLATES.find((t) => t.id === templateId) ??
    (
      await deps.window.showQuickPick(
        TOO_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
        { title: 'New TOO Request', placeHolder: 'Start from…' },
      )
    )?.template;
  if (!template) return undefined;
  return createRequestFile(requestFileName(templateFileStem(template), template.id, TOO_REQUEST_SUFFIX), template.body);
};

export const validate: TooCommand = (deps) => async (uri?: vscode.Uri) => {
  const target = requestUri(uri);
  return target ? validateTooFile(deps.submit, target) : noFile(deps);
};

// The second argument is the only way to skip the confirmation: menus pass (uri, uris[]), the
// palette and keybindings pass nothing or one argument, so only code can confirm in advance, and
// only this extension's own test runs may (another extension must never file a TOO unconfirmed).
export const submit: TooCommand =
  (deps) =>
  async (uri?: vscode.Uri, options?: unknown): Promise<TooFileOutcome | undefined> => {
    const target = requestUri(uri);
    if (!target) return noFile(deps);
    const confirmed = deps.unattended && isPlainObject(options) && typeof options.confirm === 'boolean' ? options.confirm : undefined;
    return submitTooFile(deps.submit, target, { confirmed });
  };
