import * as assert from 'node:assert/strict';
import type { z } from 'zod';
import { listFixtures, readFixture } from '../../support/paths';
import {
  calendarResponseSchema,
  clockResponseSchema,
  dataResponseSchema,
  describeTooError,
  fastApiDetailSchema,
  guanoResponseSchema,
  obsQueryResponseSchema,
  planQueryResponseSchema,
  resolveResponseSchema,
  saaResponseSchema,
  sessionResponseSchema,
  statusFromBody,
  tooListResponseSchema,
  uvotModeResponseSchema,
  visQueryResponseSchema,
  skippedRecords,
} from '../../../src/too/responseSchemas';
import { errorBodySchema, loginResponseSchema, logoutResponseSchema, tooSubmitResponseSchema } from '../../support/tooReplyShapes';

// File-name prefix → schema of a successful reply of that endpoint.
const SCHEMA_BY_PREFIX: [string, z.ZodType][] = [
  ['calendar.', calendarResponseSchema],
  ['clock.', clockResponseSchema],
  ['data.', dataResponseSchema],
  ['error.', errorBodySchema],
  ['guano.', guanoResponseSchema],
  ['login.', loginResponseSchema],
  ['logout.', logoutResponseSchema],
  ['obsquery.', obsQueryResponseSchema],
  ['planquery.', planQueryResponseSchema],
  ['resolve.', resolveResponseSchema],
  ['saa.', saaResponseSchema],
  ['session.', sessionResponseSchema],
  ['too.get.', tooListResponseSchema],
  ['too.post.', tooSubmitResponseSchema],
  ['uvot.', uvotModeResponseSchema],
  ['visquery.', visQueryResponseSchema],
];

function httpStatusOf(name: string): number {
  const code = /\.response\.([^.]+)\.json$/.exec(name)?.[1] ?? '';
  const number = /^(\d{3})/.exec(code)?.[1];
  return number ? Number(number) : 200; // `ok`, `ok-hires`, … = 200
}

function schemaFor(name: string): z.ZodType {
  const entry = SCHEMA_BY_PREFIX.find(([prefix]) => name.startsWith(prefix));
  if (!entry) throw new Error(`no schema for fixture ${name}`);
  return entry[1];
}

function issuesText(result: { success: boolean; error?: { issues: unknown[] } }): string {
  return result.success ? '' : JSON.stringify(result.error?.issues);
}

describe('TOO response schemas', () => {
  const responses = listFixtures('too').filter((name) => name.includes('.response.'));

  it('finds the response fixtures', () => {
    assert.ok(responses.length >= 35, `only ${responses.length}`);
  });

  for (const name of responses) {
    const status = httpStatusOf(name);
    const isError = status >= 400;
    // Error replies are status/detail bodies; only the TOO rejection and the resolve miss keep the endpoint's shape.
    const endpointSchemaApplies =
      !isError || name.startsWith('too.post.response.400') || name.startsWith('resolve.') || name.startsWith('error.');

    if (endpointSchemaApplies) {
      it(`parses ${name} with the schema its name calls for`, () => {
        const result = schemaFor(name).safeParse(readFixture('too', name));
        assert.ok(result.success, issuesText(result));
      });
    }

    if (isError) {
      it(`parses ${name} as an error body and describes it with the server's own words`, () => {
        const body = readFixture('too', name);
        assert.ok(errorBodySchema.safeParse(body).success, `${name} is not a known error shape`);
        const message = describeTooError(status, body);
        assert.match(message, new RegExp(`HTTP ${status}`));
        const status_ = statusFromBody(body);
        const expectedWords = status_
          ? status_.errors
          : (() => {
              const detail = fastApiDetailSchema.parse(body).detail;
              return typeof detail === 'string' ? [detail] : detail.map((d) => d.msg);
            })();
        assert.ok(expectedWords.length > 0);
        for (const words of expectedWords) assert.ok(message.includes(words.replace(/\.$/, '')), `"${message}" lacks "${words}"`);
      });
    }
  }

  it('formats FastAPI 422 items as "<last loc element>: <msg>"', () => {
    const message = describeTooError(422, readFixture('too', 'too.post.response.422.json'));
    assert.equal(
      message,
      "The Swift TOO server found invalid parameters (HTTP 422): exposure: Field required; obs_type: Input should be 'Spectroscopy', 'Light Curve', 'Position' or 'Timing'.",
    );
  });

  it('reads flat and nested status bodies alike', () => {
    const nested = statusFromBody(readFixture('too', 'too.post.response.400-rejected.json'));
    const flat = statusFromBody(readFixture('too', 'too.post.response.400-flat-error.json'));
    assert.equal(nested?.status, 'Rejected');
    assert.match(nested?.errors[0] ?? '', /bright star/);
    assert.equal(flat?.status, 'Error');
    assert.deepEqual(statusFromBody({ status: 'Validated' }), { status: 'Validated', errors: [], warnings: [] });
  });

  it('describes HTML, plain text, empty and unknown bodies specifically', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>';
    assert.equal(
      describeTooError(502, html),
      'The Swift TOO server failed (HTTP 502): the server sent a web page instead of JSON ("502 Bad Gateway").',
    );
    assert.equal(describeTooError(500, 'Internal Server Error'), 'The Swift TOO server failed (HTTP 500): "Internal Server Error".');
    assert.equal(describeTooError(503, ''), 'The Swift TOO server failed (HTTP 503): the reply was empty.');
    assert.equal(
      describeTooError(418, { teapot: true }),
      'Unexpected reply from the Swift TOO server (HTTP 418): unrecognised reply {"teapot":true}.',
    );
    assert.equal(describeTooError(400, '{"detail":"Bad obs_id"}'), 'The Swift TOO server refused the request (HTTP 400): Bad obs_id.');
  });

  it('leaves out records that lack what the extension relies on, and says so', () => {
    const cases: [string, { safeParse(v: unknown): { success: boolean; data?: unknown } }, unknown][] = [
      ['visibility window', visQueryResponseSchema, { windows: [{ begin: '2022-01-01T00:00:00' }] }],
      ['GUANO dump', guanoResponseSchema, { entries: [{ triggertime: '2022-01-01T00:00:00', offset: 0 }] }],
      ['data file', dataResponseSchema, { entries: [{ filename: 'a', path: 'b', url: 'c' }] }],
      ['observation', obsQueryResponseSchema, { entries: [{ begin: '2022-01-01T00:00:00' }] }],
    ];
    for (const [what, schema, body] of cases) {
      const parsed = schema.safeParse(body);
      assert.equal(parsed.success, true, what);
      assert.deepEqual(
        skippedRecords(parsed.data).map((s) => [s.what, s.index]),
        [[what, 0]],
      );
    }
    assert.equal(statusFromBody({ status: { status: 'Accepted', errors: { not: 'a list' } } }), undefined);
  });

  it('tolerates unknown fields and nulls, and fills empty lists', () => {
    const parsed = tooListResponseSchema.parse({ entries: [{ too_id: 1, brand_new_field: 'x', poserr: null, obs_type: '' }] });
    assert.equal(parsed.entries[0].too_id, 1);
    assert.deepEqual(saaResponseSchema.parse({}).entries, []);
  });
});
