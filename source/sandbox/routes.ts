import type {IncomingCall, Reply} from './call.js';
import {createClient, scopedToken} from './client-routes.js';
import {OAuthError, SandboxError} from './errors.js';
import type {StoredClient, StoredTenant} from './model.js';
import {availableForChild, getInfra, getInfras, getOfferingItems, putOfferingItems} from './offering.js';
import {clientJson, pricingJson, tenantJson} from './serialize.js';
import {createTenant, deleteTenant} from './tenant-routes.js';
import {createUser, getMe, getUser} from './user-routes.js';
import type {PricingChange, World} from './world.js';

const uuidSegment = '([^/]+)';
const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The currencies the vendor's schema `currency` allows. */
const currencies = ['AUD', 'BRL', 'CAD', 'EUR', 'CNY', 'GBP', 'JPY', 'KZT', 'NZD', 'RUB', 'USD', 'ZAR'];
type Handler = (world: World, call: IncomingCall, ...params: string[]) => Reply;
const routes: Array<[string, RegExp, Handler]> = [
  ['POST', /^\/idp\/token$/, requestToken],
  ['POST', /^\/idp\/revoke_token$/, revokeToken],
  ['GET', new RegExp(`^/clients/${uuidSegment}$`), getClient],
  ['POST', /^\/clients$/, (world, call) => createClient(world, call, header(call, 'authorization'))],
  ['GET', /^\/tenants$/, listTenants],
  ['POST', /^\/tenants$/, (world, call) => createTenant(world, call, header(call, 'authorization'))],
  ['GET', new RegExp(`^/tenants/${uuidSegment}$`), getTenant],
  [
    'DELETE',
    new RegExp(`^/tenants/${uuidSegment}$`),
    (world, call, id) => deleteTenant(world, call, header(call, 'authorization'), id ?? ''),
  ],
  ['GET', new RegExp(`^/tenants/${uuidSegment}/children$`), getChildren],
  [
    'GET',
    new RegExp(`^/tenants/${uuidSegment}/offering_items$`),
    (world, call, id) => getOfferingItems(world, call, header(call, 'authorization'), id ?? ''),
  ],
  [
    'PUT',
    new RegExp(`^/tenants/${uuidSegment}/offering_items$`),
    (world, call, id) => putOfferingItems(world, call, header(call, 'authorization'), id ?? ''),
  ],
  [
    'GET',
    new RegExp(`^/tenants/${uuidSegment}/offering_items/available_for_child$`),
    (world, call, id) => availableForChild(world, call, header(call, 'authorization'), id ?? ''),
  ],
  ['GET', new RegExp(`^/tenants/${uuidSegment}/users$`), getTenantUsers],
  ['GET', new RegExp(`^/tenants/${uuidSegment}/pricing$`), getPricing],
  ['PUT', new RegExp(`^/tenants/${uuidSegment}/pricing$`), putPricing],
  ['GET', /^\/search$/, search],
  ['GET', /^\/infra$/, (world, call) => getInfras(world, call, header(call, 'authorization'))],
  [
    'GET',
    new RegExp(`^/infra/${uuidSegment}$`),
    (world, call, id) => getInfra(world, header(call, 'authorization'), id ?? ''),
  ],
  ['POST', /^\/users$/, (world, call) => createUser(world, call, header(call, 'authorization'))],
  ['GET', /^\/users\/me$/, (world, call) => getMe(world, header(call, 'authorization'))],
  [
    'GET',
    new RegExp(`^/users/${uuidSegment}$`),
    (world, call, id) => getUser(world, header(call, 'authorization'), id ?? ''),
  ],
];

export function route(world: World, call: IncomingCall): Reply {
  const allowed: string[] = [];
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(call.path);
    if (!match) continue;
    if (method === call.method) return handler(world, call, ...match.slice(1));
    allowed.push(method);
  }
  // RFC 9110: a 405 says which methods the path takes.
  if (allowed.length > 0) {
    throw new SandboxError(405, 'method_not_allowed', `Method ${call.method} is not allowed here.`, null, {
      Allow: allowed.join(', '),
    });
  }
  throw new SandboxError(404, 'not_found', `No such endpoint: ${call.path}`);
}

function header(call: IncomingCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function formBody(call: IncomingCall, oauthStatus: number): URLSearchParams {
  if (!header(call, 'content-type')?.startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(
      oauthStatus,
      'invalid_request',
      'Expected an application/x-www-form-urlencoded body.',
    );
  }
  return new URLSearchParams(call.body);
}

function basicCredentials(call: IncomingCall, form: URLSearchParams): {id: string; secret: string} {
  const basic = /^Basic (.+)$/i.exec(header(call, 'authorization') ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return {id: decoded.slice(0, colon), secret: decoded.slice(colon + 1)};
  }
  return {id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? ''};
}

function requestToken(world: World, call: IncomingCall): Reply {
  const form = formBody(call, 400);
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials' && grant !== jwtBearer) {
    throw new OAuthError(
      400,
      'invalid_request',
      'The sandbox supports grant_type client_credentials and urn:ietf:params:oauth:grant-type:jwt-bearer.',
    );
  }
  const {id, secret} = basicCredentials(call, form);
  if (grant === 'client_credentials' && !id) {
    throw new OAuthError(401, 'access_denied', 'Client authentication is required.');
  }
  const token = grant === jwtBearer ? scopedToken(world, form) : world.issueToken(id, secret);
  const expiresIn = Math.round((token.expiresAt - world.now()) / 1000);
  return {
    status: 200,
    body: {
      access_token: token.value,
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_on: Math.floor(token.expiresAt / 1000),
      // An OpenID Connect id_token is a token of its own (a JWT), never the access token again [assumed].
      id_token: world.idToken(token.clientId, token.expiresAt),
    },
  };
}

function revokeToken(world: World, call: IncomingCall): Reply {
  const form = formBody(call, 400);
  const {id, secret} = basicCredentials(call, form);
  const client = world.clients.get(id);
  if (!client || client.secret !== secret) {
    throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
  }
  const token = form.get('token');
  if (!token) throw new OAuthError(400, 'invalid_request', 'The token to revoke is missing.');
  // RFC 7009: an unknown token is not an error.
  if (world.tokens.get(token)?.clientId === id) world.tokens.delete(token);
  return {status: 200};
}

function getClient(world: World, call: IncomingCall, clientId: string): Reply {
  const caller = world.authenticate(header(call, 'authorization'));
  const client = world.clients.get(clientId);
  if (!client) throw new SandboxError(404, 'client_not_found', `Client ${clientId} was not found.`);
  if (!world.isWithin(client.tenant_id, caller.tenant_id)) {
    throw new SandboxError(403, 'access_denied', 'You are not allowed to access this client.');
  }
  return {status: 200, body: clientJson(client)};
}

/** `GET /tenants/{id}/children`: the UUIDs of its direct children (vendor `uuidList`). */
function getChildren(world: World, call: IncomingCall, tenantId: string): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  world.visibleTenant(client, tenantId);
  return {status: 200, body: {items: world.childrenOf(tenantId).map((child) => child.id)}};
}

/**
 * `GET /tenants/{id}/users`: the UUIDs of its users (vendor `uuidList`); `include_grand_children=true` adds those of
 * the tenants below it.
 */
function getTenantUsers(world: World, call: IncomingCall, tenantId: string): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  world.visibleTenant(client, tenantId);
  const below = booleanParameter(call, 'include_grand_children')
    ? new Set(world.subtree(tenantId).map((tenant) => tenant.id))
    : new Set([tenantId]);
  return {
    status: 200,
    body: {items: world.users.filter((user) => below.has(user.tenant_id)).map((user) => user.id)},
  };
}

/** A boolean query parameter as the document types it: `true` or `false`, anything else refused. */
function booleanParameter(call: IncomingCall, name: string): boolean {
  const value = call.query.get(name);
  if (value === null || value === 'false') return false;
  if (value === 'true') return true;
  throw new SandboxError(400, 'invalid_parameter', `${name} must be true or false.`);
}

/** A whole-number query parameter of at least `min` (the document's `integer`, `minimum`). */
function integerParameter(call: IncomingCall, name: string, fallback: number, min = 1): number {
  const text = call.query.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new SandboxError(400, 'invalid_parameter', `${name} must be a whole number of at least ${min}.`);
  }
  return value;
}

function getTenant(world: World, call: IncomingCall, tenantId: string): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  return {status: 200, body: tenantJson(world, world.visibleTenant(client, tenantId))};
}

interface Cursor {
  scope: 'parent_id' | 'subtree_root_id';
  id: string;
  offset: number;
  limit: number;
}

function listTenants(world: World, call: IncomingCall): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  const limitText = call.query.get('limit');
  const limit = integerParameter(call, 'limit', 5000);
  const lod = call.query.get('lod');
  if (lod !== null && !['stamps', 'basic', 'full'].includes(lod)) {
    throw new SandboxError(400, 'invalid_parameter', 'lod must be one of stamps, basic, full.');
  }
  // The document: uuids, parent_id and subtree_root_id are mutually exclusive.
  const filters = ['uuids', 'parent_id', 'subtree_root_id'].filter((name) => call.query.get(name) !== null);
  if (filters.length > 1) {
    throw new SandboxError(400, 'invalid_parameter', `${filters.join(' and ')} are mutually exclusive.`);
  }
  const uuids = call.query.get('uuids');
  if (uuids) return tenantsByUuid(world, client, uuids, lod);
  let cursor: Cursor;
  const after = call.query.get('after');
  const parentId = call.query.get('parent_id');
  const subtreeRootId = call.query.get('subtree_root_id');
  if (after) {
    try {
      cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
    } catch {
      throw new SandboxError(400, 'invalid_cursor', 'The paging cursor is not valid.');
    }
    if (limitText !== null) cursor.limit = limit;
  } else if (parentId || subtreeRootId) {
    cursor = parentId
      ? {scope: 'parent_id', id: parentId, offset: 0, limit}
      : {scope: 'subtree_root_id', id: subtreeRootId ?? '', offset: 0, limit};
  } else {
    throw new SandboxError(
      400,
      'missing_filter',
      'One of uuids, parent_id, subtree_root_id or after is required.',
    );
  }
  world.visibleTenant(client, cursor.id);
  const all = cursor.scope === 'parent_id' ? world.childrenOf(cursor.id) : world.subtree(cursor.id);
  const page = all.slice(cursor.offset, cursor.offset + cursor.limit);
  const next = cursor.offset + cursor.limit;
  const nextCursor = next < all.length ? {...cursor, offset: next} : undefined;
  return {
    status: 200,
    body: {
      items: page.map((tenant) => atLevel(tenantJson(world, tenant), lod)),
      ...(nextCursor
        ? {paging: {cursors: {after: Buffer.from(JSON.stringify(nextCursor)).toString('base64url')}}}
        : {paging: {cursors: {}}}),
      timestamp: new Date(world.now()).toISOString().slice(0, 19),
    },
  };
}

/** `?uuids=a,b,…` (at most 100): the tenants the client may see; unknown or foreign ones are left out [assumed]. */
function tenantsByUuid(world: World, client: StoredClient, uuids: string, lod: string | null): Reply {
  // Each tenant once, however often it is named; a list of nothing is no list.
  const ids = [...new Set(uuids.split(',').filter((id) => id !== ''))];
  if (ids.length === 0)
    throw new SandboxError(400, 'invalid_parameter', 'uuids must name at least one tenant.');
  if (ids.length > 100) throw new SandboxError(400, 'invalid_parameter', 'At most 100 UUIDs may be given.');
  const items = ids
    .map((id) => world.tenants.get(id))
    .filter((tenant) => tenant !== undefined && world.isWithin(tenant.id, client.tenant_id))
    .map((tenant) => atLevel(tenantJson(world, tenant as StoredTenant), lod));
  return {status: 200, body: {items, timestamp: new Date(world.now()).toISOString().slice(0, 19)}};
}

/** The fields of each level of detail (`lod`), as the vendor's `tenantBatch` lists them; `full` is all. */
const stamps = [
  'id',
  'parent_id',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'contacts',
  'offering_items',
];
const levels: Record<string, readonly string[]> = {stamps, basic: [...stamps, 'name', 'kind', 'enabled']};

function atLevel(tenant: Record<string, unknown>, lod: string | null): Record<string, unknown> {
  const fields = lod === null ? undefined : levels[lod];
  return fields ? Object.fromEntries(fields.map((field) => [field, tenant[field]])) : tenant;
}

function search(world: World, call: IncomingCall): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  const rootId = call.query.get('tenant');
  const text = call.query.get('text');
  if (!rootId || text === null) {
    throw new SandboxError(400, 'missing_parameter', 'The tenant and text parameters are required.');
  }
  world.visibleTenant(client, rootId);
  const limit = integerParameter(call, 'limit', 10);
  const needle = text.toLocaleLowerCase();
  const hits = (...fields: Array<string | null>) =>
    fields.some((field) => field?.toLocaleLowerCase().includes(needle));
  const tenants = world
    .subtree(rootId)
    // The tenant searched in is one of the results when it matches, as the platform's search finds it [assumed].
    .filter((tenant) =>
      hits(
        tenant.name,
        tenant.customer_id,
        tenant.contact.firstname,
        tenant.contact.lastname,
        tenant.contact.email,
      ),
    )
    .map((tenant) => ({
      obj_type: 'tenant',
      id: tenant.id,
      parent_id: tenant.parent_id,
      path: world.pathBetween(rootId, tenant.parent_id),
      kind: tenant.kind,
      name: tenant.name,
      // A tenant's contact names, or null when it has none (never "" beside null).
      first_name: tenant.contact.firstname || null,
      last_name: tenant.contact.lastname || null,
      deleted_at: null,
    }));
  const users = world.users
    .filter((user) => world.isWithin(user.tenant_id, rootId))
    .filter((user) => hits(user.login, user.first_name, user.last_name))
    .map((user) => ({
      obj_type: 'user',
      id: user.id,
      parent_id: user.tenant_id,
      path: world.pathBetween(rootId, user.tenant_id),
      login: user.login,
      first_name: user.first_name,
      last_name: user.last_name,
      deleted_at: null,
    }));
  return {status: 200, body: {items: [...tenants, ...users].slice(0, limit)}};
}

function getPricing(world: World, call: IncomingCall, tenantId: string): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  return {status: 200, body: pricingJson(world, world.visibleTenant(client, tenantId))};
}

function putPricing(world: World, call: IncomingCall, tenantId: string): Reply {
  const client = world.authenticate(header(call, 'authorization'));
  const tenant = world.visibleTenant(client, tenantId);
  if (!header(call, 'content-type')?.toLowerCase().startsWith('application/json')) {
    throw new SandboxError(
      415,
      'unsupported_media_type',
      'The request body must be sent as application/json.',
    );
  }
  world.updatePricing(client, tenant, parsePricingChange(call.body));
  return {status: 200, body: pricingJson(world, tenant)};
}

/**
 * The vendor schema `tenantPricingSettingsPut` allows `version` (required), `mode` and `currency`. The guide's own
 * procedure sends back the whole object it read, so `production_start_date` is tolerated (and ignored); any other
 * key is refused, as docs/platform-notes.md §3 assumes.
 */
function parsePricingChange(text: string): PricingChange {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SandboxError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SandboxError(400, 'invalid_body', 'The request body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).filter(
    (key) => !['version', 'mode', 'currency', 'production_start_date'].includes(key),
  );
  if (unknown.length > 0) {
    throw new SandboxError(400, 'invalid_body', `Unknown fields: ${unknown.join(', ')}.`);
  }
  if (!Number.isInteger(record.version)) {
    throw new SandboxError(400, 'invalid_body', 'The version field is required and must be an integer.');
  }
  const mode = record.mode;
  if (mode !== undefined && mode !== 'trial' && mode !== 'production' && mode !== 'suspended') {
    throw new SandboxError(400, 'invalid_body', 'mode must be one of trial, production, suspended.');
  }
  const currency = record.currency;
  if (currency !== undefined && currency !== null && !currencies.includes(currency as string)) {
    throw new SandboxError(400, 'invalid_body', `currency must be null or one of ${currencies.join(', ')}.`);
  }
  return {version: record.version as number, mode, currency: currency as string | null | undefined};
}
