// Replies read as leniently as the official client's pydantic models (lax mode): the shared
// primitives, status folding, offsets in datetimes, one odd record left out of a list, and every
// reply of the sandbox's `too-lax-types` and `too-datetime-offsets` variants read like its default.
import * as assert from 'node:assert/strict';
import { laxBool, laxDatetime, laxInt, laxNumber, laxObsId, optBool, optNumber, optDatetime } from '../../../src/too/lenient';
import {
  calendarResponseSchema,
  clockResponseSchema,
  describeSkipped,
  foldStatus,
  obsQueryResponseSchema,
  planQueryResponseSchema,
  saaResponseSchema,
  skippedRecords,
  statusFromBody,
  tooListResponseSchema,
  visQueryResponseSchema,
} from '../../../src/too/responseSchemas';
import axios, { type AxiosRequestConfig } from 'axios';
import { TooClient, TooServiceError } from '../../../src/too/client';
import { validateTooRequest } from '../../../src/too/request/requestSchema';
import { TooSession } from '../../../src/too/session';
import { SMC_X3_TOO } from '../../support/requests';
import { buildResultView } from '../../../src/too/queries/queryCatalog';
import { createTooService, type TooService } from '../../sandbox/too/service';
import { bodyJson, frozenContext, makeRequest, sessionFrom } from '../../sandbox/too/testRequests';
import { VariantSet } from '../../sandbox/variants';
import { TOO_VARIANTS } from '../../sandbox/too/wireVariants';

const NO_RETRY = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined };

describe('TOO replies read leniently', () => {
  describe('primitives', () => {
    it('booleans from true/false, 0/1, "0"/"1" and "true"/"false"', () => {
      for (const yes of [true, 1, '1', 'true', 'True', ' yes ']) assert.equal(laxBool.parse(yes), true, String(yes));
      for (const no of [false, 0, '0', 'false', 'FALSE', 'no']) assert.equal(laxBool.parse(no), false, String(no));
      for (const odd of [2, 'maybe', null, {}]) assert.equal(laxBool.safeParse(odd).success, false, JSON.stringify(odd));
    });

    it('numbers and whole numbers from numeric text', () => {
      assert.equal(laxNumber.parse('195.699'), 195.699);
      assert.equal(laxNumber.parse(' -1e-3 '), -0.001);
      assert.equal(laxInt.parse('22682'), 22682);
      assert.equal(laxInt.parse(3.0), 3);
      assert.equal(laxInt.safeParse('3.5').success, false);
      assert.equal(laxNumber.safeParse('12 hours').success, false);
      assert.equal(laxNumber.safeParse('').success, false);
    });

    it('an integer obs_id becomes the 11-digit text', () => {
      assert.equal(laxObsId.parse(35190015), '00035190015');
      assert.equal(laxObsId.parse('35190015'), '00035190015');
      assert.equal(laxObsId.parse('00035190015'), '00035190015');
    });

    it('null and "" in optional fields read as null', () => {
      assert.equal(optBool.parse(''), null);
      assert.equal(optNumber.parse(null), null);
      assert.equal(optNumber.parse('  '), null);
      assert.equal(optDatetime.parse(''), null);
    });

    it('datetimes with Z or ±HH:MM are moved to UTC without the offset; naive ones are kept', () => {
      const normaliseServiceDatetime = (text: string): string | undefined => {
        const read = laxDatetime.safeParse(text);
        return read.success ? read.data : undefined;
      };
      assert.equal(normaliseServiceDatetime('2022-01-03T14:12:09'), '2022-01-03T14:12:09');
      assert.equal(normaliseServiceDatetime('2022-01-03T14:12:09Z'), '2022-01-03T14:12:09');
      assert.equal(normaliseServiceDatetime('2022-01-03T14:12:09.650000+02:00'), '2022-01-03T12:12:09.650000');
      assert.equal(normaliseServiceDatetime('2022-01-03 23:30:00-0130'), '2022-01-04T01:00:00');
      assert.equal(normaliseServiceDatetime('2022-01-03 14:12:09'), '2022-01-03T14:12:09');
      assert.equal(normaliseServiceDatetime('2022-01-04'), '2022-01-04T00:00:00');
      assert.equal(normaliseServiceDatetime('yesterday'), undefined);
    });
  });

  describe('status', () => {
    it('folds a text status with the top-level errors, warnings and too_id', () => {
      assert.deepEqual(foldStatus({ status: 'Accepted', too_id: 5, warnings: ['w'], other: 1 }), {
        status: { status: 'Accepted', too_id: 5, warnings: ['w'] },
        too_id: 5,
        warnings: ['w'],
        other: 1,
      });
      const reply = visQueryResponseSchema.parse({ status: 'Rejected', errors: ['No such target.'], windows: [] });
      assert.deepEqual(reply.status, { status: 'Rejected', errors: ['No such target.'], warnings: [] });
      assert.deepEqual(statusFromBody({ status: 'Accepted', too_id: '22683', errors: null }), {
        status: 'Accepted',
        too_id: 22683,
        errors: [],
        warnings: [],
      });
    });
  });

  describe('lists', () => {
    it('one odd record is left out, the rest kept, and the reply says which', () => {
      const reply = tooListResponseSchema.parse({
        entries: [
          { too_id: 1, ra: '10.5', proposal: 0 },
          { too_id: 'two', ra: 1 },
          { too_id: 3, timestamp: 'last Tuesday' },
          { too_id: 4, calendar: { entries: [{ begin: '2026-01-01T00:00:00', end: '2026-01-01T23:59:59' }, { begin: 7 }] } },
        ],
      });
      assert.deepEqual(
        reply.entries.map((e) => e.too_id),
        [1, 4],
      );
      assert.equal(reply.entries[0].ra, 10.5);
      assert.equal(reply.entries[0].proposal, false);
      const skipped = skippedRecords(reply);
      assert.deepEqual(skipped.map((s) => `${s.what}#${s.index}`).sort(), ['TOO record#1', 'TOO record#2', 'calendar row#1']);
      assert.match(describeSkipped(skipped), /^3 /);
      assert.equal(JSON.stringify(reply).includes('skipped'), false, 'the bookkeeping is invisible to JSON');
    });

    it('the results panel notes records it left out', async () => {
      const reply = saaResponseSchema.parse({ entries: [{ begin: '2022-03-29T15:41:52', end: '2022-03-29T16:01:35' }, { begin: 'soon' }] });
      const view = await buildResultView('saa', {}, reply, { id: 'odd', now: new Date(0) });
      assert.equal(view.table.rows.length, 1);
      assert.ok(
        view.notes.some((n) => /1 SAA passage .*left out \(#2: /.test(n)),
        JSON.stringify(view.notes),
      );
    });

    it('null lists read as empty', () => {
      assert.deepEqual(saaResponseSchema.parse({ entries: null }).entries, []);
    });
  });

  describe('submission replies', () => {
    // The client as the extension uses it, its HTTP layer answering POST /swift/too with `body` (HTTP 200).
    function answering(body: string): TooClient {
      const http = axios.create({
        adapter: async (config: AxiosRequestConfig) => {
          const login = new URL(String(config.url)).pathname.endsWith('/login');
          return { status: 200, statusText: 'OK', headers: {}, config: config as never, data: login ? '' : body };
        },
      });
      const session = new TooSession(async () => ({ username: 'astro', apiKey: 'sandbox-key' }));
      return new TooClient({
        baseUrl: 'http://too.invalid/api/v2',
        timeoutMs: 5000,
        userAgent: 'unit-test',
        session,
        http,
        retry: NO_RETRY,
      });
    }
    const submit = (body: unknown, options: { validateOnly?: boolean; debug?: boolean } = {}) => {
      const request = validateTooRequest({ ...SMC_X3_TOO, debug: options.debug ?? false });
      assert.ok(request.ok, 'test request invalid');
      return answering(JSON.stringify(body)).submitToo(request.value, { validateOnly: options.validateOnly ?? false });
    };

    it('any 2xx with a too_id was received, whatever the status text', async () => {
      for (const status of ['Accepted', 'Submitted', 'Pending', 'Queued', '']) {
        const outcome = await submit({ status, too_id: 22683 });
        assert.deepEqual(outcome, { kind: 'received', tooId: 22683, warnings: [], status }, status);
      }
      assert.deepEqual(await submit({ status: { status: 'Accepted', too_id: '22684' } }), {
        kind: 'received',
        tooId: 22684,
        warnings: [],
        status: 'Accepted',
      });
      assert.equal((await submit({ too_id: 22685 })).kind, 'received');
      assert.deepEqual(await submit({ too_id: '22686', warnings: ['late'] }), {
        kind: 'received',
        tooId: 22686,
        warnings: [],
        status: '',
      });
    });

    it('a 2xx without a too_id is uncertain, never "accepted"', async () => {
      assert.deepEqual(await submit({ status: 'Accepted' }), { kind: 'uncertain', warnings: [], status: 'Accepted' });
      assert.deepEqual(await submit(null), { kind: 'uncertain', warnings: [], status: undefined });
      assert.equal((await submit({ status: 'Accepted' }, { debug: true })).kind, 'debug');
      assert.equal((await submit({ status: 'Validated' }, { validateOnly: true })).kind, 'validated');
    });

    it('errors without a too_id are a refusal', async () => {
      await assert.rejects(submit({ status: 'Rejected', errors: ['Pole constrained.'] }), (error: unknown) => {
        assert.ok(error instanceof TooServiceError);
        assert.deepEqual(error.fieldIssues, [{ message: 'Pole constrained.' }]);
        assert.match(error.message, /Pole constrained/);
        return true;
      });
    });

    it('reads a submission reply whose too_id is text, next to a legacy jobnumber', async () => {
      assert.deepEqual(await submit({ status: 'Accepted', too_id: '22682', jobnumber: 23472401 }), {
        kind: 'received',
        tooId: 22682,
        warnings: [],
        status: 'Accepted',
      });
    });
  });

  describe('the sandbox variants read like the default wire', () => {
    const NOW = new Date('2026-11-21T12:00:00Z');

    async function replies(variants: VariantSet): Promise<Record<string, unknown>> {
      const service: TooService = createTooService(frozenContext(NOW, variants));
      const call = async (method: string, path: string, init: Parameters<typeof makeRequest>[2] = {}) => {
        const res = await service.handle(makeRequest(method, path, init));
        assert.ok(res);
        return res;
      };
      const session = sessionFrom(await call('POST', '/login', { json: { username: 'astro', password: 'sandbox-key' } }));
      return {
        list: bodyJson(
          await call('GET', '/swift/too', {
            query: { begin: '2022-01-01 00:00:00', end: '2022-01-11 00:00:00', detail: 'false', debug: 'false' },
            session,
          }),
        ),
        one: bodyJson(await call('GET', '/swift/too', { query: { too_id: '16832', detail: 'true', debug: 'false' }, session })),
        calendar: bodyJson(await call('GET', '/swift/calendar', { query: { too_id: '22682', radius: '0.2' } })),
        obs: bodyJson(await call('GET', '/swift/obsquery', { query: { ra: '287.9565', dec: '4.9827', radius: '0.2' } })),
        plan: bodyJson(await call('GET', '/swift/planquery', { query: { begin: '2026-11-21 00:00:00', end: '2026-11-21 06:00:00' } })),
        clock: bodyJson(await call('GET', '/swift/clock', { query: { utctime: ['2022-01-01 00:00:00'] } })),
      };
    }

    // Fields the client models as `float | str` keep what was sent; compare them as text.
    const EITHER = new Set(['poserr', 'opt_mag', 'xrt_countrate', 'bat_countrate', 'number_of_tiles', 'obs_n', 'uvot_mode', 'special']);
    const comparable = (node: unknown, key?: string): unknown => {
      if (Array.isArray(node)) return node.map((item) => comparable(item, key));
      if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, comparable(v, k)]));
      return key !== undefined && EITHER.has(key) && typeof node === 'number' ? String(node) : node;
    };

    const SCHEMAS = {
      list: tooListResponseSchema,
      one: tooListResponseSchema,
      calendar: calendarResponseSchema,
      obs: obsQueryResponseSchema,
      plan: planQueryResponseSchema,
      clock: clockResponseSchema,
    };

    for (const variant of [TOO_VARIANTS.laxTypes, TOO_VARIANTS.datetimeOffsets]) {
      it(`${variant}: every reply parses to the same values, nothing left out`, async () => {
        const plain = await replies(new VariantSet());
        const odd = await replies(new VariantSet({ [variant]: true }));
        for (const [name, schema] of Object.entries(SCHEMAS)) {
          assert.notDeepEqual(odd[name], plain[name], `${name}: the variant changed nothing`);
          const a = schema.parse(plain[name]);
          const b = schema.parse(odd[name]);
          assert.deepEqual(skippedRecords(b), [], `${name}: records left out`);
          assert.deepEqual(comparable(b), comparable(a), name);
        }
      });
    }

    it('too-lax-types sends what the variant promises', async () => {
      const odd = (await replies(new VariantSet({ [TOO_VARIANTS.laxTypes]: true }))) as Record<
        string,
        { entries: Record<string, unknown>[] }
      >;
      const record = odd.one.entries[0];
      assert.equal(record.proposal, 0);
      assert.equal(typeof record.too_id, 'string');
      assert.equal(typeof odd.obs.entries[0].obs_id, 'number');
      assert.equal(tooListResponseSchema.parse({ entries: [record] }).entries[0].too_id, 16832);
    });
  });
});
