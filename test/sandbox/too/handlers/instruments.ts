// UVOT mode lookup, data-file listing and BAT GUANO dumps (test/fixtures/protocol/swift-too-v2.md §13–15).
import { archiveFile, listDataFiles, type DataFlags } from '../dataFiles';
import type { Handler } from '../env';
import { guanoDumps } from '../guanoDumps';
import { ParamReader } from '../params';
import { flatError, okReply, validationError } from '../replies';
import { utcToSwiftMicros } from '../swiftClock';
import { formatDatetime } from '../timeText';
import { brightStarRefusal, describeUvotMode } from '../uvotModes';
import { defined, readObsIds } from './common';

export const uvotMode: Handler = (req) => {
  const r = new ParamReader('query', req.query);
  const mode = r.int('uvot_mode', { required: true, ge: 0, le: 0xffff });
  const ra = r.float('ra', { ge: 0, le: 360 });
  const dec = r.float('dec', { ge: -90, le: 90 });
  if (!r.ok || mode === undefined) return validationError(r.issues);
  if (ra !== undefined && dec !== undefined) {
    const refusal = brightStarRefusal(mode, ra, dec);
    if (refusal) return flatError(400, refusal, 'Rejected');
  }
  return okReply(defined({ uvot_mode: mode, ra, dec, entries: describeUvotMode(mode) }));
};

const DATA_FLAG_DEFAULTS: DataFlags = {
  auxil: true,
  bat: false,
  xrt: false,
  uvot: false,
  log: false,
  tdrss: false,
  quicklook: false,
  uksdc: false,
  itsdc: false,
  subthresh: false,
};

export const data: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const obsIds = readObsIds(r, { required: true });
  const flags = Object.fromEntries(
    (Object.entries(DATA_FLAG_DEFAULTS) as [string, boolean][]).map(([name, fallback]) => [name, r.bool(name, fallback)]),
  ) as unknown as DataFlags;
  if (!r.ok || obsIds.length === 0) return validationError(r.issues);
  const obsId = obsIds[obsIds.length - 1];
  const entries = listDataFiles(obsId, flags, utcToSwiftMicros(env.nowUtc()), env.ctx.tooBaseUrl());
  return okReply({ obs_id: obsId, ...flags, entries });
};

/** `GET /archive/...`: the files `data` listed. */
export const archive: Handler = (req) => {
  const file = archiveFile(req.path);
  if (!file) return flatError(404, `File ${req.path} not found.`);
  return { status: 200, headers: { 'content-type': file.contentType, 'content-length': String(file.body.length) }, body: file.body };
};

export const guano: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const begin = r.datetime('begin');
  const end = r.datetime('end');
  const triggertime = r.datetime('triggertime');
  const triggertype = r.string('triggertype');
  const limit = r.int('limit', { ge: 1, le: 10_000 });
  const page = r.int('page', { ge: 0 });
  const subthreshold = r.bool('subthreshold', false);
  const successful = r.bool('successful', true);
  if (!r.ok) return validationError(r.issues);
  if (subthreshold && !env.user(req)) return flatError(401, 'Sub-threshold GUANO data require login.');
  const found = guanoDumps({ begin, end, triggertime, triggertype, limit, page, subthreshold, successful }, env.nowUtc());
  return okReply(
    defined({
      begin: begin !== undefined ? formatDatetime(begin) : undefined,
      end: end !== undefined ? formatDatetime(end) : undefined,
      triggertime: triggertime !== undefined ? formatDatetime(triggertime) : undefined,
      triggertype,
      limit,
      page,
      subthreshold,
      successful,
      lastcommand: found.lastcommand,
      guanostatus: true,
      entries: found.entries,
    }),
  );
};
