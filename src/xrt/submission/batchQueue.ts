// Submitting many request files as a queue that keeps at most `maxActiveJobs` jobs active on the
// service at once (the UKSSDC asks users not to submit en masse). The queue is a file in
// globalStorage, so it survives a window reload; each file is taken off the queue under a lock before
// it is sent, so no file is ever submitted twice, even with several windows open.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import { withFileLock, writeFileAtomic } from '../../common/fileLock';
import type { XrtClient } from '../client';
import { XRT_REQUEST_SUFFIX, isXrtRequestUri } from '../../editing/requestFiles';
import { submitRequestFile, type SubmitDeps, type SubmitOutcome } from './submitRequest';
import { BATCH_QUEUE_FILE } from '../storageFiles';

const BATCH_FILE = BATCH_QUEUE_FILE;
/** A window that has not touched the queue for this long is taken to be gone. */
const OWNER_STALE_MS = 60_000;

interface QueueFile {
  version: 1;
  items: string[];
  owner?: string;
  heartbeat?: number;
}

interface BatchSummary {
  submitted: string[];
  refused: string[];
  failed: string[];
  remaining: number;
}

export class BatchQueue implements vscode.Disposable {
  private running: Promise<BatchSummary> | undefined;
  private readonly owner = `${vscode.env.sessionId}-${process.pid}`;
  private readonly abort = new AbortController();

  constructor(
    private readonly dir: string,
    private readonly deps: SubmitDeps,
    private readonly client: () => Promise<XrtClient | undefined>,
    private readonly maxActive: () => number,
    private readonly log: vscode.LogOutputChannel,
    /** Seconds between looks at the service's active-job count while the queue waits. */
    private readonly waitSeconds: () => number = () => 15,
  ) {}

  private get file(): string {
    return path.join(this.dir, BATCH_FILE);
  }

  /** Adds files (folders are searched for `*.xrt.json`) and starts the queue if it is not running. */
  async enqueue(uris: readonly vscode.Uri[]): Promise<BatchSummary | undefined> {
    const files = (await Promise.all(uris.map((u) => expand(u)))).flat();
    if (files.length === 0) {
      void vscode.window.showWarningMessage('No XRT request files (*.xrt.json) were selected.');
      return undefined;
    }
    await this.change((q) => {
      for (const f of files) if (!q.items.includes(f)) q.items.push(f);
    });
    this.log.info(`Batch: queued ${files.length} XRT request file(s)`);
    return this.run();
  }

  /** After a reload: carries on with a queue left unfinished, unless another window is working on it. */
  async resume(): Promise<BatchSummary | undefined> {
    const q = await this.read();
    if (q.items.length === 0) return undefined;
    this.log.info(`Batch: resuming ${q.items.length} queued XRT request file(s)`);
    return this.run();
  }

  pending(): Promise<string[]> {
    return this.read().then((q) => q.items);
  }

  run(): Promise<BatchSummary> {
    this.running ??= this.process().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async process(): Promise<BatchSummary> {
    const summary: BatchSummary = { submitted: [], refused: [], failed: [], remaining: 0 };
    const claimed = await this.change((q) => {
      const live = q.owner && q.owner !== this.owner && Date.now() - (q.heartbeat ?? 0) < OWNER_STALE_MS;
      if (live) return false;
      q.owner = this.owner;
      q.heartbeat = Date.now();
      return true;
    });
    if (!claimed) {
      summary.remaining = (await this.read()).items.length;
      return summary;
    }
    const total = (await this.read()).items.length;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'XRT batch', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.abort.abort());
        try {
          await this.loop(summary, total, progress, token);
        } finally {
          const left = await this.change((q) => {
            if (token.isCancellationRequested) q.items = [];
            q.owner = undefined;
            return q.items.length;
          });
          summary.remaining = left;
        }
        this.report(summary, token.isCancellationRequested);
        return summary;
      },
    );
  }

  private async loop(
    summary: BatchSummary,
    total: number,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const step = total > 0 ? 100 / total : 0;
    while (!token.isCancellationRequested) {
      const next = (await this.read()).items[0];
      if (!next) return;
      const client = await this.client();
      if (!client) return;
      let active: number;
      try {
        active = (await client.countActiveJobs(this.abort.signal)).numJobs;
      } catch (error) {
        progress.report({ message: `could not count active jobs (${describeError(error)}); trying again…` });
        await this.wait(token);
        continue;
      }
      const limit = this.maxActive();
      if (active >= limit) {
        progress.report({ message: `${summary.submitted.length}/${total} submitted — waiting: ${active} active (limit ${limit})` });
        await this.touch();
        await this.wait(token);
        continue;
      }
      // Taken off the queue before sending: a crash now loses the file from the queue but never sends it twice.
      const item = await this.change((q) => {
        q.heartbeat = Date.now();
        return q.items.shift();
      });
      if (!item) return;
      const uri = vscode.Uri.parse(item);
      const name = uri.path.split('/').pop() ?? item;
      progress.report({ message: `${summary.submitted.length}/${total} submitted — sending ${name}`, increment: step });
      let outcome: SubmitOutcome;
      try {
        outcome = await submitRequestFile(this.deps, uri, { quiet: true, signal: this.abort.signal });
      } catch (error) {
        outcome = { kind: 'failed', message: describeError(error) };
      }
      if (outcome.kind === 'submitted') summary.submitted.push(name);
      else if (outcome.kind === 'invalid' || outcome.kind === 'rejected') summary.refused.push(name);
      else if (outcome.kind !== 'cancelled') summary.failed.push(name);
      this.log.info(`Batch: ${name}: ${outcome.kind}${'message' in outcome ? ` — ${outcome.message}` : ''}`);
    }
  }

  private report(summary: BatchSummary, cancelled: boolean): void {
    const parts = [`${summary.submitted.length} submitted`];
    if (summary.refused.length > 0) parts.push(`${summary.refused.length} refused (${summary.refused.join(', ')})`);
    if (summary.failed.length > 0) parts.push(`${summary.failed.length} failed (${summary.failed.join(', ')})`);
    const text = `XRT batch ${cancelled ? 'stopped' : 'finished'}: ${parts.join(', ')}.`;
    if (summary.refused.length + summary.failed.length > 0)
      void vscode.window.showWarningMessage(`${text} See the Problems view and the Swift Observatory log.`);
    else void vscode.window.showInformationMessage(text);
  }

  private wait(token: vscode.CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, this.waitSeconds()) * 1000);
      const sub = token.onCancellationRequested(done);
      function done(): void {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }

  private touch(): Promise<void> {
    return this.change((q) => {
      q.heartbeat = Date.now();
    });
  }

  private async read(): Promise<QueueFile> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<QueueFile>;
      return {
        version: 1,
        items: Array.isArray(parsed.items) ? parsed.items.filter((i): i is string => typeof i === 'string') : [],
        owner: parsed.owner,
        heartbeat: parsed.heartbeat,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, items: [] };
      if (error instanceof SyntaxError) {
        this.log.warn(`The XRT batch queue file was unreadable and has been reset: ${error.message}`);
        return { version: 1, items: [] };
      }
      throw error;
    }
  }

  private async change<T>(apply: (q: QueueFile) => T): Promise<T> {
    await fs.mkdir(this.dir, { recursive: true });
    return withFileLock(`${this.file}.lock`, async () => {
      const q = await this.read();
      const result = apply(q);
      await writeFileAtomic(this.file, JSON.stringify(q));
      return result;
    });
  }

  dispose(): void {
    this.abort.abort();
  }
}

async function expand(uri: vscode.Uri): Promise<string[]> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    // A path that vanished between selection and now: nothing to queue.
    return [];
  }
  if (stat.type & vscode.FileType.Directory) {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, `**/*${XRT_REQUEST_SUFFIX}`), '**/node_modules/**');
    return found.map((u) => u.toString()).sort();
  }
  return isXrtRequestUri(uri) ? [uri.toString()] : [];
}
