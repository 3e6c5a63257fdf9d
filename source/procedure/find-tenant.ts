import type {PlatformClient, SearchHit, Tenant} from '../platform/index.js';
import {isUuid, printable} from '../text/index.js';
import {confirmsName, searchKey} from './fold.js';
import {whyNotSwitchable} from './reading.js';
import {ownName, type Session} from './sign-in.js';

/**
 * What every tenant row knows: its id, name, kind and parent. A row from a listing or a tenant read has all of a
 * tenant's fields; one from a search hit (a script's `switch NAME`: one request less) only these.
 */
export type TenantBrief = Pick<Tenant, 'id' | 'name' | 'kind' | 'parent_id'> &
  Partial<Omit<Tenant, 'id' | 'name' | 'kind' | 'parent_id'>>;

/** A tenant and where it sits: names from the signed-in tenant down to its parent (as search paths are). */
export interface TenantRow {
  readonly tenant: TenantBrief;
  readonly path: readonly string[];
}

/** The platform's search answers at most this many hits in one request; we ask for that many. */
export const searchLimit = 50;

/** The longest tenant name the platform accepts (docs/platform-notes.md §4: `name` is at most 255 characters). */
const maxNameLength = 255;

/** What the operator typed to find a tenant. */
export type TenantQuery =
  /** Nothing: look through the tenants under the operator's own. */
  | {readonly kind: 'browse'}
  | {readonly kind: 'uuid'; readonly id: string}
  | {readonly kind: 'name'; readonly text: string};

/** A query or a choice that leads nowhere, in the operator's words; `usage` when the input itself is wrong. */
export class TenantNotFound extends Error {
  override readonly name = 'TenantNotFound';
  constructor(
    message: string,
    readonly reason: 'invalid' | 'not-found' | 'ambiguous' | 'not-switchable' | 'empty',
    readonly candidates: readonly TenantRow[] = [],
  ) {
    super(message);
  }
}

/** Reads a typed query: a UUID (any case), a name, or nothing. Refuses a broken UUID and an over-long name. */
export function parseTenantQuery(query: string): TenantQuery {
  const text = query.trim();
  if (text === '') return {kind: 'browse'};
  if (isUuid(text.toLowerCase())) return {kind: 'uuid', id: text.toLowerCase()};
  if (/^[0-9a-f]{8}-/i.test(text)) {
    throw new TenantNotFound(
      `"${text}" looks like a UUID but is not one (8-4-4-4-12 hex digits).`,
      'invalid',
    );
  }
  if (text.length > maxNameLength) {
    throw new TenantNotFound(
      `A tenant name is at most ${maxNameLength} characters (got ${text.length}).`,
      'invalid',
    );
  }
  return {kind: 'name', text};
}

/** One tenant by its UUID, with its path below the operator's tenant. */
export async function tenantById(session: Session, id: string, signal?: AbortSignal): Promise<TenantRow> {
  const tenant = await session.client.getTenant(id, signal);
  return {tenant, path: await pathOf(session.client, tenant, session.ownId, signal)};
}

/**
 * Search hits with their full tenant (kind, mode) read in one more request; when none is named exactly as typed,
 * also the tenants whose names match once accents, case and surrounding spaces are set aside (`foldedMatches`).
 * Exact names first, then customers, then by name.
 */
export async function searchByName(
  session: Session,
  text: string,
  signal?: AbortSignal,
): Promise<TenantRow[]> {
  const found = await platformSearch(session, text, signal);
  if (found.some((row) => confirmsName(text, row.tenant.name))) return found;
  const seen = new Set(found.map((row) => row.tenant.id));
  const folded = (await foldedMatches(session, text, signal)).filter((row) => !seen.has(row.tenant.id));
  const wanted = searchKey(text);
  const rank = (row: TenantRow) =>
    (searchKey(row.tenant.name) === wanted ? 0 : 2) + (row.tenant.kind === 'customer' ? 0 : 1);
  return [...found, ...folded]
    .sort((a, b) => rank(a) - rank(b) || a.tenant.name.localeCompare(b.tenant.name))
    .slice(0, searchLimit);
}

/** The platform's own search (which, we assume, does not fold accents), each hit read whole. */
async function platformSearch(session: Session, text: string, signal?: AbortSignal): Promise<TenantRow[]> {
  const {client, ownId} = session;
  const hits = await client.searchTenants(text, {startTenantId: ownId, limit: searchLimit, signal});
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

/** The subtree's tenants, few fields each, with their search keys: listed once per session, when first needed. */
const subtrees = new WeakMap<Session, Promise<Array<TenantRow & {readonly key: string}>>>();

/**
 * The tenants below the operator's whose names contain `text` once both are folded (accents, case, spaces), for a
 * search the platform answered without them ("muller" for "Müller Bäckerei GmbH"). The subtree is listed once per
 * session (10,000 tenants: about a second) and kept, a few fields a tenant.
 */
export async function foldedMatches(
  session: Session,
  text: string,
  signal?: AbortSignal,
): Promise<TenantRow[]> {
  let listing = subtrees.get(session);
  if (!listing) {
    listing = listSubtreeBriefly(session, signal);
    listing.catch(() => subtrees.delete(session));
    subtrees.set(session, listing);
  }
  const wanted = searchKey(text);
  if (wanted === '') return [];
  return (await listing).filter((row) => row.key.includes(wanted) && row.tenant.id !== session.ownId);
}

async function listSubtreeBriefly(session: Session, signal?: AbortSignal) {
  const names = new Map<string, {name: string; parent: string}>();
  const tenants: TenantBrief[] = [];
  for await (const page of session.client.pages('subtree_root_id', session.ownId, {pageSize: 1000, signal})) {
    for (const tenant of page) {
      const {id, name, kind, parent_id, pricing_mode, has_children, production_start_date} = tenant;
      names.set(id, {name, parent: parent_id});
      tenants.push({id, name, kind, parent_id, pricing_mode, has_children, production_start_date});
    }
  }
  const pathTo = (id: string, depth = 0): string[] => {
    const node = names.get(id);
    if (!node) return [];
    if (id === session.ownId || node.parent === id || depth > 64) return [node.name];
    return [...pathTo(node.parent, depth + 1), node.name];
  };
  return tenants.map((tenant) => ({tenant, path: pathTo(tenant.parent_id), key: searchKey(tenant.name)}));
}

/** The tenants directly under `parent`, each with its path. */
export async function childrenOf(
  session: Session,
  parent: Pick<Tenant, 'id' | 'name'>,
  path: readonly string[],
  signal?: AbortSignal,
): Promise<TenantRow[]> {
  const children = await session.client.listChildren(parent.id, {signal});
  // By name (the platform's order is its own); one comparison key a row, folded as the search folds.
  const keyed = children.map((tenant) => ({key: `${searchKey(tenant.name)}\u0000${tenant.id}`, tenant}));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({tenant}) => ({tenant, path: [...path, parent.name]}));
}

/** The rows whose whole name is `text`, as written (Unicode-normalised, surrounding spaces aside). */
export function namedExactly(rows: readonly TenantRow[], text: string): TenantRow[] {
  const wanted = text.normalize('NFC').trim();
  return rows.filter((row) => row.tenant.name.normalize('NFC').trim() === wanted);
}

/**
 * A name or UUID to exactly one tenant, for scripts: a UUID is read directly; a name must match one tenant's whole
 * name — as written, else once accents, case and surrounding spaces are set aside (`exactOnly`: not even then,
 * for `switch --yes`, where nobody reads the name before the PUT). Several matches, or none, are a TenantNotFound
 * listing candidates with their UUIDs, never a guess.
 */
export async function resolveTenant(
  session: Session,
  query: string,
  signal?: AbortSignal,
  {exactOnly = false}: {readonly exactOnly?: boolean} = {},
): Promise<TenantRow> {
  const parsed = parseTenantQuery(query);
  if (parsed.kind === 'browse') throw new TenantNotFound('Give a tenant name or UUID.', 'empty');
  if (parsed.kind === 'uuid') return tenantById(session, parsed.id, signal);
  const hits = await session.client.searchTenants(parsed.text, {
    startTenantId: session.ownId,
    limit: searchLimit,
    signal,
  });
  // The search answer names each hit's kind: enough to go on without reading the tenants again. Where the
  // platform leaves it out, they are read (`GET /tenants?uuids=`).
  const rows = hits.every((hit) => hit.kind !== undefined)
    ? hits.map(rowFromHit)
    : await platformSearch(session, parsed.text, signal);
  const exact = namedExactly(rows, parsed.text);
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) throw ambiguous(parsed.text, exact);

  const wanted = searchKey(parsed.text);
  const seen = new Set(rows.map((row) => row.tenant.id));
  const folded = [
    ...rows,
    ...(await foldedMatches(session, parsed.text, signal)).filter((row) => !seen.has(row.tenant.id)),
  ];
  const alike = folded.filter((row) => searchKey(row.tenant.name) === wanted);
  if (alike.length > 1) throw ambiguous(parsed.text, alike);
  const [only] = alike;
  if (only && exactOnly) {
    throw new TenantNotFound(
      `No tenant is named exactly "${parsed.text}". "${printable(only.tenant.name)}" (${only.tenant.id}) matches once accents, case and spaces are set aside: give its exact name, or its UUID, with --yes.`,
      'not-found',
      [only],
    );
  }
  if (only) return only;
  const near = folded.slice(0, 5);
  throw new TenantNotFound(
    `No tenant is named "${parsed.text}" under ${printable(await ownName(session, signal))}.${near.length > 0 ? ` Similar names:\n${near.map(candidateLine).join('\n')}` : ''}`,
    'not-found',
    near,
  );
}

function ambiguous(text: string, rows: readonly TenantRow[]): TenantNotFound {
  return new TenantNotFound(
    `${rows.length} tenants are named "${text}"; give the UUID of the one you mean:\n${rows.map(candidateLine).join('\n')}`,
    'ambiguous',
    rows,
  );
}

/** A row from a search hit that names its kind (the caller made sure it does). */
function rowFromHit(hit: SearchHit): TenantRow {
  const {id, name, kind, parent_id, path} = hit;
  if (kind === undefined) throw new Error(`search hit ${id} has no kind`);
  return {tenant: {id, name, kind, parent_id}, path};
}

function candidateLine(row: TenantRow): string {
  return `  ${row.tenant.id}  ${printable(row.tenant.name)} (${row.tenant.kind}) in ${row.path.map(printable).join(' / ') || '(top)'}`;
}

/** What the wizard shows after a query or a choice: a list to choose from, or the customer tenant chosen. */
export type Lookup =
  | {readonly kind: 'list'; readonly rows: readonly TenantRow[]; readonly title: string}
  | {readonly kind: 'customer'; readonly row: TenantRow};

/**
 * The wizard's step 2: nothing lists the tenants under the operator's own; a UUID goes to that tenant; any other
 * text is searched. Throws TenantNotFound (said as it is) or a PlatformError (`lookupFailureText`).
 */
export async function lookUp(session: Session, query: string, signal?: AbortSignal): Promise<Lookup> {
  const parsed = parseTenantQuery(query);
  switch (parsed.kind) {
    case 'browse':
      return listUnder(session, {id: session.ownId, name: await ownName(session, signal)}, [], signal);
    case 'uuid': {
      const row = await tenantById(session, parsed.id, signal);
      if (row.tenant.kind !== 'customer' && !row.tenant.has_children) {
        throw new TenantNotFound(
          `${printable(row.tenant.name)}: ${whyNotSwitchable(row.tenant)}`,
          'not-switchable',
        );
      }
      return choose(session, row, signal);
    }
    case 'name': {
      const rows = await searchByName(session, parsed.text, signal);
      if (rows.length === 0) {
        throw new TenantNotFound(
          `No tenant matches "${parsed.text}" under ${printable(await ownName(session, signal))}.`,
          'not-found',
        );
      }
      const narrow =
        rows.length >= searchLimit ? ` (the first ${searchLimit}: type more of the name to narrow)` : '';
      const matches = rows.length === 1 ? 'tenant matches' : 'tenants match';
      return {kind: 'list', rows, title: `${rows.length} ${matches} "${parsed.text}"${narrow}:`};
    }
  }
}

/** Enter on a listed tenant: a customer is chosen; a folder (or partner) opens; anything else is refused. */
export async function choose(session: Session, row: TenantRow, signal?: AbortSignal): Promise<Lookup> {
  if (row.tenant.kind === 'customer') return {kind: 'customer', row};
  if (row.tenant.has_children && row.tenant.kind !== 'unit') {
    return listUnder(session, row.tenant, row.path, signal);
  }
  throw new TenantNotFound(whyNotSwitchable(row.tenant) ?? 'Not a customer tenant.', 'not-switchable');
}

async function listUnder(
  session: Session,
  parent: Pick<Tenant, 'id' | 'name'>,
  path: readonly string[],
  signal?: AbortSignal,
): Promise<Lookup> {
  const name = printable(parent.name);
  const rows = await childrenOf(session, parent, path, signal);
  if (rows.length === 0) throw new TenantNotFound(`There are no tenants under ${name}.`, 'empty');
  return {kind: 'list', rows, title: `Tenants under ${name} (${rows.length}):`};
}

/** What the wizard says while a query is answered. */
export function lookupBusyText(query: string, ownName: string): string {
  const parsed = (() => {
    try {
      return parseTenantQuery(query);
    } catch {
      return undefined;
    }
  })();
  if (parsed?.kind === 'uuid') return `Reading tenant ${parsed.id}…`;
  if (parsed?.kind === 'name') return `Searching for "${parsed.text}"…`;
  if (parsed === undefined) return 'Searching…';
  return `Reading the tenants under ${printable(ownName)}…`;
}

/** Names from `rootId` down to the tenant's parent, read upwards one tenant at a time (at most 10 levels). */
async function pathOf(
  client: PlatformClient,
  tenant: TenantBrief,
  rootId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const names: string[] = [];
  let parentId = tenant.id === rootId ? undefined : tenant.parent_id;
  for (let depth = 0; parentId && depth < 10; depth++) {
    // The platform's own parent_id (a text in the vendor's schema) is never sent back unless it is a UUID: the
    // path is then known only up to there, and says so with a leading "…" — never "correct the value" (exit 2)
    // for a value the operator did not type.
    if (!isUuid(parentId)) {
      names.unshift('…');
      break;
    }
    const parent = await client.getTenant(parentId, signal);
    names.unshift(parent.name);
    parentId = parent.id === rootId || parent.parent_id === parent.id ? undefined : parent.parent_id;
  }
  return names;
}
