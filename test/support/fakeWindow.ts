// Fakes of the UI parts that command handlers receive in their deps (src/common/commandTable.ts
// CommandWindow, a log channel), for unit tests on Node where there is no `vscode` module: each call is
// recorded, and each question is answered from a script the test sets up.
import type * as vscode from 'vscode';
import type { CommandWindow } from '../../src/common/commandTable';

export interface WindowCall {
  readonly method: keyof CommandWindow;
  readonly args: readonly unknown[];
}

const METHODS = [
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'showQuickPick',
  'showInputBox',
  'showOpenDialog',
] as const;

export class FakeWindow {
  readonly calls: WindowCall[] = [];
  private readonly scripted = new Map<keyof CommandWindow, unknown[]>();

  /** The answers the next calls of `method` get, in order; afterwards each call gets undefined (dismissed). */
  answer(method: keyof CommandWindow, ...values: unknown[]): this {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...values]);
    return this;
  }

  /** The first argument (the text) of each call of `method`. */
  texts(method: keyof CommandWindow): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args[0]);
  }

  get window(): CommandWindow {
    const fake: Record<string, unknown> = {};
    for (const method of METHODS) {
      fake[method] = (...args: unknown[]) => {
        this.calls.push({ method, args });
        return Promise.resolve(this.scripted.get(method)?.shift());
      };
    }
    fake.withProgress = (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
      Promise.resolve(
        task(
          { report: () => undefined },
          { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) },
        ),
      );
    // The overloads of vscode.window's functions cannot all be written out; the fake answers each with its script.
    return fake as unknown as CommandWindow;
  }
}

export interface FakeLog {
  readonly lines: string[];
  readonly channel: vscode.LogOutputChannel;
}

/** A log channel that keeps `level: text` lines. */
export function fakeLog(): FakeLog {
  const lines: string[] = [];
  const at = (level: string) => (text: string) => void lines.push(`${level}: ${text}`);
  const channel = { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), show: () => undefined };
  // Only the methods above are used by the handlers under test.
  return { lines, channel: channel as unknown as vscode.LogOutputChannel };
}
