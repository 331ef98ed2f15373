// The emulated Swift TOO API v2 (test/fixtures/protocol/swift-too-v2.md). The HTTP core hands it requests
// with the `/api/v2` prefix removed; this module routes them and owns the service's state.
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from '../types';
import { DEFAULT_SESSION_TTL_MS, SessionStore } from './accounts';
import type { Handler, TooEnv } from './env';
import { clock } from './handlers/clock';
import { adminListing, changeUser, compatJwt, getUser, listUsers, nicerPlanquery, nicerVisquery, sotStats } from './handlers/extras';
import { archive, data, guano, uvotMode } from './handlers/instruments';
import { login, logout, session } from './handlers/session';
import { resolve, saa, visquery } from './handlers/sky';
import { obsquery, planquery } from './handlers/timeline';
import { calendar, getToo, listToos, submitToo, uploadEnabled } from './handlers/toos';
import { METHOD_NOT_ALLOWED, NOT_FOUND_ROUTE } from './replies';
import { microsFromDate } from './timeText';
import { renderToo, TooStore } from './tooStore';
import { applyBodyVariants, TOO_VARIANTS } from './wireVariants';

export interface TooServiceOptions {
  /** Simulated lifetime of a login session. Default 8 hours. */
  sessionTtlMs?: number;
  /** Whether TOO submission starts enabled. Default true. */
  uploadEnabled?: boolean;
}

export interface TooService extends SandboxService {
  /** Every session becomes invalid: the next request that needs one gets 401. */
  expireSessions(): void;
  setUploadEnabled(on: boolean): void;
  /** TOOs submitted since the last reset (full records, with their owner). */
  submittedToos(): Record<string, unknown>[];
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

const health: Handler = () => ({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'OK' });

const ROUTE_TABLE: [string, string, Handler][] = [
  ['GET', '/', health],
  ['POST', '/login', login],
  ['POST', '/login/password', login],
  ['POST', '/logout', logout],
  ['GET', '/session', session],
  ['GET', '/resolve', resolve],
  ['GET', '/swift/visquery', visquery],
  ['GET', '/swift/saa', saa],
  ['GET', '/swift/obsquery', obsquery],
  ['GET', '/swift/planquery', planquery],
  ['GET', '/swift/calendar', calendar],
  ['GET', '/swift/clock', clock],
  ['GET', '/swift/uvot_mode', uvotMode],
  ['GET', '/swift/data', data],
  ['GET', '/swift/guano', guano],
  ['GET', '/swift/sot_stats', sotStats],
  ['GET', '/swift/too', listToos],
  ['POST', '/swift/too', submitToo],
  ['GET', '/swift/too/{too_id}', getToo],
  ['GET', '/swift/too_upload_enabled', uploadEnabled],
  ['GET', '/swift/commands', adminListing],
  ['GET', '/swift/manypoints', adminListing],
  ['GET', '/swift/too_commands', adminListing],
  ['GET', '/swift/too_groups', adminListing],
  ['GET', '/nicer/visquery', nicerVisquery],
  ['GET', '/nicer/planquery', nicerPlanquery],
  ['GET', '/compat/jwt', compatJwt],
  ['POST', '/compat/jwt', compatJwt],
  ['GET', '/user', listUsers],
  ['POST', '/user', changeUser],
  ['GET', '/user/{username}', getUser],
  ['PUT', '/user/{username}', changeUser],
  ['PATCH', '/user/{username}', changeUser],
  ['DELETE', '/user/{username}', changeUser],
  ['GET', '/user/scopes/{username}', changeUser],
  ['POST', '/user/scopes/{username}', changeUser],
  ['DELETE', '/user/scopes/{username}', changeUser],
];

const ROUTES: Route[] = ROUTE_TABLE.map(([method, pattern, handler]) => ({ method, segments: splitPath(pattern), handler }));

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchRoute(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const pattern = route.segments[i];
    if (pattern.startsWith('{')) params[pattern.slice(1, -1)] = decodeURIComponent(segments[i]);
    else if (pattern !== segments[i]) return undefined;
  }
  return params;
}

export function createTooService(ctx: SandboxContext, options: TooServiceOptions = {}): TooService {
  const sessions = new SessionStore(ctx.clock, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
  const toos = new TooStore();
  let uploads = options.uploadEnabled ?? true;
  const env: TooEnv = {
    ctx,
    sessions,
    toos,
    uploadEnabled: () => uploads,
    nowUtc: () => microsFromDate(ctx.clock.now()),
    user: (req) => sessions.accountFor(req.cookies.session),
  };

  async function handle(req: SandboxRequest): Promise<SandboxResponse> {
    return applyBodyVariants(await route(req), ctx.variants);
  }

  /** Answers the unknown-contract routes as a variant asks, or undefined for the default handler. */
  function unknownRouteVariant(segments: string[]): SandboxResponse | undefined {
    const path = `/${segments.join('/')}`;
    if (path === '/swift/too_upload_enabled') {
      if (ctx.variants.is(TOO_VARIANTS.uploadSwitch, '404')) return NOT_FOUND_ROUTE;
      if (ctx.variants.is(TOO_VARIANTS.uploadSwitch, 'odd'))
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ uploads: 'open', since: '2026-01-01' }),
        };
    }
    if (segments.length === 3 && path.startsWith('/swift/too/') && ctx.variants.is(TOO_VARIANTS.tooByIdMissing)) return NOT_FOUND_ROUTE;
    return undefined;
  }

  async function route(req: SandboxRequest): Promise<SandboxResponse> {
    const method = req.method.toUpperCase();
    // Trailing slashes are accepted everywhere (T1): `/swift/saa/` is `/swift/saa`.
    const segments = splitPath(req.path);
    if (method === 'GET' && segments[0] === 'archive') return archive(req, env, {});
    const variant = method === 'GET' ? unknownRouteVariant(segments) : undefined;
    if (variant) return variant;
    let pathMatched = false;
    for (const route of ROUTES) {
      const params = matchRoute(route, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return route.handler(req, env, params);
    }
    return pathMatched ? METHOD_NOT_ALLOWED : NOT_FOUND_ROUTE;
  }

  return {
    handle,
    reset() {
      sessions.clear();
      toos.reset();
      uploads = options.uploadEnabled ?? true;
    },
    expireSessions() {
      sessions.clear();
    },
    setUploadEnabled(on: boolean) {
      uploads = on;
    },
    submittedToos() {
      const now = env.nowUtc();
      return toos.submitted().map((t) => ({ owner: t.owner, ...renderToo(t, true, now) }));
    },
  };
}
