// Runs a campaign: sends its sources one at a time while the service counts fewer than `maxActiveJobs` of
// the user's jobs as active (the product generator's documentation asks users to "submit a few at a time,
// waiting until the requested jobs have completed before submitting the next tranche"; the batch submission,
// src/xrt/submission/batchQueue.ts, follows the same rule), records each job in the job registry (which polls
// it like any other), and never sends a source twice: the intent is recorded before a request leaves, and a
// source whose send may have reached the service is reconciled with the user's job list before anything else.
import { deliveryUncertain, describeError, isServiceError } from '../../http/errors';
import { XrtRejectedError } from '../client';
import type { JobRecord } from '../jobs/jobRecord';
import { recordForSubmission, requestedProducts } from '../jobs/recordFromReply';
import { listedJob, reconcileIntents, DEFAULT_RECONCILE_OPTIONS, type ReconcileOptions, type SubmissionIntent } from './campaignReconcile';
import type { PlannedSource as PlanSource } from './campaignPlan';
import { changeCampaignState, withSource, type CampaignState, type SourceState } from './campaignState';

/** The part of the XRT client a campaign uses. */
/** What the runner needs of a planned source. */
type PlannedSource = Pick<PlanSource, 'id' | 'request'>;

export interface CampaignClient {
  readonly userId: string;
  submit(
    request: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
  ): Promise<{ JobID: string | number; URL: string; jobPars: unknown; APIVersion?: string | undefined }>;
  countActiveJobs(signal?: AbortSignal): Promise<{ numJobs: number }>;
  listOldJobs(signal?: AbortSignal): Promise<{ jobs: readonly Parameters<typeof listedJob>[0][] }>;
  copyOldJob(jobId: string, signal?: AbortSignal): Promise<{ URL: string; jobPars: unknown; APIVersion?: string | undefined }>;
}

export interface CampaignRunnerDeps {
  readonly stateFile: string;
  readonly sources: readonly PlannedSource[];
  readonly client: CampaignClient;
  /** The job registry: where jobs go to be polled, and the IDs nobody else may adopt. */
  readonly registry: { add(...records: JobRecord[]): Promise<void>; get(jobId: string): JobRecord | undefined };
  readonly maxActiveJobs: () => number;
  readonly serviceUrl: string;
  readonly campaignFile: string;
  /** This window's ID: only one window runs a campaign at a time. */
  readonly runnerId: string;
  readonly now?: () => number;
  /** Waits `ms` or until `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly waitMs: () => number;
  readonly firstPollInMs: number;
  readonly log: (line: string) => void;
  readonly onProgress?: (state: CampaignState) => void;
  readonly reconcile?: ReconcileOptions;
}

/** A window that has not said it runs the campaign for this long is taken to be gone. */
const RUNNER_STALE_MS = 60_000;

export type RunEnd = 'finished' | 'paused' | 'stopped' | 'taken';

/** Whether some window (this one included) runs the campaign: it said so less than a minute ago. */
export function runnerIsLive(state: CampaignState, now: number): boolean {
  return state.runner !== undefined && now - state.runner.heartbeat < RUNNER_STALE_MS;
}

export class CampaignRunner {
  private readonly now: () => number;

  constructor(private readonly deps: CampaignRunnerDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  /**
   * Runs until every source is settled (submitted, refused or waiting for the user), the campaign is paused,
   * `signal` aborts, or another live window runs it ('taken').
   */
  async run(signal: AbortSignal): Promise<RunEnd> {
    if (!(await this.claim())) return 'taken';
    try {
      while (!signal.aborted) {
        const state = await this.heartbeat();
        if (state === undefined) return 'taken';
        this.deps.onProgress?.(state);
        if (state.paused) return 'paused';
        const waiting = await this.reconcile(state, signal);
        const next = this.deps.sources.find((s) => (state.sources[s.id]?.status ?? 'queued') === 'queued');
        if (!next && !waiting) return 'finished';
        if (next && (await this.hasRoom(signal))) {
          await this.send(next);
          continue;
        }
        await this.deps.sleep(this.deps.waitMs(), signal);
      }
      return 'stopped';
    } finally {
      await this.release();
    }
  }

  private async claim(): Promise<boolean> {
    const t = this.now();
    return changeCampaignState(this.deps.stateFile, (state) => {
      if (runnerIsLive(state, t) && state.runner?.id !== this.deps.runnerId) return { state, result: false };
      return { state: { ...state, runner: { id: this.deps.runnerId, heartbeat: t } }, result: true };
    });
  }

  /** Says this window still runs the campaign; undefined when another window took it over. */
  private heartbeat(): Promise<CampaignState | undefined> {
    const t = this.now();
    return changeCampaignState(this.deps.stateFile, (state) => {
      if (state.runner && state.runner.id !== this.deps.runnerId) return { state, result: undefined };
      const next = { ...state, runner: { id: this.deps.runnerId, heartbeat: t } };
      return { state: next, result: next };
    });
  }

  private release(): Promise<void> {
    return changeCampaignState(this.deps.stateFile, (state) => {
      if (state.runner?.id !== this.deps.runnerId) return { state, result: undefined };
      const { runner: _mine, ...rest } = state;
      return { state: rest, result: undefined };
    });
  }

  private async hasRoom(signal: AbortSignal): Promise<boolean> {
    try {
      return (await this.deps.client.countActiveJobs(signal)).numJobs < this.deps.maxActiveJobs();
    } catch (error) {
      this.deps.log(`Campaign: could not count active jobs (${describeError(error)}); trying again later.`);
      return false;
    }
  }

  /** Settles every `sending` source it can; returns whether any source still waits (to be sent or settled). */
  private async reconcile(state: CampaignState, signal: AbortSignal): Promise<boolean> {
    const open = this.deps.sources.filter((s) => state.sources[s.id]?.status === 'sending');
    if (open.length === 0) return this.deps.sources.some((s) => (state.sources[s.id]?.status ?? 'queued') === 'queued');
    let listed;
    try {
      listed = (await this.deps.client.listOldJobs(signal)).jobs.map(listedJob);
    } catch (error) {
      this.deps.log(`Campaign: could not read the job list to settle ${open.length} uncertain submission(s) (${describeError(error)}).`);
      return true;
    }
    const claimed = new Set(Object.values(state.sources).flatMap((s) => (s.jobId !== undefined ? [s.jobId] : [])));
    for (const job of listed) if (this.deps.registry.get(job.jobId) !== undefined) claimed.add(job.jobId);
    const intents: SubmissionIntent[] = open.map((s) => ({
      sourceId: s.id,
      // The plan gives every source a name (the request schema requires it); a number is read as text.
      name: typeof s.request.name === 'string' || typeof s.request.name === 'number' ? String(s.request.name) : '',
      products: requestedProducts(s.request),
      recordedAt: state.sources[s.id]?.intentAt ?? 0,
    }));
    const decisions = reconcileIntents(intents, listed, claimed, this.now(), this.deps.reconcile ?? DEFAULT_RECONCILE_OPTIONS);
    for (const source of open) {
      const decision = decisions.get(source.id);
      if (!decision || decision.kind === 'wait') continue;
      if (decision.kind === 'adopt') await this.adopt(source, decision.jobId, signal);
      else if (decision.kind === 'resubmit') {
        this.deps.log(`Campaign: ${source.id}: the job list shows no job from the uncertain submission; it will be sent again.`);
        // Unless Cancel Campaign withdrew it meanwhile.
        await this.setSource(source.id, (s) => (s.status === 'sending' ? { ...s, status: 'queued' } : s));
      } else {
        this.deps.log(`Campaign: ${source.id}: ${decision.reason}`);
        await this.setSource(source.id, (s) => ({
          ...s,
          status: s.status === 'withdrawn' ? s.status : 'undecided',
          message: decision.reason,
          candidates: decision.candidates.map((c) => c.jobId),
        }));
      }
    }
    return true;
  }

  private async adopt(source: PlannedSource, jobId: string, signal: AbortSignal): Promise<void> {
    let copy;
    try {
      copy = await this.deps.client.copyOldJob(jobId, signal);
    } catch (error) {
      this.deps.log(
        `Campaign: ${source.id}: job ${jobId} found in the job list, but its details could not be read (${describeError(error)}); trying again later.`,
      );
      return;
    }
    this.deps.log(`Campaign: ${source.id}: the uncertain submission made job ${jobId} (found in the job list).`);
    await this.record(source, jobId, copy.URL, copy.jobPars, copy.APIVersion);
  }

  private async record(source: PlannedSource, jobId: string, url: string, jobPars: unknown, apiVersion?: string): Promise<void> {
    const t = this.now();
    const job = recordForSubmission({
      jobId,
      url,
      request: source.request,
      jobPars: typeof jobPars === 'object' && jobPars !== null ? (jobPars as Record<string, unknown>) : {},
      userId: this.deps.client.userId,
      serviceUrl: this.deps.serviceUrl,
      requestFile: this.deps.campaignFile,
      now: t,
      firstPollInMs: this.deps.firstPollInMs,
    });
    // The state first: a job in the state but not yet in the registry is found again; the reverse would be
    // a job the campaign might send again.
    await this.setSource(source.id, ({ message: _settled, ...s }) => ({
      ...s,
      status: 'submitted',
      jobId,
      submittedAt: new Date(t).toISOString(),
      ...(apiVersion !== undefined ? { serviceApiVersion: apiVersion } : {}),
    }));
    await this.deps.registry.add(job);
  }

  private async send(source: PlannedSource): Promise<void> {
    const t = this.now();
    // The intent, under the lock, only for a source still queued: a second window cannot take it too.
    const taken = await changeCampaignState(this.deps.stateFile, (state) => {
      const current = state.sources[source.id] ?? { status: 'queued' };
      if (current.status !== 'queued') return { state, result: false };
      // The request goes with the intent: the source's provenance (src/products/campaign/provenance.ts) says what was sent.
      const intent: SourceState = { ...current, status: 'sending', intentAt: t, request: source.request };
      return { state: withSource(state, source.id, intent), result: true };
    });
    if (!taken) return;
    try {
      // Not cancelled by `signal`: a stop waits for the answer of a request already on its way, so that
      // stopping never turns a clean submission into an uncertain one.
      const reply = await this.deps.client.submit(source.request);
      this.deps.log(`Campaign: ${source.id}: submitted as job ${reply.JobID}.`);
      await this.record(source, String(reply.JobID), reply.URL, reply.jobPars, reply.APIVersion);
    } catch (error) {
      if (error instanceof XrtRejectedError) {
        this.deps.log(`Campaign: ${source.id}: refused: ${error.fullText()}`);
        await this.setSource(source.id, (s) => ({ ...s, status: 'refused', message: error.message }));
      } else if (!deliveryUncertain(error)) {
        // Provably not sent (connection refused, a 4xx, cancelled before sending): queued again.
        this.deps.log(`Campaign: ${source.id}: not sent (${describeError(error)}); it stays queued.`);
        await this.setSource(source.id, (s) => ({
          ...s,
          // Withdrawn by Cancel Campaign while it was on its way: it stays withdrawn.
          status: s.status === 'withdrawn' ? s.status : 'queued',
          message: describeError(error),
          failures: (s.failures ?? 0) + 1,
        }));
      } else {
        // Stays `sending`: the next round settles it from the job list.
        const text = isServiceError(error) ? error.fullText() : describeError(error);
        this.deps.log(
          `Campaign: ${source.id}: the submission may or may not have reached the service (${text}); it will be checked against the job list.`,
        );
        await this.setSource(source.id, (s) => ({ ...s, message: describeError(error) }));
      }
    }
  }

  private setSource(id: string, change: (s: SourceState) => SourceState): Promise<void> {
    return changeCampaignState(this.deps.stateFile, (state) => ({
      state: withSource(state, id, change(state.sources[id] ?? { status: 'queued' })),
      result: undefined,
    }));
  }
}
