// The typed read of the extension's version from the manifest VS Code hands over untyped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionVersion } from '../../../src/common/extensionManifest';
import { repoRoot } from '../../support/paths';

describe('extensionVersion', () => {
  it("reads the version of this repository's package.json", () => {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
    const version = extensionVersion({ packageJSON: manifest });
    assert.match(version, /^\d+\.\d+\.\d+/);
    assert.equal(version, (manifest as { version: string }).version);
  });

  it('says "unknown" instead of printing a manifest without a text version', () => {
    for (const packageJSON of [undefined, null, 'text', {}, { version: 3 }, { version: { major: 1 } }]) {
      assert.equal(extensionVersion({ packageJSON }), 'unknown', JSON.stringify(packageJSON));
    }
  });
});
