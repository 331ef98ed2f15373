// Locations the tests need, found from the bundled file's own place (out/test/...) upwards.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder upwards that holds this extension's package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'swift-observatory')
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of swift-observatory not found above ${__dirname}`);
    dir = parent;
  }
}

/** The protocol fixtures vendored with the references (test/fixtures/protocol/{xrt,too}); SWIFT_FIXTURES_DIR overrides. */
export function fixturesDir(): string {
  const dir = process.env.SWIFT_FIXTURES_DIR ?? path.join(repoRoot(), 'test', 'fixtures', 'protocol');
  if (!fs.existsSync(dir)) throw new Error(`protocol fixtures not found at ${dir} (set SWIFT_FIXTURES_DIR)`);
  return dir;
}

export function readFixture(service: 'xrt' | 'too', name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(fixturesDir(), service, name), 'utf8'));
}

export function listFixtures(service: 'xrt' | 'too'): string[] {
  return fs
    .readdirSync(path.join(fixturesDir(), service))
    .filter((f) => f.endsWith('.json'))
    .sort();
}
