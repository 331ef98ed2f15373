// Safe extraction of product archives against a corpus of hostile archives built here with
// tar-stream: every refusal must be reported, nothing may appear outside the target folder, and
// bombs must be stopped and cleaned up. Also: the sandbox's real archives extract completely.
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detectArchiveFormat, unsupportedFormatReason } from '../../../../src/products/download/archiveFormat';
import { checkEntryPath } from '../../../../src/products/download/archivePaths';
import { ArchiveExtractError, extractArchive } from '../../../../src/products/download/safeExtract';
import { createHarness } from '../../../sandbox/xrt/harness';
import { zstdFrame } from '../../../sandbox/xrt/archive';
import { ALL_PRODUCTS_REQUEST } from '../../../support/sandboxJob';
import { tarBuffer, type TarItem } from '../../../support/tarBuffer';

type Item = TarItem;

const file = (name: string, content: string | Buffer): Item => {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { header: { name, size: data.length, mode: 0o644 }, data };
};

/** Every path below `dir`, relative, with `/` separators (links listed, not followed). */
function listTree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    out.push(entry.isDirectory() ? `${rel}/` : rel);
    if (entry.isDirectory()) out.push(...listTree(join(dir, entry.name), `${rel}/`));
  }
  return out.sort();
}

describe('products: safe extraction of hostile archives', () => {
  let work: string;
  let target: string;
  let outside: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'swift-extract-'));
    // The target is nested two levels deep so `../` and `../../` both land in folders we can inspect.
    outside = join(work, 'outside');
    target = join(work, 'outside', 'target');
    mkdirSync(target, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function extract(
    items: readonly Item[],
    options: { gzip?: boolean; limits?: Parameters<typeof extractArchive>[2] } = {},
  ): Promise<Awaited<ReturnType<typeof extractArchive>>> {
    const raw = await tarBuffer(items);
    const archive = join(work, options.gzip ? 'a.tar.gz' : 'a.tar');
    writeFileSync(archive, options.gzip ? gzipSync(raw) : raw);
    return extractArchive(archive, target, options.limits);
  }

  const outsideEntries = (): string[] => listTree(outside).filter((p) => p !== 'target/' && !p.startsWith('target/'));
  const reasonFor = (result: { refused: { path: string; reason: string }[] }, path: string): string => {
    const found = result.refused.find((r) => r.path === path);
    assert.ok(found, `${path} should be reported as refused; refused: ${JSON.stringify(result.refused)}`);
    return found.reason;
  };

  it('refuses traversal, absolute and drive-letter names and writes the good files', async () => {
    const absolute = join(outside, 'absolute.txt');
    const result = await extract([
      file('USERPROD_1/lc/curve.qdp', 'READ TERR 1 2\n1 0 0 2 0 0\n'),
      file('../escaped.txt', 'x'),
      file('USERPROD_1/../../escaped2.txt', 'x'),
      file('..\\..\\backslash.txt', 'x'),
      file(absolute, 'x'),
      file('C:\\Windows\\evil.txt', 'x'),
      file('USERPROD_1/aux.txt', 'x'),
    ]);
    assert.deepEqual(result.written, ['USERPROD_1/lc/curve.qdp']);
    assert.match(reasonFor(result, '../escaped.txt'), /climbs out/);
    assert.match(reasonFor(result, 'USERPROD_1/../../escaped2.txt'), /climbs out/);
    assert.match(reasonFor(result, '..\\..\\backslash.txt'), /climbs out/);
    assert.match(reasonFor(result, absolute), /absolute/);
    assert.match(reasonFor(result, 'C:\\Windows\\evil.txt'), /drive-letter/);
    assert.match(reasonFor(result, 'USERPROD_1/aux.txt'), /reserved device name/);
    assert.equal(result.aborted, undefined);
    assert.deepEqual(outsideEntries(), []);
    assert.equal(readFileSync(join(target, 'USERPROD_1/lc/curve.qdp'), 'utf8'), 'READ TERR 1 2\n1 0 0 2 0 0\n');
  });

  it('never creates links: a symlink escape, a hard link and a file written "through" the refused symlink', async () => {
    const result = await extract([
      { header: { name: 'USERPROD_1/up', type: 'symlink', linkname: '../..' } },
      file('USERPROD_1/up/through-link.txt', 'payload'),
      { header: { name: 'USERPROD_1/passwd', type: 'link', linkname: '/etc/passwd' } },
      { header: { name: 'USERPROD_1/abs-link', type: 'symlink', linkname: outside } },
    ]);
    assert.match(reasonFor(result, 'USERPROD_1/up'), /symbolic link to "\.\.\/\.\."/);
    assert.match(reasonFor(result, 'USERPROD_1/passwd'), /hard link to "\/etc\/passwd"/);
    assert.match(reasonFor(result, 'USERPROD_1/abs-link'), /symbolic link/);
    // With no link on disk the file lands in a real folder inside the target.
    assert.deepEqual(result.written, ['USERPROD_1/up/through-link.txt']);
    assert.ok(lstatSync(join(target, 'USERPROD_1/up')).isDirectory());
    assert.ok(!lstatSync(join(target, 'USERPROD_1/up')).isSymbolicLink());
    assert.deepEqual(outsideEntries(), []);
    assert.ok(!listTree(target).some((p) => lstatSync(join(target, p)).isSymbolicLink()), 'no link anywhere in the target');
  });

  it('does not write through a symbolic link that already exists in the target folder', async () => {
    symlinkSync(outside, join(target, 'planted'));
    const result = await extract([file('planted/owned.txt', 'x'), file('fine.txt', 'ok')]);
    assert.match(reasonFor(result, 'planted/owned.txt'), /"planted" exists and is not a folder/);
    assert.deepEqual(result.written, ['fine.txt']);
    assert.ok(!existsSync(join(outside, 'owned.txt')));
  });

  it('refuses device files and FIFOs', async () => {
    const result = await extract([
      { header: { name: 'dev-null', type: 'character-device', devmajor: 1, devminor: 3 } },
      { header: { name: 'disk', type: 'block-device', devmajor: 8, devminor: 0 } },
      { header: { name: 'pipe', type: 'fifo' } },
      file('ok.txt', 'ok'),
    ]);
    assert.match(reasonFor(result, 'dev-null'), /device file/);
    assert.match(reasonFor(result, 'disk'), /device file/);
    assert.match(reasonFor(result, 'pipe'), /FIFO/);
    assert.deepEqual(listTree(target), ['ok.txt']);
  });

  it('stops a decompression bomb (a small gzip that inflates past the cap) and removes what it wrote', async () => {
    const bomb = Buffer.alloc(24 * 1024 * 1024);
    const raw = await tarBuffer([file('USERPROD_1/first.txt', 'written before the bomb'), file('USERPROD_1/bomb.bin', bomb)]);
    const gz = gzipSync(raw, { level: 9 });
    assert.ok(gz.length < 100 * 1024, 'the bomb is small on the wire');
    const archive = join(work, 'bomb.tar.gz');
    writeFileSync(archive, gz);
    // Ratio guard off: this checks our own byte counting, which must stop it on its own.
    const result = await extractArchive(archive, target, {
      maxTotalBytes: 4 * 1024 * 1024,
      maxDecompressionRatio: Number.POSITIVE_INFINITY,
    });
    assert.match(result.aborted ?? '', /more than 4194304 bytes/);
    assert.match(reasonFor(result, 'USERPROD_1/bomb.bin'), /limit/);
    assert.deepEqual(result.written, []);
    assert.deepEqual(listTree(target), [], 'the bomb and the file before it are removed');
  });

  it('lets node-tar’s decompression-ratio guard stop a bomb too, and reports it', async () => {
    const raw = await tarBuffer([file('zeros.bin', Buffer.alloc(32 * 1024 * 1024))]);
    const archive = join(work, 'ratio.tar.gz');
    writeFileSync(archive, gzipSync(raw, { level: 9 }));
    const result = await extractArchive(archive, target, { maxDecompressionRatio: 100 });
    assert.match(result.aborted ?? '', /decompression ratio/);
    assert.deepEqual(listTree(target), []);
  });

  it('refuses a file over the per-file cap and carries on with the rest', async () => {
    const result = await extract([file('big.bin', Buffer.alloc(300_000, 7)), file('small.txt', 'ok')], {
      limits: { maxFileBytes: 100_000 },
    });
    assert.match(reasonFor(result, 'big.bin'), /100000-byte limit per file/);
    assert.deepEqual(result.written, ['small.txt']);
    assert.equal(result.aborted, undefined);
    assert.deepEqual(listTree(target), ['small.txt']);
  });

  it('aborts on too many entries and cleans up', async () => {
    const many = Array.from({ length: 40 }, (_, i) => file(`USERPROD_1/f${i}.txt`, String(i)));
    const result = await extract(many, { gzip: true, limits: { maxEntries: 25 } });
    assert.match(result.aborted ?? '', /more than 25 entries/);
    assert.match(reasonFor(result, 'USERPROD_1/f25.txt'), /more than 25 entries/);
    assert.deepEqual(listTree(target), []);
  });

  it('keeps complete files of a truncated tar and refuses the cut one', async () => {
    const raw = await tarBuffer([file('a.txt', 'complete'), file('b.bin', Buffer.alloc(10_000, 1))]);
    const archive = join(work, 'cut.tar');
    writeFileSync(archive, raw.subarray(0, 512 * 3 + 2048));
    const result = await extractArchive(archive, target);
    assert.deepEqual(result.written, ['a.txt']);
    assert.ok(
      result.refused.some((r) => r.path === 'b.bin' && /ends inside this file|Truncated/i.test(r.reason)),
      JSON.stringify(result.refused),
    );
    assert.ok(!existsSync(join(target, 'b.bin')));
  });

  it('unpacks nested spectrum tarballs next to them, with the same rules and budget', async () => {
    const inner = gzipSync(
      await tarBuffer([file('README.txt', 'inner'), file('interval0pc.pi', 'SIMPLE'), file('../../../../nested-escape.txt', 'x')]),
    );
    const result = await extract([file('USERPROD_7/spec/interval0.tar.gz', inner), file('USERPROD_7/spec/other.dat', 'd')], { gzip: true });
    assert.deepEqual(result.unpackedNested, ['USERPROD_7/spec/interval0.tar.gz']);
    assert.ok(result.written.includes('USERPROD_7/spec/interval0/README.txt'));
    assert.ok(result.written.includes('USERPROD_7/spec/interval0/interval0pc.pi'));
    assert.match(reasonFor(result, 'USERPROD_7/spec/interval0.tar.gz!/../../../../nested-escape.txt'), /climbs out/);
    assert.deepEqual(outsideEntries(), []);

    // The nested content counts against the one total budget.
    rmSync(target, { recursive: true, force: true });
    const bigInner = gzipSync(await tarBuffer([file('big.pi', Buffer.alloc(2_000_000, 3))]));
    const capped = await extract([file('USERPROD_7/spec/interval0.tar.gz', bigInner)], { limits: { maxTotalBytes: 1_000_000 } });
    assert.match(capped.aborted ?? '', /more than 1000000 bytes/);
    assert.deepEqual(
      listTree(target).filter((p) => !p.endsWith('/')),
      [],
    );
  });

  it('refuses zip archives and saved web pages with a clear error', async () => {
    const zip = join(work, 'a.zip');
    writeFileSync(zip, Buffer.from('PK\x03\x04rest-of-zip'));
    await assert.rejects(extractArchive(zip, target), (e: unknown) => e instanceof ArchiveExtractError && /zip archive/.test(e.message));
    const page = join(work, 'page.tar.gz');
    writeFileSync(page, '<!DOCTYPE html><html><title>404 Not Found</title></html>');
    await assert.rejects(extractArchive(page, target), (e: unknown) => e instanceof ArchiveExtractError && /web page/.test(e.message));
    await assert.rejects(extractArchive(join(work, 'missing.tar'), target), ArchiveExtractError);
  });

  it('refuses a file that is not a tar archive instead of silently extracting nothing', async () => {
    const junk = join(work, 'junk.tar');
    writeFileSync(junk, Buffer.alloc(4096, 0x41));
    await assert.rejects(
      extractArchive(junk, target),
      (e: unknown) => e instanceof ArchiveExtractError && /not a tar or tar\.gz archive/.test(e.message),
    );
    assert.deepEqual(listTree(target), []);
  });

  it('refuses zstd, bzip2, xz and 7-Zip archives by their first bytes, whatever their name, with a clear error', async () => {
    const tarBytes = await tarBuffer([file('USERPROD_1/lc/curve.qdp', 'x')]);
    const cases: [string, Buffer, RegExp][] = [
      // Node 20 has no zstd decompressor: node-tar threw outside any handler and the extraction never ended.
      ['zstd', zstdFrame(tarBytes), /zstd-compressed/],
      ['bzip2', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(600, 1)]), /bzip2-compressed/],
      ['xz', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(600, 1)]), /xz-compressed/],
      ['7z', Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(600, 1)]), /7-Zip/],
    ];
    for (const [name, bytes, message] of cases) {
      const archive = join(work, `${name}-disguised.tar.gz`);
      writeFileSync(archive, bytes);
      await assert.rejects(
        extractArchive(archive, target),
        (e: unknown) => e instanceof ArchiveExtractError && message.test(e.message) && /tar and tar\.gz archives only/.test(e.message),
        name,
      );
    }
    assert.deepEqual(listTree(target), [], 'nothing written');
  });

  it('reports a tar cut inside an entry header as truncated, in tar and tar.gz alike', async () => {
    const raw = await tarBuffer([file('a.txt', 'complete'), file('b.bin', Buffer.alloc(10_000, 1))]);
    // a.txt: header + one data block; b.bin's header starts at 1024 and is cut 100 bytes in.
    for (const [name, bytes] of [
      ['cut.tar', raw.subarray(0, 1024 + 100)],
      ['cut.tar.gz', gzipSync(raw.subarray(0, 1024 + 100))],
    ] as const) {
      const archive = join(work, name);
      writeFileSync(archive, bytes);
      const result = await extractArchive(archive, join(work, `${name}-out`));
      const truncated = result.refused.filter((r) => r.damaged && /truncated: it ends inside an entry header/.test(r.reason));
      assert.equal(truncated.length, 1, `${name}: ${JSON.stringify(result.refused)}`);
      assert.equal(truncated[0].path, '(archive)');
    }
    // Complete archives say nothing of the kind: with the end-of-archive blocks, and without them
    // (tar readers, the Python client's tarfile among them, accept a tar that ends after a whole entry).
    for (const [name, bytes] of [
      ['whole.tar', raw],
      ['unterminated.tar', raw.subarray(0, 1024 + 512 + 10_240)],
    ] as const) {
      const archive = join(work, name);
      writeFileSync(archive, bytes);
      const result = await extractArchive(archive, join(work, `${name}-out`));
      assert.deepEqual(result.refused, [], name);
      assert.deepEqual(result.written, ['a.txt', 'b.bin'], name);
    }
  });

  it('refuses a tar.gz whose content is compressed a second time', async () => {
    const archive = join(work, 'twice.tar.gz');
    writeFileSync(archive, gzipSync(gzipSync(await tarBuffer([file('a.txt', 'x')]))));
    const result = await extractArchive(archive, target);
    assert.match(result.aborted ?? '', /compressed twice/);
    assert.deepEqual(listTree(target), []);
  });

  it('a name given twice whose second copy is cut short is not reported as written, and the archive as damaged', async () => {
    const raw = await tarBuffer([file('USERPROD_1/lc/curve.qdp', 'first copy'), file('USERPROD_1/lc/curve.qdp', Buffer.alloc(10_000, 2))]);
    const archive = join(work, 'dup.tar');
    // Both headers, the first copy's data, and 2000 bytes of the second copy.
    writeFileSync(archive, raw.subarray(0, 512 * 3 + 2000));
    const result = await extractArchive(archive, target);
    assert.deepEqual(result.written, [], 'the name is gone: opening the second copy truncated the first');
    assert.ok(!existsSync(join(target, 'USERPROD_1/lc/curve.qdp')));
    const cut = result.refused.find((r) => /ends inside this file/.test(r.reason));
    assert.ok(cut?.damaged, JSON.stringify(result.refused));
    assert.match(cut.reason, /earlier entry of the same name/);
  });

  it('nested spectrum archives whose names leave their folder are refused as the outer archive’s entries are', async () => {
    const climbing = gzipSync(
      await tarBuffer([
        file('README.txt', 'inner'),
        file('../../lc/curve.qdp', 'EVIL'),
        file('sub/../../x.txt', 'EVIL'),
        file('/abs.txt', 'EVIL'),
      ]),
    );
    // `spec/...tar.gz` names its folder `..` and `spec/..tar.gz` names it `.`: unpacked, their entries
    // would land over other products' files or beside the spectra.
    const dotDot = gzipSync(await tarBuffer([file('lc/curve.qdp', 'EVIL')]));
    const dot = gzipSync(await tarBuffer([file('other.dat', 'EVIL')]));
    const result = await extract(
      [
        file('USERPROD_7/lc/curve.qdp', 'original'),
        file('USERPROD_7/spec/other.dat', 'original'),
        file('USERPROD_7/spec/interval0.tar.gz', climbing),
        file('USERPROD_7/spec/...tar.gz', dotDot),
        file('USERPROD_7/spec/..tar.gz', dot),
      ],
      { gzip: true },
    );
    assert.equal(readFileSync(join(target, 'USERPROD_7/lc/curve.qdp'), 'utf8'), 'original');
    assert.equal(readFileSync(join(target, 'USERPROD_7/spec/other.dat'), 'utf8'), 'original');
    assert.match(reasonFor(result, 'USERPROD_7/spec/interval0.tar.gz!/../../lc/curve.qdp'), /climbs out/);
    assert.match(reasonFor(result, 'USERPROD_7/spec/interval0.tar.gz!/sub/../../x.txt'), /climbs out/);
    assert.match(reasonFor(result, 'USERPROD_7/spec/interval0.tar.gz!//abs.txt'), /absolute/);
    assert.match(reasonFor(result, 'USERPROD_7/spec/...tar.gz'), /left packed/);
    assert.match(reasonFor(result, 'USERPROD_7/spec/..tar.gz'), /left packed/);
    assert.deepEqual(result.unpackedNested, ['USERPROD_7/spec/interval0.tar.gz']);
    assert.ok(result.written.includes('USERPROD_7/spec/interval0/README.txt'));
    assert.ok(!result.written.some((w) => /EVIL|x\.txt|abs\.txt/.test(w)) && !existsSync(join(target, 'USERPROD_7/x.txt')));
    assert.ok(
      result.refused.every((r) => !r.damaged),
      'hostile names are refusals, not damage',
    );
    assert.deepEqual(outsideEntries(), []);
  });

  it('a nested spectrum archive that is zstd-compressed or cut short is reported as damage, never thrown', async () => {
    const innerTar = await tarBuffer([file('interval0pc.pi', Buffer.alloc(3000, 7))]);
    const result = await extract(
      [
        file('USERPROD_7/spec/interval0.tar.gz', zstdFrame(innerTar)),
        file('USERPROD_7/spec/interval1.tar.gz', gzipSync(innerTar.subarray(0, 512 + 100))),
        file('USERPROD_7/spec/interval2.tar.gz', gzipSync(innerTar.subarray(0, 300))),
      ],
      { gzip: true },
    );
    assert.equal(result.aborted, undefined);
    const zstd = result.refused.find((r) => r.path === 'USERPROD_7/spec/interval0.tar.gz');
    assert.ok(zstd?.damaged && /zstd-compressed/.test(zstd.reason), JSON.stringify(result.refused));
    assert.ok(
      result.refused.some((r) => r.damaged && r.path.startsWith('USERPROD_7/spec/interval1.tar.gz!/')),
      JSON.stringify(result.refused),
    );
    assert.ok(
      result.refused.some((r) => r.damaged && r.path.startsWith('USERPROD_7/spec/interval2.tar.gz')),
      JSON.stringify(result.refused),
    );
    assert.ok(existsSync(join(target, 'USERPROD_7/spec/interval0.tar.gz')), 'left packed');
  });

  it('extracts the sandbox’s whole-job archive completely, nested spectra included', async () => {
    const h = createHarness({ productDurationMs: 60_000 });
    const job = await h.post('/run_userobject.php', ALL_PRODUCTS_REQUEST);
    h.clock.advance(120_000);
    const reply = await h.request('GET', `/tprods/USERPROD_${String(job.JobID)}/all.tar.gz`);
    assert.equal(reply.status, 200);
    const archive = join(work, 'all.tar.gz');
    writeFileSync(archive, reply.body);
    const result = await extractArchive(archive, target);
    assert.deepEqual(result.refused, []);
    assert.equal(result.aborted, undefined);
    const root = `USERPROD_${String(job.JobID)}`;
    for (const f of [
      'lc/curve.qdp',
      'psf/results.dat',
      'enh/success.txt',
      'xastrom/corrpos.dat',
      'image/images.log',
      'sourceDet/sources_Total.txt',
      'spec/interval0.tar.gz',
      'spec/interval0/README.txt',
    ]) {
      assert.ok(result.written.includes(`${root}/${f}`), `${f} missing`);
      assert.ok(existsSync(join(target, root, f)));
    }
    assert.ok(result.unpackedNested.includes(`${root}/spec/interval0.tar.gz`));
  });
});

describe('products: archive entry names', () => {
  it('tolerates ./ and repeated slashes, refuses names that climb or hide', () => {
    assert.deepEqual(checkEntryPath('./USERPROD_1//lc/curve.qdp'), { ok: true, parts: ['USERPROD_1', 'lc', 'curve.qdp'] });
    for (const bad of [
      '',
      '/',
      '..',
      'a/../../b',
      'a\\..\\b',
      '\\\\server\\share\\x',
      'D:x',
      'a/b:stream',
      'a/\u0000b',
      'x/NUL.txt',
      'trailing.',
      'a/'.repeat(40) + 'f',
    ]) {
      assert.equal(checkEntryPath(bad).ok, false, JSON.stringify(bad));
    }
  });
});

describe('products: archive formats by their first bytes', () => {
  it('tells gzip, tar (ustar, old-style, empty), zstd, bzip2, xz, zip, 7-Zip and web pages apart', async () => {
    const ustar = await tarBuffer([file('a.txt', 'x')]);
    // An old-style header: the ustar magic blanked out, the checksum recomputed.
    const v7 = Buffer.from(ustar.subarray(0, 512));
    v7.fill(0, 257, 265);
    v7.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of v7) sum += b;
    v7.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const cases: [Buffer, string][] = [
      [gzipSync(ustar), 'gzip'],
      [ustar, 'tar'],
      [ustar.subarray(0, 300), 'tar'],
      [v7, 'tar'],
      [Buffer.alloc(1024), 'tar'],
      [zstdFrame(ustar), 'zstd'],
      [Buffer.from([0x5e, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]), 'zstd'],
      [Buffer.from('BZh91AY&SY'), 'bzip2'],
      [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00]), 'xz'],
      [Buffer.from('PK\x03\x04'), 'zip'],
      [Buffer.from('PK\x05\x06'), 'zip'],
      [Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z'],
      [Buffer.from('  <html><body>502</body></html>'), 'html'],
      [Buffer.alloc(0), 'empty'],
      [Buffer.alloc(4096, 0x41), 'unknown'],
    ];
    for (const [bytes, format] of cases)
      assert.equal(detectArchiveFormat(bytes), format, `${format}: ${bytes.subarray(0, 8).toString('hex')}`);
    assert.equal(unsupportedFormatReason('gzip'), undefined);
    assert.equal(unsupportedFormatReason('tar'), undefined);
    assert.match(unsupportedFormatReason('zstd') ?? '', /zstd-compressed/);
  });
});
