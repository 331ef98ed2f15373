// Builds one request's replies, adding the envelope and, for clients older than 1.10, the
// `deprecationWarning` object (test/fixtures/protocol/xrt-products.md §1.2; when the real server sends
// it is unknown — this is the sandbox's rule).
// The wire form (content type, leading blank line, session cookie) and the variants are wire.ts's.
import type { SandboxResponse } from '../types';
import type { VariantSet } from '../variants';
import type { ErrorGroup, JsonObject } from './replies';
import { API_VERSION } from './constants';
import { XRT_VARIANTS, blankOptionals, wireJson } from './wire';

export interface ResponderWire {
  readonly variants?: VariantSet;
  /** The API path answered (the null-optionals variant depends on it). */
  readonly path?: string;
}

/** Clients before 1.10 get the legacy formats on the real server (§1.1). */
const OLDEST_CURRENT_CLIENT = [1, 10];

export class Responder {
  private readonly warning?: { type: string; message: string };

  constructor(
    body: JsonObject,
    private readonly wire: ResponderWire = {},
  ) {
    if (isOlderThan(body.api_version, OLDEST_CURRENT_CLIENT)) {
      this.warning = {
        type: 'api_version',
        message: `Support for version ${String(body.api_version)} of the xrt_prods API will be withdrawn; please update swifttools.`,
      };
    }
  }

  get variants(): VariantSet | undefined {
    return this.wire.variants;
  }

  ok(fields: JsonObject, ok: 1 | 2 = 1): SandboxResponse {
    let body: JsonObject = {
      ...fields,
      OK: ok,
      APIVersion: this.apiVersion(),
      ...(this.warning ? { deprecationWarning: this.warning } : {}),
    };
    if (this.wire.variants?.is(XRT_VARIANTS.nullOptionals) && this.wire.path) body = blankOptionals(this.wire.path, body);
    return wireJson(body, this.wire.variants);
  }

  error(message: string, listErr?: ErrorGroup[]): SandboxResponse {
    return wireJson(
      { OK: 0, ERROR: message, APIVersion: this.apiVersion(), ...(listErr && listErr.length > 0 ? { listErr } : {}) },
      this.wire.variants,
    );
  }

  private apiVersion(): string {
    const chosen = this.wire.variants?.get(XRT_VARIANTS.apiVersion);
    return typeof chosen === 'string' && chosen !== '' ? chosen : API_VERSION;
  }
}

/** Compares dotted versions part by part ("1.8" < "1.10"); numbers of the direct-HTTP docs' era (0.1, 1.5) count too. */
function isOlderThan(version: unknown, reference: readonly number[]): boolean {
  if (typeof version !== 'string' && typeof version !== 'number') return false;
  const parts = String(version).trim().split('.');
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return false;
  for (let i = 0; i < reference.length; i++) {
    const n = Number(parts[i] ?? 0);
    if (n !== reference[i]) return n < reference[i];
  }
  return false;
}
