// Names and fixed texts of the emulated XRT product generator (test/fixtures/protocol/xrt-products.md).
export const API_VERSION = '1.12';

export const PRODUCT_CODES = ['lc', 'spec', 'psf', 'enh', 'xastrom', 'image', 'sourceDet'] as const;
export type ProductCode = (typeof PRODUCT_CODES)[number];

export function isProductCode(value: string): value is ProductCode {
  return (PRODUCT_CODES as readonly string[]).includes(value);
}

/** The submit field that requests each product (§3.1). */
export const PRODUCT_FLAG: Readonly<Record<ProductCode, string>> = {
  lc: 'lc',
  spec: 'spec',
  psf: 'dopsf',
  enh: 'doenh',
  xastrom: 'doxastrom',
  image: 'image',
  sourceDet: 'sourceDet',
};

/** Accounts the sandbox knows; anyone else gets the service's "not recognised" error. */
export const REGISTERED_USERS: readonly string[] = ['astro@example.org', 'other@example.org'];

export const TEXT = {
  paramProblems: 'There were problems with the parameters you supplied.',
  neededLabel: 'The following parameters are needed, but were not supplied:',
  invalidLabel: 'The following parameters have invalid values:',
  userUnknown: (user: string) => `The user \`${user}\` is not recognised / validated`,
  noUser: 'No UserID was supplied.',
  noJobId: 'No JobID was supplied.',
  jobUnknown: (id: string) => `Job ${id} does not exist.`,
  notOwner: (id: string, user: string) => `Job ${id} is not owned by user ${user}`,
} as const;

/** Status texts; only Running, Complete, Cancelled and Unknown are observed, the rest are the sandbox's choice. */
export const STATUS_TEXT: Readonly<Record<string, string>> = {
  '-4': 'Cancelled at your request',
  '-3': 'Job ran but produced no product',
  '1': 'Requested',
  '2': 'Queued',
  '3': 'Running',
  '4': 'Complete',
  '5': 'Waiting for the standard position',
};

export const CANCEL_TEXT: Readonly<Record<number, string>> = {
  0: 'Job cancelled OK',
  1: 'Job could not be cancelled - has it already finished?',
  2: 'Job could not be cancelled - no record of this product for this job',
  3: 'Job could not be cancelled - reason unknown',
  4: 'An error occurred - unknown whether the job was cancelled',
};

/** Per-user cap on queued/running jobs; the real value is unknown ("very generous"). */
export const DEFAULT_MAX_ACTIVE_JOBS = 50;
