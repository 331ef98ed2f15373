// UVOT mode descriptions and the bright-star safety check. 0x30ED reproduces the reference's
// six-filter sequence; a few other modes are spelt out; any other non-zero mode gets a
// deterministic, plausible sequence marked as sandbox-generated.
import { separationDeg } from '../catalogue';

export interface UvotModeEntry {
  uvot_mode: number;
  filter_num: number | null;
  min_exposure: number | null;
  filter_name: string;
  filter_pos: number | null;
  filter_seqid: number;
  eventmode: number | null;
  field_of_view: number;
  binning: number;
  max_exposure: number;
  weight: number;
  special: null;
  comment: string;
}

interface FilterStep {
  name: string;
  maxExposure: number;
  weight: number;
}

const SIX_FILTER_BLUE: FilterStep[] = [
  { name: 'uvw1', maxExposure: 540, weight: 1500 },
  { name: 'u', maxExposure: 270, weight: 750 },
  { name: 'b', maxExposure: 270, weight: 750 },
  { name: 'uvw2', maxExposure: 1000, weight: 3000 },
  { name: 'v', maxExposure: 270, weight: 750 },
  { name: 'uvm2', maxExposure: 1000, weight: 2250 },
];

const NAMED_MODES = new Map<number, { steps: FilterStep[]; comment: string }>([
  [0x30ed, { steps: SIX_FILTER_BLUE, comment: 'BLUE WEIGHTING' }],
  // "Filter of the day": the sandbox's filter of the day is always the blue-weighted sequence.
  [0x9999, { steps: SIX_FILTER_BLUE, comment: 'FILTER OF THE DAY' }],
  [0x01ab, { steps: [{ name: 'u', maxExposure: 1800, weight: 1000 }], comment: 'U ONLY' }],
  [0x223f, { steps: [{ name: 'uvw2', maxExposure: 1800, weight: 1000 }], comment: 'UVW2 ONLY' }],
  [0x2016, { steps: [{ name: 'white', maxExposure: 1800, weight: 1000 }], comment: 'WHITE ONLY' }],
]);

const FILTER_CYCLE = ['uvw1', 'u', 'b', 'uvw2', 'v', 'uvm2', 'white'];
/** The order in which the bright-star refusal lists filters (as in the reference text). */
const REFUSAL_ORDER = ['u', 'b', 'v', 'uvw1', 'uvw2', 'uvm2', 'white'];
/** Filter-wheel positions, for the first entry of a sequence (as the reference shows). */
const WHEEL_POSITION: Record<string, number> = { uvw1: 6, u: 1, b: 2, uvw2: 4, v: 3, uvm2: 5, white: 0 };

function stepsFor(mode: number): { steps: FilterStep[]; comment: string } {
  const named = NAMED_MODES.get(mode);
  if (named) return named;
  const count = 1 + (mode % 4);
  const first = (mode >> 4) % FILTER_CYCLE.length;
  const steps = Array.from({ length: count }, (_, i) => {
    const name = FILTER_CYCLE[(first + i) % FILTER_CYCLE.length];
    const ultraviolet = name.startsWith('uv');
    return { name, maxExposure: ultraviolet ? 1000 : 400, weight: ultraviolet ? 2000 : 1000 };
  });
  return { steps, comment: 'SANDBOX-GENERATED SEQUENCE' };
}

/** The filter sequence of a mode; mode 0 (UVOT not used) has none. */
export function describeUvotMode(mode: number): UvotModeEntry[] {
  if (mode === 0) return [];
  const { steps, comment } = stepsFor(mode);
  return steps.map((step, i) => ({
    uvot_mode: mode,
    filter_num: i === 0 ? WHEEL_POSITION[step.name] : null,
    min_exposure: i === 0 ? 600 : null,
    filter_name: step.name,
    filter_pos: i === 0 ? WHEEL_POSITION[step.name] : null,
    filter_seqid: i + 1,
    eventmode: null,
    field_of_view: 17,
    binning: 2,
    max_exposure: step.maxExposure,
    weight: step.weight,
    special: null,
    comment,
  }));
}

/** Stars bright enough (V ≲ 1.3) to endanger UVOT, J2000 degrees. */
const BRIGHT_STARS: readonly { name: string; ra: number; dec: number }[] = [
  { name: 'Sirius', ra: 101.2872, dec: -16.7161 },
  { name: 'Canopus', ra: 95.988, dec: -52.6957 },
  { name: 'Arcturus', ra: 213.9153, dec: 19.1824 },
  { name: 'Vega', ra: 279.2347, dec: 38.7837 },
  { name: 'Capella', ra: 79.1723, dec: 45.998 },
  { name: 'Rigel', ra: 78.6345, dec: -8.2016 },
  { name: 'Procyon', ra: 114.8255, dec: 5.225 },
  { name: 'Betelgeuse', ra: 88.7929, dec: 7.4071 },
  { name: 'Altair', ra: 297.6958, dec: 8.8683 },
  { name: 'Aldebaran', ra: 68.9802, dec: 16.5093 },
  { name: 'Antares', ra: 247.3519, dec: -26.432 },
  { name: 'Spica', ra: 201.2983, dec: -11.1613 },
  { name: 'Pollux', ra: 116.329, dec: 28.0262 },
  { name: 'Fomalhaut', ra: 344.4127, dec: -29.6222 },
  { name: 'Deneb', ra: 310.358, dec: 45.2803 },
];

/** A bright star closer than this (degrees) makes the UVOT filters unsafe. */
export const BRIGHT_STAR_RADIUS_DEG = 0.5;

export function brightStarNear(ra: number, dec: number): string | undefined {
  return BRIGHT_STARS.find((s) => separationDeg(ra, dec, s.ra, s.dec) <= BRIGHT_STAR_RADIUS_DEG)?.name;
}

/** The refusal text for a mode at a position, or undefined when the position is safe. */
export function brightStarRefusal(mode: number, ra: number, dec: number): string | undefined {
  if (!brightStarNear(ra, dec)) return undefined;
  const used = new Set(describeUvotMode(mode).map((e) => e.filter_name));
  const blocked = REFUSAL_ORDER.filter((f) => used.has(f));
  return blocked.length ? `The following UVOT filters are not allowed due to a bright star: ${blocked.join(', ')}.` : undefined;
}
