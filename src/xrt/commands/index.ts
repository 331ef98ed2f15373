// The XRT command table: each command ID with the factory of its handler.
import { XrtCommands } from '../../common/commandIds';
import type { CommandTable } from '../../common/commandTable';
import { countActiveJobs, newRequest, setUserId } from './account';
import { runCampaign, stopCampaign } from './campaign';
import { cancelCampaign, pauseCampaign, resumeCampaign } from './campaignControl';
import { cancelJob, cancelProduct } from './cancel';
import type { XrtDeps } from './deps';
import { exportPython } from './exportPython';
import { openWebPage, refresh } from './jobRows';
import { copyOldJob, importJobs, saveAsRequest } from './oldJobs';
import { cancelRebin, rebinLightCurve, removeRebin, viewRebin } from './rebin';
import { removeJob } from './removeJob';
import { submit, submitBatch } from './submit';

export const XRT_COMMANDS: CommandTable<XrtDeps> = {
  [XrtCommands.submit]: submit,
  [XrtCommands.submitBatch]: submitBatch,
  [XrtCommands.runCampaign]: runCampaign,
  [XrtCommands.stopCampaign]: stopCampaign,
  [XrtCommands.pauseCampaign]: pauseCampaign,
  [XrtCommands.resumeCampaign]: resumeCampaign,
  [XrtCommands.cancelCampaign]: cancelCampaign,
  [XrtCommands.refresh]: refresh,
  [XrtCommands.cancelJob]: cancelJob,
  [XrtCommands.cancelProduct]: cancelProduct,
  [XrtCommands.openWebPage]: openWebPage,
  [XrtCommands.removeJob]: removeJob,
  [XrtCommands.saveAsRequest]: saveAsRequest,
  [XrtCommands.importJobs]: importJobs,
  [XrtCommands.copyOldJob]: copyOldJob,
  [XrtCommands.countActiveJobs]: countActiveJobs,
  [XrtCommands.newRequest]: newRequest,
  [XrtCommands.setUserId]: setUserId,
  [XrtCommands.rebinLightCurve]: rebinLightCurve,
  [XrtCommands.cancelRebin]: cancelRebin,
  [XrtCommands.removeRebin]: removeRebin,
  [XrtCommands.viewRebin]: viewRebin,
  [XrtCommands.exportPython]: exportPython,
};
