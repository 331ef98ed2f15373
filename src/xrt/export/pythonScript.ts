// "Export as Python" for an XRT request: the checked request (src/xrt/request/requestCheck.ts, the body
// submission sends) → a script that makes the same job with the official client, swifttools' xrt_prods
// 1.12 (`XRTProductRequest`: `setGlobalPars`, `addLightCurve` … `addSourceDet`, `submit`, `complete`,
// `downloadProducts`; swifttools/ukssdc/xrt_prods/prod_request.py).
//
// Request files use wire names; xrt_prods takes its own names and renames them when it builds the body
// (`_globalPythonParsToJSONPars` in prod_request.py, `prodPythonParsToJSONPars` and the types in
// `prodParTypes` in productVars.py; test/fixtures/protocol/xrt-products.md §3.2–3.8 has the whole map).
// The tables below are that map read backwards, one row per wire key, in the order the calls pass
// them: where xrt_prods sets one parameter when another is given (`globalParTriggers`,
// `prodParTriggers`), the trigger comes first and the file's own value after it, so the file's value
// is what is sent.
//
// The script is built from parts (the header, the `build_request` function, the submit-and-wait helper,
// `main`); `requestCalls` gives a request's calls as data, which the campaign script
// (campaignPythonScript.ts) writes as literals, one per source.
import {
  pyBool,
  pyCall,
  pyCode,
  pyComment,
  pyFloat,
  pyInt,
  pyList,
  pyNumber,
  pyString,
  scriptHeader,
  type PythonSource,
} from '../../common/pythonLiteral';
import { isFieldOfUnrequestedProduct } from '../request/requestSchema';

/** The Python types xrt_prods checks with `isinstance` (productVars.py `prodParTypes`, prod_request.py `_globalTypes`). */
type PyType = 'str' | 'int' | 'float' | 'number' | 'bool' | 'list';

/** wire key(s) → xrt_prods name and type; several wire keys are spellings of one parameter. */
type Row = readonly [wire: readonly string[], python: string, type: PyType];

const one = (wire: string, python: string, type: PyType): Row => [[wire], python, type];

/** `setGlobalPars` (prod_request.py `_globalTypes`): T0 before getT0 and targ before getTargs, which they reset. */
const GLOBALS: readonly Row[] = [
  one('name', 'name', 'str'),
  one('targ', 'targ', 'str'),
  one('getTargs', 'getTargs', 'bool'),
  one('Tstart', 'T0', 'number'),
  one('getT0', 'getT0', 'bool'),
  [['SinceT0', 'sinceT0'], 'SinceT0', 'bool'],
  // RA and Dec are `(float,)` in xrt_prods: 180 must be written 180.0.
  one('RA', 'RA', 'float'),
  one('Dec', 'Dec', 'float'),
  one('getCoords', 'getCoords', 'bool'),
  one('cent', 'centroid', 'bool'),
  one('centMeth', 'centMeth', 'str'),
  one('maxCentTries', 'maxCentTries', 'int'),
  one('poserr', 'posErr', 'number'),
  one('sss', 'sss', 'bool'),
  one('useSXPS', 'useSXPS', 'bool'),
  one('wtpuprate', 'wtPupRate', 'number'),
  one('pcpuprate', 'pcPupRate', 'number'),
  one('notify', 'notify', 'bool'),
];

/**
 * Shared by the three position products, given on the first one requested: xrt_prods keeps them as
 * globals (`prodUseGlobals`), and the list before the selection, as `useObs` sets `whichData` to "user".
 */
const POSITION_SHARED: readonly Row[] = [
  one('posRadius', 'posRadius', 'number'),
  one('useposobs', 'useObs', 'str'),
  one('posobs', 'whichData', 'str'),
  one('posobstime', 'incHours', 'number'),
  one('detornot', 'detOrCent', 'str'),
  // The position products' `centMeth` is the wire `detMeth`, not the global `centMeth`.
  one('detMeth', 'centMeth', 'str'),
];

const LIGHT_CURVE: readonly Row[] = [
  one('binMeth', 'binMeth', 'str'),
  one('minen', 'minEnergy', 'number'),
  one('maxen', 'maxEnergy', 'number'),
  one('soft1', 'softLo', 'number'),
  one('soft2', 'softHi', 'number'),
  one('hard1', 'hardLo', 'number'),
  one('hard2', 'hardHi', 'number'),
  one('sigmin', 'minSig', 'number'),
  one('grades', 'grades', 'str'),
  one('allowUL', 'allowUL', 'str'),
  [['allowB', 'allowBayes'], 'allowBayes', 'str'],
  one('bayesCounts', 'bayesCounts', 'number'),
  one('bayesSNR', 'bayesSNR', 'number'),
  // `timeType` is the deprecated spelling (productVars.py `deprecatedPars`).
  one('lctimetype', 'timeFormat', 'str'),
  one('uselcobs', 'useObs', 'str'),
  one('lcobs', 'whichData', 'str'),
  one('srcrad', 'srcrad', 'int'),
  one('pccounts', 'pcCounts', 'int'),
  one('wtcounts', 'wtCounts', 'int'),
  one('dynamic', 'dynamic', 'bool'),
  one('ratefact', 'rateFact', 'number'),
  one('binfact', 'binFact', 'number'),
  one('pcbin', 'pcBinTime', 'number'),
  one('wtbin', 'wtBinTime', 'number'),
  one('mincmin', 'minCounts', 'int'),
  one('minsnr', 'minSNR', 'number'),
  // xrt_prods accepts only `pcmaxGap`/`wtmaxGap` (its rename table is keyed on `pcMaxGap`, which its
  // type table lacks) and sends them unrenamed; the service takes that spelling (xrt-products.md §3.4).
  [['pcmaxgap', 'pcmaxGap'], 'pcmaxGap', 'number'],
  [['wtmaxgap', 'wtmaxGap'], 'wtmaxGap', 'number'],
  // `matchHR` is `(float, int)` in xrt_prods, not a bool: the flag stays 0/1.
  one('hrbin', 'matchHR', 'number'),
  one('pchrbin', 'pcHRBinTime', 'number'),
  one('wthrbin', 'wtHRBinTime', 'number'),
  one('femin', 'minFracExp', 'number'),
];

/** `doNotFit` 1 clears `hasRedshift`, a redshift sets `hasRedshift` and `galactic`, `hasRedshift` sets `galactic`: in that order. */
const SPECTRUM: readonly Row[] = [
  one('doNotFit', 'doNotFit', 'bool'),
  one('zval', 'redshift', 'float'),
  one('specz', 'hasRedshift', 'bool'),
  one('galactic', 'galactic', 'bool'),
  one('usespecobs', 'useObs', 'str'),
  one('specobs', 'whichData', 'str'),
  one('specobstime', 'incHours', 'number'),
  one('timeslice', 'timeslice', 'str'),
  ...[1, 2, 3, 4].flatMap((n) => [one(`rname${n}`, `rname${n}`, 'str'), one(`gti${n}`, `gti${n}`, 'str')]),
  one('specgrades', 'grades', 'str'),
  one('specstem', 'specStem', 'str'),
  one('models', 'models', 'list'),
  one('dchi', 'deltaFitStat', 'float'),
  one('srcrad', 'srcrad', 'int'),
];

const IMAGE: readonly Row[] = [one('imen', 'energies', 'str'), one('useimobs', 'useObs', 'str'), one('imobs', 'whichData', 'str')];

const SOURCE_DET: readonly Row[] = [
  one('usedetobs', 'useObs', 'str'),
  one('detobs', 'whichData', 'str'),
  one('detbands', 'whichBands', 'str'),
  one('fitStrayLight', 'fitStrayLight', 'bool'),
];

interface ProductCall {
  /** The wire flag that asks for the product (prod_common.py `classReqPar`). */
  readonly flag: string;
  /** The `XRTProductRequest` method that adds it (prod_request.py `add…`). */
  readonly method: string;
  readonly rows: readonly Row[];
  readonly position?: true;
}

/** In xrt_prods' own order (prod_common.py `classReqPar`). */
const PRODUCTS: readonly ProductCall[] = [
  { flag: 'lc', method: 'addLightCurve', rows: LIGHT_CURVE },
  { flag: 'spec', method: 'addSpectrum', rows: SPECTRUM },
  { flag: 'dopsf', method: 'addStandardPos', rows: [], position: true },
  { flag: 'doenh', method: 'addEnhancedPos', rows: [], position: true },
  { flag: 'doxastrom', method: 'addAstromPos', rows: [one('allxastrom', 'useAllObs', 'bool')], position: true },
  { flag: 'image', method: 'addImage', rows: IMAGE },
  { flag: 'sourceDet', method: 'addSourceDet', rows: SOURCE_DET },
];

/** Keys the client sets itself (`UserID` from the constructor, `api_name`/`api_version` on every call). */
const CLIENT_KEYS = new Set(['UserID', 'api_name', 'api_version']);
/** Keys only the service's echo holds (requestSchema.ts `serverEchoSchema`); xrt_prods has no parameter for them. */
const ECHO_KEYS = new Set(['whatSXPS', 'outdir', 'do3col', 'enh', 'pcmaxbin', 'wtmaxbin']);

/** What xrt_prods demands that the service defaults (xrt-products.md §3.2–3.5): added with the service's value. */
const HOURS_DEFAULT = 12;

interface XrtScriptContext {
  /** The request file's name, for the header. */
  readonly fileName: string;
  /** The configured user ID (setting), which submission uses in place of the file's `UserID`. */
  readonly userId?: string;
  readonly version: string;
  readonly date: Date;
}

type XrtPythonExport = { readonly ok: true; readonly script: string } | { readonly ok: false; readonly problems: readonly string[] };

type Converted = { readonly value: PythonSource } | { readonly problem: string };

function convert(wire: string, value: unknown, type: PyType): Converted {
  const wrong = (expected: string): Converted => ({
    problem: `\`${wire}\` is ${JSON.stringify(value)}; xrt_prods takes it only as ${expected}, so the script cannot send it.`,
  });
  switch (type) {
    case 'str':
      return typeof value === 'string' ? { value: pyString(value) } : wrong('text');
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? { value: pyInt(value) } : wrong('a whole number');
    case 'float':
      return typeof value === 'number' ? { value: pyFloat(value) } : wrong('a number');
    case 'number':
      // `Tstart` may be text in a file; xrt_prods' T0 is a number, which a numeric text can become.
      if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value))
        return { value: pyNumber(Number(value)) };
      return typeof value === 'number' ? { value: pyNumber(value) } : wrong('a number');
    case 'bool':
      return value === 0 || value === 1 || typeof value === 'boolean' ? { value: pyBool(value === 1 || value === true) } : wrong('0 or 1');
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? { value: pyList(value.map((v: string) => pyString(v))) }
        : wrong('a list of names');
  }
}

interface Arguments {
  readonly args: (readonly [string, PythonSource])[];
  readonly used: Set<string>;
  readonly problems: string[];
}

/** The keyword arguments of `rows` that `request` gives, each parameter once (the first spelling given wins). */
function argumentsOf(request: Readonly<Record<string, unknown>>, rows: readonly Row[], into: Arguments): void {
  for (const [wires, python, type] of rows) {
    if (into.args.some(([name]) => name === python)) continue;
    const wire = wires.find((w) => request[w] !== undefined && request[w] !== null);
    if (wire === undefined) continue;
    for (const w of wires) into.used.add(w);
    const converted = convert(wire, request[wire], type);
    if ('problem' in converted) into.problems.push(converted.problem);
    else into.args.push([python, converted.value]);
  }
}

const isOn = (request: Readonly<Record<string, unknown>>, flag: string): boolean => request[flag] === 1 || request[flag] === true;

/** One `add…` call of `XRTProductRequest` and its keyword arguments, in the order they are passed. */
interface ProductMethodCall {
  readonly method: string;
  readonly args: readonly (readonly [string, PythonSource])[];
}

/** What xrt_prods is told to build one request: its calls as data, the notes about them, what it cannot send. */
export interface RequestCalls {
  readonly globals: readonly (readonly [string, PythonSource])[];
  readonly products: readonly ProductMethodCall[];
  /** This extension's own sentences (request text only inside `pyString` literals), one comment each. */
  readonly notes: readonly string[];
  readonly problems: readonly string[];
}

/** The calls that build `request` with xrt_prods (`setGlobalPars`, then one `add…` per product). */
export function requestCalls(request: Readonly<Record<string, unknown>>): RequestCalls {
  // `used` and `problems` are shared by every call; each call has its own arguments.
  const globals: Arguments = { args: [], used: new Set(), problems: [] };
  const notes: string[] = [];
  argumentsOf(request, GLOBALS, globals);
  const requested = PRODUCTS.filter((p) => isOn(request, p.flag));
  const sourceDetOnly = requested.length === 1 && requested[0]?.flag === 'sourceDet';
  if (request.useSXPS === undefined && !sourceDetOnly) {
    // xrt_prods refuses a job without it (`_neededGlobals`); the service assumes 0.
    globals.args.push(['useSXPS', pyBool(false)]);
    notes.push('useSXPS=False is added: xrt_prods requires it, and 0 is what the service assumes when it is left out.');
  }

  const products: ProductMethodCall[] = [];
  let positionShared = false;
  for (const product of requested) {
    globals.used.add(product.flag);
    const own: Arguments = { args: [], used: globals.used, problems: globals.problems };
    if (product.position && !positionShared) {
      positionShared = true;
      argumentsOf(request, POSITION_SHARED, own);
      if (request.posobs === 'hours' && request.posobstime === undefined) {
        own.args.push(['incHours', pyInt(HOURS_DEFAULT)]);
        notes.push(
          `incHours=${HOURS_DEFAULT} is added to the positions: xrt_prods requires it with "hours", and ${HOURS_DEFAULT} is the service's default.`,
        );
      }
    }
    argumentsOf(request, product.rows, own);
    if (product.flag === 'spec') {
      if (request.specobs === 'hours' && request.specobstime === undefined) {
        own.args.push(['incHours', pyInt(HOURS_DEFAULT)]);
        notes.push(
          `incHours=${HOURS_DEFAULT} is added to the spectrum: xrt_prods requires it with "hours", and ${HOURS_DEFAULT} is the service's default.`,
        );
      }
      if (request.zval !== undefined && !isOn(request, 'specz') && request.galactic === undefined) {
        // Giving a redshift makes xrt_prods turn on the Galactic absorber; the file leaves it off.
        own.args.push(['galactic', pyBool(false)]);
        notes.push(
          'galactic=False is added: xrt_prods turns it on when a redshift is given, the request leaves it at the service default, off.',
        );
      }
      if (request.dchi === undefined) notes.push('xrt_prods sends deltaFitStat 2.706 (dchi), the service default, when it is not given.');
    }
    products.push({ method: product.method, args: own.args });
  }

  const ignored: string[] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(request)) {
    if (globals.used.has(key) || CLIENT_KEYS.has(key) || PRODUCTS.some((p) => p.flag === key)) continue;
    if (ECHO_KEYS.has(key) || isFieldOfUnrequestedProduct(key, request)) ignored.push(key);
    else unknown.push(key);
  }
  if (ignored.length > 0)
    notes.push(
      `Left out, as the service ignores them (fields of products not requested, or its own echo): ${pyList(ignored.map(pyString))}.`,
    );
  if (unknown.length > 0) notes.push(`Left out, as xrt_prods has no such parameter: ${pyList(unknown.map(pyString))}.`);
  return { globals: globals.args, products, notes, problems: globals.problems };
}

/** `def <name>(user_id): …` building one request with xrt_prods' calls. */
function requestFunction(name: string, calls: RequestCalls): string {
  const lines = [
    `def ${name}(user_id):`,
    '    request = XRTProductRequest(user_id, silent=True)',
    ...calls.notes.map((n) => pyComment(n, '    ')),
    pyCall('request.setGlobalPars', calls.globals, '    '),
    ...calls.products.map((p) => pyCall(`request.${p.method}`, p.args, '    ')),
    '    return request',
  ];
  return lines.join('\n');
}

const SUBMIT_AND_WAIT = `def submit_and_wait(request):
    """Submits the request once (never again by itself) and waits until every product is done or failed."""
    if not request.submit():
        sys.exit("The XRT product generator did not accept the request:\\n" + str(request.submitError))
    print(f"Submitted as XRT job {request.JobID}: {request.URL}")
    # \`complete\` asks the service for the status of every product.
    while not request.complete:
        time.sleep(POLL_SECONDS)
    print(f"XRT job {request.JobID} is finished.")`;

function mainFunction(userId: string | undefined): string {
  const fallback = userId === undefined ? pyCode('input("UKSSDC user ID (your registered e-mail address): ")') : pyString(userId);
  return `def main():
    # The user ID is the e-mail address registered with the UKSSDC (not a secret).
    user_id = os.environ.get("SWIFT_XRT_USER_ID") or ${fallback}
    folder = sys.argv[1] if len(sys.argv) > 1 else "swift-products"
    request = build_request(user_id)
    submit_and_wait(request)
    target = os.path.join(folder, str(request.JobID))
    os.makedirs(target, exist_ok=True)
    for product, path in request.downloadProducts(target, format="tar.gz").items():
        print(f"{product}: {path}")`;
}

/** The script for one checked request, or the problems that stop xrt_prods from sending it. */
export function xrtPythonScript(request: Readonly<Record<string, unknown>>, context: XrtScriptContext): XrtPythonExport {
  const calls = requestCalls(request);
  if (calls.problems.length > 0) return { ok: false, problems: calls.problems };
  const userId = context.userId ?? (typeof request.UserID === 'string' && request.UserID.trim() !== '' ? request.UserID.trim() : undefined);
  const script = [
    scriptHeader({
      purpose: [
        'Submits the Swift-XRT product request below to the UKSSDC XRT product generator with the',
        'official Python client (swifttools xrt_prods), waits for the products and downloads them.',
        'Run: python3 <this file> [download folder]   (SWIFT_XRT_USER_ID overrides the user ID)',
      ],
      fileName: context.fileName,
      version: context.version,
      date: context.date,
    }),
    '',
    'import os\nimport sys\nimport time\n\nfrom swifttools.xrt_prods import XRTProductRequest',
    '',
    pyComment('About once a minute, as the xrt_prods documentation asks of clients that poll.'),
    'POLL_SECONDS = 60',
    '',
    '',
    requestFunction('build_request', calls),
    '',
    '',
    SUBMIT_AND_WAIT,
    '',
    '',
    mainFunction(userId),
    '',
    '',
    'if __name__ == "__main__":\n    main()',
    '',
  ].join('\n');
  return { ok: true, script };
}
