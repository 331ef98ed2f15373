// The sandbox survives whatever a client does (issue: aborting a large download under `npm start` killed
// the sandbox and the workbench with it): downloads abandoned mid-stream, request bodies cut short,
// many of both at once, on the services' listener and on the foreign one.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { servedFinishedJob, type ServedSandboxJob } from '../../support/sandboxJob';

/** Starts a GET and destroys the connection once `afterBytes` of the body have arrived. */
function abortedDownload(url: string, afterBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= afterBytes) req.destroy();
      });
      res.on('close', () => resolve(received));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || req.destroyed ? undefined : reject(error)));
    req.on('close', () => resolve(-1));
  });
}

/** Sends the start of a POST whose declared body never arrives in full, then cuts the connection. */
function abortedPost(url: string): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100000' } });
    req.on('error', () => resolve()); // the cut is the point of the test: the client's own error is expected
    req.write('{"UserID": "astro@example.org", "name": "GRB');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 20);
  });
}

describe('sandbox: clients that give up', function () {
  this.timeout(60_000);
  let job: ServedSandboxJob | undefined;
  const failures: unknown[] = [];
  const record = (reason: unknown): void => {
    failures.push(reason);
  };

  beforeEach(() => {
    failures.length = 0;
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
  });
  afterEach(async () => {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
    await job?.sandbox.stop();
    job = undefined;
  });

  it('keeps serving after large downloads are abandoned mid-stream, many at once, and after cut-off request bodies', async () => {
    job = await servedFinishedJob();
    const { sandbox } = job;
    await fetch(`${sandbox.origin}/__sandbox/xrt/archive-padding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bytes: 50_000_000 }),
    });
    const archives = ['lc.tar.gz', 'spec.tar.gz', 'psf.tar.gz', 'lc.zip'].map((name) => `${job!.jobUrl}/${name}`);
    const received = await Promise.all(archives.flatMap((url) => [abortedDownload(url, 1), abortedDownload(url, 2_000_000)]));
    assert.ok(
      received.every((n) => n !== 0),
      `every download started before it was abandoned: ${received.join(', ')}`,
    );
    await Promise.all([
      abortedPost(`${sandbox.xrtBaseUrl}/run_userobject.php`),
      abortedPost(`${sandbox.origin}/__sandbox/faults`),
      abortedPost(`${sandbox.tooBaseUrl}/login`),
      abortedPost(`${sandbox.foreign.origin}/login`),
    ]);
    // Give the abandoned streams time to notice and unwind; a crash would surface as a recorded failure.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const status = await job.client.status(job.jobId, ['lc', 'spec'], []);
    assert.equal(status.lc?.statusCode, 4, 'the job is still there and complete');
    const whole = await fetch(`${job.jobUrl}/spec.tar.gz`);
    assert.equal(whole.status, 200);
    const bytes = (await whole.arrayBuffer()).byteLength;
    assert.ok(bytes > 50_000_000 * 0.9, `a full download still works afterwards (${bytes} bytes)`);
    assert.deepEqual(failures.map(String), [], 'no unhandled rejection or exception in the sandbox');
  });
});
