// zod schema of an XRT campaign file (`*.xrt-campaign.json`): one product template for many sources.
// The template and each source's overrides take the parameters of a request file (`*.xrt.json`), with
// the same field schemas (src/xrt/request/requestSchema.ts), except the keys that say which source a
// job is about: those come from each source. A source is named by its name (resolved by the service),
// its Swift target IDs, or its position (test/fixtures/protocol/xrt-products.md §3.2: `name`, `targ`,
// `RA`/`Dec`, and the service's `getCoords`/`getTargs` look-ups), inline or as rows of a CSV/TSV file.
//
// The schemas are built on first use (memoised), never when the module loads: the features load on
// the first command or open file, and schema construction is their largest start-up cost (issue #11).
import * as z from 'zod';
import { caseInsensitivePattern } from '../request/requestFieldKinds';
import { xrtRequestFieldsSchema } from '../request/requestSchema';

/** The request keys that name the source: given by each source, never by the template. */
export const SOURCE_IDENTITY_KEYS = ['name', 'targ', 'RA', 'Dec', 'getCoords', 'getTargs'] as const;
type IdentityKey = (typeof SOURCE_IDENTITY_KEYS)[number];

/** The identity fields a source gives itself (`getCoords`/`getTargs` follow from which of them it gives). */
export const SOURCE_FIELDS = ['name', 'targ', 'RA', 'Dec'] as const;

/**
 * The UKSSDC asks clients to "submit a few jobs at a time", rarely more than 5 active
 * (test/fixtures/protocol/xrt-products.md §15, "Etiquette, limits and client behaviour").
 */
export const CAMPAIGN_ACTIVE_JOBS = { default: 5, max: 10 } as const;

const ID_MAX = 64;
/** Names Windows refuses for a file or folder, whatever the case. */
const RESERVED_NAMES = ['CON', 'PRN', 'AUX', 'NUL', ...['COM', 'LPT'].map((w) => `${caseInsensitivePattern(w)}[1-9]`)];
/** Letters, digits, `-` and `_`, starting with a letter or digit: a folder name on every system. */
export const SOURCE_ID_PATTERN = new RegExp(
  `^(?!(?:${RESERVED_NAMES.map((w) => (w.includes('[') ? w : caseInsensitivePattern(w))).join('|')})$)[A-Za-z0-9][A-Za-z0-9_-]{0,${ID_MAX - 1}}$`,
);

/** A path relative to the campaign file that stays in its folder (no `..`, not absolute). */
const RELATIVE_PATH = /^(?![\\/])(?![A-Za-z]:)(?!(?:.*[\\/])?\.\.(?:[\\/]|$))[^\0]+$/;

const code = (key: string): string => `\`${key}\``;

/** An object's error: `notObject` for a value of another type, else which keys are unknown and `known`. */
function objectError(notObject: string, known: string) {
  return (issue: { code?: string; keys?: readonly string[] }): string => {
    if (issue.code !== 'unrecognized_keys') return notObject;
    const keys = issue.keys ?? [];
    return `Unknown key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')}: ${known}`;
  };
}

/**
 * Runs a whole-object check also when a field inside has a wrong value (zod skips it then by default),
 * so a source without identity is reported even while its `parameters` hold a typo.
 */
const evenWithFieldIssues = {
  when: (payload: { value: unknown }): boolean =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

function requestParametersShape(purpose: 'template' | 'override') {
  const fields = xrtRequestFieldsSchema.shape;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) {
    if ((SOURCE_IDENTITY_KEYS as readonly string[]).includes(key)) continue;
    shape[key] = field;
  }
  const where = purpose === 'template' ? 'the template' : "a source's `parameters`";
  for (const key of SOURCE_IDENTITY_KEYS) {
    const message = `${code(key)} names the source, so it does not belong in ${where}: give each source its \`name\`, \`targ\` or \`RA\`/\`Dec\`.`;
    shape[key] = z
      .never({ error: () => message })
      .optional()
      .meta({ markdownDescription: message, deprecationMessage: message, doNotSuggest: true });
  }
  return shape;
}

function buildSchemas() {
  const fields = xrtRequestFieldsSchema.shape;
  const template = z
    .object(requestParametersShape('template'), { error: () => '`template` must be a JSON object of request parameters.' })
    .loose()
    .meta({
      markdownDescription:
        'The products and parameters every source gets, as in a request file (`*.xrt.json`), without the keys that name the source (`name`, `targ`, `RA`, `Dec`, `getCoords`, `getTargs`).',
    });
  const parameters = z
    .object(requestParametersShape('override'), { error: () => '`parameters` must be a JSON object of request parameters.' })
    .loose()
    .meta({
      markdownDescription: "This source's own values of template parameters (e.g. `Tstart`, `uselcobs`); they win over the template's.",
    });
  const id = z
    .string({ error: () => '`id` must be a string.' })
    .regex(SOURCE_ID_PATTERN, {
      error: () =>
        `\`id\` must be a folder name: 1–${ID_MAX} letters, digits, "-" or "_", starting with a letter or digit (and not a name Windows reserves, such as CON).`,
    })
    .optional()
    .meta({
      markdownDescription: `The source's folder name in the campaign, unique within it (case ignored). Default: made from \`name\` (or \`targ\`, or the position).`,
    });
  const source = z
    .object(
      {
        id,
        name: fields.name.optional().meta({
          markdownDescription:
            'Object name: shown in plot titles, and resolved by the service (SIMBAD) when `RA`/`Dec` are not given. Without `targ`, the service also finds the target IDs.',
        }),
        targ: fields.targ,
        RA: fields.RA,
        Dec: fields.Dec,
        parameters: parameters.optional(),
      },
      {
        error: objectError(
          'Each source must be a JSON object, e.g. {"name": "GRB 200416A"}.',
          'a source has `id`, `name`, `targ`, `RA`, `Dec`, and its own request parameters in `parameters`.',
        ),
      },
    )
    .strict()
    .superRefine((value, ctx) => {
      const has = (key: string): boolean => value[key as keyof typeof value] !== undefined;
      if (has('RA') !== has('Dec')) {
        const missing = has('RA') ? 'Dec' : 'RA';
        ctx.addIssue({
          code: 'custom',
          path: [has('RA') ? 'RA' : 'Dec'],
          message: `${code(missing)} is required because ${code(missing === 'Dec' ? 'RA' : 'Dec')} is given: a position needs both.`,
        });
      } else if (!has('name') && !has('targ') && !has('RA')) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'A source needs a `name` (resolved by the service), a `targ` (Swift target IDs) or a position (`RA` and `Dec`).',
        });
      }
    }, evenWithFieldIssues)
    .meta({ markdownDescription: 'One source: its `name`, `targ` or `RA`/`Dec`, an optional `id`, and its own `parameters`.' });

  const columnName = (what: string) =>
    z
      .string({ error: () => `The column of ${what} must be named by a string (the header of the column).` })
      .min(1, { error: () => 'A column name must not be empty.' })
      .optional()
      .meta({ markdownDescription: `The header of the column holding ${what}.` });
  const parameterColumns: Record<string, z.ZodType> = {};
  for (const key of Object.keys(fields)) {
    if (!(SOURCE_IDENTITY_KEYS as readonly string[]).includes(key)) parameterColumns[key] = columnName(`\`${key}\``);
  }
  const sourceTable = z
    .object(
      {
        file: z
          .string({ error: () => '`file` must be a path relative to the campaign file, e.g. "sources.csv".' })
          .regex(RELATIVE_PATH, {
            error: () => '`file` must be a path relative to the campaign file that stays in its folder (no "..", not absolute).',
          })
          .meta({
            markdownDescription:
              'The CSV or TSV file, relative to the campaign file, e.g. `"sources.csv"`. Its first line names the columns.',
          }),
        format: z
          .enum(['csv', 'tsv'], { error: () => '`format` must be "csv" or "tsv".' })
          .optional()
          .meta({
            markdownDescription: 'How fields are separated. Default: from the file name (`.csv`: commas; `.tsv`, `.tab`: tabs).',
            markdownEnumDescriptions: ['Comma-separated (RFC 4180).', 'Tab-separated.'],
          }),
        columns: z
          .object(
            {
              id: columnName("the source's `id`"),
              name: columnName('the object name'),
              targ: columnName('the Swift target IDs'),
              RA: columnName('the right ascension (decimal degrees)'),
              Dec: columnName('the declination (decimal degrees)'),
            },
            {
              error: objectError(
                '`columns` must be a JSON object, e.g. {"name": "Name", "RA": "ra_deg", "Dec": "dec_deg"}.',
                '`columns` names the columns of `id`, `name`, `targ`, `RA` and `Dec`; columns of request parameters go in `sourceTable.parameters`.',
              ),
            },
          )
          .strict()
          .superRefine((value, ctx) => {
            if (value.name === undefined && value.targ === undefined && (value.RA === undefined || value.Dec === undefined)) {
              ctx.addIssue({
                code: 'custom',
                path: [],
                message:
                  'Name the column of `name`, of `targ`, or of both `RA` and `Dec`: each row needs one of them to say which source it is.',
              });
            }
          }, evenWithFieldIssues)
          .meta({ markdownDescription: 'Which column holds which part of the source: `name`, `targ`, `RA`, `Dec`, `id`.' }),
        parameters: z
          .object(parameterColumns, {
            error: objectError(
              '`parameters` must map request parameters to column names, e.g. {"Tstart": "T0"}.',
              '`parameters` maps request parameters to column names (the columns of `name`, `targ`, `RA`, `Dec` and `id` go in `columns`).',
            ),
          })
          .strict()
          .optional()
          .meta({
            markdownDescription:
              'Columns holding a source\'s own parameter values, e.g. `{"Tstart": "T0"}`. An empty cell keeps the template\'s value.',
          }),
      },
      {
        error: objectError(
          '`sourceTable` must be a JSON object: {"file": "sources.csv", "columns": {…}}.',
          'a source table has `file`, `format`, `columns` and `parameters`.',
        ),
      },
    )
    .strict()
    .meta({ markdownDescription: 'Sources as rows of a CSV or TSV file next to the campaign file.' });

  const campaign = z
    .object(
      {
        $schema: z.string().optional(),
        description: z
          .string({ error: () => '`description` must be a string.' })
          .optional()
          .meta({ markdownDescription: 'What the campaign is for (a note; not sent).' }),
        template,
        sources: z
          .array(source, { error: () => '`sources` must be a JSON array of sources, e.g. [{"name": "GRB 200416A"}].' })
          .optional()
          .meta({ markdownDescription: 'The sources, each by `name`, `targ` or `RA`/`Dec`.' }),
        sourceTable: sourceTable.optional(),
        maxActiveJobs: z
          .number({ error: () => '`maxActiveJobs` must be a whole number.' })
          .int({ error: () => '`maxActiveJobs` must be a whole number.' })
          .min(1, { error: () => '`maxActiveJobs` must be at least 1.' })
          .max(CAMPAIGN_ACTIVE_JOBS.max, {
            error: () =>
              `\`maxActiveJobs\` must be at most ${CAMPAIGN_ACTIVE_JOBS.max}: the UKSSDC asks for a few jobs at a time, not many at once.`,
          })
          .optional()
          .meta({
            markdownDescription: `How many of the campaign's jobs may be active (queued or running) on the service at once, 1–${CAMPAIGN_ACTIVE_JOBS.max}. The UKSSDC asks for a few at a time. Default \`${CAMPAIGN_ACTIVE_JOBS.default}\`.`,
            default: CAMPAIGN_ACTIVE_JOBS.default,
          }),
      },
      {
        error: objectError(
          'A campaign must be a JSON object: {"template": {…}, "sources": […]}.',
          'a campaign has `template`, `sources`, `sourceTable`, `maxActiveJobs` and `description`.',
        ),
      },
    )
    .strict()
    .superRefine((value, ctx) => {
      if (value.sources === undefined && value.sourceTable === undefined) {
        ctx.addIssue({ code: 'custom', path: [], message: 'A campaign needs its sources: give `sources`, `sourceTable`, or both.' });
      }
    }, evenWithFieldIssues);
  return { campaign, source };
}

let built: ReturnType<typeof buildSchemas> | undefined;

/** The campaign file's schema and one source's (also used for the rows of a source table), built once. */
export function campaignSchemas(): ReturnType<typeof buildSchemas> {
  built ??= buildSchemas();
  return built;
}

export type Campaign = z.infer<ReturnType<typeof buildSchemas>['campaign']>;

export interface CampaignIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Whether `key` is a request parameter a template or override may hold (its value is the request check's to judge). */
export function isParameterKey(key: string): boolean {
  return Object.hasOwn(xrtRequestFieldsSchema.shape, key) && !(SOURCE_IDENTITY_KEYS as readonly string[]).includes(key as IdentityKey);
}

/**
 * The campaign's shape problems. The values of request parameters (in the template and in each
 * source's `parameters`) are left to the request check the planner runs on each source's complete
 * request, so each is reported once, on the key and source it is about — and a product's field the
 * request does not ask for is ignored there, as the service ignores it.
 */
export function validateCampaign(value: unknown): { ok: true; value: Campaign } | { ok: false; issues: CampaignIssue[] } {
  const result = campaignSchemas().campaign.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .flatMap((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // An unknown key is shown on that key, not on its whole object (as the JSON Schema does).
      return i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ path: [...path, key], message: i.message }))
        : [{ path, message: i.message }];
    })
    .filter((i) => !isRequestParameterPath(i.path));
  // Only parameter values were wrong: the shape is sound, and the raw value is what the planner checks.
  return issues.length === 0 ? { ok: true, value: value as Campaign } : { ok: false, issues };
}

function isRequestParameterPath(path: readonly (string | number)[]): boolean {
  const [first, index, second, key] = path;
  if (first === 'template' && typeof index === 'string') return isParameterKey(index);
  return first === 'sources' && typeof index === 'number' && second === 'parameters' && typeof key === 'string' && isParameterKey(key);
}
