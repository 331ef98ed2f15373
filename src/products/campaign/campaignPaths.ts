// Where a campaign's products go (README "Campaign files"): the campaign `<dir>/<stem>.xrt-campaign.json` has
// the folder `<dir>/<stem>/`, and each source the folder `<dir>/<stem>/<source id>/`. Source ids are made
// folder-safe by the planner (src/xrt/campaign/campaignPlan.ts); an id read back from a state file is checked
// again here, since the file may have been edited by hand.
import * as path from 'node:path';

const CAMPAIGN_SUFFIX = '.xrt-campaign.json';
/** The planner's rule for ids (letters, digits, `-`, `_`). */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/** Whether a job's `requestFile` (a URI string) names a campaign file. */
export function isCampaignRequestFile(requestFile: string | undefined): requestFile is string {
  return requestFile !== undefined && requestFile.toLowerCase().endsWith(CAMPAIGN_SUFFIX);
}

/** `<stem>.xrt-campaign.json` of a campaign file's path. */
export function campaignName(campaignFile: string): string {
  return path.basename(campaignFile);
}

/** `<dir>/<stem>/` of `<dir>/<stem>.xrt-campaign.json`; throws on a path that is not a campaign file's. */
export function campaignFolderOf(campaignFile: string): string {
  const base = path.basename(campaignFile);
  if (!base.toLowerCase().endsWith(CAMPAIGN_SUFFIX) || base.length === CAMPAIGN_SUFFIX.length)
    throw new Error(`${campaignFile} is not a campaign file (*${CAMPAIGN_SUFFIX}).`);
  return path.join(path.dirname(campaignFile), base.slice(0, base.length - CAMPAIGN_SUFFIX.length));
}

/** `<campaign folder>/<source id>/`; throws on an id that is not folder-safe. */
export function sourceFolderOf(campaignFile: string, sourceId: string): string {
  if (!SAFE_ID.test(sourceId))
    throw new Error(
      `The source id "${sourceId}" is not a safe folder name (letters, digits, "-" and "_" only); its products were not downloaded.`,
    );
  return path.join(campaignFolderOf(campaignFile), sourceId);
}
