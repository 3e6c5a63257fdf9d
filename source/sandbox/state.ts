// `tenant-mode sandbox --state FILE` (docs/sandbox.md): the world a trainer's morning left — tenants switched, their
// versions and modes — kept for the afternoon. The seed is the same on every run (its UUIDs are derived from
// names); the file holds the tenants as they are now, written after every change and when the sandbox stops.
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import type {StoredTenant} from './model.js';
import type {World} from './world.js';

const format = 'tenant-mode sandbox state 1';

export class StateFileError extends Error {
  constructor(path: string, why: string) {
    super(`The sandbox state file ${path} cannot be used: ${why}.`);
    this.name = 'StateFileError';
  }
}

/** The tenants an earlier run wrote, or none when the file does not exist yet. */
export function readState(path: string): StoredTenant[] | undefined {
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
  if (!tenants.every(isStoredTenant))
    throw new StateFileError(path, 'a tenant in it has fields of other types');
  return tenants as StoredTenant[];
}

/** Writes the world's tenants, whole or not at all (a new file renamed over the old one). */
export function writeState(world: World, path: string): void {
  const text = `${JSON.stringify({format, tenants: [...world.tenants.values()]}, null, 1)}\n`;
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
    typeof tenant.kind === 'string' &&
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
