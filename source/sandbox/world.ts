import {addMonths, parsePlatformTime, platformTime} from './dates.js';
import {OAuthError, SandboxError} from './errors.js';
import {randomToken, seededUuid} from './ids.js';
import type {OfferingState, StoredClient, StoredPricing, StoredTenant, StoredUser} from './model.js';

export interface IssuedToken {
  value: string;
  clientId: string;
  expiresAt: number;
}

/** The sandbox's in-memory platform: tenants, their pricing, API clients and tokens, and the platform's rules. */
export class World {
  readonly tenants = new Map<string, StoredTenant>();
  readonly clients = new Map<string, StoredClient>();
  readonly users: StoredUser[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  /** Offering items turned on, by tenant (offering.ts). */
  readonly offering: OfferingState = new Map();
  /** Children by parent id, so that listing and search stay fast with thousands of tenants. */
  readonly #children = new Map<string, StoredTenant[]>();
  readonly #unsorted = new Set<string>();

  /** Told after every change of a tenant (a switch, a trial ending by itself): `--state` writes the world then. */
  onChange: () => void = () => {};

  constructor(
    readonly now: () => number,
    /** Seconds an access token lives; the platform's is two hours. */
    public tokenLifetimeSeconds = 7200,
  ) {}

  // --- auth ---------------------------------------------------------------------------------------------

  issueToken(clientId: string, secret: string): IssuedToken {
    const client = this.clients.get(clientId);
    // A client with no secret (a scoped token's, jwt-bearer) never signs in by itself.
    if (!client || client.secret === '' || client.secret !== secret) {
      throw new OAuthError(401, 'access_denied', 'Invalid client credentials.');
    }
    const expiresAt = this.now() + this.tokenLifetimeSeconds * 1000;
    const value = fakeJwt({sub: clientId, exp: Math.floor(expiresAt / 1000), jti: randomToken(12)});
    const token = {value, clientId, expiresAt};
    this.tokens.set(value, token);
    return token;
  }

  /** A token for a client with no secret of its own (a scoped token, `jwt-bearer`). */
  issueScopedToken(clientId: string): IssuedToken {
    const expiresAt = this.now() + this.tokenLifetimeSeconds * 1000;
    const value = fakeJwt({sub: clientId, exp: Math.floor(expiresAt / 1000), jti: randomToken(12)});
    const token = {value, clientId, expiresAt};
    this.tokens.set(value, token);
    return token;
  }

  /** The API client behind a bearer token; 401 when it is missing, unknown, revoked or expired. */
  authenticate(authorization: string | undefined): StoredClient {
    const value = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    const token = value ? this.tokens.get(value) : undefined;
    if (!token) throw new SandboxError(401, 'unauthorized', 'Access token is missing or invalid.');
    if (token.expiresAt <= this.now()) {
      throw new SandboxError(401, 'token_expired', 'Access token has expired.');
    }
    const client = this.clients.get(token.clientId);
    if (!client) throw new SandboxError(401, 'unauthorized', 'Access token is missing or invalid.');
    return client;
  }

  // --- tenants ------------------------------------------------------------------------------------------

  /** A tenant the client may see: 404 when unknown, 403 when outside the client's subtree. */
  visibleTenant(client: StoredClient, tenantId: string): StoredTenant {
    if (!/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(tenantId)) {
      throw new SandboxError(400, 'invalid_uuid', `"${tenantId}" is not a valid tenant ID.`);
    }
    const tenant = this.tenants.get(tenantId);
    if (!tenant) throw new SandboxError(404, 'tenant_not_found', `Tenant ${tenantId} was not found.`);
    if (!this.isWithin(tenant.id, client.tenant_id)) {
      throw new SandboxError(403, 'access_denied', 'You are not allowed to access this tenant.', tenantId);
    }
    return tenant;
  }

  /** True when `tenantId` is `rootId` or below it. */
  isWithin(tenantId: string, rootId: string): boolean {
    // At most as many steps as there are tenants: parent links that go round (a hand-edited state) end here.
    let steps = this.tenants.size;
    for (
      let current = this.tenants.get(tenantId);
      current && steps >= 0;
      current = this.parentOf(current), steps--
    ) {
      if (current.id === rootId) return true;
    }
    return false;
  }

  parentOf(tenant: StoredTenant): StoredTenant | undefined {
    return tenant.parent_id === tenant.id ? undefined : this.tenants.get(tenant.parent_id);
  }

  /** Sorted by name, then id: a stable order for paging. */
  childrenOf(parentId: string): StoredTenant[] {
    const children = this.#children.get(parentId) ?? [];
    if (this.#unsorted.delete(parentId)) children.sort(byNameThenId);
    return children;
  }

  /** The tenant and everything below it, level by level (as `subtree_root_id` is documented to sort). */
  subtree(rootId: string): StoredTenant[] {
    const out: StoredTenant[] = [];
    let level = [this.tenants.get(rootId)].filter((tenant) => tenant !== undefined);
    while (level.length > 0) {
      out.push(...level);
      level = level.flatMap((tenant) => this.childrenOf(tenant.id));
    }
    return out;
  }

  /** Names from `rootId` (included) down to the tenant's parent: the `path` of a search hit. */
  pathBetween(rootId: string, parentId: string): string[] {
    const names: string[] = [];
    for (let current = this.tenants.get(parentId); current; current = this.parentOf(current)) {
      names.unshift(current.name);
      if (current.id === rootId) break;
    }
    return names;
  }

  // --- pricing ------------------------------------------------------------------------------------------

  /**
   * The pricing as the platform reports it now: a trial whose `production_start_date` has passed has ended by
   * itself and reads as production (the guide: trial auto-ends after one full month).
   */
  pricing(tenant: StoredTenant): StoredPricing {
    const pricing = tenant.pricing;
    if (pricing.mode === 'trial' && pricing.production_start_date) {
      const start = parsePlatformTime(pricing.production_start_date);
      if (start <= this.now()) {
        pricing.mode = 'production';
        pricing.version = this.#nextVersion(pricing.version, start);
        this.#touch(tenant);
      }
    }
    return pricing;
  }

  /**
   * `PUT /tenants/{id}/pricing` after the body was parsed and shaped. The rules are the guide's (customer only,
   * trial → production once, not reversible); the status codes for breaking them are [assumed] in docs/platform-notes.md.
   */
  updatePricing(client: StoredClient, tenant: StoredTenant, change: PricingChange): StoredPricing {
    if (client.role !== 'admin') {
      throw new SandboxError(
        403,
        'forbidden',
        'Changing pricing settings needs the tenant administrator role.',
      );
    }
    if (change.mode !== undefined && tenant.kind !== 'customer') {
      throw new SandboxError(
        400,
        'invalid_tenant_kind',
        'Pricing mode can only be changed for customer tenants.',
      );
    }
    const pricing = this.pricing(tenant);
    if (change.version !== pricing.version) {
      throw new SandboxError(
        409,
        'version_conflict',
        'The pricing settings were changed by someone else.',
        `Sent version ${change.version}, current version is ${pricing.version}. Fetch the settings again.`,
      );
    }
    let changed = false;
    if (change.mode !== undefined && change.mode !== pricing.mode) {
      if (tenant.kind !== 'customer') {
        throw new SandboxError(
          400,
          'invalid_tenant_kind',
          `Pricing mode can only be changed for customer tenants.`,
        );
      }
      if (pricing.mode === 'suspended') {
        throw new SandboxError(
          400,
          'tenant_suspended',
          'The tenant is suspended; its pricing mode cannot be changed.',
        );
      }
      if (pricing.mode === 'production') {
        throw new SandboxError(
          400,
          'mode_change_not_allowed',
          'Switching from production back to trial is not allowed.',
          'A customer tenant can be switched from trial to production only once.',
        );
      }
      if (change.mode !== 'production') {
        throw new SandboxError(400, 'mode_change_not_allowed', `Switching to ${change.mode} is not allowed.`);
      }
      pricing.mode = 'production';
      pricing.production_start_date = platformTime(this.now());
      changed = true;
    }
    if (change.currency !== undefined && change.currency !== pricing.currency) {
      pricing.currency = change.currency;
      changed = true;
    }
    // Writing back what is already there changes nothing and keeps the version [assumed].
    if (changed) {
      pricing.version = this.#nextVersion(pricing.version, this.now());
      this.#touch(tenant);
    }
    return pricing;
  }

  /**
   * Someone else edits the tenant's pricing (a fault rule's `editedFirst`): its currency changes, so its version
   * moves on. An unknown tenant is left to the request's own 404.
   */
  editPricingElsewhere(tenantId: string): void {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) return;
    const pricing = this.pricing(tenant);
    pricing.currency = pricing.currency === 'EUR' ? 'USD' : 'EUR';
    pricing.version = this.#nextVersion(pricing.version, this.now());
    this.#touch(tenant);
  }

  /** Versions are epoch milliseconds of the last change, as in the vendor's examples, and only ever grow. */
  #nextVersion(previous: number, at: number): number {
    return Math.max(previous + 1, at);
  }

  #touch(tenant: StoredTenant): void {
    tenant.version += 1;
    tenant.updated_at = platformTime(this.now());
    this.onChange();
  }

  /**
   * Tenants as an earlier run left them (`--state`): each replaces the seeded one of its id in place (so that every
   * index keeps it), and one the seed does not have is added under its parent.
   */
  restore(tenants: readonly StoredTenant[]): void {
    // A seeded tenant the file does not have was deleted: it stays deleted.
    const kept = new Set(tenants.map((tenant) => tenant.id));
    for (const seeded of [...this.tenants.values()]) if (!kept.has(seeded.id)) this.removeTenant(seeded);
    for (const tenant of tenants) {
      const known = this.tenants.get(tenant.id);
      if (known) {
        Object.assign(known, tenant);
        continue;
      }
      this.tenants.set(tenant.id, tenant);
      if (tenant.parent_id !== tenant.id) {
        const siblings = this.#children.get(tenant.parent_id) ?? [];
        siblings.push(tenant);
        this.#children.set(tenant.parent_id, siblings);
        this.#unsorted.add(tenant.parent_id);
      }
    }
  }

  /** Removes a tenant that has no tenants below it (DELETE /tenants/{id}). */
  removeTenant(tenant: StoredTenant): void {
    this.tenants.delete(tenant.id);
    // Its API clients and users go with it (their tokens stop working; their logins are free again).
    for (const [id, client] of this.clients) if (client.tenant_id === tenant.id) this.clients.delete(id);
    for (let index = this.users.length - 1; index >= 0; index--) {
      if (this.users[index]?.tenant_id === tenant.id) this.users.splice(index, 1);
    }
    const siblings = this.#children.get(tenant.parent_id);
    if (siblings) {
      this.#children.set(
        tenant.parent_id,
        siblings.filter((sibling) => sibling.id !== tenant.id),
      );
    }
  }

  /** An id token for a client's sign-in: a JWT naming the client and its tenant. */
  idToken(clientId: string, expiresAt: number): string {
    return fakeJwt({
      sub: clientId,
      tenant_id: this.clients.get(clientId)?.tenant_id ?? null,
      iat: Math.floor(this.now() / 1000),
      exp: Math.floor(expiresAt / 1000),
    });
  }

  // --- seeding helpers ----------------------------------------------------------------------------------

  addTenant(spec: TenantSpec): StoredTenant {
    const id = spec.id ?? seededUuid(spec.key ?? spec.name);
    const createdAt = spec.createdAt ?? this.now();
    const mode = spec.mode ?? (spec.kind === 'customer' ? 'trial' : 'production');
    const switchedAt = spec.switchedAt ?? createdAt;
    const [firstname = spec.name, lastname = ''] = spec.contact
      ? [spec.contact.firstname, spec.contact.lastname]
      : (spec.contactName ?? '').split(' ');
    const tenant: StoredTenant = {
      id,
      parent_id: spec.parentId ?? id,
      name: spec.name,
      kind: spec.kind,
      customer_id: spec.customerId ?? null,
      created_at: platformTime(createdAt),
      updated_at: platformTime(Math.max(createdAt, switchedAt)),
      version: 1,
      contact: {firstname, lastname, email: spec.email ?? `${id.slice(0, 8)}@example.com`},
      pricing: {
        mode,
        currency: spec.currency ?? null,
        production_start_date:
          mode === 'trial'
            ? platformTime(spec.trialEndsAt ?? addMonths(createdAt, 1))
            : spec.kind === 'customer'
              ? platformTime(switchedAt)
              : null,
        version: Math.max(createdAt, switchedAt),
      },
    };
    this.tenants.set(id, tenant);
    if (tenant.parent_id !== id) {
      const siblings = this.#children.get(tenant.parent_id) ?? [];
      siblings.push(tenant);
      this.#children.set(tenant.parent_id, siblings);
      this.#unsorted.add(tenant.parent_id);
    }
    return tenant;
  }
}

export interface PricingChange {
  version: number;
  mode?: 'trial' | 'production' | 'suspended';
  currency?: string | null;
}

export interface TenantSpec {
  name: string;
  kind: StoredTenant['kind'];
  parentId?: string;
  /** Seeds the UUID instead of the name (for tenants of the same name). */
  key?: string;
  id?: string;
  mode?: StoredPricing['mode'];
  createdAt?: number;
  /** When a production or suspended customer was switched. */
  switchedAt?: number;
  /** When a trial ends by itself, if not one month after its creation (an extended trial). */
  trialEndsAt?: number;
  currency?: string | null;
  customerId?: string;
  contactName?: string;
  /** The contact's names as given (POST /tenants), never split at a space. */
  contact?: {readonly firstname: string; readonly lastname: string};
  email?: string;
}

function byNameThenId(a: StoredTenant, b: StoredTenant): number {
  return a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
}

function fakeJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({alg: 'RS256', typ: 'JWT'})}.${part(payload)}.${randomToken(32)}`;
}
