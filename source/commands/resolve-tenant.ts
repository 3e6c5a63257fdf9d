import {findTenants, isUuid, PlatformError, pathOf, printable, type TenantRow} from '../platform/index.js';
import {CommandError, exitCodes} from './output.js';
import type {Session} from './session.js';

const candidateJson = (row: TenantRow) => ({
  id: row.tenant.id,
  name: row.tenant.name,
  kind: row.tenant.kind,
  path: row.path,
});

const candidateLine = (row: TenantRow) =>
  `  ${row.tenant.id}  ${printable(row.tenant.name)} (${row.tenant.kind}) in ${row.path.map(printable).join(' / ') || '(top)'}`;

/**
 * A name or UUID to exactly one tenant. A UUID is read directly; a name must match one tenant's whole name
 * (exactly, else ignoring case). Several matches are an error listing them with their UUIDs, never a guess.
 */
export async function resolveTenant(
  session: Session,
  query: string,
  signal?: AbortSignal,
): Promise<TenantRow> {
  const text = query.trim();
  if (text === '') throw new CommandError('Give a tenant name or UUID.', exitCodes.usage);
  if (text.length > 255) {
    throw new CommandError(`A tenant name is at most 255 characters (got ${text.length}).`, exitCodes.usage);
  }
  const {client, own} = session;
  if (isUuid(text.toLowerCase())) {
    const tenant = await client.getTenant(text.toLowerCase(), signal);
    return {tenant, path: await pathOf(client, tenant, own.id, signal)};
  }
  if (/^[0-9a-f]{8}-/i.test(text)) {
    throw new PlatformError(
      'invalid-input',
      `"${text}" looks like a UUID but is not one (8-4-4-4-12 hex digits).`,
    );
  }
  const rows = await findTenants(client, text, own.id, signal);
  let exact = rows.filter((row) => row.tenant.name === text);
  if (exact.length === 0)
    exact = rows.filter((row) => row.tenant.name.toLocaleLowerCase() === text.toLocaleLowerCase());
  const [only] = exact;
  if (only && exact.length === 1) return only;
  if (exact.length > 1) {
    throw new CommandError(
      `${exact.length} tenants are named "${text}"; give the UUID of the one you mean:\n${exact.map(candidateLine).join('\n')}`,
      exitCodes.usage,
      {reason: 'ambiguous', candidates: exact.map(candidateJson)},
    );
  }
  const near = rows.slice(0, 5);
  throw new CommandError(
    `No tenant is named "${text}" under ${printable(own.name)}.${near.length > 0 ? ` Similar names:\n${near.map(candidateLine).join('\n')}` : ''}`,
    exitCodes.usage,
    {reason: 'not-found', candidates: near.map(candidateJson)},
  );
}
