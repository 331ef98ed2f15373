// The XRT Jobs view's campaign rows, from campaign states (built with test/bench/fakeVscode.ts for the
// `vscode` API, see esbuild.js): one row per source in the state's order, its job's row once it has one
// (named by the source), distinct rows per status, the campaign row's counts and menus by its state, the
// state files read once each and again only when that one changes, and the queued sources known after a
// reload from the state file a run wrote.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emitter } from '../../../../src/common/emitter';
import {
  changeCampaignState,
  readCampaignState,
  recordPlannedSources,
  withSource,
  type CampaignState,
} from '../../../../src/xrt/campaign/campaignState';
import type { JobRecord } from '../../../../src/xrt/jobs/jobRecord';
import { CampaignStates } from '../../../../src/xrt/views/campaignStates';
import { XrtJobsTreeProvider, type XrtTreeNode } from '../../../../src/xrt/views/xrtJobsTree';
import { jobRecord } from '../../../support/jobRecords';
import { repoRoot } from '../../../support/paths';

const CAMPAIGN = 'file:///data/grbs.xrt-campaign.json';
const OTHER = 'file:///data/ulx.xrt-campaign.json';
const NOW = 1_800_000_000_000;

interface Item {
  label: string;
  description?: string;
  tooltip?: { value: string };
  iconPath?: { id: string; color?: { id: string } };
  contextValue?: string;
  id?: string;
}

class FakeRegistry {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly changed = new Emitter<string[]>();
  readonly onDidChange = this.changed.event;
  constructor(jobs: JobRecord[]) {
    for (const j of jobs) this.jobs.set(j.jobId, j);
  }
  all(): JobRecord[] {
    return [...this.jobs.values()].reverse();
  }
  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }
  update(job: JobRecord): void {
    this.jobs.set(job.jobId, job);
    this.changed.fire([job.jobId]);
  }
}

function campaignJob(id: string, file: string, codes: Record<string, number>): JobRecord {
  return { ...jobRecord(id, { codes }), requestFile: file, name: `GRB ${id}` };
}

/** States served from memory, counting the reads per campaign. */
function memoryStates(states: Map<string, CampaignState>): { states: CampaignStates; reads: string[]; errors: string[] } {
  const reads: string[] = [];
  const errors: string[] = [];
  const cache = new CampaignStates(
    (file) => {
      reads.push(file);
      const state = states.get(file);
      return state ? Promise.resolve(state) : Promise.reject(new Error(`${file} is not valid JSON`));
    },
    (file, message) => errors.push(`${file}: ${message}`),
  );
  return { states: cache, reads, errors };
}

/** Lets the states' reads settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function item(tree: XrtJobsTreeProvider, node: XrtTreeNode): Item {
  return tree.getTreeItem(node) as unknown as Item;
}

const STATE: CampaignState = {
  version: 1,
  sources: {
    'grb-a': { status: 'submitted', jobId: '11', submittedAt: '2026-12-01T00:00:00Z' },
    'grb-b': { status: 'refused', message: 'Could not resolve the name <b>GRB B</b>.' },
    'grb-c': { status: 'undecided', message: 'Two jobs could be it.', candidates: ['21', '22'] },
    'grb-d': { status: 'sending', intentAt: NOW - 1000 },
    'grb-e': { status: 'queued', failures: 2, message: 'connection refused' },
    'grb-f': { status: 'withdrawn' },
    'grb-g': { status: 'queued' },
  },
};

async function shownTree(state: CampaignState, jobs: JobRecord[]) {
  const registry = new FakeRegistry(jobs);
  const { states, reads, errors } = memoryStates(new Map([[CAMPAIGN, state]]));
  const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
  const fired: (XrtTreeNode | undefined)[] = [];
  tree.onDidChangeTreeData((n) => fired.push(n));
  const [campaign] = tree.getChildren();
  assert.ok(campaign);
  tree.getChildren(campaign);
  await settle();
  return { tree, registry, states, campaign, reads, errors, fired };
}

describe('XRT Jobs view: campaign sources', () => {
  it('shows one row per source in the state’s order: the job’s row (named by the source) once it has one', async () => {
    const jobs = [campaignJob('11', CAMPAIGN, { lc: 3 }), campaignJob('99', CAMPAIGN, { lc: 4 })];
    const { tree, campaign } = await shownTree(STATE, jobs);
    const rows = tree.getChildren(campaign);
    assert.deepEqual(rows, [
      { kind: 'job', jobId: '11' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-b' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-c' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-d' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-e' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-f' },
      { kind: 'source', file: CAMPAIGN, sourceId: 'grb-g' },
      // A job of the campaign its state does not name comes last, under its own name.
      { kind: 'job', jobId: '99' },
    ]);
    const job = item(tree, rows[0]!);
    assert.equal(job.label, 'grb-a');
    assert.match(job.description ?? '', /^#11 · /);
    assert.match(job.tooltip?.value ?? '', /^Source grb-a of campaign grbs\nGRB 11 — XRT job 11/);
    assert.equal(job.contextValue, 'xrtJobActive', 'the job commands still apply');
    assert.equal(item(tree, rows[7]!).label, 'GRB 99');
    // The job's products are its children, as for any job.
    assert.deepEqual(tree.getChildren(rows[0]!), [{ kind: 'product', jobId: '11', product: 'lc' }]);
    for (const row of rows.slice(1, 7)) {
      assert.deepEqual(tree.getChildren(row), []);
      assert.deepEqual(tree.getParent(row), campaign);
    }
  });

  it('gives each status its own icon, words and context, the refusal’s reason and the candidates in the tooltip', async () => {
    const { tree, campaign } = await shownTree(STATE, [campaignJob('11', CAMPAIGN, { lc: 3 })]);
    const rows = tree.getChildren(campaign).filter((n) => n.kind === 'source');
    const items = rows.map((n) => item(tree, n));
    assert.deepEqual(
      items.map((i) => i.label),
      ['grb-b', 'grb-c', 'grb-d', 'grb-e', 'grb-f', 'grb-g'],
    );
    const [refused, undecided, sending, failedQueued, withdrawn, queued] = items;
    assert.deepEqual(
      [refused, undecided, sending, queued, withdrawn].map((i) => i?.contextValue),
      ['xrtSourceRefused', 'xrtSourceUndecided', 'xrtSourceSending', 'xrtSourceQueued', 'xrtSourceWithdrawn'],
    );
    const icons = [refused, undecided, sending, queued, withdrawn].map((i) => i?.iconPath?.id);
    assert.equal(new Set(icons).size, 5, `distinct icons: ${icons.join(', ')}`);
    // Refused like a failed product, withdrawn like a cancelled one.
    assert.deepEqual([refused?.iconPath?.id, refused?.iconPath?.color?.id], ['error', 'testing.iconFailed']);
    assert.deepEqual([withdrawn?.iconPath?.id, withdrawn?.iconPath?.color?.id], ['circle-slash', 'disabledForeground']);
    assert.match(refused?.tooltip?.value ?? '', /The service's reason: Could not resolve the name GRB B/);
    assert.doesNotMatch(refused?.tooltip?.value ?? '', /<b>/, 'service text as plain text');
    assert.match(undecided?.tooltip?.value ?? '', /Two jobs could be it\.\nJobs that could be this source's: 21, 22/);
    assert.equal(failedQueued?.description, 'queued · not sent 2 times');
    assert.match(failedQueued?.tooltip?.value ?? '', /connection refused/);
    assert.equal(queued?.description, 'queued');
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'ids are unique');
  });

  it('counts the campaign row from the state: done / total without the withdrawn, to send, refused, undecided', async () => {
    const jobs = [campaignJob('11', CAMPAIGN, { lc: 4 }), campaignJob('99', CAMPAIGN, { lc: 3 })];
    const { tree, campaign } = await shownTree(STATE, jobs);
    const row = item(tree, campaign);
    assert.equal(row.label, 'grbs');
    assert.equal(row.description, '▰▱▱▱▱▱▱▱▱▱ 1/7 done · 1 active · 2 to send · 1 being checked · 1 refused · 1 undecided · 1 withdrawn');
    assert.equal(row.contextValue, 'xrtCampaignIdle');
  });

  it('says "paused" and offers Resume on a paused campaign, Pause on one a live window runs, Run otherwise', async () => {
    const menus = async (state: CampaignState) => {
      const { tree, campaign } = await shownTree(state, [campaignJob('11', CAMPAIGN, { lc: 4 })]);
      return item(tree, campaign);
    };
    const paused = await menus({ ...STATE, paused: true });
    assert.match(paused.description ?? '', /^▰+▱+ paused · 1\/6 done/);
    assert.equal(paused.contextValue, 'xrtCampaignPaused');
    assert.equal(paused.iconPath?.id, 'debug-pause');
    assert.equal((await menus({ ...STATE, runner: { id: 'w', heartbeat: NOW - 5_000 } })).contextValue, 'xrtCampaignRunning');
    // A window silent for over a minute is gone (src/xrt/campaign/campaignRunner.ts).
    assert.equal((await menus({ ...STATE, runner: { id: 'w', heartbeat: NOW - 120_000 } })).contextValue, 'xrtCampaignIdle');
  });

  it('shows the jobs as before while the state is being read or cannot be read, and says why', async () => {
    const registry = new FakeRegistry([campaignJob('11', CAMPAIGN, { lc: 3 })]);
    const { states, errors } = memoryStates(new Map());
    const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
    const [campaign] = tree.getChildren();
    assert.deepEqual(tree.getChildren(campaign), [{ kind: 'job', jobId: '11' }]);
    await settle();
    assert.deepEqual(tree.getChildren(campaign), [{ kind: 'job', jobId: '11' }]);
    assert.equal(item(tree, { kind: 'job', jobId: '11' }).label, 'GRB 11');
    assert.match(item(tree, campaign!).tooltip?.value ?? '', /Its state file could not be read: .*is not valid JSON/);
    assert.equal(errors.length, 1);
  });
});

describe('XRT Jobs view: campaign state changes', () => {
  it('reads each shown campaign’s state once, and again only the one whose file changed; redraws only its row', async () => {
    const registry = new FakeRegistry([campaignJob('11', CAMPAIGN, { lc: 3 }), campaignJob('12', OTHER, { lc: 3 })]);
    const many: CampaignState = {
      version: 1,
      sources: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`src-${i}`, { status: 'queued' as const }])),
    };
    const data = new Map([
      [CAMPAIGN, many],
      [OTHER, STATE],
    ]);
    const { states, reads } = memoryStates(data);
    const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
    const fired: (XrtTreeNode | undefined)[] = [];
    tree.onDidChangeTreeData((n) => fired.push(n));
    const roots = tree.getChildren();
    for (const r of roots) tree.getChildren(r);
    await settle();
    assert.deepEqual(reads.sort(), [CAMPAIGN, OTHER].sort());
    assert.equal(tree.getChildren(roots.find((r) => r.kind === 'campaign' && r.file === CAMPAIGN)).length, 501);

    fired.length = 0;
    reads.length = 0;
    data.set(CAMPAIGN, { ...many, sources: { ...many.sources, 'src-7': { status: 'refused', message: 'no' } } });
    states.fileChanged(CAMPAIGN);
    states.fileChanged(CAMPAIGN);
    await settle();
    await settle();
    assert.deepEqual(reads, [CAMPAIGN, CAMPAIGN], 'the changed file only: once, and once more for the change during the read');
    assert.deepEqual(fired, [
      { kind: 'campaign', file: CAMPAIGN },
      { kind: 'campaign', file: CAMPAIGN },
    ]);
    assert.equal(item(tree, { kind: 'source', file: CAMPAIGN, sourceId: 'src-7' }).contextValue, 'xrtSourceRefused');

    // A state file of a campaign nobody shows is not read.
    states.fileChanged('file:///elsewhere/x.xrt-campaign.json');
    await settle();
    assert.deepEqual(reads, [CAMPAIGN, CAMPAIGN]);
  });

  it('takes the runner’s states without reading, shows a run with no job yet, and keeps a newer report over an older read', async () => {
    const registry = new FakeRegistry([]);
    let release: (s: CampaignState) => void = () => undefined;
    const reads: string[] = [];
    const states = new CampaignStates(
      (file) => (reads.push(file), new Promise<CampaignState>((resolve) => (release = resolve))),
      () => undefined,
    );
    const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
    const fired: (XrtTreeNode | undefined)[] = [];
    tree.onDidChangeTreeData((n) => fired.push(n));
    assert.deepEqual(tree.getChildren(), []);
    states.runStarted(CAMPAIGN);
    states.report(CAMPAIGN, { version: 1, sources: { a: { status: 'queued' }, b: { status: 'queued' } } });
    assert.deepEqual(fired, [undefined], 'a new campaign changes the root');
    const [campaign] = tree.getChildren();
    assert.deepEqual(campaign, { kind: 'campaign', file: CAMPAIGN });
    assert.equal(tree.getChildren(campaign).length, 2);
    assert.deepEqual(reads, [], 'no read: the runner said what it wrote');

    states.fileChanged(CAMPAIGN);
    states.report(CAMPAIGN, { version: 1, sources: { a: { status: 'sending' }, b: { status: 'queued' } } });
    release({ version: 1, sources: { a: { status: 'queued' }, b: { status: 'queued' } } });
    await settle();
    assert.equal(item(tree, { kind: 'source', file: CAMPAIGN, sourceId: 'a' }).contextValue, 'xrtSourceSending');
  });

  it('drops a campaign without jobs from the view once this window’s run of it ends, and keeps one with jobs', () => {
    const registry = new FakeRegistry([campaignJob('9001', OTHER, { lc: 4 })]);
    const states = new CampaignStates(
      () => Promise.resolve({ version: 1, sources: {} }),
      () => undefined,
    );
    const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
    const fired: (XrtTreeNode | undefined)[] = [];
    tree.onDidChangeTreeData((n) => fired.push(n));
    states.runStarted(CAMPAIGN);
    states.runStarted(OTHER);
    states.report(CAMPAIGN, { version: 1, sources: { a: { status: 'refused', message: 'Unknown target name' } } });
    states.report(OTHER, { version: 1, sources: { b: { status: 'submitted', jobId: '9001' } } });
    const files = () => tree.getChildren().flatMap((n) => (n.kind === 'campaign' ? [n.file] : []));
    assert.deepEqual(files().sort(), [CAMPAIGN, OTHER].sort());
    fired.length = 0;
    states.runEnded(CAMPAIGN);
    states.runEnded(OTHER);
    assert.deepEqual(files(), [OTHER], 'the campaign with a job stays, the one without goes');
    states.report(CAMPAIGN, { version: 1, sources: { a: { status: 'withdrawn' } } });
    assert.deepEqual(files(), [OTHER], 'a later state (a Cancel, a Pause) does not bring it back');
    assert.equal(fired[0], undefined, 'the root was redrawn for the one that went');
    assert.deepEqual(fired[1], { kind: 'campaign', file: OTHER }, 'only its row for the one that stays');
  });

  it('redraws a campaign’s row (its counts) when one of its jobs changes, a lone job’s row for a lone job', async () => {
    const lone = jobRecord('5', { codes: { lc: 3 } });
    const { tree, registry, fired } = await shownTree(STATE, [campaignJob('11', CAMPAIGN, { lc: 3 }), lone]);
    // As the view asks: the root, then the expanded campaign.
    const roots = tree.getChildren();
    tree.getChildren(roots.find((r) => r.kind === 'campaign'));
    fired.length = 0;
    registry.update(campaignJob('11', CAMPAIGN, { lc: 4 }));
    registry.update({ ...lone, name: 'renamed' });
    assert.deepEqual(fired, [
      { kind: 'campaign', file: CAMPAIGN },
      { kind: 'job', jobId: '5' },
    ]);
  });

  it('knows the queued sources after a reload, from the state file Run Campaign wrote before sending any', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-rows-'));
    try {
      const stateFile = path.join(dir, 'grbs.xrt-campaign.state.json');
      await recordPlannedSources(stateFile, ['one', 'two', 'three']);
      // The first source was sent; the window is reloaded.
      await changeCampaignState(stateFile, (s) => ({
        state: withSource(s, 'one', { status: 'submitted', jobId: '11' }),
        result: undefined,
      }));
      const registry = new FakeRegistry([campaignJob('11', CAMPAIGN, { lc: 3 })]);
      const states = new CampaignStates(
        () => readCampaignState(stateFile),
        () => undefined,
      );
      const tree = new XrtJobsTreeProvider(registry, states, () => NOW);
      const [campaign] = tree.getChildren();
      tree.getChildren(campaign);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(tree.getChildren(campaign), [
        { kind: 'job', jobId: '11' },
        { kind: 'source', file: CAMPAIGN, sourceId: 'two' },
        { kind: 'source', file: CAMPAIGN, sourceId: 'three' },
      ]);
      assert.match(item(tree, campaign!).description ?? '', /0\/3 done · 1 active · 2 to send/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('XRT Jobs view: campaign row menus (package.json)', () => {
  interface MenuItem {
    command: string;
    when?: string;
    group?: string;
  }
  const menus = (): Record<string, MenuItem[]> =>
    (JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuItem[]> } })
      .contributes.menus;
  /** The inline buttons of a row of the XRT Jobs view with `viewItem` (the `==` and `=~` terms our menus use). */
  function inline(viewItem: string): string[] {
    return menus()
      ['view/item/context'].filter((m) => m.group?.startsWith('inline') && m.when?.includes('view == swiftObservatory.xrtJobs'))
      .filter((m) =>
        (m.when ?? '').split('&&').every((term) => {
          const t = term.trim();
          const eq = /^viewItem == (\S+)$/.exec(t);
          if (eq) return eq[1] === viewItem;
          const re = /^viewItem =~ \/(.+)\/$/.exec(t);
          if (re) return new RegExp(re[1]!).test(viewItem);
          return t === 'view == swiftObservatory.xrtJobs';
        }),
      )
      .map((m) => m.command.replace('swiftObservatory.xrt.', ''));
  }

  it('offers Pause, Stop and Cancel on a running campaign, Resume and Cancel on a paused one, Run and Cancel on an idle one, and the results on each', () => {
    assert.deepEqual(inline('xrtCampaignRunning').sort(), ['cancelCampaign', 'pauseCampaign', 'showCampaignResults', 'stopCampaign']);
    assert.deepEqual(inline('xrtCampaignPaused').sort(), ['cancelCampaign', 'resumeCampaign', 'showCampaignResults']);
    assert.deepEqual(inline('xrtCampaignIdle').sort(), ['cancelCampaign', 'runCampaign', 'showCampaignResults']);
    assert.deepEqual(inline('xrtSourceQueued'), [], 'a source row offers no campaign command');
  });

  it('offers Pause, Resume and Cancel in the command palette when a campaign file is active', () => {
    for (const command of ['pauseCampaign', 'resumeCampaign', 'cancelCampaign']) {
      const entry = menus().commandPalette?.find((m) => m.command === `swiftObservatory.xrt.${command}`);
      assert.equal(entry?.when, 'resourceFilename =~ /\\.xrt-campaign\\.json$/', command);
    }
  });
});
