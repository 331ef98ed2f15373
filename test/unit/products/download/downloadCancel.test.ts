// Cancelling a product download, at any moment, is reported as a cancellation (never as an error
// naming an internal staging path) and leaves nothing behind.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isServiceError } from '../../../../src/http/errors';
import { downloadProducts } from '../../../../src/products/download/productDownload';
import type { DownloadProgress } from '../../../../src/http/download';
import type { Sandbox } from '../../../sandbox/server';
import { servedFinishedJob } from '../../../support/sandboxJob';

describe('products: a cancelled download', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let jobId: string;
  let jobUrl: string;
  let root: string;

  before(async () => {
    ({ sandbox, jobId, jobUrl } = await servedFinishedJob());
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'swift-cancel-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function cancelledWhen(abortOn: (p: DownloadProgress, controller: AbortController) => void, atOnce = false): Promise<void> {
    const controller = new AbortController();
    if (atOnce) controller.abort();
    const download = downloadProducts({
      jobId,
      jobName: 'GRB',
      jobUrl,
      stem: 'all',
      downloadRoot: root,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
      signal: controller.signal,
      onProgress: (p) => abortOn(p, controller),
    });
    await assert.rejects(download, (error: unknown) => {
      assert.ok(isServiceError(error) && error.kind === 'cancelled', `a cancellation, not ${String(error)}`);
      assert.ok(!error.message.includes(root) && !/partial/.test(error.message), `no internal path in "${error.message}"`);
      return true;
    });
    assert.deepEqual(readdirSync(root), [], 'nothing left behind');
  }

  it('mid-way through the bytes', async () => {
    sandbox.xrt.setArchivePadding?.(16 * 1024 * 1024);
    try {
      await cancelledWhen((p, c) => {
        if (p.receivedBytes > 256 * 1024) c.abort();
      });
    } finally {
      sandbox.xrt.setArchivePadding?.(0);
    }
  });

  it('once every byte has arrived, before it is unpacked', async () => {
    const whole = await downloadProducts({
      jobId,
      jobName: 'GRB',
      jobUrl,
      stem: 'all',
      downloadRoot: join(root, 'first'),
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
    });
    rmSync(join(root, 'first'), { recursive: true, force: true });
    await cancelledWhen((p, c) => {
      if (p.receivedBytes >= whole.archiveBytes) c.abort();
    });
  });

  it('the moment it starts', async () => {
    await cancelledWhen(() => undefined, true);
  });
});
