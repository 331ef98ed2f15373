// What every TOO handler is given: the shared state of one emulated service instance.
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../types';
import type { Account, SessionStore } from './accounts';
import type { TooStore } from './tooStore';

export interface TooEnv {
  readonly ctx: SandboxContext;
  readonly sessions: SessionStore;
  readonly toos: TooStore;
  uploadEnabled(): boolean;
  /** Simulated "now" as UTC micros. */
  nowUtc(): number;
  /** The account behind the request's session cookie, if it is still valid. */
  user(req: SandboxRequest): Account | undefined;
}

/** `pathParams` holds the `{name}` parts of a route pattern such as `/swift/too/{too_id}`. */
export type Handler = (
  req: SandboxRequest,
  env: TooEnv,
  pathParams: Readonly<Record<string, string>>,
) => SandboxResponse | Promise<SandboxResponse>;
