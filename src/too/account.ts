// The Swift TOO API account of this window: the client factory (one construction for the stored
// session and for the trial login of a sign-in), sign-in and sign-out, and what shows the account
// state (the status-bar item and the signed-in context key).
import * as vscode from 'vscode';
import { StatusBarItems } from '../common/commandIds';
import { readSettings } from '../config';
import { createStatusBarItem } from '../common/startupHandover';
import { describeError } from '../http/errors';
import { showTooAccountState } from './accountState';
import { TooClient } from './client';
import { createCookieTransport, proxyFor } from './cookieTransport';
import type { TooCredentialStore } from './credentials';
import { TooSession, type TooCredentials } from './session';

export type SignInOutcome = 'signed-in' | 'cancelled' | 'failed';

/** What Sign In may be given instead of asking (only in this extension's own test runs). */
export interface GivenCredentials {
  readonly username?: string;
  readonly apiKey?: string;
}

/**
 * A TOO client on `session`'s cookie jar, with the current settings. `logRequests`: one debug line per
 * request in the log (the trial client of a sign-in writes none).
 */
function makeTooClient(session: TooSession, userAgent: string, log: vscode.LogOutputChannel, logRequests: boolean): TooClient {
  const settings = readSettings();
  const proxyUrl = proxyFor(settings.tooBaseUrl, vscode.workspace.getConfiguration('http').get<string>('proxy'));
  return new TooClient({
    baseUrl: settings.tooBaseUrl,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    userAgent,
    session,
    http: createCookieTransport({ jar: session.jar, proxyUrl }),
    ...(logRequests ? { log: (line: string) => log.debug(`TOO ${line}`) } : {}),
    warn: (line) => log.warn(`TOO ${line}`),
  });
}

export class TooAccount implements vscode.Disposable {
  private readonly statusBar = createStatusBarItem(StatusBarItems.tooAccount, vscode.StatusBarAlignment.Left, 49);

  constructor(
    private readonly credentials: TooCredentialStore,
    private readonly session: TooSession,
    private readonly userAgent: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** A client of the stored account (signed in or not: queries need no account). */
  client(): TooClient {
    return makeTooClient(this.session, this.userAgent, this.log, true);
  }

  get statusBarText(): string {
    return this.statusBar.text;
  }

  /** Shows who is signed in: status bar and the `when`-clause context key (the view's line is the tree's). */
  async updateState(): Promise<void> {
    const username = await this.credentials.username();
    await showTooAccountState(this.statusBar, username);
  }

  /** A client of the stored account, or after offering to sign in; undefined when there is none. */
  async clientIfSignedIn(): Promise<TooClient | undefined> {
    if (await this.credentials.get()) return this.client();
    const choice = await vscode.window.showWarningMessage('Sign in to the Swift TOO API first: TOO requests need an account.', 'Sign In');
    if (choice === 'Sign In' && (await this.signIn()) === 'signed-in') return this.client();
    return undefined;
  }

  async signIn(given?: GivenCredentials): Promise<SignInOutcome> {
    const username =
      given?.username ??
      (await vscode.window.showInputBox({
        title: 'Sign in to Swift TOO API (1/2)',
        prompt: 'Your Swift TOO API username.',
        value: await this.credentials.username(),
        ignoreFocusOut: true,
        validateInput: (v) => (/^\S+$/.test(v.trim()) ? undefined : 'Enter your username (no spaces).'),
      }));
    if (!username?.trim()) return 'cancelled';
    const apiKey =
      given?.apiKey ??
      (await vscode.window.showInputBox({
        title: 'Sign in to Swift TOO API (2/2)',
        prompt: `The API key of ${username.trim()} (from your Swift TOO account page). It is kept in the system keychain only.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Enter the API key.'),
      }));
    if (!apiKey?.trim()) return 'cancelled';
    const candidate: TooCredentials = { username: username.trim(), apiKey: apiKey.trim() };
    // Try the login before storing anything, so a wrong key never replaces a working one.
    const trial = new TooSession(() => Promise.resolve(candidate));
    try {
      await makeTooClient(trial, this.userAgent, this.log, false).login();
    } catch (error) {
      const message = describeError(error);
      this.log.error(`Sign-in to the Swift TOO API as ${candidate.username} failed: ${message}`);
      void vscode.window.showErrorMessage(message);
      return 'failed';
    }
    this.session.forget();
    await this.credentials.store(candidate);
    this.log.info(`Signed in to the Swift TOO API as ${candidate.username}`);
    void vscode.window.showInformationMessage(`Signed in to the Swift TOO API as ${candidate.username}.`);
    return 'signed-in';
  }

  async signOut(): Promise<void> {
    const username = await this.credentials.username();
    if (username) {
      try {
        await this.client().logout();
      } catch (error) {
        // The local sign-out goes ahead: the key is deleted either way, and the session dies with it.
        this.log.warn(`Logging out of the Swift TOO API failed (signed out locally anyway): ${describeError(error)}`);
      }
    }
    this.session.forget();
    await this.credentials.clear();
    this.log.info('Signed out of the Swift TOO API');
  }

  dispose(): void {
    this.statusBar.dispose();
  }
}
