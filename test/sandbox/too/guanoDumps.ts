// A deterministic stream of BAT GUANO dumps: roughly one trigger every eight hours since 2020,
// each commanded a few minutes after its trigger and processed two hours later. Times are UTC
// micros (test/fixtures/protocol/swift-too-v2.md §3.3 declares GUANO times UTC).
import { intHash, unitHash } from './deterministic';
import { fromUtc } from './swiftClock';
import { obsIdOf } from './timeline';
import { MICROS_PER_SECOND, formatDatetime } from './timeText';

const STREAM_START = Date.UTC(2020, 0, 1) * 1000;
const SPACING = 8 * 3600 * MICROS_PER_SECOND;
const PROCESSING_DELAY = 2 * 3600 * MICROS_PER_SECOND;
const TRIGGER_TYPES = ['GBM GRB', 'GBM GRB', 'GBM GRB', 'LVK', 'IceCube', 'FRB', 'SVOM GRB', 'EP transient'];

export interface GuanoFilter {
  begin?: number;
  end?: number;
  triggertime?: number;
  triggertype?: string;
  subthreshold: boolean;
  successful: boolean;
  limit?: number;
  page?: number;
}

interface Dump {
  index: number;
  triggertype: string;
  triggertime: number;
  offset: number;
  duration: number;
  exectime: number;
  ra: number;
  dec: number;
  /** 0 executed; 1 not uplinked; 2 not executed (a subset of the unknown full coding, §15). */
  quadsaway: number;
  subthreshold: boolean;
  acs: 'pointing' | 'slewing' | 'mixed';
}

function dump(index: number): Dump {
  const triggertime = STREAM_START + index * SPACING + intHash(0, 6 * 3600 * 100, index, 1) * 10_000;
  const failure = unitHash(index, 2);
  const acsPick = unitHash(index, 3);
  return {
    index,
    triggertype: TRIGGER_TYPES[intHash(0, TRIGGER_TYPES.length - 1, index, 4)],
    triggertime,
    offset: [0, 50, -50][intHash(0, 2, index, 5)],
    duration: unitHash(index, 6) < 0.7 ? 90 : 200,
    exectime: Math.floor((triggertime + intHash(300, 900, index, 7) * MICROS_PER_SECOND) / MICROS_PER_SECOND) * MICROS_PER_SECOND,
    ra: Math.round(3600 * unitHash(index, 8)) / 10,
    dec: Math.round((Math.asin(2 * unitHash(index, 9) - 1) * 1800) / Math.PI) / 10,
    quadsaway: failure < 0.05 ? 1 : failure < 0.12 ? 2 : 0,
    subthreshold: index % 4 === 3,
    acs: acsPick < 0.8 ? 'pointing' : acsPick < 0.9 ? 'slewing' : 'mixed',
  };
}

function render(d: Dump, nowUtc: number): Record<string, unknown> {
  const processed = d.quadsaway === 0 && d.exectime + PROCESSING_DELAY <= nowUtc;
  const obsId = processed ? obsIdOf(15000 + d.index, 1) : null;
  const base = {
    triggertype: d.triggertype,
    triggertime: formatDatetime(d.triggertime),
    offset: d.offset,
    duration: d.duration,
    obs_id: obsId,
    exectime: formatDatetime(d.exectime),
    ra: d.ra,
    dec: d.dec,
    quadsaway: d.quadsaway,
  };
  if (!processed || obsId === null) return { ...base, data: null };
  const begin = d.triggertime + (d.offset - d.duration / 2) * MICROS_PER_SECOND;
  const end = begin + d.duration * MICROS_PER_SECOND;
  const filename = d.subthreshold ? `sw${obsId}bevshsl_ms_uf.evt.gz` : `sw${obsId}bevshsl_uf.evt.gz`;
  const gti = {
    filename,
    acs: d.acs,
    begin: formatDatetime(begin),
    end: formatDatetime(end),
    utcf: fromUtc(d.triggertime).utcf,
    exposure: d.duration,
  };
  return {
    ...base,
    data: {
      obs_id: obsId,
      triggertime: formatDatetime(d.triggertime),
      all_gtis: [gti],
      filenames: [filename],
      acs: d.acs,
      begin: gti.begin,
      end: gti.end,
      gti,
      exposure: d.duration,
    },
  };
}

function matches(d: Dump, f: GuanoFilter): boolean {
  if (d.subthreshold !== f.subthreshold) return false;
  if (f.successful && d.quadsaway !== 0) return false;
  if (f.triggertype !== undefined && d.triggertype.toLowerCase() !== f.triggertype.toLowerCase()) return false;
  if (f.triggertime !== undefined && Math.abs(d.triggertime - f.triggertime) > MICROS_PER_SECOND) return false;
  if (f.begin !== undefined && d.triggertime < f.begin) return false;
  if (f.end !== undefined && d.triggertime > f.end) return false;
  return true;
}

/** Dumps commanded by `nowUtc`, newest first, filtered and paged (page 1 is the first). */
export function guanoDumps(f: GuanoFilter, nowUtc: number): { entries: Record<string, unknown>[]; lastcommand?: string } {
  const lastIndex = Math.floor((nowUtc - STREAM_START) / SPACING);
  const commanded = (d: Dump): boolean => d.exectime <= nowUtc;
  const upper = Math.min(
    lastIndex,
    f.end !== undefined ? Math.floor((f.end - STREAM_START) / SPACING) : lastIndex,
    f.triggertime !== undefined ? Math.floor((f.triggertime - STREAM_START) / SPACING) : lastIndex,
  );
  const lower = Math.max(
    0,
    f.begin !== undefined ? Math.floor((f.begin - STREAM_START) / SPACING) - 1 : 0,
    f.triggertime !== undefined ? Math.floor((f.triggertime - STREAM_START) / SPACING) - 1 : 0,
  );
  const limit = f.limit ?? (f.begin === undefined && f.end === undefined && f.triggertime === undefined ? 10 : 1000);
  const skip = (Math.max(1, f.page ?? 1) - 1) * limit;
  const found: Dump[] = [];
  for (let i = upper; i >= lower && found.length < skip + limit; i -= 1) {
    const d = dump(i);
    if (commanded(d) && matches(d, f)) found.push(d);
  }
  let latest: Dump | undefined;
  for (let i = lastIndex; i >= Math.max(0, lastIndex - 2) && !latest; i -= 1) if (commanded(dump(i))) latest = dump(i);
  return { entries: found.slice(skip).map((d) => render(d, nowUtc)), ...(latest ? { lastcommand: formatDatetime(latest.exectime) } : {}) };
}
