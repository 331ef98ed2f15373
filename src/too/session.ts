// The login state of the TOO API: the cookie jar holding the `session` cookie, where the
// credentials come from, and one login at a time. Long-lived (one per window) so that clients made
// for each command share the session instead of logging in again.
import type { CookieJar } from 'tough-cookie';
import { newCookieJar } from './cookieTransport';

/** The cookie the service sets on login (test/fixtures/protocol/swift-too-v2.md §2). */
const SESSION_COOKIE = 'session';

export interface TooCredentials {
  readonly username: string;
  /** Sent only in the body of `POST /login`; never logged, stored only in SecretStorage. */
  readonly apiKey: string;
}

/** Current credentials, or undefined when signed out (queries then go anonymously). */
type CredentialSource = () => Promise<TooCredentials | undefined>;

export class TooSession {
  private cookieJar: CookieJar | undefined;
  private loginInFlight: { readonly key: string; readonly done: Promise<void> } | undefined;
  /**
   * A login was answered 2xx but left no `session` cookie the jar can see (its attributes are
   * unknown). Requests then go without one until a 401 starts the re-login path, rather than
   * logging in again before every request.
   */
  private signedInWithoutCookie = false;

  constructor(private readonly source: CredentialSource) {}

  /** Created on first use, so the cookie stack loads only when the TOO API is actually used. */
  get jar(): CookieJar {
    this.cookieJar ??= newCookieJar();
    return this.cookieJar;
  }

  credentials(): Promise<TooCredentials | undefined> {
    return this.source();
  }

  /**
   * Whether the jar holds an unexpired cookie named `session`, whatever its path or domain (the
   * official client looks it up by name too; the real cookie's attributes are unknown, and one set
   * with `Path=/api/v2/` is not "for" the base URL `…/api/v2` although every request gets it).
   */
  hasSessionCookie(): boolean {
    const cookies = this.cookieJar?.serializeSync()?.cookies ?? [];
    const now = Date.now();
    return cookies.some(
      (cookie) =>
        cookie.key === SESSION_COOKIE && typeof cookie.value === 'string' && cookie.value !== '' && !isExpired(cookie as CookieTimes, now),
    );
  }

  /** Whether requests may go without logging in first: a session cookie, or a login that set none visibly. */
  isSignedIn(): boolean {
    return this.signedInWithoutCookie || this.hasSessionCookie();
  }

  /** Records a successful login that left no visible session cookie (see `signedInWithoutCookie`). */
  markSignedInWithoutCookie(): void {
    this.signedInWithoutCookie = true;
  }

  /** Drops every cookie: after sign-out, a credentials change, or a 401 from an old session. */
  forget(): void {
    this.signedInWithoutCookie = false;
    this.cookieJar?.removeAllCookiesSync();
  }

  /**
   * Runs `login` unless one for the same user is already running, so that several requests that
   * find no session at the same time cause one login, not one each.
   */
  loginOnce(username: string, login: () => Promise<void>): Promise<void> {
    if (this.loginInFlight?.key === username) return this.loginInFlight.done;
    const done = login().finally(() => {
      if (this.loginInFlight?.done === done) this.loginInFlight = undefined;
    });
    this.loginInFlight = { key: username, done };
    return done;
  }
}

interface CookieTimes {
  readonly expires?: unknown;
  readonly maxAge?: unknown;
  readonly creation?: unknown;
}

// tough-cookie's serialized form: `expires` as ISO text (or "Infinity"), `maxAge` in seconds from `creation`.
function isExpired(cookie: CookieTimes, now: number): boolean {
  if (typeof cookie.maxAge === 'number') {
    if (cookie.maxAge <= 0) return true;
    const created = typeof cookie.creation === 'string' ? Date.parse(cookie.creation) : NaN;
    if (Number.isFinite(created) && created + cookie.maxAge * 1000 <= now) return true;
  }
  if (typeof cookie.expires === 'string' && cookie.expires !== 'Infinity') {
    const expires = Date.parse(cookie.expires);
    if (Number.isFinite(expires) && expires <= now) return true;
  }
  return false;
}
