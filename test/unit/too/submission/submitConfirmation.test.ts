// The confirmation before a TOO submission shows every text that will be sent, and Enter never submits.
import * as assert from 'node:assert/strict';
import { validateTooRequest, type TooRequest } from '../../../../src/too/request/requestSchema';
import { CONFIRMATION_BUTTONS, CONFIRM_SUBMIT, confirmationDetail } from '../../../../src/too/submission/submitConfirmation';
import { SMC_X3_TOO } from '../../../support/requests';

// The SMC X-3 request with every justification the confirmation shows: UVOT, tiling, a two-line case.
const REQUEST = {
  ...SMC_X3_TOO,
  uvot_mode: '0x30ED',
  uvot_just: 'The UVW2 filter traces the disc.',
  science_just: 'A giant outburst of a Be/X-ray binary.\nSecond line of the case.',
  tiling: true,
  tiling_justification: 'The position is uncertain by 10 arcmin.',
};

function request(): TooRequest {
  const result = validateTooRequest(REQUEST);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

describe('TOO submission confirmation', () => {
  it('shows every justification and the objective, in full', () => {
    const detail = confirmationDetail(request());
    for (const text of [
      REQUEST.science_just,
      REQUEST.immediate_objective,
      REQUEST.exp_time_just,
      REQUEST.uvot_just,
      REQUEST.tiling_justification,
    ]) {
      assert.ok(detail.includes(text), `missing: ${text}`);
    }
    assert.match(detail, /Urgency: 2/);
    assert.match(detail, /Target: SMC X-3/);
  });
  it('adds the uploads advisory when given', () => {
    assert.match(confirmationDetail(request(), 'Uploads are disabled.'), /Uploads are disabled\./);
  });
  it('the default (first non-close) button is not Submit, and Escape is a close affordance', () => {
    const defaultButton = CONFIRMATION_BUTTONS.find((b) => !b.isCloseAffordance);
    assert.notEqual(defaultButton?.title, CONFIRM_SUBMIT);
    assert.ok(CONFIRMATION_BUTTONS.some((b) => b.title === CONFIRM_SUBMIT && !b.isCloseAffordance));
    assert.equal(CONFIRMATION_BUTTONS.filter((b) => b.isCloseAffordance).length, 1);
  });
});
