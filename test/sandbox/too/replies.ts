// Response bodies in the shapes the TOO API uses (test/fixtures/protocol/swift-too-v2.md §3.1–3.2).
import type { SandboxResponse } from '../types';

export type StatusWord = 'Accepted' | 'Rejected' | 'Validated' | 'Error';

export interface StatusObject {
  status: StatusWord;
  too_id: number | null;
  jobnumber: number | null;
  errors: string[];
  warnings: string[];
}

/** One item of a FastAPI 422 `detail` list (pydantic 2 field names). */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export function statusObject(status: StatusWord = 'Accepted', extra: Partial<Omit<StatusObject, 'status'>> = {}): StatusObject {
  return { status, too_id: null, jobnumber: null, errors: [], warnings: [], ...extra };
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A query result: the resource fields plus an `Accepted` status carrying any warnings. */
export function okReply(fields: Record<string, unknown>, warnings: string[] = []): SandboxResponse {
  return jsonReply(200, { ...fields, status: statusObject('Accepted', { warnings }) });
}

/** The TOO API overview page's flat error body: `{"status":"Error", ..., "errors":[message]}`. */
export function flatError(httpStatus: number, message: string, word: StatusWord = 'Error'): SandboxResponse {
  return jsonReply(httpStatus, statusObject(word, { errors: [message] }));
}

/** The nested rejection body of swift_too's own tests for a TOO the server refuses on its rules (HTTP 400). */
export function nestedRejection(username: string, errors: string[], warnings: string[] = []): SandboxResponse {
  return jsonReply(400, { status: { username, status: 'Rejected', errors, warnings } });
}

export function validationError(issues: ValidationIssue[]): SandboxResponse {
  return jsonReply(422, { detail: issues });
}

export function notLoggedIn(message = 'Not logged in.'): SandboxResponse {
  return flatError(401, message);
}

export function forbidden(message = 'Insufficient permissions for this resource.'): SandboxResponse {
  return flatError(403, message);
}

export const NOT_FOUND_ROUTE: SandboxResponse = jsonReply(404, { detail: 'Not Found' });
export const METHOD_NOT_ALLOWED: SandboxResponse = jsonReply(405, { detail: 'Method Not Allowed' });
