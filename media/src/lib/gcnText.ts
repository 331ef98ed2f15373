// Position text in the wording Swift-XRT team GCN circulars use, ready to paste into a circular.
import type { PositionResult, ViewerJob, XrtMode } from '../../../src/shared/viewModel';
import { formatDec, formatRa } from './sexagesimal';

const MODE_NAMES: Record<XrtMode, string> = { PC: 'Photon Counting', WT: 'Windowed Timing' };

/** "850 s", "1.2 ks", "12 ks": the precision circulars use. */
function formatExposure(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`Exposure must be a non-negative number of seconds, got ${seconds}`);
  if (seconds < 1000) return `${Math.round(seconds)} s`;
  const ks = seconds / 1000;
  return ks < 10 ? `${ks.toFixed(1)} ks` : `${Math.round(ks)} ks`;
}

function targetOf(job: ViewerJob): string {
  return job.targetName?.trim() || job.name?.trim() || 'this target';
}

function method(position: PositionResult): string {
  switch (position.kind) {
    case 'enhanced':
      return 'an enhanced XRT position (using the XRT-UVOT alignment and matching UVOT field sources to the USNO-B1 catalogue)';
    case 'astrometric':
      return 'an astrometrically corrected XRT position (using XRT field sources matched to the 2MASS catalogue)';
    case 'standard':
      return 'a refined XRT position';
  }
}

function dataClause(position: PositionResult, target: string): string {
  const mode = MODE_NAMES[position.mode ?? 'PC'];
  const amount = position.exposureSeconds !== undefined ? `${formatExposure(position.exposureSeconds)} of ` : '';
  const uvot =
    position.kind === 'enhanced' && position.uvotOverlaps !== undefined
      ? ` and ${position.uvotOverlaps} UVOT image${position.uvotOverlaps === 1 ? '' : 's'}`
      : '';
  return `Using ${amount}XRT ${mode} mode data${uvot} for ${target}`;
}

/**
 * The circular paragraph for one position. Throws when the position has no coordinates: there is
 * nothing to announce.
 */
export function gcnPositionText(position: PositionResult, job: ViewerJob): string {
  const { ra, dec, err90 } = position;
  if (!position.found || ra === undefined || dec === undefined || err90 === undefined) {
    throw new Error(`No ${position.kind} position was determined, so there is no GCN text to copy.`);
  }
  const target = targetOf(job);
  const lines = [
    `${dataClause(position, target)}, we find ${method(position)}: RA, Dec = ${ra.toFixed(5)}, ${dec.toFixed(5)} which is equivalent to:`,
    `RA (J2000): ${formatRa(ra, 'letters', 2)}`,
    `Dec (J2000): ${formatDec(dec, 'letters', 1)}`,
    `with an uncertainty of ${err90.toFixed(1)} arcsec (radius, 90% confidence).`,
  ];
  if (position.fromSXPS) {
    lines.push(
      `This position is taken from the ${position.catalogue?.trim() || 'SXPS'} catalogue, whose dataset matches the one used here.`,
    );
  }
  return lines.join('\n');
}
