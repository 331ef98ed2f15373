// The checks a TOO request file passes before anything is sent (no `vscode` here): JSON syntax, then the
// request schema and its rules (requestSchema.ts). Submission, validation and Export as Python all use it.
import { parseJsonDocument } from '../../editing/jsonLocations';
import { formatIssues } from '../../http/issues';
import { validateTooRequest, type TooRequest } from './requestSchema';

/** The request as it is sent (defaults filled in), or the problems that stop it, one line each. */
export function checkTooRequestText(text: string): { readonly request: TooRequest } | { readonly problems: readonly string[] } {
  const parsed = parseJsonDocument(text);
  if (parsed.value === undefined) return { problems: parsed.problems.map((p) => p.message) };
  const validation = validateTooRequest(parsed.value);
  if (!validation.ok) return { problems: formatIssues(validation.issues, { root: '(request)' }) };
  return { request: validation.value };
}
