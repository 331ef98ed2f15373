// XRT command identifiers, shared by registration, menus and tests. Must match package.json.
export const XrtCommands = {
  submit: 'swiftObservatory.xrt.submit',
  submitBatch: 'swiftObservatory.xrt.submitBatch',
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
} as const;
