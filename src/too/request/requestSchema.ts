// zod schema of a TOO request file (`*.too.json`): the form fields of `POST /swift/too`
// (test/fixtures/protocol/swift-too-v2.md §11.2) written with natural JSON types, the conditional rules
// shared with the JSON Schema generator, and the encoding to the form the stock client sends.
//
// Required fields and cross-field rules are the official client's (swift_too toorequest.py,
// SwiftTOOFormSchema / SwiftTOOPostSchema validators, §17 T5): the TOO API overview page's nine, except that
// `exposure` may be left out (computed as `exp_time_per_visit` × `num_of_visits`, as the client
// does), and `username` comes from the sign-in rather than the file. `num_of_visits` defaults to 1
// and the client then always demands `monitoring_freq` and `exp_time_per_visit`, also for a single
// visit; a server sharing its form schema would refuse a request without them, so we demand them too.
import * as z from 'zod';
import {
  DEFAULT_INSTRUMENT,
  DEFAULT_URGENCY,
  DEFAULT_XRT_MODE,
  INSTRUMENTS,
  OBS_TYPES,
  TILE_COUNTS,
  URGENCIES,
  URGENCY_VALUES,
  XRT_MODES,
  XRT_MODE_CODES,
  XRT_MODE_NAMES,
  formatUvotModeHex,
  isFilterOfTheDay,
  parseUvotModeHex,
  xrtModeCode,
} from '../modes';
import { allOf, equals, evaluateRules, matches, not, present, type RequestRule, type RequiredPhrasing } from '../../editing/requestRules';
import { MONITORING_FREQ_PATTERN, parseMonitoringFreq } from './monitoringFreq';
import { findPlaceholders } from './placeholders';
import { DATETIME_TEXT_PATTERN, pythonDatetimeText, pythonFloatText, pythonNumberText } from '../wireText';

const md = (markdownDescription: string) => ({ markdownDescription });

const requiredText = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .regex(/\S/, { error: `${what} must not be empty` })
    .meta({ patternErrorMessage: `${what} must not be empty` });
const optionalText = (what: string) => z.string({ error: `${what} must be text` }).nullish();

// Hex `0x` plus 1–4 digits, or free text that does not pretend to be hex.
const UVOT_MODE_TEXT = /^\s*0[xX][0-9A-Fa-f]{1,4}\s*$|^(?!\s*0[xX])[\s\S]*\S[\s\S]*$/;
const UVOT_TEXT_HINT = 'Hex text 0x followed by 1–4 hex digits (e.g. 0x30ED), or free text not starting with 0x';
const TILE_NUMBERS = [4, 7, 19, 37] as const;

const urgencyList = URGENCIES.map((u) => `\`${u.value}\` ${u.meaning}`).join('; ');
const xrtModeList = XRT_MODES.map((m) => `\`${m.code}\`/\`${m.name}\``).join(', ');

export const tooRequestSchema = z
  .strictObject({
    $schema: z.string().optional().meta(md('Address of the JSON Schema the editor uses for this file. Not sent.')),
    target_name: requiredText('target_name').meta(md('**Required.** Source name, e.g. `SMC X-3` or `GRB 260101A`.')),
    target_type: requiredText('target_type').meta(
      md(
        '**Required.** Source type or classification, free text, e.g. `GRB`, `AGN`, `M dwarf`, `Be/XRB`. `GRB` makes `grb_detector` and `grb_triggertime` required.',
      ),
    ),
    ra: z
      .number({ error: 'ra must be a number of degrees' })
      .min(0, { error: 'ra must be from 0 to 360 degrees' })
      .max(360, { error: 'ra must be from 0 to 360 degrees' })
      .meta(md('**Required.** Right ascension, J2000, in **degrees** (0–360).')),
    dec: z
      .number({ error: 'dec must be a number of degrees' })
      .min(-90, { error: 'dec must be from -90 to 90 degrees' })
      .max(90, { error: 'dec must be from -90 to 90 degrees' })
      .meta(md('**Required.** Declination, J2000, in **degrees** (−90–90).')),
    poserr: z
      .number({ error: 'poserr must be a number of arcminutes' })
      .min(0, { error: 'poserr must not be negative' })
      .nullish()
      .meta(md('Position error, **arcminutes** (90 % confidence). Optional; not sent when absent.')),
    instrument: z
      .enum(INSTRUMENTS, { error: `instrument must be one of ${INSTRUMENTS.join(', ')}` })
      .default(DEFAULT_INSTRUMENT)
      .meta(md('The instrument that matters most for this request: `XRT`, `UVOT` or `BAT`. Default `XRT`.')),
    obs_type: z
      .enum(OBS_TYPES, { error: `obs_type must be one of ${OBS_TYPES.map((t) => `"${t}"`).join(', ')}` })
      .meta(md('**Required.** What drives the exposure time: `Spectroscopy`, `Light Curve`, `Position` or `Timing`.')),
    urgency: z
      .literal(URGENCY_VALUES, { error: 'urgency must be a whole number from 0 to 4' })
      .default(DEFAULT_URGENCY)
      .meta(md(`Urgency, 0 (most urgent) to 4 (least): ${urgencyList}. Default \`3\`.`)),
    opt_mag: z
      .union([z.number(), z.string().regex(/\S/)], { error: 'opt_mag must be a magnitude (number) or text' })
      .nullish()
      .meta(
        md(
          'Optical magnitude (number, or text such as `>20`). Needs `opt_filt`. One brightness is required: `opt_mag` with `opt_filt`, `xrt_countrate`, `bat_countrate` or `other_brightness`.',
        ),
      ),
    opt_filt: optionalText('opt_filt').meta(md('Filter or band of `opt_mag`, e.g. `V`, `R`, `g`. Required with `opt_mag`.')),
    xrt_countrate: z
      .union([z.number().min(0), z.string().regex(/\S/)], { error: 'xrt_countrate must be a count rate (number) or text' })
      .nullish()
      .meta(md('Expected XRT count rate, **counts/s** (number, or text). Sent as text.')),
    bat_countrate: z
      .union([z.number().min(0), z.string().regex(/\S/)], { error: 'bat_countrate must be a count rate (number) or text' })
      .nullish()
      .meta(md('Expected BAT count rate, **counts/s** (number, or text). Sent as text.')),
    other_brightness: optionalText('other_brightness').meta(
      md('Other brightness information (free text), when no magnitude or count rate is known.'),
    ),
    grb_detector: optionalText('grb_detector').meta(
      md('Instrument that discovered the GRB, e.g. `Fermi/GBM`. Required when `target_type` is `GRB`.'),
    ),
    grb_triggertime: z
      .string({ error: 'grb_triggertime must be text' })
      .regex(new RegExp(DATETIME_TEXT_PATTERN), { error: 'grb_triggertime must be a UTC date and time like 2026-01-01T01:02:03' })
      .meta({ patternErrorMessage: 'A UTC date and time like 2026-01-01T01:02:03' })
      .nullish()
      .meta(md('GRB trigger time, **UTC**, `YYYY-MM-DDTHH:MM:SS` (fraction and `Z` allowed). Required when `target_type` is `GRB`.')),
    uvot_mode: z
      .union([z.number().int().min(0).max(0xffff), z.string().regex(UVOT_MODE_TEXT).meta({ patternErrorMessage: UVOT_TEXT_HINT })], {
        error: 'uvot_mode must be a mode number (0–65535), hex text 0x0000–0xFFFF, or free text not starting with 0x',
      })
      .default('0x9999')
      .meta(
        md(
          'Requested UVOT mode: hex text (`"0x30ED"`), a number (`12525`), or free text describing the filters. Default `"0x9999"`, the filter of the day; any other mode needs `uvot_just`. Sent as `0x%04X`.',
        ),
      ),
    uvot_just: z
      .string({ error: 'uvot_just must be text' })
      .default('')
      .meta(
        md(
          'Why a UVOT mode other than the filter of the day (`0x9999`) is needed. Required for any other mode. Default empty (sent empty).',
        ),
      ),
    science_just: requiredText('science_just').meta(md('**Required.** Science justification.')),
    immediate_objective: requiredText('immediate_objective').meta(md('**Required.** The immediate objective of the observation.')),
    exposure: z
      .number({ error: 'exposure must be a number of seconds' })
      .int({ error: 'exposure must be whole seconds' })
      .positive({ error: 'exposure must be greater than 0' })
      .nullish()
      .meta(md('Total requested exposure, **seconds**. When absent it is computed as `exp_time_per_visit` × `num_of_visits`.')),
    exp_time_just: requiredText('exp_time_just').meta(md('**Required.** Why this exposure time is needed.')),
    exp_time_per_visit: z
      .number({ error: 'exp_time_per_visit must be a number of seconds' })
      .positive({ error: 'exp_time_per_visit must be greater than 0' })
      .nullish()
      .meta(md("**Required.** Exposure per visit, **seconds** (the service's form demands it whatever the number of visits).")),
    num_of_visits: z
      .number({ error: 'num_of_visits must be a whole number' })
      .int({ error: 'num_of_visits must be a whole number' })
      .min(1, { error: 'num_of_visits must be at least 1' })
      .default(1)
      .meta(md('Number of visits. Default `1`. `monitoring_freq` and `exp_time_per_visit` are needed whatever the number.')),
    monitoring_freq: z
      .string({ error: 'monitoring_freq must be text' })
      .regex(new RegExp(MONITORING_FREQ_PATTERN), {
        error: (issue) => (typeof issue.input === 'string' ? monitoringFreqMessage(issue.input) : 'monitoring_freq must be text'),
      })
      .meta({ patternErrorMessage: 'A number, a space and a unit (second, minute, orbit, day, week, month), e.g. "2 days"' })
      .nullish()
      .meta(
        md(
          'Cadence of the visits: a number, a space and a unit — `second`, `minute`, `orbit`, `day`, `week` or `month` (plural allowed), e.g. `"2 days"`, `"1 orbit"`, `"30 minutes"`. **Required**, also for one visit (e.g. `"1 day"`). Sent trimmed.',
        ),
      ),
    proposal: z
      .boolean({ error: 'proposal must be true or false' })
      .default(false)
      .meta(
        md(
          '`true` when this TOO belongs to a Guest Investigator program; then `proposal_id`, `proposal_pi` and `proposal_trigger_just` are required. Default `false`.',
        ),
      ),
    proposal_id: optionalText('proposal_id').meta(md('GI proposal ID. Required when `proposal` is `true`.')),
    proposal_pi: optionalText('proposal_pi').meta(md('GI proposal PI. Required when `proposal` is `true`.')),
    proposal_trigger_just: optionalText('proposal_trigger_just').meta(
      md("Why the GI program's trigger criteria are met. Required when `proposal` is `true`."),
    ),
    xrt_mode: z
      .union([z.literal(XRT_MODE_CODES), z.enum(XRT_MODE_NAMES)], { error: `xrt_mode must be one of ${xrtModeList}` })
      .default(DEFAULT_XRT_MODE)
      .meta(
        md(
          `XRT mode, code or name: ${xrtModeList}. TOOs are meant to use \`0\` (Auto), \`6\` (WT) or \`7\` (PC). Default \`7\` (PC). Sent as the code.`,
        ),
      ),
    tiling: z
      .boolean({ error: 'tiling must be true or false' })
      .default(false)
      .meta(
        md(
          '`true` for a tiled observation (several pointings around the position); then `tiling_justification` is required. Default `false`.',
        ),
      ),
    number_of_tiles: z
      .union([z.literal(TILE_NUMBERS), z.enum(TILE_COUNTS)], { error: `number_of_tiles must be one of ${TILE_COUNTS.join(', ')}` })
      .nullish()
      .meta(md('Number of tiles for a tiled observation: `4`, `7`, `19`, `37` or `"Other"`.')),
    exposure_time_per_tile: z
      .number({ error: 'exposure_time_per_tile must be a number of seconds' })
      .positive({ error: 'exposure_time_per_tile must be greater than 0' })
      .nullish()
      .meta(md('Exposure per tile, **seconds**, for a tiled observation.')),
    tiling_justification: optionalText('tiling_justification').meta(md('Why tiling is needed. Required when `tiling` is `true`.')),
    debug: z
      .boolean({ error: 'debug must be true or false' })
      .default(false)
      .meta(md('`true` makes this a test submission that goes through the whole process without filing a real TOO. Default `false`.')),
  })
  .superRefine((request, ctx) => {
    for (const issue of checkTooRequestRules(request)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type TooRequest = z.output<typeof tooRequestSchema>;
type TooRequestField = Exclude<keyof TooRequest, '$schema'>;

function monitoringFreqMessage(text: string): string {
  const parsed = parseMonitoringFreq(text);
  return parsed.ok ? 'monitoring_freq must start with a number, a space and a unit, e.g. "2 days"' : parsed.message;
}

// ---------------------------------------------------------------------------------------------
// Conditional rules: one table, read by `superRefine` above (and so by the editor's diagnostics and the
// check before sending); the JSON Schema leaves them out (src/editing/requestRules.ts says why).

// Presence is the engine's (src/editing/requestRules.ts): given and not null, as swift_too's
// validators test `is None`. Only the UVOT justification is compared with "" there (its default), so
// its rule is a value test: text that is not blank.

/** uvot_mode names the filter of the day: the number 0x9999, or text containing "0x9999" (any case of x), as isFilterOfTheDay. */
const filterOfTheDay = matches<TooRequestField>(
  'uvot_mode',
  (v) => (typeof v === 'number' || typeof v === 'string') && isFilterOfTheDay(v),
);
const UVOT_JUST_MESSAGE = 'uvot_just is required when uvot_mode is not the filter of the day (0x9999)';

const TOO_REQUEST_RULES: readonly RequestRule<TooRequestField>[] = [
  {
    kind: 'require',
    id: 'grb-trigger',
    when: equals('target_type', 'GRB'),
    keys: ['grb_detector', 'grb_triggertime'],
    because: 'when target_type is "GRB"',
  },
  {
    // num_of_visits defaults to 1, and the client's form schema then demands both (toorequest.py).
    kind: 'require',
    id: 'visits',
    keys: ['monitoring_freq', 'exp_time_per_visit'],
    because: '(the service\'s form needs it whatever num_of_visits is; for one visit e.g. "1 day")',
  },
  {
    kind: 'requireOneGroup',
    id: 'brightness',
    groups: [['opt_mag', 'opt_filt'], ['xrt_countrate'], ['bat_countrate'], ['other_brightness']],
    message: 'Missing brightness: give opt_mag with opt_filt, xrt_countrate, bat_countrate or other_brightness',
  },
  {
    kind: 'require',
    id: 'optical-filter',
    when: present('opt_mag'),
    keys: ['opt_filt'],
    because: 'with opt_mag',
  },
  {
    kind: 'assert',
    id: 'uvot-justification',
    when: allOf(present('uvot_mode'), not(filterOfTheDay)),
    condition: matches('uvot_just', (v) => typeof v === 'string' && /\S/.test(v)),
    path: ['uvot_just'],
    message: UVOT_JUST_MESSAGE,
  },
  {
    kind: 'require',
    id: 'gi-proposal',
    when: equals('proposal', true),
    keys: ['proposal_id', 'proposal_pi', 'proposal_trigger_just'],
    because: 'when proposal is true',
  },
  {
    kind: 'require',
    id: 'tiling',
    when: equals('tiling', true),
    keys: ['tiling_justification'],
    because: 'when tiling is true',
  },
];

/** "grb_detector is required when target_type is \"GRB\"" — in the submit check and the editor alike. */
const tooRequiredPhrasing: RequiredPhrasing = (keys, because) =>
  `${keys.join(', ')} ${keys.length === 1 ? 'is' : 'are'} required ${because}`;

interface TooRequestIssue {
  path: (string | number)[];
  /** Where the editor shows it when not on `path`: a rule's causing key (RuleViolation.at). */
  at?: readonly (string | number)[];
  message: string;
  /** What kind of problem, when the editor tells it apart (a template placeholder). */
  code?: 'placeholder';
}

/** Issues from the conditional rules alone; works on raw (unvalidated) objects too. */
export function checkTooRequestRules(request: Record<string, unknown>): TooRequestIssue[] {
  return evaluateRules(request, TOO_REQUEST_RULES, tooRequiredPhrasing).map((v) => ({ path: [...v.path], at: v.at, message: v.message }));
}

// ---------------------------------------------------------------------------------------------

type TooRequestValidation = { ok: true; value: TooRequest } | { ok: false; issues: TooRequestIssue[] };

export function validateTooRequest(value: unknown): TooRequestValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: [], message: 'A TOO request must be a JSON object of form fields' }] };
  }
  // A template placeholder is the one problem of its field: "ra must be a number" would only
  // distract from "write the burst's right ascension here".
  const placeholders = findPlaceholders(value);
  const placeholderFields = new Set(placeholders.map((p) => p.field));
  const parsed = tooRequestSchema.safeParse(value);
  if (parsed.success && placeholders.length === 0) return { ok: true, value: parsed.data };
  const fields = value as Record<string, unknown>;
  const issues: TooRequestIssue[] = placeholders.map((p) => ({ path: [p.field], message: p.message, code: 'placeholder' }));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (issue.path.length > 0 && placeholderFields.has(String(issue.path[0]))) continue;
    // The rules' issues (superRefine's, the only custom ones) are added below with where to show them.
    if (issue.code === 'custom') continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ path: [...issue.path.map(pathKey), key], message: `Unknown field "${key}" (not a TOO request field)` });
    } else if (issue.path.length === 1 && fields[String(issue.path[0])] === undefined) {
      issues.push({ path: issue.path.map(pathKey), message: `${String(issue.path[0])} is required` });
    } else {
      issues.push({ path: issue.path.map(pathKey), message: issue.message });
    }
  }
  // zod skips `superRefine` once a field is invalid; the editor should still see the rule issues.
  for (const issue of checkTooRequestRules(fields)) {
    if (placeholderFields.has(String(issue.path[0]))) continue;
    issues.push(issue);
  }
  return { ok: false, issues };
}

// zod paths may hold symbols in theory; request files are plain JSON, so stringify them.
function pathKey(key: PropertyKey): string | number {
  return typeof key === 'symbol' ? String(key) : key;
}

// ---------------------------------------------------------------------------------------------
// Wire form. Field order follows the stock client's capture (too.post.request*.json); where the
// capture never shows a field (poserr, opt_*, bat_countrate, other_brightness, proposal_*, tiling
// details), it sits next to its related field — the server reads a form by name, not position.

interface TooFormContext {
  /** The account name the session belongs to (the stock client sends its configured user). */
  username: string;
  /** Ask the server to validate only (reply `Validated`), not to file the TOO. */
  validateOnly?: boolean;
}

type FormValue = string | undefined;

export function toFormFields(request: TooRequest, context: TooFormContext): URLSearchParams {
  const exposure = request.exposure ?? computedExposure(request);
  const fields: [string, FormValue][] = [
    ['target_name', request.target_name],
    ['target_type', request.target_type],
    ['ra', pythonFloatText(request.ra)],
    ['dec', pythonFloatText(request.dec)],
    ['poserr', optionalFloat(request.poserr)],
    ['instrument', request.instrument],
    ['obs_type', request.obs_type],
    ['urgency', String(request.urgency)],
    ['opt_mag', typeof request.opt_mag === 'number' ? pythonFloatText(request.opt_mag) : text(request.opt_mag)],
    ['opt_filt', text(request.opt_filt)],
    ['xrt_countrate', countRateText(request.xrt_countrate)],
    ['bat_countrate', countRateText(request.bat_countrate)],
    ['other_brightness', text(request.other_brightness)],
    ['grb_detector', text(request.grb_detector)],
    ['grb_triggertime', request.grb_triggertime == null ? undefined : pythonDatetimeText(request.grb_triggertime, 'T')],
    ['uvot_mode', uvotModeFormText(request.uvot_mode)],
    ['science_just', request.science_just],
    ['immediate_objective', request.immediate_objective],
    ['exposure', exposure === undefined ? undefined : String(exposure)],
    ['proposal', String(request.proposal)],
    ['proposal_id', text(request.proposal_id)],
    ['proposal_pi', text(request.proposal_pi)],
    ['proposal_trigger_just', text(request.proposal_trigger_just)],
    ['uvot_just', request.uvot_just],
    ['xrt_mode', String(typeof request.xrt_mode === 'number' ? request.xrt_mode : xrtModeCode(request.xrt_mode))],
    ['tiling', String(request.tiling)],
    ['number_of_tiles', request.number_of_tiles == null ? undefined : String(request.number_of_tiles)],
    ['exposure_time_per_tile', optionalFloat(request.exposure_time_per_tile)],
    ['tiling_justification', text(request.tiling_justification)],
    ['exp_time_just', request.exp_time_just],
    ['exp_time_per_visit', optionalFloat(request.exp_time_per_visit)],
    ['num_of_visits', String(request.num_of_visits)],
    // Trimmed, as the client's cadence validator does before sending.
    ['monitoring_freq', request.monitoring_freq == null ? undefined : request.monitoring_freq.trim()],
    ['username', context.username],
    ['debug', String(request.debug)],
    // `quiet` is always true in the stock client; its v2 meaning is unknown, so it is not offered.
    ['quiet', 'true'],
    ['validate_only', String(context.validateOnly ?? false)],
  ];
  const form = new URLSearchParams();
  for (const [name, value] of fields) if (value !== undefined) form.append(name, value);
  return form;
}

// The stock client multiplies per-visit time by visits; the form field is whole seconds.
function computedExposure(request: TooRequest): number | undefined {
  if (request.exp_time_per_visit == null) return undefined;
  return Math.round(request.exp_time_per_visit * request.num_of_visits);
}

function text(value: string | null | undefined): FormValue {
  return value ?? undefined;
}

function optionalFloat(value: number | null | undefined): FormValue {
  return value == null ? undefined : pythonFloatText(value);
}

function countRateText(value: number | string | null | undefined): FormValue {
  return typeof value === 'number' ? pythonNumberText(value) : text(value);
}

/** Numbers and hex text become `0x%04X`; free text is sent as written. */
export function uvotModeFormText(mode: number | string): string {
  if (typeof mode === 'number') return formatUvotModeHex(mode);
  const hex = parseUvotModeHex(mode);
  return hex === undefined ? mode : formatUvotModeHex(hex);
}
