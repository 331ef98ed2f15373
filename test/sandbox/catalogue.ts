// The sandbox's small astronomical catalogue: what its name resolver, `getCoords`, `getTargs`
// and `getT0` know. Positions are J2000 decimal degrees; T0 is Swift MET seconds.
export interface CatalogueEntry {
  readonly name: string;
  /** Other spellings the resolver accepts (compared case- and space-insensitively). */
  readonly aliases: readonly string[];
  readonly ra: number;
  readonly dec: number;
  /** Swift target IDs, 8 digits. */
  readonly targetIds: readonly string[];
  /** Trigger time (GRBs) or start of the first observation, Swift MET seconds. */
  readonly t0: number;
  /** Whether XRT sees a source at this position (false: position products fail with "no source"). */
  readonly xraySource: boolean;
  /** Mean 0.3–10 keV count rate, for deterministic light curves and spectra. */
  readonly meanRate: number;
  readonly kind: 'grb' | 'cv' | 'pulsar' | 'xrb' | 'agn' | 'blank';
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    name: 'GRB 200416A',
    aliases: ['GRB200416A'],
    ra: 335.6985,
    dec: -7.5179,
    targetIds: ['00966554'],
    t0: 608713541.952,
    xraySource: true,
    meanRate: 2.5,
    kind: 'grb',
  },
  {
    name: 'FO Aqr',
    aliases: ['FOAqr', 'V* FO Aqr'],
    ra: 334.48097,
    dec: -8.35126,
    targetIds: ['00035190', '00037327'],
    t0: 124048802.4,
    xraySource: true,
    meanRate: 0.9,
    kind: 'cv',
  },
  {
    name: 'GK Per',
    aliases: ['GKPer', 'Nova Per 1901'],
    ra: 52.79993,
    dec: 43.90468,
    targetIds: ['00030842', '00010873'],
    t0: 260352000.0,
    xraySource: true,
    meanRate: 0.6,
    kind: 'cv',
  },
  {
    name: 'Crab',
    aliases: ['Crab Nebula', 'M1', 'Crab Pulsar'],
    ra: 83.633114166667,
    dec: 22.014486944444,
    targetIds: ['00058907'],
    t0: 131040000.0,
    xraySource: true,
    meanRate: 180,
    kind: 'pulsar',
  },
  {
    name: 'SMC X-3',
    aliases: ['SMCX-3', 'SMC X3'],
    ra: 13.02329,
    dec: -72.43461,
    targetIds: ['00088230', '00034800'],
    t0: 523238400.0,
    xraySource: true,
    meanRate: 1.8,
    kind: 'xrb',
  },
  {
    name: 'Sgr A*',
    aliases: ['SgrA*', 'Sgr A', 'Sagittarius A*'],
    ra: 266.41684,
    dec: -29.00781,
    targetIds: ['00035063', '00091094'],
    t0: 163987200.0,
    xraySource: true,
    meanRate: 0.12,
    kind: 'agn',
  },
  {
    name: 'SS 433',
    aliases: ['SS433', 'V1343 Aql'],
    ra: 287.9565,
    dec: 4.9827,
    targetIds: ['00035336'],
    t0: 250000000.0,
    xraySource: true,
    meanRate: 0.45,
    kind: 'xrb',
  },
  {
    name: 'Empty Field',
    aliases: ['Blank Sky', 'NOSOURCE'],
    ra: 150.0,
    dec: 60.0,
    targetIds: ['00099999'],
    t0: 600000000.0,
    xraySource: false,
    meanRate: 0,
    kind: 'blank',
  },
];

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, '');
}

export function resolveName(name: string): CatalogueEntry | undefined {
  const wanted = normalise(name);
  return CATALOGUE.find((e) => normalise(e.name) === wanted || e.aliases.some((a) => normalise(a) === wanted));
}

/** Great-circle distance in degrees. */
export function separationDeg(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const rad = Math.PI / 180;
  const s = Math.sin(((dec2 - dec1) * rad) / 2) ** 2 + Math.cos(dec1 * rad) * Math.cos(dec2 * rad) * Math.sin(((ra2 - ra1) * rad) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(s)))) / rad;
}

/** The catalogue entry whose position lies within `radiusDeg` of (ra, dec), nearest first. */
export function nearestEntry(ra: number, dec: number, radiusDeg: number): CatalogueEntry | undefined {
  let best: { entry: CatalogueEntry; d: number } | undefined;
  for (const entry of CATALOGUE) {
    const d = separationDeg(ra, dec, entry.ra, entry.dec);
    if (d <= radiusDeg && (!best || d < best.d)) best = { entry, d };
  }
  return best?.entry;
}
