// Builds one request's replies, adding the envelope and, for clients older than 1.10, the
// `deprecationWarning` object (§1.2; when the real server sends it is unknown — this is the sandbox's rule).
import type { SandboxResponse } from '../types';
import { errorReply, jsonReply, type ErrorGroup, type JsonObject } from './replies';
import { API_VERSION } from './constants';

const OLDEST_CURRENT_CLIENT = 1.1;

export class Responder {
  private readonly warning?: { type: string; message: string };

  constructor(body: JsonObject) {
    const version = Number.parseFloat(String(body.api_version ?? ''));
    if (Number.isFinite(version) && version < OLDEST_CURRENT_CLIENT) {
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
