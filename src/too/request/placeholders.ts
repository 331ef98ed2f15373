// Template placeholders in TOO request files. The "New TOO Request…" templates write `<…>` prompts
// where only the user can know the answer (the science case, the burst's position); a request that
// still holds one must never reach the service. One function finds them, for the editor's errors and
// for the check before validation or submission, so the two can never disagree.

/** A placeholder: angle brackets around a prompt that starts with a letter, e.g. "<describe the scientific case>". */
const PLACEHOLDER = /<[A-Za-z][^<>\n]*>/;

interface PlaceholderIssue {
  /** The top-level field that holds the placeholder. */
  readonly field: string;
  /** The placeholder text as written, angle brackets included. */
  readonly placeholder: string;
  readonly message: string;
}

/** What belongs in each field the templates leave to the user (the fallback covers any other). */
const WHAT_TO_WRITE: Readonly<Record<string, string>> = {
  target_name: 'the source name, e.g. "GRB 260101A"',
  ra: 'the right ascension in degrees (J2000), a number',
  dec: 'the declination in degrees (J2000), a number',
  poserr: 'the 90 % position error in arcminutes, a number',
  grb_detector: 'the instrument that found the burst, e.g. "Fermi/GBM"',
  grb_triggertime: 'the trigger time in UTC, e.g. "2026-01-01T01:02:03"',
  other_brightness: 'the brightness you know, e.g. the fluence or peak flux from the GCN circular',
  science_just: 'your science justification: why this observation matters, and why now',
  immediate_objective: 'the immediate objective of this observation',
  exp_time_just: 'why this exposure time is needed',
  uvot_just: 'why this UVOT mode is needed',
};

export function placeholderIn(value: unknown): string | undefined {
  return typeof value === 'string' ? PLACEHOLDER.exec(value)?.[0] : undefined;
}

/** Every top-level field of a request file that still holds a template placeholder. */
export function findPlaceholders(request: unknown): PlaceholderIssue[] {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return [];
  const issues: PlaceholderIssue[] = [];
  for (const [field, value] of Object.entries(request)) {
    if (field === '$schema') continue;
    const placeholder = placeholderIn(value);
    if (placeholder === undefined) continue;
    const what = WHAT_TO_WRITE[field] ?? 'your own value';
    issues.push({ field, placeholder, message: `${field} still holds the template's placeholder ${placeholder}: replace it with ${what}` });
  }
  return issues;
}
