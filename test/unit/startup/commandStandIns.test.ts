// The stand-in commands of the entry bundle (src/startup/commandStandIns.ts): every command a feature
// registers is contributed in package.json, so it has a stand-in from the first moment; the first call
// loads the runtime once, is forwarded with its arguments to the handler that replaced the stand-in, and
// returns its result.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, ProductCommands, TooCommands, XrtCommands } from '../../../src/common/commandIds';
import { CommandStandIns, contributedCommandIds } from '../../../src/startup/commandStandIns';
import { QUERY_CATALOG } from '../../../src/too/queries/queryCatalog';
import { repoRoot } from '../../support/paths';

type Handler = (...args: unknown[]) => unknown;

/** The part of `vscode.commands` the stand-ins use: a registry that refuses an ID twice, as VS Code does. */
class FakeCommands {
  readonly handlers = new Map<string, Handler>();
  registerCommand(id: string, handler: Handler): { dispose(): void } {
    if (this.handlers.has(id)) throw new Error(`command '${id}' already exists`);
    this.handlers.set(id, handler);
    return { dispose: () => this.handlers.get(id) === handler && this.handlers.delete(id) };
  }
  run(id: string, ...args: unknown[]): unknown {
    const handler = this.handlers.get(id);
    assert.ok(handler, `${id} is not registered`);
    return handler(...args);
  }
}

const manifest: unknown = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));

describe('command stand-ins', () => {
  it('covers every command ID the features register: each is contributed in package.json', () => {
    const contributed = new Set(contributedCommandIds(manifest));
    const internal = new Set<string>([TooCommands.renderedQueryResults]);
    const used = [
      ...Object.values(Commands),
      ...Object.values(XrtCommands),
      ...Object.values(ProductCommands),
      ...Object.values(TooCommands),
      ...Object.values(QUERY_CATALOG).map((q) => q.command),
    ].filter((id) => !internal.has(id));
    assert.ok(used.length > 40, 'the ID tables were read');
    assert.deepEqual(
      used.filter((id) => !contributed.has(id)),
      [],
      'commands without a stand-in (add them to package.json contributes.commands)',
    );
  });

  it('reads the IDs of contributes.commands and nothing else', () => {
    assert.deepEqual(
      contributedCommandIds({ contributes: { commands: [{ command: 'a.b' }, { title: 'no id' }, 'x', { command: 'c' }] } }),
      ['a.b', 'c'],
    );
    assert.deepEqual(contributedCommandIds(undefined), []);
    assert.deepEqual(contributedCommandIds({ contributes: { commands: {} } }), []);
  });

  it('loads the runtime once on the first call, forwards the arguments and returns the real result', async () => {
    const commands = new FakeCommands();
    const reasons: string[] = [];
    const holder: { standIns?: CommandStandIns } = {};
    const load = async (reason: string): Promise<void> => {
      reasons.push(reason);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // What the runtime does while it activates: the real handlers replace the stand-ins.
      holder.standIns!.register('x.add', (a, b) => (a as number) + (b as number));
      holder.standIns!.register('x.echo', (...args) => args);
    };
    let loading: Promise<void> | undefined;
    const standIns = new CommandStandIns(commands, ['x.add', 'x.echo', 'x.add'], (reason) => (loading ??= load(reason)));
    holder.standIns = standIns;
    assert.deepEqual([...commands.handlers.keys()].sort(), ['x.add', 'x.echo']);
    const node = { kind: 'job', jobId: '1' };
    const [sum, echoed] = await Promise.all([commands.run('x.add', 2, 3), commands.run('x.echo', node, 'two')]);
    assert.equal(sum, 5);
    assert.deepEqual(echoed, [node, 'two']);
    assert.equal((echoed as unknown[])[0], node, 'the very object the caller passed (tree nodes are compared by identity)');
    assert.deepEqual(reasons, ['the command x.add'], 'one load for both calls');
    assert.deepEqual(standIns.waiting(), []);
    // After the load the real handler is what VS Code runs: no stand-in in between.
    assert.equal(commands.run('x.add', 1, 1), 2);
  });

  it('tells how long a forwarded command took once its handler had finished, and its ID', async () => {
    const commands = new FakeCommands();
    const holder: { standIns?: CommandStandIns } = {};
    let finished = false;
    const told: { id: string; ms: number; finished: boolean }[] = [];
    holder.standIns = new CommandStandIns(
      commands,
      ['x.slow'],
      async () => {
        holder.standIns!.register('x.slow', async () => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          finished = true;
          return 'done';
        });
      },
      (id, ms) => told.push({ id, ms, finished }),
    );
    assert.equal(await commands.run('x.slow'), 'done');
    assert.equal(told.length, 1);
    assert.equal(told[0]!.id, 'x.slow');
    assert.ok(told[0]!.finished, 'told after the handler resolved');
    assert.ok(told[0]!.ms >= 25, `the handler's time, ${told[0]!.ms} ms`);
  });

  it('says which command no feature registered, and passes a failed load to the caller', async () => {
    const commands = new FakeCommands();
    new CommandStandIns(commands, ['x.forgotten'], () => Promise.resolve());
    await assert.rejects(Promise.resolve(commands.run('x.forgotten')), /x\.forgotten is contributed but no feature registered it/);
    const failing = new FakeCommands();
    new CommandStandIns(failing, ['x.y'], () => Promise.reject(new Error('runtime.js is missing')));
    await assert.rejects(Promise.resolve(failing.run('x.y')), /runtime\.js is missing/);
  });

  it('unregisters the stand-ins that were never replaced when disposed', () => {
    const commands = new FakeCommands();
    const standIns = new CommandStandIns(commands, ['x.a', 'x.b'], () => Promise.resolve());
    standIns.register('x.a', () => 'real');
    standIns.dispose();
    assert.deepEqual([...commands.handlers.keys()], ['x.a']);
  });
});
