// Throughput of the QDP light-curve reader on a large synthetic file laid out like the product's
// files (READ TERR, `!` section and column comments, NO separator rows, `inf` SNR cells), and, when
// Python has astropy, of astropy's own QDP reader on the same file for comparison.
// MB here means 10^6 bytes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseQdp } from '../../src/products/files/qdp';

export interface QdpBenchResult {
  mbPerSecond: number;
  bytes: number;
  astropy?: { mbPerSecond: number };
  /** Ours divided by astropy's, when astropy ran. */
  ratio?: number;
  /** Why astropy was not timed. */
  astropySkipped?: string;
}

const TARGET_BYTES = 64 * 1000 * 1000;
const ROWS_PER_SECTION = 50_000;
const COLUMNS = 'Time\tTimePos\tTimeNeg\tRate\tRatePos\tRateNeg\tFracExp\tBGrate\tBGerr\tCorrFact\tCtsInSrc\tBGInSrc\tExposure\tSigma\tSNR';

/** Deterministic pseudo-random numbers (xorshift), so every run times the same text. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A light-curve QDP text of about `targetBytes` bytes, in the layout the sandbox and xrt_prods' writer use. */
export function syntheticQdp(targetBytes = TARGET_BYTES): string {
  const random = rng(42);
  const parts: string[] = ['READ TERR 1 2\n', '! Synthetic light curve for the QDP benchmark\n'];
  let size = parts.join('').length;
  let section = 0;
  let time = 100;
  while (size < targetBytes) {
    const upperLimits = section % 4 === 3;
    const header = `${section > 0 ? `${Array(15).fill('NO').join(' ')}\n` : ''}! ${section % 2 === 0 ? 'WT' : 'PC'}${upperLimits ? 'UL' : ''}: section ${section}\n! ${COLUMNS}\n`;
    parts.push(header);
    size += header.length;
    const rows: string[] = [];
    for (let r = 0; r < ROWS_PER_SECTION && size < targetBytes; r++) {
      const half = 1 + random() * 20;
      time += 2 * half;
      const rate = random() * 50;
      const err = rate * (0.02 + random() * 0.1);
      const row = [
        time.toFixed(3),
        half.toFixed(4),
        (-half).toFixed(4),
        rate.toPrecision(7),
        upperLimits ? '0' : err.toPrecision(6),
        upperLimits ? '0' : (-err).toPrecision(6),
        random().toFixed(6),
        (random() * 0.01).toExponential(5),
        (random() * 0.003).toPrecision(6),
        (1 + random()).toPrecision(7),
        String(Math.floor(random() * 2000)),
        (random() * 2).toPrecision(7),
        (2 * half).toFixed(3),
        (random() * 40).toPrecision(7),
        upperLimits ? 'inf' : (random() * 30).toPrecision(7),
      ].join('\t');
      rows.push(row);
      size += row.length + 1;
    }
    parts.push(`${rows.join('\n')}\n`);
    section++;
  }
  return parts.join('');
}

function bestOf<T>(runs: number, fn: () => T): { seconds: number; result: T } {
  let best = Number.POSITIVE_INFINITY;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: best, result };
}

const ASTROPY_TIMER = `
import sys, time, warnings
from astropy.io import ascii
warnings.simplefilter('ignore')
best = float('inf')
for _ in range(3):
    t = time.perf_counter()
    ascii.read(sys.argv[1], format='qdp', table_id=0)
    best = min(best, time.perf_counter() - t)
print(best)
`;

/** The first Python that has astropy: the one on PATH, else the system's (Debian's python3-astropy). */
function pythonWithAstropy(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import astropy'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return python;
  }
  return undefined;
}

function timeAstropy(file: string, bytes: number): { mbPerSecond: number } | { skipped: string } {
  const python = pythonWithAstropy();
  if (!python) return { skipped: 'astropy is not installed (e.g. apt-get install python3-astropy)' };
  const run = spawnSync(python, ['-c', ASTROPY_TIMER, file], { encoding: 'utf8', maxBuffer: 1024 * 1024, timeout: 30 * 60 * 1000 });
  const seconds = Number(run.stdout.trim().split('\n').pop());
  if (run.status !== 0 || !Number.isFinite(seconds) || seconds <= 0)
    return { skipped: `astropy's reader failed: ${(run.stderr || run.stdout).trim().split('\n').pop() ?? 'no output'}` };
  return { mbPerSecond: bytes / 1e6 / seconds };
}

export async function benchQdp(): Promise<QdpBenchResult> {
  const text = syntheticQdp();
  const bytes = Buffer.byteLength(text, 'utf8');
  const { seconds, result } = bestOf(3, () => parseQdp(text, 'synthetic.qdp'));
  const rows = result.tables.reduce((n, t) => n + t.rowCount, 0);
  if (rows === 0) throw new Error('the synthetic QDP file parsed to no rows');
  const mbPerSecond = bytes / 1e6 / seconds;

  const dir = mkdtempSync(join(tmpdir(), 'swift-qdp-bench-'));
  try {
    // astropy's QDP reader refuses `inf` (the upper limits' SNR in the service's files), so the
    // comparison runs on a copy with `nan` there, and ours is timed on that same copy.
    const comparable = text.replace(/\binf\b/g, 'nan');
    const comparableBytes = Buffer.byteLength(comparable, 'utf8');
    const file = join(dir, 'synthetic.qdp');
    writeFileSync(file, comparable);
    const astropy = timeAstropy(file, comparableBytes);
    if ('skipped' in astropy) return { mbPerSecond, bytes, astropySkipped: astropy.skipped };
    const ours = comparableBytes / 1e6 / bestOf(3, () => parseQdp(comparable, 'synthetic.qdp')).seconds;
    return { mbPerSecond, bytes, astropy, ratio: ours / astropy.mbPerSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
