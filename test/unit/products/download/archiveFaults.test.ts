// The sandbox's faulty archives (variant `archiveFault`, test/sandbox/xrt/README.md) downloaded as the
// extension downloads products: every one ends as a clear error or a reported refusal, and a failed
// download leaves no staging folder and nothing that looks finished.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadProducts, ProductArchiveError } from '../../../../src/products/download/productDownload';
import { NESTED_ESCAPE_MARKER } from '../../../sandbox/xrt/archive';
import type { Sandbox } from '../../../sandbox/server';
import { servedFinishedJob } from '../../../support/sandboxJob';

describe('products: faulty archives from the sandbox', function () {
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
    sandbox.variants.reset();
    root = mkdtempSync(join(tmpdir(), 'swift-faulty-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const download = (stem: 'all' | 'lc' = 'all') =>
    downloadProducts({
      jobId,
      jobName: 'GRB 200416A',
      jobUrl,
      stem,
      downloadRoot: root,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
    });

  const failsCleanly = async (fault: string, message: RegExp): Promise<void> => {
    sandbox.variants.set({ archiveFault: fault });
    for (const stem of ['all', 'lc'] as const) {
      await assert.rejects(
        download(stem),
        (error: unknown) => error instanceof ProductArchiveError && message.test(error.message),
        `${fault} ${stem}`,
      );
      assert.deepEqual(readdirSync(root), [], `${fault} ${stem}: no staging folder, no job folder`);
    }
  };

  it('a zstd-compressed archive under the .tar.gz name is a clear error, and the staging folder is removed', async () => {
    await failsCleanly('zstd', /zstd-compressed; the extension unpacks tar and tar\.gz archives only/);
  });

  it('an archive cut inside an entry header is refused whole as truncated', async () => {
    await failsCleanly('truncated-header', /damaged.*truncated: it ends inside an entry header/);
  });

  it('a duplicate entry followed by truncation is refused whole', async () => {
    await failsCleanly('duplicate-truncated', /damaged.*(Truncated input|ends inside this file)/);
  });

  it('nested spectrum archives that climb out of their folder lose those entries, and nothing is overwritten', async () => {
    sandbox.variants.set({ archiveFault: 'nested-escape' });
    const result = await download('all');
    const reasons = result.refused.map((r) => `${r.path}: ${r.reason}`).join('\n');
    assert.match(reasons, /spec\/escape\.tar\.gz!\/\.\.\/\.\.\/.*climbs out/);
    assert.match(reasons, /spec\/\.\.\.tar\.gz: left packed/);
    const product = join(result.folder, `USERPROD_${jobId}`);
    for (const file of result.written) {
      assert.notEqual(readFileSync(join(result.folder, ...file.split('/')), 'utf8'), NESTED_ESCAPE_MARKER, `${file} was overwritten`);
    }
    assert.ok(result.written.includes(`USERPROD_${jobId}/spec/escape/README.txt`), 'the harmless inner entry is kept');
    assert.deepEqual(readdirSync(root), [`${jobId}-GRB_200416A`]);
    assert.ok(readdirSync(product).includes('lc'));
  });

  it('without the variant the same job downloads completely', async () => {
    const result = await download('all');
    assert.deepEqual(result.refused, []);
  });
});

describe('products: a download into a folder the caller names (a campaign source folder)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let jobId: string;
  let jobUrl: string;
  let root: string;
  let campaign: string;

  before(async () => {
    ({ sandbox, jobId, jobUrl } = await servedFinishedJob());
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    sandbox.variants.reset();
    root = mkdtempSync(join(tmpdir(), 'swift-folder-'));
    campaign = join(root, 'grbs');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const download = (folder: string) =>
    downloadProducts({
      jobId,
      jobName: 'GRB 200416A',
      jobUrl,
      stem: 'all',
      folder,
      timeoutMs: 10_000,
      userAgent: 'swift-observatory-tests',
    });

  it('unpacks into exactly that folder, staging beside it, and merges a second download into it', async () => {
    mkdirSync(campaign);
    const folder = join(campaign, 'grb-200416a');
    const result = await download(folder);
    assert.equal(result.folder, folder);
    assert.deepEqual(readdirSync(campaign), ['grb-200416a'], 'no staging folder left, no <JobID>-<name> folder');
    assert.deepEqual(readdirSync(folder), [`USERPROD_${jobId}`]);
    assert.ok(result.written.includes(`USERPROD_${jobId}/lc/curve.qdp`));
    assert.ok(readFileSync(join(folder, `USERPROD_${jobId}`, 'lc', 'curve.qdp'), 'utf8').length > 0);
    // A file of the user's beside the products survives a second download of the same job.
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await download(folder);
    assert.deepEqual(readdirSync(folder).sort(), [`USERPROD_${jobId}`, 'notes.txt']);
  });

  it('creates the folder (and its parents) when it does not exist yet', async () => {
    const folder = join(campaign, 'deeper', 'src');
    const result = await download(folder);
    assert.ok(result.written.length > 0);
    assert.deepEqual(readdirSync(join(campaign, 'deeper')), ['src']);
  });

  it('refuses a damaged archive whole there too: nothing is kept, not even the folder', async () => {
    mkdirSync(campaign);
    sandbox.variants.set({ archiveFault: 'truncated-header' });
    await assert.rejects(download(join(campaign, 'grb-200416a')), (error: unknown) => error instanceof ProductArchiveError);
    assert.deepEqual(readdirSync(campaign), [], 'no staging folder, no source folder');
  });

  it('keeps a hostile nested archive inside the folder: entries that climb out are refused, nothing above is written', async () => {
    mkdirSync(campaign);
    writeFileSync(join(campaign, 'neighbour.txt'), 'untouched');
    sandbox.variants.set({ archiveFault: 'nested-escape' });
    const folder = join(campaign, 'grb-200416a');
    const result = await download(folder);
    assert.match(result.refused.map((r) => `${r.path}: ${r.reason}`).join('\n'), /spec\/escape\.tar\.gz!\/\.\.\/\.\.\/.*climbs out/);
    for (const file of result.written) {
      assert.ok(!file.split('/').includes('..'), `${file} stays inside`);
      assert.notEqual(readFileSync(join(folder, ...file.split('/')), 'utf8'), NESTED_ESCAPE_MARKER, `${file} was overwritten`);
    }
    assert.deepEqual(readdirSync(campaign).sort(), ['grb-200416a', 'neighbour.txt']);
    assert.equal(readFileSync(join(campaign, 'neighbour.txt'), 'utf8'), 'untouched');
  });
});
