// The "TOO Requests" view: TOO requests from `GET /swift/too` (submission-date range) plus the ones
// this machine submitted, each with its scheduled calendar windows as children. The view keeps the
// last good list: a failed refresh shows a message row instead of emptying it.
//
// As the official client does, the range is listed with `detail=false` (the public list: details
// are only for the submitter's own TOOs), and each request submitted from here that the range does
// not show is read on its own with `too_id=N&detail=true`. The service lists approved requests only
// (swift_too TOO Requests documentation), so the view says that pending or rejected ones may be
// missing, and keeps a row for every request submitted from here even when the service lists none.
import * as vscode from 'vscode';
import { describeError } from '../../http/errors';
import type { TooClient } from '../client';
import { describeSkipped, skippedRecords, type CalendarResponse, type TooRecord } from '../responseSchemas';
import { TooCommands } from '../../common/commandIds';

export type TooTreeNode =
  | { readonly kind: 'too'; readonly tooId: number }
  | { readonly kind: 'window'; readonly tooId: number; readonly index: number }
  /** `text` is kept short enough not to be cut off in a narrow sidebar; `tooltip` says it in full. */
  | { readonly kind: 'message'; readonly text: string; readonly detail?: string; readonly tooltip?: string };

type CalendarEntry = CalendarResponse['entries'][number];

export interface TooDateRange {
  /** ISO dates (YYYY-MM-DD), UTC; `end` inclusive. */
  readonly begin: string;
  readonly end: string;
}

export interface TooTreeSource {
  /** A client when signed in, else undefined (the view then shows its welcome content). */
  client(): Promise<TooClient | undefined>;
  range(): TooDateRange;
  submittedIds(): readonly number[];
  log(line: string): void;
}

const URGENCY_WORDS: Readonly<Record<number, string>> = { 0: 'urgent', 1: 'highest', 2: 'high', 3: 'medium', 4: 'low' };
/** Recorded submissions outside the date range are fetched one by one; bound the cost. */
const MAX_EXTRA_FETCHES = 20;
export const NOT_LISTED_LABEL = 'Approved requests only';
export const NOT_LISTED_NOTE = 'Only approved requests are listed: pending or rejected ones may be missing';

export class TooRequestsTreeProvider implements vscode.TreeDataProvider<TooTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TooTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private records = new Map<number, TooRecord>();
  private order: number[] = [];
  private problem: string | undefined;
  /** Records of the list the extension could not read (left out, see lenient.ts). */
  private skippedNote: string | undefined;
  /** Requests submitted from here that the service does not list (yet). */
  private unlisted = new Set<number>();
  private signedIn = false;
  private loading: Promise<void> | undefined;

  constructor(private readonly source: TooTreeSource) {}

  /** Reloads from the service; concurrent calls share one load. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
      this.emitter.fire(undefined);
    });
    return this.loading;
  }

  /** Forget everything (sign-out). */
  clear(): void {
    this.records = new Map();
    this.order = [];
    this.problem = undefined;
    this.skippedNote = undefined;
    this.unlisted = new Set();
    this.signedIn = false;
    this.emitter.fire(undefined);
  }

  record(tooId: number): TooRecord | undefined {
    return this.records.get(tooId);
  }

  listedIds(): number[] {
    return [...this.order];
  }

  private async load(): Promise<void> {
    const client = await this.source.client();
    this.signedIn = client !== undefined;
    if (!client) {
      this.records = new Map();
      this.order = [];
      this.problem = undefined;
      this.skippedNote = undefined;
      this.unlisted = new Set();
      return;
    }
    const { begin, end } = this.source.range();
    try {
      const reply = await client.listToos({ begin: `${begin} 00:00:00`, end: `${end} 23:59:59`, detail: false });
      const records = new Map<number, TooRecord>();
      for (const entry of reply.entries) if (typeof entry.too_id === 'number') records.set(entry.too_id, entry);
      const skipped = skippedRecords(reply.entries);
      const unlisted = new Set<number>();
      const missing = this.source.submittedIds().filter((id) => !records.has(id));
      for (const id of missing.slice(0, MAX_EXTRA_FETCHES)) {
        try {
          records.set(id, await client.getToo(id));
        } catch (error) {
          unlisted.add(id);
          this.source.log(`TOO ${id} (submitted from here) could not be read: ${describeError(error)}`);
        }
      }
      for (const id of missing.slice(MAX_EXTRA_FETCHES)) unlisted.add(id);
      this.records = records;
      this.unlisted = unlisted;
      this.order = [...records.keys(), ...unlisted].sort((a, b) => timestampOf(records.get(b)) - timestampOf(records.get(a)) || b - a);
      this.problem = undefined;
      this.skippedNote = skipped.length ? describeSkipped(skipped) : undefined;
      if (this.skippedNote) this.source.log(`Listing TOO requests: ${this.skippedNote}`);
    } catch (error) {
      this.problem = describeError(error);
      this.source.log(`Listing TOO requests failed: ${this.problem}`);
    }
  }

  /**
   * The full record of a request submitted from here, read with `too_id=N&detail=true` (details are
   * only for the submitter's own TOOs); other requests keep the public record of the list.
   */
  async detailed(tooId: number): Promise<TooRecord | undefined> {
    const listed = this.records.get(tooId);
    if (!this.source.submittedIds().includes(tooId)) return listed;
    const client = await this.source.client();
    if (!client) return listed;
    try {
      const record = await client.getToo(tooId);
      this.records.set(tooId, record);
      this.unlisted.delete(tooId);
      return record;
    } catch (error) {
      this.source.log(`The details of TOO ${tooId} could not be read: ${describeError(error)}`);
      return listed;
    }
  }

  /** Whether a request submitted from here is missing from the service's list. */
  isUnlisted(tooId: number): boolean {
    return this.unlisted.has(tooId);
  }

  getChildren(node?: TooTreeNode): TooTreeNode[] {
    if (!node) {
      // Nothing to list (signed out, or no request in the range): no rows at all, so that the view's
      // welcome content (package.json viewsWelcome: Sign in, or New Request / Change Dates) shows.
      const rows: TooTreeNode[] = this.order.map((tooId) => ({ kind: 'too', tooId }));
      if (this.problem) rows.unshift({ kind: 'message', text: 'Could not refresh the list', detail: this.problem, tooltip: this.problem });
      if (this.skippedNote) rows.push({ kind: 'message', text: 'Some records could not be read', detail: this.skippedNote, tooltip: this.skippedNote });
      if (this.order.length > 0 && this.signedIn && this.loaded() && !this.problem) {
        rows.push({ kind: 'message', text: NOT_LISTED_LABEL, tooltip: `${NOT_LISTED_NOTE} (submitted ${this.rangeText()}).` });
      }
      return rows;
    }
    if (node.kind !== 'too') return [];
    if (this.unlisted.has(node.tooId)) return [{ kind: 'message', text: 'Not listed by the service', tooltip: 'Not listed by the service: pending or rejected requests are not shown' }];
    const entries = this.records.get(node.tooId)?.calendar?.entries ?? [];
    if (entries.length === 0) return [{ kind: 'message', text: 'No scheduled windows yet' }];
    return entries.map((_, index) => ({ kind: 'window', tooId: node.tooId, index }));
  }

  getTreeItem(node: TooTreeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.tooltip ?? node.text;
      item.description = node.detail;
      item.iconPath = new vscode.ThemeIcon(node.detail ? 'warning' : 'info');
      item.contextValue = 'tooMessage';
      return item;
    }
    const record = this.records.get(node.tooId);
    if (node.kind === 'window') return windowItem(record?.calendar?.entries[node.index]);
    return tooItem(node.tooId, record, this.source.submittedIds().includes(node.tooId), this.unlisted.has(node.tooId));
  }

  private loaded(): boolean {
    return this.loading === undefined;
  }

  private rangeText(): string {
    const { begin, end } = this.source.range();
    return `from ${begin} to ${end}`;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function timestampOf(record: TooRecord | undefined): number {
  const t = record?.timestamp ? Date.parse(`${record.timestamp}Z`) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

function tooItem(tooId: number, record: TooRecord | undefined, submittedHere: boolean, unlisted: boolean): vscode.TreeItem {
  const target = record?.target_name ?? `TOO ${tooId}`;
  const item = new vscode.TreeItem(target, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `too-${tooId}`;
  const urgency = typeof record?.urgency === 'number' ? `urgency ${record.urgency}${URGENCY_WORDS[record.urgency] ? ` (${URGENCY_WORDS[record.urgency]})` : ''}` : undefined;
  const decision = record?.decision ?? (unlisted ? 'not listed by the service (pending or rejected?)' : 'no decision yet');
  const status = record?.status?.status;
  item.description = [`#${tooId}`, record?.instrument, urgency, decision].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString(undefined, false);
  md.appendMarkdown(`**${escapeMd(target)}** — TOO ${tooId}${submittedHere ? ' (submitted from here)' : ''}\n\n`);
  const rows: [string, string | undefined][] = [
    ['Type', record?.target_type ?? undefined],
    ['Position', typeof record?.ra === 'number' && typeof record.dec === 'number' ? `RA ${record.ra.toFixed(5)}°, Dec ${record.dec.toFixed(5)}°` : undefined],
    ['Instrument', record?.instrument ?? undefined],
    ['Urgency', urgency],
    ['Status', status],
    ['Decision', decision],
    ['Submitted', record?.timestamp ? `${record.timestamp} UTC` : undefined],
    ['Scheduled', record?.date_begin ? `${record.date_begin} – ${record.date_end ?? '…'}` : undefined],
  ];
  for (const [label, value] of rows) if (value) md.appendMarkdown(`- ${label}: ${escapeMd(value)}\n`);
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(submittedHere ? 'star-full' : /approved/i.test(decision) ? 'pass' : /reject|declin/i.test(decision) ? 'error' : 'circle-outline');
  item.contextValue = typeof record?.ra === 'number' && typeof record.dec === 'number' ? 'tooRequest.withPosition' : 'tooRequest';
  item.command = { command: TooCommands.showDetail, title: 'Show TOO Details', arguments: [{ kind: 'too', tooId }] };
  return item;
}

function windowItem(entry: CalendarEntry | undefined): vscode.TreeItem {
  if (!entry) return new vscode.TreeItem('(window no longer listed)');
  const begin = entry.begin?.replace('T', ' ') ?? '?';
  const end = entry.end?.replace('T', ' ') ?? '?';
  const item = new vscode.TreeItem(`${begin} – ${end}`, vscode.TreeItemCollapsibleState.None);
  const planned = typeof entry.duration === 'number' ? `${Math.round(entry.duration)} s planned` : undefined;
  const flown = typeof entry.asflown === 'number' && entry.asflown > 0 ? `${Math.round(entry.asflown)} s observed` : undefined;
  item.description = [planned, flown].filter(Boolean).join(', ');
  item.tooltip = `Scheduled window (UTC)${entry.target_id ? ` · target ID ${entry.target_id}` : ''}`;
  item.iconPath = new vscode.ThemeIcon('calendar');
  item.contextValue = 'tooWindow';
  return item;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
