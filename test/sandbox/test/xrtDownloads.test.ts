// Downloads from the emulated XRT service: archive layout per product, QDP files that hold the
// same points as getLCData, files referenced by JSON URLs, 404 before completion, streamed padding.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { ASTRO, BASE_URL, createHarness, type Harness } from '../xrt/harness';
import { ALL_PRODUCTS_REQUEST } from '../../support/sandboxJob';
import { parseQdp } from '../xrt/qdp';

type Json = Record<string, unknown>;
const D = 60_000;
const ALL: Json = { ...ALL_PRODUCTS_REQUEST };

async function tarEntries(data: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        if (c instanceof Uint8Array) chunks.push(Buffer.from(c));
      });
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    extract.on('finish', () => resolve());
    extract.on('error', reject);
  });
  extract.end(data);
  await done;
  return out;
}

/** Names from a zip's central directory (signature 0x02014b50). */
function zipNames(data: Buffer): string[] {
  const names: string[] = [];
  for (let i = 0; i + 46 <= data.length; i++) {
    if (data.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = data.readUInt16LE(i + 28);
    names.push(data.subarray(i + 46, i + 46 + nameLength).toString('utf8'));
  }
  return names;
}

describe('sandbox XRT service: downloads', () => {
  let h: Harness;
  let id: string;
  beforeEach(async () => {
    h = createHarness({ productDurationMs: D });
    const reply = await h.post('/run_userobject.php', ALL);
    id = String(reply.JobID);
  });
  const url = (rest: string): string => `/tprods/USERPROD_${id}/${rest}`;

  it('answers 404 HTML for products that are not finished, and for unknown jobs', async () => {
    h.clock.advance(0.5 * D);
    const early = await h.request('GET', url('lc.tar.gz'));
    assert.equal(early.status, 404);
    assert.match(String(early.headers['content-type']), /text\/html/);
    assert.equal((await h.request('GET', url('all.zip'))).status, 404);
    assert.equal((await h.request('GET', '/tprods/USERPROD_999999/lc.tar.gz')).status, 404);
  });

  it('each product archive has USERPROD_<id>/<product>/ and the documented files', async () => {
    h.clock.advance(2 * D);
    const expected: Record<string, string[]> = {
      lc: [
        'curve.qdp',
        'WTCURVE.qdp',
        'PCCURVE.qdp',
        'PCUL.qdp',
        'PCHR.qdp',
        'WTHR.qdp',
        'PCCURVE_incbad.qdp',
        'PCCURVE_nosys.qdp',
        'curve.gif',
      ],
      spec: ['interval0.tar.gz', 'interval0wt_plot.gif', 'interval0pc_plot.gif', 'scripts/interval0pc.xcm'],
      psf: ['results.dat', 'summed.gif', 'centroid.img.gz', 'centroid_ex.img.gz'],
      enh: ['success.txt', 'field.gif'],
      xastrom: ['corrpos.dat', 'xastrom_corr.dat', 'orig.gif', 'corrected.gif'],
      image: ['images.log', 'image1.img.gz', 'image1.gif', 'image2.img.gz', 'summed_ex.img.gz', 'summed_vignet_ex.img.gz'],
      sourceDet: ['sources_Total.txt', 'image_Total.gif'],
    };
    for (const [product, files] of Object.entries(expected)) {
      const reply = await h.request('GET', url(`${product}.tar.gz`));
      assert.equal(reply.status, 200, product);
      const entries = await tarEntries(gunzipSync(reply.body));
      assert.ok(entries.has(`USERPROD_${id}/`) && entries.has(`USERPROD_${id}/${product}/`), `${product}: directories`);
      for (const f of files) assert.ok(entries.has(`USERPROD_${id}/${product}/${f}`), `${product}/${f} missing`);
      for (const name of entries.keys())
        assert.ok(name.startsWith(`USERPROD_${id}/${product}/`) || name === `USERPROD_${id}/`, `${name} outside ${product}/`);
    }
    const plain = await tarEntries((await h.request('GET', url('psf.tar'))).body);
    assert.equal(plain.get(`USERPROD_${id}/psf/results.dat`)?.toString().split('\t').length, 11);
    const zip = zipNames((await h.request('GET', url('all.zip'))).body);
    for (const product of Object.keys(expected)) assert.ok(zip.includes(`USERPROD_${id}/${product}/`), `all.zip lacks ${product}/`);
  });

  it('the nested spectrum tarball holds PHA/ARF/RMF placeholders and fit files', async () => {
    h.clock.advance(D);
    const inner = await tarEntries(gunzipSync((await h.request('GET', url('spec/interval0.tar.gz'))).body));
    for (const name of [
      'README.txt',
      'interval0pcsource.pi',
      'interval0pcback.pi',
      'interval0pc.pi',
      'interval0pc.arf',
      'interval0pc.rmf',
      'interval0.areas',
      'models/interval0pc_pow.xcm',
      'interval0pc_pow_fit.fit',
    ]) {
      assert.ok(inner.has(name), `${name} missing`);
    }
    assert.match(inner.get('interval0pc.arf')?.subarray(0, 30).toString() ?? '', /^SIMPLE {2}=\s+T/);
  });

  it('QDP files hold exactly the points getLCData returns, and dataset URLs serve them', async () => {
    h.clock.advance(D);
    const lc = await h.post('/tprods/getLCData.php', { UserID: ASTRO, JobID: id, nosys: 'no', incbad: 'no' });
    for (const name of lc.Datasets as string[]) {
      const ds = lc[`${name}Data`] as Json;
      assert.ok(String(ds.URL).startsWith(`${BASE_URL}/tprods/USERPROD_${id}/lc/`));
      const file = await h.request('GET', String(ds.URL).slice(BASE_URL.length));
      assert.equal(file.status, 200, String(ds.URL));
      const text = file.body.toString();
      assert.match(text, /^READ (TERR|SERR)/m);
      const sections = parseQdp(text);
      assert.ok(
        sections.some((rows) => JSON.stringify(rows) === JSON.stringify(ds.data)),
        `${name}: no section of ${String(ds.URL)} matches`,
      );
    }
    const hr = parseQdp((await h.request('GET', url('lc/PCHR.qdp'))).body.toString());
    assert.equal(hr.length, 3, 'PCHR.qdp holds hard, soft and ratio separated by NO rows');
    const curve = parseQdp((await h.request('GET', url('lc/curve.qdp'))).body.toString());
    assert.deepEqual(curve[0], (lc.WTData as Json).data);
  });

  it('spectrum DataFile and Image URLs and position files agree with the JSON', async () => {
    h.clock.advance(2 * D);
    const spec = await h.post('/tprods/getSpecData.php', { UserID: ASTRO, JobID: id });
    const interval = spec.interval0 as Json;
    assert.equal((await h.request('GET', String(interval.DataFile).slice(BASE_URL.length))).status, 200);
    const image = String(((interval.PC as Json).PowerLaw as Json).Image);
    const gif = await h.request('GET', image.slice(BASE_URL.length));
    assert.deepEqual([gif.status, gif.headers['content-type'], gif.body.subarray(0, 6).toString()], [200, 'image/gif', 'GIF89a']);
    const psf = await h.post('/tprods/getPSFPos.php', { UserID: ASTRO, JobID: id });
    const results = (await h.request('GET', url('psf/results.dat'))).body.toString().trim().split('\t');
    assert.deepEqual([results[0], results[1], results[4]], [psf.RA, psf.Dec, psf.Err90]);
    const enh = await h.post('/tprods/getEnhPos.php', { UserID: ASTRO, JobID: id });
    const success = (await h.request('GET', url('enh/success.txt'))).body.toString().trim().split('\n');
    assert.deepEqual([success[6], success[7], success[10]], [enh.RA, enh.Dec, enh.Err90]);
    const astrom = await h.post('/tprods/getAstromPos.php', { UserID: ASTRO, JobID: id });
    const corr = (await h.request('GET', url('xastrom/corrpos.dat'))).body.toString().trim().split('\t');
    assert.deepEqual([corr[0], corr[1], corr[4]], [astrom.RA, astrom.Dec, astrom.Err90]);
  });

  it('a position without a source gives results.dat NOPOS; an SXPS position gives INSXPS', async () => {
    const blank = await h.post('/run_userobject.php', {
      ...ALL,
      name: 'Empty Field',
      targ: '00099999',
      RA: 150,
      Dec: 60,
      lc: 0,
      spec: 0,
      doenh: 0,
      doxastrom: 0,
      image: 0,
      sourceDet: 0,
    });
    const sxps = await h.post('/run_userobject.php', {
      ...ALL,
      name: 'GK Per',
      targ: '00010873',
      RA: 52.79993,
      Dec: 43.90468,
      useSXPS: 1,
      lc: 0,
      spec: 0,
      doenh: 0,
      doxastrom: 0,
      image: 0,
      sourceDet: 0,
    });
    h.clock.advance(D);
    const nopos = await h.request('GET', `/tprods/USERPROD_${String(blank.JobID)}/psf/results.dat`);
    assert.equal(nopos.body.toString().trim(), 'NOPOS');
    const insxps = (await h.request('GET', `/tprods/USERPROD_${String(sxps.JobID)}/psf/INSXPS`)).body.toString().trim().split('\n');
    assert.deepEqual([insxps.length, insxps[1], insxps[7]], [8, '52.79993', '2SXPS']);
  });

  it('streams archives padded to a requested size without building them in memory', async () => {
    h.clock.advance(D);
    const bytes = 12 * 1024 * 1024 + 7;
    h.service.setArchivePadding(bytes);
    for (const format of ['tar', 'zip', 'tar.gz']) {
      const reply = await h.service.handle({
        method: 'GET',
        path: url(`psf.${format}`),
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.alloc(0),
        cookies: {},
      });
      assert.ok(reply && reply.body instanceof Readable, `${format}: the archive must be a stream`);
      let total = 0;
      let biggestChunk = 0;
      for await (const chunk of reply.body as Readable) {
        total += (chunk as Buffer).length;
        biggestChunk = Math.max(biggestChunk, (chunk as Buffer).length);
      }
      assert.ok(total > bytes, `${format}: ${total} bytes is less than the padding`);
      assert.ok(biggestChunk <= 1024 * 1024, `${format}: a ${biggestChunk}-byte chunk suggests buffering`);
    }
    const entries = await tarEntries((await h.request('GET', url('psf.tar'))).body);
    assert.equal(entries.get(`USERPROD_${id}/psf/sandbox_padding.bin`)?.length, bytes);
    h.service.setArchivePadding(0);
    assert.ok((await h.request('GET', url('psf.tar'))).body.length < 64 * 1024);
  });

  it('the job URL shows a product page; HEAD is answered without a body', async () => {
    h.clock.advance(D);
    const page = await h.request('GET', `/tprods/USERPROD_${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body.toString(), /lc\.tar\.gz/);
    const head = await h.request('HEAD', url('lc.zip'));
    assert.deepEqual([head.status, head.body.length, head.headers['content-type']], [200, 0, 'application/zip']);
  });
});
