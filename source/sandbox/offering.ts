// Offering items at the level the vendor's examples touch them (docs/sandbox.md): a customer is created, the items
// of an edition are turned on for it (`PUT …/offering_items`), then it is switched. A small catalogue of one
// application [assumed: the real platform's catalogue is large and per-partner]; every tenant may turn on what its
// parent has on (the root and partners: the whole catalogue).
import type {IncomingCall, Reply} from './call.js';
import {platformTime} from './dates.js';
import {SandboxError} from './errors.js';
import {seededUuid} from './ids.js';
import {jsonObject} from './json-body.js';
import type {OfferingQuota as Quota, StoredTenant} from './model.js';
import type {World} from './world.js';

const application = seededUuid('application:cyber-protection');
const storageInfra = seededUuid('infra:storage');

interface CatalogueItem {
  readonly name: string;
  readonly edition: string;
  readonly usage_name: string;
  readonly type: 'count' | 'infra' | 'feature';
  readonly measurement_unit: 'quantity' | 'bytes' | 'n/a';
  readonly infra_id?: string;
}

const catalogue: readonly CatalogueItem[] = [
  ...['standard', 'advanced'].flatMap((edition) => [
    {
      name: edition === 'standard' ? 'workstations' : 'adv_workstations',
      edition,
      usage_name: 'workstations',
      type: 'count',
      measurement_unit: 'quantity',
    } as const,
    {
      name: edition === 'standard' ? 'servers' : 'adv_servers',
      edition,
      usage_name: 'servers',
      type: 'count',
      measurement_unit: 'quantity',
    } as const,
    {
      name: edition === 'standard' ? 'vms' : 'adv_vms',
      edition,
      usage_name: 'vms',
      type: 'count',
      measurement_unit: 'quantity',
    } as const,
  ]),
  {
    name: 'storage',
    edition: 'standard',
    usage_name: 'storage',
    type: 'infra',
    measurement_unit: 'bytes',
    infra_id: storageInfra,
  },
  {
    name: 'notarization',
    edition: 'standard',
    usage_name: 'notarization',
    type: 'feature',
    measurement_unit: 'n/a',
  },
];

/** The catalogue items a tenant may turn on: all of them under a partner or the root, else what its parent has on. */
function availableTo(world: World, tenant: StoredTenant): CatalogueItem[] {
  const {offering} = world;
  const parent = world.parentOf(tenant);
  if (!parent || parent.kind === 'root' || parent.kind === 'partner') return [...catalogue];
  const on = offering.get(parent.id);
  return catalogue.filter((item) => on?.get(item.name)?.status === 1);
}

function itemJson(world: World, tenant: StoredTenant, item: CatalogueItem) {
  const {offering} = world;
  const state = offering.get(tenant.id)?.get(item.name);
  return {
    application_id: application,
    name: item.name,
    edition: item.edition,
    usage_name: item.usage_name,
    tenant_id: tenant.id,
    updated_at: platformTime(world.now()),
    deleted_at: null,
    status: state?.status ?? 0,
    locked: false,
    type: item.type,
    measurement_unit: item.measurement_unit,
    ...(item.infra_id ? {infra_id: item.infra_id} : {}),
    ...(state?.quota ? {quota: state.quota} : {}),
  };
}

function list(world: World, items: unknown[]): Reply {
  return {status: 200, body: {items, timestamp: platformTime(world.now())}};
}

/** `GET /tenants/{id}/offering_items` (`edition` filters): the items it may have, each on or off. */
export function getOfferingItems(
  world: World,
  call: IncomingCall,
  auth: string | undefined,
  tenantId: string,
): Reply {
  const tenant = world.visibleTenant(world.authenticate(auth), tenantId);
  const edition = call.query.get('edition');
  return list(
    world,
    availableTo(world, tenant)
      .filter((item) => edition === null || item.edition === edition)
      .map((item) => itemJson(world, tenant, item)),
  );
}

/** `GET /tenants/{id}/offering_items/available_for_child`: what a child of it may turn on (`edition` filters). */
export function availableForChild(
  world: World,
  call: IncomingCall,
  auth: string | undefined,
  tenantId: string,
): Reply {
  const tenant = world.visibleTenant(world.authenticate(auth), tenantId);
  const edition = call.query.get('edition');
  const items =
    tenant.kind === 'root' || tenant.kind === 'partner'
      ? [...catalogue]
      : catalogue.filter((item) => world.offering.get(tenant.id)?.get(item.name)?.status === 1);
  return list(
    world,
    items
      .filter((item) => edition === null || item.edition === edition)
      .map((item) => ({
        ...itemJson(world, tenant, item),
        status: 1,
      })),
  );
}

/** `PUT /tenants/{id}/offering_items`: turns items on or off, with their quotas; an item it may not have is 400. */
export function putOfferingItems(
  world: World,
  call: IncomingCall,
  auth: string | undefined,
  tenantId: string,
): Reply {
  const client = world.authenticate(auth);
  const tenant = world.visibleTenant(client, tenantId);
  const body = jsonObject(call);
  const changes = body.offering_items;
  if (!Array.isArray(changes))
    throw new SandboxError(400, 'invalid_body', 'offering_items is required: a list.');
  const available = new Map(availableTo(world, tenant).map((item) => [item.name, item]));
  const next = new Map(world.offering.get(tenant.id) ?? []);
  for (const change of changes as Record<string, unknown>[]) {
    const item = typeof change?.name === 'string' ? available.get(change.name) : undefined;
    if (!item || change.application_id !== application) {
      throw new SandboxError(
        400,
        'offering_item_not_available',
        `The offering item ${String(change?.name)} is not available to this tenant.`,
      );
    }
    const status = change.status === undefined ? 1 : change.status;
    if (status !== 0 && status !== 1) throw new SandboxError(400, 'invalid_body', 'status must be 0 or 1.');
    const quota = quotaOf(change.quota, world.now());
    next.set(item.name, {status, ...(quota ? {quota} : {})});
  }
  world.offering.set(tenant.id, next);
  world.onChange();
  return list(
    world,
    [...available.values()].map((item) => itemJson(world, tenant, item)),
  );
}

/** The one storage the catalogue's infra item stands for (vendor `infra`). */
function infraJson(world: World): Record<string, unknown> {
  const root = [...world.tenants.values()].find((tenant) => tenant.kind === 'root');
  return {
    id: storageInfra,
    owner_tenant_id: root?.id ?? storageInfra,
    location_id: seededUuid('location:sandbox'),
    platform_owned: true,
    name: 'Sandbox storage',
    url: 'acronis+fes://storage.sandbox.invalid:44445',
    capabilities: ['backup'],
    backend_type: null,
    version: 1,
    readonly: false,
  };
}

/** `GET /infra?uuids=…` (vendor `infraBatch`): the infrastructure components asked for that exist. */
export function getInfras(world: World, call: IncomingCall, auth: string | undefined): Reply {
  world.authenticate(auth);
  const wanted = (call.query.get('uuids') ?? '').split(',').filter(Boolean);
  return {status: 200, body: {items: wanted.includes(storageInfra) ? [infraJson(world)] : []}};
}

/** `GET /infra/{id}` (vendor `infra`). */
export function getInfra(world: World, auth: string | undefined, infraId: string): Reply {
  world.authenticate(auth);
  if (infraId !== storageInfra)
    throw new SandboxError(404, 'infra_not_found', `Infrastructure ${infraId} was not found.`);
  return {status: 200, body: infraJson(world)};
}

/** A quota as the document types it: value and overage whole numbers of at least 0, or null; else 400. */
function quotaOf(given: unknown, now: number): Quota | undefined {
  if (given === undefined) return undefined;
  const quota = given as Record<string, unknown> | null;
  const amount = (value: unknown) =>
    value === null || value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);
  if (
    typeof quota !== 'object' ||
    quota === null ||
    Array.isArray(quota) ||
    !amount(quota.value) ||
    !amount(quota.overage)
  ) {
    throw new SandboxError(
      400,
      'invalid_body',
      'quota is {value, overage}: whole numbers of at least 0, or null.',
    );
  }
  const value = (quota.value ?? null) as number | null;
  const overage = (quota.overage ?? null) as number | null;
  // The document: the version is 0 when value and overage are null; else it is the change's time, as versions are.
  return {value, overage, version: value === null && overage === null ? 0 : now};
}
