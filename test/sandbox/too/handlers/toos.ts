// TOO requests: query, submit, fetch one, calendar and the upload switch (test/fixtures/protocol/swift-too-v2.md §10, §11).
import type { Handler } from '../env';
import { bodyParams, ParamReader } from '../params';
import { flatError, jsonReply, nestedRejection, notLoggedIn, okReply, statusObject, validationError } from '../replies';
import { parseTooForm } from '../tooForm';
import { applyTooRules } from '../tooRules';
import { calendarRows, renderCalendarRow, renderToo } from '../tooStore';
import { MICROS_PER_DAY, formatDatetime } from '../timeText';
import { defined, readWindow } from './common';
import { TOO_VARIANTS } from '../wireVariants';

const DEFAULT_LIMIT = 10;
const DEFAULT_RADIUS_DEG = 0.2;

export const listToos: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const tooId = r.int('too_id', { ge: 0 });
  const year = r.int('year', { ge: 2004, le: 2100 });
  const limit = r.int('limit', { ge: 1 });
  const page = r.int('page', { ge: 0 });
  const window = readWindow(r);
  const ra = r.float('ra', { ge: 0, le: 360 });
  const dec = r.float('dec', { ge: -90, le: 90 });
  const radius = r.float('radius', { gt: 0, le: 180 });
  const detail = r.bool('detail', false);
  const debug = r.bool('debug', false);
  if (!r.ok) return validationError(r.issues);
  const user = env.user(req);
  if (detail && !user) return notLoggedIn('Detailed TOO information requires login.');

  const matches = env.toos.find({ tooId, year, begin: window.begin, end: window.end, ra, dec, radius: radius ?? DEFAULT_RADIUS_DEG });
  if (detail && tooId !== undefined && matches.length && matches[0].owner !== user?.username) {
    return flatError(403, `TOO ${tooId} was submitted by another user; detailed information is only available to its submitter.`);
  }
  const anyFilter = [tooId, year, limit, window.begin, window.end, ra, dec].some((v) => v !== undefined);
  const pageSize = limit ?? (anyFilter ? matches.length : DEFAULT_LIMIT);
  const shown = matches.slice((Math.max(1, page ?? 1) - 1) * pageSize).slice(0, pageSize);
  const withheld = detail ? shown.filter((t) => t.owner !== user?.username).length : 0;
  const warnings = withheld ? [`Details of ${withheld} TOO request(s) submitted by other users are withheld.`] : [];
  const length = window.begin !== undefined && window.end !== undefined ? (window.end - window.begin) / MICROS_PER_DAY : window.length;
  return okReply(
    {
      ...defined({
        begin: window.begin !== undefined ? formatDatetime(window.begin) : undefined,
        length,
        limit,
        year,
        too_id: tooId,
        ra,
        dec,
        radius,
        page,
      }),
      detail,
      debug,
      entries: shown.map((t) => renderToo(t, detail && t.owner === user?.username, env.nowUtc())),
    },
    warnings,
  );
};

export const submitToo: Handler = (req, env) => {
  const user = env.user(req);
  if (!user) return notLoggedIn();
  const params = bodyParams(req.headers['content-type'], req.body);
  if ('error' in params)
    return validationError([{ type: 'json_invalid', loc: ['body'], msg: params.error, input: req.body.toString('utf8') }]);
  const parsed = parseTooForm(params);
  if ('issues' in parsed) return validationError(parsed.issues);
  const now = env.nowUtc();
  const outcome = applyTooRules(parsed.submission, parsed.username, user.username, now);
  if (outcome.kind === 'rejected') return nestedRejection(user.username, outcome.errors);
  if (outcome.kind === 'error') return flatError(400, outcome.message);
  const warnings = outcome.warnings;
  if (parsed.validateOnly) return jsonReply(200, { status: 'Validated', ...(warnings.length ? { warnings } : {}) });
  if (parsed.debug) {
    return jsonReply(
      201,
      statusObject('Accepted', { warnings: [...warnings, 'debug=true: the request passed every check but was not filed.'] }),
    );
  }
  if (!env.uploadEnabled()) return flatError(400, 'TOO submission is currently disabled; please try again later.');
  const stored = env.toos.add(user.username, user.lastName, now, parsed.submission);
  if (env.ctx.variants.is(TOO_VARIANTS.submitWithoutId)) return jsonReply(201, statusObject('Accepted', { warnings }));
  return jsonReply(201, statusObject('Accepted', { too_id: stored.tooId, warnings }));
};

export const getToo: Handler = (req, env, path) => {
  if (!/^\d+$/.test(path.too_id)) {
    return validationError([
      {
        type: 'int_parsing',
        loc: ['path', 'too_id'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: path.too_id,
      },
    ]);
  }
  const too = env.toos.get(Number(path.too_id));
  if (!too) return flatError(404, `TOO ${path.too_id} not found.`);
  return okReply(renderToo(too, too.owner === env.user(req)?.username, env.nowUtc()));
};

export const calendar: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const tooId = r.int('too_id', { ge: 0 });
  const window = readWindow(r);
  const ra = r.float('ra', { ge: 0, le: 360 });
  const dec = r.float('dec', { ge: -90, le: 90 });
  const radius = r.float('radius', { gt: 0, le: 180 }) ?? DEFAULT_RADIUS_DEG;
  // T9: the client sends `targetid`; `target_id` is accepted as well.
  const targetId = r.int('targetid', { ge: 0 }) ?? r.int('target_id', { ge: 0 });
  if (!r.ok) return validationError(r.issues);
  const toos = env.toos.find({ tooId, ra, dec, radius }).filter((t) => targetId === undefined || t.targetId === targetId);
  const rows = toos
    .flatMap(calendarRows)
    .filter((row) => (window.begin === undefined || row.end >= window.begin) && (window.end === undefined || row.begin <= window.end))
    .sort((a, b) => a.begin - b.begin);
  return okReply({
    ...defined({
      begin: window.begin !== undefined ? formatDatetime(window.begin) : undefined,
      end: window.end !== undefined ? formatDatetime(window.end) : undefined,
      too_id: tooId,
      ra,
      dec,
      targetid: targetId,
    }),
    radius,
    entries: rows.map((row) => renderCalendarRow(row, env.nowUtc())),
  });
};

/** Body shape unknown (§11.4): the sandbox answers `{"too_upload_enabled": bool, "status": …}`. */
export const uploadEnabled: Handler = (_req, env) => okReply({ too_upload_enabled: env.uploadEnabled() });
