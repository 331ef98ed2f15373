// Reply envelopes of the emulated service: every JSON answer is HTTP 200 with `OK` and
// `APIVersion` (test/fixtures/protocol/xrt-products.md §1.2); transport-level refusals are Apache-style HTML pages.
import { REASON_PHRASES, htmlErrorPage } from '../faults';
import type { SandboxRequest, SandboxResponse } from '../types';
import type { VariantSet } from '../variants';
import { API_VERSION } from './constants';
import { wireJson } from './wire';

export type JsonObject = Record<string, unknown>;

export interface ErrorGroup {
  label: string;
  list: string[];
}

/** A JSON reply on the real server's wire (see wire.ts; `variants` may switch its form). */
export function jsonReply(body: JsonObject, variants?: VariantSet): SandboxResponse {
  return wireJson(body, variants);
}

export function okReply(fields: JsonObject, ok: 1 | 2 = 1, variants?: VariantSet): SandboxResponse {
  return jsonReply({ OK: ok, APIVersion: API_VERSION, ...fields }, variants);
}

export function errorReply(message: string, listErr?: ErrorGroup[], variants?: VariantSet): SandboxResponse {
  return jsonReply({ OK: 0, ERROR: message, APIVersion: API_VERSION, ...(listErr && listErr.length > 0 ? { listErr } : {}) }, variants);
}

export function htmlReply(status: number, detail: string, headers: Record<string, string> = {}): SandboxResponse {
  const reason = REASON_PHRASES[status] ?? 'Error';
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: htmlErrorPage(status, reason, detail) };
}

export function notFound(path: string): SandboxResponse {
  return htmlReply(404, `The requested URL /user_objects${path} was not found on this server.`);
}

export type ParsedBody = { ok: true; value: JsonObject } | { ok: false; message: string };

/** The body is read as JSON whatever the content type (curl --data sends a form type; §1). */
export function parseJsonBody(req: SandboxRequest): ParsedBody {
  const text = req.body.toString('utf8').trim();
  if (text === '') return { ok: false, message: 'The request body was empty; it must be a JSON object.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The request body could not be parsed as JSON: ${reason}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The request body must be a JSON object.' };
  }
  return { ok: true, value: value as JsonObject };
}
