// Repeatable pseudo-randomness: the same inputs give the same "random" value on every run, so
// generated timelines, dumps and files never change between requests or test runs.

/** A number in [0, 1) derived from the given integers (a small integer hash, Murmur-style finaliser). */
export function unitHash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.floor(part) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    // Large inputs (MET seconds, micros) do not fit 32 bits; fold their high part in as well.
    const high = Math.floor(part / 2 ** 32);
    if (high !== 0) h = Math.imul(h ^ high, 0x27d4eb2f);
  }
  return (h >>> 0) / 2 ** 32;
}

/** An integer in [min, max] derived from the given integers. */
export function intHash(min: number, max: number, ...parts: number[]): number {
  return min + Math.floor(unitHash(...parts) * (max - min + 1));
}

/** A string hash for ids that arrive as text. */
export function textHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
