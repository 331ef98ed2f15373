// Identifiers of the extension-wide commands. Must match package.json.
export const Commands = {
  showLog: 'swiftObservatory.showLog',
  openSettings: 'swiftObservatory.openSettings',
} as const;
