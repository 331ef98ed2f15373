// Every command the manifest contributes is registered at activation as a stand-in: the first call
// loads the runtime bundle, whose features register the real handlers through the handover (which
// replaces the stand-in of the same ID), and is then forwarded with its arguments; its result is the
// caller's. Data-driven from package.json `contributes.commands`, so a command added there (and to a
// feature's command table) gets its stand-in without an edit here; test/unit/startup checks that every
// command ID the features use is contributed.
import type * as vscode from 'vscode';

type Handler = (...args: unknown[]) => unknown;

/** The IDs of package.json `contributes.commands` (VS Code hands the manifest over untyped). */
export function contributedCommandIds(manifest: unknown): string[] {
  const commands = (manifest as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  if (!Array.isArray(commands)) return [];
  return commands
    .map((c: unknown) => (typeof c === 'object' && c !== null ? (c as { command?: unknown }).command : undefined))
    .filter((id): id is string => typeof id === 'string');
}

export class CommandStandIns implements vscode.Disposable {
  private readonly standIns = new Map<string, vscode.Disposable>();
  private readonly handlers = new Map<string, Handler>();

  /**
   * `load`: loads the runtime (once; later calls return the same promise), saying why. `onForwarded`:
   * told how long each command that came through a stand-in took once the features were there (for the log).
   */
  constructor(
    private readonly commands: Pick<typeof vscode.commands, 'registerCommand'>,
    ids: readonly string[],
    private readonly load: (reason: string) => Promise<unknown>,
    private readonly onForwarded?: (id: string, ms: number) => void,
  ) {
    for (const id of new Set(ids))
      this.standIns.set(
        id,
        commands.registerCommand(id, (...args: unknown[]) => this.forward(id, args)),
      );
  }

  /** IDs whose stand-in is still registered (the runtime has not replaced it). */
  waiting(): string[] {
    return [...this.standIns.keys()];
  }

  /** The runtime's registration of `id`: the stand-in goes, in the same turn, so no call finds neither. */
  register(id: string, handler: Handler): vscode.Disposable {
    this.standIns.get(id)?.dispose();
    this.standIns.delete(id);
    const registered = this.commands.registerCommand(id, handler);
    this.handlers.set(id, handler);
    return {
      dispose: () => {
        registered.dispose();
        if (this.handlers.get(id) === handler) this.handlers.delete(id);
      },
    };
  }

  private async forward(id: string, args: unknown[]): Promise<unknown> {
    await this.load(`the command ${id}`);
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`Swift Observatory: the command ${id} is contributed but no feature registered it.`);
    const start = performance.now();
    try {
      return await handler(...args);
    } finally {
      this.onForwarded?.(id, performance.now() - start);
    }
  }

  dispose(): void {
    for (const standIn of this.standIns.values()) standIn.dispose();
    this.standIns.clear();
  }
}
