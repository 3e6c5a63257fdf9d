// Creating and deleting tenants, as the vendor's end-to-end example does before it switches one to production
// (docs/sandbox.md). The rules the document leaves open are [assumed] there.
import {randomUUID} from 'node:crypto';
import type {IncomingCall, Reply} from './call.js';
import {SandboxError} from './errors.js';
import {jsonObject} from './json-body.js';
import {tenantJson} from './serialize.js';
import type {TenantKind} from './types.js';
import type {World} from './world.js';

/** The fields the vendor's `tenantPost` schema allows (it allows no other). */
const postFields = [
  'name',
  'parent_id',
  'kind',
  'contact',
  'company_billing_contact',
  'enabled',
  'customer_id',
  'internal_tag',
  'language',
  'default_idp_id',
  'update_lock',
  'ancestral_access',
  'settings',
];

/** Which kinds a tenant of each kind may hold [assumed: the platform's hierarchy as its portal offers it]. */
const mayHold: Record<TenantKind, readonly TenantKind[]> = {
  root: ['partner', 'folder', 'customer'],
  partner: ['partner', 'folder', 'customer'],
  folder: ['partner', 'folder', 'customer'],
  customer: ['unit'],
  unit: ['unit'],
};

/**
 * `POST /tenants`: a partner, folder, customer or unit under a tenant the client may see. A customer starts in
 * trial, its trial ending one month later (the guide: trial ends by itself after one full month). 201 `tenant`.
 */
export function createTenant(world: World, call: IncomingCall, authorization: string | undefined): Reply {
  const client = world.authenticate(authorization);
  const body = jsonObject(call);
  const unknown = Object.keys(body).filter((key) => !postFields.includes(key));
  if (unknown.length > 0)
    throw new SandboxError(400, 'invalid_body', `Unknown fields: ${unknown.join(', ')}.`);
  const {name, parent_id: parentId, kind} = body;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
    throw new SandboxError(400, 'invalid_body', 'name is required: 1 to 255 characters.');
  }
  if (typeof parentId !== 'string') throw new SandboxError(400, 'invalid_body', 'parent_id is required.');
  const parent = world.visibleTenant(client, parentId);
  if (typeof kind !== 'string' || !Object.hasOwn(mayHold, kind)) {
    throw new SandboxError(400, 'invalid_body', 'kind must be one of root, partner, folder, customer, unit.');
  }
  if (!mayHold[parent.kind].includes(kind as TenantKind)) {
    throw new SandboxError(400, 'invalid_tenant_kind', `A ${parent.kind} cannot hold a ${kind}.`);
  }
  checkTypes(body, {
    customer_id: 'string',
    language: 'string',
    enabled: 'boolean',
    internal_tag: 'string|null',
  });
  for (const field of ['contact', 'company_billing_contact', 'settings', 'update_lock'] as const) {
    const value = body[field];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new SandboxError(400, 'invalid_body', `${field} must be an object.`);
    }
  }
  const contact = (body.contact ?? {}) as Record<string, unknown>;
  checkTypes(contact, {email: 'string', firstname: 'string', lastname: 'string'}, 'contact.');
  const tenant = world.addTenant({
    id: randomUUID(),
    name,
    kind: kind as TenantKind,
    parentId: parent.id,
    customerId: body.customer_id as string | undefined,
    email: contact.email as string | undefined,
    contact: {firstname: (contact.firstname as string) ?? name, lastname: (contact.lastname as string) ?? ''},
  });
  if (body.enabled === false) tenant.enabled = false;
  if (typeof body.language === 'string') tenant.language = body.language;
  world.onChange();
  return {status: 201, body: tenantJson(world, tenant)};
}

/**
 * `DELETE /tenants/{id}?version=N`: 204. The version must be the tenant's (409 otherwise, as a stale pricing
 * version is); a tenant with tenants below it, or the client's own, is not deleted [assumed: 409 and 403].
 */
export function deleteTenant(
  world: World,
  call: IncomingCall,
  authorization: string | undefined,
  tenantId: string,
): Reply {
  const client = world.authenticate(authorization);
  const tenant = world.visibleTenant(client, tenantId);
  const versionText = call.query.get('version');
  if (versionText === null || !/^\d+$/.test(versionText)) {
    throw new SandboxError(400, 'invalid_parameter', 'version is required: the tenant version to delete.');
  }
  if (Number(versionText) !== tenant.version) {
    throw new SandboxError(
      409,
      'version_conflict',
      `The tenant has changed: its version is ${tenant.version}.`,
    );
  }
  if (tenant.id === client.tenant_id) {
    throw new SandboxError(403, 'access_denied', 'A client cannot delete its own tenant.');
  }
  if (world.childrenOf(tenant.id).length > 0) {
    throw new SandboxError(409, 'has_children', 'Delete the tenants below it first.');
  }
  world.removeTenant(tenant);
  world.onChange();
  return {status: 204};
}

/** Each field given has the type the document gives it (`string|null`: text or null); otherwise 400. */
export function checkTypes(
  body: Record<string, unknown>,
  types: Record<string, 'string' | 'boolean' | 'string|null'>,
  prefix = '',
): void {
  for (const [field, type] of Object.entries(types)) {
    const value = body[field];
    if (value === undefined) continue;
    const fits = type === 'string|null' ? value === null || typeof value === 'string' : typeof value === type;
    if (!fits)
      throw new SandboxError(
        400,
        'invalid_body',
        `${prefix}${field} must be ${type === 'string|null' ? 'text or null' : type === 'string' ? 'text' : 'true or false'}.`,
      );
  }
}
