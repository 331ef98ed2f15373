// Product command identifiers, shared by registration, menus, notifications and tests. Must match package.json.
export const ProductCommands = {
  download: 'swiftObservatory.xrt.downloadProducts',
  view: 'swiftObservatory.xrt.viewProducts',
  openInViewer: 'swiftObservatory.products.openInViewer',
} as const;
