// Giving up a download's `.part` file (src/http/partFile.ts): a write stream destroyed before its file is
// open still creates the file once the open finishes; removed meanwhile, it came back (one try in fifty or
// so on this machine when the removal did not wait for the stream to close, more on a loaded one).
import * as assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discardPartFile } from '../../../src/http/partFile';

describe('a download’s .part file, given up', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swift-part-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is gone for good even when its stream is given up before the file is open (500 tries)', async () => {
    for (let i = 0; i < 500; i++) {
      const file = join(dir, `lc-${i}.tar.gz.part`);
      await discardPartFile(createWriteStream(file, { flags: 'w' }), file);
    }
    // Any open still under way has finished by the time a later one could: the pool runs them in order.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('is removed after its stream wrote and closed, and a missing file is no error', async () => {
    const file = join(dir, 'spec.tar.gz.part');
    const sink = createWriteStream(file, { flags: 'w' });
    await new Promise<void>((resolve) => sink.write('some bytes', () => resolve()));
    await discardPartFile(sink, file);
    assert.deepEqual(readdirSync(dir), []);
    await discardPartFile(undefined, join(dir, 'never-written.part'));
  });
});
