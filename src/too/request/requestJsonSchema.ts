// Turns the zod TOO request schema and its conditional-rule table into the draft-07 JSON Schema
// the editor's JSON language service applies to `*.too.json` files.
import * as z from 'zod';
import { TOO_REQUEST_RULES, tooRequestSchema, type RuleCondition, type RuleRequirement, type TooRequestField, type TooRequestRule } from './requestSchema';
import { UVOT_FILTER_OF_THE_DAY } from '../modes';

export const TOO_REQUEST_SCHEMA_ID = 'https://swift-observatory.invalid/schemas/too-request.schema.json';

type JsonSchema = Record<string, unknown>;

export function buildTooRequestJsonSchema(): object {
  const base = z.toJSONSchema(tooRequestSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return {
    ...base,
    $id: TOO_REQUEST_SCHEMA_ID,
    title: 'Swift TOO request',
    markdownDescription:
      'A Swift **Target of Opportunity** request: the fields of the TOO API v2 submission form. Positions in degrees (J2000), times in seconds, UTC datetimes.',
    allOf: TOO_REQUEST_RULES.map(ruleToJsonSchema),
    defaultSnippets: DEFAULT_SNIPPETS,
  };
}

/** One `if/then` (or plain `anyOf` for rules that always apply) per row of the rule table. */
export function ruleToJsonSchema(rule: TooRequestRule): JsonSchema {
  const then = requirementSchema(rule);
  if (rule.when.kind === 'always') return { $comment: rule.id, ...then };
  return { $comment: rule.id, if: conditionSchema(rule.when), then };
}

// "Present" = the key exists with a value that is not null and, for text, not blank. `pattern`
// only constrains strings, so the same sub-schema serves numeric fields.
function presentSchema(fields: TooRequestField[]): JsonSchema {
  return {
    required: fields,
    properties: Object.fromEntries(fields.map((field) => [field, { not: { type: 'null' }, pattern: '\\S' }])),
  };
}

function conditionSchema(condition: Exclude<RuleCondition, { kind: 'always' }>): JsonSchema {
  switch (condition.kind) {
    case 'equals':
      return { required: [condition.field], properties: { [condition.field]: { const: condition.value } } };
    case 'greaterThan':
      return { required: [condition.field], properties: { [condition.field]: { type: 'number', exclusiveMinimum: condition.value } } };
    case 'present':
      return presentSchema([condition.field]);
    case 'missing':
      return { not: presentSchema([condition.field]) };
    case 'notFilterOfTheDay':
      // Mirrors isFilterOfTheDay(): the number 0x9999, or text containing "0x9999" (any case of x).
      return {
        ...presentSchema([condition.field]),
        not: { properties: { [condition.field]: { anyOf: [{ const: UVOT_FILTER_OF_THE_DAY }, { type: 'string', pattern: '0[xX]9999' }] } } },
      };
  }
}

function requirementSchema(rule: TooRequestRule): JsonSchema {
  const requirement: RuleRequirement = rule.require;
  if (requirement.kind === 'allOf') {
    return { ...presentSchema(requirement.fields), errorMessage: `${requirement.fields.join(', ')} required ${rule.because}` };
  }
  return { anyOf: requirement.groups.map(presentSchema), errorMessage: rule.because };
}

const SHARED_TEXTS = {
  science_just: '${1:Why this observation matters now.}',
  immediate_objective: '${2:What this observation will establish.}',
};

const DEFAULT_SNIPPETS = [
  {
    label: 'GRB TOO',
    description: 'Localise the X-ray afterglow of a gamma-ray burst (GRB trigger fields required).',
    body: {
      target_name: 'GRB ${3:260101A}',
      target_type: 'GRB',
      ra: 0,
      dec: 0,
      poserr: 5,
      instrument: 'XRT',
      obs_type: 'Position',
      urgency: 2,
      xrt_countrate: 1,
      grb_detector: '${4:Fermi/GBM}',
      grb_triggertime: '${5:2026-01-01T00:00:00}',
      ...SHARED_TEXTS,
      exposure: 2000,
      exp_time_just: '${6:2 ks reaches the typical afterglow flux.}',
      exp_time_per_visit: 2000,
      num_of_visits: 1,
      monitoring_freq: '1 day',
      xrt_mode: 'PC',
    },
  },
  {
    label: 'Monitoring campaign',
    description: 'Several visits at a fixed cadence (monitoring_freq and exp_time_per_visit required).',
    body: {
      target_name: '${3:Source name}',
      target_type: '${4:Be/XRB}',
      ra: 0,
      dec: 0,
      instrument: 'XRT',
      obs_type: 'Light Curve',
      urgency: 3,
      xrt_countrate: 0.1,
      ...SHARED_TEXTS,
      exp_time_just: '${5:Counts needed per visit.}',
      exp_time_per_visit: 2000,
      num_of_visits: 10,
      monitoring_freq: '${6:2 days}',
      xrt_mode: 'PC',
    },
  },
  {
    label: 'Single observation',
    description: 'One visit of a known source.',
    body: {
      target_name: '${3:Source name}',
      target_type: '${4:AGN}',
      ra: 0,
      dec: 0,
      instrument: 'XRT',
      obs_type: 'Spectroscopy',
      urgency: 3,
      xrt_countrate: 0.05,
      ...SHARED_TEXTS,
      exposure: 2000,
      exp_time_just: '${5:Counts needed for a spectrum.}',
      exp_time_per_visit: 2000,
      num_of_visits: 1,
      monitoring_freq: '1 day',
    },
  },
];
