import * as assert from 'node:assert/strict';
import { failedText, readyText } from '../../../src/xrt/noticeText';

describe('XRT notice text', () => {
  it('lists the products as a sentence, only the first capitalised', () => {
    assert.equal(
      readyText('GRB 200416A', '1', ['Light curve', 'Spectrum']),
      'Light curve and spectrum of GRB 200416A (XRT job 1) are ready.',
    );
    assert.equal(
      readyText('GK Per', '2', ['Standard position', 'Enhanced position', 'Astrometric position']),
      'Standard position, enhanced position and astrometric position of GK Per (XRT job 2) are ready.',
    );
  });

  it('says "is" for one product and "are" for several', () => {
    assert.equal(readyText('GK Per', '4002', ['Standard position']), 'Standard position of GK Per (XRT job 4002) is ready.');
    assert.equal(
      readyText('GK Per', '4002', ['Standard position', 'Enhanced position']),
      'Standard position and enhanced position of GK Per (XRT job 4002) are ready.',
    );
  });

  it('gives a failure its reason, or says that no product was made', () => {
    assert.equal(
      failedText('Empty Field', '7', 'Standard position', 'No source found'),
      'Standard position of Empty Field (XRT job 7) failed: No source found.',
    );
    assert.equal(failedText('Empty Field', '7', 'Spectrum', ''), 'Spectrum of Empty Field (XRT job 7) failed: no product was made.');
  });
});
