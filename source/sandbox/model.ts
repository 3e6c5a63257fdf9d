import type {PricingMode, TenantKind} from './types.js';

export interface StoredPricing {
  mode: PricingMode;
  currency: string | null;
  production_start_date: string | null;
  version: number;
}

export interface StoredTenant {
  id: string;
  parent_id: string;
  name: string;
  kind: TenantKind;
  customer_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  contact: {firstname: string; lastname: string; email: string};
  pricing: StoredPricing;
  /** Set at creation (POST /tenants); absent: enabled, unless suspended. */
  enabled?: boolean;
  /** Set at creation; absent: `en`. */
  language?: string;
}

export interface StoredClient {
  client_id: string;
  secret: string;
  tenant_id: string;
  name: string;
  /** `admin` may switch; `viewer` may only read (PUT pricing needs tenant admin, docs/platform-notes.md §4). */
  role: 'admin' | 'viewer';
  created_at: string;
}

export interface StoredUser {
  id: string;
  tenant_id: string;
  login: string;
  first_name: string;
  last_name: string;
  email: string;
  created_at: string;
}

export interface OfferingQuota {
  value: number | null;
  overage: number | null;
  version: number;
}

/** What offering items are on for each tenant: tenant id → item name → status and quota (absent: off). */
export type OfferingState = Map<string, Map<string, {status: 0 | 1; quota?: OfferingQuota}>>;
