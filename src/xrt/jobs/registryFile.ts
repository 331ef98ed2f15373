// Reading the job list file, and recovering what can be read from a damaged one: a file cut short,
// overwritten in part, or not of this version's shape still holds whole job records, and each of
// them is worth keeping.
import { REGISTRY_VERSION, jobRecordSchema, registryFileSchema, type JobRecord } from './jobRecord';

export type RegistryRead =
  | { readonly kind: 'ok'; readonly jobs: Map<string, JobRecord>; readonly unreadable: readonly unknown[] }
  /** `jobs`: the records recovered from the damaged text. */
  | { readonly kind: 'damaged'; readonly why: string; readonly jobs: Map<string, JobRecord> };

export function readRegistryText(text: string): RegistryRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'damaged', why: text.trim() === '' ? 'it is empty' : 'it is not valid JSON', jobs: recoverRecords(text) };
  }
  const file = registryFileSchema.safeParse(parsed);
  if (!file.success) return { kind: 'damaged', why: `it is not a version-${REGISTRY_VERSION} job list`, jobs: recoverRecords(text) };
  const jobs = new Map<string, JobRecord>();
  const unreadable: unknown[] = [];
  for (const raw of file.data.jobs) {
    const job = jobRecordSchema.safeParse(raw);
    if (job.success) jobs.set(job.data.jobId, job.data);
    else unreadable.push(raw);
  }
  return { kind: 'ok', jobs, unreadable };
}

/**
 * Every complete job record in `text`, whatever surrounds it: each balanced `{…}` is tried, outermost
 * first, and one that parses as a job record is taken whole. One pass pairs the braces (outside
 * strings), so a large damaged file costs little more than reading it.
 */
function recoverRecords(text: string): Map<string, JobRecord> {
  const pairs = pairBraces(text);
  const jobs = new Map<string, JobRecord>();
  let takenUntil = -1;
  for (const [start, end] of pairs) {
    if (start <= takenUntil) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end + 1));
    } catch {
      // Not a whole JSON object (damage inside it): its inner objects are tried next.
      continue;
    }
    const job = jobRecordSchema.safeParse(value);
    if (!job.success) continue;
    jobs.set(job.data.jobId, job.data);
    takenUntil = end;
  }
  return jobs;
}

/** [open, close] index pairs of balanced braces outside strings, in order of the opening brace. */
function pairBraces(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      else if (c === '\n') inString = false; // JSON strings never span lines: damage, resynchronise
    } else if (c === '"') inString = true;
    else if (c === '{') open.push(i);
    else if (c === '}' && open.length > 0) pairs.push([open.pop() as number, i]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
