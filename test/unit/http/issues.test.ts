import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { formatIssues } from '../../../src/http/issues';

describe('formatIssues', () => {
  const issues = z
    .object({ a: z.number(), b: z.object({ c: z.string() }), d: z.boolean(), e: z.boolean() })
    .safeParse({ a: 'x', b: { c: 1 } }).error!.issues;

  it('writes "path: message" per issue, nested paths with dots', () => {
    const lines = formatIssues(issues);
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^a: /);
    assert.match(lines[1]!, /^b\.c: /);
  });

  it('lists at most `max`, counting the rest, and names a path-less issue by its root', () => {
    assert.deepEqual(formatIssues(issues, { max: 2 }).slice(2), ['(and 2 more)']);
    assert.deepEqual(formatIssues([{ path: [], message: 'not an object' }], { root: 'reply' }), ['reply: not an object']);
    assert.deepEqual(formatIssues([{ path: [], message: 'x' }]), ['(top level): x']);
    assert.deepEqual(formatIssues([{ path: [Symbol('s'), 0], message: 'x' }]), ['Symbol(s).0: x']);
  });
});
