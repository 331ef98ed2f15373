// File listings for `GET /swift/data` and the files themselves. URLs point back into the sandbox
// (`<tooBaseUrl>/archive/<centre>/...`), so a client can download them without leaving 127.0.0.1.
import { gzipSync } from 'node:zlib';
import { CATALOGUE } from '../catalogue';
import { intHash, textHash } from './deterministic';
import { snapshotsMatching } from './timeline';
import { MICROS_PER_DAY, formatDatetime } from './timeText';

export interface DataFlags {
  auxil: boolean;
  bat: boolean;
  xrt: boolean;
  uvot: boolean;
  log: boolean;
  tdrss: boolean;
  quicklook: boolean;
  uksdc: boolean;
  itsdc: boolean;
  subthresh: boolean;
}

export interface DataFile {
  filename: string;
  path: string;
  url: string;
  quicklook: boolean;
  type: string;
}

/** Data stay in the quick-look area for this long after an observation, then move to the archive. */
const QUICKLOOK_DAYS = 10;

type FileTemplate = [dir: string, name: (obs: string) => string, type: string];

const FILES: Record<Exclude<keyof DataFlags, 'quicklook' | 'uksdc' | 'itsdc'>, FileTemplate[]> = {
  auxil: [
    ['auxil', (o) => `sw${o}sat.fits.gz`, 'Spacecraft attitude file'],
    ['auxil', (o) => `sw${o}sao.fits.gz`, 'Spacecraft orbit file'],
    ['auxil', () => 'SWIFT_TLE_ARCHIVE.txt.gz', 'Auxillary TLE file'],
  ],
  bat: [
    ['bat/event', (o) => `sw${o}bevshpo_uf.evt.gz`, 'BAT pointed unfiltered event event file'],
    ['bat/hk', (o) => `sw${o}bdecb.hk.gz`, 'BAT detector enable/disable housekeeping file'],
  ],
  xrt: [
    ['xrt/event', (o) => `sw${o}xpcw3po_cl.evt.gz`, 'XRT PC mode cleaned event file'],
    ['xrt/event', (o) => `sw${o}xwtw2po_cl.evt.gz`, 'XRT WT mode cleaned event file'],
    ['xrt/products', (o) => `sw${o}xpc_sk.img.gz`, 'XRT PC mode sky image'],
    ['xrt/hk', (o) => `sw${o}xhd.hk.gz`, 'XRT header housekeeping file'],
  ],
  uvot: [
    ['uvot/image', (o) => `sw${o}uw1_sk.img.gz`, 'UVOT uvw1 sky image'],
    ['uvot/image', (o) => `sw${o}uuu_sk.img.gz`, 'UVOT u sky image'],
    ['uvot/image', (o) => `sw${o}ubb_sk.img.gz`, 'UVOT b sky image'],
    ['uvot/image', (o) => `sw${o}uw2_sk.img.gz`, 'UVOT uvw2 sky image'],
    ['uvot/image', (o) => `sw${o}uvv_sk.img.gz`, 'UVOT v sky image'],
    ['uvot/image', (o) => `sw${o}um2_sk.img.gz`, 'UVOT uvm2 sky image'],
  ],
  log: [['log', (o) => `sw${o}xrtlog.html`, 'XRT processing log']],
  tdrss: [['tdrss', (o) => `sw${o}msbal.fits.gz`, 'BAT TDRSS alert message']],
  subthresh: [['bat/subthresh', (o) => `sw${o}bevshsl_ms_uf.evt.gz`, 'BAT sub-threshold slew event file']],
};

function blankTargetIds(): Set<number> {
  return new Set(CATALOGUE.filter((e) => e.kind === 'blank').flatMap((e) => e.targetIds.map(Number)));
}

/**
 * When the observation ended (Swift-time micros), or undefined when it has no data: targets
 * without an X-ray source never get data, catalogue observations only once they have happened,
 * and any other well-formed obsID has archived data from a month derived from the ID.
 */
function observationEnd(obsId: string, nowSwift: number): number | undefined {
  const targetId = Number(obsId.slice(0, 8));
  if (blankTargetIds().has(targetId)) return undefined;
  const isCatalogue = CATALOGUE.some((e) => e.targetIds.map(Number).includes(targetId));
  if (isCatalogue) {
    const found = snapshotsMatching({ radius: 0, targetIds: [], obsIds: [obsId] }, nowSwift).snapshots;
    return found.length ? found[found.length - 1].end : undefined;
  }
  const h = textHash(obsId);
  return Date.UTC(intHash(2005, 2025, h), intHash(0, 11, h, 1), intHash(1, 28, h, 2)) * 1000;
}

export function listDataFiles(obsId: string, flags: DataFlags, nowSwift: number, baseUrl: string): DataFile[] {
  const ended = observationEnd(obsId, nowSwift);
  if (ended === undefined) return [];
  const quicklook = nowSwift - ended < QUICKLOOK_DAYS * MICROS_PER_DAY;
  if (flags.quicklook && !quicklook) return [];
  const centre = flags.uksdc ? 'ukssdc' : flags.itsdc ? 'itsdc' : 'heasarc';
  const area = quicklook ? 'quicklook' : `obs/${formatDatetime(ended).slice(0, 7).replace('-', '_')}`;
  const wanted = (Object.keys(FILES) as (keyof typeof FILES)[]).filter((kind) => flags[kind]);
  return wanted.flatMap((kind) =>
    FILES[kind].map(([dir, name, type]) => {
      const filename = name(obsId);
      const path = `${obsId}/${dir}`;
      return { filename, path, url: `${baseUrl}/archive/${centre}/${area}/${path}/${filename}`, quicklook, type };
    }),
  );
}

const ARCHIVE_PATH = /^\/archive\/(heasarc|ukssdc|itsdc)\/(obs\/\d{4}_\d{2}|quicklook)\/(\d{11})\/[a-z/]+\/([A-Za-z0-9_.]+)$/;

/** Deterministic stand-in content for an archive URL (a FITS header block, gzipped when `.gz`). */
export function archiveFile(path: string): { body: Buffer; contentType: string } | undefined {
  const m = ARCHIVE_PATH.exec(path);
  if (!m) return undefined;
  const [, , , obsId, filename] = m;
  if (filename.endsWith('.html')) {
    return {
      body: Buffer.from(`<html><body><h1>Sandbox processing log for ${obsId}</h1><p>No errors.</p></body></html>\n`),
      contentType: 'text/html',
    };
  }
  const card = (text: string): string => text.padEnd(80, ' ');
  const header = [
    card('SIMPLE  =                    T / sandbox stand-in for a Swift archive file'),
    card('BITPIX  =                    8'),
    card('NAXIS   =                    0'),
    card(`OBS_ID  = '${obsId}'`),
    card(`FILENAME= '${filename.slice(0, 60)}'`),
    card("ORIGIN  = 'SWIFT OBSERVATORY SANDBOX'"),
    card('END'),
  ].join('');
  const fits = Buffer.from(header.padEnd(2880, ' '), 'ascii');
  return filename.endsWith('.gz')
    ? { body: gzipSync(fits), contentType: 'application/gzip' }
    : { body: fits, contentType: 'application/fits' };
}
