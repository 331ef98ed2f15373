// Sign In and Sign Out (the account itself is src/too/account.ts).
import { isPlainObject } from './arguments';
import type { TooCommand } from './deps';

// Credentials as an argument only in this extension's own test runs (see acceptsUnattendedArguments).
export const signIn: TooCommand = (deps) => (given?: { username?: string; apiKey?: string }) =>
  deps.account.signIn(deps.unattended && isPlainObject(given) ? given : undefined);

export const signOut: TooCommand = (deps) => () => deps.account.signOut();
