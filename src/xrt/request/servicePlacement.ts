// Where the XRT product generator's refusals go in a request file when they name no key of it
// (src/editing/serviceKeys.ts). Its texts are documented only for missing and invalid parameters
// (XRT product generator API docs: `listErr` items that start with the parameter); the name
// resolver's, target and T0 failures are not, so these topics match the words such a refusal must use.
import type { ServiceTopic } from '../../editing/serviceKeys';
import { evaluateRules } from './requestRules';

export const XRT_SERVICE_TOPICS: readonly ServiceTopic[] = [
  // `getCoords` 1 and the name resolver (SIMBAD) could not place the object: the name is what to change.
  { pattern: /resolv|SIMBAD/i, keys: ['name', 'getCoords'] },
  // `getTargs` 1 and no target IDs were found.
  { pattern: /target ?IDs?\b/i, keys: ['getTargs', 'targ', 'name'] },
  // `getT0` 1 and no trigger or first-observation time was found.
  { pattern: /\bT0\b|trigger time/i, keys: ['getT0', 'Tstart'] },
  { pattern: /position|coordinates|\bRA\b|\bDec\b|centroid/i, keys: ['RA', 'Dec', 'name'] },
  { pattern: /\btarget\b|\bobject\b|\bname\b/i, keys: ['name'] },
];

/** A parameter the service says is missing goes where our own rule for it puts it: on the key that requires it. */
export function placeMissingXrtKey(key: string, request: Readonly<Record<string, unknown>>): string | undefined {
  const at = evaluateRules(request).find((v) => v.path[0] === key)?.at[0];
  return at;
}
