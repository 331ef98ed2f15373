// The submit-once guard of request files: while one is being sent (or validated), a second invocation
// for the same file — a double click, the lens and the title-bar button at once — does not send it
// again but is told so. A guard may also allow only one file at a time (TOO requests: each is a real
// request to the spacecraft team, and the duplicate check needs the first answer).

/** What the guard needs of a file: `toString()` identifies it (a vscode.Uri), `path` names it. */
interface GuardedFile {
  readonly path: string;
  toString(): string;
}

type Guarded<T> = { readonly ran: true; readonly result: T } | { readonly ran: false; readonly message: string };

interface SubmitOnceOptions {
  /** The verb in the message: "X is already being submitted." */
  readonly doing?: 'submitted' | 'validated';
  /** Only one file at a time; the message when another one is under way. */
  readonly oneAtATime?: string;
}

/** The file name shown in messages: the last part of its path. */
export function fileLabel(file: GuardedFile): string {
  return file.path.split('/').pop() || file.toString();
}

export class SubmitOnce {
  private readonly running = new Set<string>();

  constructor(private readonly options: SubmitOnceOptions = {}) {}

  /** Runs `work` unless this file (or, with `oneAtATime`, any file) is under way already. */
  async run<T>(file: GuardedFile, work: () => Promise<T>): Promise<Guarded<T>> {
    const key = file.toString();
    if (this.running.has(key)) return { ran: false, message: `${fileLabel(file)} is already being ${this.options.doing ?? 'submitted'}.` };
    if (this.options.oneAtATime !== undefined && this.running.size > 0) return { ran: false, message: this.options.oneAtATime };
    this.running.add(key);
    try {
      return { ran: true, result: await work() };
    } finally {
      this.running.delete(key);
    }
  }
}
