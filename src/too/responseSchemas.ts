// Tolerant zod schemas of the Swift TOO API v2 replies (test/fixtures/protocol/swift-too-v2.md §3–§15) and a
// plain-language description of any error reply.
//
// Tolerance, as lax as the official client's pydantic models (swift_too 2.0.1) and built only from
// the primitives of lenient.ts: every object keeps unknown keys; booleans, numbers and integers are
// also read from text and 0/1; obs_id from an integer; optional fields accept null and "";
// datetimes are kept as naive ISO text (an offset, when sent, is moved to UTC; their time base
// differs per endpoint, §3.3, so converting is the caller's decision). Only fields the extension
// cannot do without are required, and lists are read record by record (`skippedRecords`).
// Every schema here is built on its first use (`z.lazy`), not when the module loads: loading the
// features (the first command, a view drawn) must not pay for building the replies' schemas.
import * as z from 'zod';
import { summariseHtmlPage } from '../http/text';
import {
  laxBool,
  laxDatetime,
  laxInt,
  laxMessages,
  laxNumber,
  laxObsId,
  laxText,
  lenientList,
  optBool,
  optDatetime,
  optInt,
  optNumber,
  optNumberOrText,
  optObsId,
  optText,
  optional,
} from './lenient';

export { skippedRecords, describeSkipped, type SkippedRecord } from './lenient';

const datetimeText = z.lazy(() => laxDatetime);
const optionalNumber = z.lazy(() => optNumber);
const optionalInt = z.lazy(() => optInt);
const optionalText = z.lazy(() => optText);
const optionalBool = z.lazy(() => optBool);
const numberOrText = z.lazy(() => optNumberOrText);
const optionalDatetime = z.lazy(() => optDatetime);

// ---------------------------------------------------------------------------------------------
// Status and error bodies (§3.1, §3.2).

/** `Accepted`, `Rejected`, `Validated`, `Error` in v2; other text tolerated (legacy `Queued`, …). */
const statusObjectSchema = z.lazy(() =>
  z.looseObject({
    status: laxText,
    too_id: optionalInt,
    jobnumber: optionalInt, // legacy, opaque (§17 T4)
    errors: laxMessages,
    warnings: laxMessages,
  }),
);
export type StatusObject = z.output<typeof statusObjectSchema>;

/** `{"status": {...}}`: the nested error form seen in TOO rejections (§17 T2). */
const nestedStatusBodySchema = z.lazy(() => z.looseObject({ status: statusObjectSchema }));

const fastApiDetailItemSchema = z.lazy(() =>
  z.looseObject({
    loc: z.array(z.union([z.string(), z.number()])).default([]),
    msg: z.string(),
    type: optionalText,
  }),
);
/** FastAPI validation failure (422): a list of items, or a single text. */
export const fastApiDetailSchema = z.lazy(() => z.looseObject({ detail: z.union([z.array(fastApiDetailItemSchema), z.string()]) }));

/**
 * The status object of any reply: the nested `status` object, or — when `status` is text — the
 * top-level fields folded into one, as the stock client does (§3.1).
 */
export function statusFromBody(body: unknown): StatusObject | undefined {
  const nested = nestedStatusBodySchema.safeParse(body);
  if (nested.success) return nested.data.status;
  const flat = statusObjectSchema.safeParse(body);
  return flat.success ? flat.data : undefined;
}

/**
 * A reply whose `status` is text, with the top-level `errors`, `warnings`, `too_id` and `jobnumber`
 * folded into a status object — what the official client does before reading any reply (its
 * `_normalize_response_payload`). Other bodies are returned unchanged.
 */
export function foldStatus(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  if (typeof record.status !== 'string') return body;
  const status: Record<string, unknown> = { status: record.status };
  for (const key of ['errors', 'warnings', 'too_id', 'jobnumber'])
    if (record[key] !== undefined && record[key] !== null) status[key] = record[key];
  return { ...record, status };
}

/** A reply object whose `status` may come as text (folded, see `foldStatus`). */
function reply<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.preprocess(foldStatus, z.looseObject(shape));
}

// ---------------------------------------------------------------------------------------------
// Query replies.

const windowSchema = z.lazy(() => z.looseObject({ begin: datetimeText, end: datetimeText }));
const metTimeSchema = z.lazy(() => z.looseObject({ met: laxNumber, utcf: optionalNumber, isutc: optionalBool }));
const completeUntil = z.lazy(() => z.union([datetimeText, metTimeSchema]).nullish());
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).nullish();

export const resolveResponseSchema = z.lazy(() =>
  reply({
    name: optionalText,
    ra: optionalNumber,
    dec: optionalNumber,
    resolver: optionalText,
    status: statusObjectSchema.optional(),
  }),
);

export const visQueryResponseSchema = z.lazy(() =>
  reply({
    begin: optionalDatetime,
    end: optionalDatetime, // the TOO API overview page's example omits it (§17 T6)
    length: optionalNumber,
    ra: optionalNumber,
    dec: optionalNumber,
    hires: optionalBool,
    windows: lenientList(windowSchema, 'visibility window'),
    status: statusObjectSchema.optional(),
  }),
);

export const saaResponseSchema = z.lazy(() =>
  reply({
    begin: optionalDatetime,
    end: optionalDatetime,
    bat: optionalBool,
    entries: lenientList(windowSchema, 'SAA passage'),
    status: statusObjectSchema.optional(),
  }),
);

const timelineEchoes = {
  ra: optionalNumber,
  dec: optionalNumber,
  radius: optionalNumber,
  begin: optionalDatetime,
  end: optionalDatetime,
  length: optionalNumber,
  target_id: oneOrMany(laxInt),
  obs_id: oneOrMany(laxObsId),
};

const snapshotFields = {
  begin: optionalDatetime,
  end: optionalDatetime,
  roll: optionalNumber,
  target_name: optionalText,
  target_id: optionalInt,
  segment: optionalInt,
  obs_id: optObsId,
  xrt_mode: optionalInt,
  uvot_mode: optionalInt,
  bat_mode: optionalInt,
  fom: optionalNumber,
  comment: optionalText,
};

const afstEntrySchema = z.lazy(() =>
  z.looseObject({
    ...snapshotFields,
    settle: optionalDatetime,
    ra: laxNumber,
    dec: laxNumber,
    ra_object: optionalNumber,
    dec_object: optionalNumber,
    obstype: optionalText,
    timetarget: optionalNumber,
    timeobs: optionalNumber,
    flag: optionalInt,
    mvdfwpos: optionalInt,
    targettype: optionalText,
    sunha: optionalNumber,
  }),
);

export const obsQueryResponseSchema = z.lazy(() =>
  reply({
    ...timelineEchoes,
    afstmax: completeUntil,
    entries: lenientList(afstEntrySchema, 'observation'),
    status: statusObjectSchema.optional(),
  }),
);

const ppstEntrySchema = z.lazy(() =>
  z.looseObject({
    ...snapshotFields,
    ra: optionalNumber,
    dec: optionalNumber,
    timetarg: optionalNumber,
    takodb: optionalText,
  }),
);

export const planQueryResponseSchema = z.lazy(() =>
  reply({
    ...timelineEchoes,
    ppstmax: completeUntil,
    entries: lenientList(ppstEntrySchema, 'planned observation'),
    status: statusObjectSchema.optional(),
  }),
);

const calendarEntrySchema = z.lazy(() =>
  z.looseObject({
    begin: optionalDatetime,
    end: optionalDatetime,
    type: optionalText,
    type_id: optionalInt,
    pi_name: optionalText,
    co_point: optionalText,
    seg_comment: optionalText,
    sip_target_ID: optionalInt,
    sun_constrained: optionalBool,
    moon_constrained: optionalBool,
    pole_constrained: optionalBool,
    roll_constrained: optionalBool,
    enter_sun_constraint: optionalDatetime,
    exit_sun_constraint: optionalDatetime,
    enter_moon_constraint: optionalDatetime,
    exit_moon_constraint: optionalDatetime,
    enter_pole_constraint: optionalDatetime,
    exit_pole_constraint: optionalDatetime,
    visibility_time: optionalNumber,
    extended_ephem: optionalText,
    duration: optionalNumber,
    asflown: optionalNumber,
    roll: optionalNumber,
    target_id: optionalInt,
    target_name: optionalText,
    ra: optionalNumber,
    dec: optionalNumber,
    sip: optionalInt,
    sip_uvot_mode: optionalInt,
    sip_SSmin: optionalInt,
    xrt_mode: optionalInt,
    bat_mode: optionalInt,
    uvot_mode: optionalInt,
  }),
);

export const calendarResponseSchema = z.lazy(() =>
  reply({
    begin: optionalDatetime,
    end: optionalDatetime,
    too_id: optionalInt,
    ra: optionalNumber,
    dec: optionalNumber,
    radius: optionalNumber,
    targetid: optionalInt,
    entries: lenientList(calendarEntrySchema, 'calendar row'),
    status: statusObjectSchema.optional(),
  }),
);

/** One TOO as `GET /swift/too` lists it (§11.1); every field optional. */
const tooRecordSchema = z.lazy(() =>
  reply({
    too_id: optionalInt,
    timestamp: optionalDatetime,
    l_name: optionalText,
    target_name: optionalText,
    target_type: optionalText,
    ra: optionalNumber,
    dec: optionalNumber,
    poserr: numberOrText,
    instrument: optionalText,
    urgency: optionalInt,
    opt_mag: numberOrText,
    opt_filt: optionalText,
    xrt_countrate: numberOrText,
    bat_countrate: numberOrText,
    other_brightness: optionalText,
    grb_detector: optionalText,
    grb_triggertime: optionalDatetime,
    immediate_objective: optionalText,
    science_just: optionalText,
    exp_time_just: optionalText,
    exp_time_per_visit: optionalNumber,
    num_of_visits: optionalInt,
    exposure: optionalNumber,
    monitoring_freq: optionalText, // may come back as "12.0 hours" (§11.3): kept as text
    exp_time_per_visit_approved: optionalNumber,
    num_of_visits_approved: optionalInt,
    total_exp_time_approved: optionalNumber,
    xrt_mode: z.union([laxInt, laxText]).nullish(), // a code (also as text) or a mode name
    xrt_mode_approved: optionalInt,
    uvot_mode: numberOrText,
    uvot_mode_approved: optionalInt,
    uvot_just: optionalText,
    proposal: optionalBool,
    proposal_id: optionalText,
    proposal_pi: optionalText,
    proposal_trigger_just: optionalText,
    tiling: optionalBool,
    number_of_tiles: numberOrText,
    exposure_time_per_tile: optionalNumber,
    tiling_justification: optionalText,
    obs_n: numberOrText,
    obs_type: optionalText, // "" tolerated (§17 T10)
    decision: optionalText,
    done: optionalInt,
    target_id: optionalInt,
    date_begin: optionalText,
    date_end: optionalText,
    calendar: calendarResponseSchema.nullish(),
    status: statusObjectSchema.optional(),
  }),
);
export type TooRecord = z.output<typeof tooRecordSchema>;

export const tooListResponseSchema = z.lazy(() =>
  reply({
    begin: optionalDatetime,
    end: optionalDatetime,
    length: optionalNumber,
    limit: optionalInt,
    year: optionalInt,
    detail: optionalBool,
    too_id: optionalInt,
    ra: optionalNumber,
    dec: optionalNumber,
    radius: optionalNumber,
    debug: optionalBool,
    entries: lenientList(tooRecordSchema, 'TOO record'),
    status: statusObjectSchema.optional(),
  }),
);

const clockEntrySchema = z.lazy(() =>
  z.looseObject({
    met: laxNumber,
    utcf: laxNumber,
    isutc: laxBool,
    status: statusObjectSchema.optional(),
  }),
);

export const clockResponseSchema = z.lazy(() =>
  reply({
    met: oneOrMany(laxNumber),
    utcf: oneOrMany(laxNumber),
    utctime: oneOrMany(datetimeText),
    swifttime: oneOrMany(datetimeText),
    entries: lenientList(clockEntrySchema, 'clock entry'),
    status: statusObjectSchema.optional(),
  }),
);

const uvotModeEntrySchema = z.lazy(() =>
  z.looseObject({
    uvot_mode: optionalInt,
    filter_num: optionalInt,
    filter_name: optionalText,
    filter_pos: optionalInt,
    filter_seqid: optionalInt,
    min_exposure: optionalNumber,
    max_exposure: optionalNumber,
    eventmode: optionalInt,
    field_of_view: optionalInt,
    binning: optionalInt,
    weight: optionalInt,
    special: numberOrText, // swift_too 1.x (API v1) sent "" (§17 T11)
    comment: optionalText,
  }),
);

export const uvotModeResponseSchema = z.lazy(() =>
  reply({
    uvot_mode: optionalInt,
    ra: optionalNumber,
    dec: optionalNumber,
    entries: lenientList(uvotModeEntrySchema, 'UVOT filter'),
    status: statusObjectSchema.optional(),
  }),
);

const dataFileSchema = z.lazy(() =>
  z.looseObject({
    filename: laxText,
    path: laxText,
    url: laxText,
    type: laxText,
    quicklook: optional(laxBool).transform((v) => v ?? false),
  }),
);

export const dataResponseSchema = z.lazy(() =>
  reply({
    obs_id: optObsId,
    auxil: optionalBool,
    bat: optionalBool,
    xrt: optionalBool,
    uvot: optionalBool,
    log: optionalBool,
    tdrss: optionalBool,
    quicklook: optionalBool,
    uksdc: optionalBool,
    itsdc: optionalBool,
    subthresh: optionalBool,
    entries: lenientList(dataFileSchema, 'data file'),
    status: statusObjectSchema.optional(),
  }),
);

const guanoGtiSchema = z.lazy(() =>
  z.looseObject({
    filename: z.union([laxText, z.array(laxText)]).nullish(),
    acs: optionalText,
    begin: optionalDatetime,
    end: optionalDatetime,
    utcf: optionalNumber,
    exposure: numberOrText, // seconds, or an ISO 8601 duration
  }),
);

const guanoDataSchema = z.lazy(() =>
  z.looseObject({
    all_gtis: lenientList(guanoGtiSchema, 'GUANO interval'),
    obs_id: optObsId,
    triggertime: optionalDatetime,
    filenames: z.array(laxText).nullish(),
    acs: optionalText,
    begin: optionalDatetime,
    end: optionalDatetime,
    gti: guanoGtiSchema.nullish(),
    exposure: optionalNumber,
  }),
);

const guanoEntrySchema = z.lazy(() =>
  z.looseObject({
    triggertype: optionalText,
    triggertime: datetimeText,
    offset: laxNumber,
    duration: laxNumber,
    obs_id: optObsId,
    exectime: optionalDatetime,
    ra: optionalNumber,
    dec: optionalNumber,
    quadsaway: optionalInt, // coding only partly known (§15)
    data: guanoDataSchema.nullish(),
    begin: optionalDatetime,
    end: optionalDatetime,
  }),
);

export const guanoResponseSchema = z.lazy(() =>
  reply({
    begin: optionalDatetime,
    end: optionalDatetime,
    subthreshold: optionalBool,
    successful: optionalBool,
    triggertime: optionalDatetime,
    limit: optionalInt,
    triggertype: optionalText,
    lastcommand: optionalDatetime,
    guanostatus: optionalBool,
    entries: lenientList(guanoEntrySchema, 'GUANO dump'),
    status: statusObjectSchema.optional(),
  }),
);

export const sessionResponseSchema = z.lazy(() => z.looseObject({ username: laxText }));

export type ResolveResponse = z.output<typeof resolveResponseSchema>;
export type VisQueryResponse = z.output<typeof visQueryResponseSchema>;
export type SaaResponse = z.output<typeof saaResponseSchema>;
export type ObsQueryResponse = z.output<typeof obsQueryResponseSchema>;
export type PlanQueryResponse = z.output<typeof planQueryResponseSchema>;
export type CalendarResponse = z.output<typeof calendarResponseSchema>;
export type TooListResponse = z.output<typeof tooListResponseSchema>;
export type ClockResponse = z.output<typeof clockResponseSchema>;
export type UvotModeResponse = z.output<typeof uvotModeResponseSchema>;
export type DataResponse = z.output<typeof dataResponseSchema>;
export type GuanoResponse = z.output<typeof guanoResponseSchema>;
export type SessionResponse = z.output<typeof sessionResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Error descriptions.

const MAX_EXCERPT = 300;

function headlineFor(httpStatus: number): string {
  if (httpStatus === 400) return 'The Swift TOO server refused the request (HTTP 400)';
  if (httpStatus === 401) return 'Not logged in to the Swift TOO API, or the session has expired (HTTP 401)';
  if (httpStatus === 403) return 'Your Swift TOO account is not allowed to do this (HTTP 403)';
  if (httpStatus === 404) return 'Not found on the Swift TOO server (HTTP 404)';
  if (httpStatus === 422) return 'The Swift TOO server found invalid parameters (HTTP 422)';
  if (httpStatus >= 500) return `The Swift TOO server failed (HTTP ${httpStatus})`;
  if (httpStatus >= 200 && httpStatus < 300) return `The Swift TOO server reported a problem (HTTP ${httpStatus})`;
  return `Unexpected reply from the Swift TOO server (HTTP ${httpStatus})`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT)}…` : flat;
}

function textBodyDetail(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'the reply was empty';
  if (/^</.test(trimmed)) {
    const words = summariseHtmlPage(trimmed, MAX_EXCERPT);
    return words ? `the server sent a web page instead of JSON ("${words}")` : 'the server sent a web page instead of JSON';
  }
  try {
    return structuredDetail(JSON.parse(trimmed) as unknown);
  } catch {
    // Not JSON either: show the text itself, which is the best explanation available.
    return `"${excerpt(trimmed)}"`;
  }
}

function structuredDetail(body: unknown): string {
  if (typeof body === 'string') return textBodyDetail(body);
  const detail = fastApiDetailSchema.safeParse(body);
  if (detail.success) {
    const d = detail.data.detail;
    if (typeof d === 'string') return d.trim() || 'no explanation given';
    const items = d.map((item) => {
      const field = item.loc.length ? String(item.loc[item.loc.length - 1]) : undefined;
      return field ? `${field}: ${item.msg}` : item.msg;
    });
    return items.length ? items.join('; ') : 'no explanation given';
  }
  const status = statusFromBody(body);
  if (status) {
    if (status.errors.length) return status.errors.join('; ');
    if (status.warnings.length) return `status ${status.status}; warnings: ${status.warnings.join('; ')}`;
    return `status ${status.status}, with no error message`;
  }
  if (body === undefined || body === null) return 'the reply was empty';
  // Parsed JSON always has a JSON text; the fallback names what else arrived instead of printing `[object Object]`.
  return `unrecognised reply ${excerpt(JSON.stringify(body) ?? `a value of type ${typeof body}`)}`;
}

/**
 * One paragraph explaining an error reply: a headline for the HTTP status, then the server's own
 * words — status `errors`, FastAPI items as `<field>: <message>`, or an excerpt of anything else.
 */
export function describeTooError(httpStatus: number, body: unknown): string {
  const detail = structuredDetail(body).replace(/[.\s]+$/, '');
  return `${headlineFor(httpStatus)}: ${detail}.`;
}
