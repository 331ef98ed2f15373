// Composition of the TOO side. Skeleton: the shared client accessor comes first so that the
// queries UI can build on it.
import type { TooClient } from './client';

let clientFactory: (() => TooClient) | undefined;

/** A client for the current settings and the window's session (queries run anonymously when signed out). */
export function getTooClient(): TooClient {
  if (!clientFactory) throw new Error('The Swift TOO feature has not been activated yet.');
  return clientFactory();
}

export function setTooClientFactory(factory: (() => TooClient) | undefined): void {
  clientFactory = factory;
}
