// Name resolution, visibility windows and SAA passages (test/fixtures/protocol/swift-too-v2.md §5.1, §6, §7).
import { resolveName } from '../../catalogue';
import type { Handler } from '../env';
import { ParamReader } from '../params';
import { jsonReply, okReply, statusObject, validationError } from '../replies';
import { formatDatetime, MICROS_PER_DAY } from '../timeText';
import { SWIFT_CONSTRAINTS, saaPassages, visibilityWindows, type Constraints } from '../visibility';
import { defined, readWindow } from './common';

export const resolve: Handler = (req) => {
  const r = new ParamReader('query', req.query);
  const name = r.string('name', { required: true });
  if (name === undefined) return validationError(r.issues);
  const entry = resolveName(name);
  if (!entry) return jsonReply(400, { name, status: statusObject('Rejected', { errors: [`Could not resolve name '${name}'.`] }) });
  // Resolver strings are unknown beyond "Simbad" (§5.1); the sandbox always names Simbad.
  return okReply({ name, ra: entry.ra, dec: entry.dec, resolver: 'Simbad' });
};

const HIRES_MAX_DAYS = 20;
const LOWRES_MAX_DAYS = 366;
const DEFAULT_LENGTH_DAYS = 7;

/** The handler for a visibility endpoint with the given constraints (Swift's, or NICER's). */
export function visibilityHandler(limits: Constraints): Handler {
  return (req, env) => {
    const r = new ParamReader('query', req.query);
    const ra = r.float('ra', { required: true, ge: 0, le: 360 });
    const dec = r.float('dec', { required: true, ge: -90, le: 90 });
    const window = readWindow(r);
    const hires = r.bool('hires', false);
    if (!r.ok || ra === undefined || dec === undefined) return validationError(r.issues);
    const begin = window.begin ?? env.nowUtc();
    let end = window.end ?? begin + DEFAULT_LENGTH_DAYS * MICROS_PER_DAY;
    if (end <= begin)
      return validationError([
        { type: 'value_error', loc: ['query', 'end'], msg: 'Value error, end must be after begin', input: req.query.get('end') },
      ]);
    const warnings: string[] = [];
    const maxDays = hires ? HIRES_MAX_DAYS : LOWRES_MAX_DAYS;
    if (end - begin > maxDays * MICROS_PER_DAY) {
      end = begin + maxDays * MICROS_PER_DAY;
      warnings.push(
        `${hires ? 'High-resolution' : 'Visibility'} queries are limited to ${maxDays} days; windows are given up to ${formatDatetime(end)}.`,
      );
    }
    const windows = visibilityWindows(ra, dec, { begin, end }, hires, limits).map((w) => ({
      begin: formatDatetime(w.begin),
      end: formatDatetime(w.end),
    }));
    return okReply(
      { begin: formatDatetime(begin), end: formatDatetime(end), length: (end - begin) / MICROS_PER_DAY, ra, dec, hires, windows },
      warnings,
    );
  };
}

export const visquery: Handler = visibilityHandler(SWIFT_CONSTRAINTS);

const SAA_MAX_DAYS = 7;

export const saa: Handler = (req, env) => {
  const r = new ParamReader('query', req.query);
  const window = readWindow(r);
  const bat = r.bool('bat', false);
  if (!r.ok) return validationError(r.issues);
  // Server defaults are unknown (§17): the sandbox starts now and covers one day.
  const begin = window.begin ?? (window.end !== undefined ? window.end - MICROS_PER_DAY : env.nowUtc());
  let end = window.end ?? begin + MICROS_PER_DAY;
  const warnings: string[] = [];
  if (end - begin > SAA_MAX_DAYS * MICROS_PER_DAY) {
    end = begin + SAA_MAX_DAYS * MICROS_PER_DAY;
    warnings.push(`SAA queries are limited to ${SAA_MAX_DAYS} days; passages are given up to ${formatDatetime(end)}.`);
  }
  const entries = saaPassages({ begin, end }, bat).map((p) => ({ begin: formatDatetime(p.begin), end: formatDatetime(p.end) }));
  return okReply(defined({ begin: formatDatetime(begin), end: formatDatetime(end), bat, entries }), warnings);
};
