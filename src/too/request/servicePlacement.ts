// Where the Swift TOO service's refusals go in a request file when they name no key of it
// (src/editing/serviceKeys.ts): its 400 `errors` are free text (the TOO API overview page shows
// "Urgency 0 requires a GI program or prior approval."), and a 422 item about the whole body has
// `loc` ["body"]. These topics match the words such a refusal uses, best key first.
import type { ServiceTopic } from '../../editing/serviceKeys';
import { checkTooRequestRules } from './requestSchema';

export const TOO_SERVICE_TOPICS: readonly ServiceTopic[] = [
  { pattern: /resolv/i, keys: ['target_name'] },
  { pattern: /urgency/i, keys: ['urgency'] },
  // A bright star near the position forbids UVOT filters: the mode asked for, else the position.
  { pattern: /UVOT|filter/i, keys: ['uvot_mode', 'ra'] },
  { pattern: /per visit/i, keys: ['exp_time_per_visit', 'exposure'] },
  { pattern: /exposure/i, keys: ['exposure', 'exp_time_per_visit'] },
  { pattern: /GI program|proposal/i, keys: ['proposal', 'urgency'] },
  { pattern: /\btil(e|es|ing|ed)\b/i, keys: ['tiling', 'number_of_tiles'] },
  { pattern: /cadence|monitoring|visits/i, keys: ['monitoring_freq', 'num_of_visits'] },
  { pattern: /\bGRB\b|trigger/i, keys: ['grb_triggertime', 'grb_detector', 'target_type'] },
  { pattern: /brightness|magnitude|count ?rate/i, keys: ['xrt_countrate', 'opt_mag', 'bat_countrate', 'other_brightness'] },
  { pattern: /\bSun\b|\bMoon\b|constrain|position|coordinates|\btarget\b/i, keys: ['ra', 'dec', 'target_name'] },
];

/** A field the service says is missing goes where our own rule for it puts it: on the key that requires it. */
export function placeMissingTooKey(key: string, request: Readonly<Record<string, unknown>>): string | undefined {
  const at = checkTooRequestRules({ ...request }).find((issue) => issue.path[0] === key)?.at?.[0];
  return at === undefined ? undefined : String(at);
}
