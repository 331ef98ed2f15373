// The TOO Requests view's row commands with fake deps: which TOO Copy ID, Show Details and Query Target
// act on (the row, else the selection; never a message row), and what they hand on.
import * as assert from 'node:assert/strict';
import type { CommandHandler } from '../../../../src/common/commandTable';
import type { TooDeps } from '../../../../src/too/commands/deps';
import { copyId, queryTarget, showDetail } from '../../../../src/too/commands/rows';
import type { TooTreeNode } from '../../../../src/too/views/tooRequestsTree';
import { FakeWindow } from '../../../support/fakeWindow';

interface FakeRecord {
  readonly target_name?: string;
  readonly ra?: number | null;
  readonly dec?: number | null;
}

interface Harness {
  readonly deps: TooDeps;
  readonly copied: string[];
  readonly opened: { tooId: number; target: string }[];
  readonly executed: { command: string; args: unknown[] }[];
}

function harness(
  records: Record<number, FakeRecord>,
  opts: { detailed?: Record<number, FakeRecord>; selection?: TooTreeNode[] } = {},
): Harness {
  const copied: string[] = [];
  const opened: Harness['opened'] = [];
  const executed: Harness['executed'] = [];
  const deps = {
    store: {
      record: (id: number) => records[id],
      detailed: (id: number) => Promise.resolve(opts.detailed?.[id]),
      refresh: () => Promise.resolve(),
    },
    window: new FakeWindow().window,
    clipboard: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
    executeCommand: (command: string, ...args: unknown[]) => (executed.push({ command, args }), Promise.resolve()),
    openDetail: (tooId: number, target: string) => (opened.push({ tooId, target }), Promise.resolve()),
    selection: () => opts.selection ?? [],
  } as unknown as TooDeps;
  return { deps, copied, opened, executed };
}

function run(handler: CommandHandler, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((handler as (...a: unknown[]) => unknown)(...args));
}

describe('TOO command Copy ID', () => {
  it('copies the ID of the row, of a window row too', async () => {
    const h = harness({});
    await run(copyId(h.deps), { kind: 'too', tooId: 21054 });
    await run(copyId(h.deps), { kind: 'window', tooId: 21055, index: 0 });
    assert.deepEqual(h.copied, ['21054', '21055']);
  });

  it('copies the first selected TOO when run without a row, and nothing for a message row', async () => {
    const h = harness(
      {},
      {
        selection: [
          { kind: 'too', tooId: 7 },
          { kind: 'too', tooId: 8 },
        ],
      },
    );
    await run(copyId(h.deps));
    await run(copyId(h.deps), { kind: 'message', text: 'Sign in to list your requests' });
    assert.deepEqual(h.copied, ['7']);
  });

  it('copies nothing without a row or a selection', async () => {
    const h = harness({});
    await run(copyId(h.deps));
    assert.deepEqual(h.copied, []);
  });
});

describe('TOO command Show Details', () => {
  it('titles the document after the detailed record, else the listed one, else "TOO"', async () => {
    const h = harness(
      { 1: { target_name: 'Listed name' }, 2: { target_name: 'Only listed' }, 3: {} },
      { detailed: { 1: { target_name: 'GRB 260101A' } } },
    );
    for (const tooId of [1, 2, 3]) await run(showDetail(h.deps), { kind: 'too', tooId });
    assert.deepEqual(h.opened, [
      { tooId: 1, target: 'GRB 260101A' },
      { tooId: 2, target: 'Only listed' },
      { tooId: 3, target: 'TOO' },
    ]);
  });

  it('opens nothing for a message row', async () => {
    const h = harness({});
    await run(showDetail(h.deps), { kind: 'message', text: 'No TOO requests' });
    assert.deepEqual(h.opened, []);
  });
});

describe('TOO command Query Target', () => {
  it('runs the visibility query at the position of the request, named after its target', async () => {
    const h = harness({ 5: { target_name: 'SN 2026ab', ra: 10.5, dec: -20.25 }, 6: { ra: 0, dec: 0 } });
    await run(queryTarget(h.deps), { kind: 'too', tooId: 5 });
    await run(queryTarget(h.deps), { kind: 'too', tooId: 6 });
    assert.deepEqual(h.executed, [
      { command: 'swiftObservatory.too.query.visibility', args: [{ ra: 10.5, dec: -20.25, name: 'SN 2026ab' }] },
      { command: 'swiftObservatory.too.query.visibility', args: [{ ra: 0, dec: 0, name: 'TOO 6' }] },
    ]);
  });

  it('does nothing for a request without a position, or one not in the list', async () => {
    const h = harness({ 5: { target_name: 'No position', ra: null, dec: null } });
    await run(queryTarget(h.deps), { kind: 'too', tooId: 5 });
    await run(queryTarget(h.deps), { kind: 'too', tooId: 99 });
    assert.deepEqual(h.executed, []);
  });
});
