import {
  findTenants,
  isUuid,
  type PlatformClient,
  pathOf,
  printable,
  searchLimit,
  type Tenant,
  type TenantRow,
  whyNotSwitchable,
} from '../platform/index.js';
import {describeLookupFailure} from './failures.js';
import type {Account, WizardEvent} from './state.js';

/** What the step-2 requests need: the signed-in client and account, where to report, and when to stop. */
export interface LookupContext {
  readonly platform: PlatformClient;
  readonly account: Account;
  readonly dispatch: (event: WizardEvent) => void;
  readonly signal: AbortSignal;
  /** Called before the pricing is read: from then on the calls belong to step 3. */
  readonly pricingCallsBegin: () => void;
}

/**
 * Enter in the tenant field: nothing lists the tenants under the signed-in one; a UUID goes straight to the
 * tenant; any other text is searched. Answers that arrive after the operator moved on (signal aborted) are dropped.
 */
export async function lookUpTenant(context: LookupContext, query: string): Promise<void> {
  const {platform, account, dispatch, signal} = context;
  const text = query.trim();
  await reportingFailures(context, async () => {
    if (text === '') return browse(context, {id: account.tenantId, name: account.tenantName}, []);
    if (isUuid(text.toLowerCase())) {
      const id = text.toLowerCase();
      dispatch({type: 'LOOKUP_STARTED', query, busy: `Reading tenant ${id}…`});
      const tenant = await platform.getTenant(id, signal);
      const reason = tenant.kind === 'customer' ? undefined : whyNotSwitchable(tenant);
      if (reason && !tenant.has_children) {
        return dispatch({type: 'LOOKUP_FAILED', error: `${printable(tenant.name)}: ${reason}`});
      }
      return choose(context, {tenant, path: await pathOf(platform, tenant, account.tenantId, signal)}, query);
    }
    if (/^[0-9a-f]{8}-/i.test(text)) {
      return dispatch({
        type: 'LOOKUP_FAILED',
        error: `"${text}" looks like a UUID but is not one (8-4-4-4-12 hex digits).`,
      });
    }
    dispatch({type: 'LOOKUP_STARTED', query, busy: `Searching for "${text}"…`});
    const rows = await findTenants(platform, text, account.tenantId, signal);
    if (signal.aborted) return;
    if (rows.length === 0) {
      return dispatch({
        type: 'LOOKUP_FAILED',
        error: `No tenant matches "${text}" under ${printable(account.tenantName)}.`,
      });
    }
    const narrow =
      rows.length >= searchLimit ? ` (the first ${searchLimit}: type more of the name to narrow)` : '';
    const matches = rows.length === 1 ? 'tenant matches' : 'tenants match';
    dispatch({type: 'LOOKUP_FOUND', rows, listTitle: `${rows.length} ${matches} "${text}"${narrow}:`});
  });
}

/** Enter on a listed tenant: a customer's pricing is read; a folder opens; anything else is refused with why. */
export async function chooseTenantRow(context: LookupContext, row: TenantRow, query: string): Promise<void> {
  await reportingFailures(context, () => choose(context, row, query));
}

async function choose(context: LookupContext, row: TenantRow, query: string): Promise<void> {
  const {platform, dispatch, signal} = context;
  if (row.tenant.kind !== 'customer') {
    if (row.tenant.has_children && row.tenant.kind !== 'unit') return browse(context, row.tenant, row.path);
    return dispatch({
      type: 'CHOICE_REFUSED',
      error: whyNotSwitchable(row.tenant) ?? 'Not a customer tenant.',
    });
  }
  dispatch({type: 'LOOKUP_STARTED', query, busy: `Reading the pricing of ${printable(row.tenant.name)}…`});
  context.pricingCallsBegin();
  const pricing = await platform.getPricing(row.tenant.id, signal);
  if (!signal.aborted) dispatch({type: 'PRICING_LOADED', row, pricing});
}

async function browse(
  context: LookupContext,
  parent: Pick<Tenant, 'id' | 'name'>,
  path: readonly string[],
): Promise<void> {
  const {platform, dispatch, signal} = context;
  const name = printable(parent.name);
  dispatch({type: 'LOOKUP_STARTED', query: '', busy: `Reading the tenants under ${name}…`});
  const children = await platform.listChildren(parent.id, {signal});
  if (signal.aborted) return;
  if (children.length === 0)
    return dispatch({type: 'LOOKUP_FAILED', error: `There are no tenants under ${name}.`});
  const rows = children.map((tenant) => ({tenant, path: [...path, parent.name]}));
  dispatch({type: 'LOOKUP_FOUND', rows, listTitle: `Tenants under ${name} (${rows.length}):`});
}

async function reportingFailures(context: LookupContext, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!context.signal.aborted) {
      context.dispatch({
        type: 'LOOKUP_FAILED',
        error: describeLookupFailure(error, context.account.tenantName),
      });
    }
  }
}
