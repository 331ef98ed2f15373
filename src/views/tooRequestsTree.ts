// The "TOO Requests" view: TOO requests from `GET /swift/too` (submission-date range, with detail)
// plus the ones this machine submitted, each with its scheduled calendar windows as children.
// The view keeps the last good list: a failed refresh shows a message row instead of emptying it.
//
// Ownership is not part of a TOO record (the reference lists only `l_name`), so "yours" cannot be
// decided client-side: the view shows what the service returns for the range with `detail=true`
// and marks the requests submitted from this machine.
import * as vscode from 'vscode';
import { describeError } from '../http/errors';
import type { TooClient } from '../too/client';
import type { CalendarResponse, TooRecord } from '../too/responseSchemas';

export type TooTreeNode =
  | { readonly kind: 'too'; readonly tooId: number }
  | { readonly kind: 'window'; readonly tooId: number; readonly index: number }
  | { readonly kind: 'message'; readonly text: string; readonly detail?: string };

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

export class TooRequestsTreeProvider implements vscode.TreeDataProvider<TooTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TooTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private records = new Map<number, TooRecord>();
  private order: number[] = [];
  private problem: string | undefined;
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
    if (!client) {
      this.records = new Map();
      this.order = [];
      this.problem = undefined;
      return;
    }
    const { begin, end } = this.source.range();
    try {
      const reply = await client.listToos({ begin: `${begin} 00:00:00`, end: `${end} 23:59:59`, detail: true });
      const records = new Map<number, TooRecord>();
      for (const entry of reply.entries) if (typeof entry.too_id === 'number') records.set(entry.too_id, entry);
      const missing = this.source.submittedIds().filter((id) => !records.has(id)).slice(0, MAX_EXTRA_FETCHES);
      for (const id of missing) {
        try {
          records.set(id, await client.getToo(id));
        } catch (error) {
          this.source.log(`TOO ${id} (submitted from here) could not be read: ${describeError(error)}`);
        }
      }
      this.records = records;
      this.order = [...records.keys()].sort((a, b) => timestampOf(records.get(b)) - timestampOf(records.get(a)) || b - a);
      this.problem = undefined;
    } catch (error) {
      this.problem = describeError(error);
      this.source.log(`Listing TOO requests failed: ${this.problem}`);
    }
  }

  getChildren(node?: TooTreeNode): TooTreeNode[] {
    if (!node) {
      const rows: TooTreeNode[] = this.order.map((tooId) => ({ kind: 'too', tooId }));
      if (this.problem) rows.unshift({ kind: 'message', text: 'Could not refresh the list', detail: this.problem });
      else if (rows.length === 0 && this.loaded()) rows.push({ kind: 'message', text: `No TOO requests submitted ${this.rangeText()}` });
      return rows;
    }
    if (node.kind !== 'too') return [];
    const entries = this.records.get(node.tooId)?.calendar?.entries ?? [];
    if (entries.length === 0) return [{ kind: 'message', text: 'No scheduled windows yet' }];
    return entries.map((_, index) => ({ kind: 'window', tooId: node.tooId, index }));
  }

  getTreeItem(node: TooTreeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.detail;
      item.description = node.detail;
      item.iconPath = new vscode.ThemeIcon(node.detail ? 'warning' : 'info');
      item.contextValue = 'tooMessage';
      return item;
    }
    const record = this.records.get(node.tooId);
    if (node.kind === 'window') return windowItem(record?.calendar?.entries[node.index]);
    return tooItem(node.tooId, record, this.source.submittedIds().includes(node.tooId));
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

function tooItem(tooId: number, record: TooRecord | undefined, submittedHere: boolean): vscode.TreeItem {
  const target = record?.target_name ?? `TOO ${tooId}`;
  const item = new vscode.TreeItem(target, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `too-${tooId}`;
  const urgency = typeof record?.urgency === 'number' ? `urgency ${record.urgency}${URGENCY_WORDS[record.urgency] ? ` (${URGENCY_WORDS[record.urgency]})` : ''}` : undefined;
  const decision = record?.decision ?? 'no decision yet';
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
  item.command = { command: 'swiftObservatory.too.showDetail', title: 'Show TOO Details', arguments: [{ kind: 'too', tooId }] };
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
