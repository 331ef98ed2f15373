// Builds one request's replies, adding the envelope and, for clients older than 1.10, the
// `deprecationWarning` object (§1.2; when the real server sends it is unknown — this is the sandbox's rule).
import type { SandboxResponse } from '../types';
import { errorReply, jsonReply, type ErrorGroup, type JsonObject } from './replies';
import { API_VERSION } from './constants';

/** Clients before 1.10 get the legacy formats on the real server (§1.1). */
const OLDEST_CURRENT_CLIENT = [1, 10];

export class Responder {
  private readonly warning?: { type: string; message: string };

  constructor(body: JsonObject) {
    if (isOlderThan(body.api_version, OLDEST_CURRENT_CLIENT)) {
      this.warning = {
        type: 'api_version',
        message: `Support for version ${String(body.api_version)} of the xrt_prods API will be withdrawn; please update swifttools.`,
      };
    }
  }

  ok(fields: JsonObject, ok: 1 | 2 = 1): SandboxResponse {
    return jsonReply({ ...fields, OK: ok, APIVersion: API_VERSION, ...(this.warning ? { deprecationWarning: this.warning } : {}) });
  }

  error(message: string, listErr?: ErrorGroup[]): SandboxResponse {
    return errorReply(message, listErr);
  }
}

/** Compares dotted versions part by part ("1.8" < "1.10"); RAW-era numbers (0.1, 1.5) count too. */
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
