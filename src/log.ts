// One LogOutputChannel for the whole extension. Nothing secret may be passed to it.
import * as vscode from 'vscode';
import { handedOverLog } from './common/startupHandover';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  // The runtime bundle writes to the entry bundle's channel: one "Swift Observatory" log, not two.
  channel ??= handedOverLog() ?? vscode.window.createOutputChannel('Swift Observatory', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
