// The campaign states the XRT Jobs view shows, by campaign file URI: each state file is read once when its
// campaign is first shown and again only when that one file changes (a watcher's event) — never all of them
// — and a state this window's runner reports is taken as it is, without reading. A read that started before
// a newer report is dropped, so an older state never replaces a newer one.
import { Emitter } from '../../common/emitter';
import type { CampaignState } from '../campaign/campaignState';

interface Entry {
  state?: CampaignState;
  /** Why the last read failed (the state file is damaged or of another version). */
  error?: string;
  /** Bumped by every report and every read started: a read applies only if it is still the newest. */
  version: number;
  reading: boolean;
  /** The file changed while it was being read: read once more afterwards. */
  again: boolean;
}

export class CampaignStates {
  private readonly entries = new Map<string, Entry>();
  /** Campaigns this window is running: shown even before they have a job (and no longer once the run ends). */
  private readonly reported = new Set<string>();
  private readonly changed = new Emitter<string>();
  /** Fired with a campaign file URI whose state changed. */
  readonly onDidChange = this.changed.event;

  /**
   * `read`: the state of a campaign file (by URI), from its state file. `onError`: told once per failed
   * read (the view still shows the campaign's jobs).
   */
  constructor(
    private readonly read: (campaignFile: string) => Promise<CampaignState>,
    private readonly onError: (campaignFile: string, message: string) => void,
  ) {}

  /** The last known state, or undefined while the first read is under way (it fires when done) or failed. */
  get(campaignFile: string): CampaignState | undefined {
    const entry = this.entries.get(campaignFile);
    if (entry) return entry.state;
    this.load(campaignFile, this.entry(campaignFile));
    return undefined;
  }

  /** Why the campaign's state could not be read, if it could not. */
  problem(campaignFile: string): string | undefined {
    return this.entries.get(campaignFile)?.error;
  }

  /** A state this window has just written (its runner, a Pause or a Cancel): no read needed. */
  report(campaignFile: string, state: CampaignState): void {
    const entry = this.entry(campaignFile);
    entry.version += 1;
    entry.state = state;
    entry.error = undefined;
    this.changed.fire(campaignFile);
  }

  /** This window starts running a campaign: shown from now on, jobs or not, until {@link runEnded}. */
  runStarted(campaignFile: string): void {
    this.reported.add(campaignFile);
  }

  /** The state file of a campaign changed on disk: read that one again, if its campaign is shown. */
  fileChanged(campaignFile: string): void {
    const entry = this.entries.get(campaignFile);
    if (!entry) return;
    if (entry.reading) entry.again = true;
    else this.load(campaignFile, entry);
  }

  /**
   * This window's run of a campaign ended: from now on the campaign is shown only while the job list has
   * jobs of it (a campaign whose jobs were all removed, or whose files were deleted, does not linger).
   */
  runEnded(campaignFile: string): void {
    if (this.reported.delete(campaignFile)) this.changed.fire(campaignFile);
  }

  /** The campaigns this window is running, whether or not they have jobs yet. */
  reportedCampaigns(): readonly string[] {
    return [...this.reported];
  }

  dispose(): void {
    this.changed.dispose();
  }

  private entry(campaignFile: string): Entry {
    let entry = this.entries.get(campaignFile);
    if (!entry) {
      entry = { version: 0, reading: false, again: false };
      this.entries.set(campaignFile, entry);
    }
    return entry;
  }

  private load(campaignFile: string, entry: Entry): void {
    entry.version += 1;
    const version = entry.version;
    entry.reading = true;
    entry.again = false;
    this.read(campaignFile).then(
      (state) => this.settle(campaignFile, entry, version, { state }),
      (error: unknown) => this.settle(campaignFile, entry, version, { error: error instanceof Error ? error.message : String(error) }),
    );
  }

  private settle(
    campaignFile: string,
    entry: Entry,
    version: number,
    outcome: { state: CampaignState; error?: undefined } | { state?: undefined; error: string },
  ): void {
    entry.reading = false;
    if (version === entry.version) {
      if (outcome.error !== undefined) {
        if (outcome.error !== entry.error) this.onError(campaignFile, outcome.error);
        entry.error = outcome.error;
      } else {
        entry.state = outcome.state;
        entry.error = undefined;
      }
      this.changed.fire(campaignFile);
    }
    if (entry.again) this.load(campaignFile, entry);
  }
}
