import * as assert from 'node:assert/strict';
import { SubmitOnce, fileLabel } from '../../../src/editing/submitOnce';

/** Stands in for a vscode.Uri: identified by its string form, named by its path. */
const file = (path: string) => ({ path, toString: () => `file://${path}` });

/** Work that finishes when the test says so. */
function gate<T>(value: T): { work: () => Promise<T>; open: () => void; started: () => number } {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  let starts = 0;
  return {
    work: async () => {
      starts += 1;
      await opened;
      return value;
    },
    open: () => release(),
    started: () => starts,
  };
}

describe('submit-once guard', () => {
  it('runs the first submission of a file and refuses a second one while it is under way, with one message', async () => {
    const guard = new SubmitOnce();
    const a = file('/work/grb.xrt.json');
    const first = gate('sent');
    const running = guard.run(a, first.work);
    const second = await guard.run(a, async () => 'sent again');
    assert.deepEqual(second, { ran: false, message: 'grb.xrt.json is already being submitted.' });
    first.open();
    assert.deepEqual(await running, { ran: true, result: 'sent' });
    assert.equal(first.started(), 1);
  });

  it('lets the file be submitted again once the first submission has finished, also after a failure', async () => {
    const guard = new SubmitOnce();
    const a = file('/w/a.too.json');
    await assert.rejects(
      guard.run(a, async () => Promise.reject(new Error('lost'))),
      /lost/,
    );
    assert.deepEqual(await guard.run(a, async () => 2), { ran: true, result: 2 });
  });

  it('lets other files through, unless it allows one at a time', async () => {
    const many = new SubmitOnce({ doing: 'validated' });
    const held = gate(1);
    const running = many.run(file('/w/a.too.json'), held.work);
    assert.deepEqual(await many.run(file('/w/b.too.json'), async () => 2), { ran: true, result: 2 });
    assert.deepEqual(await many.run(file('/w/a.too.json'), async () => 3), {
      ran: false,
      message: 'a.too.json is already being validated.',
    });
    held.open();
    await running;

    const single = new SubmitOnce({ oneAtATime: 'Another request is being submitted.' });
    const first = gate(1);
    const under = single.run(file('/w/a.too.json'), first.work);
    assert.deepEqual(await single.run(file('/w/b.too.json'), async () => 2), {
      ran: false,
      message: 'Another request is being submitted.',
    });
    assert.equal((await single.run(file('/w/a.too.json'), async () => 3)).ran, false);
    first.open();
    await under;
    assert.deepEqual(await single.run(file('/w/b.too.json'), async () => 4), { ran: true, result: 4 });
  });

  it('names a file by the last part of its path', () => {
    assert.equal(fileLabel(file('/a/b/grb.xrt.json')), 'grb.xrt.json');
    assert.equal(fileLabel({ path: '/Untitled-1', toString: () => 'untitled:/Untitled-1' }), 'Untitled-1');
  });
});
