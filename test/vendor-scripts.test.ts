// The call sequences of the vendor's public example scripts (acronis/acronis-cyber-platform-python-examples,
// tenants/*.py, and the bash examples' token script), replayed against the sandbox as those scripts send them —
// written here from their requests, in our own code — with every answer checked against the vendor's schemas.
import {describe, expect, it} from 'vitest';
import {sandboxPerFile} from './helpers/sandbox.js';
import {type SchemaName, schemaErrors} from './helpers/schemas.js';

const sandbox = sandboxPerFile();

/** What the scripts' small client does: a token by Basic auth, then JSON calls with the Bearer token. */
async function scriptClient() {
  const {url, clientId, clientSecret} = sandbox.current;
  const issued = await fetch(`${url}/api/2/idp/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const token = (await issued.json()) as {access_token: string};
  const call = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${url}/${path}`, {
      method,
      headers: {Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json'},
      ...(json === undefined ? {} : {body: JSON.stringify(json)}),
    });
    const text = await response.text();
    return {ok: response.ok, status: response.status, body: text ? (JSON.parse(text) as unknown) : null};
  };
  return {token, call};
}

function valid(name: SchemaName, body: unknown): void {
  expect(schemaErrors(name, body), name).toEqual([]);
}

describe('the vendor’s example scripts, replayed', () => {
  it('issue a token (the bash examples’ token script): POST idp/token with Basic auth and a form', async () => {
    const {token} = await scriptClient();
    valid('token', token);
  });

  it('search for a tenant or user: GET search?text=…&tenant=…', async () => {
    const {call} = await scriptClient();
    const found = await call('GET', `api/2/search?text=Acme&tenant=${sandbox.current.tenantId}`);
    expect(found.ok).toBe(true);
    valid('global_search', found.body);
    expect(JSON.stringify(found.body)).toContain('Acme Corp');
  });

  it('navigate through tenants: the root, then children and users, depth first, each user read', async () => {
    const {call} = await scriptClient();
    const names: string[] = [];
    const logins: string[] = [];
    const visit = async (tenantId: string): Promise<void> => {
      const tenant = await call('GET', `api/2/tenants/${tenantId}`);
      expect(tenant.ok).toBe(true);
      valid('tenant', tenant.body);
      names.push((tenant.body as {name: string}).name);
    };
    const walk = async (tenantId: string): Promise<void> => {
      const children = await call('GET', `api/2/tenants/${tenantId}/children`);
      expect(children.ok).toBe(true);
      valid('uuidList', children.body);
      for (const child of (children.body as {items: string[]}).items) {
        await visit(child);
        const users = await call('GET', `api/2/tenants/${child}/users`);
        valid('uuidList', users.body);
        for (const userId of (users.body as {items: string[]}).items) {
          const user = await call('GET', `api/2/users/${userId}`);
          expect(user.ok).toBe(true);
          valid('user', user.body);
          logins.push((user.body as {login: string}).login);
        }
        await walk(child);
      }
    };
    await visit(sandbox.current.tenantId);
    await walk(sandbox.current.tenantId);
    // The whole subtree, not only the root (the script printed the root alone before children were served).
    expect(names).toEqual(
      expect.arrayContaining(['Northwind Partners', 'Acme Corp', 'Retail', 'Fabrikam Stores']),
    );
    expect(logins).toContain('acme-admin');
  });

  it('create a customer tenant and assign a specific edition, then switch it to production (the whole pricing PUT)', async () => {
    const {call} = await scriptClient();
    const partner = sandbox.current.tenantId;
    const customer = {name: 'Python Customer ABC123 v3.0', parent_id: partner, kind: 'customer'};
    const created = await call('POST', 'api/2/tenants', customer);
    expect(created.ok).toBe(true);
    valid('tenant', created.body);
    const id = (created.body as {id: string}).id;
    const available = await call(
      'GET',
      `api/2/tenants/${partner}/offering_items/available_for_child?kind=customer&edition=standard`,
    );
    expect(available.ok).toBe(true);
    valid('offeringItemList', available.body);
    // The script's filter: infra items keep their infra_id; `dr_` features are looked at by theirs.
    type Item = {type: string; infra_id?: string; usage_name: string};
    const items = (available.body as {items: Item[]}).items.filter(
      (item) =>
        (item.type === 'infra' && item.infra_id !== 'ba2976d0-c13e-4661-ae60-b4593583fce2') ||
        item.type !== 'infra',
    );
    // It PUTs the items whole, as they were listed.
    const put = await call('PUT', `api/2/tenants/${id}/offering_items`, {offering_items: items});
    expect(put.ok, JSON.stringify(put.body)).toBe(true);
    valid('offeringItemList', put.body);
    // The trial end date (get_trial_end_date_for_customer.py reads it from the pricing).
    const pricing = await call('GET', `api/2/tenants/${id}/pricing`);
    valid('tenantPricingSettings', pricing.body);
    const whole = pricing.body as Record<string, unknown>;
    expect(typeof whole.production_start_date).toBe('string');
    // The switch: the whole object read, its mode set, sent back.
    const switched = await call('PUT', `api/2/tenants/${id}/pricing`, {...whole, mode: 'production'});
    expect(switched.ok, JSON.stringify(switched.body)).toBe(true);
    valid('tenantPricingSettings', switched.body);
    expect((switched.body as {mode: string}).mode).toBe('production');
  });
});

describe('the vendor’s bash examples, replayed', () => {
  /** A call as the bash examples' functions make it: curl with a raw body, the answer's text kept. */
  async function raw(method: string, path: string, token: string, body?: string) {
    const response = await fetch(`${sandbox.current.url}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : {'Content-type': 'application/json'}),
      },
      ...(body === undefined ? {} : {body}),
    });
    return {status: response.status, text: await response.text()};
  }

  it('create a partner tenant, then a customer under it with its offering items, and switch it (sed on the JSON)', async () => {
    const {token} = await scriptClient();
    const bearer = token.access_token;
    // The partner, under the API client's tenant; the items available to a partner child, renamed and PUT whole.
    const partner = await raw(
      'POST',
      'api/2/tenants',
      bearer,
      `{"name": "MyBashPartner", "parent_id": "${sandbox.current.tenantId}", "kind": "partner"}`,
    );
    expect(partner.status).toBe(201);
    valid('tenant', JSON.parse(partner.text));
    const partnerId = (JSON.parse(partner.text) as {id: string}).id;
    const forPartner = await raw(
      'GET',
      `api/2/tenants/${sandbox.current.tenantId}/offering_items/available_for_child?kind=partner&edition=standard`,
      bearer,
    );
    valid('offeringItemList', JSON.parse(forPartner.text));
    const partnerPut = await raw(
      'PUT',
      `api/2/tenants/${partnerId}/offering_items`,
      bearer,
      forPartner.text.replaceAll('"items"', '"offering_items"'),
    );
    expect(partnerPut.status, partnerPut.text).toBe(200);

    // The customer, under the new partner; its items from the partner; the infrastructures they name read.
    const customer = await raw(
      'POST',
      'api/2/tenants',
      bearer,
      `{"name": "MyBashCustomer14", "parent_id": "${partnerId}", "kind": "customer"}`,
    );
    expect(customer.status).toBe(201);
    const customerId = (JSON.parse(customer.text) as {id: string}).id;
    const forCustomer = await raw(
      'GET',
      `api/2/tenants/${partnerId}/offering_items/available_for_child?kind=customer&edition=standard`,
      bearer,
    );
    const toPut = forCustomer.text.replaceAll('"items"', '"offering_items"');
    const infraIds = [
      ...new Set(
        (JSON.parse(toPut) as {offering_items: {infra_id?: string}[]}).offering_items.flatMap((item) =>
          item.infra_id ? [item.infra_id] : [],
        ),
      ),
    ];
    expect(infraIds.length).toBeGreaterThan(0);
    const infras = await raw('GET', `api/2/infra?uuids=${infraIds.join(',')}`, bearer);
    expect(infras.status).toBe(200);
    valid('infraBatch', JSON.parse(infras.text));
    const customerPut = await raw('PUT', `api/2/tenants/${customerId}/offering_items`, bearer, toPut);
    expect(customerPut.status, customerPut.text).toBe(200);

    // The switch: the pricing read, "trial" replaced by "production" in its text, PUT back.
    const pricing = await raw('GET', `api/2/tenants/${customerId}/pricing`, bearer);
    const switched = await raw(
      'PUT',
      `api/2/tenants/${customerId}/pricing`,
      bearer,
      pricing.text.replaceAll('"trial"', '"production"'),
    );
    expect(switched.status, switched.text).toBe(200);
    expect(JSON.parse(switched.text)).toMatchObject({mode: 'production'});
  });
});

describe('the vendor’s billing module’s calls, replayed', () => {
  it('reads the tenant and its pricing, PUTs {mode, version}; a stale version is 409', async () => {
    const {call} = await scriptClient();
    const created = await call('POST', 'api/2/tenants', {
      name: 'Billing Module Customer',
      parent_id: sandbox.current.tenantId,
      kind: 'customer',
    });
    const id = (created.body as {id: string}).id;
    valid('tenant', (await call('GET', `api/2/tenants/${id}`)).body);
    const pricing = (await call('GET', `api/2/tenants/${id}/pricing`)).body as {version: number};
    valid('tenantPricingSettings', pricing);
    const body = {mode: 'production', version: pricing.version};
    valid('tenantPricingSettingsPut', body);
    const switched = await call('PUT', `api/2/tenants/${id}/pricing`, body);
    expect(switched.status).toBe(200);
    valid('tenantPricingSettings', switched.body);
    const stale = await call('PUT', `api/2/tenants/${id}/pricing`, body);
    expect(stale.status).toBe(409);
    valid('errorScheme', stale.body);
  });
});
