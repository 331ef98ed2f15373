// `npm run bench`: prints the figures the README records. Measured here, never asserted in tests.
//   SWIFT_BENCH_ONLY=poll,tree,bundle,qdp,plot,download,fit,campaign   run a subset
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { printPollTable } from './pollBench';
import { benchCampaignTree, benchTreeRefresh } from './treeBench';
import { benchQdp } from './qdpBench';
import { benchDownload } from './downloadBench';
import { benchPlot } from './plotBench';
import { benchFitCoverage, benchFitTimes } from './fitBench';
import { benchCampaignRun, benchCampaignTable } from './campaignBench';

type Section = { name: string; run: () => Promise<void> };

function wanted(name: string): boolean {
  const only = process.env.SWIFT_BENCH_ONLY;
  return (
    !only ||
    only
      .split(',')
      .map((s) => s.trim())
      .includes(name)
  );
}

const sections: Section[] = [
  {
    name: 'bundle',
    run: async () => {
      const file = path.join(repoRoot(), 'dist', 'extension.js');
      const stat = await fs.stat(file);
      console.log(
        `  dist/extension.js (what activation loads): ${(stat.size / 1024).toFixed(0)} KB (budget 250 KB; build with --production for the shipped size)`,
      );
    },
  },
  {
    name: 'download',
    run: async () => {
      const r = await benchDownload(500);
      console.log(
        `  ${r.mb} MB archive (${(r.archiveBytes / 1024 / 1024).toFixed(0)} MiB on the wire) downloaded and extracted in ${r.seconds.toFixed(1)} s`,
      );
      // Measured first, before the other sections fill this process's memory.
      console.log(
        `  peak RSS ${r.peakRssMb.toFixed(0)} MB (before: ${r.baselineRssMb.toFixed(0)} MB) — memory does not grow with the archive`,
      );
    },
  },
  {
    name: 'poll',
    run: async () => {
      await printPollTable((line) => console.log(line));
    },
  },
  {
    name: 'tree',
    run: async () => {
      const r = await benchTreeRefresh(500);
      console.log(
        `  ${r.jobs} jobs: registry load ${r.loadMs.toFixed(1)} ms, full tree refresh (all job and product items) ${r.refreshMs.toFixed(1)} ms, one job's update ${r.updateMs.toFixed(1)} ms`,
      );
    },
  },
  {
    name: 'qdp',
    run: async () => {
      const r = await benchQdp();
      console.log(
        `  QDP parser: ${r.mbPerSecond.toFixed(0)} MB/s on a ${(r.bytes / 1e6).toFixed(0)} MB light-curve file (target ≥ 50 MB/s)`,
      );
      if (r.astropy)
        console.log(
          `  astropy.io.ascii QDP reader on the same file (inf written as nan, which astropy needs): ${r.astropy.mbPerSecond.toFixed(2)} MB/s; ours is ${(r.ratio ?? 0).toFixed(0)}× faster on it`,
        );
      else console.log(`  astropy: not compared (${r.astropySkipped ?? 'not installed'})`);
    },
  },
  {
    name: 'plot',
    run: async () => {
      const load = os.loadavg()[0]!.toFixed(1);
      const text = (s: { min: number; median: number; max: number }): string =>
        `median ${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
      for (const r of await benchPlot()) {
        console.log(
          `  ${r.label}, ${r.runs} fresh pages without a trace: model received → first draw done ${text(r.drawn)}; → first frame shown ${text(r.shown)}`,
        );
        console.log(`      main-thread CPU time to that frame ${text(r.cpu)} (${r.runs} more pages, traced)`);
      }
      console.log(
        `  (Chromium; targets 10^5 under 100 ms, 10^6 under 300 ms; load average ${load} on ${os.cpus().length} cores at the start)`,
      );
    },
  },
  {
    name: 'campaign',
    run: async () => {
      const tree = await benchCampaignTree(500);
      console.log(
        `  XRT Jobs view, a campaign of ${tree.sources} sources: one job's status change → campaign row and its ${tree.sources} children drawn again in median ${tree.medianMs.toFixed(1)} ms (worst ${tree.maxMs.toFixed(1)} ms; first draw ${tree.firstMs.toFixed(1)} ms; budget 50 ms)`,
      );
      const r = await benchCampaignRun(500, 5);
      console.log(
        `  ${r.sources}-source campaign, at most ${r.maxActiveJobs} active, a fault on ${r.faults} submissions (a cut answer, a 502 page or a reset, in turn): ${r.seconds.toFixed(1)} s`,
      );
      console.log(
        `      most jobs active right after a submission (sandbox's job table at each submission of its request log): ${r.peakActive}; ` +
          `${r.submissionRequests} submission requests; duplicates ${r.duplicates}, sources without a job ${r.missing}, refused ${r.refused}`,
      );
      console.log(
        `      heap after a full collection, every 100 sources: ${r.heapMb.map((m) => m.toFixed(1)).join(', ')} MB; ` +
          `${r.heapAfterMb.toFixed(1)} MB once the jobs are dropped from the job list and the sandbox`,
      );
      const t = await benchCampaignTable(500);
      const text = (s: { min: number; median: number; max: number }): string =>
        `median ${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
      console.log(
        `  results table of ${t.rows} rows, ${t.runs} fresh pages: results received → first frame shown ${text(t.firstMs)}, every row in place ${text(t.allMs)}; a sort by NH → frame ${text(t.sortMs)} (budget 200 ms; load average ${os.loadavg()[0]!.toFixed(1)})`,
      );
    },
  },
  {
    name: 'fit',
    run: async () => {
      for (const r of benchFitTimes()) {
        const budget = r.budgetMs !== undefined ? ` (budget ${r.budgetMs} ms)` : '';
        console.log(`  ${r.label}, ${r.bins} bins: ${r.medianMs.toFixed(1)} ms median, first run ${r.firstMs.toFixed(0)} ms${budget}`);
      }
      for (const c of benchFitCoverage()) {
        const cover = Object.entries(c.coverage)
          .map(([name, v]) => `${name} ${(v * 100).toFixed(1)} %`)
          .join(', ');
        console.log(
          `  90 % interval coverage, ${c.label}, ${c.runs} realisations (expected 90 ± ${(c.band * 100).toFixed(1)} %, 3σ): ${cover} [${c.seconds.toFixed(0)} s]`,
        );
      }
    },
  },
];

async function main(): Promise<void> {
  console.log(`Swift Observatory benchmarks — Node ${process.version}, ${process.platform}/${process.arch}`);
  for (const s of sections) {
    if (!wanted(s.name)) continue;
    console.log(`\n[${s.name}]`);
    const t0 = Date.now();
    await s.run();
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
