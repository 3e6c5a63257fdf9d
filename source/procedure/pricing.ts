import type {Pricing} from '../platform/index.js';
import type {TenantRow} from './find-tenant.js';
import type {Session} from './sign-in.js';

/** The chosen tenant's pricing, read from that tenant's own pricing URL (a pricing answer names no tenant). */
export function pricingOf(session: Session, row: TenantRow, signal?: AbortSignal): Promise<Pricing> {
  return session.client.getPricing(row.tenant.id, signal);
}
