// Validation of the `POST /swift/too` form (test/fixtures/protocol/swift-too-v2.md §11.2) as a FastAPI
// server would do it: field types and ranges first, then the cross-field rules (only when every field
// parsed, as pydantic's model validators run). Problems come back as 422 `detail` items.
import { ParamReader } from './params';
import type { ValidationIssue } from './replies';
import type { TooSubmission } from './tooStore';

export const OBS_TYPES = ['Spectroscopy', 'Light Curve', 'Position', 'Timing'] as const;
const INSTRUMENTS = ['XRT', 'UVOT', 'BAT'] as const;
const TILE_COUNTS = ['4', '7', '19', '37', 'Other'] as const;
const XRT_MODES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 150, 200, 255];
/** The client's cadence grammar (§11.3), plus hours, which it sends itself. */
const CADENCE = /^\d+(\.\d+)?\s+(day?|week?|month?|orbit?|minute?|second?|hour?)(s?)$/i;

export interface ParsedTooForm {
  submission: TooSubmission;
  username: string;
  debug: boolean;
  quiet: boolean;
  validateOnly: boolean;
}

export function parseTooForm(params: URLSearchParams): { issues: ValidationIssue[] } | ParsedTooForm {
  const r = new ParamReader('body', params);
  const target_name = r.string('target_name', { required: true });
  const target_type = r.string('target_type', { required: true });
  const ra = r.float('ra', { required: true, ge: 0, le: 360 });
  const dec = r.float('dec', { required: true, ge: -90, le: 90 });
  const poserr = r.float('poserr', { ge: 0 });
  const instrument = r.oneOf('instrument', INSTRUMENTS) ?? 'XRT';
  // T10: a blank obs_type is tolerated on input; anything else must be one of the four.
  const obsTypeRaw = r.string('obs_type', { keepEmpty: true });
  if (obsTypeRaw === undefined) r.issue('obs_type', 'missing', 'Field required', null);
  const obs_type = obsTypeRaw === '' ? '' : obsTypeRaw === undefined ? undefined : r.oneOf('obs_type', OBS_TYPES);
  const urgency = r.int('urgency', { ge: 0, le: 4 }) ?? 3;
  const science_just = r.string('science_just', { required: true });
  const immediate_objective = r.string('immediate_objective', { required: true });
  const exp_time_just = r.string('exp_time_just', { required: true });
  const exposure = r.int('exposure', { required: true, gt: 0 });
  const exp_time_per_visit = r.float('exp_time_per_visit', { gt: 0 });
  const num_of_visits = r.int('num_of_visits', { ge: 1 }) ?? 1;
  const monitoring_freq = r.string('monitoring_freq');
  if (monitoring_freq !== undefined && !CADENCE.test(monitoring_freq.trim())) {
    r.issue(
      'monitoring_freq',
      'string_pattern_mismatch',
      "String should match pattern '<number> <day|week|month|orbit|hour|minute|second>[s]'",
      monitoring_freq,
    );
  }
  const xrt_mode = r.int('xrt_mode') ?? 7;
  if (!XRT_MODES.includes(xrt_mode)) r.issue('xrt_mode', 'enum', `Input should be ${XRT_MODES.join(', ')}`, String(xrt_mode));
  const grb_triggertime = r.datetime('grb_triggertime');
  const number_of_tiles = r.oneOf('number_of_tiles', TILE_COUNTS);
  const exposure_time_per_tile = r.float('exposure_time_per_tile', { gt: 0 });
  const proposal = r.bool('proposal', false);
  const tiling = r.bool('tiling', false);
  const debug = r.bool('debug', false);
  const quiet = r.bool('quiet', true);
  const validateOnly = r.bool('validate_only', false);
  const username = r.string('username', { required: true });
  const text = (name: string): string | undefined => r.string(name);

  const submission = {
    target_name,
    target_type,
    ra,
    dec,
    poserr,
    instrument,
    obs_type,
    urgency,
    opt_mag: text('opt_mag'),
    opt_filt: text('opt_filt'),
    xrt_countrate: text('xrt_countrate'),
    bat_countrate: text('bat_countrate'),
    other_brightness: text('other_brightness'),
    grb_detector: text('grb_detector'),
    grb_triggertime,
    uvot_mode: text('uvot_mode') ?? '0x9999',
    uvot_just: r.string('uvot_just', { keepEmpty: true }) ?? '',
    science_just,
    immediate_objective,
    exposure,
    exp_time_just,
    exp_time_per_visit,
    num_of_visits,
    monitoring_freq: normaliseCadence(monitoring_freq),
    proposal,
    proposal_id: text('proposal_id'),
    proposal_pi: text('proposal_pi'),
    proposal_trigger_just: text('proposal_trigger_just'),
    xrt_mode,
    tiling,
    number_of_tiles,
    exposure_time_per_tile,
    tiling_justification: text('tiling_justification'),
  };
  if (!r.ok || !isComplete(submission) || username === undefined) return { issues: r.issues };

  const crossField = crossFieldProblems(submission);
  if (crossField.length)
    return {
      issues: crossField.map((msg) => ({
        type: 'value_error',
        loc: ['body'],
        msg: `Value error, ${msg}`,
        input: Object.fromEntries(params),
      })),
    };
  return { submission, username, debug, quiet, validateOnly };
}

function isComplete(s: Partial<TooSubmission>): s is TooSubmission {
  return ['target_name', 'target_type', 'ra', 'dec', 'obs_type', 'science_just', 'immediate_objective', 'exp_time_just', 'exposure'].every(
    (k) => s[k as keyof TooSubmission] !== undefined,
  );
}

/**
 * Cadences come back in TOO records, where the client rejects "hours" (§11.3): keep the text as
 * sent unless it is in hours, which becomes minutes.
 */
function normaliseCadence(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s+hours?$/i.exec(text.trim());
  return m ? `${Math.round(Number(m[1]) * 60)} minutes` : text.trim();
}

function crossFieldProblems(s: TooSubmission): string[] {
  const problems: string[] = [];
  const optical = s.opt_mag !== undefined && s.opt_filt !== undefined;
  if (!optical && s.xrt_countrate === undefined && s.bat_countrate === undefined && s.other_brightness === undefined) {
    problems.push('At least one brightness estimate is required: opt_mag with opt_filt, xrt_countrate, bat_countrate or other_brightness.');
  }
  if (s.target_type.trim().toUpperCase() === 'GRB' && (s.grb_detector === undefined || s.grb_triggertime === undefined)) {
    problems.push('GRB requests need grb_detector and grb_triggertime.');
  }
  if (s.proposal && (s.proposal_id === undefined || s.proposal_pi === undefined || s.proposal_trigger_just === undefined)) {
    problems.push('GI-program requests (proposal=true) need proposal_id, proposal_pi and proposal_trigger_just.');
  }
  if (s.tiling && s.tiling_justification === undefined) problems.push('Tiled requests need tiling_justification.');
  if (!/0x9999/i.test(s.uvot_mode) && s.uvot_just.trim() === '')
    problems.push('uvot_just is required when uvot_mode is not the filter of the day (0x9999).');
  // The official client's form schema (swift_too toorequest.py): num_of_visits defaults to 1 and then
  // demands both, whatever the number of visits; a server sharing that schema behaves the same.
  if (s.monitoring_freq === undefined) problems.push('Must specify monitoring frequency if number of visits is specified.');
  if (s.exp_time_per_visit === undefined) problems.push('Must specify exposure time per visit if number of visits is specified.');
  return problems;
}
