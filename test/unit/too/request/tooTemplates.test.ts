// The "New TOO Request…" templates: refused as they come, for their placeholders only (each with
// what to write there), accepted once those are filled in; never at the most urgent levels.
import * as assert from 'node:assert/strict';
import { findPlaceholders } from '../../../../src/too/request/placeholders';
import { validateTooRequest } from '../../../../src/too/request/requestSchema';
import { TOO_TEMPLATES, templateFileStem } from '../../../../src/too/request/tooTemplates';

/** What a user might write in place of each placeholder. */
const FILLED: Readonly<Record<string, unknown>> = {
  target_name: 'GRB 260101A',
  ra: 150.25,
  dec: 20.5,
  poserr: 3,
  grb_detector: 'Fermi/GBM',
  grb_triggertime: '2026-01-01T01:02:03',
};

function filledIn(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const placeholders = new Set(findPlaceholders(body).map((p) => p.field));
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, placeholders.has(k) ? (FILLED[k] ?? 'The user’s own text.') : v]));
}

describe('TOO request templates', () => {
  it('offers a GRB follow-up, a monitoring campaign and a single observation', () => {
    assert.deepEqual(
      TOO_TEMPLATES.map((t) => t.id),
      ['grb', 'monitoring', 'single'],
    );
  });
  for (const template of TOO_TEMPLATES) {
    it(`"${template.label}" as it comes is refused, for its placeholders only, each saying what to write`, () => {
      const placeholders = findPlaceholders(template.body);
      assert.ok(
        placeholders.some((p) => p.field === 'science_just'),
        'the science case is the user’s to write',
      );
      const result = validateTooRequest(template.body);
      assert.equal(result.ok, false);
      assert.deepEqual(!result.ok && result.issues.map((i) => i.path.join('.')).sort(), placeholders.map((p) => p.field).sort());
      for (const issue of !result.ok ? result.issues : []) assert.match(issue.message, /placeholder <.+>: replace it with \S/);
    });
    it(`"${template.label}" passes the request schema once its placeholders are filled in`, () => {
      const result = validateTooRequest(filledIn(template.body));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    });
    it(`"${template.label}" does not ask for the most urgent levels (0 or 1)`, () => {
      assert.ok(typeof template.body.urgency === 'number' && template.body.urgency >= 2, `urgency ${String(template.body.urgency)}`);
    });
  }
  it('the GRB template carries the GRB-only fields, and invents no burst: name, position and trigger are placeholders', () => {
    const grb = TOO_TEMPLATES.find((t) => t.id === 'grb');
    assert.equal(grb?.body.target_type, 'GRB');
    const fields = findPlaceholders(grb?.body).map((p) => p.field);
    for (const field of ['target_name', 'ra', 'dec', 'grb_triggertime', 'grb_detector']) assert.ok(fields.includes(field), field);
    assert.ok(grb && !/[<>]/.test(templateFileStem(grb)), 'the file name is not made of a placeholder');
  });
});

describe('TOO request placeholders', () => {
  it('a placeholder is refused wherever it is in a text, and an ordinary comparison is not one', () => {
    assert.deepEqual(
      findPlaceholders({
        science_just: 'Because <describe the scientific case> matters',
        opt_mag: '>20',
        other_brightness: 'flux < 1e-11 and > 5e-12',
      }).map((p) => p.field),
      ['science_just'],
    );
  });
  it('a placeholder in a number field is reported as the placeholder, not as a wrong type', () => {
    const grb = TOO_TEMPLATES.find((t) => t.id === 'grb');
    const result = validateTooRequest({ ...filledIn(grb?.body ?? {}), ra: '<RA of the burst, J2000 degrees>' });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.issues.map((i) => i.message), [
      "ra still holds the template's placeholder <RA of the burst, J2000 degrees>: replace it with the right ascension in degrees (J2000), a number",
    ]);
  });
});
