// Every "New TOO Request…" template must be a request the schema accepts as written.
import * as assert from 'node:assert/strict';
import { validateTooRequest } from '../../src/too/requestSchema';
import { TOO_TEMPLATES } from '../../src/too/tooTemplates';

describe('TOO request templates', () => {
  it('offers a GRB follow-up, a monitoring campaign and a single observation', () => {
    assert.deepEqual(TOO_TEMPLATES.map((t) => t.id), ['grb', 'monitoring', 'single']);
  });
  for (const template of TOO_TEMPLATES) {
    it(`"${template.label}" passes the request schema`, () => {
      const result = validateTooRequest(template.body);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    });
  }
  it('the GRB template carries the GRB-only fields', () => {
    const grb = TOO_TEMPLATES.find((t) => t.id === 'grb');
    assert.equal(grb?.body.target_type, 'GRB');
    assert.ok(grb?.body.grb_detector && grb.body.grb_triggertime);
  });
});
