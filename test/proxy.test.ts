import {readFileSync} from 'node:fs';
import {connect, createServer, type Server, type Socket} from 'node:net';
import {createServer as createTlsServer} from 'node:tls';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {PlatformClient, PlatformError} from '../source/platform/index.js';
import {agentFor} from '../source/platform/proxy.js';
import {clientFor, sandboxPerFile} from './helpers/sandbox.js';

// A local forward proxy that records each CONNECT and tunnels it to a local TLS server (never to the real host),
// and that TLS server, which presents a self-signed certificate as a TLS-inspecting proxy would.
const sandbox = sandboxPerFile();
const connects: string[] = [];
let proxy: Server;
let tlsServer: Server;
let proxyUrl = '';
const savedEnv = {...process.env};

beforeAll(async () => {
  const fixtures = new URL('./fixtures/', import.meta.url);
  tlsServer = createTlsServer({
    key: readFileSync(new URL('self-signed.key', fixtures)),
    cert: readFileSync(new URL('self-signed.crt', fixtures)),
  });
  tlsServer.on('secureConnection', (socket) => socket.end('HTTP/1.1 500 Unreachable\r\n\r\n'));
  tlsServer.on('tlsClientError', () => {});
  await listen(tlsServer);
  proxy = createServer((client: Socket) => {
    client.once('data', (head) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? '';
      connects.push(line);
      // A plain TCP connection: the client's own TLS runs through the tunnel.
      const upstream = connect(addressOf(tlsServer), '127.0.0.1');
      upstream.on('connect', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await listen(proxy);
  proxyUrl = `http://127.0.0.1:${addressOf(proxy)}`;
});

afterEach(() => {
  process.env = {...savedEnv};
  connects.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await new Promise((resolve) => tlsServer.close(resolve));
});

describe('proxies', () => {
  it('sends https requests through HTTPS_PROXY, and explains an untrusted certificate', async () => {
    process.env.HTTPS_PROXY = proxyUrl;
    const client = new PlatformClient({
      clock: systemClock,
      dataCenter: 'https://eu2-cloud.acronis.com',
      clientId: sandbox.current.clientId,
      clientSecret: 'secret',
      timeoutMs: 5000,
    });
    const error = await client.authenticate().catch((caught: unknown) => caught);
    expect(connects).toEqual(['CONNECT eu2-cloud.acronis.com:443 HTTP/1.1']);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({kind: 'network', networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT'});
    expect((error as PlatformError).message).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('never sends loopback (the sandbox) through a proxy', async () => {
    process.env.HTTPS_PROXY = proxyUrl;
    process.env.HTTP_PROXY = proxyUrl;
    const tenant = await clientFor(sandbox.current).getTenant(sandbox.current.tenantId);
    expect(tenant.name).toBe('Northwind Partners');
    expect(connects).toEqual([]);
  });

  it('honours NO_PROXY', () => {
    process.env.HTTPS_PROXY = proxyUrl;
    expect(agentFor(new URL('https://eu2-cloud.acronis.com/api/2'))).toBeDefined();
    process.env.NO_PROXY = '.acronis.com';
    expect(agentFor(new URL('https://eu2-cloud.acronis.com/api/2'))).toBeUndefined();
  });
});

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function addressOf(server: Server): number {
  return (server.address() as {port: number}).port;
}
