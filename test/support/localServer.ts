// A scripted HTTP server on a free port of 127.0.0.1, for the unit tests that need a reply the sandbox
// does not give (a particular redirect, an endless body, a captured wire format).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` with no trailing slash. */
  readonly origin: string;
  /** Drops open connections too, so a test never waits for a keep-alive socket. */
  close(): Promise<void>;
}

export async function startLocalServer(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
