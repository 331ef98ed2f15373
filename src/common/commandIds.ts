// Every identifier the extension shares with its manifest (package.json): commands, views, status-bar
// items, context keys and webview types. One module, so a rename is one edit. Only one direction is
// tested so far: test/integration/activation.test.ts checks that every contributed command is registered;
// nothing yet checks that every ID here is contributed, or that the tree contextValues match the `when`
// clauses.

/** Extension-wide commands. */
export const Commands = {
  showLog: 'swiftObservatory.showLog',
  openSettings: 'swiftObservatory.openSettings',
} as const;

/** XRT product generator commands. */
export const XrtCommands = {
  submit: 'swiftObservatory.xrt.submit',
  submitBatch: 'swiftObservatory.xrt.submitBatch',
  runCampaign: 'swiftObservatory.xrt.runCampaign',
  stopCampaign: 'swiftObservatory.xrt.stopCampaign',
  pauseCampaign: 'swiftObservatory.xrt.pauseCampaign',
  resumeCampaign: 'swiftObservatory.xrt.resumeCampaign',
  cancelCampaign: 'swiftObservatory.xrt.cancelCampaign',
  refresh: 'swiftObservatory.xrt.refresh',
  cancelJob: 'swiftObservatory.xrt.cancelJob',
  cancelProduct: 'swiftObservatory.xrt.cancelProduct',
  openWebPage: 'swiftObservatory.xrt.openWebPage',
  removeJob: 'swiftObservatory.xrt.removeJob',
  saveAsRequest: 'swiftObservatory.xrt.saveAsRequest',
  importJobs: 'swiftObservatory.xrt.importJobs',
  copyOldJob: 'swiftObservatory.xrt.copyOldJob',
  countActiveJobs: 'swiftObservatory.xrt.countActiveJobs',
  newRequest: 'swiftObservatory.xrt.newRequest',
  setUserId: 'swiftObservatory.xrt.setUserId',
  rebinLightCurve: 'swiftObservatory.xrt.rebinLightCurve',
  cancelRebin: 'swiftObservatory.xrt.cancelRebin',
  removeRebin: 'swiftObservatory.xrt.removeRebin',
  viewRebin: 'swiftObservatory.xrt.viewRebin',
  exportPython: 'swiftObservatory.xrt.exportPython',
} as const;

/** Retrieved products: download, the viewer. */
export const ProductCommands = {
  download: 'swiftObservatory.xrt.downloadProducts',
  view: 'swiftObservatory.xrt.viewProducts',
  openInViewer: 'swiftObservatory.products.openInViewer',
  showCampaignResults: 'swiftObservatory.xrt.showCampaignResults',
} as const;

/** TOO API commands (the queries' commands are built from their catalogue: see {@link tooQueryCommand}). */
export const TooCommands = {
  signIn: 'swiftObservatory.too.signIn',
  signOut: 'swiftObservatory.too.signOut',
  newRequest: 'swiftObservatory.too.newRequest',
  validate: 'swiftObservatory.too.validate',
  submit: 'swiftObservatory.too.submit',
  exportPython: 'swiftObservatory.too.exportPython',
  refresh: 'swiftObservatory.too.refresh',
  setDateRange: 'swiftObservatory.too.setDateRange',
  showDetail: 'swiftObservatory.too.showDetail',
  showRawDetail: 'swiftObservatory.too.showRawDetail',
  copyId: 'swiftObservatory.too.copyId',
  queryTarget: 'swiftObservatory.too.queryTarget',
  /** Test runs only: fired when a query's results have been drawn. */
  renderedQueryResults: 'swiftObservatory.too.internal.renderedQueryResults',
} as const;

/** The command of the TOO query named `name` in the query catalogue, e.g. `visibility`. */
export function tooQueryCommand(name: string): string {
  return `swiftObservatory.too.query.${name}`;
}

/** Views and the commands VS Code makes for them. */
export const Views = {
  xrtJobs: 'swiftObservatory.xrtJobs',
  tooRequests: 'swiftObservatory.tooRequests',
  focusXrtJobs: 'swiftObservatory.xrtJobs.focus',
} as const;

/** Status-bar item identifiers (what the user sees in "Hide …" menus). */
export const StatusBarItems = {
  xrtActive: 'swiftObservatory.xrtActive',
  tooAccount: 'swiftObservatory.tooAccount',
} as const;

/** Context keys used in `when` clauses of the manifest. */
export const ContextKeys = {
  tooSignedIn: 'swiftObservatory.too.signedIn',
} as const;

/** Webview panel types (also the serializer keys that restore panels after a reload). */
export const WebviewTypes = {
  productViewer: 'swiftObservatory.productViewer',
  tooQueryResults: 'swiftObservatory.tooQueryResults',
  campaignResults: 'swiftObservatory.campaignResults',
} as const;
