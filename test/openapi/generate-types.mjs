// Runs openapi-typescript's Node API on an OpenAPI document (a file) and writes the TypeScript
// types next to it: `node generate-types.mjs <document.json> <out.d.ts>`. A child process, because
// openapi-typescript's dependencies are ES modules that Jest's CommonJS sandbox cannot load.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const [documentPath, outPath] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath, 'utf8'));
// defaultNonNullable: false — openapi-typescript 7 otherwise turns every property with a `default`
// into a required one, request bodies included (register's `timezone`, a record's `status`): a
// field the server fills in when it is left out must stay optional for the client that sends it.
writeFileSync(outPath, astToString(await openapiTS(document, { defaultNonNullable: false })));
