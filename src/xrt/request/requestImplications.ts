// What the official client (xrt_prods 1.12, productVars.py "triggers") adds to a request on its own,
// done here too so a request file is answered as the same request from Python would be. Each addition
// only fills a key the file leaves out; a value the file gives always wins. The request diagnostics say
// so on the key (semanticChecks.ts), with a quick fix that writes the value into the file.

export interface ImpliedKeys {
  /** The request as it is sent. */
  readonly request: Record<string, unknown>;
  /** One line per key added, for the log. */
  readonly added: readonly string[];
}

interface Implication {
  readonly when: (request: Readonly<Record<string, unknown>>) => boolean;
  readonly key: string;
  readonly value: number;
  readonly why: string;
}

const IMPLICATIONS: readonly Implication[] = [
  // Setting a redshift turns on the Galactic absorber in xrt_prods.
  { when: (r) => r.spec === 1 && r.specz === 1, key: 'galactic', value: 1, why: 'a redshift is fitted' },
  // xrt_prods sends getT0 0 whenever T0 is given, and getTargs 0 whenever targ is given (the service's defaults).
  { when: (r) => r.Tstart !== undefined, key: 'getT0', value: 0, why: '`Tstart` is given' },
  { when: (r) => r.targ !== undefined, key: 'getTargs', value: 0, why: '`targ` is given' },
];

export function applyOfficialClientImplications(request: Readonly<Record<string, unknown>>): ImpliedKeys {
  const out: Record<string, unknown> = { ...request };
  const added: string[] = [];
  for (const rule of IMPLICATIONS) {
    if (out[rule.key] !== undefined || !rule.when(out)) continue;
    out[rule.key] = rule.value;
    added.push(`${rule.key}: ${rule.value} (${rule.why})`);
  }
  return { request: out, added };
}
