// The sandbox's TOO accounts and login sessions. Session lifetime runs on the simulated clock,
// so tests can expire a session by advancing it. Section numbers (§): test/fixtures/protocol/swift-too-v2.md.
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../clock';

export interface Account {
  readonly username: string;
  /** The API key; the login `password` field may carry it or the account password (§2). */
  readonly apiKey: string;
  readonly password: string;
  /** What TOO records show as the requester (`l_name`). */
  readonly lastName: string;
  readonly admin: boolean;
}

export const ACCOUNTS: readonly Account[] = [
  { username: 'astro', apiKey: 'sandbox-key', password: 'sandbox-password', lastName: 'Astro', admin: false },
  { username: 'other', apiKey: 'other-key', password: 'other-password', lastName: 'Smith', admin: false },
  { username: 'admin', apiKey: 'admin-key', password: 'admin-password', lastName: 'Admin', admin: true },
];

export const DEFAULT_SESSION_TTL_MS = 8 * 3600_000;

export function findAccount(username: string): Account | undefined {
  return ACCOUNTS.find((a) => a.username === username);
}

/** The account whose key or password matches, or undefined (unknown user and wrong secret look alike). */
export function authenticate(username: string, secret: string): Account | undefined {
  const account = findAccount(username);
  return account && (secret === account.apiKey || secret === account.password) ? account : undefined;
}

interface Session {
  readonly username: string;
  readonly expiresAtMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: SimClock,
    private readonly ttlMs: number,
  ) {}

  open(account: Account): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { username: account.username, expiresAtMs: this.clock.nowMs() + this.ttlMs });
    return token;
  }

  /** The logged-in account for a cookie value; expired sessions are forgotten on sight. */
  accountFor(token: string | undefined): Account | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.clock.nowMs() >= session.expiresAtMs) {
      this.sessions.delete(token);
      return undefined;
    }
    return findAccount(session.username);
  }

  close(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  clear(): void {
    this.sessions.clear();
  }

  /** Cookie attributes are unknown for the real service (§2); these are the sandbox's choice (README.md). */
  cookieFor(token: string, path = '/'): string {
    return `session=${token}; Path=${path}; HttpOnly; SameSite=Lax`;
  }

  static clearingCookie(path = '/'): string {
    return `session=; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=0`;
  }
}
