// The product command table: each command ID with the factory of its handler.
import { ProductCommands } from '../../common/commandIds';
import type { CommandTable } from '../../common/commandTable';
import type { ProductsDeps } from './deps';
import { showCampaignResults } from './campaignResults';
import { download } from './download';
import { openInViewer } from './openInViewer';
import { view } from './view';

export const PRODUCT_COMMANDS: CommandTable<ProductsDeps> = {
  [ProductCommands.download]: download,
  [ProductCommands.view]: view,
  [ProductCommands.openInViewer]: openInViewer,
  [ProductCommands.showCampaignResults]: showCampaignResults,
};
