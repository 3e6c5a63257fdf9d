import {seededUuid} from './ids.js';
import type {StoredClient, StoredTenant, StoredUser} from './model.js';
import type {World} from './world.js';

const brandUuid = seededUuid('brand');
const idpUuid = seededUuid('idp');

/** A full `tenant` object, with every field the vendor's schema requires (and `tenantBatch`'s full variant). */
export function tenantJson(world: World, tenant: StoredTenant): Record<string, unknown> {
  const pricing = world.pricing(tenant);
  return {
    id: tenant.id,
    version: tenant.version,
    name: tenant.name,
    customer_type: 'default',
    parent_id: tenant.parent_id,
    kind: tenant.kind,
    contact: contactJson(`contact:${tenant.id}`, tenant.created_at, tenant.contact),
    contacts: [],
    offering_items: [],
    enabled: tenant.enabled ?? pricing.mode !== 'suspended',
    created_at: tenant.created_at,
    updated_at: tenant.updated_at,
    deleted_at: null,
    customer_id: tenant.customer_id,
    brand_id: 1,
    brand_uuid: brandUuid,
    brand_enabled: false,
    barrier: 0,
    internal_tag: null,
    language: tenant.language ?? 'en',
    owner_id: null,
    has_children: world.childrenOf(tenant.id).length > 0,
    default_idp_id: idpUuid,
    update_lock: {enabled: false, owner_id: null},
    ancestral_access: true,
    mfa_status: 'disabled',
    pricing_mode: pricing.mode,
    production_start_date: pricing.production_start_date,
  };
}

/** A contact object (vendor `items`), every field present as the platform sends it. */
function contactJson(
  key: string,
  createdAt: string,
  person: {readonly email: string; readonly firstname: string; readonly lastname: string},
): Record<string, unknown> {
  return {
    id: seededUuid(key),
    created_at: createdAt,
    updated_at: createdAt,
    types: ['legal'],
    email: person.email,
    address1: null,
    address2: null,
    country: null,
    state: null,
    city: null,
    zipcode: null,
    phone: null,
    firstname: person.firstname,
    lastname: person.lastname,
    title: null,
    website: null,
    industry: null,
    organization_size: null,
    email_confirmed: false,
    aan: null,
  };
}

/** A user object (vendor `user`: the origin and `disable_after` fields, optional there and unset here, left out). */
export function userJson(user: StoredUser): Record<string, unknown> {
  return {
    id: user.id,
    version: 1,
    tenant_id: user.tenant_id,
    created_at: user.created_at,
    updated_at: user.created_at,
    deleted_at: null,
    access_policies: [],
    personal_tenant_id: null,
    login: user.login,
    enabled: true,
    contact: contactJson(`user contact:${user.id}`, user.created_at, {
      email: user.email,
      firstname: user.first_name,
      lastname: user.last_name,
    }),
    // Activated once the person sets a password from the activation e-mail [assumed: the sandbox sends none].
    activated: false,
    language: 'en',
    business_types: [],
    notifications: [],
    mfa_status: 'disabled',
  };
}

export function pricingJson(world: World, tenant: StoredTenant): Record<string, unknown> {
  const {mode, currency, production_start_date, version} = world.pricing(tenant);
  return {mode, currency, production_start_date, version};
}

export function clientJson(client: StoredClient): Record<string, unknown> {
  return {
    client_id: client.client_id,
    tenant_id: client.tenant_id,
    client_secret_expires_at: 0,
    type: 'api_client',
    data: {client_name: client.name},
    token_endpoint_auth_method: 'client_secret_basic',
    created_at: client.created_at,
    created_by: seededUuid('sandbox admin'),
    last_access_at: null,
    last_access_from_ip: null,
    status: 'enabled',
    redirect_uris: [],
  };
}
