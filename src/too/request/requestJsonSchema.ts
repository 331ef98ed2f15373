// Turns the zod TOO request schema into the draft-07 JSON Schema the editor's JSON language service
// applies to `*.too.json` files: field types, ranges, enums, unknown fields, docs and snippets. What is
// required — the form's required fields and the conditional rules (TOO_REQUEST_RULES) — is left out:
// the JSON language service reports a missing property as a warning over the whole file with no
// reason, while the extension's own diagnostics (tooDiagnostics.ts) report it as an error, with the
// rule's reason, on the key that makes it required. Everything the schema still reports, the
// extension also reports as an error on the same key (same zod schema; unit-tested).
import { editorJsonSchema } from '../../editing/editorJsonSchema';
import { tooRequestSchema } from './requestSchema';

const TOO_REQUEST_SCHEMA_ID = 'https://swift-observatory.invalid/schemas/too-request.schema.json';

type JsonSchema = Record<string, unknown>;

export function buildTooRequestJsonSchema(): object {
  const base = editorJsonSchema(tooRequestSchema) as JsonSchema;
  return {
    ...base,
    $id: TOO_REQUEST_SCHEMA_ID,
    title: 'Swift TOO request',
    markdownDescription:
      'A Swift **Target of Opportunity** request: the fields of the TOO API v2 submission form. Positions in degrees (J2000), times in seconds, UTC datetimes.',
    defaultSnippets: DEFAULT_SNIPPETS,
  };
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
