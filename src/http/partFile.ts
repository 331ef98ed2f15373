// The `.part` file a download writes into (src/http/download.ts), given up after a failure. A write stream
// opens its file on Node's thread pool: destroyed before that finished, it still creates the file, after a
// removal made meanwhile, and an interrupted download left a `.part` behind (seen once in CI, on a loaded
// machine). So the stream is destroyed, its closing waited for, and only then the file removed.
import type { WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

export async function discardPartFile(sink: WriteStream | undefined, partFile: string): Promise<void> {
  if (sink) {
    sink.destroy();
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
  }
  await rm(partFile, { force: true });
}
