// Turns the zod campaign schema into the JSON Schema (draft-07) that VS Code's JSON language service
// applies to `*.xrt-campaign.json`: completion, hovers and early hints for the campaign's keys and for
// every request parameter of the template and the sources' `parameters`, from the same metadata as
// request files (src/xrt/request/requestJsonSchema.ts). As there, what the whole file requires is left
// to the extension's diagnostics (campaignDiagnostics.ts): a failed top-level `required` would be a
// warning over the whole file, without the reason.
import { editorJsonSchema } from '../../editing/editorJsonSchema';
import { campaignSchemas } from './campaignSchema';

const XRT_CAMPAIGN_SCHEMA_ID = 'https://swift-observatory.invalid/schemas/xrt-campaign.schema.json';

const SNIPPETS = [
  {
    label: 'Campaign (light curves of named sources)',
    markdownDescription: 'A light curve of each source, found by name; one source gives its own T0.',
    body: {
      maxActiveJobs: 5,
      template: { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 },
      sources: [{ name: '${1:GRB 200416A}' }, { name: '${2:GRB 221009A}', parameters: { Tstart: '^${3:687014224}' } }],
    },
  },
  {
    label: 'Campaign (sources from a CSV file)',
    markdownDescription: 'Sources as rows of a CSV file next to this one, with a column of T0 values.',
    body: {
      maxActiveJobs: 5,
      template: { cent: 1, poserr: 1, useSXPS: 0, lc: 1, binMeth: 'counts', pccounts: 20, wtcounts: 30, dynamic: 1 },
      sourceTable: {
        file: '${1:sources.csv}',
        columns: { name: '${2:name}', RA: '${3:ra}', Dec: '${4:dec}' },
        parameters: { Tstart: '${5:t0}' },
      },
    },
  },
];

export function buildXrtCampaignJsonSchema(): object {
  const generated = editorJsonSchema(campaignSchemas().campaign);
  return {
    ...generated,
    $id: XRT_CAMPAIGN_SCHEMA_ID,
    title: 'Swift-XRT product campaign',
    markdownDescription:
      'A **campaign** of the UKSSDC XRT product generator: one product `template` (the parameters of a request file, without the source), the `sources` (by `name`, `targ` or `RA`/`Dec`, inline or in a CSV/TSV `sourceTable`), each with its own `parameters`, and how many jobs may be active at once (`maxActiveJobs`).',
    defaultSnippets: SNIPPETS,
  };
}
