// Request bodies the tests and benchmarks share: GRB 200416A as the sandbox's catalogue knows it.

/** A counts-binned light curve of GRB 200416A, with its position and T0 given explicitly. */
export const GRB_LIGHT_CURVE = {
  name: 'GRB 200416A',
  targ: '00966554',
  Tstart: 608713541.952,
  RA: 335.6985,
  Dec: -7.5179,
  cent: 1,
  poserr: 1,
  useSXPS: 0,
  lc: 1,
  binMeth: 'counts',
  pccounts: 20,
  wtcounts: 30,
  dynamic: 1,
} as const;

/** The "standard job" of the benchmarks: light curve, spectrum and standard position. */
export const GRB_STANDARD_JOB = { ...GRB_LIGHT_CURVE, spec: 1, specz: 0, dopsf: 1 } as const;

/**
 * A TOO request the sandbox accepts: monitoring SMC X-3 in outburst (field names as in request files).
 * Its texts are the stock client's (swift_too), so that it gives the form captured from that client
 * (test/fixtures/protocol/too/too.post.request.json); the workspace sample samples/smc-x3.too.json is the same request.
 */
export const SMC_X3_TOO = {
  target_name: 'SMC X-3',
  target_type: 'Be/XRB',
  ra: 13.023439,
  dec: -72.434508,
  obs_type: 'Light Curve',
  urgency: 2,
  xrt_countrate: 0.1,
  science_just: 'We request monitoring to measure flux and timing evolution during the early outburst phase.',
  immediate_objective: 'Monitor current outburst evolution.',
  exposure: 42000,
  exp_time_just: '3 ks per visit is required for the planned timing analysis.',
  exp_time_per_visit: 3000,
  num_of_visits: 14,
  monitoring_freq: '2 days',
} as const;
