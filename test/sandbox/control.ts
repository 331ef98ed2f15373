// The control API under `/__sandbox/`: lets tests, benchmarks and demos reset the sandbox,
// move its clock, read the requests it received and inject faults. Never part of either real service.
import { z } from 'zod';
import type { SimClock } from './clock';
import { faultSpecSchema, type FaultRegistry } from './faults';
import type { RequestLog } from './requestLog';
import type { VariantSet } from './variants';
import type { SandboxResponse } from './types';
import type { TooControls, XrtControls } from './server';

export interface ControlTarget {
  readonly clock: SimClock;
  readonly faults: FaultRegistry;
  readonly requests: RequestLog;
  readonly variants: VariantSet;
  readonly xrt: XrtControls;
  readonly too: TooControls;
  /** The other-origin listener of the `redirect-foreign` fault (optional for stand-in targets). */
  readonly foreign?: { requests(): readonly unknown[]; clear(): void; readonly origin: string };
  reset(): void;
}

const clockChangeSchema = z.object({
  advanceMs: z.number().optional(),
  set: z.iso.datetime({ offset: true }).optional(),
  speed: z.number().nonnegative().optional(),
});

export const CONTROL_ROUTES = [
  'POST /reset',
  'GET /clock',
  'POST /clock {advanceMs?, set?, speed?}',
  'GET /requests?method=&pathPrefix=',
  'DELETE /requests',
  'GET /faults',
  'POST /faults {prefix, kind, count?, status?, delayMs?, message?, retryAfterSeconds?, durationMs?, bytes?, encoding?, match?}',
  'DELETE /faults',
  'GET /variants',
  'POST /variants {name: true|false|"choice", ...}',
  'POST /too/upload-enabled {enabled}',
  'POST /too/expire-sessions',
  'POST /xrt/archive-padding {bytes}',
  'GET /xrt/jobs',
  'GET /too/requests',
  'GET /foreign/requests',
  'DELETE /foreign/requests',
] as const;

export async function handleControl(
  target: ControlTarget,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): Promise<SandboxResponse> {
  const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /':
        return ok({ routes: CONTROL_ROUTES });
      case 'POST /reset':
        target.reset();
        return ok({ reset: true });
      case 'GET /clock':
        return ok(clockState(target.clock));
      case 'POST /clock': {
        const change = clockChangeSchema.parse(parseJson(body));
        if (change.set !== undefined) target.clock.set(new Date(change.set));
        if (change.advanceMs !== undefined) target.clock.advance(change.advanceMs);
        if (change.speed !== undefined) target.clock.setSpeed(change.speed);
        return ok(clockState(target.clock));
      }
      case 'GET /requests':
        return ok({
          requests: target.requests.list({
            method: query.get('method') ?? undefined,
            pathPrefix: query.get('pathPrefix') ?? undefined,
          }),
        });
      case 'DELETE /requests':
        target.requests.clear();
        return ok({ cleared: true });
      case 'GET /faults':
        return ok({ faults: target.faults.list() });
      case 'POST /faults':
        return ok({ fault: target.faults.add(faultSpecSchema.parse(parseJson(body))) });
      case 'DELETE /faults':
        target.faults.clear();
        return ok({ cleared: true });
      case 'GET /variants':
        return ok({ variants: target.variants.list() });
      case 'POST /variants': {
        const changes = z.record(z.string(), z.union([z.boolean(), z.string()])).parse(parseJson(body));
        target.variants.set(changes);
        return ok({ variants: target.variants.list() });
      }
      case 'POST /too/upload-enabled': {
        const { enabled } = z.object({ enabled: z.boolean() }).parse(parseJson(body));
        return callOptional(target.too.setUploadEnabled?.bind(target.too), enabled, { enabled });
      }
      case 'POST /too/expire-sessions':
        return callOptional(target.too.expireSessions?.bind(target.too), undefined, { expired: true });
      case 'POST /xrt/archive-padding': {
        const { bytes } = z.object({ bytes: z.number().int().nonnegative() }).parse(parseJson(body));
        return callOptional(target.xrt.setArchivePadding?.bind(target.xrt), bytes, { bytes });
      }
      case 'GET /xrt/jobs':
        return ok({ jobs: target.xrt.jobs?.() ?? [] });
      case 'GET /xrt/rebins':
        return ok({ rebins: target.xrt.rebins?.() ?? [] });
      case 'GET /too/requests':
        return ok({ toos: target.too.submittedToos?.() ?? [] });
      case 'GET /foreign/requests':
        return ok({ origin: target.foreign?.origin ?? null, requests: target.foreign?.requests() ?? [] });
      case 'DELETE /foreign/requests':
        target.foreign?.clear();
        return ok({ cleared: true });
      default:
        return {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ error: `no control route ${route}`, routes: CONTROL_ROUTES }),
        };
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
    return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: message }) };
  }
}

function ok(value: unknown): SandboxResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function clockState(clock: SimClock): { now: string; speed: number } {
  return { now: clock.now().toISOString(), speed: clock.getSpeed() };
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  return JSON.parse(text);
}

function callOptional<T>(fn: ((arg: T) => void) | undefined, arg: T, result: unknown): SandboxResponse {
  if (!fn)
    return {
      status: 501,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'this service has no such control' }),
    };
  fn(arg);
  return ok(result);
}
