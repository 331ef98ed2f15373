// What a validated submission means to the emulator: the typed facts that the simulated
// products are generated from (the wire echo, `jobPars`, is built alongside it).
import type { ProductCode } from './constants';

export type BinMethod = 'counts' | 'time' | 'snapshot' | 'obsid';
export type ModeChoice = 'no' | 'pc' | 'wt' | 'both';
export type SpecModel = 'powerlaw' | 'apec' | 'blackbody';
export type Timeslice = 'single' | 'user' | 'snapshot' | 'obsid';

export interface LcSpec {
  readonly binMeth: BinMethod;
  readonly pccounts: number;
  readonly wtcounts: number;
  readonly pcbin: number;
  readonly wtbin: number;
  readonly sigmin: number;
  readonly allowUL: ModeChoice;
  readonly timeFormat: 'MET' | 'MJD';
}

export interface SpecInterval {
  readonly rname: string;
  readonly gti: string;
}

export interface SpecSpec {
  readonly timeslice: Timeslice;
  readonly intervals: readonly SpecInterval[];
  readonly models: readonly SpecModel[];
  readonly doNotFit: boolean;
  readonly redshift?: number;
  readonly galactic: boolean;
  readonly dchi: number;
  readonly specobs: 'all' | 'user' | 'hours';
  readonly specobstimeHours: number;
}

export interface JobSpec {
  readonly name: string;
  /** 8-digit target IDs the job uses (given, or found by getTargs). */
  readonly targets: readonly string[];
  readonly ra?: number;
  readonly dec?: number;
  /** Tstart as given or resolved by getT0, Swift MET seconds. */
  readonly t0?: number;
  readonly sinceT0: boolean;
  readonly useSXPS: boolean;
  /** Products the job builds: the requested ones, plus psf when xastrom is requested (the API's direct-HTTP docs). */
  readonly products: readonly ProductCode[];
  /** Products whose flag the user set. */
  readonly requested: readonly ProductCode[];
  /** arcsec */
  readonly posRadius: number;
  readonly lc?: LcSpec;
  readonly spec?: SpecSpec;
  readonly imageBands?: ReadonlyArray<readonly [number, number]>;
  readonly sourceDetBands?: 'total' | 'all';
}
