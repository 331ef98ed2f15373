// The Swift TOO account, kept only in VS Code's SecretStorage (the OS keychain): never in settings,
// state, logs or request files. SecretStorage is shared by all windows, and its change event keeps
// them in step when one signs in or out.
import * as vscode from 'vscode';
import type { TooCredentials } from './session';

const USERNAME_KEY = 'swiftObservatory.too.username';
const API_KEY_KEY = 'swiftObservatory.too.apiKey';

export class TooCredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when this or another window signs in or out. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === USERNAME_KEY || e.key === API_KEY_KEY) this.changed.fire();
    });
  }

  async get(): Promise<TooCredentials | undefined> {
    const [username, apiKey] = await Promise.all([this.secrets.get(USERNAME_KEY), this.secrets.get(API_KEY_KEY)]);
    return username && apiKey ? { username, apiKey } : undefined;
  }

  async username(): Promise<string | undefined> {
    return (await this.get())?.username;
  }

  /** The key first, so that another window never sees a username paired with an old key. */
  async store(credentials: TooCredentials): Promise<void> {
    await this.secrets.delete(USERNAME_KEY);
    await this.secrets.store(API_KEY_KEY, credentials.apiKey);
    await this.secrets.store(USERNAME_KEY, credentials.username);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(USERNAME_KEY);
    await this.secrets.delete(API_KEY_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
