// Starting points for "New XRT Product Request…": each a complete, valid request that the user
// edits. Values follow the service's documented defaults (test/fixtures/protocol/xrt-products.md §3).

interface XrtTemplate {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  /** The request body without `UserID` (added from the settings). */
  readonly body: Readonly<Record<string, unknown>>;
}

const centroid = { cent: 1, centMeth: 'simple', poserr: 1, useSXPS: 0 } as const;

export const XRT_TEMPLATES: readonly XrtTemplate[] = [
  {
    id: 'grb-lc',
    label: 'GRB light curve',
    detail: 'Counts-binned light curve of a GRB, times since the trigger (T0 found by the service)',
    body: {
      name: 'GRB 200416A',
      getCoords: 1,
      getTargs: 1,
      getT0: 1,
      ...centroid,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      dynamic: 1,
      lctimetype: 's',
    },
  },
  {
    id: 'spectrum-by-name',
    label: 'Spectrum of a known source (by name)',
    detail: 'Position, target IDs and start time resolved from the name; one spectrum of all data, power-law fit',
    body: {
      name: 'FO Aqr',
      getCoords: 1,
      getTargs: 1,
      getT0: 1,
      ...centroid,
      spec: 1,
      specz: 0,
      timeslice: 'single',
      specobs: 'all',
      models: ['powerlaw'],
    },
  },
  {
    id: 'positions',
    label: 'All positions (standard, enhanced, astrometric)',
    detail: 'Standard PSF-fit, XRT–UVOT enhanced and 2MASS-astrometric positions from the first 12 hours of data',
    body: {
      name: 'GRB 200416A',
      getCoords: 1,
      getTargs: 1,
      ...centroid,
      dopsf: 1,
      doenh: 1,
      doxastrom: 1,
      posobs: 'hours',
      posobstime: 12,
    },
  },
  {
    id: 'image',
    label: 'Image',
    detail: 'Images in the total, soft and hard bands, with exposure maps',
    body: { name: 'Crab', getCoords: 1, getTargs: 1, ...centroid, cent: 0, image: 1, imen: '0.3-10,0.3-1.5,1.51-10', imobs: 'all' },
  },
  {
    id: 'source-detection',
    label: 'Source detection',
    detail: 'Sources in the field of the chosen observations, in all SXPS bands',
    body: { name: 'SS 433', targ: '00035336', sourceDet: 1, detobs: 'user', usedetobs: '00035336001', detbands: 'all', fitStrayLight: 1 },
  },
  {
    id: 'everything',
    label: 'Everything',
    detail: 'Light curve, spectrum, all three positions and an image in one job',
    body: {
      name: 'GRB 200416A',
      getCoords: 1,
      getTargs: 1,
      getT0: 1,
      ...centroid,
      lc: 1,
      binMeth: 'counts',
      pccounts: 20,
      wtcounts: 30,
      dynamic: 1,
      spec: 1,
      specz: 0,
      timeslice: 'single',
      dopsf: 1,
      doenh: 1,
      doxastrom: 1,
      image: 1,
    },
  },
];
