// The sandbox fault that the per-job polling tests rely on: a fault with `match` applies only to the
// requests whose body contains the text (one job's status requests stall, the others are answered).
import * as assert from 'node:assert/strict';
import { FaultRegistry } from '../../../sandbox/faults';

describe('sandbox faults for one job', () => {
  it('applies a fault with `match` only to requests whose body contains it', () => {
    const faults = new FaultRegistry();
    faults.add({ prefix: '/user_objects/checkProductStatus.php', kind: 'timeout', count: 2, match: '"JobID":"7"' });
    const status = '/user_objects/checkProductStatus.php';
    assert.equal(faults.take(status, '{"UserID":"a@b.c","JobID":"8","what":"lc"}'), undefined, 'another job is answered');
    assert.equal(faults.take(status, '{"UserID":"a@b.c","JobID":"7","what":"lc"}')?.kind, 'timeout');
    assert.equal(faults.take(status)?.kind, undefined, 'a request without that body is not matched');
    assert.equal(faults.take(status, '{"JobID":"7"}')?.kind, 'timeout');
    assert.equal(faults.take(status, '{"JobID":"7"}'), undefined, 'used up after its count');
  });

  it('applies a fault without `match` to every request under its prefix, as before', () => {
    const faults = new FaultRegistry();
    faults.add({ prefix: '/user_objects/', kind: 'reset' });
    assert.equal(faults.take('/user_objects/getNumJobs.php', 'anything')?.kind, 'reset');
  });
});
