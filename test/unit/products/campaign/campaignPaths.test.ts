// Where a campaign's products go: `<dir>/<stem>.xrt-campaign.json` → `<dir>/<stem>/<source id>/`, and nothing
// outside it, whatever a state file edited by hand names.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { campaignFolderOf, isCampaignRequestFile, sourceFolderOf } from '../../../../src/products/campaign/campaignPaths';

describe('campaign paths', () => {
  const file = path.join('/data', 'ulx', 'Nearby ULXs.xrt-campaign.json');

  it('puts a campaign’s folder beside its file, named by the stem, whatever the case of the suffix', () => {
    assert.equal(campaignFolderOf(file), path.join('/data', 'ulx', 'Nearby ULXs'));
    assert.equal(campaignFolderOf(path.join('/data', 'Deep.XRT-Campaign.JSON')), path.join('/data', 'Deep'));
  });

  it('refuses a path that is not a campaign file’s, or a file with no stem', () => {
    assert.throws(() => campaignFolderOf(path.join('/data', 'grb.xrt.json')), /is not a campaign file \(\*\.xrt-campaign\.json\)/);
    assert.throws(() => campaignFolderOf(path.join('/data', '.xrt-campaign.json')), /is not a campaign file/);
  });

  it('puts each source in its own folder, and refuses an id that would leave the campaign’s folder', () => {
    assert.equal(sourceFolderOf(file, 'NGC_1313-X1'), path.join('/data', 'ulx', 'Nearby ULXs', 'NGC_1313-X1'));
    for (const id of ['..', '../x', 'a/b', '', 'a.b'])
      assert.throws(() => sourceFolderOf(file, id), /is not a safe folder name/, `the id ${JSON.stringify(id)}`);
  });

  it('tells campaign jobs by their request file', () => {
    assert.equal(isCampaignRequestFile('file:///data/ulx.xrt-campaign.json'), true);
    assert.equal(isCampaignRequestFile('file:///data/grb.xrt.json'), false);
    assert.equal(isCampaignRequestFile(undefined), false);
  });
});
