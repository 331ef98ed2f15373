// Peak memory of downloading and extracting a large product archive: the sandbox runs in its own
// process (so its memory is not counted), serves a job's all.tar.gz padded to the requested size with
// incompressible bytes, and this process downloads and unpacks it while sampling its own RSS.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadToFile } from '../../src/http/download';
import { productArchiveUrl } from '../../src/products/download/archiveUrl';
import { extractArchive } from '../../src/products/download/safeExtract';
import { XrtClient } from '../../src/xrt/client';
import { findFreePort } from '../runners/codeServer';
import { repoRoot } from '../support/paths';

function control(origin: string, route: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}/__sandbox${route}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve() : reject(new Error(`control ${route}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function waitForSandbox(origin: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      await new Promise<void>((resolve, reject) =>
        http.get(`${origin}/api/v2/`, (r) => (r.resume(), r.on('end', resolve))).on('error', reject),
      );
      return;
    } catch {
      // Not listening yet: try again shortly.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the sandbox did not start');
}

export async function benchDownload(
  mb: number,
): Promise<{ mb: number; seconds: number; peakRssMb: number; baselineRssMb: number; archiveBytes: number }> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(repoRoot(), 'out', 'test', 'sandbox', 'main.js')], {
    env: { ...process.env, SWIFT_SANDBOX_PORT: String(port), SWIFT_SANDBOX_SPEED: '0' },
    stdio: 'ignore',
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'swift-download-bench-'));
  try {
    await waitForSandbox(origin);
    const client = new XrtClient({ baseUrl: `${origin}/user_objects`, userId: 'astro@example.org', timeoutMs: 30_000, userAgent: 'bench' });
    const job = await client.submit({
      name: 'GRB 200416A',
      targ: '00966554',
      RA: 335.6985,
      Dec: -7.5179,
      cent: 1,
      poserr: 1,
      useSXPS: 0,
      lc: 1,
      binMeth: 'snapshot',
    });
    await control(origin, '/clock', { advanceMs: 3_600_000 });
    await control(origin, '/xrt/archive-padding', { bytes: mb * 1024 * 1024 });

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = Date.now();
    const archive = path.join(dir, 'all.tar.gz');
    const result = await downloadToFile({
      url: productArchiveUrl(job.URL, 'all'),
      destFile: archive,
      timeoutMs: 60_000,
      userAgent: 'bench',
    });
    await extractArchive(archive, path.join(dir, 'extracted'));
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { mb, seconds, peakRssMb: peak / 1024 / 1024, baselineRssMb: baseline / 1024 / 1024, archiveBytes: result.bytes };
  } finally {
    child.kill();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
