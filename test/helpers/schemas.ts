import {readFileSync} from 'node:fs';
import {Ajv} from 'ajv';

// The vendor's own schemas, copied into test/fixtures by scripts/extract-openapi-schemas.js.
const document = JSON.parse(
  readFileSync(new URL('../fixtures/openapi-schemas.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({strict: false, allErrors: true, unicodeRegExp: false});
ajv.addSchema(document, 'vendor');

export type SchemaName =
  | 'tenant'
  | 'tenantBatch'
  | 'global_search'
  | 'token'
  | 'tokenError'
  | 'revokeError'
  | 'errorScheme'
  | 'client'
  | 'tenantPricingSettings'
  | 'tenantPricingSettingsPut'
  | 'uuidList'
  | 'user'
  | 'userMe'
  | 'userPost'
  | 'tenantPost'
  | 'clientPost'
  | 'clientPostResult'
  | 'offeringItemList'
  | 'tenantOfferingItemsPut'
  | 'infraBatch'
  | 'infra';

/** The schema's errors for `value`, as readable lines; empty when it validates. */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = ajv.getSchema(`vendor#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

const cliDocument = JSON.parse(
  readFileSync(new URL('../../docs/cli-output.schema.json', import.meta.url), 'utf8'),
);
const cliAjv = new Ajv({strict: false, allErrors: true});
cliAjv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
cliAjv.addSchema(cliDocument);

/** Errors of a `--json` output against our written schema (docs/cli-output.schema.json). */
export function cliSchemaErrors(
  name: 'status' | 'list' | 'switch' | 'audit' | 'auditVerify' | 'receipt' | 'plan' | 'apply' | 'error',
  value: unknown,
): string[] {
  const validate = cliAjv.getSchema(`${cliDocument.$id}#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
