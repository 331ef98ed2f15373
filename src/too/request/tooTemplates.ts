// Starting points for new TOO request files (`*.too.json`). What only the user can know (the science
// case, the burst's name and position) is a `<…>` placeholder (src/too/request/placeholders.ts), an error that
// blocks submission until it is replaced; once they are, each template passes `validateTooRequest`
// (a unit test checks both). No template asks for more than urgency 2: the most urgent levels must
// be the user's explicit choice.
import { placeholderIn } from './placeholders';

interface TooTemplate {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export const TOO_TEMPLATES: readonly TooTemplate[] = [
  {
    id: 'grb',
    label: 'GRB follow-up',
    detail:
      'A gamma-ray burst found by another mission: XRT observation of the error region at urgency 2 (high); fill in the burst, its trigger time and detector.',
    body: {
      target_name: '<GRB name, e.g. GRB 260101A>',
      target_type: 'GRB',
      ra: '<RA of the burst, J2000 degrees>',
      dec: '<Dec of the burst, J2000 degrees>',
      poserr: '<Error radius (90 %), arcminutes>',
      instrument: 'XRT',
      obs_type: 'Position',
      urgency: 2,
      grb_detector: '<Discovering instrument, e.g. Fermi/GBM>',
      grb_triggertime: '<Trigger time, UTC, e.g. 2026-01-01T01:02:03>',
      other_brightness: '<Fluence or peak flux reported in the GCN circular>',
      xrt_mode: 0,
      uvot_mode: '0x9999',
      exposure: 5000,
      exp_time_per_visit: 5000,
      num_of_visits: 1,
      monitoring_freq: '1 day',
      science_just: '<Why the afterglow matters: redshift, jet break, host…>',
      immediate_objective: 'Localise the X-ray afterglow to arcsecond precision.',
      exp_time_just: '5 ks detects a typical afterglow one day after the trigger.',
    },
  },
  {
    id: 'monitoring',
    label: 'Monitoring campaign',
    detail: 'Several visits at a fixed cadence, e.g. an outburst of an X-ray binary.',
    body: {
      target_name: 'SMC X-3',
      target_type: 'Be/XRB',
      ra: 13.023439,
      dec: -72.434508,
      instrument: 'XRT',
      obs_type: 'Light Curve',
      urgency: 2,
      xrt_countrate: 0.1,
      xrt_mode: 7,
      uvot_mode: '0x9999',
      exposure: 42000,
      exp_time_per_visit: 3000,
      num_of_visits: 14,
      monitoring_freq: '2 days',
      science_just: '<Why the evolution of this source matters>',
      immediate_objective: 'Follow the X-ray flux every two days as the outburst evolves.',
      exp_time_just: '3 ks per visit gives about 300 counts at the expected rate, enough for a spectral fit.',
    },
  },
  {
    id: 'single',
    label: 'Single observation',
    detail: 'One visit of a known source, e.g. an AGN in a flaring state.',
    body: {
      target_name: 'PKS J0006+2012',
      target_type: 'AGN',
      ra: 1.58134,
      dec: 20.20291,
      instrument: 'XRT',
      obs_type: 'Spectroscopy',
      urgency: 3,
      opt_mag: 16.5,
      opt_filt: 'R',
      xrt_mode: 7,
      uvot_mode: '0x9999',
      exposure: 2000,
      exp_time_per_visit: 2000,
      num_of_visits: 1,
      monitoring_freq: '1 day',
      science_just: '<Why an X-ray spectrum now>',
      immediate_objective: 'Measure the X-ray state during the optical flare.',
      exp_time_just: '2 ks gives about 100 counts at the expected rate.',
    },
  },
];

/** The start of a new file's name: the target's name, or the template's label while that is a placeholder. */
export function templateFileStem(template: TooTemplate): string {
  const name = template.body.target_name;
  return typeof name === 'string' && placeholderIn(name) === undefined ? name : template.label;
}
