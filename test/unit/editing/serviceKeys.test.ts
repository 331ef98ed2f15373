import * as assert from 'node:assert/strict';
import { parseJsonDocument } from '../../../src/editing/jsonLocations';
import { serviceKeyFor } from '../../../src/editing/serviceKeys';
import { KNOWN_REQUEST_KEYS } from '../../../src/xrt/request/requestSchema';
import { XRT_SERVICE_TOPICS, placeMissingXrtKey } from '../../../src/xrt/request/servicePlacement';
import { tooRequestSchema } from '../../../src/too/request/requestSchema';
import { TOO_SERVICE_TOPICS, placeMissingTooKey } from '../../../src/too/request/servicePlacement';

describe('placing a service message on a request key', () => {
  const parsed = parseJsonDocument(
    JSON.stringify({ $schema: './x.json', name: 'GRB', poserr: 0.01, uvot_mode: '0x30ED', uvot_just: 'UV' }),
  );

  it('takes the field the service named when the file has it, else reads the message', () => {
    assert.equal(serviceKeyFor('must be positive', parsed, { field: 'poserr' }), 'poserr');
    assert.equal(serviceKeyFor('the uvot_mode needs a reason', parsed, { field: 'body' }), 'uvot_mode');
  });

  it('takes the first word when it is a key of the file or a known key (XRT listErr items start with the parameter)', () => {
    assert.equal(serviceKeyFor('poserr is 0.01, but must be at least 1', parsed), 'poserr');
    // The file lacks Dec: which key was named shows in what placeMissing is asked about.
    const asked: string[] = [];
    const placeMissing = (key: string): string | undefined => (asked.push(key), 'name');
    assert.equal(serviceKeyFor('Dec', parsed, { knownKeys: new Set(['RA', 'Dec']), placeMissing }), 'name');
    assert.deepEqual(asked, ['Dec']);
    assert.equal(serviceKeyFor('Dec', parsed, { placeMissing }), undefined, 'a key neither in the file nor known');
    assert.deepEqual(asked, ['Dec']);
  });

  it('else takes the longest key of the file named as a whole word, never $schema or a part of a word', () => {
    assert.equal(serviceKeyFor('The name of this uvot_mode is unknown', parsed), 'uvot_mode');
    assert.equal(serviceKeyFor('check $schema', parsed), undefined);
    assert.equal(serviceKeyFor('the surname is wrong', parsed), undefined);
    assert.equal(serviceKeyFor('anything', parseJsonDocument('[1, 2]')), undefined);
  });
});

describe('placing a service refusal that names no key of the file', () => {
  const xrt = (body: Record<string, unknown>) => parseJsonDocument(JSON.stringify(body));
  const xrtOptions = { knownKeys: KNOWN_REQUEST_KEYS, topics: XRT_SERVICE_TOPICS, placeMissing: placeMissingXrtKey };
  const tooOptions = {
    knownKeys: new Set(Object.keys(tooRequestSchema.shape)),
    topics: TOO_SERVICE_TOPICS,
    placeMissing: placeMissingTooKey,
  };

  it('puts an XRT name-resolver failure on name, whatever its wording', () => {
    const file = xrt({ name: 'Nowhere X-1', getCoords: 1, targ: '00012345', lc: 1 });
    assert.equal(
      serviceKeyFor('Could not resolve the name `Nowhere X-1` to a position; give RA and Dec instead.', file, xrtOptions),
      'name',
    );
    assert.equal(serviceKeyFor('SIMBAD does not know this object.', file, xrtOptions), 'name');
  });

  it('puts an XRT refusal about target IDs or T0 on the switch that asked the service for them', () => {
    const file = xrt({ name: 'X', getTargs: 1, getT0: 1, RA: 1, Dec: 2, lc: 1 });
    assert.equal(
      serviceKeyFor('No Swift observations of `X` were found at this position, so no target IDs could be chosen.', file, xrtOptions),
      'getTargs',
    );
    assert.equal(serviceKeyFor('Could not determine T0 for `X`: it is not a known GRB.', file, xrtOptions), 'getT0');
    assert.equal(serviceKeyFor('The centroid could not be found.', file, xrtOptions), 'RA');
  });

  it('puts a parameter the service says is missing on the key our own rule puts it on', () => {
    const file = xrt({ name: 'X', targ: '00012345', RA: 1, lc: 1, binMeth: 'counts', pccounts: 20, dynamic: 1, cent: 1, poserr: 2 });
    assert.equal(serviceKeyFor('wtcounts', file, xrtOptions), 'binMeth');
    assert.equal(serviceKeyFor('Dec', file, xrtOptions), 'lc');
  });

  it('puts TOO 400 errors on the field they are about, a 422 field the file lacks on the key that requires it', () => {
    const file = parseJsonDocument(
      JSON.stringify({ target_name: 'GRB 1', target_type: 'GRB', ra: 1, dec: 2, urgency: 0, exp_time_per_visit: 30000 }),
    );
    assert.equal(serviceKeyFor('Urgency 0 requires a GI program or prior approval.', file, tooOptions), 'urgency');
    assert.equal(serviceKeyFor('The following UVOT filters are not allowed due to a bright star: u, b, v.', file, tooOptions), 'ra');
    assert.equal(
      serviceKeyFor('Exposure per visit of 30000 s exceeds the 20000 s a single visit can hold.', file, tooOptions),
      'exp_time_per_visit',
    );
    assert.equal(serviceKeyFor('Field required', file, { ...tooOptions, field: 'grb_detector' }), 'target_type');
    assert.equal(serviceKeyFor("Could not resolve name 'GRB 1'.", file, tooOptions), 'target_name');
  });

  it('leaves a refusal about nothing in the file on the opening brace', () => {
    const file = parseJsonDocument(JSON.stringify({ target_name: 'A', ra: 1 }));
    assert.equal(serviceKeyFor('TOO submission is currently disabled; please try again later.', file, tooOptions), undefined);
    assert.equal(serviceKeyFor('You already have 50 jobs queued or running.', xrt({ name: 'X' }), xrtOptions), undefined);
  });
});
