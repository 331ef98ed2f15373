// TOO requests held by the sandbox: a few seeded records (those the reference fixtures name)
// plus everything submitted since the last reset, with the calendar rows their schedule implies.
// Section numbers (§) are those of test/fixtures/protocol/swift-too-v2.md.
import { separationDeg } from '../catalogue';
import { intHash } from './deterministic';
import { constraintsAt } from './visibility';
import { MICROS_PER_DAY, MICROS_PER_SECOND, floorTo, formatDate, formatDatetime, parseDatetime } from './timeText';

/** The validated TOO form (§11.2) as the store keeps it. */
export interface TooSubmission {
  target_name: string;
  target_type: string;
  ra: number;
  dec: number;
  poserr?: number;
  instrument: string;
  obs_type: string;
  urgency: number;
  opt_mag?: string;
  opt_filt?: string;
  xrt_countrate?: string;
  bat_countrate?: string;
  other_brightness?: string;
  grb_detector?: string;
  grb_triggertime?: number;
  uvot_mode: string;
  uvot_just: string;
  science_just: string;
  immediate_objective: string;
  exposure: number;
  exp_time_just: string;
  exp_time_per_visit?: number;
  num_of_visits: number;
  monitoring_freq?: string;
  proposal: boolean;
  proposal_id?: string;
  proposal_pi?: string;
  proposal_trigger_just?: string;
  xrt_mode: number;
  tiling: boolean;
  number_of_tiles?: string;
  exposure_time_per_tile?: number;
  tiling_justification?: string;
}

export interface StoredToo {
  readonly tooId: number;
  readonly owner: string;
  readonly lastName: string;
  /** Submission time, UTC micros. */
  readonly timestamp: number;
  readonly targetId: number;
  readonly decision: 'Approved';
  readonly form: TooSubmission;
}

/** Fields only the submitter sees (`detail=true`); the rest of a record is public. */
const PRIVATE_FIELDS = [
  'uvot_just',
  'proposal_id',
  'proposal_pi',
  'proposal_trigger_just',
  'number_of_tiles',
  'exposure_time_per_tile',
  'tiling_justification',
] as const;

const FIRST_NEW_TARGET_ID = 3110545;
const DAY = MICROS_PER_DAY;

function utc(text: string): number {
  const parsed = parseDatetime(text);
  if ('reason' in parsed) throw new Error(`seed datetime ${text}: ${parsed.reason}`);
  return parsed.micros;
}

function seedForm(
  fields: Partial<TooSubmission> & Pick<TooSubmission, 'target_name' | 'target_type' | 'ra' | 'dec' | 'obs_type' | 'exposure'>,
): TooSubmission {
  return {
    instrument: 'XRT',
    urgency: 3,
    uvot_mode: '0x9999',
    uvot_just: '',
    science_just: 'Sandbox seed record.',
    immediate_objective: 'Sandbox seed record.',
    exp_time_just: 'Sandbox seed record.',
    num_of_visits: 1,
    exp_time_per_visit: fields.exposure,
    proposal: false,
    xrt_mode: 7,
    tiling: false,
    ...fields,
  };
}

/** The records the reference fixtures mention (§11, §10), so their example queries find something. */
function seeds(): StoredToo[] {
  return [
    {
      tooId: 16820,
      owner: 'jones',
      lastName: 'Jones',
      timestamp: utc('2022-01-03T09:40:51'),
      targetId: 15041,
      decision: 'Approved',
      form: seedForm({
        target_name: 'TIC 303899',
        target_type: 'M dwarf',
        ra: 140.40667208333,
        dec: -60.281952777778,
        poserr: 0,
        instrument: 'UVOT',
        obs_type: 'Light Curve',
        opt_mag: '11.2',
        opt_filt: 'V',
        exposure: 1000,
        immediate_objective: 'UV flare rate.',
        science_just: 'UV monitoring of an active M dwarf.',
        exp_time_just: '1 ks per visit.',
      }),
    },
    {
      tooId: 16821,
      owner: 'other',
      lastName: 'Smith',
      timestamp: utc('2022-01-03T14:12:09'),
      targetId: 15042,
      decision: 'Approved',
      form: seedForm({
        target_name: 'PKS J0006+2012',
        target_type: 'AGN',
        ra: 1.5813399553299,
        dec: 20.202909469604,
        poserr: 0,
        obs_type: 'Spectroscopy',
        xrt_countrate: '0.05',
        exposure: 2000,
        immediate_objective: 'Check X-ray state during optical flare.',
        science_just: 'Optical flare reported; X-ray follow-up constrains the emission mechanism.',
        exp_time_just: '2 ks gives 100 counts at the expected rate.',
      }),
    },
    {
      tooId: 16832,
      owner: 'astro',
      lastName: 'Astro',
      timestamp: utc('2022-01-08T16:05:42'),
      targetId: 15050,
      decision: 'Approved',
      form: seedForm({
        target_name: 'GK Per',
        target_type: 'CV',
        ra: 52.79993,
        dec: 43.90468,
        poserr: 0,
        obs_type: 'Light Curve',
        xrt_countrate: '0.6',
        exposure: 6000,
        exp_time_per_visit: 2000,
        num_of_visits: 3,
        monitoring_freq: '1 day',
        uvot_mode: '0x30ED',
        uvot_just: 'Six filters trace the accretion-disc spectrum.',
        immediate_objective: 'Follow the dwarf-nova outburst.',
        science_just: 'GK Per entered outburst; X-ray and UV monitoring constrain the disc instability.',
        exp_time_just: '2 ks per day gives 1200 counts per visit.',
      }),
    },
    {
      tooId: 22682,
      owner: 'kennea',
      lastName: 'Kennea',
      timestamp: utc('2026-03-19T10:15:00'),
      targetId: 3110544,
      decision: 'Approved',
      form: seedForm({
        target_name: 'SMC X-3',
        target_type: 'Be/XRB',
        ra: 13.023439,
        dec: -72.434508,
        obs_type: 'Light Curve',
        urgency: 2,
        xrt_countrate: '0.1',
        exposure: 42000,
        exp_time_per_visit: 3000,
        num_of_visits: 14,
        monitoring_freq: '2 days',
        immediate_objective: 'Monitor current outburst evolution.',
        science_just: 'We request monitoring to measure flux and timing evolution during the early outburst phase.',
        exp_time_just: '3 ks per visit is required for the planned timing analysis.',
      }),
    },
  ];
}

/** Days between visits from the cadence text; sub-day cadences keep their fraction. */
export function cadenceDays(text: string | undefined): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)/i.exec(text ?? '');
  if (!m) return 1;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit.startsWith('week')) return n * 7;
  if (unit.startsWith('month')) return n * 30;
  if (unit.startsWith('orbit')) return (n * 96) / 1440;
  if (unit.startsWith('hour')) return n / 24;
  if (unit.startsWith('minute')) return n / 1440;
  if (unit.startsWith('second')) return n / 86400;
  return n;
}

/** The first day the spacecraft would take the TOO, by urgency (0 within hours … 4 weeks). */
const START_DELAY_DAYS = [0, 0, 1, 1, 7];

export interface CalendarRow {
  begin: number;
  end: number;
  too: StoredToo;
  visit: number;
}

export function calendarRows(too: StoredToo): CalendarRow[] {
  const cadence = cadenceDays(too.form.monitoring_freq);
  const first = floorTo(too.timestamp, DAY) + START_DELAY_DAYS[too.form.urgency] * DAY;
  return Array.from({ length: too.form.num_of_visits }, (_, visit) => {
    if (cadence >= 1) {
      const begin = first + Math.round(visit * cadence) * DAY;
      return { begin, end: begin + DAY - MICROS_PER_SECOND, too, visit };
    }
    const begin = Math.max(first, too.timestamp) + Math.round(visit * cadence * DAY);
    return { begin, end: begin + Math.round(cadence * DAY) - MICROS_PER_SECOND, too, visit };
  });
}

export function uvotModeNumber(text: string): number {
  const trimmed = text.trim();
  if (/^0x[0-9a-f]{1,4}$/i.test(trimmed)) return parseInt(trimmed.slice(2), 16);
  if (/^\d{1,5}$/.test(trimmed) && Number(trimmed) <= 0xffff) return Number(trimmed);
  return 0x9999; // free-text requests are planned with the filter of the day
}

export function renderCalendarRow(row: CalendarRow, nowUtc: number): Record<string, unknown> {
  const { too } = row;
  const duration = too.form.exp_time_per_visit ?? too.form.exposure / too.form.num_of_visits;
  const mid = (row.begin + row.end) / 2 / 1000;
  const c = constraintsAt(too.form.ra, too.form.dec, mid);
  const asflown = row.end < nowUtc ? Math.round(duration * (0.9 + intHash(0, 100, too.tooId, row.visit) / 1000)) : 0;
  const uvot = uvotModeNumber(too.form.uvot_mode);
  return {
    begin: formatDatetime(row.begin),
    end: formatDatetime(row.end),
    type: 'TOO',
    type_id: 1,
    pi_name: too.lastName,
    target_id: too.targetId,
    target_name: too.form.target_name,
    ra: too.form.ra,
    dec: too.form.dec,
    roll: Math.round(((too.form.ra + 90 + (row.begin / DAY) * 0.9856) % 360) * 10) / 10,
    duration,
    asflown,
    xrt_mode: too.form.xrt_mode,
    bat_mode: 0,
    uvot_mode: uvot,
    sip_uvot_mode: uvot,
    sip_SSmin: 300,
    sip_target_ID: 0,
    sun_constrained: c.sun,
    moon_constrained: c.moon,
    pole_constrained: c.pole,
    roll_constrained: false,
  };
}

export interface TooQuery {
  tooId?: number;
  year?: number;
  begin?: number;
  end?: number;
  ra?: number;
  dec?: number;
  radius: number;
}

export class TooStore {
  private toos: StoredToo[] = seeds();
  private nextTargetId = FIRST_NEW_TARGET_ID;

  reset(): void {
    this.toos = seeds();
    this.nextTargetId = FIRST_NEW_TARGET_ID;
  }

  get(tooId: number): StoredToo | undefined {
    return this.toos.find((t) => t.tooId === tooId);
  }

  add(owner: string, lastName: string, timestamp: number, form: TooSubmission): StoredToo {
    const tooId = Math.max(...this.toos.map((t) => t.tooId)) + 1;
    const stored: StoredToo = { tooId, owner, lastName, timestamp, targetId: this.nextTargetId, decision: 'Approved', form };
    this.nextTargetId += 1;
    this.toos.push(stored);
    return stored;
  }

  /** Newest submission first. */
  find(q: TooQuery): StoredToo[] {
    return this.toos
      .filter((t) => q.tooId === undefined || t.tooId === q.tooId)
      .filter((t) => q.year === undefined || new Date(t.timestamp / 1000).getUTCFullYear() === q.year)
      .filter((t) => (q.begin === undefined || t.timestamp >= q.begin) && (q.end === undefined || t.timestamp <= q.end))
      .filter((t) => q.ra === undefined || q.dec === undefined || separationDeg(q.ra, q.dec, t.form.ra, t.form.dec) <= q.radius)
      .sort((a, b) => b.timestamp - a.timestamp);
  }

  all(): readonly StoredToo[] {
    return this.toos;
  }

  /** The submitted (non-seed) requests, for the control API and tests. */
  submitted(): StoredToo[] {
    const seeded = new Set(seeds().map((s) => s.tooId));
    return this.toos.filter((t) => !seeded.has(t.tooId));
  }
}

/** A TOO record (§11.1); private fields only with `detail`. The calendar is embedded. */
export function renderToo(too: StoredToo, detail: boolean, nowUtc: number): Record<string, unknown> {
  const f = too.form;
  const rows = calendarRows(too);
  const perVisit = f.exp_time_per_visit ?? Math.round(f.exposure / f.num_of_visits);
  const record: Record<string, unknown> = {
    too_id: too.tooId,
    timestamp: formatDatetime(too.timestamp),
    l_name: too.lastName,
    target_name: f.target_name,
    target_type: f.target_type,
    ra: f.ra,
    dec: f.dec,
    poserr: f.poserr ?? 0,
    instrument: f.instrument,
    urgency: f.urgency,
    ...optional({
      opt_mag: f.opt_mag,
      opt_filt: f.opt_filt,
      xrt_countrate: f.xrt_countrate,
      bat_countrate: f.bat_countrate,
      other_brightness: f.other_brightness,
      grb_detector: f.grb_detector,
    }),
    ...(f.grb_triggertime !== undefined ? { grb_triggertime: formatDatetime(f.grb_triggertime) } : {}),
    immediate_objective: f.immediate_objective,
    science_just: f.science_just,
    exp_time_just: f.exp_time_just,
    exp_time_per_visit: Math.round(perVisit),
    num_of_visits: f.num_of_visits,
    exposure: f.exposure,
    ...optional({ monitoring_freq: f.monitoring_freq }),
    xrt_mode: f.xrt_mode,
    uvot_mode: f.uvot_mode,
    obs_n: f.num_of_visits > 1 ? 'multiple' : 'single',
    obs_type: f.obs_type,
    decision: too.decision,
    target_id: too.targetId,
    date_begin: formatDate(rows[0].begin),
    date_end: formatDate(rows[rows.length - 1].end + MICROS_PER_SECOND),
    exp_time_per_visit_approved: Math.round(perVisit),
    num_of_visits_approved: f.num_of_visits,
    total_exp_time_approved: f.exposure,
    xrt_mode_approved: f.xrt_mode,
    uvot_mode_approved: uvotModeNumber(f.uvot_mode),
    proposal: f.proposal,
    tiling: f.tiling,
  };
  if (detail) {
    for (const key of PRIVATE_FIELDS) if (f[key] !== undefined) record[key] = f[key];
  }
  record.calendar = {
    too_id: too.tooId,
    entries: rows.map((r) => renderCalendarRow(r, nowUtc)),
    status: { status: 'Accepted', too_id: null, jobnumber: null, errors: [], warnings: [] },
  };
  return record;
}

function optional(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}
