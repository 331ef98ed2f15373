// "Export as Python" for XRT campaigns (src/xrt/export/campaignPythonScript.ts), through the path the command
// takes: the campaign → planCampaign (the plan Run Campaign runs) → xrtCampaignPythonScript. The scripts are
// parsed by python3, and RUN against a fake swifttools.xrt_prods (test/support/fakeXrtProds.ts) whose service
// is a file shared by successive runs: the throttle, the one submission per source, the resumption without
// duplicates (also after a reset connection or a crash between submission and record), and the downloads.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planCampaign, type CampaignPlan } from '../../../../src/xrt/campaign/campaignPlan';
import { xrtCampaignPythonScript } from '../../../../src/xrt/export/campaignPythonScript';
import { applyOfficialClientImplications } from '../../../../src/xrt/request/requestImplications';
import { isFieldOfUnrequestedProduct } from '../../../../src/xrt/request/requestSchema';
import { installFakeXrtProds, readFakeService, type FakeEvent, type FakeServiceOptions } from '../../../support/fakeXrtProds';
import { assertParsesAsPython, hasPython3, pythonStringConstants } from '../../../support/pythonSyntax';
import { CALL_FLAG, wireBodyOfCalls, type RecordedCall } from '../../../support/xrtProdsNames';
import { GRB_LIGHT_CURVE } from '../../../support/requests';

const PRODUCT_FLAGS = new Set(Object.values(CALL_FLAG));

const CONTEXT = { fileName: 'grbs.xrt-campaign.json', version: '9.8.7', date: new Date('2026-12-03T09:00:00Z') };

/** The shared GRB light curve's products (test/support/requests.ts) and a spectrum, without what names the source. */
const { name: _name, targ: _targ, Tstart: _t0, RA: _ra, Dec: _dec, ...LIGHT_CURVE } = GRB_LIGHT_CURVE;
const TEMPLATE = { ...LIGHT_CURVE, spec: 1, specz: 0, specobs: 'all', timeslice: 'single' };

function campaign(sources: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { maxActiveJobs: 2, template: TEMPLATE, sources, ...extra };
}

const FIVE = [
  { name: 'GRB 200416A', targ: '00966554', RA: 335.6985, Dec: -7.5179, parameters: { Tstart: 608713541.952 } },
  { id: 'grb-221009a', name: 'GRB 221009A', RA: 288.2645, Dec: 19.7735 },
  { name: 'GRB 230307A', RA: 60.8191, Dec: -75.3797, parameters: { spec: 0 } },
  { name: 'GRB 190114C', RA: 54.5092, Dec: -26.9464 },
  { name: 'GRB 130427A', RA: 173.1367, Dec: 27.6989, parameters: { pccounts: 15 } },
];

function planOf(value: Record<string, unknown>, table?: string): CampaignPlan {
  return planCampaign(value, table === undefined ? undefined : { text: table });
}

function exportScript(plan: CampaignPlan, maxActiveJobs = plan.maxActiveJobs, userId?: string): string {
  const result = xrtCampaignPythonScript(plan, { ...CONTEXT, maxActiveJobs, userId });
  assert.ok(result.ok, result.ok ? '' : result.problems.join('; '));
  return result.script;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder with the script, the fake client and its service; runs of the script share the service. */
class Workspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xrt-campaign-py-'));
  readonly serviceFile: string;
  readonly script = path.join(this.dir, 'grbs_campaign.py');

  constructor(source: string, options: FakeServiceOptions) {
    this.serviceFile = installFakeXrtProds(path.join(this.dir, 'fake'), options);
    fs.writeFileSync(this.script, source);
  }

  run(): Run {
    const result = spawnSync('python3', [this.script], {
      cwd: this.dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        ...process.env,
        PYTHONPATH: path.join(this.dir, 'fake'),
        FAKE_XRT_SERVICE: this.serviceFile,
        SWIFT_XRT_USER_ID: 'runner@example.org',
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  events(kind?: string): FakeEvent[] {
    const all = readFakeService(this.serviceFile).events;
    return kind === undefined ? [...all] : all.filter((e) => e.kind === kind);
  }

  jobsFile(): { sources: Record<string, { status: string; job_id?: number; folder?: string; failed?: Record<string, string> }> } {
    return JSON.parse(fs.readFileSync(path.join(this.dir, 'grbs.xrt-campaign.python-jobs.json'), 'utf8')) as ReturnType<
      Workspace['jobsFile']
    >;
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The number of jobs active on the fake service after each submission that made one. */
function activeAfterEachSubmission(events: readonly FakeEvent[]): number[] {
  return events.filter((e) => e.kind === 'submit').map((e) => Number(e.activeBefore) + 1);
}

function submittedNames(events: readonly FakeEvent[]): string[] {
  return events.filter((e) => e.kind === 'made').map((e) => String(e.name));
}

describe('XRT campaign Export as Python', function () {
  this.timeout(120_000);
  const workspaces: Workspace[] = [];
  const workspace = (source: string, options: FakeServiceOptions): Workspace => {
    const w = new Workspace(source, options);
    workspaces.push(w);
    return w;
  };
  before(function () {
    if (!hasPython3()) {
      console.log('    (python3 is not installed: the generated campaign scripts cannot be parsed or run here; skipped)');
      this.skip();
    }
  });
  after(() => workspaces.forEach((w) => w.remove()));

  it('writes every source as a literal with its own request, and parses as Python', () => {
    const plan = planOf(campaign(FIVE));
    const source = exportScript(plan);
    assertParsesAsPython(source);
    assert.match(source, /^from swifttools\.xrt_prods import XRTProductRequest, countActiveJobs, listOldJobs$/m);
    assert.match(source, /^MAX_ACTIVE_JOBS = 2$/m);
    assert.match(source, /^CAMPAIGN_STEM = "grbs"$/m);
    assert.match(source, /^# Campaign file: "grbs\.xrt-campaign\.json"$/m);
    for (const s of plan.sources) assert.ok(pythonStringConstants(source).includes(s.id), s.id);
    // Each source's own parameters are in its own entry: the override of one, not of the others.
    assert.equal(source.match(/"pcCounts": 15,/g)?.length, 1);
    assert.equal(source.match(/"pcCounts": 20,/g)?.length, 4);
    assert.equal(source.match(/\("addSpectrum", /g)?.length, 4);
  });

  it('uses the smaller limit it is given and the configured user ID, else asks for one', () => {
    const plan = planOf(campaign(FIVE, { maxActiveJobs: 8 }));
    assert.match(exportScript(plan, 3), /^MAX_ACTIVE_JOBS = 3$/m);
    assert.match(exportScript(plan, 3, 'me@example.org'), /^USER_ID = "me@example\.org"$/m);
    assert.match(exportScript(plan, 3, undefined), /^USER_ID = None$/m);
  });

  it('takes the sources of the source table, with their cells as parameters', () => {
    const plan = planOf(
      campaign([], {
        sources: undefined,
        sourceTable: { file: 'more.csv', columns: { id: 'id', name: 'Name', RA: 'RA', Dec: 'Dec' }, parameters: { Tstart: 'T0' } },
      }),
      'id,Name,RA,Dec,T0\nfrb-1,"FRB 20200120E, M81 field",149.4779,68.8190,608713541.5\n,GRB 230307A,60.8191,-75.3797,\n',
    );
    const source = exportScript(plan);
    assertParsesAsPython(source);
    const constants = pythonStringConstants(source);
    assert.ok(constants.includes('frb-1') && constants.includes('FRB 20200120E, M81 field') && constants.includes('grb-230307a'));
    assert.equal(source.match(/"T0": 608713541\.5,/g)?.length, 1);
  });

  it('leaves out the sources with errors, each with a comment saying why, and keeps the rest', () => {
    const plan = planOf(
      campaign([
        FIVE[0]!,
        { id: 'bad-one', name: 'GRB 1', RA: 1, Dec: 2, parameters: { pccounts: 'many' } },
        { id: 'bad-t0', name: 'GRB 2', RA: 3, Dec: 4, parameters: { Tstart: '2020-04-16T10:00:00' } },
      ]),
    );
    const result = xrtCampaignPythonScript(plan, { ...CONTEXT, maxActiveJobs: 2 });
    assert.ok(result.ok);
    assert.equal(result.sources, 1);
    assert.equal(result.leftOut, 2);
    assertParsesAsPython(result.script);
    assert.match(result.script, /^ {4}# Left out: source "bad-one", because:$/m);
    assert.match(result.script, /^ {4}# {3}"Source \\"bad-one\\": .*pccounts.*"$/m);
    assert.match(result.script, /^ {4}# Left out: source "bad-t0", because:$/m);
    assert.match(result.script, /xrt_prods takes it only as a number/);
    assert.ok(!pythonStringConstants(result.script).includes('bad-one'), 'a source left out is only in comments');
  });

  it('refuses a campaign none of whose sources can be exported, with their problems', () => {
    const plan = planOf(campaign([{ id: 'bad-one', name: 'GRB 1', RA: 1, Dec: 2, parameters: { pccounts: 'many' } }]));
    const result = xrtCampaignPythonScript(plan, { ...CONTEXT, maxActiveJobs: 2 });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join('\n'), /Source "bad-one": .*pccounts/);
  });

  it('keeps hostile names and file names inert literals', () => {
    const hostile = 'x"); import os; os.system("rm -rf ~") #\n\u202e\\';
    const plan = planOf(campaign([{ id: 'evil', name: hostile, RA: 1, Dec: 2 }]));
    const result = xrtCampaignPythonScript(plan, {
      ...CONTEXT,
      fileName: `${hostile}.xrt-campaign.json`,
      maxActiveJobs: 1,
      userId: hostile,
    });
    assert.ok(result.ok);
    assertParsesAsPython(result.script);
    assert.match(result.script, /^[\x20-\x7e\n]*$/);
    const constants = pythonStringConstants(result.script);
    assert.ok(constants.includes(hostile));
    assert.ok(constants.includes(`${hostile}.xrt-campaign.json`));
  });

  it('names the campaign folder after the file, never one outside the folder given', () => {
    const plan = planOf(campaign(FIVE.slice(0, 1)));
    const stem = (fileName: string): string => {
      const result = xrtCampaignPythonScript(plan, { ...CONTEXT, fileName, maxActiveJobs: 1 });
      assert.ok(result.ok);
      return /^CAMPAIGN_STEM = (.*)$/m.exec(result.script)?.[1] ?? '';
    };
    assert.equal(stem('GRBs 2026.XRT-Campaign.json'), '"GRBs 2026"');
    assert.equal(stem('...xrt-campaign.json'), '"campaign"');
    assert.equal(stem('.xrt-campaign.json'), '"campaign"');
  });

  describe('run against a fake xrt_prods', () => {
    it('never has more than maxActiveJobs active, sends each source once with its request, downloads each into its folder, and a second run sends nothing', () => {
      const plan = planOf(campaign(FIVE));
      const w = workspace(exportScript(plan), { duration: 100, failProducts: ['GRB 190114C'] });
      const first = w.run();
      assert.equal(first.status, 0, first.stderr + first.stdout);

      const events = w.events();
      // Each source once, in the campaign's order.
      assert.deepEqual(
        submittedNames(events),
        FIVE.map((s) => s.name),
      );
      // The service was asked before every submission, and had room.
      events.forEach((e, n) => {
        if (e.kind !== 'submit') return;
        const asked = events
          .slice(0, n)
          .reverse()
          .find((x) => x.kind === 'count');
        assert.ok(asked && Number(asked.active) < 2 && asked.clock === e.clock, `asked before submitting ${String(e.name)}`);
      });
      const active = activeAfterEachSubmission(events);
      assert.ok(Math.max(...active) <= 2, `active after each submission: ${active.join(', ')}`);
      assert.equal(Math.max(...active), 2, 'it does use the room it has');
      // It waited as the client's documentation does, never busy-looping.
      const sleeps = events.filter((e) => e.kind === 'sleep').map((e) => Number(e.seconds));
      assert.ok(sleeps.length > 0 && sleeps.every((s) => s === 30 || s === 60), sleeps.join(', '));

      // The requests are the plan's, as xrt_prods' calls send them (with what xrt_prods itself adds).
      const submissions = events.filter((e) => e.kind === 'submit');
      plan.sources.forEach((s, n) => {
        const sent = wireBodyOfCalls(submissions[n]!.calls as RecordedCall[]);
        const { request } = applyOfficialClientImplications(s.request);
        for (const [k, v] of Object.entries(request)) {
          // A product turned off, and the fields of products not requested, are what the service assumes unsent.
          if (!(k in sent) && ((PRODUCT_FLAGS.has(k) && v === 0) || isFieldOfUnrequestedProduct(k, request))) continue;
          assert.deepEqual(sent[k], v, `${s.id}: ${k}`);
        }
        for (const k of Object.keys(sent)) assert.ok(k in request, `${s.id}: ${k} is not in the plan's request`);
      });

      // Each source's products are in <stem>/<source id>/, and the jobs file says so.
      const jobs = w.jobsFile();
      for (const s of plan.sources) {
        const entry = jobs.sources[s.id];
        assert.equal(entry?.status, 'downloaded', s.id);
        assert.equal(entry?.folder, path.join(w.dir, 'grbs', s.id));
        assert.ok(fs.existsSync(path.join(w.dir, 'grbs', s.id, 'LightCurve.tar.gz')), `${s.id}'s light curve`);
      }
      // A failed product is not downloaded, and is recorded.
      assert.ok(!fs.existsSync(path.join(w.dir, 'grbs', 'grb-190114c', 'Spectrum.tar.gz')));
      assert.deepEqual(jobs.sources['grb-190114c']?.failed, { Spectrum: 'Failed (fake)' });
      assert.match(first.stdout, /grb-190114c: Spectrum was not built: Failed \(fake\)/);
      assert.equal(new Set(Object.values(jobs.sources).map((e) => e.job_id)).size, 5);
      assert.ok(
        w.events('count').every((e) => e.user === 'runner@example.org'),
        'SWIFT_XRT_USER_ID is the user',
      );

      const before = w.events().length;
      const second = w.run();
      assert.equal(second.status, 0, second.stderr + second.stdout);
      const again = w.events().slice(before);
      assert.deepEqual(
        again.filter((e) => e.kind === 'submit' || e.kind === 'download'),
        [],
      );
      assert.match(second.stdout, /5 downloaded of 5 sources/);
    });

    it('goes on after a stop where it stopped: the sources already sent are only followed, never sent again', () => {
      const plan = planOf(campaign(FIVE));
      // The third submission "crashes" the script after the service made its job, before the JobID was kept.
      const w = workspace(exportScript(plan), { duration: 100, crashAfterMade: ['GRB 230307A'] });
      const first = w.run();
      assert.notEqual(first.status, 0);
      assert.deepEqual(submittedNames(w.events()), ['GRB 200416A', 'GRB 221009A', 'GRB 230307A']);
      assert.equal(w.jobsFile().sources['grb-230307a']?.status, 'sending');
      assert.ok(!fs.existsSync(path.join(w.dir, 'grbs.xrt-campaign.python-jobs.json.lock')), 'the lock is let go');

      const second = w.run();
      assert.equal(second.status, 0, second.stderr + second.stdout);
      assert.deepEqual(
        submittedNames(w.events()),
        FIVE.map((s) => s.name),
      );
      assert.match(second.stdout, /grb-230307a: the uncertain submission made job 1002 \(found in the job list\)/);
      assert.ok(Math.max(...activeAfterEachSubmission(w.events())) <= 2);
      // The jobs of the first run are followed as old jobs.
      assert.deepEqual(
        w
          .events('copyOldJob')
          .map((e) => e.JobID)
          .sort(),
        [1000, 1001, 1002],
      );
      assert.ok(Object.values(w.jobsFile().sources).every((e) => e.status === 'downloaded'));
    });

    it('settles an uncertain submission from the job list: adopts the job it made, sends again one it did not make', () => {
      const plan = planOf(campaign(FIVE.slice(0, 3)));
      const w = workspace(exportScript(plan), { duration: 100, failAfterMade: ['GRB 200416A'], failBeforeMade: ['GRB 221009A'] });
      const run = w.run();
      assert.equal(run.status, 0, run.stderr + run.stdout);
      // One job per source: the reset connection's job was adopted, the refused connection's was sent again.
      assert.deepEqual(submittedNames(w.events()).sort(), ['GRB 200416A', 'GRB 221009A', 'GRB 230307A']);
      assert.equal(w.events('submit').filter((e) => e.name === 'GRB 221009A').length, 2);
      assert.equal(w.events('submit').filter((e) => e.name === 'GRB 200416A').length, 1);
      // Sent again only once the job list had shown no such job for 2 minutes.
      const attempts = w.events('submit').filter((e) => e.name === 'GRB 221009A');
      assert.ok(attempts[1]!.clock - attempts[0]!.clock >= 120, `${attempts[1]!.clock - attempts[0]!.clock} s`);
      assert.match(run.stdout, /grb-200416a: the uncertain submission made job 1000/);
      assert.match(run.stdout, /grb-221009a: the job list shows no job from the uncertain submission; it will be sent again/);
    });

    it('keeps a refusal: the source is not sent again, and the run ends with an error status', () => {
      const plan = planOf(campaign(FIVE.slice(0, 2)));
      const w = workspace(exportScript(plan), { duration: 50, refuse: ['GRB 221009A'] });
      const first = w.run();
      assert.equal(first.status, 1);
      assert.match(first.stdout, /grb-221009a: refused by the service: The request was refused: a test refusal\./);
      assert.equal(w.jobsFile().sources['grb-221009a']?.status, 'refused');
      w.run();
      assert.equal(w.events('submit').filter((e) => e.name === 'GRB 221009A').length, 1);
    });

    it('refuses to run beside another run of the same campaign', () => {
      const plan = planOf(campaign(FIVE.slice(0, 1)));
      const w = workspace(exportScript(plan), { duration: 50 });
      fs.writeFileSync(path.join(w.dir, 'grbs.xrt-campaign.python-jobs.json.lock'), '1');
      const run = w.run();
      assert.equal(run.status, 1);
      assert.match(run.stderr, /another run of this campaign seems to be going on/);
      assert.deepEqual(w.events('submit'), []);
    });
  });
});
