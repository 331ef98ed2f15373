// Parity with the official client (swift_too 2.0.1): for every TOO API request captured from it (tag
// `cap` in the fixture list of test/fixtures/protocol/README.md), the extension's own client builds the
// same request — method, path and every query or form key with its value, in the same order — when asked
// the same question. The requests are recorded at the HTTP layer, so what is compared is what would be
// sent.
import * as assert from 'node:assert/strict';
import axios, { type AxiosRequestConfig } from 'axios';
import { readFixture } from '../../support/paths';
import { TooClient } from '../../../src/too/client';
import { validateTooRequest, type TooRequest } from '../../../src/too/request/requestSchema';
import { TooSession } from '../../../src/too/session';
import { SMC_X3_TOO } from '../../support/requests';

interface Captured {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  form?: Record<string, string>;
}

interface Sent {
  method: string;
  path: string;
  fields: [string, string][];
}

const BASE = 'http://too.invalid/api/v2';
const NO_WAIT = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined };

/** The decoded key-value pairs of a capture, repeated keys as repeated pairs, in capture order. */
function capturedFields(captured: Captured): [string, string][] {
  const record = captured.query ?? captured.form ?? {};
  return Object.entries(record).flatMap(([key, value]) =>
    Array.isArray(value) ? value.map((v): [string, string] => [key, v]) : [[key, value] as [string, string]],
  );
}

/** A client whose HTTP layer records each request and answers with a canned body. */
function recordingClient(answer: (path: string) => unknown): { client: TooClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const http = axios.create({
    adapter: async (config: AxiosRequestConfig) => {
      const url = new URL(String(config.url));
      const params = config.params instanceof URLSearchParams ? config.params : new URLSearchParams();
      const path = url.pathname;
      // Only the TOO form is posted as text here (the login body is JSON and is not compared).
      const body = typeof config.data === 'string' && !path.endsWith('/login') ? new URLSearchParams(config.data) : params;
      sent.push({ method: String(config.method).toUpperCase(), path, fields: [...body.entries()] });
      return { status: 200, statusText: 'OK', headers: {}, config: config as never, data: JSON.stringify(answer(path)) };
    },
  });
  const session = new TooSession(async () => ({ username: 'myuser', apiKey: 'my_api_key_or_password' }));
  return { client: new TooClient({ baseUrl: BASE, timeoutMs: 5000, userAgent: 'parity-test', session, http, retry: NO_WAIT }), sent };
}

const ACCEPTED = { status: 'Accepted', too_id: null, jobnumber: null, errors: [], warnings: [] };

function answerFor(path: string): unknown {
  if (path.endsWith('/login')) return {};
  if (path.endsWith('/resolve')) return { name: 'Crab', ra: 83.633, dec: 22.014, status: ACCEPTED };
  if (path.endsWith('/swift/too')) return { entries: [{ too_id: 16832 }], status: ACCEPTED, too_id: 22682 };
  return { entries: [], status: ACCEPTED };
}

/** The request (not counting sign-in) the extension sends for `ask`. */
async function sentFor(ask: (client: TooClient) => Promise<unknown>): Promise<Sent> {
  const { client, sent } = recordingClient(answerFor);
  await ask(client);
  const requests = sent.filter((s) => !s.path.endsWith('/login'));
  assert.equal(requests.length, 1, `expected one request, got ${JSON.stringify(requests)}`);
  return requests[0];
}

function assertSame(fixture: string, sent: Sent): void {
  const captured = readFixture('too', fixture) as Captured;
  assert.equal(sent.method, captured.method, `${fixture}: method`);
  assert.equal(sent.path, captured.path, `${fixture}: path`);
  assert.deepEqual(sent.fields, capturedFields(captured), `${fixture}: fields`);
}

/** A request file as a user writes it (natural JSON types), validated as the editor does. */
function requestFile(body: Record<string, unknown>): TooRequest {
  const result = validateTooRequest(body);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

const PARITY: [string, (client: TooClient) => Promise<unknown>][] = [
  ['visquery.request.json', (c) => c.visQuery({ ra: 195.699, dec: -63.836, begin: '2021-02-18 00:00:00', end: '2021-03-18 00:00:00' })],
  ['visquery.request.length-only.json', (c) => c.visQuery({ ra: 195.699, dec: -63.836, begin: '2026-11-21 04:23:16.356268', length: 28 })],
  [
    'visquery.request.hires.json',
    (c) =>
      c.visQuery({
        ra: 83.633114166667,
        dec: 22.014486944444,
        begin: new Date(Date.UTC(2022, 8, 23, 10, 27)),
        end: new Date(Date.UTC(2022, 8, 24, 10, 27)),
        hires: true,
      }),
  ],
  ['saa.request.json', (c) => c.saa({ begin: '2022-03-29 00:00:00', end: '2022-03-30 00:00:00', bat: true })],
  ['obsquery.request.by-position.json', (c) => c.obsQuery({ ra: 287.9565, dec: 4.9827 })],
  ['obsquery.request.by-obsid.json', (c) => c.obsQuery({ obs_id: '35190015' })],
  ['obsquery.request.by-time.json', (c) => c.obsQuery({ begin: '2022-01-10 00:00:00', end: '2022-01-10 02:24:00', length: 0.1 })],
  ['obsquery.request.by-target-ids.json', (c) => c.obsQuery({ target_id: [35190, 11184] })],
  ['planquery.request.json', (c) => c.planQuery({ begin: '2022-09-24 00:00:00', end: '2022-09-25 00:00:00' })],
  ['calendar.request.json', (c) => c.calendar({ too_id: 22682 })],
  ['too.get.request.by-id.json', (c) => c.getToo(16832)],
  ['too.get.request.by-date.json', (c) => c.listToos({ begin: '2022-01-01 00:00:00', end: '2022-01-11 00:00:00' })],
  ['clock.request.utctime.json', (c) => c.clock({ utctime: ['2022-01-01 00:00:00', '2021-01-01 00:00:00'] })],
  ['clock.request.met.json', (c) => c.clock({ met: 662688000 })],
  ['clock.request.swifttime.json', (c) => c.clock({ swifttime: '2022-01-01T00:00:00' })],
  ['uvot.request.json', (c) => c.uvotMode({ uvot_mode: 0x30ed })],
  ['uvot.request.with-position.json', (c) => c.uvotMode({ uvot_mode: 12525, ra: 279.23473458333336, dec: 38.78368888888889 })],
  ['data.request.json', (c) => c.data({ obs_id: '00031306080', bat: true })],
  ['guano.request.json', (c) => c.guano({ limit: 10 })],
  [
    'guano.request.by-date.json',
    (c) => c.guano({ begin: '2022-01-01 00:00:00', end: '2022-01-02 00:00:00', limit: 100, triggertype: 'GBM GRB' }),
  ],
  ['resolve.request.json', (c) => c.resolve('Crab')],
  [
    'too.post.request.json',
    (c) =>
      c.submitToo(
        // The blanks around the cadence are trimmed, as the stock client does.
        requestFile({ ...SMC_X3_TOO, monitoring_freq: ' 2 days ' }),
      ),
  ],
  [
    'too.post.request.grb-validate-only.json',
    (c) =>
      c.submitToo(
        requestFile({
          target_name: 'GRB 260101A',
          target_type: 'GRB',
          ra: 10,
          dec: 20,
          obs_type: 'Position',
          xrt_countrate: 5,
          grb_detector: 'Fermi/GBM',
          grb_triggertime: '2026-01-01T01:02:03',
          uvot_mode: '0x01ab',
          uvot_just: 'u filter for photometric redshift constraint.',
          science_just: 'Localise the X-ray afterglow of a GBM burst.',
          immediate_objective: 'Find the X-ray counterpart.',
          exposure: 2000,
          xrt_mode: 'WT',
          exp_time_just: '2 ks reaches the typical afterglow flux.',
          exp_time_per_visit: 2000,
          num_of_visits: 1,
          monitoring_freq: '1 day',
        }),
        { validateOnly: true },
      ),
  ],
];

describe("TOO requests: parity with the official client's captures", () => {
  for (const [fixture, ask] of PARITY) {
    it(`builds ${fixture.replace('.json', '')} as captured`, async () => {
      assertSame(fixture, await sentFor(ask));
    });
  }

  it('signs in with the captured JSON body', async () => {
    const records: { method: string; path: string; body: unknown }[] = [];
    const http = axios.create({
      adapter: async (config: AxiosRequestConfig) => {
        records.push({
          method: String(config.method).toUpperCase(),
          path: new URL(String(config.url)).pathname,
          body: JSON.parse(String(config.data)),
        });
        return { status: 200, statusText: 'OK', headers: {}, config: config as never, data: '' };
      },
    });
    const session = new TooSession(async () => ({ username: 'myuser', apiKey: 'my_api_key_or_password' }));
    await new TooClient({ baseUrl: BASE, timeoutMs: 5000, userAgent: 'parity-test', session, http, retry: NO_WAIT }).login();
    const captured = readFixture('too', 'login.request.json') as { method: string; path: string; json: unknown };
    assert.deepEqual(records, [{ method: captured.method, path: captured.path, body: captured.json }]);
  });
});
