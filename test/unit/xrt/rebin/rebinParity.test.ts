// Parity with the official client (swifttools `ukssdc/data/download.py` _rebinLightCurve & co., through
// `ukssdc/main.py` submitAPICall): for every rebin request captured from it, the extension builds the same
// request (a binning in request-file names, validated, mapped to the wire names, sent by RebinClient)
// and the decoded bodies are compared field by field. Deliberate difference, asserted as such:
// - `timeFormat`: the extension sends "s" or "m" (the documented values); the official client sends
//   whatever its caller passed, and the captured GRB session passed "MJD".
// Every captured reply shape (`rebin.*.response.*.json`) is then fed back and read.
import * as assert from 'node:assert/strict';
import { ServiceError } from '../../../../src/http/errors';
import { RebinClient, RebinRejectedError } from '../../../../src/xrt/rebin/rebinClient';
import { validateRebinParams, type RebinParams } from '../../../../src/xrt/rebin/rebinRequest';
import { listFixtures, readFixture } from '../../../support/paths';
import { startLocalServer, type LocalServer } from '../../../support/localServer';

type Json = Record<string, unknown>;
const capture = (name: string): Json => readFixture('xrt', name) as Json;

function valid(params: Json): RebinParams {
  const result = validateRebinParams(params);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

describe('rebin parity with the official client’s captured requests, and its reply shapes', function () {
  this.timeout(20_000);
  let server: LocalServer;
  let url: string;
  let sent: Json[] = [];
  let replies: string[] = [];

  before(async () => {
    server = await startLocalServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json);
        // The product generator's wire habit on the same server: JSON labelled text/html after a blank line.
        res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
        res.end(`\n${replies.shift() ?? '{"ERROR": 99, "ERRORTEXT": "unexpected call"}'}\n`);
      });
    });
    url = `${server.origin}/API/main.php`;
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    sent = [];
    replies = [];
  });
  const client = (): RebinClient =>
    new RebinClient({ url, timeoutMs: 5000, userAgent: 'test', retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  const reply = (name: string): void => void replies.push(JSON.stringify(capture(name)));

  it('rebin.request.uob-time.json: time binning with a separate hardness-ratio binning', async () => {
    reply('rebin.response.ok.json');
    const params = valid({ binMeth: 'time', pcbin: 1000, wtbin: 10, hrbin: 0, pchrbin: 2000, wthrbin: 20, femin: 0.1, lctimetype: 's' });
    assert.equal(await client().rebin('951', params, { name: 'GRB 200416A' }), 1520);
    assert.deepEqual(sent[0], capture('rebin.request.uob-time.json'));
  });

  it('rebin.request.uob-counts.json: counts binning with every documented parameter, dynamic as a JSON boolean', async () => {
    reply('rebin.response.ok.json');
    const params = valid({
      binMeth: 'counts',
      pccounts: 10,
      wtcounts: 50,
      dynamic: 1,
      ratefact: 10,
      binfact: 1.5,
      pcbin: 2.51,
      wtbin: 0.5,
      mincmin: 15,
      minsnr: 2.4,
      pcmaxgap: 1e8,
      wtmaxgap: 1e8,
      minen: 0.3,
      maxen: 10,
      soft1: 0.3,
      soft2: 1.5,
      hard1: 1.5,
      hard2: 10,
      sigmin: 3,
      grades: 'all',
      allowUL: 'both',
      allowB: 'both',
      bayesCounts: 15,
      bayesSNR: 2.4,
      lctimetype: 'm',
      lcobs: 'user',
      uselcobs: '00966554000,00966554001',
    });
    await client().rebin('951', params, { name: 'GRB 200416A' });
    assert.deepEqual(sent[0], capture('rebin.request.uob-counts.json'));
    assert.equal(sent[0].dynamic, true);
  });

  it('rebin.request.grb-obsid.json: a GRB curve by target ID, obsid binning; timeFormat "m" where the capture says "MJD"', async () => {
    reply('rebin.response.ok.json');
    await client().rebin(221755, valid({ binMeth: 'obsid', lctimetype: 'mjd' }), { type: 'GRB', name: 'GRB 060729' });
    const expected = capture('rebin.request.grb-obsid.json');
    assert.equal(expected.timeFormat, 'MJD');
    assert.deepEqual(sent[0], { ...expected, timeFormat: 'm' });
  });

  it('rebin.status.request.json, rebin.cancel.request.json, rebin.lcdata.request.json: the same bodies', async () => {
    reply('rebin.status.response.running.json');
    reply('rebin.cancel.response.ok.json');
    reply('rebin.lcdata.response.nolc.json');
    await client().status(1520);
    await client().cancel(1520);
    await client().lightCurve(1520, { incbad: 'yes', nosys: 'no' });
    assert.deepEqual(sent, [
      capture('rebin.status.request.json'),
      capture('rebin.cancel.request.json'),
      capture('rebin.lcdata.request.json'),
    ]);
  });

  it('the envelope is written after the binning: a parameter named APIFunc cannot change the function', async () => {
    reply('rebin.response.ok.json');
    await client().rebinWithWireParams('951', { binMeth: 'snapshot', APIFunc: 'cancelRebin', APIVersion: '9' });
    assert.equal(sent[0].APIFunc, 'rebinLightCurve');
    assert.equal(sent[0].APIVersion, '1.0.5');
  });

  it('reads every captured reply shape', async () => {
    const names = listFixtures('xrt').filter((n) => n.startsWith('rebin.') && n.includes('.response.'));
    assert.deepEqual(names, [
      'rebin.cancel.response.error.json',
      'rebin.cancel.response.ok.json',
      'rebin.lcdata.response.nolc.json',
      'rebin.lcdata.response.ok.json',
      'rebin.response.error.json',
      'rebin.response.ok.json',
      'rebin.status.response.complete.json',
      'rebin.status.response.running.json',
    ]);
    const c = client();
    reply('rebin.cancel.response.error.json');
    assert.deepEqual(await c.cancel(1520), { cancelled: false, reason: 'Rebin job 1520 has already finished and cannot be cancelled.' });
    reply('rebin.cancel.response.ok.json');
    assert.deepEqual(await c.cancel(1520), { cancelled: true });
    reply('rebin.lcdata.response.nolc.json');
    const none = await c.lightCurve(1520);
    assert.equal(none.noLightCurve, true);
    assert.deepEqual(none.data.Datasets, []);
    reply('rebin.lcdata.response.ok.json');
    const curve = await c.lightCurve(1520);
    assert.equal(curve.noLightCurve, false);
    assert.deepEqual(curve.data.Datasets, capture('rebin.lcdata.response.ok.json').Datasets);
    assert.equal(curve.data.Binning, 'ObsID');
    assert.equal(curve.data.TimeFormat, 'MJD');
    assert.equal(curve.data.T0, 175893150);
    assert.deepEqual(curve.data.skipped, []);
    assert.equal(curve.data.datasets.PC_incbad.columns[3], 'Rate');
    assert.match(curve.data.datasets.PC_incbad.URL ?? '', /PCCURVE_incbad\.qdp$/);
    reply('rebin.response.error.json');
    await assert.rejects(c.rebinWithWireParams('951', { binMeth: 'weekly' }), (e: unknown) => {
      assert.ok(e instanceof RebinRejectedError);
      assert.equal(e.kind, 'rejected');
      assert.equal(e.code, '1');
      assert.equal(e.message, 'binMeth must be one of: counts, time, snapshot, obsid.');
      assert.equal(e.deliveryUncertain, false, 'a refusal is evidence that nothing runs');
      return true;
    });
    reply('rebin.response.ok.json');
    assert.equal(await c.rebin('951', { binMeth: 'snapshot' }), 1520);
    reply('rebin.status.response.complete.json');
    assert.deepEqual(await c.status(1520), { code: 4, text: 'Complete', complete: true, failed: false });
    reply('rebin.status.response.running.json');
    assert.deepEqual(await c.status(1520), { code: 3, text: 'Running', complete: false, failed: false });
  });

  describe('leniency where the reference marks the wire unknown', () => {
    const cases: Array<[string, Json, (c: RebinClient) => Promise<unknown>, unknown]> = [
      [
        'ERROR as a string, with an OK beside it, is still a failure',
        { OK: 1, ERROR: '12', ERRORTEXT: 'Nope.' },
        (c) => c.status(1),
        'rejected',
      ],
      ['ERROR 0 is a failure too (presence is what counts)', { ERROR: 0 }, (c) => c.status(1), 'rejected'],
      [
        'OK true counts as OK',
        { OK: true, status: 3, text: 'Running' },
        (c) => c.status(1),
        { code: 3, text: 'Running', complete: false, failed: false },
      ],
      ['OK 0 without ERROR is success, as for the official client', { OK: 0, JobID: 7 }, (c) => c.rebin('1', { binMeth: 'snapshot' }), 7],
      [
        'status as a numeric string',
        { OK: 1, status: '4', text: 'Complete' },
        (c) => c.status(1),
        { code: 4, text: 'Complete', complete: true, failed: false },
      ],
      [
        'a negative status is terminal',
        { OK: 1, status: -4, text: 'Cancelled' },
        (c) => c.status(1),
        { code: -4, text: 'Cancelled', complete: false, failed: true },
      ],
      [
        'an unknown status code is neither complete nor failed',
        { OK: 1, status: 'later', text: '' },
        (c) => c.status(1),
        { code: undefined, text: '', complete: false, failed: false },
      ],
      ['JobID as a digit string', { OK: 1, JobID: '1520' }, (c) => c.rebin('1', { binMeth: 'snapshot' }), 1520],
      ['no APIVersion at all', { OK: 1, JobID: 3 }, (c) => c.rebin('1', { binMeth: 'snapshot' }), 3],
      ['an APIVersion that is not a version', { OK: 1, JobID: 3, APIVersion: 'latest' }, (c) => c.rebin('1', { binMeth: 'snapshot' }), 3],
      [
        'cancel with OK 0 is not a confirmed cancellation',
        { OK: 0 },
        (c) => c.cancel(1),
        { cancelled: false, reason: 'The service answered OK 0.' },
      ],
      [
        'cancel with ERROR and OK is refused',
        { OK: 1, ERROR: 3 },
        (c) => c.cancel(1),
        { cancelled: false, reason: 'The UKSSDC rebin service refused the request (code 3).' },
      ],
      [
        'NOLC with datasets listed still means no light curve',
        { OK: 1, NOLC: '1', Datasets: [] },
        async (c) => (await c.lightCurve(1)).noLightCurve,
        true,
      ],
    ];
    for (const [title, body, act, expected] of cases) {
      it(title, async () => {
        replies.push(JSON.stringify(body));
        if (expected === 'rejected') {
          await assert.rejects(act(client()), (e: unknown) => e instanceof RebinRejectedError);
        } else {
          assert.deepEqual(await act(client()), expected);
        }
      });
    }

    it('refuses what the official client refuses: no OK, a missing minKey, a JobID that is not whole', async () => {
      const c = client();
      for (const [body, act] of [
        [{ JobID: 5 }, () => c.rebin('1', { binMeth: 'snapshot' })],
        [{ OK: 1 }, () => c.rebin('1', { binMeth: 'snapshot' })],
        [{ OK: 1, JobID: '1520.0' }, () => c.rebin('1', { binMeth: 'snapshot' })],
        [{ OK: 1, status: 3 }, () => c.status(1)],
        [{ OK: 1, NOLC: 1 }, () => c.lightCurve(1)],
        [[1, 2], () => c.status(1)],
      ] as Array<[unknown, () => Promise<unknown>]>) {
        replies.push(JSON.stringify(body));
        await assert.rejects(act(), (e: unknown) => e instanceof ServiceError && e.kind === 'unexpected-shape', JSON.stringify(body));
      }
    });

    it('reports a newer server version once, and never fails on it', async () => {
      const seen: string[] = [];
      const c = new RebinClient({ url, timeoutMs: 5000, userAgent: 'test', onNewerApiVersion: (v) => seen.push(v) });
      for (const version of ['1.0.6', '1.0.6', '1.0.5', '1.1']) {
        replies.push(JSON.stringify({ OK: 1, status: 3, text: 'Running', APIVersion: version }));
        await c.status(1);
      }
      assert.deepEqual(seen, ['1.0.6', '1.1']);
    });

    it('sends no binning that fails validation', async () => {
      await assert.rejects(client().rebin('951', { binMeth: 'counts', pccounts: 20 }), /`wtcounts` is required when `binMeth` is "counts"/);
      assert.equal(sent.length, 0);
    });

    it('refuses to send a rebin JobID that is not a whole number (the official client does too)', async () => {
      await assert.rejects(client().status(1.5), RangeError);
      assert.equal(sent.length, 0);
    });
  });
});
