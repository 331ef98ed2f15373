// Which VS Code the offline integration runner starts: the current release by default, the oldest the
// manifest claims on request, and a clear refusal of anything it cannot install.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_RELEASES, selectedRelease } from '../../runners/codeServer';
import { repoRoot } from '../../support/paths';

describe('code-server release selection (integration runner)', () => {
  it('uses the current release when nothing is asked for', () => {
    const release = selectedRelease({});
    assert.equal(release.codeServerVersion, '4.139.1');
    assert.equal(release.smokeTestDriverOption, true);
  });

  it('names 1.90 by VS Code version (any patch) or by code-server version, without the smoke-test driver option', () => {
    for (const env of [{ SWIFT_VSCODE_VERSION: '1.90' }, { SWIFT_VSCODE_VERSION: '1.90.2' }, { SWIFT_CODE_SERVER_VERSION: '4.90.3' }]) {
      const release = selectedRelease(env);
      assert.equal(release.codeServerVersion, '4.90.3', JSON.stringify(env));
      assert.equal(release.nodeSpec, '20.9.0');
      assert.equal(release.smokeTestDriverOption, false, 'code-server 4.90 knows no --vscode-option');
    }
  });

  it('refuses an unknown version, naming the known ones, and two variables that disagree', () => {
    assert.throws(() => selectedRelease({ SWIFT_VSCODE_VERSION: '1.85' }), /SWIFT_VSCODE_VERSION=1\.85 .*VS Code 1\.139 .*VS Code 1\.90/);
    assert.throws(() => selectedRelease({ SWIFT_CODE_SERVER_VERSION: '4.91.0' }), /SWIFT_CODE_SERVER_VERSION=4\.91\.0/);
    assert.throws(() => selectedRelease({ SWIFT_CODE_SERVER_VERSION: '4.90.3', SWIFT_VSCODE_VERSION: '1.139' }), /disagree/);
  });

  it('tests the oldest VS Code the manifest claims', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { engines: { vscode: string } };
    const claimed = /^\^(\d+\.\d+)\./.exec(manifest.engines.vscode)?.[1];
    assert.ok(claimed, `engines.vscode ${manifest.engines.vscode}`);
    assert.ok(
      CODE_SERVER_RELEASES.some((r) => r.vscodeVersion === claimed),
      `a code-server release bundles VS Code ${claimed}`,
    );
  });
});
