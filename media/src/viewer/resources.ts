// Looks up the webview URI the host granted for a file path of the model.
export type ResourceLookup = (path: string | undefined) => string | undefined;

export function resourceLookup(resources: Readonly<Record<string, string>>): ResourceLookup {
  return (path) => (path !== undefined && Object.prototype.hasOwnProperty.call(resources, path) ? resources[path] : undefined);
}
