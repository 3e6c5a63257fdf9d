// The platform's objects, typed as the vendor's OpenAPI document describes them (only the fields we read).

export type TenantKind = 'root' | 'partner' | 'folder' | 'customer' | 'unit';
export type PricingMode = 'trial' | 'production' | 'suspended';

export interface Tenant {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly kind: TenantKind;
  readonly parent_id: string;
  readonly enabled: boolean;
  readonly customer_type: string;
  readonly pricing_mode: PricingMode;
  readonly production_start_date?: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
  readonly has_children: boolean;
  readonly customer_id?: string | null;
  readonly [field: string]: unknown;
}

/** `GET /tenants/{id}/pricing`: `tenantPricingSettings`. */
export interface Pricing {
  readonly mode: PricingMode;
  readonly currency: string | null;
  /** Trial: when the tenant will switch by itself. Production or suspended: when it was switched. */
  readonly production_start_date: string | null;
  readonly version: number;
  readonly [field: string]: unknown;
}

/** One tenant found by `GET /search` (users are filtered out by the client). */
export interface SearchHit {
  readonly id: string;
  readonly parent_id: string;
  readonly name: string;
  readonly kind?: TenantKind;
  /** Names of the tenants between the search root and the found one. */
  readonly path: readonly string[];
}

/** `GET /clients/{id}`: the API client and the tenant it belongs to. */
export interface ApiClientInfo {
  readonly client_id: string;
  readonly tenant_id: string;
  readonly type: string;
  readonly status: string;
  readonly data?: {readonly client_name?: string};
}

/** An access token as we keep it: the value and when it stops working (epoch milliseconds). */
export interface AccessToken {
  readonly value: string;
  readonly expiresAt: number;
}
