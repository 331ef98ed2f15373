// The campaign planner: one complete request per source (template, then identity, then the source's
// own parameters, which win), each checked as a request file is, with every problem placed on the
// source or template key it is about; ids unique and folder-safe; duplicate sources flagged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planCampaign, sourceTableFileOf, type CampaignPlan } from '../../../../src/xrt/campaign/campaignPlan';
import { xrtRequestProblems } from '../../../../src/xrt/request/requestProblems';
import { repoRoot } from '../../../support/paths';

type Json = Record<string, unknown>;

const fixtures = path.join(repoRoot(), 'test/fixtures/campaign');
const example = (): Json => JSON.parse(fs.readFileSync(path.join(fixtures, 'grb-afterglows.xrt-campaign.json'), 'utf8')) as Json;
const exampleTable = (): { text: string } => ({ text: fs.readFileSync(path.join(fixtures, 'more-grbs.csv'), 'utf8') });
const template = { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 };

const errors = (plan: CampaignPlan) => plan.problems.filter((p) => p.severity === 'error');
const where = (plan: CampaignPlan) => plan.problems.map((p) => [p.path.join('.'), p.message]);

describe('XRT campaign planner', () => {
  it('plans the example: one request per source, none with a problem', () => {
    const plan = planCampaign(example(), exampleTable());
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.maxActiveJobs, 3);
    assert.deepEqual(
      plan.sources.map((s) => [s.id, s.origin]),
      [
        ['grb-200416a', { kind: 'inline', index: 0 }],
        ['grb-221009a', { kind: 'inline', index: 1 }],
        ['grb-230307a', { kind: 'table', line: 2 }],
        ['m81-field', { kind: 'table', line: 3 }],
      ],
    );
  });

  it('makes each request one a request file could hold: the request check finds no error in it', () => {
    for (const source of planCampaign(example(), exampleTable()).sources) {
      assert.deepEqual(
        xrtRequestProblems(source.request).filter((p) => p.severity === 'error'),
        [],
        source.id,
      );
    }
  });

  it('merges template, identity and overrides, the overrides winning', () => {
    const [first] = planCampaign(example(), exampleTable()).sources;
    assert.deepEqual(first!.request, {
      ...(example().template as Json),
      name: 'GRB 200416A',
      targ: '00966554',
      RA: 335.6985,
      Dec: -7.5179,
      getT0: 0,
      Tstart: 608713541.952,
    });
  });

  it('lets the service resolve a name, find target IDs, or both, from what the source gives', () => {
    const plan = planCampaign({
      template,
      sources: [{ name: 'GRB 200416A' }, { name: 'M31', RA: 10.68, Dec: 41.27 }, { name: 'X', targ: '00966554', RA: 1, Dec: 2 }],
    });
    const identity = plan.sources.map(({ request: r }) => [r.name, r.getCoords, r.getTargs, r.targ, r.RA]);
    assert.deepEqual(identity, [
      ['GRB 200416A', 1, 1, undefined, undefined],
      ['M31', undefined, 1, undefined, 10.68],
      ['X', undefined, undefined, '00966554', 1],
    ]);
    assert.deepEqual(errors(plan), []);
  });

  it('converts table cells to the types of their fields: numbers, text (zeros kept), lists', () => {
    const plan = planCampaign(
      {
        template: { ...template, spec: 1, specz: 0 },
        sourceTable: {
          file: 's.csv',
          columns: { targ: 'targ', RA: 'ra', Dec: 'dec' },
          parameters: { Tstart: 't0', lcobs: 'obs', models: 'models' },
        },
      },
      { text: 'targ,ra,dec,t0,obs,models\n00966554,335.6985,-7.5179,608713541.952,all,"powerlaw, apec"\n' },
    );
    const request = plan.sources[0]!.request;
    assert.deepEqual(
      [request.targ, request.RA, request.Tstart, request.lcobs, request.models],
      ['00966554', 335.6985, 608713541.952, 'all', ['powerlaw', 'apec']],
    );
  });

  it('puts a bad override on the source key that holds it, naming the source', () => {
    const plan = planCampaign({ template, sources: [{ name: 'A' }, { name: 'B', parameters: { pccounts: 0 } }] });
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.sourceId, p.key, p.message]),
      [['sources.1.parameters.pccounts', 'b', 'pccounts', 'Source "b": `pccounts` must be at least 1.']],
    );
    assert.equal(plan.sources[1]!.problems.length, 1);
    assert.deepEqual(plan.sources[0]!.problems, []);
  });

  it('reports a rule the template breaks once, on the template key that causes it, with the sources it affects', () => {
    const { binMeth: _left, ...noBinning } = template;
    const plan = planCampaign({ template: noBinning, sources: [{ name: 'A' }, { name: 'B' }] });
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.message]),
      [['template.lc', '`binMeth` is required because `lc` is 1 (in all 2 sources).']],
    );
  });

  it("counts a template problem among the problems of each source it affects, so that source's job is stopped", () => {
    const plan = planCampaign({
      template: { ...template, pcbin: -1 },
      sources: [{ name: 'A' }, { name: 'B', parameters: { lc: 0, image: 1 } }],
    });
    assert.deepEqual(
      plan.sources.map((s) => s.problems.filter((p) => p.severity === 'error').map((p) => p.path.join('.'))),
      [['template.pcbin'], []],
    );
  });

  it('reports a rule broken only where an override changes the template, on that source', () => {
    const plan = planCampaign({ template, sources: [{ name: 'A' }, { name: 'B', parameters: { lcobs: 'user' } }] });
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.message]),
      [['sources.1.parameters.lcobs', 'Source "b": `uselcobs` is required because `lcobs` is "user".']],
    );
  });

  it('reports a wrong template value once for the sources that ask for its product', () => {
    const plan = planCampaign({ template: { ...template, poserr: 'one' }, sources: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    assert.deepEqual(where(plan).filter(([p]) => p === 'template.poserr').length, 1);
    assert.match(String(where(plan).find(([p]) => p === 'template.poserr')?.[1]), /`poserr` must be a number \(in all 3 sources\)\./);
  });

  it('ignores a template field of a product one source switches off, as the service does', () => {
    const plan = planCampaign({
      template: { ...template, dopsf: 1, pcbin: -1 },
      sources: [{ name: 'A' }, { name: 'B', parameters: { lc: 0 } }],
    });
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.message]),
      [['template.pcbin', '`pcbin` must be greater than 0 (in source "a").']],
    );
  });

  it('tells a source given only by target IDs that it needs a position or a resolvable name', () => {
    const plan = planCampaign({ template, sources: [{ targ: '00966554' }] });
    const messages = errors(plan).map((p) => [p.path.join('.'), p.key, p.message]);
    assert.deepEqual(
      messages.map(([p, k]) => [p, k]),
      [
        ['sources.0', 'RA'],
        ['sources.0', 'Dec'],
      ],
    );
    assert.match(String(messages[0]![2]), /^Source "targ-00966554": `RA` is required .* Give the source its `RA` and `Dec`, or a `name`/);
  });

  it('needs no position for source detection alone', () => {
    const plan = planCampaign({ template: { sourceDet: 1, detobs: 'all' }, sources: [{ name: 'M31 field', targ: '00035336' }] });
    assert.deepEqual(errors(plan), []);
  });

  it('puts the problems of a table row on the table file, with the line', () => {
    const plan = planCampaign(
      { template, sourceTable: { file: 'sources.csv', columns: { name: 'name' }, parameters: { pccounts: 'pcc' } } },
      { text: 'name,pcc\nA,10\nB,zero\nC,"5\n' },
    );
    assert.deepEqual(
      plan.sources.map((s) => s.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.message]),
      [
        [
          'sourceTable.file',
          '"sources.csv" line 4: field 2 opens a double quote that is never closed, so the file from here on was not read (a quote is missing, or one inside a field is not written twice); the row is left out.',
        ],
        ['sourceTable.file', '"sources.csv" line 3 (source "b"): `pccounts` must be a whole number.'],
      ],
    );
  });

  it('leaves out a row whose identity is wrong, saying why, and keeps the others', () => {
    const plan = planCampaign(
      { template, sourceTable: { file: 's.tsv', columns: { name: 'n', RA: 'ra', Dec: 'dec', id: 'id' } } },
      { text: 'n\tra\tdec\tid\nA\t1\t2\t\nB\tnorth\t2\t\nC\t\t\tbad/id\n' },
    );
    assert.deepEqual(
      plan.sources.map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(
      errors(plan).map((p) => p.message),
      [
        '"s.tsv" line 3: `RA` must be a number. The row is left out.',
        '"s.tsv" line 4: `id` must be a folder name: 1–64 letters, digits, "-" or "_", starting with a letter or digit (and not a name Windows reserves, such as CON). The row is left out.',
      ],
    );
  });

  it('reports an unreadable or unknown table file, and a missing column on its mapping', () => {
    const campaign = { template, sourceTable: { file: 's.csv', columns: { name: 'Name' } } };
    assert.match(where(planCampaign(campaign, { error: 'ENOENT: no such file' }))[0]![1]!, /"s\.csv" could not be read: ENOENT/);
    assert.deepEqual(where(planCampaign(campaign, { text: 'name\nA\n' }))[0]![0], 'sourceTable.columns.name');
    const txt = planCampaign({ ...campaign, sourceTable: { ...campaign.sourceTable, file: 's.txt' } }, { text: 'Name\nA\n' });
    assert.match(where(txt)[0]![1]!, /give `format`/);
  });

  it('reports a campaign whose table has no rows', () => {
    const plan = planCampaign({ template, sourceTable: { file: 's.csv', columns: { name: 'n' } } }, { text: 'n\r\n' });
    assert.deepEqual(where(plan), [['sourceTable', 'The campaign has no source to run.']]);
  });

  it('makes ids from names, unique (case ignored) and folder-safe, never taking an id a source gives', () => {
    const plan = planCampaign({
      template,
      sources: [
        { name: 'GRB 200416A' },
        { name: 'grb 200416a!', targ: '00966554' },
        { id: 'grb-200416a-2', name: 'Other' },
        { name: 'CON' },
        { name: '***' },
        { name: 'x'.repeat(100) },
        { RA: 10.68, Dec: -41.27 },
      ],
    });
    const ids = plan.sources.map((s) => s.id);
    assert.deepEqual(ids.slice(0, 5), ['grb-200416a', 'grb-200416a-3', 'grb-200416a-2', 'con-2', 'source']);
    assert.equal(ids[5], 'x'.repeat(56));
    assert.equal(ids[6], 'j10-6800-41-2700');
    assert.equal(new Set(ids.map((id) => id.toLowerCase())).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9][a-z0-9_-]{0,63}$/);
  });

  it('refuses two sources with the same id, case ignored', () => {
    const plan = planCampaign({
      template,
      sources: [
        { id: 'Alpha', name: 'A' },
        { id: 'alpha', name: 'B' },
      ],
    });
    assert.deepEqual(
      errors(plan).map((p) => [p.path.join('.'), p.message]),
      [
        [
          'sources.1.id',
          'Source "alpha": the id "alpha" is also source 1 of `sources`\'s; ids must be unique (case ignored), as each is a folder.',
        ],
      ],
    );
  });

  it('warns of the same source twice: by name (spacing and case ignored), target IDs or position', () => {
    const plan = planCampaign({
      template,
      sources: [
        { name: 'GRB 200416A' },
        { name: 'grb200416a' },
        { name: 'T1', targ: '00966554', RA: 100, Dec: 10 },
        { name: 'T2', targ: '966554', RA: 200, Dec: 10 },
        { name: 'P2', RA: 100.0003, Dec: 10.0003 },
        { name: 'Far', RA: 100.01, Dec: 10 },
      ],
    });
    assert.deepEqual(errors(plan), []);
    const warnings = plan.problems.filter((p) => p.severity === 'warning' && /same source/.test(p.message));
    assert.deepEqual(
      warnings.map((p) => [p.path.join('.'), p.message.replace(/, so the campaign.*/, '')]),
      [
        ['sources.1', 'Source "grb200416a": the same source as "grb-200416a" (same name, "grb200416a")'],
        ['sources.3', 'Source "t2": the same source as "t1" (same target IDs, 966554)'],
        ['sources.4', 'Source "p2": the same source as "t1" (position within 5″)'],
      ],
    );
  });

  it('takes maxActiveJobs from the campaign, else 5', () => {
    assert.equal(planCampaign({ template, sources: [{ name: 'A' }], maxActiveJobs: 2 }).maxActiveJobs, 2);
    assert.equal(planCampaign({ template, sources: [{ name: 'A' }] }).maxActiveJobs, 5);
  });

  it('plans nothing from a campaign of the wrong shape, and says why', () => {
    const plan = planCampaign({ template: { ...template, name: 'x' }, sources: [{ name: 'A' }] });
    assert.deepEqual(plan.sources, []);
    assert.deepEqual(
      where(plan).map(([p]) => p),
      ['template.name'],
    );
  });

  it('names the table file only of a campaign of sound shape', () => {
    assert.equal(sourceTableFileOf(example()), 'more-grbs.csv');
    assert.equal(sourceTableFileOf({ template, sources: [{ name: 'A' }] }), undefined);
    assert.equal(sourceTableFileOf({ template, sourceTable: { file: '../x.csv', columns: { name: 'n' } } }), undefined);
  });
});
