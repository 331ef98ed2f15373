// The readable TOO detail (Show TOO Details): labelled sections from the record, service text made inert.
import * as assert from 'node:assert/strict';
import { tooDetailMarkdown } from '../../../src/too/detailText';
import type { TooRecord } from '../../../src/too/responseSchemas';

const RECORD: TooRecord = {
  too_id: 22683,
  target_name: 'GRB 260101A',
  target_type: 'GRB',
  ra: 195.699,
  dec: -12.5,
  urgency: 2,
  xrt_mode: 7,
  uvot_mode: 0x9999,
  exp_time_per_visit: 2000,
  num_of_visits: 3,
  monitoring_freq: '1 day',
  science_just: 'A bright burst.\nFollow the afterglow.',
  immediate_objective: 'Localise the X-ray afterglow',
  proposal: true,
  proposal_id: 'GI-2026-4711',
  proposal_pi: 'A. Astronomer',
  decision: 'Approved',
} as TooRecord;

describe('TOO: readable detail', () => {
  it('labels what was asked, why and what was decided, in sections', () => {
    const md = tooDetailMarkdown(RECORD, 22683);
    assert.match(md, /^# GRB 260101A — TOO 22683\n/);
    for (const heading of ['## Decision', '## Target', '## Request', '## Immediate objective', '## Science justification'])
      assert.ok(md.includes(`\n${heading}\n`), heading);
    assert.ok(md.includes('- **RA (J2000):** 195.69900°'));
    assert.ok(md.includes('- **Urgency:** 2 — high priority (HIGH)'));
    assert.ok(md.includes('- **XRT mode:** PC (7)'), md);
    assert.ok(md.includes('- **UVOT mode:** 0x9999'));
    assert.ok(md.includes('- **Exposure per visit:** 2000 s'));
    assert.ok(md.includes('- **GI proposal:** GI-2026-4711, A. Astronomer'));
    assert.ok(md.includes('A bright burst. Follow the afterglow.'), 'a justification is one paragraph');
    assert.ok(!md.includes('## Brightness'), 'an empty section is left out');
  });

  it('writes HTML and Markdown in service text as plain characters', () => {
    const md = tooDetailMarkdown(
      { ...RECORD, target_name: '<img src=x onerror=alert(1)>', science_just: '# not a heading [link](command:x) *bold*' },
      1,
    );
    assert.ok(!/(^|[^\\])<img/.test(md), md);
    assert.ok(md.includes('\\<img src=x onerror=alert(1)\\>'));
    assert.ok(md.includes('\\# not a heading \\[link\\](command:x) \\*bold\\*'), md);
    // A justification is a paragraph of its own: what would start a list there is escaped.
    assert.match(tooDetailMarkdown({ ...RECORD, science_just: '- item' }, 1), /\n\\- item\n/);
    assert.match(tooDetailMarkdown({ ...RECORD, science_just: '12. May' }, 1), /\n12\\\. May\n/);
    // Inside a labelled line nothing starts a list, so "12. May" (and names such as GI-2026-4711, above) stay as written.
    assert.match(tooDetailMarkdown({ ...RECORD, monitoring_freq: '12. May' }, 1), /:\*\* 12\. May\n/);
  });

  it('names the request by its ID when the record has no target name', () => {
    assert.match(tooDetailMarkdown({ too_id: 5 } as TooRecord, 5), /^# TOO 5\n/);
  });
});
