// Writes src/imports/readers/table/mapping.schema.json from the zod schema: `npx tsc -p tsconfig.test.json && node dist-test/scripts/write-mapping-schema.js`.
import { writeFileSync } from 'node:fs';
import { mappingJsonSchema, MAPPING_SCHEMA_PATH } from '../src/imports/readers/table/mapping-schema.js';

writeFileSync(MAPPING_SCHEMA_PATH, `${JSON.stringify(mappingJsonSchema(), null, 2)}\n`);
