// Copies the response/request schemas our tests validate against out of the vendor's OpenAPI document for the
// Account Management API v2 (a copy kept outside this repository; never read at run time) into
// test/fixtures/openapi-schemas.json.
// OpenAPI 3.0 `nullable` is rewritten to JSON Schema (`anyOf` with `{"type": "null"}`) so that Ajv reads it.
// Run: node scripts/extract-openapi-schemas.js path/to/acronis-account-management-v2-openapi.json
import {readFileSync, writeFileSync} from 'node:fs';
import {basename} from 'node:path';

const source = process.argv[2];
if (!source) {
  console.error('Give the path of the vendor OpenAPI document: node scripts/extract-openapi-schemas.js FILE');
  process.exit(2);
}
const document = JSON.parse(readFileSync(source, 'utf8'));
const all = document.components.schemas;
const roots = [
  'tenant',
  'tenantBatch',
  'global_search',
  'token',
  'tokenError',
  'revokeError',
  'errorScheme',
  'client',
  'tenantPricingSettings',
  'tenantPricingSettingsPut',
  'uuidList',
  'user',
  'userMe',
  'userPost',
  'tenantPost',
  'clientPost',
  'clientPostResult',
  'offeringItemList',
  'tenantOfferingItemsPut',
  'infraBatch',
];

const picked = {};
const visit = (name) => {
  if (picked[name]) return;
  picked[name] = all[name];
  JSON.stringify(all[name], (key, value) => {
    if (key === '$ref') visit(value.replace('#/components/schemas/', ''));
    return value;
  });
};
for (const name of roots) visit(name);

const rewrite = (node) => {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'nullable') out[key] = rewrite(value);
  }
  if (node.nullable === true) {
    const {description, ...rest} = out;
    return {...(description ? {description} : {}), anyOf: [{type: 'null'}, rest]};
  }
  return out;
};

const fixture = {
  $comment: `Copied by scripts/extract-openapi-schemas.js from the vendor's OpenAPI document (${basename(source)}).`,
  components: {schemas: rewrite(picked)},
};
writeFileSync('test/fixtures/openapi-schemas.json', `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${Object.keys(picked).length} schemas`);
