// A campaign's plan: one complete XRT request per source — the template, then the source's identity,
// then its own parameters (which win) — each checked by exactly the check a request file passes before
// it is sent (src/xrt/request/requestProblems.ts: the request schema, its conditional rules and the
// semantic checks), so a campaign cannot plan a job that the same request in a `*.xrt.json` would be
// refused for. Every problem says which source, which key and why, and where in the campaign file it
// belongs: on the source's entry, the template's key, or (for a row of the source table) the table's
// `file` with the row's line. Pure: the caller reads the source table's file and passes its text.
import * as z from 'zod';
import { xrtRequestProblems } from '../request/requestProblems';
import { xrtRequestFieldsSchema } from '../request/requestSchema';
import {
  CAMPAIGN_ACTIVE_JOBS,
  SOURCE_FIELDS,
  SOURCE_ID_PATTERN,
  SOURCE_IDENTITY_KEYS,
  campaignSchemas,
  isParameterKey,
  validateCampaign,
  type Campaign,
} from './campaignSchema';
import { delimiterOf, readSourceTable, type SourceRow } from './sourceTable';

type JsonPath = readonly (string | number)[];

export interface CampaignProblem {
  /** The key of the campaign file it is shown on. */
  readonly path: JsonPath;
  /** Complete: names the source (and the table's line) when it is about one. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The source it is about (its id), when it is about one. */
  readonly sourceId?: string;
  /** The request key it is about, when it is about one. */
  readonly key?: string;
}

export type SourceOrigin = { readonly kind: 'inline'; readonly index: number } | { readonly kind: 'table'; readonly line: number };

export interface PlannedSource {
  /** Unique within the campaign (case ignored) and a folder name on every system. */
  readonly id: string;
  readonly origin: SourceOrigin;
  /** The request as a request file would hold it (without `UserID`, which submission adds). */
  readonly request: Readonly<Record<string, unknown>>;
  /**
   * Every problem of this source's request, its own and the template's that affect it (all also in the
   * plan's `problems`, a template's once); an error stops its job.
   */
  readonly problems: readonly CampaignProblem[];
}

export interface CampaignPlan {
  readonly maxActiveJobs: number;
  readonly sources: readonly PlannedSource[];
  /** Every problem, of the file, the template and the sources. */
  readonly problems: readonly CampaignProblem[];
}

/** The source table's text, or why it could not be read. */
export type SourceTableText = { readonly text: string } | { readonly error: string };

/** The source table file a campaign names (relative to the campaign file), if its shape is sound. */
export function sourceTableFileOf(value: unknown): string | undefined {
  const validation = validateCampaign(value);
  return validation.ok ? validation.value.sourceTable?.file : undefined;
}

interface Candidate {
  readonly origin: SourceOrigin;
  readonly id?: string;
  readonly name?: string;
  readonly targ?: string;
  readonly RA?: number;
  readonly Dec?: number;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export function planCampaign(value: unknown, table?: SourceTableText): CampaignPlan {
  const validation = validateCampaign(value);
  if (!validation.ok) {
    const raw = (value ?? {}) as { maxActiveJobs?: unknown };
    return {
      maxActiveJobs: typeof raw.maxActiveJobs === 'number' ? raw.maxActiveJobs : CAMPAIGN_ACTIVE_JOBS.default,
      sources: [],
      problems: validation.issues.map((i) => ({ path: i.path, message: i.message, severity: 'error' as const })),
    };
  }
  const campaign = validation.value;
  const problems: CampaignProblem[] = [];
  const candidates: Candidate[] = (campaign.sources ?? []).map((s, index) => ({
    origin: { kind: 'inline', index },
    id: s.id,
    name: s.name,
    targ: s.targ,
    RA: s.RA,
    Dec: s.Dec,
    parameters: (s.parameters ?? {}) as Record<string, unknown>,
  }));
  if (campaign.sourceTable) candidates.push(...tableCandidates(campaign.sourceTable, table, problems));

  const template = campaign.template as Record<string, unknown>;
  const own: CampaignProblem[][] = candidates.map(() => []);
  const ids = assignIds(candidates, campaign, own);
  const requests = candidates.map((c) => ({ ...template, ...identityKeys(c), ...c.parameters }));

  // A problem whose key comes from the template is the template's: shown there once, for every source it affects.
  const templateProblems = new Map<string, { problem: CampaignProblem; affected: number[] }>();
  requests.forEach((request, n) => {
    const candidate = candidates[n]!;
    for (const problem of xrtRequestProblems(request)) {
      const about = typeof problem.path[0] === 'string' ? problem.path[0] : undefined;
      const atKey = typeof problem.at[0] === 'string' ? problem.at[0] : undefined;
      // A problem about the source's identity (`RA` missing) is the source's, whatever key made it required.
      const shownOn = about !== undefined && (SOURCE_IDENTITY_KEYS as readonly string[]).includes(about) ? about : (atKey ?? about);
      const key = about ?? atKey;
      const place = placeOf(shownOn, candidate);
      if (place === 'template') {
        const path = shownOn === undefined ? ['template'] : ['template', shownOn];
        const id = `${path.join('.')}\u0000${problem.severity}\u0000${problem.message}`;
        const entry = templateProblems.get(id) ?? {
          problem: { path, message: problem.message, severity: problem.severity, key },
          affected: [],
        };
        entry.affected.push(n);
        templateProblems.set(id, entry);
        continue;
      }
      const hint =
        place === 'source' && (key === 'RA' || key === 'Dec')
          ? ' Give the source its `RA` and `Dec`, or a `name` the service can resolve.'
          : '';
      own[n]!.push({
        path: sourcePath(candidate, place === 'source' ? undefined : place === 'parameter' ? ['parameters', shownOn!] : [shownOn!]),
        message: `${sourceLabel(campaign, candidate, ids[n]!)}: ${problem.message}${hint}`,
        severity: problem.severity,
        sourceId: ids[n],
        key,
      });
    }
  });
  flagDuplicates(candidates, ids, campaign, own);

  const shared: CampaignProblem[][] = candidates.map(() => []);
  for (const { problem, affected } of templateProblems.values()) {
    const text = affectedText(
      affected.map((n) => ids[n]!),
      candidates.length,
    );
    const combined = { ...problem, message: `${problem.message.replace(/\.$/, '')} (in ${text}).` };
    problems.push(combined);
    for (const n of affected) shared[n]!.push(combined);
  }
  const sources = candidates.map((c, n): PlannedSource => ({
    id: ids[n]!,
    origin: c.origin,
    request: requests[n]!,
    problems: [...shared[n]!, ...own[n]!],
  }));
  for (const list of own) problems.push(...list);
  if (sources.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({
      path: campaign.sourceTable ? ['sourceTable'] : ['sources'],
      message: 'The campaign has no source to run.',
      severity: 'error',
    });
  }
  return { maxActiveJobs: campaign.maxActiveJobs ?? CAMPAIGN_ACTIVE_JOBS.default, sources, problems };
}

// ---------------------------------------------------------------------------------------------
// Sources from the table

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell as the JSON value a request file would hold: numbers for number fields, lists for `models`. */
function cellValue(key: string, text: string): unknown {
  const field: unknown = (xrtRequestFieldsSchema.shape as Record<string, z.ZodType | undefined>)[key];
  const inner: unknown = field instanceof z.ZodOptional ? field.unwrap() : field;
  if (inner instanceof z.ZodArray) return text.split(/[,;]/).map((t) => t.trim());
  // Text fields stay text ("00966554" keeps its zeros); the rest become numbers when they read as one.
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return text;
  return NUMBER_TEXT.test(text) ? Number(text) : text;
}

function tableCandidates(
  sourceTable: NonNullable<Campaign['sourceTable']>,
  table: SourceTableText | undefined,
  problems: CampaignProblem[],
): Candidate[] {
  const file = sourceTable.file;
  const onFile = (message: string): void => {
    problems.push({ path: ['sourceTable', 'file'], message, severity: 'error' });
  };
  if (table === undefined || 'error' in table) {
    onFile(`The source table "${file}" could not be read${table ? `: ${table.error}` : '.'}`);
    return [];
  }
  const delimiter = delimiterOf(file, sourceTable.format);
  if (delimiter === undefined) {
    onFile(`Is "${file}" comma- or tab-separated? Name it .csv or .tsv, or give \`format\` ("csv" or "tsv").`);
    return [];
  }
  const read = readSourceTable(table.text, delimiter, {
    columns: sourceTable.columns,
    // The schema makes each mapped parameter a column name (string).
    parameters: sourceTable.parameters as Readonly<Record<string, string | undefined>> | undefined,
  });
  if (read.fileProblem !== undefined) onFile(`"${file}": ${read.fileProblem}.`);
  for (const p of read.columnProblems) {
    problems.push({ path: ['sourceTable', p.mapping, p.key], message: `"${file}": ${p.message}`, severity: 'error' });
  }
  for (const p of read.rowProblems) onFile(`"${file}" line ${p.line}: ${p.message}; the row is left out.`);
  return read.rows.flatMap((row) => rowCandidate(row, file, problems));
}

function rowCandidate(row: SourceRow, file: string, problems: CampaignProblem[]): Candidate[] {
  const parameters: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(row.parameters)) parameters[key] = cellValue(key, text);
  const { id, name, targ, RA, Dec } = row.cells;
  const source = {
    ...(id !== undefined && { id }),
    ...(name !== undefined && { name }),
    ...(targ !== undefined && { targ }),
    ...(RA !== undefined && { RA: NUMBER_TEXT.test(RA) ? Number(RA) : RA }),
    ...(Dec !== undefined && { Dec: NUMBER_TEXT.test(Dec) ? Number(Dec) : Dec }),
    parameters,
  };
  // The same source schema as an inline source; parameter values are the request check's (as inline).
  const result = campaignSchemas().source.safeParse(source);
  const issues = result.success
    ? []
    : result.error.issues.filter((i) => !(i.path[0] === 'parameters' && typeof i.path[1] === 'string' && isParameterKey(i.path[1])));
  if (issues.length > 0) {
    for (const issue of issues) {
      problems.push({
        path: ['sourceTable', 'file'],
        message: `"${file}" line ${row.line}: ${issue.message} The row is left out.`,
        severity: 'error',
      });
    }
    return [];
  }
  return [{ origin: { kind: 'table', line: row.line }, ...(source as Omit<Candidate, 'origin'>) }];
}

// ---------------------------------------------------------------------------------------------
// Identity, ids, where problems go

/** The request keys that say which source the job is about. */
function identityKeys(c: Candidate): Record<string, unknown> {
  const out: Record<string, unknown> = { name: c.name ?? derivedName(c) };
  // Without target IDs the service finds them, by name and by position (§3.2 `getTargs`).
  if (c.targ !== undefined) out.targ = c.targ;
  else out.getTargs = 1;
  if (c.RA !== undefined && c.Dec !== undefined) {
    out.RA = c.RA;
    out.Dec = c.Dec;
  } else if (c.name !== undefined) {
    // A name without a position is resolved by the service (§3.2 `getCoords`). A source given only by
    // target IDs has neither, and the request's rules say that RA and Dec are then needed.
    out.getCoords = 1;
  }
  return out;
}

function derivedName(c: Candidate): string {
  if (c.targ !== undefined) return `Target ${c.targ}`;
  if (c.RA !== undefined && c.Dec !== undefined) return `J${c.RA.toFixed(4)}${c.Dec < 0 ? '' : '+'}${c.Dec.toFixed(4)}`;
  return 'Source';
}

const ID_BASE_MAX = 56;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ID_BASE_MAX)
    .replace(/-+$/, '');
}

/** Each source's id: the one it gives, else one made from its name; unique, case ignored (as folder names on Windows and macOS). */
function assignIds(candidates: readonly Candidate[], campaign: Campaign, own: CampaignProblem[][]): string[] {
  const taken = new Map<string, number>();
  candidates.forEach((c, n) => {
    if (c.id === undefined) return;
    const first = taken.get(c.id.toLowerCase());
    if (first === undefined) {
      taken.set(c.id.toLowerCase(), n);
      return;
    }
    own[n]!.push({
      path: sourcePath(c, ['id']),
      message: `${sourceLabel(campaign, c, c.id)}: the id "${c.id}" is also ${describeOrigin(campaign, candidates[first]!)}'s; ids must be unique (case ignored), as each is a folder.`,
      severity: 'error',
      sourceId: c.id,
      key: 'id',
    });
  });
  return candidates.map((c) => {
    if (c.id !== undefined) return c.id;
    const base = slug(c.name ?? (c.targ !== undefined ? `targ-${c.targ}` : derivedName(c))) || 'source';
    for (let n = 1; ; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!taken.has(id) && SOURCE_ID_PATTERN.test(id)) {
        taken.set(id, -1);
        return id;
      }
    }
  });
}

type Place = 'parameter' | 'identity' | 'source' | 'template';

/** Which part of the campaign gives (or should give) the request key `key`. */
function placeOf(key: string | undefined, c: Candidate): Place {
  if (key === undefined) return 'template';
  if (Object.hasOwn(c.parameters, key)) return 'parameter';
  if ((SOURCE_FIELDS as readonly string[]).includes(key) && c[key as (typeof SOURCE_FIELDS)[number]] !== undefined) return 'identity';
  if ((SOURCE_IDENTITY_KEYS as readonly string[]).includes(key)) return 'source';
  // The template's key, or a key no part gives (one a rule requires): the template is where it goes.
  return 'template';
}

/** Where a source's problem is shown: under its entry in `sources`, or on the table's `file` (the message has the line). */
function sourcePath(c: Candidate, under: JsonPath | undefined): JsonPath {
  if (c.origin.kind === 'table') return ['sourceTable', 'file'];
  return ['sources', c.origin.index, ...(under ?? [])];
}

function sourceLabel(campaign: Campaign, c: Candidate, id: string): string {
  if (c.origin.kind === 'table') return `"${campaign.sourceTable?.file ?? ''}" line ${c.origin.line} (source "${id}")`;
  return `Source "${id}"`;
}

function describeOrigin(campaign: Campaign, c: Candidate): string {
  return c.origin.kind === 'table'
    ? `"${campaign.sourceTable?.file ?? ''}" line ${c.origin.line}`
    : `source ${c.origin.index + 1} of \`sources\``;
}

function affectedText(ids: readonly string[], total: number): string {
  if (ids.length === total) return total === 1 ? `source "${ids[0]}"` : `all ${total} sources`;
  const shown = ids.slice(0, 5).map((id) => `"${id}"`);
  const more = ids.length > shown.length ? ` and ${ids.length - shown.length} more` : '';
  return `source${ids.length === 1 ? '' : 's'} ${shown.join(', ')}${more}`;
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** Two positions closer than this (arcsec) are taken for one source: well inside XRT's PSF. */
const SAME_POSITION_ARCSEC = 5;

function separationArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const rad = Math.PI / 180;
  const sin2 = (x: number): number => Math.sin(x / 2) ** 2;
  const h = sin2((dec2 - dec1) * rad) + Math.cos(dec1 * rad) * Math.cos(dec2 * rad) * sin2((ra2 - ra1) * rad);
  return ((2 * Math.asin(Math.min(1, Math.sqrt(h)))) / rad) * 3600;
}

const normalName = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');
const normalTargets = (targ: string): string =>
  targ
    .replace(/[{}\s]/g, '')
    .split(',')
    .map((t) => t.padStart(8, '0'))
    .sort()
    .join(',');

/** A warning on each source that names a source already in the campaign (same name, target IDs or position). */
function flagDuplicates(candidates: readonly Candidate[], ids: readonly string[], campaign: Campaign, own: CampaignProblem[][]): void {
  const byName = new Map<string, number>();
  const byTargets = new Map<string, number>();
  candidates.forEach((c, n) => {
    const same = (first: number, why: string): void => {
      own[n]!.push({
        path: sourcePath(c, []),
        message: `${sourceLabel(campaign, c, ids[n]!)}: the same source as "${ids[first]!}" (${why}), so the campaign would run two jobs for it.`,
        severity: 'warning',
        sourceId: ids[n],
      });
    };
    const name = c.name !== undefined ? normalName(c.name) : undefined;
    const targets = c.targ !== undefined ? normalTargets(c.targ) : undefined;
    const earlierName = name !== undefined ? byName.get(name) : undefined;
    const earlierTargets = targets !== undefined ? byTargets.get(targets) : undefined;
    if (earlierName !== undefined) same(earlierName, `same name, "${c.name}"`);
    else if (earlierTargets !== undefined) same(earlierTargets, `same target IDs, ${c.targ}`);
    else if (c.RA !== undefined && c.Dec !== undefined) {
      const { RA, Dec } = c;
      const earlier = candidates.findIndex(
        (o, m) => m < n && o.RA !== undefined && o.Dec !== undefined && separationArcsec(RA, Dec, o.RA, o.Dec) < SAME_POSITION_ARCSEC,
      );
      if (earlier >= 0) same(earlier, `position within ${SAME_POSITION_ARCSEC}″`);
    }
    if (name !== undefined && !byName.has(name)) byName.set(name, n);
    if (targets !== undefined && !byTargets.has(targets)) byTargets.set(targets, n);
  });
}
