// Show Campaign Results: the results table of a campaign file (a URI from a menu, a campaign row of the
// XRT Jobs view, or the active editor's campaign file), one row per source (src/products/campaign/).
import type { ProductsCommand } from './deps';

const CAMPAIGN_SUFFIX = '.xrt-campaign.json';

/** The campaign file `arg` names as a URI string: a URI, a campaign row (`{ kind: 'campaign', file }`), or none. */
function campaignOf(arg: unknown, activeFile: string | undefined): string | undefined {
  if (typeof arg === 'object' && arg !== null) {
    const row = arg as { kind?: unknown; file?: unknown; scheme?: unknown; toString(): string };
    if (row.kind === 'campaign' && typeof row.file === 'string') return row.file;
    if (typeof row.scheme === 'string') return row.toString();
  }
  return activeFile !== undefined && activeFile.endsWith(CAMPAIGN_SUFFIX) ? activeFile : undefined;
}

export const showCampaignResults: ProductsCommand = (deps) => async (arg?: unknown) => {
  const campaign = campaignOf(arg, deps.campaignResults.activeFile());
  if (!campaign) {
    void deps.window.showWarningMessage(
      `Open an XRT campaign file (*${CAMPAIGN_SUFFIX}) to see its results, or choose one in the Explorer.`,
    );
    return undefined;
  }
  return deps.campaignResults.show(campaign);
};
