// The XRT product generator user ID: the e-mail address registered with the UKSSDC, kept in the user
// settings. Asked for once when a command needs it and none is set; changed with Set User ID.
import * as vscode from 'vscode';
import { CONFIG_SECTION, readSettings } from '../config';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TITLE = 'XRT product generator user ID';

function validateUserId(value: string): string | undefined {
  return EMAIL.test(value.trim()) ? undefined : 'Enter the e-mail address you registered with the UKSSDC.';
}

async function saveUserId(userId: string): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update('xrt.userId', userId, vscode.ConfigurationTarget.Global);
}

/** The configured user ID, asked for once (and saved) when it is empty. */
export async function ensureUserId(): Promise<string | undefined> {
  const current = readSettings().xrtUserId;
  if (current) return current;
  const entered = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The e-mail address you registered and verified with the UK Swift Science Data Centre. It is saved in your user settings.',
    placeHolder: 'you@example.org',
    ignoreFocusOut: true,
    validateInput: validateUserId,
  });
  if (!entered) return undefined;
  await saveUserId(entered.trim());
  return entered.trim();
}

/** Set User ID: the current ID to edit; an empty answer keeps it. */
export async function askForUserId(): Promise<void> {
  const current = readSettings().xrtUserId;
  const entered = await vscode.window.showInputBox({ title: TITLE, value: current, ignoreFocusOut: true, validateInput: validateUserId });
  if (entered) await saveUserId(entered.trim());
}
