import * as assert from 'node:assert/strict';
import { listFixtures, readFixture } from '../../support/paths';
import { toPassthroughQueryString, toQueryParams, type QueryEndpoint, type QueryParams } from '../../../src/too/querySchemas';
import { fromQueryParams, queryEndpointForPath } from '../../support/tooQueryDecoding';

// The query string the client sends: what the TOO client puts on the wire (spaces as `+`, `:` as `%3A`).
const toQueryString = <E extends QueryEndpoint>(endpoint: E, params: QueryParams<E>): string => toQueryParams(endpoint, params).toString();

interface RequestEnvelope {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
}

// The query string the fixture's decoded values stand for, in the fixture's key order.
function fixtureQueryString(query: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

describe('TOO query parameters', () => {
  const getFixtures = listFixtures('too')
    .filter((name) => name.includes('.request'))
    .map((name) => ({ name, envelope: readFixture('too', name) as RequestEnvelope }))
    .filter(({ envelope }) => envelope.method === 'GET');

  it('finds the GET request fixtures', () => {
    assert.ok(getFixtures.length >= 20, `only ${getFixtures.length} GET fixtures`);
  });

  for (const { name, envelope } of getFixtures) {
    it(`re-encodes ${name} exactly as the stock client sent it`, () => {
      const endpoint = queryEndpointForPath(envelope.path);
      assert.ok(endpoint, `no endpoint for ${envelope.path}`);
      const decoded = fromQueryParams(endpoint, envelope.query ?? {});
      if (!decoded.ok) assert.fail(decoded.message);
      // Encoding checks the parameters against the typed schema, so a capture the checks refuse fails here.
      assert.equal(toQueryString(endpoint, decoded.params as QueryParams<typeof endpoint>), fixtureQueryString(envelope.query ?? {}));
    });
  }

  // Typed calls a client makes, against the wire captures of test/fixtures/protocol/swift-too-v2.md §1.4.
  it('encodes typed visquery parameters like the capture (float 28 → 28.0, microseconds kept)', () => {
    assert.equal(
      toQueryString('visquery', { ra: 195.699, dec: -63.836, begin: '2026-11-21T04:23:16.356268', length: 28 }),
      'ra=195.699&dec=-63.836&begin=2026-11-21+04%3A23%3A16.356268&length=28.0&hires=false',
    );
    assert.equal(
      toQueryString('visquery', {
        ra: 195.699,
        dec: -63.836,
        begin: new Date(Date.UTC(2021, 1, 18)),
        end: new Date(Date.UTC(2021, 2, 18)),
      }),
      'ra=195.699&dec=-63.836&begin=2021-02-18+00%3A00%3A00&end=2021-03-18+00%3A00%3A00&hires=false',
    );
  });

  it('repeats list parameters, pads obs IDs and adds the default radius for a position search', () => {
    assert.equal(toQueryString('obsquery', { target_id: [35190, 11184] }), 'target_id=35190&target_id=11184');
    assert.equal(toQueryString('obsquery', { obs_id: '35190015' }), 'obs_id=00035190015');
    assert.equal(toQueryString('obsquery', { ra: 287.9565, dec: 4.9827 }), 'ra=287.9565&dec=4.9827&radius=0.2');
    assert.equal(toQueryString('clock', { met: 662688000 }), 'met=662688000.0');
  });

  it('sends the flags the client always sends and omits nulls', () => {
    assert.equal(
      toQueryString('data', { obs_id: '00031306080', bat: true, xrt: null }),
      'obs_id=00031306080&auxil=true&bat=true&xrt=false&uvot=false&log=false&tdrss=false&quicklook=false&uksdc=false&itsdc=false&subthresh=false',
    );
    assert.equal(toQueryString('tooList', { too_id: 16832, detail: true }), 'detail=true&too_id=16832&debug=false');
    assert.equal(toQueryString('guano', { limit: 10 }), 'subthreshold=false&successful=true&limit=10');
    assert.equal(toQueryString('calendar', { too_id: 24126 }), 'too_id=24126&radius=0.2');
  });

  it('refuses parameter sets the stock client refuses, saying why', () => {
    assert.throws(() => toQueryString('obsquery', {}), /at least one of begin, end, length, ra, dec, target_id, obs_id/);
    assert.throws(() => toQueryString('clock', { met: 1, utctime: '2022-01-01 00:00:00' }), /exactly one of met, utctime or swifttime/);
    assert.throws(() => toQueryString('visquery', { dec: 1 } as never), /ra/);
    assert.throws(() => toQueryString('visquery', { ra: 400, dec: 0 }), /ra must be at most 360/);
    assert.throws(() => toQueryString('saa', { begin: '29/03/2022' }), /begin must be a Date or text/);
    assert.throws(() => toQueryString('obsquery', { obs_id: '0003519001A' }), /observation ID/);
    assert.throws(() => toQueryString('saa', { bat: true, colour: 'red' } as never), /unknown saa parameter\(s\): colour/);
  });

  it('decodes strictly: bad numbers, booleans and unknown keys are named', () => {
    assert.deepEqual(fromQueryParams('saa', { bat: 'yes' }), { ok: false, message: 'bat: cannot read "yes" as bool' });
    assert.deepEqual(fromQueryParams('visquery', { ra: 'x', dec: '1' }), { ok: false, message: 'ra: cannot read "x" as number' });
    assert.deepEqual(fromQueryParams('resolve', { nam: 'Crab' }), { ok: false, message: 'unknown resolve parameter "nam"' });
    assert.equal(queryEndpointForPath('/api/v2/swift/visquery/'), 'visquery');
  });

  it('passes NICER parameters through with the general encoding rules', () => {
    assert.equal(
      toPassthroughQueryString({ ra: 83.6, dec: 22, hires: false, id: [1, 2], skip: null }),
      'ra=83.6&dec=22&hires=false&id=1&id=2',
    );
  });
});
