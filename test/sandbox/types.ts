// Contracts between the sandbox's HTTP core (server.ts) and the two emulated services.
import type { Readable } from 'node:stream';
import type { SimClock } from './clock';
import type { VariantSet } from './variants';

/** A request as a service sees it: the service's own path prefix already removed. */
export interface SandboxRequest {
  readonly method: string;
  /** Path below the service prefix, always starting with `/`, e.g. `/run_userobject.php`, `/swift/too`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Cookies sent by the client, by name. */
  readonly cookies: Readonly<Record<string, string>>;
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  /** A string or buffer, or a stream for large downloads (never buffered whole). */
  readonly body?: string | Buffer | Readable;
}

/** What the core hands each service. */
export interface SandboxContext {
  readonly clock: SimClock;
  /** Wire variants switched on for what the references call unknown (see variants.ts). */
  readonly variants: VariantSet;
  /** e.g. `http://127.0.0.1:8765` — known only once the server listens. */
  origin(): string;
  /** `${origin}/user_objects` */
  xrtBaseUrl(): string;
  /** `${origin}/api/v2` */
  tooBaseUrl(): string;
}

export interface SandboxService {
  /** Answers a request, or `undefined` when no route matches (the core then sends the service's 404). */
  handle(req: SandboxRequest): Promise<SandboxResponse | undefined>;
  /** Forget all state (jobs, sessions, TOOs) and return to the built-in accounts. */
  reset(): void;
}
