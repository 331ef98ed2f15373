// Checks of the arguments TOO commands accept from code (never from menus, which pass URIs and rows).
import * as vscode from 'vscode';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri);
}
