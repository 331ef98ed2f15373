import * as assert from 'node:assert/strict';
import { parseJsonDocument } from '../../../src/editing/jsonLocations';
import { keyNamedIn } from '../../../src/editing/serviceKeys';

describe('placing a service message on a request key', () => {
  const parsed = parseJsonDocument(JSON.stringify({ $schema: './x.json', name: 'GRB', poserr: 0.01, uvot_mode: '0x30ED', uvot_just: 'UV' }));

  it('takes the field the service named when the file has it, else reads the message', () => {
    assert.equal(keyNamedIn('must be positive', parsed, { field: 'poserr' }), 'poserr');
    assert.equal(keyNamedIn('the uvot_mode needs a reason', parsed, { field: 'body' }), 'uvot_mode');
  });

  it('takes the first word when it is a key of the file or a known key (XRT listErr items start with the parameter)', () => {
    assert.equal(keyNamedIn('poserr is 0.01, but must be at least 1', parsed), 'poserr');
    assert.equal(keyNamedIn('Dec', parsed, { knownKeys: new Set(['RA', 'Dec']) }), 'Dec');
    assert.equal(keyNamedIn('Dec', parsed), undefined, 'a key neither in the file nor known');
  });

  it('else takes the longest key of the file named as a whole word, never $schema or a part of a word', () => {
    assert.equal(keyNamedIn('The name of this uvot_mode is unknown', parsed), 'uvot_mode');
    assert.equal(keyNamedIn('check $schema', parsed), undefined);
    assert.equal(keyNamedIn('the surname is wrong', parsed), undefined);
    assert.equal(keyNamedIn('anything', parseJsonDocument('[1, 2]')), undefined);
  });
});
