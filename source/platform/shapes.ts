import {asText, printable} from '../text/printable.js';
import {isUuid} from '../text/uuid.js';
import {type FailedRequest, PlatformError} from './errors.js';
import type {ApiClientInfo, Pricing, SearchHit, Tenant} from './types.js';

// Every answer is checked before anything acts on it: its shape (the fields we read, of the types the vendor's
// OpenAPI document gives) and, for a tenant, that it is the tenant asked for. A wrong answer is a PlatformError of
// kind `shape` ("the platform answered in an unexpected shape: <field> <what>"), never a TypeError further on.

type Json = Record<string, unknown>;

function wrong(request: FailedRequest, field: string, what: string): PlatformError {
  return new PlatformError(
    'shape',
    `The platform answered in an unexpected shape: ${printable(field)} ${what}.`,
    {request},
  );
}

function object(value: unknown, request: FailedRequest, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrong(request, field, `is ${describe(value)}, not an object`);
  }
  return value as Json;
}

function field(
  body: Json,
  name: string,
  type: 'string' | 'number' | 'boolean',
  request: FailedRequest,
  at = '',
) {
  const value = body[name];
  if (typeof value !== type) throw wrong(request, `${at}${name}`, `is ${describe(value)}, not a ${type}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(printable(value.slice(0, 40)))}`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value} (${printable(asText(value).slice(0, 40))})`;
}

/** An id the platform gives (the vendor's `uuid` schema): anything else is its fault, never sent back to it. */
function uuid(body: Json, name: string, request: FailedRequest, at = ''): string {
  const value = field(body, name, 'string', request, at) as string;
  if (!isUuid(value)) throw wrong(request, `${at}${name}`, `is ${describe(value)}, not a UUID`);
  return value;
}

/** A tenant; when `askedId` is given, it must be that tenant (an answer about another one is refused). */
export function checkTenant(value: unknown, request: FailedRequest, askedId?: string, at = ''): Tenant {
  // `at` is a prefix ("items[0]."): the item itself is named without its dot.
  const body = object(value, request, at.replace(/\.$/, '') || 'the tenant');
  const id = uuid(body, 'id', request, at);
  for (const name of ['name', 'kind', 'parent_id'] as const) field(body, name, 'string', request, at);
  if (askedId !== undefined && id !== askedId) {
    throw new PlatformError(
      'shape',
      `The platform answered about tenant ${printable(id)} when asked about ${askedId}; nothing is done with it.`,
      {request},
    );
  }
  if (body.has_children !== undefined) field(body, 'has_children', 'boolean', request, at);
  return body as unknown as Tenant;
}

/** `tenantPricingSettings`: `mode` a text and `version` a whole number, whatever the mode's value. */
export function checkPricing(value: unknown, request: FailedRequest): Pricing {
  const body = object(value, request, 'the pricing');
  field(body, 'mode', 'string', request);
  const version = field(body, 'version', 'number', request);
  if (!Number.isSafeInteger(version))
    throw wrong(request, 'version', `is ${describe(version)}, not a whole number`);
  for (const name of ['production_start_date', 'currency'] as const) {
    if (body[name] !== undefined && body[name] !== null && typeof body[name] !== 'string') {
      throw wrong(request, name, `is ${describe(body[name])}, not a text or null`);
    }
  }
  return body as unknown as Pricing;
}

/**
 * The answer to the switch's PUT: an object with a `mode` text. The verdict reads the mode alone (a 200 that says
 * production is the switch done); the other fields are kept as sent and only shown, so that an odd version or date
 * in an answer that says production never turns a switch that happened into an error.
 */
export function checkSwitchAnswer(value: unknown, request: FailedRequest): Pricing {
  const body = object(value, request, 'the pricing');
  field(body, 'mode', 'string', request);
  return body as unknown as Pricing;
}

/** A page of tenants: `items` a list of tenants, each one of those asked for when `askedIds` is given. */
export function checkTenantPage(
  value: unknown,
  request: FailedRequest,
  askedIds?: ReadonlySet<string>,
): {items: Tenant[]; after?: string} {
  const body = object(value, request, 'the answer');
  if (!Array.isArray(body.items)) throw wrong(request, 'items', `is ${describe(body.items)}, not a list`);
  const items = body.items.map((item, index) => checkTenant(item, request, undefined, `items[${index}].`));
  if (askedIds) {
    const stranger = items.find((tenant) => !askedIds.has(tenant.id));
    if (stranger) {
      throw new PlatformError(
        'shape',
        `The platform answered with tenant ${printable(stranger.id)}, which was not asked for; nothing is done with it.`,
        {request},
      );
    }
  }
  const paging = body.paging === undefined ? {} : object(body.paging, request, 'paging');
  const cursors = paging.cursors === undefined ? {} : object(paging.cursors, request, 'paging.cursors');
  const after = cursors.after;
  if (after !== undefined && after !== null && typeof after !== 'string') {
    throw wrong(request, 'paging.cursors.after', `is ${describe(after)}, not a text`);
  }
  return {items, after: typeof after === 'string' && after !== '' ? after : undefined};
}

/** `GET /search`: tenants only (users and other objects are left out), each with an id and its path. */
export function checkSearch(value: unknown, request: FailedRequest): SearchHit[] {
  const body = object(value, request, 'the answer');
  if (!Array.isArray(body.items)) throw wrong(request, 'items', `is ${describe(body.items)}, not a list`);
  return body.items.flatMap((item, index) => {
    const hit = object(item, request, `items[${index}]`);
    if (hit.obj_type !== 'tenant') return [];
    uuid(hit, 'id', request, `items[${index}].`);
    const path = hit.path === undefined ? [] : hit.path;
    if (!Array.isArray(path) || path.some((name) => typeof name !== 'string')) {
      throw wrong(request, `items[${index}].path`, `is ${describe(path)}, not a list of names`);
    }
    const {obj_type: _, ...rest} = hit;
    return [{...rest, name: typeof hit.name === 'string' ? hit.name : '', path} as unknown as SearchHit];
  });
}

/** `GET /clients/{id}`: the client asked for, with the tenant it belongs to. */
export function checkClientInfo(value: unknown, request: FailedRequest, askedId: string): ApiClientInfo {
  const body = object(value, request, 'the API client');
  uuid(body, 'tenant_id', request);
  if (body.client_id !== undefined && body.client_id !== askedId) {
    throw new PlatformError(
      'shape',
      `The platform answered about API client ${printable(body.client_id)} when asked about ${askedId}.`,
      {request},
    );
  }
  return body as unknown as ApiClientInfo;
}
