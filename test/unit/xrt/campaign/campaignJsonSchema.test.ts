// The JSON Schema the editor applies to campaign files, generated from the zod schema: it accepts what
// zod accepts and refuses, at the same key, what zod refuses — except what the extension's own
// diagnostics report instead (requirements over the whole file, checks across keys).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildXrtCampaignJsonSchema } from '../../../../src/xrt/campaign/campaignJsonSchema';
import { campaignSchemas } from '../../../../src/xrt/campaign/campaignSchema';
import { jsonSchemaErrors } from '../../../support/jsonSchemaCheck';
import { repoRoot } from '../../../support/paths';

type Json = Record<string, unknown>;

const schema = buildXrtCampaignJsonSchema() as Json;
const properties = schema.properties as Record<string, Json>;
const example = (): Json =>
  JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test/fixtures/campaign/grb-afterglows.xrt-campaign.json'), 'utf8')) as Json;
const template = { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 };
const named = [{ name: 'GRB 200416A' }];

/** Where zod refuses `value`, an unknown key on that key (as validateCampaign shows it). */
function zodPaths(value: unknown): string[] {
  const result = campaignSchemas().campaign.safeParse(value);
  if (result.success) return [];
  const paths = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path]));
  return [...new Set(paths.map((p) => p.map(String).join('.')))].sort();
}
const jsonPaths = (value: unknown): string[] => [...new Set(jsonSchemaErrors(schema as never, value))].sort();

const valid: [string, unknown][] = [
  ['the example', example()],
  ['inline sources of each kind', { template, sources: [{ name: 'A' }, { targ: '00966554' }, { RA: 1, Dec: 2, id: 'p_1' }] }],
  [
    'a table only',
    { $schema: './x.json', template, sourceTable: { file: 's.tsv', format: 'tsv', columns: { targ: 't' }, parameters: { Tstart: 'T0' } } },
  ],
  ['unknown template keys (the service ignores them)', { template: { ...template, myNote: 'x' }, sources: named }],
  [
    'overrides of any request parameter',
    { template, sources: [{ name: 'A', parameters: { Tstart: 608713541.952, models: ['apec'] } }], maxActiveJobs: 10 },
  ],
];

const invalid: [string, unknown][] = [
  ['a template value of the wrong type', { template: { ...template, poserr: 'one' }, sources: named }],
  ['an override out of range', { template, sources: [{ name: 'A', parameters: { pccounts: 0 } }] }],
  ['identity in the template', { template: { ...template, name: 'A', getTargs: 1 }, sources: named }],
  ['identity in an override', { template, sources: [{ name: 'A', parameters: { RA: 1 } }] }],
  ['an unknown top-level key', { template, sources: named, extra: 1 }],
  ['an unknown source key', { template, sources: [{ name: 'A', T0: 1 }] }],
  ['an id that is no folder name', { template, sources: [{ name: 'A', id: '../up' }] }],
  ['a reserved id', { template, sources: [{ name: 'A', id: 'lpt1' }] }],
  ['a bad target ID', { template, sources: [{ targ: '123456789' }] }],
  ['Dec out of range', { template, sources: [{ RA: 1, Dec: 91 }] }],
  ['too many active jobs', { template, sources: named, maxActiveJobs: 11 }],
  ['active jobs not a whole number', { template, sources: named, maxActiveJobs: 1.5 }],
  ['a table path leaving the folder', { template, sourceTable: { file: 'a/../../b.csv', columns: { name: 'n' } } }],
  ['a table without file', { template, sourceTable: { columns: { name: 'n' } } }],
  ['an unknown table format', { template, sourceTable: { file: 's.csv', format: 'xls', columns: { name: 'n' } } }],
  ['an unknown column key', { template, sourceTable: { file: 's.csv', columns: { name: 'n', T0: 't' } } }],
  [
    'an identity key among parameter columns',
    { template, sourceTable: { file: 's.csv', columns: { name: 'n' }, parameters: { RA: 'ra' } } },
  ],
  ['sources not an array', { template, sources: { name: 'A' } }],
];

/** What zod refuses and the JSON Schema leaves to the extension's diagnostics (on purpose: see campaignJsonSchema.ts). */
const onlyZod: [string, unknown][] = [
  ['no template (a top-level requirement)', { sources: named }],
  ['no sources at all', { template }],
  ['a source without identity', { template, sources: [{ id: 'a' }] }],
  ['RA without Dec', { template, sources: [{ RA: 1 }] }],
  ['a table without an identity column', { template, sourceTable: { file: 's.csv', columns: { id: 'i' } } }],
];

describe('XRT campaign JSON Schema (generated)', () => {
  it('is a draft-07 schema with an id, a title, snippets and every top-level key', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(String(schema.$id), /xrt-campaign\.schema\.json$/);
    assert.ok(typeof schema.title === 'string');
    assert.deepEqual(Object.keys(properties).sort(), ['$schema', 'description', 'maxActiveJobs', 'sourceTable', 'sources', 'template']);
    assert.equal(schema.required, undefined);
    for (const snippet of schema.defaultSnippets as { body: unknown }[]) assert.ok(typeof snippet.body === 'object');
  });

  it("documents the template's request parameters as request files do, and marks identity keys", () => {
    const templateProperties = properties.template!.properties as Record<string, Json>;
    assert.match(String(templateProperties.wtcounts!.markdownDescription), /Needed when `binMeth` is "counts"/);
    assert.match(String(templateProperties.name!.deprecationMessage), /names the source/);
    assert.equal(templateProperties.name!.doNotSuggest, true);
    assert.equal(properties.maxActiveJobs!.default, 5);
    assert.equal(properties.maxActiveJobs!.maximum, 10);
  });

  for (const [what, value] of valid) {
    it(`accepts ${what}, as zod does`, () => {
      assert.deepEqual(zodPaths(value), []);
      assert.deepEqual(jsonPaths(value), []);
    });
  }

  for (const [what, value] of invalid) {
    it(`refuses ${what} at the same key as zod`, () => {
      const fromZod = zodPaths(value);
      assert.notDeepEqual(fromZod, [], 'zod accepts it');
      assert.deepEqual(jsonPaths(value), fromZod);
    });
  }

  for (const [what, value] of onlyZod) {
    it(`leaves ${what} to the extension's diagnostics`, () => {
      assert.notDeepEqual(zodPaths(value), []);
      assert.deepEqual(jsonPaths(value), []);
    });
  }
});
