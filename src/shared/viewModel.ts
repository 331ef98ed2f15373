// The data contract between the extension host and the product viewer webview.
//
// Everything here is plain JSON (no classes, no Dates, no Maps, no `undefined` inside arrays) because it
// crosses `postMessage` and is stored with `webview.setState`. The data side (`src/products/**`) builds a
// `ViewerModel` from the service replies and the downloaded files; the viewer only reads it.
//
// Conventions shared by every section:
// - Numbers are finite or absent; a value the service did not give is left out, never NaN.
//   Exception: light-curve columns may hold `NaN`/`Infinity` where the wire has "inf"/"nan" strings
//   (JSON turns them into `null`; the viewer treats `null` and non-finite values as missing).
// - Errors keep the wire's signs: `…Pos` ≥ 0 and `…Neg` ≤ 0. The viewer takes absolute values, so a
//   positive `…Neg` is tolerated.
// - File paths (`…Path`) are absolute file-system paths on the host or paths relative to the job's
//   download folder. The host turns them into webview URIs (and refuses any outside that folder);
//   the webview never sees a file-system path it could read by itself.
// - Text (names, catalogue labels, problem messages, table cells) may come from the network: the viewer
//   shows it as text, never as markup.

/** Bumped when a change would make an older stored state unreadable; the host then reloads from disk. */
export const VIEWER_MODEL_VERSION = 1;

export type XrtMode = 'WT' | 'PC';

export interface ViewerModel {
  readonly version: typeof VIEWER_MODEL_VERSION;
  readonly job: ViewerJob;
  readonly lightCurve?: LightCurveSection;
  /**
   * The job's light curve binned anew on the service (rebins), shown beside `lightCurve` and chosen with
   * a selector; absent when there are none. `lightCurveChoice` says how the original is labelled, which
   * curve is shown first and whether the viewer offers Rebin….
   */
  readonly rebinnedLightCurves?: readonly RebinnedLightCurve[];
  readonly lightCurveChoice?: LightCurveChoice;
  readonly spectrum?: SpectrumSection;
  readonly positions?: PositionsSection;
  readonly image?: ImageSection;
  readonly sourceDetection?: SourceDetectionSection;
  /**
   * Count rate → flux factors from the job's spectral fits, per interval and mode (src/shared/fluxUnits):
   * present when the job has a light curve and a spectrum with fluxes.
   */
  readonly fluxConversion?: FluxConversion;
  /** What could not be read or shown (a missing file, a parse error); shown above the sections. */
  readonly problems: readonly ViewerProblem[];
}

export interface ViewerJob {
  readonly id: string;
  /** The user's label for the job (the request's `name`), if any. */
  readonly name?: string;
  /** The job's web page on the UKSSDC site. */
  readonly url?: string;
  /** Swift MET seconds of the job's T0 (trigger time), when the request or a reply gave one. */
  readonly T0?: number;
  /** Target name as the user or the service gave it (GCN text uses it). */
  readonly targetName?: string;
}

export interface ViewerProblem {
  readonly severity: 'error' | 'warning' | 'info';
  /** Product short code (`lc`, `spec`, `psf`, `enh`, `xastrom`, `image`, `sourceDet`) when it concerns one. */
  readonly product?: string;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------------
// Light curve (test/fixtures/protocol/xrt-products.md §11, §13.3)

export type LightCurveKind = 'detections' | 'upper-limits' | 'hard' | 'soft' | 'hardness-ratio';

/**
 * Columns as the service names them (§11.2). All arrays of one dataset have the same length.
 * - detections: Time, TimePos, TimeNeg, Rate, RatePos, RateNeg (+ any of the other wire columns).
 * - upper-limits: Time, TimePos, TimeNeg, Rate (= the limit; RatePos/RateNeg are 0 or absent).
 * - hard / soft: Time, TimePos, TimeNeg, Rate, RateErr (symmetric) — or RatePos/RateNeg.
 * - hardness-ratio: Time, TimePos, TimeNeg, HR, HRErr.
 * Extra numeric columns (FracExp, Exposure, Sigma, …) may be present and are exported to CSV.
 */
export interface LightCurveColumns {
  readonly Time: readonly number[];
  readonly TimePos: readonly number[];
  readonly TimeNeg: readonly number[];
  readonly Rate?: readonly number[];
  readonly RatePos?: readonly number[];
  readonly RateNeg?: readonly number[];
  readonly RateErr?: readonly number[];
  readonly HR?: readonly number[];
  readonly HRErr?: readonly number[];
  readonly [extra: string]: readonly number[] | undefined;
}

export interface LightCurveDataset {
  /** Wire name, e.g. `PC`, `WTUL`, `PCHR_nosys_incbad`. Unique within the section. */
  readonly name: string;
  readonly mode: XrtMode;
  readonly kind: LightCurveKind;
  /** Includes bins whose centroid could not be verified (`_incbad`). */
  readonly incbad: boolean;
  /** WT-mode systematic error removed (`_nosys`). */
  readonly nosys: boolean;
  readonly columns: LightCurveColumns;
  /** Observation ID per row when the service gave one. */
  readonly obsIds?: readonly string[];
  /** The QDP file this dataset came from (service URL), for reference. */
  readonly sourceUrl?: string;
}

export interface LightCurveSection {
  readonly datasets: readonly LightCurveDataset[];
  /**
   * `MET`: Time is seconds since `T0` (or since MET 0 when there is no T0); `MJD`: Time is MJD (UTC);
   * `TDB` or anything else: shown as given, linear axis.
   */
  readonly timeFormat: string;
  /** Swift MET seconds of time zero. */
  readonly T0?: number;
  /** `Counts`, `Time`, `Snapshot`, `Observation`, `ObsID`, `Unknown`. */
  readonly binning?: string;
}

/** A rebin of the job's light curve (test/fixtures/protocol/xrt-products.md §16). */
export interface RebinnedLightCurve {
  /** `rebin:<rebin JobID>`. */
  readonly id: string;
  /** Its binning in words, e.g. "time: PC 1000 s, WT 10 s". */
  readonly label: string;
  readonly section: LightCurveSection;
}

export interface LightCurveChoice {
  /** The original's binning in words (the job's own), e.g. "counts: PC 20, WT 30 counts, dynamic". */
  readonly originalLabel: string;
  /** `original` or a rebin's `id`: the curve shown when the viewer opens. */
  readonly selected: string;
  /** The light curve is a job's finished one: the viewer offers Rebin…. */
  readonly rebinnable: boolean;
}

/** The id of the job's own light curve among the choices. */
export const ORIGINAL_LIGHT_CURVE = 'original';

// ---------------------------------------------------------------------------------------------------
// Spectrum (§12, §13.4)

/** A fitted value with its asymmetric errors (`neg` ≤ 0 as on the wire). */
export interface ValueWithErrors {
  readonly value: number;
  readonly pos?: number;
  readonly neg?: number;
}

export interface SpectralFit {
  /** Model key, e.g. `PowerLaw`, `APEC`. */
  readonly model: string;
  /** The fit was attempted but failed (`NOFIT` inside the model object). */
  readonly fitFailed: boolean;
  /** Fitted absorbing column, cm⁻². */
  readonly nh?: ValueWithErrors;
  /** Fixed Galactic column used in the fit, cm⁻². */
  readonly galacticNH?: number;
  /** Photon index (power law). */
  readonly gamma?: ValueWithErrors;
  /** Temperature in keV (APEC, blackbody; wire `KT` or `kT`). */
  readonly kT?: ValueWithErrors;
  /** erg cm⁻² s⁻¹. */
  readonly obsFlux?: ValueWithErrors;
  readonly unabsFlux?: ValueWithErrors;
  readonly cstat?: number;
  readonly dof?: number;
  readonly fitChi?: number;
  /** Redshift of the absorber (`Redshift_abs`) when one was fitted. */
  readonly redshift?: number;
  /** The downloaded fit plot (GIF). */
  readonly plotPath?: string;
  /** The plot's address on the service, when it was not downloaded (opened in the browser). */
  readonly plotUrl?: string;
}

export interface SpectrumModeResult {
  readonly mode: XrtMode;
  /** Mean event time, s since T0. */
  readonly meanTime?: number;
  /** s. */
  readonly exposure?: number;
  /** Fitting was not requested (`NOFIT` at mode level): show the spectrum without fits. */
  readonly noFit: boolean;
  readonly fits: readonly SpectralFit[];
}

export interface SpectrumInterval {
  /** `interval0`, a user label, or a snapshot/obsid name. */
  readonly name: string;
  /** Requested bounds, s since T0. */
  readonly start?: number;
  readonly stop?: number;
  /** No spectrum could be made for this interval (`NOSPEC`). */
  readonly noSpectrum: boolean;
  readonly modes: readonly SpectrumModeResult[];
  /** The interval's spectral files archive (downloaded path or service URL). */
  readonly dataFilePath?: string;
  readonly dataFileUrl?: string;
}

export interface SpectrumSection {
  /** No spectrum at all for the job (`NoSpectrum`); `intervals` is then empty. */
  readonly noSpectrum: boolean;
  readonly T0?: number;
  readonly deltaFitStat?: number;
  /** Expected Galactic column when none was fitted, cm⁻². */
  readonly galNHUnfitted?: number;
  readonly intervals: readonly SpectrumInterval[];
}

// ---------------------------------------------------------------------------------------------------
// Positions (§9, §13.5–13.7)

export type PositionKind = 'standard' | 'enhanced' | 'astrometric';

/** `xastrom_corr.dat`: the correction applied to the XRT frame. */
export interface AstrometricCorrection {
  readonly raShiftArcsec: number;
  readonly decShiftArcsec: number;
  readonly rollArcmin: number;
  /** 90 % uncertainty of the correction itself. */
  readonly err90Arcsec: number;
}

export interface PositionResult {
  readonly kind: PositionKind;
  /** A position was determined (`GotPos`, `results.dat` not `NOPOS`, `success.txt` / `corrpos.dat` present). */
  readonly found: boolean;
  /** Why there is none, when known. */
  readonly reason?: string;
  /** J2000 decimal degrees. */
  readonly ra?: number;
  readonly dec?: number;
  /** 90 % confidence radial error, arcsec (including systematics). */
  readonly err90?: number;
  /** Copied from an SXPS catalogue (standard and astrometric only). */
  readonly fromSXPS?: boolean;
  /** Catalogue name, e.g. `2SXPS`. */
  readonly catalogue?: string;
  readonly sxpsSourceId?: string;
  /** Astrometric only. */
  readonly correction?: AstrometricCorrection;
  /** Seconds of XRT data used, when known (GCN text). */
  readonly exposureSeconds?: number;
  /** XRT mode of the data used, when known (GCN text; defaults to Photon Counting). */
  readonly mode?: XrtMode;
  /** Enhanced only: number of XRT–UVOT overlaps used (`success.txt` line 3). */
  readonly uvotOverlaps?: number;
  /** Field images (GIF) belonging to this position: `summed.gif`, `orig.gif`, `corrected.gif`, … */
  readonly imagePaths?: readonly string[];
}

export interface PositionsSection {
  readonly standard?: PositionResult;
  readonly enhanced?: PositionResult;
  readonly astrometric?: PositionResult;
}

// ---------------------------------------------------------------------------------------------------
// Image (§13.8)

interface BandImage {
  /** Image number from `images.log`. */
  readonly index: number;
  /** keV. */
  readonly emin: number;
  readonly emax: number;
  readonly gifPath?: string;
  readonly fitsPath?: string;
}

interface ExposureMap {
  /** e.g. "Exposure map" / "Exposure map (vignetting-corrected)". */
  readonly label: string;
  readonly vignetted: boolean;
  readonly gifPath?: string;
  readonly fitsPath?: string;
}

export interface ImageSection {
  readonly bands: readonly BandImage[];
  readonly exposureMaps: readonly ExposureMap[];
}

// ---------------------------------------------------------------------------------------------------
// Source detection (§10, §13.9)

export interface SourceDetectionBand {
  /** `Total`, `Soft`, `Medium`, `Hard`. */
  readonly band: string;
  /** Column keys in display order (`sno`, `ra`, `dec`, `err90`, …; the full set is unknown, so open). */
  readonly columns: readonly string[];
  /** One row per source; cells as the service sent them (strings), aligned with `columns`. */
  readonly rows: readonly (readonly string[])[];
}

export interface SourceDetectionSection {
  readonly bands: readonly SourceDetectionBand[];
}

// ---------------------------------------------------------------------------------------------------
// Flux units (src/shared/fluxUnits): the count rate → flux conversion of a job, from its spectral fits
// (§12: per interval and mode `ObsFlux`, `UnabsFlux` in erg cm⁻² s⁻¹ with errors at the confidence of
// `DeltaFitStat`). The reply holds no count rate, so the mean count rate is the job's own light curve's over
// the interval's time range and mode. The factor (energy conversion factor, ECF) is flux / mean rate, in
// erg cm⁻² per count.

/** The band the fluxes are in. The service does not state it (§12: "presumably 0.3–10 keV"). */
export interface EnergyBand {
  readonly minKeV: number;
  readonly maxKeV: number;
  /** True when no product stated the band and 0.3–10 keV was assumed. */
  readonly assumed: boolean;
}

/** A value with 1σ errors, `pos` ≥ 0, `neg` ≤ 0 (the wire's sign convention). */
export interface ValueWith1Sigma {
  readonly value: number;
  readonly pos: number;
  readonly neg: number;
}

/** The light curve's mean count rate over a spectral interval, for one mode. */
export interface MeanRate extends ValueWith1Sigma {
  /** Detection bins averaged, and upper-limit bins counted through their net counts. */
  readonly bins: number;
  readonly upperLimitBins: number;
  /** Upper-limit bins without the columns their net counts need (CtsInSrc, BGInSrc, CorrFact, Exposure): left out. */
  readonly upperLimitBinsLeftOut: number;
  /** Summed exposure of those bins, s. */
  readonly exposure: number;
}

export interface ModeFactors {
  readonly mode: XrtMode;
  /** The spectral model whose fluxes were used (`PowerLaw` when fitted, else the first model with fluxes). */
  readonly model: string;
  /** erg cm⁻² per count, 1σ. Absent when the fit gave no such flux. */
  readonly observed?: ValueWith1Sigma;
  readonly unabsorbed?: ValueWith1Sigma;
  readonly meanRate: MeanRate;
  /** The spectrum's exposure, s (to compare with meanRate.exposure). */
  readonly spectrumExposure?: number;
}

export interface IntervalFactors {
  /** The interval's name (`interval0`, a user label, `Obs_…`). */
  readonly name: string;
  /** Requested bounds, seconds since the spectrum's T0 (§12 Start/Stop). */
  readonly start: number;
  readonly stop: number;
  readonly modes: readonly ModeFactors[];
}

export interface FluxConversion {
  readonly band: EnergyBand;
  /** The fit's Δ statistic for its errors (2.706: 90 %); the factors' errors are scaled to 1σ with it. */
  readonly deltaFitStat: number;
  /** Swift MET of the spectrum's time zero (interval bounds are relative to it). */
  readonly T0?: number;
  readonly intervals: readonly IntervalFactors[];
  /** What the user should know: intervals or modes left out and why, coverage mismatches. */
  readonly notes: readonly string[];
}

// ---------------------------------------------------------------------------------------------------

/** Section keys, listed in display order; the webview and the `rendered` summary use these names. */
export type ViewerSectionKey = 'lightCurve' | 'spectrum' | 'positions' | 'image' | 'sourceDetection';
