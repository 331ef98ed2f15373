// Build-time only (run by esbuild.js): writes the JSON Schemas that package.json's `jsonValidation`
// points at. Never imported by the extension bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildXrtCampaignJsonSchema } from '../xrt/campaign/campaignJsonSchema';
import { buildXrtRequestJsonSchema } from '../xrt/request/requestJsonSchema';
import { buildTooRequestJsonSchema } from '../too/request/requestJsonSchema';

const SCHEMA_FILES = {
  xrt: 'xrt-request.schema.json',
  too: 'too-request.schema.json',
  xrtCampaign: 'xrt-campaign.schema.json',
} as const;

function buildAllSchemas(): Record<keyof typeof SCHEMA_FILES, object> {
  return { xrt: buildXrtRequestJsonSchema(), too: buildTooRequestJsonSchema(), xrtCampaign: buildXrtCampaignJsonSchema() };
}

export function writeRequestSchemas(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const schemas = buildAllSchemas();
  return (Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]).map((key) => {
    const file = path.join(outDir, SCHEMA_FILES[key]);
    fs.writeFileSync(file, JSON.stringify(schemas[key], null, 2) + '\n');
    return file;
  });
}
