import type {PlatformClient} from './client.js';
import type {Tenant} from './types.js';

/** A tenant and where it sits: names from the signed-in tenant down to its parent (as search paths are). */
export interface TenantRow {
  readonly tenant: Tenant;
  readonly path: readonly string[];
}

export const searchLimit = 50;

/**
 * Search hits with their full tenant (kind, mode) read in one more request; exact names first (case-insensitive),
 * then customers, then by name.
 */
export async function findTenants(
  client: PlatformClient,
  text: string,
  rootId: string,
  signal?: AbortSignal,
): Promise<TenantRow[]> {
  const hits = await client.searchTenants(text, {startTenantId: rootId, limit: searchLimit, signal});
  if (hits.length === 0) return [];
  const tenants = new Map(
    (
      await client.getTenants(
        hits.map((hit) => hit.id),
        signal,
      )
    ).map((tenant) => [tenant.id, tenant]),
  );
  const wanted = text.trim().toLocaleLowerCase();
  const rank = (row: TenantRow) =>
    (row.tenant.name.toLocaleLowerCase() === wanted ? 0 : 2) + (row.tenant.kind === 'customer' ? 0 : 1);
  return hits
    .flatMap((hit) => {
      const tenant = tenants.get(hit.id);
      return tenant ? [{tenant, path: hit.path}] : [];
    })
    .sort((a, b) => rank(a) - rank(b) || a.tenant.name.localeCompare(b.tenant.name));
}

/** Names from `rootId` down to the tenant's parent, read upwards one tenant at a time (at most 10 levels). */
export async function pathOf(
  client: PlatformClient,
  tenant: Tenant,
  rootId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const names: string[] = [];
  let parentId = tenant.id === rootId ? undefined : tenant.parent_id;
  for (let depth = 0; parentId && depth < 10; depth++) {
    const parent = await client.getTenant(parentId, signal);
    names.unshift(parent.name);
    parentId = parent.id === rootId || parent.parent_id === parent.id ? undefined : parent.parent_id;
  }
  return names;
}
