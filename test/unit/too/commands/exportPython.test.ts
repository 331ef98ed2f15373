// Swift TOO: Export Request as Python with fake deps (src/too/commands/exportPython.ts): a file with
// errors is refused with its problems and nothing is opened; a valid one opens as an untitled Python
// document with the signed-in username and no API key.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { TooDeps } from '../../../../src/too/commands/deps';
import { exportPython } from '../../../../src/too/commands/exportPython';
import { FakeWindow, fakeLog } from '../../../support/fakeWindow';
import { SMC_X3_TOO } from '../../../support/requests';

function fakeUri(path: string): vscode.Uri {
  return { path, fsPath: path, toString: () => `file://${path}` } as unknown as vscode.Uri;
}

function harness(files: Record<string, string>, username?: string) {
  const ui = new FakeWindow();
  const log = fakeLog();
  const opened: { language: string; content: string }[] = [];
  const deps = {
    window: ui.window,
    log: log.channel,
    extensionVersion: '1.2.3',
    username: () => Promise.resolve(username),
    documents: {
      requestFile: (given?: unknown) => given as vscode.Uri | undefined,
      text: (uri: vscode.Uri) => Promise.resolve(files[uri.path] ?? ''),
      openUntitled: (language: string, content: string) => {
        opened.push({ language, content });
        return Promise.resolve();
      },
    },
  } as unknown as TooDeps;
  const run = exportPython(deps) as unknown as (uri?: unknown) => Promise<{ kind: string }>;
  return { ui, log, opened, run };
}

describe('Swift TOO: Export Request as Python (command)', () => {
  it('opens the script as an untitled Python document with the signed-in username and no key', async () => {
    const h = harness({ '/w/smc.too.json': JSON.stringify(SMC_X3_TOO) }, 'astro');
    assert.equal((await h.run(fakeUri('/w/smc.too.json'))).kind, 'opened');
    const content = h.opened[0]?.content ?? '';
    assert.equal(h.opened[0]?.language, 'python');
    assert.match(content, /too = TOO\(\n\s+username=username,\n\s+shared_secret=shared_secret,\n\s+target_name="SMC X-3",/);
    assert.match(content, /or "astro"$/m);
    assert.match(content, /getpass\.getpass\("Swift TOO API key: "\)/);
    assert.deepEqual(h.ui.calls, []);
  });

  it('refuses a file with errors and opens nothing', async () => {
    const h = harness({ '/w/bad.too.json': JSON.stringify({ ...SMC_X3_TOO, ra: 'north' }) });
    assert.equal((await h.run(fakeUri('/w/bad.too.json'))).kind, 'invalid');
    assert.deepEqual(h.opened, []);
    assert.match(String(h.ui.texts('showErrorMessage')[0]), /^bad\.too\.json was not exported as Python: .*ra/);
  });

  it('says what to do without a request file', async () => {
    const h = harness({});
    assert.equal((await h.run()).kind, 'no-file');
    assert.match(String(h.ui.texts('showWarningMessage')[0]), /Open a TOO request file \(\*\.too\.json\)/);
  });
});
