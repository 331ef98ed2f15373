// Every problem of an XRT request file's value, with where the editor shows it and whether it blocks
// submission: the request schema and its rules (errors), then the semantic checks (errors or
// warnings). One list for the editor's diagnostics (requestDiagnostics.ts) and the check before
// sending (requestCheck.ts), so that what blocks a submission is exactly what the editor shows as an
// error, and a warning never blocks. No `vscode` here, so it is unit-tested directly.
import { validateXrtRequest } from './requestSchema';
import { checkXrtRequestSemantics, type SemanticIssue } from './semanticChecks';

interface XrtRequestProblem {
  /** What the problem is about ([] = the request as a whole), for the refusal's "key: message" lines. */
  readonly path: readonly (string | number)[];
  /** The key the editor shows it on (a missing key's problem goes on the key that made it required). */
  readonly at: readonly (string | number)[];
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The semantic check's issue, when the problem is one (its quick fix). */
  readonly semantic?: SemanticIssue;
}

export function xrtRequestProblems(value: unknown): XrtRequestProblem[] {
  const validation = validateXrtRequest(value);
  const problems: XrtRequestProblem[] = validation.ok
    ? []
    : validation.issues.map((issue) => ({
        path: issue.path,
        at: issue.at ?? issue.path,
        message: issue.message,
        severity: 'error' as const,
      }));
  for (const issue of checkXrtRequestSemantics(value)) {
    problems.push({ path: [issue.key], at: [issue.key], message: issue.message, severity: issue.severity, semantic: issue });
  }
  return problems;
}

/** The refusal's lines: every error, as "key: message"; warnings never block a submission. */
export function blockingLines(problems: readonly XrtRequestProblem[]): string[] {
  return problems.filter((p) => p.severity === 'error').map((p) => `${p.path.map(String).join('.') || '(request)'}: ${p.message}`);
}
