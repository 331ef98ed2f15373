// Validation issues (zod's, or a request check's) as short "path: message" lines, for error messages
// and the log: what does not have the documented shape, and where.

interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

interface FormatIssuesOptions {
  /** Most issues listed; the rest are counted in a last line "(and N more)". Default: all. */
  readonly max?: number;
  /** What a path-less issue is about, e.g. "(top level)". */
  readonly root?: string;
}

export function formatIssues(issues: readonly IssueLike[], options: FormatIssuesOptions = {}): string[] {
  const max = options.max ?? issues.length;
  const lines = issues
    .slice(0, max)
    .map((issue) => `${issue.path.map(String).join('.') || (options.root ?? '(top level)')}: ${issue.message}`);
  if (issues.length > max) lines.push(`(and ${issues.length - max} more)`);
  return lines;
}
