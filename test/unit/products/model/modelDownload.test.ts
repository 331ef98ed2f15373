// A sandbox job end to end without VS Code: download into `<JobID>-<name>/` through a staging
// folder, unpack, read the folder, build the model with and without the service; failures leave
// nothing that looks finished. Also the download-folder rules and the progress text.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveDownloadRoot } from '../../../../src/products/download/downloadRoot';
import { fetchJobProducts } from '../../../../src/products/model/jobProducts';
import { modelFromFolder, modelFromJobData } from '../../../../src/products/model/modelBuilder';
import { downloadProducts, ProductArchiveError } from '../../../../src/products/download/productDownload';
import { readProductFolder } from '../../../../src/products/files/productFolder';
import { downloadProgressReporter } from '../../../../src/http/downloadProgress';
import type { DownloadProgress } from '../../../../src/http/download';
import { isServiceError } from '../../../../src/http/errors';
import type { XrtClient } from '../../../../src/xrt/client';
import type { Sandbox } from '../../../sandbox/server';
import { ALL_PRODUCTS_REQUEST, servedFinishedJob } from '../../../support/sandboxJob';
import { startLocalServer, type LocalServer } from '../../../support/localServer';

describe('products: download into the job folder and the model of a sandbox job', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: XrtClient;
  let jobId: string;
  let jobUrl: string;
  let root: string;
  const NAME = String(ALL_PRODUCTS_REQUEST.name);

  before(async () => {
    ({ sandbox, client, jobId, jobUrl } = await servedFinishedJob());
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    sandbox.faults.clear();
    root = mkdtempSync(join(tmpdir(), 'swift-dl-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const download = (stem: 'all' | 'lc' | 'spec', extra: { jobUrl?: string; signal?: AbortSignal } = {}) =>
    downloadProducts({
      jobId,
      jobName: NAME,
      jobUrl: extra.jobUrl ?? jobUrl,
      stem,
      downloadRoot: root,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
      ...(extra.signal ? { signal: extra.signal } : {}),
    });

  it('downloads all.tar.gz into <JobID>-<name>/ and the model matches the service’s data', async () => {
    const progress: number[] = [];
    const result = await downloadProducts({
      jobId,
      jobName: NAME,
      jobUrl,
      stem: 'all',
      downloadRoot: root,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
      onProgress: (p) => progress.push(p.receivedBytes),
    });
    assert.equal(result.folder, join(root, `${jobId}-GRB_200416A`));
    assert.ok(existsSync(join(result.folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp')));
    assert.deepEqual(readdirSync(root), [`${jobId}-GRB_200416A`], 'no staging folder or archive left behind');
    assert.deepEqual(result.refused, []);
    assert.equal(progress.at(-1), result.archiveBytes);

    const folder = await readProductFolder(result.folder);
    const offline = modelFromFolder(folder);
    assert.equal(offline.job.id, jobId);
    for (const key of ['lightCurve', 'spectrum', 'positions', 'image', 'sourceDetection'] as const)
      assert.ok(offline[key], `offline model has ${key}`);

    const data = await fetchJobProducts(client, jobId, ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet']);
    const online = modelFromJobData({ jobId, name: NAME, url: jobUrl }, data, folder);
    assert.deepEqual(
      online.problems.filter((p) => p.severity === 'error'),
      [],
    );
    // The files and the JSON agree: the detections the QDP file holds are the ones getLCData sent.
    const fromFile = offline.lightCurve!.datasets.find((d) => d.name === 'PC')!;
    const fromJson = online.lightCurve!.datasets.find((d) => d.name === 'PC')!;
    assert.equal(fromFile.columns.Time.length, fromJson.columns.Time.length);
    fromJson.columns.Rate!.forEach((rate, i) =>
      assert.ok(Math.abs(rate - fromFile.columns.Rate![i]!) <= 1e-6 * Math.max(1, Math.abs(rate)), `rate ${i}`),
    );
    // Fit plots named in the reply were found in the folder.
    const fits = online.spectrum!.intervals.flatMap((i) => i.modes.flatMap((m) => m.fits));
    assert.ok(fits.length > 0 && fits.every((f) => f.plotPath && existsSync(f.plotPath)), JSON.stringify(fits.map((f) => f.plotPath)));
    assert.ok(online.image!.bands.every((b) => b.gifPath && existsSync(b.gifPath)));
  });

  it('names the job folder <JobID>-<name> with only characters every file system accepts', async () => {
    const folderFor = async (id: string, jobName: string): Promise<string> => {
      const { folder } = await downloadProducts({
        jobId: id,
        jobName,
        jobUrl,
        stem: 'lc',
        downloadRoot: root,
        timeoutMs: 10_000,
        userAgent: 'swift-observatory-tests',
      });
      assert.equal(dirname(folder), root, `${jobName}: directly in the download folder`);
      return basename(folder);
    };
    assert.equal(await folderFor('951', 'GRB 200416A'), '951-GRB_200416A');
    assert.equal(await folderFor('7', '<img src=x onerror=alert(1)>'), '7-img_src_x_onerror_alert_1');
    assert.equal(await folderFor('7', '../../etc'), '7-etc');
    assert.equal(await folderFor('7', '   '), '7');
    assert.match(await folderFor('7', 'Ænima — ρ Oph'), /^7-[A-Za-z0-9.+_-]+$/);
    assert.ok((await folderFor('7', 'x'.repeat(300))).length <= 62);
  });

  it('a product downloaded again replaces that product folder and keeps the others', async () => {
    const first = await download('all');
    const marker = join(first.folder, `USERPROD_${jobId}`, 'lc', 'stale-from-an-old-run.txt');
    writeFileSync(marker, 'old');
    await download('lc');
    assert.equal(existsSync(marker), false, 'the lc folder was replaced whole');
    assert.ok(existsSync(join(first.folder, `USERPROD_${jobId}`, 'spec')), 'other products stay');
    assert.ok(existsSync(join(first.folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp')));
  });

  it('a connection reset or an error page leaves nothing behind and says why', async () => {
    sandbox.faults.add({ prefix: `/user_objects/tprods/USERPROD_${jobId}/all.tar.gz`, kind: 'reset' });
    await assert.rejects(download('all'), (error: unknown) => isServiceError(error) && error.kind === 'network');
    sandbox.faults.add({
      prefix: `/user_objects/tprods/USERPROD_${jobId}/all.tar.gz`,
      kind: 'html-error',
      status: 502,
      message: 'Bad gateway',
    });
    await assert.rejects(
      download('all'),
      (error: unknown) => isServiceError(error) && /HTTP 502/.test(error.message) && !/<[a-z]/i.test(error.message),
    );
    assert.deepEqual(readdirSync(root), []);
  });

  it('a cancelled download leaves nothing behind', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      download('all', { signal: controller.signal }),
      (error: unknown) => isServiceError(error) && error.kind === 'cancelled',
    );
    assert.deepEqual(readdirSync(root), []);
  });

  describe('from a server that sends a damaged archive', () => {
    let server: LocalServer;
    let base: string;
    let body: Buffer;
    before(async () => {
      server = await startLocalServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(body.length) });
        res.end(body);
      });
      base = `${server.origin}/tprods/USERPROD_${jobId}`;
    });
    after(() => server.close());

    it('an archive cut short (with a matching Content-Length) is refused whole', async () => {
      const good = await fetchBytes(`${jobUrl}/all.tar.gz`);
      body = good.subarray(0, Math.floor(good.length * 0.6));
      await assert.rejects(
        download('all', { jobUrl: base }),
        (error: unknown) => error instanceof ProductArchiveError && /damaged|could not be unpacked/.test(error.message),
      );
      assert.deepEqual(readdirSync(root), [], 'no folder that looks finished');
    });

    it('an error page served as the archive is named as such', async () => {
      body = Buffer.from('<!DOCTYPE html><html><body>Maintenance</body></html>');
      await assert.rejects(download('all', { jobUrl: base }), /looks like a web page/);
      assert.deepEqual(readdirSync(root), []);
    });

    it('gzip data that is not a tar archive is refused', async () => {
      body = gzipSync(Buffer.from('just some text, not a tar archive at all'));
      await assert.rejects(download('all', { jobUrl: base }), ProductArchiveError);
      assert.deepEqual(readdirSync(root), []);
    });
  });
});

async function fetchBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

describe('products: download folder and progress text', () => {
  it('resolves the downloadFolder setting as documented', () => {
    assert.equal(resolveDownloadRoot('', '/ws', '/home/a'), join('/ws', 'swift-products'));
    assert.equal(resolveDownloadRoot('data/xrt', '/ws', '/home/a'), join('/ws', 'data', 'xrt'));
    assert.equal(resolveDownloadRoot('/abs/x', undefined, '/home/a'), join('/abs', 'x'));
    assert.equal(resolveDownloadRoot('~/xrt', undefined, '/home/a'), join('/home/a', 'xrt'));
    assert.equal(resolveDownloadRoot('', undefined, '/home/a'), undefined, 'no workspace: the user is asked');
    assert.equal(resolveDownloadRoot('rel', undefined, '/home/a'), undefined);
  });

  it('shows bytes, total and rate, and the share of the total as increments', () => {
    const reportsOf = (...steps: DownloadProgress[]): { message?: string; increment?: number }[] => {
      const reports: { message?: string; increment?: number }[] = [];
      const report = downloadProgressReporter({ report: (value) => reports.push(value) });
      for (const step of steps) report(step);
      return reports;
    };
    const bytes = (receivedBytes: number): string | undefined => reportsOf({ receivedBytes, bytesPerSecond: 0 })[0]?.message;
    assert.deepEqual(
      [bytes(0), bytes(999), bytes(1500), bytes(12_345_678), bytes(3.2e9)],
      ['0 B · 0 B/s', '999 B · 0 B/s', '1.5 KB · 0 B/s', '12 MB · 0 B/s', '3.2 GB · 0 B/s'],
    );
    assert.deepEqual(
      reportsOf(
        { receivedBytes: 2_500_000, totalBytes: 10_000_000, bytesPerSecond: 1_200_000 },
        { receivedBytes: 5_000_000, totalBytes: 10_000_000, bytesPerSecond: 1_200_000 },
      ),
      [
        { message: '2.5 MB of 10 MB · 1.2 MB/s', increment: 25 },
        { message: '5.0 MB of 10 MB · 1.2 MB/s', increment: 25 },
      ],
    );
    assert.deepEqual(reportsOf({ receivedBytes: 2_500_000, bytesPerSecond: 0 }), [{ message: '2.5 MB · 0 B/s' }], 'no total: no increment');
  });
});
