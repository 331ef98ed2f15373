// The login state of the TOO API: the cookie jar holding the `session` cookie, where the
// credentials come from, and one login at a time. Long-lived (one per window) so that clients made
// for each command share the session instead of logging in again.
import type { CookieJar } from 'tough-cookie';
import { newCookieJar } from './cookieTransport';

/** The cookie the service sets on login (swift-too-v2.md §2). */
export const SESSION_COOKIE = 'session';

export interface TooCredentials {
  readonly username: string;
  /** Sent only in the body of `POST /login`; never logged, stored only in SecretStorage. */
  readonly apiKey: string;
}

/** Current credentials, or undefined when signed out (queries then go anonymously). */
export type CredentialSource = () => Promise<TooCredentials | undefined>;

export class TooSession {
  private cookieJar: CookieJar | undefined;
  private loginInFlight: { readonly key: string; readonly done: Promise<void> } | undefined;

  constructor(private readonly source: CredentialSource) {}

  /** Created on first use, so the cookie stack loads only when the TOO API is actually used. */
  get jar(): CookieJar {
    this.cookieJar ??= newCookieJar();
    return this.cookieJar;
  }

  credentials(): Promise<TooCredentials | undefined> {
    return this.source();
  }

  /** Whether the jar holds an unexpired session cookie for this URL. */
  hasSessionCookie(url: string): boolean {
    return this.cookieJar?.getCookiesSync(url).some((cookie) => cookie.key === SESSION_COOKIE) ?? false;
  }

  /** Drops every cookie: after sign-out, a credentials change, or a 401 from an old session. */
  forget(): void {
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
