// What the sandbox received, so tests and benchmarks can count requests (e.g. "no POST was sent").
export interface LoggedRequest {
  readonly method: string;
  /** Path below the origin, without the query string. */
  readonly path: string;
  readonly query: string;
  readonly status: number;
  /** Real time the request arrived, ISO 8601. */
  readonly time: string;
  /** Simulated time the request arrived, ISO 8601. */
  readonly simTime: string;
  /** The fault applied to it, if any. */
  readonly fault?: string;
}

/** Bounded so a long `npm start` session or a benchmark cannot grow memory without limit. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 50_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter?: { method?: string; pathPrefix?: string }): LoggedRequest[] {
    return this.entries.filter(
      (e) => (!filter?.method || e.method === filter.method.toUpperCase()) && (!filter?.pathPrefix || e.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
