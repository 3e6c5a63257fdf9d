import {seededUuid} from './ids.js';
import type {StoredClient, StoredTenant} from './model.js';
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
    contact: {
      id: seededUuid(`contact:${tenant.id}`),
      created_at: tenant.created_at,
      updated_at: tenant.created_at,
      types: ['legal'],
      email: tenant.contact.email,
      address1: null,
      address2: null,
      country: null,
      state: null,
      city: null,
      zipcode: null,
      phone: null,
      firstname: tenant.contact.firstname,
      lastname: tenant.contact.lastname,
      title: null,
      website: null,
      industry: null,
      organization_size: null,
      email_confirmed: false,
      aan: null,
    },
    contacts: [],
    offering_items: [],
    enabled: pricing.mode !== 'suspended',
    created_at: tenant.created_at,
    updated_at: tenant.updated_at,
    deleted_at: null,
    customer_id: tenant.customer_id,
    brand_id: 1,
    brand_uuid: brandUuid,
    brand_enabled: false,
    barrier: 0,
    internal_tag: null,
    language: 'en',
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
