// The campaign file's schema: the example is accepted, and each broken shape is refused at the key to
// fix, with a message that says why. Parameter values are the request check's (campaignPlan.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateCampaign } from '../../../../src/xrt/campaign/campaignSchema';
import { repoRoot } from '../../../support/paths';

type Json = Record<string, unknown>;

const example = (): Json =>
  JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test/fixtures/campaign/grb-afterglows.xrt-campaign.json'), 'utf8')) as Json;
const template = { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 };

function issuesOf(value: unknown): [string, string][] {
  const result = validateCampaign(value);
  return result.ok ? [] : result.issues.map((i) => [i.path.join('.'), i.message]);
}
const pathsOf = (value: unknown): string[] => issuesOf(value).map(([p]) => p);

describe('XRT campaign schema (zod)', () => {
  it('accepts the example campaign', () => {
    assert.deepEqual(issuesOf(example()), []);
  });

  it('accepts sources by name, by target IDs and by position, inline or from a table alone', () => {
    assert.deepEqual(issuesOf({ template, sources: [{ name: 'GRB 200416A' }, { targ: '00966554' }, { RA: 10.68, Dec: 41.27 }] }), []);
    assert.deepEqual(issuesOf({ template, sourceTable: { file: 'data/sources.tsv', columns: { targ: 'target' } } }), []);
  });

  const broken: { what: string; value: unknown; path: string; message: RegExp }[] = [
    { what: 'not an object', value: [], path: '', message: /must be a JSON object/ },
    { what: 'no template', value: { sources: [{ name: 'x' }] }, path: 'template', message: /`template` must be a JSON object/ },
    { what: 'no sources at all', value: { template }, path: '', message: /needs its sources/ },
    {
      what: 'an unknown top-level key',
      value: { template, sources: [{ name: 'x' }], maxJobs: 3 },
      path: 'maxJobs',
      message: /Unknown key "maxJobs": a campaign has `template`/,
    },
    {
      what: 'identity in the template',
      value: { template: { ...template, RA: 1 }, sources: [{ name: 'x' }] },
      path: 'template.RA',
      message: /`RA` names the source/,
    },
    {
      what: 'getCoords in the template',
      value: { template: { ...template, getCoords: 1 }, sources: [{ name: 'x' }] },
      path: 'template.getCoords',
      message: /does not belong in the template/,
    },
    {
      what: 'identity in an override',
      value: { template, sources: [{ name: 'x', parameters: { targ: '00966554' } }] },
      path: 'sources.0.parameters.targ',
      message: /does not belong in a source's `parameters`/,
    },
    {
      what: 'a source with no identity',
      value: { template, sources: [{ id: 'a' }] },
      path: 'sources.0',
      message: /needs a `name`.*`targ`.*`RA` and `Dec`/,
    },
    {
      what: 'RA without Dec',
      value: { template, sources: [{ name: 'x', RA: 10 }] },
      path: 'sources.0.RA',
      message: /`Dec` is required because `RA` is given/,
    },
    {
      what: 'a bad target ID',
      value: { template, sources: [{ targ: 'abc' }] },
      path: 'sources.0.targ',
      message: /`targ` must be comma-separated Swift target IDs/,
    },
    {
      what: 'RA out of range',
      value: { template, sources: [{ RA: 400, Dec: 0 }] },
      path: 'sources.0.RA',
      message: /`RA` must be at most 360/,
    },
    {
      what: 'an unknown source key',
      value: { template, sources: [{ name: 'x', T0: 1 }] },
      path: 'sources.0.T0',
      message: /Unknown key "T0": a source has/,
    },
    {
      what: 'an id with a dot',
      value: { template, sources: [{ id: 'a.b', name: 'x' }] },
      path: 'sources.0.id',
      message: /must be a folder name/,
    },
    {
      what: 'an id Windows reserves',
      value: { template, sources: [{ id: 'Nul', name: 'x' }] },
      path: 'sources.0.id',
      message: /Windows reserves/,
    },
    { what: 'an id too long', value: { template, sources: [{ id: 'a'.repeat(65), name: 'x' }] }, path: 'sources.0.id', message: /1–64/ },
    {
      what: 'too many active jobs',
      value: { template, sources: [{ name: 'x' }], maxActiveJobs: 11 },
      path: 'maxActiveJobs',
      message: /at most 10/,
    },
    {
      what: 'no active jobs',
      value: { template, sources: [{ name: 'x' }], maxActiveJobs: 0 },
      path: 'maxActiveJobs',
      message: /at least 1/,
    },
    {
      what: 'fractional active jobs',
      value: { template, sources: [{ name: 'x' }], maxActiveJobs: 2.5 },
      path: 'maxActiveJobs',
      message: /whole number/,
    },
    {
      what: 'a table outside the folder',
      value: { template, sourceTable: { file: '../secret.csv', columns: { name: 'n' } } },
      path: 'sourceTable.file',
      message: /stays in its folder/,
    },
    {
      what: 'an absolute table path',
      value: { template, sourceTable: { file: '/etc/sources.csv', columns: { name: 'n' } } },
      path: 'sourceTable.file',
      message: /stays in its folder/,
    },
    {
      what: 'a table without an identity column',
      value: { template, sourceTable: { file: 's.csv', columns: { id: 'id', RA: 'ra' } } },
      path: 'sourceTable.columns',
      message: /Name the column of `name`, of `targ`, or of both `RA` and `Dec`/,
    },
    {
      what: 'a table column for an unknown parameter',
      value: { template, sourceTable: { file: 's.csv', columns: { name: 'n' }, parameters: { T0: 'T0' } } },
      path: 'sourceTable.parameters.T0',
      message: /T0/,
    },
    {
      what: 'a table column for an identity key as a parameter',
      value: { template, sourceTable: { file: 's.csv', columns: { name: 'n' }, parameters: { RA: 'ra' } } },
      path: 'sourceTable.parameters.RA',
      message: /go in `columns`/,
    },
    {
      what: 'a bad table format',
      value: { template, sourceTable: { file: 's.txt', format: 'xlsx', columns: { name: 'n' } } },
      path: 'sourceTable.format',
      message: /"csv" or "tsv"/,
    },
  ];
  for (const b of broken) {
    it(`refuses ${b.what}, at "${b.path}"`, () => {
      const issues = issuesOf(b.value);
      const hit = issues.find(([p]) => p === b.path);
      assert.ok(hit, `no issue at "${b.path}": ${JSON.stringify(issues)}`);
      assert.match(hit[1], b.message);
    });
  }

  it('reports a source without identity even while its parameters hold a wrong value', () => {
    assert.deepEqual(pathsOf({ template, sources: [{ parameters: { poserr: 'one' } }] }), ['sources.0']);
  });

  it('leaves request parameter values to the request check, which reports them per source', () => {
    const result = validateCampaign({ template: { ...template, poserr: 'one' }, sources: [{ name: 'x', parameters: { pccounts: -1 } }] });
    assert.ok(result.ok);
  });
});
