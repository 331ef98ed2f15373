// Time to load a registry of many jobs and to build every item the XRT Jobs view shows for them.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JobRegistry } from '../../src/xrt/jobs/jobRegistry';
import type { JobRecord } from '../../src/xrt/jobs/jobRecord';
import type { CampaignState } from '../../src/xrt/campaign/campaignState';
import { CampaignStates } from '../../src/xrt/views/campaignStates';
import { XrtJobsTreeProvider, type XrtTreeNode } from '../../src/xrt/views/xrtJobsTree';

function job(n: number): JobRecord {
  const progress = {
    GotProgress: 1,
    TimeRunning: '00:20:40',
    ProgressSteps: [
      { StepLabel: 'Prepare data.', StepStatus: 2 },
      {
        StepLabel: 'Build spectra.',
        StepStatus: 1,
        StepExtra: `Working on spectrum: Obs_000816370${String(n % 100).padStart(2, '0')} (${n % 156}/156)`,
        SubStep: [
          { StepLabel: 'Extract data.', StepStatus: 2 },
          { StepLabel: 'Fit spectrum.', StepStatus: 1 },
        ],
      },
    ],
  };
  const state = (code: number) => ({
    statusCode: code,
    statusText: code === 4 ? 'Complete' : 'Running',
    changedAt: 1_700_000_000_000 + n,
    progress: code === 3 ? progress : undefined,
  });
  return {
    jobId: String(10_000 + n),
    url: `https://www.swift.ac.uk/user_objects/tprods/USERPROD_${10_000 + n}`,
    name: `GRB ${200000 + n}A`,
    userId: 'astro@example.org',
    serviceUrl: 'https://www.swift.ac.uk/user_objects',
    submittedAt: new Date(1_700_000_000_000 + n * 60_000).toISOString(),
    origin: 'submitted',
    jobPars: { name: `GRB ${200000 + n}A`, RA: '335.6985', Dec: '-7.5179', lc: 1, spec: 1, dopsf: 1 },
    products: { lc: state(4), spec: state(n % 5 === 0 ? 3 : 4), psf: state(4) },
    poll: { unchanged: 0, errors: 0 },
  };
}

function walk(tree: XrtJobsTreeProvider, node?: XrtTreeNode): number {
  let count = 0;
  for (const child of tree.getChildren(node)) {
    tree.getTreeItem(child);
    count += 1 + (child.kind === 'step' ? 0 : walk(tree, child));
  }
  return count;
}

export async function benchTreeRefresh(
  jobs: number,
): Promise<{ jobs: number; loadMs: number; refreshMs: number; updateMs: number; items: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-tree-bench-'));
  try {
    const writer = await JobRegistry.open(dir, 'writer');
    await writer.add(...Array.from({ length: jobs }, (_, n) => job(n)));
    writer.dispose();

    let t = performance.now();
    const registry = await JobRegistry.open(dir, 'reader');
    const loadMs = performance.now() - t;
    // None of these jobs is a campaign's: no state is ever read.
    const states = new CampaignStates(
      () => Promise.reject(new Error('no campaign in this benchmark')),
      () => undefined,
    );
    const tree = new XrtJobsTreeProvider(registry, states);
    walk(tree);
    t = performance.now();
    const items = walk(tree);
    const refreshMs = performance.now() - t;
    t = performance.now();
    await registry.update(String(10_000 + 5), (j) => ({ ...j, name: `${j.name} (renamed)` }));
    const updateMs = performance.now() - t;
    tree.dispose();
    registry.dispose();
    return { jobs, loadMs, refreshMs, updateMs, items };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * A campaign of `sources` sources, each with its job: how long the XRT Jobs view takes to redraw the
 * campaign after one of its jobs changes status (the campaign row and its children, which is what the view
 * asks for again when the provider fires for the campaign node), median and worst of `runs` changes.
 */
export async function benchCampaignTree(
  sources: number,
  runs = 21,
): Promise<{ sources: number; firstMs: number; medianMs: number; maxMs: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-campaign-tree-bench-'));
  const campaignFile = 'file:///bench/survey.xrt-campaign.json';
  try {
    const writer = await JobRegistry.open(dir, 'writer');
    await writer.add(...Array.from({ length: sources }, (_, n) => ({ ...job(n), requestFile: campaignFile })));
    const state: CampaignState = {
      version: 1,
      sources: Object.fromEntries(
        Array.from({ length: sources }, (_, n) => [`src-${n}`, { status: 'submitted' as const, jobId: String(10_000 + n) }]),
      ),
    };
    const states = new CampaignStates(
      () => Promise.resolve(state),
      (file, message) => {
        throw new Error(`campaign tree benchmark: ${file}: ${message}`);
      },
    );
    const tree = new XrtJobsTreeProvider(writer, states);
    const loaded = new Promise<void>((resolve) => states.onDidChange(() => resolve()));
    const campaign = tree.getChildren().find((n) => n.kind === 'campaign');
    if (!campaign) throw new Error('campaign tree benchmark: no campaign row');
    tree.getChildren(campaign);
    await loaded;
    const redraw = (): number => {
      const t = performance.now();
      tree.getTreeItem(campaign);
      for (const child of tree.getChildren(campaign)) tree.getTreeItem(child);
      return performance.now() - t;
    };
    const firstMs = redraw();
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const id = String(10_000 + ((r * 37) % sources));
      await writer.update(id, (j) => ({
        ...j,
        products: { ...j.products, spec: { ...j.products.spec!, statusCode: r % 2 === 0 ? 4 : 3 } },
      }));
      times.push(redraw());
    }
    times.sort((a, b) => a - b);
    tree.dispose();
    states.dispose();
    writer.dispose();
    return { sources, firstMs, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]! };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
