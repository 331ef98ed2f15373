// The integration tests' handle on the Swift services sandbox the runner started: its control API
// (reset, clock, faults, request log), reached over plain HTTP from inside the extension host.
import * as http from 'node:http';
import { SANDBOX_ORIGIN_ENV } from '../../runners/integrationEnv';

export function sandboxOrigin(): string {
  const origin = process.env[SANDBOX_ORIGIN_ENV];
  if (!origin) throw new Error(`${SANDBOX_ORIGIN_ENV} is not set: run the integration tests through the runner (npm run test:integration)`);
  return origin;
}

export function control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${sandboxOrigin()}/__sandbox${path}`, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`sandbox control ${method} ${path}: HTTP ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export const sandbox = {
  reset: () => control('POST', '/reset'),
  freezeClock: () => control('POST', '/clock', { speed: 0 }),
  advance: (ms: number) => control('POST', '/clock', { advanceMs: ms }),
  /** Switches wire variants (test/sandbox/variants.ts); `reset()` returns to the defaults. */
  variants: (changes: Record<string, boolean | string>) => control('POST', '/variants', changes),
  fault: (spec: { prefix: string; kind: string; status?: number; count?: number; message?: string; match?: string }) =>
    control('POST', '/faults', spec),
  requests: async (filter: { method?: string; pathPrefix?: string } = {}): Promise<LoggedRequest[]> => {
    const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    return (await control<{ requests: LoggedRequest[] }>('GET', `/requests?${q.toString()}`)).requests;
  },
  xrtJobs: async (): Promise<{ JobID: number; UserID: string; name: string; products: Record<string, number> }[]> =>
    (await control<{ jobs: { JobID: number; UserID: string; name: string; products: Record<string, number> }[] }>('GET', '/xrt/jobs')).jobs,
};

/** Polls `probe` until it returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
  everyMs = 100,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
