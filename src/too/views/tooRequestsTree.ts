// The "TOO Requests" view: the requests of the TOO requests store (src/too/tooRequestsStore.ts), each
// with its scheduled calendar windows as children. It only renders: the store fetches and keeps the
// records, and the view redraws when the store says they changed. The store keeps the last good list,
// so a failed refresh shows a message row above it instead of emptying it; the view says that pending
// or rejected requests may be missing (the service lists approved ones only).
import * as vscode from 'vscode';
import type { CalendarResponse, TooRecord } from '../responseSchemas';
import type { TooRequestsStore } from '../tooRequestsStore';
import { TooCommands } from '../../common/commandIds';

export type TooTreeNode =
  | { readonly kind: 'too'; readonly tooId: number }
  | { readonly kind: 'window'; readonly tooId: number; readonly index: number }
  /** `text` is kept short enough not to be cut off in a narrow sidebar; `tooltip` says it in full. */
  | { readonly kind: 'message'; readonly text: string; readonly detail?: string; readonly tooltip?: string };

type CalendarEntry = CalendarResponse['entries'][number];

const URGENCY_WORDS: Readonly<Record<number, string>> = { 0: 'urgent', 1: 'highest', 2: 'high', 3: 'medium', 4: 'low' };
const NOT_LISTED_LABEL = 'Approved requests only';
const NOT_LISTED_NOTE = 'Only approved requests are listed: pending or rejected ones may be missing';

export class TooRequestsTreeProvider implements vscode.TreeDataProvider<TooTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TooTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: TooRequestsStore) {
    // A short list: every change redraws it whole.
    this.subscription = store.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: TooTreeNode): TooTreeNode[] {
    if (!node) {
      // Nothing to list (signed out, or no request in the range): no rows at all, so that the view's
      // welcome content (package.json viewsWelcome: Sign in, or New Request / Change Dates) shows.
      const store = this.store;
      const order = store.listedIds();
      const rows: TooTreeNode[] = order.map((tooId) => ({ kind: 'too', tooId }));
      if (store.problem)
        rows.unshift({ kind: 'message', text: 'Could not refresh the list', detail: store.problem, tooltip: store.problem });
      if (store.skippedNote)
        rows.push({ kind: 'message', text: 'Some records could not be read', detail: store.skippedNote, tooltip: store.skippedNote });
      if (order.length > 0 && store.signedIn && !store.isLoading && !store.problem) {
        rows.push({ kind: 'message', text: NOT_LISTED_LABEL, tooltip: `${NOT_LISTED_NOTE} (submitted ${this.rangeText()}).` });
      }
      return rows;
    }
    if (node.kind !== 'too') return [];
    if (this.store.isUnlisted(node.tooId))
      return [
        {
          kind: 'message',
          text: 'Not listed by the service',
          tooltip: 'Not listed by the service: pending or rejected requests are not shown',
        },
      ];
    const entries = this.store.record(node.tooId)?.calendar?.entries ?? [];
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
    const record = this.store.record(node.tooId);
    if (node.kind === 'window') return windowItem(record?.calendar?.entries[node.index]);
    return tooItem(node.tooId, record, this.store.isSubmittedHere(node.tooId), this.store.isUnlisted(node.tooId));
  }

  /**
   * The line above the rows: the submission dates listed, while there are rows. With no rows there is no
   * message, because VS Code shows no welcome content while a view has one (and the welcome is what
   * explains an empty list and offers Sign in, New TOO Request and Change Dates).
   */
  viewMessage(): string | undefined {
    if (!this.store.signedIn || this.getChildren().length === 0) return undefined;
    const { begin, end } = this.store.range();
    return `Submitted ${begin} to ${end} (UTC)`;
  }

  private rangeText(): string {
    const { begin, end } = this.store.range();
    return `from ${begin} to ${end}`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function tooItem(tooId: number, record: TooRecord | undefined, submittedHere: boolean, unlisted: boolean): vscode.TreeItem {
  const target = record?.target_name ?? `TOO ${tooId}`;
  const item = new vscode.TreeItem(target, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `too-${tooId}`;
  const urgency =
    typeof record?.urgency === 'number'
      ? `urgency ${record.urgency}${URGENCY_WORDS[record.urgency] ? ` (${URGENCY_WORDS[record.urgency]})` : ''}`
      : undefined;
  const decision = record?.decision ?? (unlisted ? 'not listed by the service (pending or rejected?)' : 'no decision yet');
  const status = record?.status?.status;
  item.description = [`#${tooId}`, record?.instrument, urgency, decision].filter(Boolean).join(' · ');
  const md = new vscode.MarkdownString(undefined, false);
  md.appendMarkdown(`**${escapeMd(target)}** — TOO ${tooId}${submittedHere ? ' (submitted from here)' : ''}\n\n`);
  const rows: [string, string | undefined][] = [
    ['Type', record?.target_type ?? undefined],
    [
      'Position',
      typeof record?.ra === 'number' && typeof record.dec === 'number'
        ? `RA ${record.ra.toFixed(5)}°, Dec ${record.dec.toFixed(5)}°`
        : undefined,
    ],
    ['Instrument', record?.instrument ?? undefined],
    ['Urgency', urgency],
    ['Status', status],
    ['Decision', decision],
    ['Submitted', record?.timestamp ? `${record.timestamp} UTC` : undefined],
    ['Scheduled', record?.date_begin ? `${record.date_begin} – ${record.date_end ?? '…'}` : undefined],
  ];
  for (const [label, value] of rows) if (value) md.appendMarkdown(`- ${label}: ${escapeMd(value)}\n`);
  item.tooltip = md;
  item.iconPath = new vscode.ThemeIcon(
    submittedHere ? 'star-full' : /approved/i.test(decision) ? 'pass' : /reject|declin/i.test(decision) ? 'error' : 'circle-outline',
  );
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
