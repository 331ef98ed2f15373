// Endpoints test/fixtures/protocol/swift-too-v2.md lists without a contract (§16): admin routes, user management,
// NICER mirrors, SOT statistics and the legacy JWT check. Every shape here is a sandbox choice
// (see README.md).
import { ACCOUNTS, findAccount, type Account } from '../accounts';
import type { Handler, TooEnv } from '../env';
import { ParamReader } from '../params';
import { flatError, forbidden, notLoggedIn, okReply, validationError } from '../replies';
import { utcToSwiftMicros } from '../swiftClock';
import { snapshotsMatching } from '../timeline';
import { MICROS_PER_DAY, floorTo, formatDate } from '../timeText';
import type { SandboxRequest, SandboxResponse } from '../../types';
import { visibilityHandler } from './sky';
import { planquery } from './timeline';
import { readWindow } from './common';

/** The admin account, or the 401/403 reply for anyone else. */
function requireAdmin(req: SandboxRequest, env: TooEnv): Account | SandboxResponse {
  const user = env.user(req);
  if (!user) return notLoggedIn();
  if (!user.admin) return forbidden('Insufficient permissions: administrator access required.');
  return user;
}

function isReply(value: Account | SandboxResponse): value is SandboxResponse {
  return 'status' in value && typeof value.status === 'number';
}

/** Admin command listings: empty for the sandbox, which commands no spacecraft. */
export const adminListing: Handler = (req, env) => {
  const admin = requireAdmin(req, env);
  return isReply(admin) ? admin : okReply({ entries: [] });
};

function describeAccount(account: Account): Record<string, unknown> {
  return {
    username: account.username,
    l_name: account.lastName,
    admin: account.admin,
    scopes: account.admin ? ['user', 'admin'] : ['user'],
  };
}

export const listUsers: Handler = (req, env) => {
  const admin = requireAdmin(req, env);
  if (isReply(admin)) return admin;
  return okReply({ entries: ACCOUNTS.map(describeAccount) });
};

export const getUser: Handler = (req, env, path) => {
  const user = env.user(req);
  if (!user) return notLoggedIn();
  if (!user.admin && user.username !== path.username) return forbidden('Insufficient permissions: you may only look up your own account.');
  const account = findAccount(path.username);
  return account ? okReply(describeAccount(account)) : flatError(404, `User ${path.username} not found.`);
};

/** Account changes (create, update, delete, scopes): admin only, and a no-op in the sandbox. */
export const changeUser: Handler = (req, env, path) => {
  const admin = requireAdmin(req, env);
  if (isReply(admin)) return admin;
  return okReply({ username: path.username ?? null }, ['The sandbox keeps its built-in accounts; nothing was changed.']);
};

/** NICER has no documented contract; the sandbox mirrors the Swift endpoints (NICER's Sun 45°, Moon 15°, no pole). */
export const nicerVisquery: Handler = visibilityHandler({ sunDeg: 45, moonDeg: 15, poleDeg: 0 });
export const nicerPlanquery: Handler = planquery;

/** Per-day TOO and observing counts (default: the last seven days). */
export const sotStats: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const window = readWindow(r);
  if (!r.ok) return validationError(r.issues);
  const today = floorTo(env.nowUtc(), MICROS_PER_DAY);
  const end = Math.min(window.end ?? today, today + MICROS_PER_DAY);
  const begin = Math.max(window.begin ?? end - 7 * MICROS_PER_DAY, end - 31 * MICROS_PER_DAY);
  const entries = [];
  for (let day = floorTo(begin, MICROS_PER_DAY); day < end; day += MICROS_PER_DAY) {
    const toos = env.toos.find({ begin: day, end: day + MICROS_PER_DAY - 1, radius: 0 });
    const observed = snapshotsMatching(
      { begin: utcToSwiftMicros(day), end: utcToSwiftMicros(day + MICROS_PER_DAY), radius: 0, targetIds: [], obsIds: [] },
      utcToSwiftMicros(env.nowUtc()),
    ).snapshots;
    entries.push({
      date: formatDate(day),
      too_submitted: toos.length,
      too_approved: toos.filter((t) => t.decision === 'Approved').length,
      snapshots: observed.length,
      exposure: Math.round(observed.reduce((sum, s) => sum + (s.end - s.settle) / 1e6, 0)),
    });
  }
  return okReply({ begin: formatDate(begin), end: formatDate(end), entries });
};

/** v1 tokens are never valid here: v2 authenticates with the session cookie. */
export const compatJwt: Handler = () => flatError(401, 'Legacy v1 JWT authentication is not accepted; log in with POST /login.');
