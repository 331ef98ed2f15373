// What the official client (xrt_prods 1.12, productVars.py "triggers") adds to a request on its own,
// done here too so a request file is answered as the same request from Python would be. Each addition
// only fills a key the file leaves out; a value the file gives always wins. The request diagnostics say
// so on the key (semanticChecks.ts), with a quick fix that writes the value into the file.

import { applyImpliedKeys, equals, present, type ImpliedKey } from '../../editing/requestRules';

interface ImpliedKeys {
  /** The request as it is sent. */
  readonly request: Record<string, unknown>;
  /** One line per key added, for the log. */
  readonly added: readonly string[];
}

const IMPLICATIONS: readonly ImpliedKey[] = [
  // Setting a redshift turns on the Galactic absorber in xrt_prods.
  { when: { allOf: [equals('spec', 1), equals('specz', 1)] }, key: 'galactic', value: 1, why: 'a redshift is fitted' },
  // xrt_prods sends getT0 0 whenever T0 is given, and getTargs 0 whenever targ is given (the service's defaults).
  { when: present('Tstart'), key: 'getT0', value: 0, why: '`Tstart` is given' },
  { when: present('targ'), key: 'getTargs', value: 0, why: '`targ` is given' },
];

export function applyOfficialClientImplications(request: Readonly<Record<string, unknown>>): ImpliedKeys {
  return applyImpliedKeys(request, IMPLICATIONS);
}
