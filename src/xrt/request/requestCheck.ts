// The checks a request file passes before it is sent (no `vscode` here, so unit tests and the parity
// tests build requests exactly as submission does): JSON syntax, then the errors of requestProblems.ts
// (the request schema and its rules, the semantic errors — exactly what the editor shows as errors;
// warnings never block), at least one product, and then the keys the official client would add.
import { parseJsonDocument } from '../../editing/jsonLocations';
import { requestedProducts } from '../jobs/recordFromReply';
import { applyOfficialClientImplications } from './requestImplications';
import { blockingLines, xrtRequestProblems } from './requestProblems';

/**
 * Checks the file as the service would; returns the request as it is sent (with the keys the official
 * client would add, listed in `implied`), or the problems that stop it.
 */
export function checkRequestText(text: string): { request?: Record<string, unknown>; problems: string[]; implied?: readonly string[] } {
  const parsed = parseJsonDocument(text);
  if (parsed.value === undefined) {
    return { problems: parsed.problems.map((p) => `${p.message} (at offset ${p.range.start})`) };
  }
  const problems = blockingLines(xrtRequestProblems(parsed.value));
  if (problems.length > 0) return { problems };
  const { request, added } = applyOfficialClientImplications(parsed.value as Record<string, unknown>);
  if (requestedProducts(request).length === 0)
    return { problems: ['The request asks for no product: set at least one of lc, spec, dopsf, doenh, doxastrom, image, sourceDet to 1.'] };
  return { request, problems, implied: added };
}
