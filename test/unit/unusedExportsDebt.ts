// Exports of src/ and media/src/ that no other production file uses yet: the debt test/unit/unusedExports.test.ts
// found when it was written (issue 12). Each is owed a fix: test the logic through the entry point the
// product uses, move a test utility to test/support/, or drop `export` where only its own file uses it.
// The test fails on an unused export missing here, and on an entry here that is no longer one: delete
// lines as you pay them off, never add any.
export const KNOWN_UNUSED_EXPORTS: readonly string[] = [
  'media/src/common/dom.ts: append',
  'media/src/lib/axisRange.ts: extentOf',
  'media/src/lib/axisRange.ts: isPlottable',
  'media/src/lib/axisRange.ts: lowerEnd',
  'media/src/lib/axisTicks.ts: decadeLabel',
  'media/src/lib/axisTicks.ts: estimatedWidth',
  'media/src/lib/axisTicks.ts: labelsFit',
  'media/src/lib/axisTicks.ts: linearLabels',
  'media/src/lib/gcnText.ts: formatExposure',
  'media/src/lib/timeAxis.ts: SWIFT_MET_EPOCH_MJD',
  'media/src/lib/timeAxis.ts: metToMjd',
  'media/src/viewer/plotDraw.ts: columnEdges',
  'src/cli.ts: parseArguments',
  'src/common/fileLock.ts: LockOwner',
  'src/common/fileLock.ts: readOwner',
  'src/editing/requestRules.ts: anyOf',
  'src/editing/requestRules.ts: causingKey',
  'src/editing/requestRules.ts: isPresent',
  'src/products/files/qdp.ts: parseQdpCell',
  'src/products/files/qdp.ts: rawRow',
  'src/shared/lightCurveFit/statistic.ts: residual',
  'src/too/client.ts: submissionOutcome',
  'src/too/querySchemas.ts: QUERY_PARAM_SPECS',
  'src/too/responseSchemas.ts: errorBodySchema',
  'src/too/responseSchemas.ts: loginResponseSchema',
  'src/too/responseSchemas.ts: logoutResponseSchema',
  'src/too/responseSchemas.ts: tooRecordSchema',
  'src/too/responseSchemas.ts: tooSubmitResponseSchema',
  'src/xrt/rebin/rebinClient.ts: SITE_API_PATH',
  'src/xrt/rebin/rebinClient.ts: rebinUrlFromXrtBase',
  'src/xrt/rebin/rebinRequest.ts: REBIN_WIRE_NAMES',
  'src/xrt/responseSchemas.ts: xrtErrorResponseSchema',
];
