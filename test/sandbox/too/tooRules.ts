// The sandbox's business rules for a well-formed TOO (what a human or the planning software would
// refuse), and the warnings it attaches. The real rules are not published; these are plausible
// and documented in README.md.
import { constraintsAt } from './visibility';
import { brightStarRefusal } from './uvotModes';
import { uvotModeNumber, type TooSubmission } from './tooStore';
import { MICROS_PER_DAY, formatDate } from './timeText';

export const MAX_TOTAL_EXPOSURE_S = 100_000;
export const MAX_EXPOSURE_PER_VISIT_S = 20_000;

export type RuleOutcome =
  | { kind: 'rejected'; errors: string[] }
  /** The TOO API overview page's flat `Error` body (the urgency-0 refusal the fixture shows). */
  | { kind: 'error'; message: string }
  | { kind: 'ok'; warnings: string[] };

export function applyTooRules(s: TooSubmission, submitterName: string, sessionUser: string, nowUtc: number): RuleOutcome {
  const errors: string[] = [];
  const starRefusal = brightStarRefusal(uvotModeNumber(s.uvot_mode), s.ra, s.dec);
  if (starRefusal) errors.push(starRefusal);
  if (s.exposure > MAX_TOTAL_EXPOSURE_S) {
    errors.push(
      `Requested total exposure of ${s.exposure} s exceeds the ${MAX_TOTAL_EXPOSURE_S} s limit for a TOO; larger programmes need a GI proposal.`,
    );
  }
  const perVisit = s.exp_time_per_visit ?? s.exposure / s.num_of_visits;
  if (perVisit > MAX_EXPOSURE_PER_VISIT_S)
    errors.push(`Exposure per visit of ${Math.round(perVisit)} s exceeds the ${MAX_EXPOSURE_PER_VISIT_S} s a single visit can hold.`);
  if (perVisit > s.exposure)
    errors.push(`Exposure per visit (${Math.round(perVisit)} s) is longer than the total exposure (${s.exposure} s).`);
  if (errors.length) return { kind: 'rejected', errors };
  if (s.urgency === 0 && !s.proposal) return { kind: 'error', message: 'Urgency 0 requires a GI program or prior approval.' };

  const warnings: string[] = [];
  if (s.exp_time_per_visit !== undefined && Math.abs(s.exp_time_per_visit * s.num_of_visits - s.exposure) > 1) {
    warnings.push(
      `exp_time_per_visit × num_of_visits (${Math.round(s.exp_time_per_visit * s.num_of_visits)} s) differs from exposure (${s.exposure} s); the total exposure is used.`,
    );
  }
  if (submitterName !== sessionUser)
    warnings.push(`username '${submitterName}' differs from the logged-in user; the TOO is filed for '${sessionUser}'.`);
  const sunFree = firstSunFreeDay(s.ra, s.dec, nowUtc);
  if (sunFree !== nowUtc) {
    warnings.push(
      sunFree === undefined
        ? 'Target is Sun-constrained for the coming year.'
        : `Target is currently Sun-constrained; it cannot be observed before ${formatDate(sunFree)}.`,
    );
  }
  return { kind: 'ok', warnings };
}

/** `nowUtc` if the Sun allows the target now, else the first later day it does (within a year). */
function firstSunFreeDay(ra: number, dec: number, nowUtc: number): number | undefined {
  for (let day = 0; day <= 366; day += 1) {
    const t = nowUtc + day * MICROS_PER_DAY;
    if (!constraintsAt(ra, dec, t / 1000).sun) return t;
  }
  return undefined;
}
