// Command and view identifiers, shared by registration, menus and tests. Must match package.json.
export const Commands = {
  showLog: 'swiftObservatory.showLog',
  openSettings: 'swiftObservatory.openSettings',
} as const;

export const Views = {
  container: 'swiftObservatory',
  xrtJobs: 'swiftObservatory.xrtJobs',
  tooRequests: 'swiftObservatory.tooRequests',
} as const;
