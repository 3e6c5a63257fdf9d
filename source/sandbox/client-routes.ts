// API clients the vendor's examples create, and the customer-scoped token they take with one (docs/sandbox.md).
// Behaviour the document leaves open is [assumed] there.
import {randomUUID} from 'node:crypto';
import type {IncomingCall, Reply} from './call.js';
import {OAuthError, SandboxError} from './errors.js';
import {randomToken} from './ids.js';
import {jsonObject} from './json-body.js';
import type {StoredClient} from './model.js';
import {clientJson} from './serialize.js';
import type {World} from './world.js';

const postFields = ['type', 'tenant_id', 'data', 'token_endpoint_auth_method', 'redirect_uris', 'origin_id'];

/** `POST /clients`: an API client of a tenant the caller may see, its secret shown once (201 `clientPostResult`). */
export function createClient(world: World, call: IncomingCall, authorization: string | undefined): Reply {
  const caller = world.authenticate(authorization);
  const body = jsonObject(call);
  const unknown = Object.keys(body).filter((key) => !postFields.includes(key));
  if (unknown.length > 0)
    throw new SandboxError(400, 'invalid_body', `Unknown fields: ${unknown.join(', ')}.`);
  if (body.type !== 'api_client' && body.type !== 'managed_client') {
    throw new SandboxError(400, 'invalid_body', 'type must be api_client or managed_client.');
  }
  const method = body.token_endpoint_auth_method;
  if (method !== 'client_secret_basic' && method !== 'client_secret_post' && method !== 'none') {
    throw new SandboxError(400, 'invalid_body', 'token_endpoint_auth_method is required.');
  }
  if (typeof body.tenant_id !== 'string')
    throw new SandboxError(400, 'invalid_body', 'tenant_id is required.');
  const tenant = world.visibleTenant(caller, body.tenant_id);
  const data =
    typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : {};
  const client: StoredClient = {
    client_id: randomUUID(),
    secret: randomToken(24),
    tenant_id: tenant.id,
    name: typeof data.client_name === 'string' ? data.client_name : 'API client',
    // A client made by an administrator administers its tenant too [assumed].
    role: caller.role,
    created_at: new Date(world.now()).toISOString().slice(0, 19),
  };
  world.clients.set(client.client_id, client);
  world.onChange();
  return {
    status: 201,
    body: {
      ...clientJson(client),
      type: body.type,
      token_endpoint_auth_method: method,
      data,
      client_secret: client.secret,
      registration_access_token: randomToken(16),
    },
  };
}

/**
 * The `jwt-bearer` grant (RFC 7523) as the examples use it: a valid access token as the `assertion`, and
 * `scope=urn:acronis.com:tenant-id:<uuid>` naming a tenant below the token's (errors in the codes the vendor's
 * `tokenError` lists); the token issued acts in that tenant
 * only [assumed: the document names the grant, not its scope's form].
 */
export function scopedToken(
  world: World,
  form: URLSearchParams,
): {value: string; expiresAt: number; clientId: string} {
  const assertion = form.get('assertion') ?? '';
  const issued = world.tokens.get(assertion);
  if (!issued || issued.expiresAt <= world.now()) {
    throw new OAuthError(401, 'access_denied', 'The assertion is no valid access token.');
  }
  const caller = world.clients.get(issued.clientId);
  const tenantId = /^urn:acronis\.com:tenant-id:([0-9a-f-]{36})$/.exec(form.get('scope') ?? '')?.[1];
  if (!caller || !tenantId) {
    throw new OAuthError(400, 'invalid_request', 'scope must be urn:acronis.com:tenant-id:<tenant UUID>.');
  }
  if (!world.tenants.has(tenantId) || !world.isWithin(tenantId, caller.tenant_id)) {
    throw new OAuthError(400, 'invalid_request', 'The tenant of the scope is not below the assertion’s.');
  }
  // The scoped token belongs to a client of its own, in that tenant (never able to sign in by itself: no secret).
  const scopedId = `${caller.client_id}:${tenantId}`;
  if (!world.clients.has(scopedId)) {
    world.clients.set(scopedId, {...caller, client_id: scopedId, secret: '', tenant_id: tenantId});
  }
  return world.issueScopedToken(scopedId);
}
