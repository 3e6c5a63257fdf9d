import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import type {SchemaName} from './schemas.js';

// Random values that the vendor's own schemas accept (test/fixtures/openapi-schemas.json, copied from its OpenAPI
// document by scripts/extract-openapi-schemas.js): what a platform that keeps to its documentation may answer,
// however odd — an unanchored date pattern with anything around it, integers beyond 2^53, names with escape
// sequences, optional fields left out. Each generated value is checked against the schema by the tests (Ajv).

type Schema = Readonly<Record<string, unknown>>;

const schemas = (
  JSON.parse(readFileSync(new URL('../fixtures/openapi-schemas.json', import.meta.url), 'utf8')) as {
    components: {schemas: Record<string, Schema>};
  }
).components.schemas;

/** Texts with what a terminal or a parser might trip on: escapes, bidi overrides, line breaks, long runs. */
const oddText = fc.oneof(
  {weight: 4, arbitrary: fc.string({maxLength: 24})},
  {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 24})},
  {weight: 1, arbitrary: fc.constantFrom('\u001b[2J', '\u202eevil', 'a\nb', '', ' ', 'x'.repeat(300))},
);

/** Integers as a JSON answer may hold them: mostly small, sometimes at or beyond what a double holds exactly. */
function integers(schema: Schema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -5;
  return fc.oneof(
    {weight: 8, arbitrary: fc.integer({min, max: Math.max(min, 0) + 50})},
    {
      weight: 1,
      arbitrary: fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21).filter((n) => n >= min),
    },
  );
}

function strings(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  const fits = (text: string) =>
    text.length >= minLength && (maxLength === undefined || text.length <= maxLength);
  if (typeof schema.pattern === 'string') {
    // Unanchored, as the vendor writes them: anything may come before or after a match.
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  return oddText.filter(fits);
}

function merged(parts: readonly Schema[]): Schema {
  const resolved = parts.map(resolve);
  if (resolved.length === 1) return resolved[0] as Schema;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const all: Record<string, unknown> = {};
  for (const part of resolved) {
    Object.assign(all, part);
    Object.assign(properties, part.properties);
    required.push(...((part.required as string[] | undefined) ?? []));
  }
  return {...all, properties, required};
}

function resolve(schema: Schema): Schema {
  return typeof schema.$ref === 'string'
    ? resolve(schemas[schema.$ref.replace('#/components/schemas/', '')] as Schema)
    : schema;
}

function arbitrary(input: Schema, depth: number): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (choices) return fc.oneof(...choices.map((choice) => arbitrary(choice, depth)));
  if (Array.isArray(schema.allOf)) return arbitrary(merged(schema.allOf as Schema[]), depth);
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integers(schema);
    case 'number':
      return fc.double({noNaN: true, noDefaultInfinity: true});
    case 'string':
      return strings(schema);
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = schema.items ? arbitrary(schema.items as Schema, depth + 1) : fc.constant(null);
      const array = fc.array(items, {minLength, maxLength: depth > 2 ? minLength : Math.max(minLength, 3)});
      return schema.uniqueItems ? array.map((list) => [...new Set(list)]) : array;
    }
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, arbitrary(property, depth + 1)]),
      );
      const required = ((schema.required as string[] | undefined) ?? []).filter((name) => name in model);
      return fc.record(model, {requiredKeys: required});
    }
  }
}

/** A value the vendor's schema `name` accepts. */
export function answerOf(name: SchemaName | string): fc.Arbitrary<Record<string, unknown>> {
  return arbitrary({$ref: `#/components/schemas/${name}`}, 0) as fc.Arbitrary<Record<string, unknown>>;
}
