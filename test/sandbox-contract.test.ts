import {describe, expect, it} from 'vitest';
import {sandboxPerFile, tenantId} from './helpers/sandbox.js';
import {type SchemaName, schemaErrors} from './helpers/schemas.js';

// Every kind of answer the sandbox gives, checked against the vendor's own OpenAPI schemas.
const sandbox = sandboxPerFile({tenants: 4});

async function call(
  method: string,
  path: string,
  options: {token?: string; json?: unknown; body?: string; headers?: Record<string, string>} = {},
): Promise<{status: number; body: unknown}> {
  const headers: Record<string, string> = {...options.headers};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${sandbox.current.url}/api/2${path}`, {method, headers, body});
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null};
}

function basic(id: string, secret: string): Record<string, string> {
  return {
    Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    'Content-Type': 'application/x-www-form-urlencoded',
  };
}

async function token(): Promise<string> {
  const {body} = await call('POST', '/idp/token', {
    headers: basic(sandbox.current.clientId, sandbox.current.clientSecret),
    body: 'grant_type=client_credentials',
  });
  return (body as {access_token: string}).access_token;
}

function expectSchema(name: SchemaName, answer: {body: unknown}): void {
  expect(schemaErrors(name, answer.body)).toEqual([]);
}

describe('sandbox answers validate against the vendor OpenAPI schemas', () => {
  it('token: 200 token, 401 tokenError, 400 tokenError', async () => {
    const ok = await call('POST', '/idp/token', {
      headers: basic(sandbox.current.clientId, sandbox.current.clientSecret),
      body: 'grant_type=client_credentials',
    });
    expect(ok.status).toBe(200);
    expectSchema('token', ok);
    expect(ok.body).toMatchObject({token_type: 'bearer', expires_in: 7200});

    const wrong = await call('POST', '/idp/token', {
      headers: basic(sandbox.current.clientId, 'not-the-secret'),
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    expectSchema('tokenError', wrong);

    const badGrant = await call('POST', '/idp/token', {
      headers: basic(sandbox.current.clientId, sandbox.current.clientSecret),
      body: 'grant_type=password',
    });
    expect(badGrant.status).toBe(400);
    expectSchema('tokenError', badGrant);
  });

  it('revoke_token: 200 empty, 401 revokeError; a revoked token answers 401', async () => {
    const value = await token();
    const revoked = await call('POST', '/idp/revoke_token', {
      headers: basic(sandbox.current.clientId, sandbox.current.clientSecret),
      body: `token=${value}&token_type_hint=access_token`,
    });
    expect(revoked).toEqual({status: 200, body: null});
    const refused = await call('POST', '/idp/revoke_token', {
      headers: basic(sandbox.current.clientId, 'wrong'),
      body: `token=${value}`,
    });
    expect(refused.status).toBe(401);
    expectSchema('revokeError', refused);
    const after = await call('GET', `/tenants/${sandbox.current.tenantId}`, {token: value});
    expect(after.status).toBe(401);
    expectSchema('errorScheme', after);
  });

  it('client, tenant, pricing', async () => {
    const value = await token();
    const client = await call('GET', `/clients/${sandbox.current.clientId}`, {token: value});
    expectSchema('client', client);
    expect(client.body).toMatchObject({
      tenant_id: sandbox.current.tenantId,
      client_id: sandbox.current.clientId,
    });

    for (const name of [
      'Northwind Partners',
      'Acme Corp',
      'Initech',
      'Umbrella Health',
      'Retail',
      'Wayne R&D',
    ]) {
      const tenant = await call('GET', `/tenants/${tenantId(sandbox.current, name)}`, {token: value});
      expect(tenant.status).toBe(200);
      expectSchema('tenant', tenant);
      const pricing = await call('GET', `/tenants/${tenantId(sandbox.current, name)}/pricing`, {
        token: value,
      });
      expect(pricing.status).toBe(200);
      expectSchema('tenantPricingSettings', pricing);
    }
  });

  it('tenantBatch with and without a next-page cursor', async () => {
    const value = await token();
    const first = await call('GET', `/tenants?parent_id=${sandbox.current.tenantId}&limit=3`, {token: value});
    expectSchema('tenantBatch', first);
    const after = (first.body as {paging: {cursors: {after: string}}}).paging.cursors.after;
    expect(after).toBeTypeOf('string');
    const last = await call('GET', `/tenants?after=${after}&limit=5000`, {token: value});
    expectSchema('tenantBatch', last);
    expect((last.body as {paging: {cursors: {after?: string}}}).paging.cursors.after).toBeUndefined();
  });

  it('global_search, with tenants and users', async () => {
    const value = await token();
    const found = await call('GET', `/search?tenant=${sandbox.current.tenantId}&text=wile`, {token: value});
    expectSchema('global_search', found);
    const kinds = (found.body as {items: Array<{obj_type: string}>}).items.map((item) => item.obj_type);
    expect(kinds).toEqual(['tenant', 'user']);
  });

  it('PUT pricing: 200 tenantPricingSettings, and errorScheme for 400, 403, 404, 405, 409, 415', async () => {
    const value = await token();
    const acme = tenantId(sandbox.current, 'Acme Corp');
    const read = (await call('GET', `/tenants/${acme}/pricing`, {token: value})).body as {version: number};
    const request = {version: read.version, mode: 'production'};
    expect(schemaErrors('tenantPricingSettingsPut', request)).toEqual([]);

    const unsupported = await call('PUT', `/tenants/${acme}/pricing`, {
      token: value,
      body: JSON.stringify(request),
    });
    expect(unsupported.status).toBe(415);
    expectSchema('errorScheme', unsupported);

    const switched = await call('PUT', `/tenants/${acme}/pricing`, {token: value, json: request});
    expect(switched.status).toBe(200);
    expectSchema('tenantPricingSettings', switched);
    expect(switched.body).toMatchObject({mode: 'production', production_start_date: '2026-11-26T09:00:00'});

    const stale = await call('PUT', `/tenants/${acme}/pricing`, {token: value, json: request});
    expect(stale.status).toBe(409);
    expectSchema('errorScheme', stale);

    const current = (switched.body as {version: number}).version;
    const back = await call('PUT', `/tenants/${acme}/pricing`, {
      token: value,
      json: {version: current, mode: 'trial'},
    });
    expect(back.status).toBe(400);
    expectSchema('errorScheme', back);

    const extra = await call('PUT', `/tenants/${acme}/pricing`, {
      token: value,
      json: {version: current, foo: 1},
    });
    expect(extra.status).toBe(400);

    const outside = await call('GET', `/tenants/${tenantId(sandbox.current, 'Hooli')}/pricing`, {
      token: value,
    });
    expect(outside.status).toBe(403);
    expectSchema('errorScheme', outside);

    const unknown = await call('GET', '/tenants/00000000-0000-4000-8000-000000000000', {token: value});
    expect(unknown.status).toBe(404);
    expectSchema('errorScheme', unknown);

    const method = await call('POST', `/tenants/${acme}/pricing`, {token: value, json: request});
    expect(method.status).toBe(405);
    expectSchema('errorScheme', method);
  });
});

describe('the schema check itself', () => {
  it('rejects what the vendor schemas forbid', () => {
    expect(schemaErrors('tenantPricingSettings', {mode: 'trial', version: 1})).not.toEqual([]);
    expect(
      schemaErrors('tenantPricingSettingsPut', {version: 1, mode: 'production', production_start_date: null}),
    ).not.toEqual([]);
    expect(schemaErrors('tenant', {id: 'x'})).not.toEqual([]);
  });
});

describe('the rate limit (sandbox --rate)', () => {
  it('answers 429 with Retry-After past N requests a second, and the client waits as asked, then succeeds', async () => {
    const {startSandbox} = await import('../source/sandbox/index.js');
    const {ManualClock} = await import('../source/clock.js');
    const {clientFor, fixedNow, requestLines} = await import('./helpers/sandbox.js');
    const clock = new ManualClock(fixedNow);
    const limited = await startSandbox({clock, ratePerSecond: 3});
    try {
      const client = clientFor(limited);
      await client.authenticate(); // 1
      await client.getTenant(limited.tenantId); // 2
      await client.getTenant(limited.tenantId); // 3
      const refused = await fetch(`${limited.url}/api/2/tenants/${limited.tenantId}`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(schemaErrors('errorScheme', await refused.json())).toEqual([]);
      // The client's GET meets the 429, sleeps the Retry-After on the shared clock (a new second), and succeeds.
      expect((await client.getTenant(limited.tenantId)).id).toBe(limited.tenantId);
      expect(limited.requests.filter((request) => request.status === 429)).toHaveLength(2);
      expect(requestLines(limited).length).toBe(6);
    } finally {
      await limited.close();
    }
  });
});

describe('what the vendor’s own scripts call, and how the document validates it', () => {
  it('GET /tenants/{id}/children and /tenants/{id}/users: uuidList', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const children = await call('GET', `/tenants/${root}/children`, {token: bearer});
    expect(children.status).toBe(200);
    expectSchema('uuidList', children);
    const direct = sandbox.current.world.childrenOf(root).map((tenant) => tenant.id);
    expect((children.body as {items: string[]}).items.sort()).toEqual(direct.sort());
    const users = await call('GET', `/tenants/${root}/users?include_grand_children=true`, {token: bearer});
    expect(users.status).toBe(200);
    expectSchema('uuidList', users);
    expect((users.body as {items: string[]}).items.length).toBe(sandbox.current.world.users.length);
    const bad = await call('GET', `/tenants/${root}/users?include_grand_children=maybe`, {token: bearer});
    expect(bad.status).toBe(400);
    expectSchema('errorScheme', bad);
  });

  it('refuses what the document refuses: a currency it does not list, exclusive filters, bad numbers, unknown lod', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const id = tenantId(sandbox.current, 'Acme Corp');
    const pricing = (await call('GET', `/tenants/${id}/pricing`, {token: bearer})).body as {version: number};
    for (const [method, path, json] of [
      ['PUT', `/tenants/${id}/pricing`, {version: pricing.version, currency: 'XYZ'}],
      ['GET', `/tenants?uuids=${root}&parent_id=${root}`, undefined],
      ['GET', `/search?tenant=${root}&text=a&limit=abc`, undefined],
      ['GET', `/tenants?parent_id=${root}&limit=0`, undefined],
      ['GET', `/tenants?parent_id=${root}&lod=everything`, undefined],
    ] as const) {
      const answer = await call(method, path, {token: bearer, ...(json ? {json} : {})});
      expect(answer.status, path).toBe(400);
      expectSchema('errorScheme', answer);
    }
    // The pricing was not changed by the refused currency.
    const after = (await call('GET', `/tenants/${id}/pricing`, {token: bearer})).body as {version: number};
    expect(after.version).toBe(pricing.version);
  });

  it('answers 405 with Allow, and an id_token that is no copy of the access token', async () => {
    const bearer = await token();
    const response = await fetch(`${sandbox.current.url}/api/2/tenants/${sandbox.current.tenantId}/pricing`, {
      method: 'DELETE',
      headers: {Authorization: `Bearer ${bearer}`},
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT');
    const issued = await call('POST', '/idp/token', {
      headers: basic(sandbox.current.clientId, sandbox.current.clientSecret),
      body: 'grant_type=client_credentials',
    });
    const {access_token: access, id_token: id} = issued.body as {access_token: string; id_token: string};
    expect(id).not.toBe(access);
    const claims = JSON.parse(Buffer.from(id.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({sub: sandbox.current.clientId, tenant_id: sandbox.current.tenantId});
  });
});

describe('a customer’s life, as the vendor’s end-to-end example lives it (create, read, switch, delete)', () => {
  it('POST /tenants creates a customer in trial (201 tenant); it is switched once, then deleted with its version', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    // The example's request: name, parent, kind, and a contact — a tenantPost as the document has it.
    const request = {
      name: 'Example Customer',
      parent_id: root,
      kind: 'customer',
      contact: {email: 'it@example.com'},
    };
    expect(schemaErrors('tenantPost', request)).toEqual([]);
    const created = await call('POST', '/tenants', {token: bearer, json: request});
    expect(created.status).toBe(201);
    expectSchema('tenant', created);
    const tenant = created.body as {id: string; pricing_mode: string; parent_id: string};
    expect(tenant).toMatchObject({parent_id: root, pricing_mode: 'trial'});
    const children = (await call('GET', `/tenants/${root}/children`, {token: bearer})).body as {
      items: string[];
    };
    expect(children.items).toContain(tenant.id);
    // Its trial ends one month after its creation, as the platform sets it.
    const pricing = await call('GET', `/tenants/${tenant.id}/pricing`, {token: bearer});
    expectSchema('tenantPricingSettings', pricing);
    const {version, production_start_date: ends} = pricing.body as {
      version: number;
      production_start_date: string;
    };
    expect(Date.parse(`${ends}Z`) - sandbox.current.clock.now()).toBeGreaterThan(27 * 24 * 3600_000);
    const switched = await call('PUT', `/tenants/${tenant.id}/pricing`, {
      token: bearer,
      json: {version, mode: 'production'},
    });
    expect(switched.status).toBe(200);
    expect((switched.body as {mode: string}).mode).toBe('production');
    // Deleted with its version: a stale one is 409, the right one 204, and it is gone.
    const read = (await call('GET', `/tenants/${tenant.id}`, {token: bearer})).body as {version: number};
    const stale = await call('DELETE', `/tenants/${tenant.id}?version=${read.version - 1}`, {token: bearer});
    expect(stale.status).toBe(409);
    expectSchema('errorScheme', stale);
    const deleted = await fetch(`${sandbox.current.url}/api/2/tenants/${tenant.id}?version=${read.version}`, {
      method: 'DELETE',
      headers: {Authorization: `Bearer ${bearer}`},
    });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `/tenants/${tenant.id}`, {token: bearer})).status).toBe(404);
  });

  it('refuses what tenantPost does not allow: an unknown field, no name, a customer under a customer', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const acme = tenantId(sandbox.current, 'Acme Corp');
    for (const json of [
      {name: 'X', parent_id: root, kind: 'customer', colour: 'blue'},
      {parent_id: root, kind: 'customer'},
      {name: 'Y', parent_id: acme, kind: 'customer'},
    ]) {
      const answer = await call('POST', '/tenants', {token: bearer, json});
      expect(answer.status, JSON.stringify(json)).toBe(400);
      expectSchema('errorScheme', answer);
    }
  });
});

describe('the users the vendor’s examples create and read', () => {
  it('POST /users (200 user) adds a user the tenant lists; a taken login is 409; GET /users/me is the client (userMe)', async () => {
    const bearer = await token();
    const acme = tenantId(sandbox.current, 'Acme Corp');
    const request = {
      tenant_id: acme,
      login: 'acme-operator',
      contact: {email: 'op@acme.example.com', firstname: 'Ada', lastname: 'Ops'},
    };
    expect(schemaErrors('userPost', request)).toEqual([]);
    const created = await call('POST', '/users', {token: bearer, json: request});
    expect(created.status).toBe(200);
    expectSchema('user', created);
    const user = created.body as {id: string; login: string; tenant_id: string};
    expect(user).toMatchObject({login: 'acme-operator', tenant_id: acme});
    const listed = (await call('GET', `/tenants/${acme}/users`, {token: bearer})).body as {items: string[]};
    expect(listed.items).toContain(user.id);
    const again = await call('POST', '/users', {token: bearer, json: request});
    expect(again.status).toBe(409);
    expectSchema('errorScheme', again);
    const unknown = await call('POST', '/users', {
      token: bearer,
      json: {...request, login: 'x', role: 'admin'},
    });
    expect(unknown.status).toBe(400);
    const me = await call('GET', '/users/me', {token: bearer});
    expect(me.status).toBe(200);
    expectSchema('userMe', me);
    expect(me.body).toMatchObject({tenant_id: sandbox.current.tenantId, tenant_kind: 'partner'});
  });
});

describe('API clients and customer-scoped tokens, as the vendor’s examples take them', () => {
  it('POST /clients (201 clientPostResult) makes a client that signs in; jwt-bearer scopes a token to a customer', async () => {
    const bearer = await token();
    const request = {
      type: 'api_client',
      tenant_id: sandbox.current.tenantId,
      token_endpoint_auth_method: 'client_secret_basic',
      data: {client_name: 'Example script'},
    };
    expect(schemaErrors('clientPost', request)).toEqual([]);
    const created = await call('POST', '/clients', {token: bearer, json: request});
    expect(created.status).toBe(201);
    expectSchema('clientPostResult', created);
    const {client_id: id, client_secret: secret} = created.body as {client_id: string; client_secret: string};
    const signedIn = await call('POST', '/idp/token', {
      headers: basic(id, secret),
      body: 'grant_type=client_credentials',
    });
    expect(signedIn.status).toBe(200);
    expectSchema('token', signedIn);

    const acme = tenantId(sandbox.current, 'Acme Corp');
    const scoped = await call('POST', '/idp/token', {
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: bearer,
        scope: `urn:acronis.com:tenant-id:${acme}`,
      }).toString(),
    });
    expect(scoped.status).toBe(200);
    expectSchema('token', scoped);
    const customerToken = (scoped.body as {access_token: string}).access_token;
    expect((await call('GET', `/tenants/${acme}`, {token: customerToken})).status).toBe(200);
    expect((await call('GET', `/tenants/${sandbox.current.tenantId}`, {token: customerToken})).status).toBe(
      403,
    );
    const outside = await call('POST', '/idp/token', {
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: customerToken,
        scope: `urn:acronis.com:tenant-id:${sandbox.current.tenantId}`,
      }).toString(),
    });
    expect(outside.status).toBe(400);
    expectSchema('tokenError', outside);
  });
});

describe('offering items, as the vendor’s "create a customer and assign an edition" example sets them', () => {
  it('lists what a child may have, turns an edition on for a new customer (offeringItemList), then it is switched', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const available = await call(
      'GET',
      `/tenants/${root}/offering_items/available_for_child?edition=standard`,
      {
        token: bearer,
      },
    );
    expect(available.status).toBe(200);
    expectSchema('offeringItemList', available);
    const items = (available.body as {items: {application_id: string; name: string}[]}).items;
    expect(items.length).toBeGreaterThan(0);
    const created = (
      await call('POST', '/tenants', {
        token: bearer,
        json: {name: 'Edition Customer', parent_id: root, kind: 'customer'},
      })
    ).body as {id: string};
    const request = {
      offering_items: items.map(({application_id, name}) => ({application_id, name, status: 1})),
    };
    expect(schemaErrors('tenantOfferingItemsPut', request)).toEqual([]);
    const put = await call('PUT', `/tenants/${created.id}/offering_items`, {token: bearer, json: request});
    expect(put.status).toBe(200);
    expectSchema('offeringItemList', put);
    const listed = await call('GET', `/tenants/${created.id}/offering_items?edition=standard`, {
      token: bearer,
    });
    expectSchema('offeringItemList', listed);
    expect((listed.body as {items: {status: number}[]}).items.every((item) => item.status === 1)).toBe(true);
    const wrong = await call('PUT', `/tenants/${created.id}/offering_items`, {
      token: bearer,
      json: {offering_items: [{application_id: items[0]?.application_id, name: 'no_such_item'}]},
    });
    expect(wrong.status).toBe(400);
    expectSchema('errorScheme', wrong);
    // Then the switch, as the example ends.
    const {version} = (await call('GET', `/tenants/${created.id}/pricing`, {token: bearer})).body as {
      version: number;
    };
    const switched = await call('PUT', `/tenants/${created.id}/pricing`, {
      token: bearer,
      json: {version, mode: 'production'},
    });
    expect((switched.body as {mode: string}).mode).toBe('production');
  });
});

describe('small fidelity gaps the vendor’s clients met', () => {
  it('search finds the tenant searched in, names are null when empty; /infra/{id} is an infra', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const own = await call('GET', `/search?tenant=${root}&text=Northwind`, {token: bearer});
    expectSchema('global_search', own);
    const items = (own.body as {items: {id: string; first_name: unknown; last_name: unknown}[]}).items;
    expect(items.map((item) => item.id)).toContain(root);
    for (const item of items) {
      expect(
        item.first_name === null || (typeof item.first_name === 'string' && item.first_name !== ''),
      ).toBe(true);
    }
    const listed = (
      await call('GET', `/tenants/${root}/offering_items/available_for_child?edition=standard`, {
        token: bearer,
      })
    ).body as {items: {infra_id?: string}[]};
    const infraId = listed.items.find((item) => item.infra_id)?.infra_id ?? '';
    const infra = await call('GET', `/infra/${infraId}`, {token: bearer});
    expect(infra.status).toBe(200);
    expectSchema('infra', infra);
  });
});

describe('levels of detail', () => {
  it('lod=stamps and lod=basic give those fields only (tenantBatch’s own variants); full gives all', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    for (const lod of ['stamps', 'basic', 'full']) {
      const answer = await call('GET', `/tenants?parent_id=${root}&lod=${lod}`, {token: bearer});
      expect(answer.status).toBe(200);
      expectSchema('tenantBatch', answer);
      const first = (answer.body as {items: Record<string, unknown>[]}).items[0] ?? {};
      expect('name' in first, lod).toBe(lod !== 'stamps');
      expect('pricing_mode' in first, lod).toBe(lod === 'full');
    }
  });
});

describe('bodies and answers, as a hostile tester found them', () => {
  it('keeps what POST /tenants is given (enabled, language, names with spaces); refuses wrong types and bad quotas', async () => {
    const bearer = await token();
    const root = sandbox.current.tenantId;
    const created = await call('POST', '/tenants', {
      token: bearer,
      json: {
        name: 'E1',
        parent_id: root,
        kind: 'customer',
        enabled: false,
        language: 'de',
        contact: {firstname: 'A B', lastname: 'C'},
      },
    });
    expect(created.status).toBe(201);
    expectSchema('tenant', created);
    expect(created.body).toMatchObject({
      enabled: false,
      language: 'de',
      contact: {firstname: 'A B', lastname: 'C'},
    });
    for (const json of [
      {name: 'E2', parent_id: root, kind: 'customer', enabled: 1},
      {name: 'E2', parent_id: root, kind: 'customer', contact: []},
      {name: 'E2', parent_id: root, kind: 'customer', language: 5},
    ]) {
      expect((await call('POST', '/tenants', {token: bearer, json})).status, JSON.stringify(json)).toBe(400);
    }
    expect((await call('POST', '/users', {token: bearer, json: {tenant_id: root, login: 5}})).status).toBe(
      400,
    );
    const id = (created.body as {id: string}).id;
    const available = (
      await call('GET', `/tenants/${root}/offering_items/available_for_child`, {token: bearer})
    ).body as {items: {application_id: string; name: string}[]};
    const first = available.items[0];
    for (const quota of [{value: 'lots', overage: 1}, {value: -5, overage: null}, [5]]) {
      const put = await call('PUT', `/tenants/${id}/offering_items`, {
        token: bearer,
        json: {offering_items: [{application_id: first?.application_id, name: first?.name, quota}]},
      });
      expect(put.status, JSON.stringify(quota)).toBe(400);
    }
    const uuids = await call('GET', `/tenants?uuids=${root},${root}`, {token: bearer});
    expect((uuids.body as {items: unknown[]}).items).toHaveLength(1);
    expect((await call('GET', '/tenants?uuids=,,', {token: bearer})).status).toBe(400);
  });
});
