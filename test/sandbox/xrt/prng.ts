// Deterministic pseudo-random numbers, seeded from a job's ID, so every file and JSON answer
// about one job agrees with every other and stays the same across restarts.
export type Rng = () => number;

/** FNV-1a over the seed text feeding a mulberry32 generator: cheap, and good enough for fake data. */
export function seededRng(seed: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let state = h;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Approximately normal (sum of uniforms), mean 0, sd 1. */
export function gauss(rng: Rng): number {
  let s = 0;
  for (let i = 0; i < 6; i++) s += rng();
  return (s - 3) * Math.SQRT2;
}

/** Rounds to `digits` significant figures so JSON and QDP carry the identical number. */
export function sig(value: number, digits = 7): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}
