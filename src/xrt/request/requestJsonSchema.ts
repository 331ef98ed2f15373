// Turns the zod request schema into the JSON Schema (draft-07) that VS Code's JSON language service
// applies to `*.xrt.json`: field types, ranges, enums, docs and snippets come from the zod metadata,
// for completion, hovers and early hints. What is required — `name`, and the conditional rules of
// requestRules.ts — is left out: the JSON language service reports a missing property as a warning
// over the whole file with no reason, while the extension's own diagnostics (requestDiagnostics.ts)
// report it as an error, with the rule's reason, on the key that makes it required. Everything the
// schema still reports on a key of a requested product, the extension reports as an error there too
// (same zod schema); on a product's field the request does not ask for, it stays a warning that does
// not block submission, since the service ignores that field.
//
// Unknown keys: NOT `additionalProperties: false`. The service ignores keys it does not know, a file
// copied from an old job's `jobPars` legitimately carries extra keys, and a hard "not allowed" on each
// would bury real problems. What is almost always a mistake is a known name in the wrong case (the
// names are case-sensitive: `posErr` is silently ignored, `poserr` is not), so those — and only those —
// are flagged, as a warning with the intended spelling. Other near-misses (`binMth`) are reported by
// semanticChecks.ts, which can also offer the rename as a fix.
import { editorJsonSchema } from '../../editing/editorJsonSchema';
import { caseInsensitivePattern } from './requestFieldKinds';
import { KNOWN_REQUEST_KEYS, xrtRequestFieldsSchema } from './requestSchema';

const XRT_REQUEST_SCHEMA_ID = 'https://swift-observatory.invalid/schemas/xrt-request.schema.json';

const common = { cent: 1, poserr: 1, useSXPS: 0 };
const target = { name: '${1:GRB 200416A}', targ: '${2:00966554}', RA: '^${3:335.6985}', Dec: '^${4:-7.5179}' };

/** Whole-file skeletons offered when the editor completes an empty object. */
const SNIPPETS = [
  {
    label: 'Light curve (counts binning)',
    markdownDescription: 'A light curve binned by counts, with dynamic binning.',
    body: { ...target, ...common, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 },
  },
  {
    label: 'Spectrum (power law)',
    markdownDescription: 'One time-averaged spectrum fitted with an absorbed power law.',
    body: { ...target, ...common, spec: 1, specz: 0, specobs: 'all', timeslice: 'single', models: ['powerlaw'] },
  },
  {
    label: 'Positions (standard, enhanced, astrometric)',
    markdownDescription: 'All three position products from the first 12 hours of data.',
    body: { ...target, ...common, dopsf: 1, doenh: 1, doxastrom: 1, posobs: 'hours', posobstime: 12 },
  },
  {
    label: 'Image',
    markdownDescription: 'Images in the total, soft and hard bands.',
    body: { ...target, ...common, image: 1, imen: '0.3-10,0.3-1.5,1.51-10', imobs: 'all' },
  },
  {
    label: 'Source detection',
    markdownDescription: 'Source detection on chosen observations (RA/Dec and centroiding are not needed).',
    body: { name: '${1:M31 field}', targ: '${2:00035336}', sourceDet: 1, detobs: 'user', usedetobs: '${3:00035336001}', detbands: 'total' },
  },
];

/** For each group of known keys equal but for case, a pattern matching the other spellings. */
function caseVariantPatterns(): Record<string, object> {
  const groups = new Map<string, string[]>();
  for (const key of KNOWN_REQUEST_KEYS) groups.set(key.toLowerCase(), [...(groups.get(key.toLowerCase()) ?? []), key]);
  const out: Record<string, object> = {};
  for (const keys of groups.values()) {
    const exact = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const pattern = `^(?!(?:${exact})$)${caseInsensitivePattern(keys[0]!)}$`;
    const names = keys.map((k) => `\`${k}\``).join(' or ');
    out[pattern] = {
      deprecationMessage: `Parameter names are case-sensitive: the service ignores this key. Did you mean ${keys.map((k) => `"${k}"`).join(' or ')}?`,
      markdownDescription: `Not a parameter of the product generator (names are case-sensitive). Did you mean ${names}?`,
    };
  }
  return out;
}

export function buildXrtRequestJsonSchema(): object {
  const generated = editorJsonSchema(xrtRequestFieldsSchema);
  return {
    ...generated,
    $id: XRT_REQUEST_SCHEMA_ID,
    title: 'Swift-XRT product request',
    markdownDescription:
      "A request to the UKSSDC **XRT product generator**: the object name and position, one flag per product (`lc`, `spec`, `dopsf`, `doenh`, `doxastrom`, `image`, `sourceDet`) and the parameters of those products, all in one flat object with the service's parameter names.",
    additionalProperties: true,
    patternProperties: caseVariantPatterns(),
    defaultSnippets: SNIPPETS,
  };
}
