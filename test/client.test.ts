import {createServer} from 'node:net';
import {describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {type Exchange, PlatformClient, PlatformError} from '../source/platform/index.js';
import {startSandbox} from '../source/sandbox/index.js';
import {
  clientFor,
  fixedNow,
  movableClock,
  requestLines,
  sandboxPerFile,
  tenantId,
} from './helpers/sandbox.js';

const sandbox = sandboxPerFile({tenants: 7});

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError, got success');
}

describe('authentication', () => {
  it('takes a client-credentials token with Basic auth and a form body', async () => {
    const from = sandbox.current.requests.length;
    const client = clientFor(sandbox.current);
    const token = await client.authenticate();
    expect(token.expiresAt).toBe(fixedNow + 7200_000);
    const [request] = sandbox.current.requests.slice(from);
    expect(request?.path).toBe('/idp/token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toMatch(/^Basic /);
    expect(request?.headers['user-agent']).toMatch(/^tenant-mode\/\d+\.\d+\.\d+$/);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.body).toBe('grant_type=client_credentials');
  });

  it('reports a wrong secret as an OAuth error', async () => {
    const error = await failure(clientFor(sandbox.current, {clientSecret: 'wrong'}).authenticate());
    expect(error).toMatchObject({kind: 'oauth', status: 401, code: 'access_denied'});
    expect(error.message).toBe('Invalid client credentials.');
  });

  it('learns its own tenant from GET /clients/{id}', async () => {
    const me = await clientFor(sandbox.current).whoAmI();
    expect(me).toMatchObject({tenant_id: sandbox.current.tenantId, data: {client_name: 'tenant-mode demo'}});
  });

  it('takes a new token shortly before expiry, and reuses it until then', async () => {
    const clock = movableClock();
    const server = await startSandbox({clock, tokenLifetimeSeconds: 600});
    try {
      const client = clientFor(server);
      await client.getTenant(server.tenantId);
      clock.advance(500_000); // 100 s left: more than a tenth of the lifetime
      await client.getTenant(server.tenantId);
      clock.advance(50_000); // 50 s left: less than a tenth
      await client.getTenant(server.tenantId);
      expect(requestLines(server).filter((line) => line === 'POST /idp/token')).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('re-authenticates once after a 401 (token expired on the platform first) and resends', async () => {
    const platformClock = movableClock();
    const server = await startSandbox({clock: platformClock, tokenLifetimeSeconds: 600});
    try {
      const client = clientFor(server, {clock: movableClock()}); // its own clock stands still: it believes the token is fresh
      await client.getTenant(server.tenantId);
      platformClock.advance(601_000);
      const tenant = await client.getTenant(server.tenantId);
      expect(tenant.name).toBe('Northwind Partners');
      expect(requestLines(server)).toEqual([
        'POST /idp/token',
        `GET /tenants/${server.tenantId}`,
        `GET /tenants/${server.tenantId}`,
        'POST /idp/token',
        `GET /tenants/${server.tenantId}`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('uses a cached token with time left without asking for a new one', async () => {
    const first = clientFor(sandbox.current);
    const cachedToken = await first.authenticate();
    const from = sandbox.current.requests.length;
    const second = clientFor(sandbox.current, {cachedToken});
    await second.getTenant(sandbox.current.tenantId);
    expect(requestLines(sandbox.current, from)).toEqual([`GET /tenants/${sandbox.current.tenantId}`]);
  });

  it('revokes its token', async () => {
    const client = clientFor(sandbox.current);
    const token = await client.authenticate();
    await client.revokeToken();
    expect(sandbox.current.world.tokens.has(token.value)).toBe(false);
  });
});

describe('finding tenants', () => {
  it('searches by name: tenants only, with their path', async () => {
    const hits = await clientFor(sandbox.current).searchTenants('contoso');
    expect(hits.map((hit) => [hit.name, hit.kind, hit.path.join(' / ')])).toEqual([
      ['Contoso', 'customer', 'Northwind Partners'],
      ['Contoso', 'customer', 'Northwind Partners / Retail'],
    ]);
    const wile = await clientFor(sandbox.current).searchTenants('wile');
    expect(wile.map((hit) => hit.name)).toEqual(['Acme Corp']); // the user named Wile is left out
  });

  it('gets a tenant by UUID', async () => {
    const tenant = await clientFor(sandbox.current).getTenant(
      tenantId(sandbox.current, 'Müller Bäckerei GmbH'),
    );
    expect(tenant).toMatchObject({name: 'Müller Bäckerei GmbH', kind: 'customer', pricing_mode: 'trial'});
  });

  it('lists children across several pages, following the cursor to the end', async () => {
    const from = sandbox.current.requests.length;
    const children = await clientFor(sandbox.current).listChildren(sandbox.current.tenantId, {pageSize: 4});
    const names = children.map((tenant) => tenant.name);
    expect(names).toHaveLength(17); // 9 seeded customers, the Retail folder, 7 extra customers
    expect(new Set(names).size).toBe(17); // the second "Contoso" lives in Retail, not here
    expect(names).toContain('Customer 00007');
    const pages = requestLines(sandbox.current, from).filter((line) => line === 'GET /tenants');
    expect(pages).toHaveLength(5);
  });

  it('a listing as a whole stops after 20 × the per-request timeout, saying how far it got', async () => {
    // Each reading of this clock moves it 1 s on: 5 pages at 4 per page would need more than the 20 × 0.2 s allowed.
    let now = sandbox.current.clock.now();
    const slow = {now: () => (now += 1000), sleep: sandbox.current.clock.sleep};
    const client = clientFor(sandbox.current, {clock: slow, timeoutMs: 200});
    const error = await failure(client.listChildren(sandbox.current.tenantId, {pageSize: 4}));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /^Listing the tenants took longer than 4 s \(20 × --timeout\); stopped after \d+ tenants\.$/,
    );
  });

  it('refuses a malformed UUID before any request', async () => {
    const from = sandbox.current.requests.length;
    const error = await failure(clientFor(sandbox.current).getTenant('not-a-uuid'));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('"not-a-uuid" is not a UUID');
    expect(sandbox.current.requests.length).toBe(from);
  });
});

describe('pricing and the switch', () => {
  it('reads the pricing and switches with exactly {version, mode}', async () => {
    const client = clientFor(sandbox.current);
    const id = tenantId(sandbox.current, 'Globex');
    const before = await client.getPricing(id);
    expect(before.mode).toBe('trial');
    const from = sandbox.current.requests.length;
    const after = await client.switchToProduction(id, before.version);
    expect(after).toMatchObject({mode: 'production', production_start_date: '2026-11-26T09:00:00'});
    expect(after.version).toBeGreaterThan(before.version);
    const puts = sandbox.current.requests.slice(from).filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(puts[0]?.body ?? '')).toEqual({version: before.version, mode: 'production'});
  });

  it('a stale version answers 409 with the platform error body', async () => {
    const client = clientFor(sandbox.current);
    const id = tenantId(sandbox.current, 'Wayne Enterprises');
    const {version} = await client.getPricing(id);
    const error = await failure(client.switchToProduction(id, version - 1));
    expect(error).toMatchObject({
      kind: 'http',
      status: 409,
      code: 'version_conflict',
      domain: 'PlatformAccountServer',
      request: {method: 'PUT', path: `/api/2/tenants/${id}/pricing`},
    });
    expect(error.info).toContain(`current version is ${version}`);
    expect((await client.getPricing(id)).mode).toBe('trial');
  });

  it('parses each documented error status', async () => {
    const client = clientFor(sandbox.current);
    const viewer = clientFor(sandbox.current, {
      clientId: sandbox.current.viewerClientId,
      clientSecret: sandbox.current.viewerClientSecret,
    });
    const retail = tenantId(sandbox.current, 'Retail');
    const fabrikam = tenantId(sandbox.current, 'Fabrikam Stores');
    const retailVersion = (await client.getPricing(retail)).version;
    const fabrikamVersion = (await viewer.getPricing(fabrikam)).version;
    const cases: Array<[() => Promise<unknown>, number, string]> = [
      [() => client.switchToProduction(retail, retailVersion), 400, 'invalid_tenant_kind'],
      [() => client.getPricing(tenantId(sandbox.current, 'Hooli')), 403, 'access_denied'],
      [() => viewer.switchToProduction(fabrikam, fabrikamVersion), 403, 'forbidden'],
      [() => client.getTenant('00000000-0000-4000-8000-000000000000'), 404, 'tenant_not_found'],
    ];
    for (const [promise, status, code] of cases) {
      const error = await failure(promise());
      expect({kind: error.kind, status: error.status, code: error.code}).toEqual({
        kind: 'http',
        status,
        code,
      });
      expect(error.message).not.toBe('');
    }
  });
});

describe('failures below the platform', () => {
  it('an HTML error page from a proxy is a not-json error; GETs are retried twice first', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    sandbox.current.faults.add({method: 'GET', path: /^\/tenants\/[^/]+$/, status: 502, body: html});
    const from = sandbox.current.requests.length;
    const error = await failure(clientFor(sandbox.current).getTenant(sandbox.current.tenantId));
    expect(error).toMatchObject({kind: 'not-json', status: 502, bodySnippet: '502 Bad Gateway'});
    expect(error.message).toContain('an HTML page ("502 Bad Gateway")');
    expect(requestLines(sandbox.current, from).filter((line) => line.startsWith('GET'))).toHaveLength(3);
  });

  it('a 500 then success is retried and succeeds', async () => {
    const body = {error: {code: 'x', domain: null, message: 'Internal', details: {info: null}}};
    sandbox.current.faults.add({path: /\/pricing$/, status: 500, body, times: 1});
    const retries: number[] = [];
    const client = clientFor(sandbox.current, {onRetry: (_error, attempt) => retries.push(attempt)});
    const pricing = await client.getPricing(tenantId(sandbox.current, 'Initech'));
    expect(pricing.mode).toBe('production');
    expect(retries).toEqual([1]);
  });

  it('a PUT that meets a 5xx is never retried', async () => {
    sandbox.current.faults.add({method: 'PUT', path: /\/pricing$/, status: 503, body: {}});
    const id = tenantId(sandbox.current, 'Fabrikam Stores');
    const client = clientFor(sandbox.current);
    const {version} = await client.getPricing(id);
    const from = sandbox.current.requests.length;
    const error = await failure(client.switchToProduction(id, version));
    expect(error.status).toBe(503);
    expect(error.outcomeUnknown).toBe(true);
    expect(requestLines(sandbox.current, from)).toEqual([`PUT /tenants/${id}/pricing`]);
  });

  it('a refused connection is a network error', async () => {
    const port = await freePort();
    const client = new PlatformClient({
      clock: systemClock,
      dataCenter: `http://127.0.0.1:${port}`,
      clientId: sandbox.current.clientId,
      clientSecret: 'x',
    });
    const error = await failure(client.authenticate());
    expect(error).toMatchObject({kind: 'network', networkCode: 'ECONNREFUSED'});
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: the connection was refused.`);
  });

  it('a slow answer times out with a clear message', async () => {
    sandbox.current.faults.add({path: '/idp/token', delayMs: 1000});
    const error = await failure(clientFor(sandbox.current, {timeoutMs: 150}).authenticate());
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`${new URL(sandbox.current.url).host} did not answer within 0.2 s.`);
  });

  it('a cancelled request reports aborted, not timeout', async () => {
    sandbox.current.faults.add({path: '/idp/token', delayMs: 1000});
    const controller = new AbortController();
    const pending = failure(clientFor(sandbox.current).authenticate(controller.signal));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).kind).toBe('aborted');
  });

  it('a dropped connection is a network error whose outcome is unknown', async () => {
    sandbox.current.faults.add({path: '/idp/token', drop: 'before'});
    const error = await failure(clientFor(sandbox.current).authenticate());
    expect(error).toMatchObject({kind: 'network', networkCode: 'ECONNRESET', outcomeUnknown: true});
  });

  it('a redirect is not followed', async () => {
    sandbox.current.faults.add({
      path: '/idp/token',
      status: 302,
      body: '',
      headers: {Location: 'https://evil.example/'},
    });
    const error = await failure(clientFor(sandbox.current).authenticate());
    expect(error).toMatchObject({kind: 'redirect', status: 302, location: 'https://evil.example/'});
    expect(sandbox.current.requests.some((request) => request.path.includes('evil'))).toBe(false);
  });
});

describe('observing exchanges', () => {
  it('a platform that echoes the client secret in an error never puts it in the error or the exchange', async () => {
    const exchanges: Exchange[] = [];
    const client = clientFor(sandbox.current, {onExchange: (exchange) => exchanges.push(exchange)});
    const secret = sandbox.current.clientSecret;
    sandbox.current.faults.add({
      method: 'GET',
      path: /\/pricing$/,
      status: 400,
      body: {error: {code: 'bad', message: `Refused for client secret ${secret}.`, details: {info: secret}}},
      times: 1,
    });
    const error = await client.getPricing(tenantId(sandbox.current, 'Acme Corp')).catch((caught) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.message).toContain('Refused for client secret <redacted>.');
    expect(JSON.stringify({...error, message: error.message})).not.toContain(secret);
    expect(JSON.stringify(exchanges)).not.toContain(secret);
  });

  it('reports every exchange with method, URL, status and time, secrets redacted', async () => {
    const exchanges: Exchange[] = [];
    const client = clientFor(sandbox.current, {onExchange: (exchange) => exchanges.push(exchange)});
    const token = await client.authenticate();
    const id = tenantId(sandbox.current, 'Acme Corp');
    await client.getPricing(id);
    expect(
      exchanges.map((exchange) => [exchange.method, new URL(exchange.url).pathname, exchange.status]),
    ).toEqual([
      ['POST', '/api/2/idp/token', 200],
      ['GET', `/api/2/tenants/${id}/pricing`, 200],
    ]);
    // The client id and the token's last four characters: enough to follow a lesson, never to use them.
    expect(exchanges[0]?.requestHeaders.Authorization).toBe(`Basic ${sandbox.current.clientId}:•••`);
    expect(exchanges[1]?.requestHeaders.Authorization).toBe(`Bearer …${token.value.slice(-4)}`);
    expect(exchanges[1]?.responseHeaders?.['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(exchanges[0]?.responseBody ?? '{}').access_token).toBe('<redacted>');
    expect(exchanges[1]?.durationMs).toBeGreaterThanOrEqual(0);
    const everything = JSON.stringify(exchanges);
    expect(everything).not.toContain(sandbox.current.clientSecret);
    expect(everything).not.toContain(token.value);
    expect(everything).not.toContain(Buffer.from(`${client.clientId}:`).toString('base64').slice(0, 40));
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}
