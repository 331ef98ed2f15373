// The confirmation shown before a TOO request is submitted: every choice and every text that will
// be sent, and buttons whose default does nothing. In VS Code's modal message the first item that is
// not the close affordance is the default (Enter) button, and the close affordance answers Escape;
// so the first item is a safe one, and submitting always takes a click on "Submit".
import { URGENCIES, xrtModeCode, xrtModeName } from '../modes';
import { uvotModeFormText, type TooRequest } from '../request/requestSchema';

export const CONFIRM_KEEP_EDITING = 'Keep Editing';
export const CONFIRM_SUBMIT = 'Submit';
const CONFIRM_CANCEL = 'Cancel';

interface ConfirmationButton {
  readonly title: string;
  readonly isCloseAffordance?: boolean;
}

/** In the order given to showWarningMessage: the safe default first, Escape last. */
export const CONFIRMATION_BUTTONS: readonly ConfirmationButton[] = [
  { title: CONFIRM_KEEP_EDITING },
  { title: CONFIRM_SUBMIT },
  { title: CONFIRM_CANCEL, isCloseAffordance: true },
];

/** The texts of the request, labelled as the TOO form labels them; only those that will be sent. */
const TEXT_FIELDS: readonly (readonly [keyof TooRequest, string])[] = [
  ['science_just', 'Science justification'],
  ['immediate_objective', 'Immediate objective'],
  ['exp_time_just', 'Exposure time justification'],
  ['other_brightness', 'Other brightness'],
  ['uvot_just', 'UVOT mode justification'],
  ['proposal_trigger_just', 'GI trigger justification'],
  ['tiling_justification', 'Tiling justification'],
];

/** The modal's detail: what will be asked of the observatory, and every text sent with it. */
export function confirmationDetail(request: TooRequest, advisory?: string): string {
  const texts = TEXT_FIELDS.flatMap(([field, label]) => {
    const value = request[field];
    return typeof value === 'string' && value.trim() !== '' ? [`${label}:\n${value.trim()}`] : [];
  });
  return [
    summarise(request),
    ...texts,
    ...(advisory ? [advisory] : []),
    'A submitted request asks the Swift team to observe; it cannot be withdrawn from here.',
  ].join('\n\n');
}

/** The choices of the request, one line each. */
function summarise(request: TooRequest): string {
  const xrt = typeof request.xrt_mode === 'number' ? request.xrt_mode : xrtModeCode(request.xrt_mode);
  const urgency = URGENCIES.find((u) => u.value === request.urgency);
  const exposure =
    request.exposure ?? (request.exp_time_per_visit != null ? Math.round(request.exp_time_per_visit * request.num_of_visits) : undefined);
  const lines = [
    `Target: ${request.target_name} (${request.target_type})`,
    `Position: RA ${request.ra}°, Dec ${request.dec}° (J2000)${request.poserr != null ? ` ± ${request.poserr}′` : ''}`,
    `Instrument: ${request.instrument}; XRT mode ${xrt ?? request.xrt_mode}${xrt !== undefined && xrtModeName(xrt) ? ` (${xrtModeName(xrt)})` : ''}; UVOT mode ${uvotModeFormText(request.uvot_mode)}`,
    `Observation type: ${request.obs_type}`,
    `Urgency: ${request.urgency}${urgency ? ` (${urgency.meaning})` : ''}`,
    `Exposure: ${exposure ?? '?'} s in total${request.exp_time_per_visit != null ? `, ${request.exp_time_per_visit} s per visit` : ''}`,
    `Visits: ${request.num_of_visits}${request.num_of_visits > 1 && request.monitoring_freq ? `, every ${request.monitoring_freq}` : ''}`,
  ];
  if (request.proposal) lines.push(`GI proposal: ${request.proposal_id ?? '?'} (PI ${request.proposal_pi ?? '?'})`);
  if (request.tiling)
    lines.push(
      `Tiling: ${request.number_of_tiles ?? '?'} tiles${request.exposure_time_per_tile != null ? `, ${request.exposure_time_per_tile} s per tile` : ''}`,
    );
  if (request.debug) lines.push('Test submission (debug): checked but not filed.');
  return lines.join('\n');
}
