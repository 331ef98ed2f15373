// Time scales used in products: Swift MET (seconds since 2001-01-01T00:00:00 UTC, no leap-second
// correction, which is close enough for simulated data; test/fixtures/protocol/xrt-products.md §3.9)
// and MJD. The epoch is the sandbox's own, not the client's (src/shared/swiftTime.ts), so a wrong
// client value cannot pass against it.
const MET_EPOCH_MS = Date.UTC(2001, 0, 1);
const MJD_OF_MET_EPOCH = 51910;

export function utcToMet(ms: number): number {
  return (ms - MET_EPOCH_MS) / 1000;
}

export function metToMjd(met: number): number {
  return MJD_OF_MET_EPOCH + met / 86400;
}

/** `HH:MM:SS` of a duration (hours may exceed 24). */
export function hms(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as listOldJobs shows dates. */
export function sqlDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}
