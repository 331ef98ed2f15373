// What a campaign has done, source by source, kept beside the campaign file (`<name>.xrt-campaign.json` →
// `<name>.xrt-campaign.state.json`), so it travels with the campaign, survives a reload or a crash, and is
// shared by every window that opens the folder. Every change is a read-modify-write under a file lock, and
// the file is replaced atomically, so a window never sees half a state and two never interleave.
//
// A source is sent only after its state says `sending` with the time of that intent: whatever happens next
// (a reply, an error, a crash), the state never says `queued` for a source that may have reached the service
// without the service's answer having been read and judged (src/xrt/campaign/campaignReconcile.ts).
import { promises as fs } from 'node:fs';
import * as z from 'zod';
import { withFileLock, writeFileAtomic } from '../../common/fileLock';

export type SourceStatus =
  /** Not sent yet. */
  | 'queued'
  /** An intent was recorded: it may have been sent; only the job list can settle it. */
  | 'sending'
  /** The service created a job (`jobId`). */
  | 'submitted'
  /** The service refused the request (`message`): sending it again would get the same answer. */
  | 'refused'
  /** The job list could not tell whether a job was made (`message`, `candidates`): the user decides. */
  | 'undecided'
  /**
   * Withdrawn by Cancel Campaign before it was sent, or while its last submission's outcome was unknown
   * (`message` says so): never sent again, and never settled from the job list.
   */
  | 'withdrawn';

export interface SourceState {
  readonly status: SourceStatus;
  /** When the last intent was recorded (ms since the epoch). */
  readonly intentAt?: number;
  readonly jobId?: string;
  /** When the job was created or adopted (ISO 8601). */
  readonly submittedAt?: string;
  /** The last problem met (a refusal, a failure that left the source queued, why it is undecided). */
  readonly message?: string;
  /** Jobs of the list that could be this source's, for the user to choose from. */
  readonly candidates?: readonly string[];
  /** How many times a send failed without reaching the service (a failure that proved nothing was sent). */
  readonly failures?: number;
  /** The request last sent (recorded with its intent), for the source's provenance; absent in older states. */
  readonly request?: Readonly<Record<string, unknown>>;
  /** The `APIVersion` of the service's reply that made or showed the job, when it gave one. */
  readonly serviceApiVersion?: string;
}

export interface CampaignState {
  readonly version: 1;
  readonly sources: Readonly<Record<string, SourceState>>;
  /** The window running the campaign and when it last said so: another window does not run it meanwhile. */
  readonly runner?: { readonly id: string; readonly heartbeat: number };
  readonly paused?: boolean;
}

const EMPTY: CampaignState = { version: 1, sources: {} };

let schema: z.ZodType<CampaignState> | undefined;
/** Built on first read, not when the module loads (start-up cost). */
function stateSchema(): z.ZodType<CampaignState> {
  schema ??= z.object({
    version: z.literal(1),
    sources: z.record(
      z.string(),
      z.object({
        status: z.enum(['queued', 'sending', 'submitted', 'refused', 'undecided', 'withdrawn']),
        intentAt: z.number().optional(),
        jobId: z.string().optional(),
        submittedAt: z.string().optional(),
        message: z.string().optional(),
        candidates: z.array(z.string()).optional(),
        failures: z.number().int().nonnegative().optional(),
        request: z.record(z.string(), z.unknown()).optional(),
        serviceApiVersion: z.string().optional(),
      }),
    ),
    runner: z.object({ id: z.string(), heartbeat: z.number() }).optional(),
    paused: z.boolean().optional(),
  });
  return schema;
}

class CampaignStateError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CampaignStateError';
  }
}

/** The state file of a campaign file. */
export function stateFileOf(campaignFile: string): string {
  return campaignFile.replace(/\.json$/i, '') + '.state.json';
}

/** The state in `file` (empty when there is none yet); throws when it cannot be read, leaving it as it is. */
export async function readCampaignState(file: string): Promise<CampaignState> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Never overwritten: it may hold the only record of which sources were sent.
    throw new CampaignStateError(file, `${file} is not valid JSON (${(error as Error).message}); it was left as it is.`);
  }
  const parsed = stateSchema().safeParse(json);
  if (!parsed.success)
    throw new CampaignStateError(
      file,
      `${file} is not a campaign state this version can read (${parsed.error.issues[0]?.message ?? 'unknown shape'}); it was left as it is.`,
    );
  return parsed.data;
}

/**
 * Applies `change` to the current state under the file's lock and writes the result; returns what `change`
 * returned. `change` must be quick and must not send anything: other windows wait on the lock meanwhile.
 */
export async function changeCampaignState<T>(
  file: string,
  change: (state: CampaignState) => { state: CampaignState; result: T },
): Promise<T> {
  return withFileLock(`${file}.lock`, async (lock) => {
    const { state, result } = change(await readCampaignState(file));
    // A lock judged abandoned and taken over by another window: its writes win, ours is dropped.
    if (!(await lock.stillHeld()))
      throw new CampaignStateError(file, `${file} was taken over by another window while this one changed it.`);
    await writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
    return result;
  });
}

/** `state` with one source's state replaced. */
export function withSource(state: CampaignState, id: string, source: SourceState): CampaignState {
  return { ...state, sources: { ...state.sources, [id]: source } };
}

/**
 * Records every source of a run's plan (`ids`, in file order) as `queued` unless it already has a state,
 * so that the plan's sources are known (to the XRT Jobs view, after a reload too) before any is sent.
 * A `queued` source the plan no longer has is dropped: it never reached the service, so nothing is lost.
 */
export function recordPlannedSources(file: string, ids: readonly string[]): Promise<CampaignState> {
  return changeCampaignState(file, (state) => {
    const planned = new Set(ids);
    const sources: Record<string, SourceState> = {};
    for (const [id, source] of Object.entries(state.sources)) if (source.status !== 'queued' || planned.has(id)) sources[id] = source;
    for (const id of ids) sources[id] ??= { status: 'queued' };
    const next = { ...state, sources };
    return { state: next, result: next };
  });
}
