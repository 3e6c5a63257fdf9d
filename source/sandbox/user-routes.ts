// The basic user objects the vendor's examples create and read (docs/sandbox.md): `POST /users` and `GET /users/me`.
// Behaviour the document leaves open is [assumed] there.
import {randomUUID} from 'node:crypto';
import type {IncomingCall, Reply} from './call.js';
import {platformTime} from './dates.js';
import {SandboxError} from './errors.js';
import {jsonObject} from './json-body.js';
import {userJson} from './serialize.js';
import {checkTypes} from './tenant-routes.js';
import type {World} from './world.js';

/** The fields the vendor's `userPost` schema allows (it allows no other). */
const postFields = [
  'tenant_id',
  'login',
  'contact',
  'enabled',
  'origin_id',
  'origin_external_id',
  'disable_after',
  'language',
  'business_types',
  'notifications',
];

/** `POST /users`: a user of a tenant the client may see; a login already taken is 409 [assumed]. 200 `user`. */
export function createUser(world: World, call: IncomingCall, authorization: string | undefined): Reply {
  const client = world.authenticate(authorization);
  const body = jsonObject(call);
  const unknown = Object.keys(body).filter((key) => !postFields.includes(key));
  if (unknown.length > 0)
    throw new SandboxError(400, 'invalid_body', `Unknown fields: ${unknown.join(', ')}.`);
  if (typeof body.tenant_id !== 'string') {
    throw new SandboxError(400, 'invalid_body', 'tenant_id is required.');
  }
  checkTypes(body, {
    login: 'string',
    enabled: 'boolean',
    language: 'string',
    origin_id: 'string',
    origin_external_id: 'string',
    disable_after: 'string|null',
  });
  const given = body.contact;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw new SandboxError(400, 'invalid_body', 'contact must be an object.');
  }
  checkTypes(
    (given ?? {}) as Record<string, unknown>,
    {email: 'string', firstname: 'string', lastname: 'string'},
    'contact.',
  );
  for (const field of ['business_types', 'notifications'] as const) {
    const list = body[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((each) => typeof each === 'string'))) {
      throw new SandboxError(400, 'invalid_body', `${field} must be a list of words.`);
    }
  }
  const tenant = world.visibleTenant(client, body.tenant_id);
  const login = typeof body.login === 'string' && body.login.trim() !== '' ? body.login.trim() : randomUUID();
  if (world.users.some((user) => user.login.toLowerCase() === login.toLowerCase())) {
    throw new SandboxError(409, 'login_taken', `The login ${login} is taken.`);
  }
  const contact = (body.contact ?? {}) as {email?: unknown; firstname?: unknown; lastname?: unknown};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const user = {
    id: randomUUID(),
    tenant_id: tenant.id,
    login,
    first_name: text(contact.firstname),
    last_name: text(contact.lastname),
    email: text(contact.email),
    created_at: platformTime(world.now()),
  };
  world.users.push(user);
  world.onChange();
  return {status: 200, body: userJson(user)};
}

/**
 * `GET /users/me`: who the token is. A token of an API client has no user of its own: the sandbox answers as its
 * client — its id, its name as the login, its tenant — so that the examples that find their tenant this way find it
 * [assumed: the document describes only users' tokens].
 */
export function getMe(world: World, authorization: string | undefined): Reply {
  const client = world.authenticate(authorization);
  const tenant = world.tenants.get(client.tenant_id);
  const me = {
    // A scoped token's client is "client:tenant": the user it stands for is the client.
    id: client.client_id.split(':')[0] ?? client.client_id,
    tenant_id: client.tenant_id,
    login: client.name,
    first_name: '',
    last_name: '',
    email: '',
    created_at: client.created_at,
  };
  return {
    status: 200,
    body: {
      ...userJson(me),
      // `userMe` (the full level of detail) has them all, null when unset.
      origin_id: null,
      origin_external_id: null,
      disable_after: null,
      activated: true,
      terms_accepted: true,
      login_totp_time: null,
      tenant_kind: tenant?.kind ?? 'partner',
      tenant_pricing_model: tenant ? world.pricing(tenant).mode : 'production',
      brand_id: '00000000-0000-4000-8000-000000000000',
    },
  };
}

/** `GET /users/{id}`: a user of a tenant the client may see (200 `user`). */
export function getUser(world: World, authorization: string | undefined, userId: string): Reply {
  const client = world.authenticate(authorization);
  const user = world.users.find((each) => each.id === userId);
  if (!user) throw new SandboxError(404, 'user_not_found', `User ${userId} was not found.`);
  world.visibleTenant(client, user.tenant_id);
  return {status: 200, body: userJson(user)};
}
