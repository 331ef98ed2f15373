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
