// `tenant-mode sandbox --state FILE` (docs/sandbox.md): the world a trainer's morning left — tenants created and
// switched, their versions and modes, users, API clients, offering items — kept for the afternoon. The seed is the
// same on every run (its UUIDs are derived from names); the file holds the world as it is now, written after every
// change and when the sandbox stops.
import {closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import type {OfferingState, StoredClient, StoredTenant, StoredUser} from './model.js';
import type {World} from './world.js';

const format = 'tenant-mode sandbox state 1';

export class StateFileError extends Error {
  constructor(path: string, why: string) {
    super(`The sandbox state file ${path} cannot be used: ${why}.`);
    this.name = 'StateFileError';
  }
}

/** What a state file keeps: the tenants, the users, the API clients and the offering items turned on. */
export interface SavedWorld {
  readonly tenants: StoredTenant[];
  readonly users: StoredUser[];
  readonly clients: StoredClient[];
  readonly offering: Record<string, Record<string, {status: 0 | 1; quota?: unknown}>>;
}

/** The world an earlier run wrote, or none when the file does not exist yet. */
export function readState(path: string): SavedWorld | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StateFileError(path, error instanceof SyntaxError ? 'it is not valid JSON' : String(error));
  }
  const state = value as {format?: unknown; tenants?: unknown};
  if (state?.format !== format || !Array.isArray(state.tenants)) {
    throw new StateFileError(path, `it is not a state file of this sandbox (no "format": "${format}")`);
  }
  const tenants = state.tenants as unknown[];
  if (!tenants.every(isStoredTenant)) {
    throw new StateFileError(path, 'a tenant in it has fields of other types');
  }
  const whole = value as Partial<SavedWorld>;
  const list = <T>(items: unknown, check: (item: unknown) => boolean, what: string): T[] => {
    if (items === undefined) return [];
    if (!Array.isArray(items) || !items.every(check)) {
      throw new StateFileError(path, `its ${what} have fields of other types`);
    }
    return items as T[];
  };
  const offering = whole.offering ?? {};
  if (typeof offering !== 'object' || offering === null || Array.isArray(offering)) {
    throw new StateFileError(path, 'its offering items are no object');
  }
  const ownedBy = (item: unknown, id: 'id' | 'client_id', texts: readonly string[]) => {
    const record = item as Record<string, unknown> | null;
    return typeof record?.[id] === 'string' && texts.every((field) => typeof record[field] === 'string');
  };
  // Every tenant's parent is in the file (or itself: the root), and following parents reaches the root.
  const byId = new Map((tenants as StoredTenant[]).map((tenant) => [tenant.id, tenant]));
  for (const tenant of tenants as StoredTenant[]) {
    let current: StoredTenant | undefined = tenant;
    for (let steps = 0; current && current.parent_id !== current.id; steps++) {
      if (steps > byId.size) throw new StateFileError(path, `the parents of ${tenant.id} go round`);
      current = byId.get(current.parent_id);
    }
    if (!current) throw new StateFileError(path, `the parent of a tenant below ${tenant.id} is not in it`);
  }
  return {
    tenants: tenants as StoredTenant[],
    users: list<StoredUser>(
      whole.users,
      (user) => ownedBy(user, 'id', ['tenant_id', 'login', 'first_name', 'last_name', 'email', 'created_at']),
      'users',
    ),
    clients: list<StoredClient>(
      whole.clients,
      (client) =>
        ownedBy(client, 'client_id', ['tenant_id', 'secret', 'name', 'created_at']) &&
        ['admin', 'viewer'].includes((client as StoredClient).role),
      'clients',
    ),
    offering,
  };
}

/** What is put back besides the tenants (World.restore): users, API clients, offering items. */
export function restoreRest(world: World, saved: SavedWorld): void {
  world.users.splice(0, world.users.length, ...saved.users);
  for (const client of saved.clients) world.clients.set(client.client_id, client);
  for (const [tenantId, items] of Object.entries(saved.offering)) {
    world.offering.set(tenantId, new Map(Object.entries(items)) as ReturnType<OfferingState['get']> & {});
  }
}

/** Writes the world, whole or not at all (a new file renamed over the old one). */
export function writeState(world: World, path: string): void {
  const offering = Object.fromEntries(
    [...world.offering].map(([tenantId, items]) => [tenantId, Object.fromEntries(items)]),
  );
  const text = `${JSON.stringify(
    {
      format,
      tenants: [...world.tenants.values()],
      users: world.users,
      clients: [...world.clients.values()],
      offering,
    },
    null,
    1,
  )}\n`;
  const next = `${path}.next`;
  writeFileSync(next, text, {mode: 0o600});
  renameSync(next, path);
}

function isStoredTenant(value: unknown): value is StoredTenant {
  const tenant = value as Partial<StoredTenant> | null;
  const pricing = tenant?.pricing;
  return (
    typeof tenant?.id === 'string' &&
    typeof tenant.parent_id === 'string' &&
    typeof tenant.name === 'string' &&
    ['root', 'partner', 'folder', 'customer', 'unit'].includes(tenant.kind as string) &&
    typeof tenant.version === 'number' &&
    typeof tenant.created_at === 'string' &&
    typeof tenant.updated_at === 'string' &&
    typeof tenant.contact === 'object' &&
    tenant.contact !== null &&
    typeof pricing === 'object' &&
    pricing !== null &&
    ['trial', 'production', 'suspended'].includes(pricing.mode as string) &&
    typeof pricing.version === 'number'
  );
}

/**
 * One sandbox a state file: two that wrote the same file would each overwrite the other's changes. The lock is a
 * file beside it naming the sandbox's process; one left by a process that is gone is taken over. Returns its release.
 */
export function lockState(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = openSync(lock, 'wx', 0o600);
      writeFileSync(handle, `${process.pid}\n`);
      closeSync(handle);
      return () => rmSync(lock, {force: true});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StateFileError(path, String(error));
      const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isSafeInteger(holder) && holder > 0 && alive(holder)) {
        throw new StateFileError(path, `another sandbox (process ${holder}) uses it; stop that one first`);
      }
      rmSync(lock, {force: true});
    }
  }
  throw new StateFileError(path, `its lock ${lock} cannot be taken`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
