// The readable form of one TOO request (Show TOO Details): labelled sections in Markdown, in the order a
// requester thinks of them — target, what was asked, why, what was decided — with the raw record one
// click away (src/too/detailDocument.ts). Every value is service text, so it is written as plain text:
// Markdown and HTML characters are escaped, and nothing the service sends can become a link or markup.
import type { TooRecord } from './responseSchemas';
import { URGENCIES, formatUvotModeHex, xrtModeName } from './modes';

/**
 * Service text made inert for Markdown: line breaks fold into spaces, the characters that open emphasis,
 * code, links, tables or HTML are escaped, and so is a leading character that would start a heading, a
 * quote or a list. The document is read as source in the editor, so only what could become markup in a
 * preview is escaped, keeping names such as "GI-2026-4711" as written.
 */
function markdownText(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** {@link markdownText} for text that starts a paragraph: a leading `#`, `>`, `-`, `+`, `=` or `1.` is escaped too. */
function markdownParagraph(value: string): string {
  return markdownText(value)
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

type Field = readonly [label: string, value: string | undefined];

function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return undefined;
}

function seconds(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? `${value} s` : text(value);
}

function urgencyText(value: unknown): string | undefined {
  if (typeof value !== 'number') return text(value);
  const known = URGENCIES.find((u) => u.value === value);
  return known ? `${value} — ${known.meaning}` : String(value);
}

function xrtModeText(value: unknown): string | undefined {
  if (typeof value === 'number') return xrtModeName(value) ? `${xrtModeName(value)} (${value})` : String(value);
  return text(value);
}

function uvotModeText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? formatUvotModeHex(value) : text(value);
}

function degrees(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(5)}°` : text(value);
}

function section(title: string, fields: readonly Field[]): string[] {
  const present = fields.filter((f): f is readonly [string, string] => f[1] !== undefined);
  if (present.length === 0) return [];
  return [`## ${title}`, '', ...present.map(([label, value]) => `- **${label}:** ${markdownText(value)}`), ''];
}

/** A paragraph section for a long free text (a justification), or nothing when it is empty. */
function prose(title: string, value: unknown): string[] {
  const t = text(value);
  return t ? [`## ${title}`, '', markdownParagraph(t), ''] : [];
}

/** The readable detail of `record` (TOO `tooId`), as Markdown. */
export function tooDetailMarkdown(record: TooRecord, tooId: number): string {
  const name = text(record.target_name);
  const lines = [
    name ? `# ${markdownText(name)} — TOO ${tooId}` : `# TOO ${tooId}`,
    '',
    '*Read-only. The record exactly as the service sent it: "Show Raw JSON" in the editor title bar.*',
    '',
    ...section('Decision', [
      ['Decision', text(record.decision)],
      ['Approved exposure per visit', seconds(record.exp_time_per_visit_approved)],
      ['Approved visits', text(record.num_of_visits_approved)],
      ['Approved total exposure', seconds(record.total_exp_time_approved)],
      ['Approved XRT mode', xrtModeText(record.xrt_mode_approved)],
      ['Approved UVOT mode', uvotModeText(record.uvot_mode_approved)],
      ['Observations done', text(record.done)],
      ['Target ID', text(record.target_id)],
      [
        'Observation window',
        record.date_begin || record.date_end ? `${text(record.date_begin) ?? '?'} to ${text(record.date_end) ?? '?'}` : undefined,
      ],
    ]),
    ...section('Target', [
      ['Name', text(record.target_name)],
      ['Type', text(record.target_type)],
      ['RA (J2000)', degrees(record.ra)],
      ['Dec (J2000)', degrees(record.dec)],
      ['Position error', text(record.poserr)],
      ['GRB detector', text(record.grb_detector)],
      ['GRB trigger time', text(record.grb_triggertime)],
    ]),
    ...section('Brightness', [
      [
        'Optical magnitude',
        record.opt_mag !== undefined && record.opt_mag !== null
          ? `${text(record.opt_mag) ?? ''}${record.opt_filt ? ` (${record.opt_filt})` : ''}`
          : undefined,
      ],
      ['XRT count rate', text(record.xrt_countrate)],
      ['BAT count rate', text(record.bat_countrate)],
      ['Other', text(record.other_brightness)],
    ]),
    ...section('Request', [
      ['Submitted', text(record.timestamp)],
      ['Requester', text(record.l_name)],
      ['Urgency', urgencyText(record.urgency)],
      ['Instrument', text(record.instrument)],
      ['Observation type', text(record.obs_type)],
      ['Exposure per visit', seconds(record.exp_time_per_visit)],
      ['Visits', text(record.num_of_visits)],
      ['Monitoring cadence', text(record.monitoring_freq)],
      ['Total exposure', seconds(record.exposure)],
      ['XRT mode', xrtModeText(record.xrt_mode)],
      ['UVOT mode', uvotModeText(record.uvot_mode)],
      [
        'Tiling',
        record.tiling === true
          ? `yes${record.number_of_tiles ? `, ${text(record.number_of_tiles) ?? ''} tiles` : ''}`
          : record.tiling === false
            ? 'no'
            : undefined,
      ],
      ['Exposure per tile', seconds(record.exposure_time_per_tile)],
      [
        'GI proposal',
        record.proposal === true ? [text(record.proposal_id), text(record.proposal_pi)].filter(Boolean).join(', ') || 'yes' : undefined,
      ],
    ]),
    ...prose('Immediate objective', record.immediate_objective),
    ...prose('Science justification', record.science_just),
    ...prose('Exposure time justification', record.exp_time_just),
    ...prose('UVOT mode justification', record.uvot_just),
    ...prose('Tiling justification', record.tiling_justification),
    ...prose('GI proposal trigger justification', record.proposal_trigger_just),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
