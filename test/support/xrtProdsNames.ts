// xrt_prods 1.12's names for the request's parameters, written out independently of the Export as Python
// generator's tables (src/xrt/export/pythonScript.ts): per call of `XRTProductRequest`, its Python name →
// the wire name it sends (test/fixtures/protocol/xrt-products.md §3.8, from swifttools'
// ukssdc/xrt_prods/productVars.py `prodPythonParsToJSONPars` and prod_request.py
// `_globalPythonParsToJSONPars`), and the product flag each `add…` call sends (prod_common.py `classReqPar`).

/** xrt_prods' Python name → wire name, per call (xrt-products.md §3.8, from productVars.py and prod_request.py). */
const GLOBAL_WIRE: Record<string, string> = {
  centroid: 'cent',
  T0: 'Tstart',
  posErr: 'poserr',
  wtPupRate: 'wtpuprate',
  pcPupRate: 'pcpuprate',
};
const POSITION_WIRE: Record<string, string> = {
  whichData: 'posobs',
  useObs: 'useposobs',
  incHours: 'posobstime',
  detOrCent: 'detornot',
  centMeth: 'detMeth',
  useAllObs: 'allxastrom',
};
export const CALL_WIRE: Record<string, Record<string, string>> = {
  setGlobalPars: GLOBAL_WIRE,
  addLightCurve: {
    useObs: 'uselcobs',
    whichData: 'lcobs',
    allowBayes: 'allowB',
    timeFormat: 'lctimetype',
    minEnergy: 'minen',
    maxEnergy: 'maxen',
    softLo: 'soft1',
    softHi: 'soft2',
    hardLo: 'hard1',
    hardHi: 'hard2',
    minSig: 'sigmin',
    minCounts: 'mincmin',
    matchHR: 'hrbin',
    wtHRBinTime: 'wthrbin',
    pcHRBinTime: 'pchrbin',
    minFracExp: 'femin',
    rateFact: 'ratefact',
    binFact: 'binfact',
    pcCounts: 'pccounts',
    wtCounts: 'wtcounts',
    pcBinTime: 'pcbin',
    wtBinTime: 'wtbin',
    minSNR: 'minsnr',
    pcmaxGap: 'pcmaxGap',
    wtmaxGap: 'wtmaxGap',
  },
  addSpectrum: {
    hasRedshift: 'specz',
    redshift: 'zval',
    useObs: 'usespecobs',
    whichData: 'specobs',
    grades: 'specgrades',
    incHours: 'specobstime',
    specStem: 'specstem',
    deltaFitStat: 'dchi',
  },
  addStandardPos: POSITION_WIRE,
  addEnhancedPos: POSITION_WIRE,
  addAstromPos: POSITION_WIRE,
  addImage: { energies: 'imen', useObs: 'useimobs', whichData: 'imobs' },
  addSourceDet: { whichData: 'detobs', useObs: 'usedetobs', whichBands: 'detbands' },
};
/** The product flag each `add…` call sends (prod_common.py `classReqPar`). */
export const CALL_FLAG: Record<string, string> = {
  addLightCurve: 'lc',
  addSpectrum: 'spec',
  addStandardPos: 'dopsf',
  addEnhancedPos: 'doenh',
  addAstromPos: 'doxastrom',
  addImage: 'image',
  addSourceDet: 'sourceDet',
};

/** One call a script made on an `XRTProductRequest`, as the fake client records it (JSON values). */
export interface RecordedCall {
  readonly method: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
}

/** The wire body xrt_prods' getJSONDict would build from the calls (bools → 0/1, Python names → wire names). */
export function wireBodyOfCalls(calls: readonly RecordedCall[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { method, kwargs } of calls) {
    const names = CALL_WIRE[method];
    if (!names) throw new Error(`${method} is not a method that sets request parameters`);
    const flag = CALL_FLAG[method];
    if (flag) body[flag] = 1;
    for (const [name, value] of Object.entries(kwargs)) body[names[name] ?? name] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return body;
}
