// A source's position, count-rate and spectral-fit cells, from the viewer's model of its products (the
// downloaded folder, completed by the service's spectral-fit reply when there is one). Each choice below
// is what a population table needs: one comparable number per source, and a note whenever a value is
// missing or was picked among several.
import type { ResultCell } from '../../shared/campaignResultsModel';
import type { PositionResult, SpectralFit, SpectrumSection, ValueWithErrors, ViewerModel, XrtMode } from '../../shared/viewModel';
import { wholeCurveMeanRate } from '../model/fluxFactors';

export interface CellsWithNotes {
  readonly cells: Record<string, ResultCell>;
  readonly notes: string[];
}

// ---------------------------------------------------------------------------------------------------
// Position

/**
 * Systematic error (90 %) included in each kind's reported error, from the UKSSDC's "On-demand positions —
 * Online Documentation" (https://www.swift.ac.uk/user_objects/pos_docs.php, Overview; the product
 * generator's pages, test/fixtures/protocol/xrt-products.md §0 SEED): standard positions rest on the star
 * trackers (3.5″), enhanced ones on UVOT and USNO-B1 (1.4″), astrometric ones on XRT field sources and
 * 2MASS (0″). Used only to break a tie in the error.
 */
const SYSTEMATIC_ARCSEC: Readonly<Record<PositionResult['kind'], number>> = { astrometric: 0, enhanced: 1.4, standard: 3.5 };

/**
 * The best position the products have: among those found, the smallest 90 % error, since every kind's
 * error includes its own systematic (§9 `Err90`: "incl. systematics"; pos_docs.php, Overview), so the
 * errors are comparable as they stand; on equal errors, the kind with the smaller systematic floor.
 */
export function positionCells(model: ViewerModel): CellsWithNotes {
  const notes: string[] = [];
  const all = Object.values(model.positions ?? {}).filter((p): p is PositionResult => p !== undefined);
  const found = all.filter(
    (p) => p.found && p.ra !== undefined && p.dec !== undefined && p.err90 !== undefined && Number.isFinite(p.err90),
  );
  for (const p of all) if (!p.found) notes.push(`No ${p.kind} position: ${p.reason ?? 'the service could not determine it.'}`);
  found.sort((a, b) => a.err90! - b.err90! || SYSTEMATIC_ARCSEC[a.kind] - SYSTEMATIC_ARCSEC[b.kind]);
  const best = found[0];
  if (!best) return { cells: { ra: null, dec: null, err90: null, position: null }, notes };
  if (found.length > 1)
    notes.push(
      `Position: the ${best.kind} one (${best.err90}″), the smallest 90 % error of ${found.map((p) => `${p.kind} ${p.err90}″`).join(', ')}.`,
    );
  const origin = best.fromSXPS ? `${best.kind} (${best.catalogue ?? 'SXPS'})` : best.kind;
  return { cells: { ra: best.ra!, dec: best.dec!, err90: best.err90!, position: origin }, notes };
}

// ---------------------------------------------------------------------------------------------------
// Count rate

/**
 * The light curve's exposure-weighted mean count rate over all its bins in one mode (Σ rate × exposure /
 * Σ exposure: its counts over its exposure), the same mean the flux-unit conversion divides by (README,
 * "Light curves in flux units"). PC when the curve has PC bins, else WT: PC is the mode of positions and of
 * most of a faint source's exposure, so it makes rates comparable across a campaign. The spectral-fit reply
 * has no count rate (§12), so the light curve is the only source of one.
 */
export function rateCells(model: ViewerModel): CellsWithNotes {
  const lc = model.lightCurve;
  const empty = { rate: null, ratePos: null, rateNeg: null, rateMode: null };
  if (!lc) return { cells: empty, notes: [] };
  for (const mode of ['PC', 'WT'] as const satisfies readonly XrtMode[]) {
    const mean = wholeCurveMeanRate(lc, mode);
    if (!mean) continue;
    const notes: string[] = [];
    if (mean.upperLimitBins > 0) notes.push(`Count rate: ${mean.upperLimitBins} upper-limit bin(s) counted through their net counts.`);
    if (mean.upperLimitBinsLeftOut > 0)
      notes.push(`Count rate: ${mean.upperLimitBinsLeftOut} upper-limit bin(s) without counts columns left out.`);
    return { cells: { rate: mean.value, ratePos: mean.pos, rateNeg: mean.neg, rateMode: mode }, notes };
  }
  return { cells: empty, notes: ['Count rate: the light curve has no WT or PC bin with exposure.'] };
}

// ---------------------------------------------------------------------------------------------------
// Spectral fit

const NH_UNIT = 1e22;

const isPowerLaw = (f: SpectralFit): boolean => f.model.toLowerCase() === 'powerlaw';
/** A fit with numbers (files alone name the models but hold no values, §13.4). */
const hasValues = (f: SpectralFit): boolean => !f.fitFailed && (f.nh !== undefined || f.cstat !== undefined || f.obsFlux !== undefined);

function withErrors(key: string, value: ValueWithErrors | undefined, scale = 1): Record<string, ResultCell> {
  return {
    [key]: value ? value.value / scale : null,
    [`${key}Pos`]: value?.pos !== undefined ? value.pos / scale : null,
    // The wire stores `Neg` negative (§12); a positive one is a sign slip, kept as the table's convention.
    [`${key}Neg`]: value?.neg !== undefined ? -Math.abs(value.neg) / scale : null,
  };
}

const EMPTY_SPECTRUM: Record<string, ResultCell> = {
  spectrum: null,
  model: null,
  ...withErrors('nh', undefined),
  ...withErrors('gamma', undefined),
  ...withErrors('kT', undefined),
  ...withErrors('obsFlux', undefined),
  ...withErrors('unabsFlux', undefined),
  cstat: null,
  dof: null,
};

/**
 * The first interval's fit (in the service's `rnames` order; a later one only when the first has none),
 * PC mode when it was fitted, else WT (as for the count rate), and the `PowerLaw` model when it succeeded
 * (the service's default model, §3.5), else the first that did. Errors are the fit's, at its
 * `DeltaFitStat` (2.706, 90 %, unless the reply says otherwise; a note then says so).
 */
export function spectrumCells(model: ViewerModel, haveServiceFits: boolean): CellsWithNotes {
  const spectrum = model.spectrum;
  if (!spectrum) return { cells: { ...EMPTY_SPECTRUM }, notes: [] };
  if (spectrum.noSpectrum) return { cells: { ...EMPTY_SPECTRUM }, notes: ['Spectrum: the service could not make one (NOSPEC).'] };
  const choice = chooseFit(spectrum);
  if (!choice) {
    const offline = !haveServiceFits && spectrum.intervals.some((i) => i.modes.some((m) => m.fits.length > 0));
    return {
      cells: { ...EMPTY_SPECTRUM },
      notes: [
        offline
          ? 'Spectral fit: its values come from the service (getSpecData, test/fixtures/protocol/xrt-products.md §12); the downloaded files hold none (§13.4).'
          : 'Spectral fit: no interval has a successful fit.',
      ],
    };
  }
  const { interval, mode, fit, others } = choice;
  const notes: string[] = [];
  if (others.length > 0) notes.push(`Spectral fit: ${interval} ${mode} ${fit.model} shown; also fitted: ${others.join(', ')}.`);
  if (spectrum.deltaFitStat !== undefined && Math.abs(spectrum.deltaFitStat - 2.706) > 1e-6)
    notes.push(`Spectral fit: errors at Δ statistic ${spectrum.deltaFitStat}, not 2.706 (90 %).`);
  return {
    cells: {
      spectrum: `${interval} ${mode}`,
      model: fit.model,
      ...withErrors('nh', fit.nh, NH_UNIT),
      ...withErrors('gamma', fit.gamma),
      ...withErrors('kT', fit.kT),
      ...withErrors('obsFlux', fit.obsFlux),
      ...withErrors('unabsFlux', fit.unabsFlux),
      cstat: fit.cstat ?? null,
      dof: fit.dof ?? null,
    },
    notes,
  };
}

function chooseFit(spectrum: SpectrumSection): { interval: string; mode: XrtMode; fit: SpectralFit; others: string[] } | undefined {
  const candidates: { interval: string; mode: XrtMode; fit: SpectralFit }[] = [];
  for (const interval of spectrum.intervals) {
    if (interval.noSpectrum) continue;
    for (const mode of interval.modes)
      for (const fit of mode.fits) if (hasValues(fit)) candidates.push({ interval: interval.name, mode: mode.mode, fit });
  }
  const first = candidates[0];
  if (!first) return undefined;
  const inFirst = candidates.filter((c) => c.interval === first.interval);
  const mode = inFirst.some((c) => c.mode === 'PC') ? 'PC' : 'WT';
  const inMode = inFirst.filter((c) => c.mode === mode);
  const chosen = inMode.find((c) => isPowerLaw(c.fit)) ?? inMode[0]!;
  const others = candidates.filter((c) => c !== chosen).map((c) => `${c.interval} ${c.mode} ${c.fit.model}`);
  return { ...chosen, others };
}
