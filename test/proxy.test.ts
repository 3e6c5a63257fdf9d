import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {connect, createServer, type Server, type Socket} from 'node:net';
import {createServer as createTlsServer} from 'node:tls';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {systemClock} from '../source/clock.js';
import {PlatformClient, PlatformError} from '../source/platform/index.js';
import {routeFor} from '../source/platform/proxy.js';
import {cliPath, newConfigDirectory} from './helpers/cli.js';
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

  it.each([
    [
      403,
      'Forbidden',
      'refused to connect to eu2-cloud.acronis.com: 403 Forbidden; the data center was not reached',
    ],
    [407, 'Proxy Authentication Required', 'It asks for a user and password'],
  ])(
    'names a proxy that answers CONNECT with %i as the refusing one, not the data center',
    async (code, text, said) => {
      const refusing = createServer((client: Socket) =>
        client.once('data', () => client.end(`HTTP/1.1 ${code} ${text}\r\nContent-Length: 0\r\n\r\n`)),
      );
      await listen(refusing);
      try {
        // Credentials in the variable are never shown.
        process.env.HTTPS_PROXY = `http://ops:hunter2@127.0.0.1:${addressOf(refusing)}`;
        const error = await authenticateDirectly().catch((caught: unknown) => caught);
        expect(error).toMatchObject({kind: 'network', networkCode: 'PROXY_REFUSED', status: undefined});
        const message = (error as PlatformError).message;
        expect(message).toContain(`The proxy http://127.0.0.1:${addressOf(refusing)} (HTTPS_PROXY)`);
        expect(message).toContain(said);
        expect(message).not.toContain('hunter2');
      } finally {
        await new Promise((resolve) => refusing.close(resolve));
      }
    },
  );

  it('names a proxy that refuses the connection, not the data center', async () => {
    const closed = createServer();
    await listen(closed);
    const port = addressOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`;
    const error = await authenticateDirectly().catch((caught: unknown) => caught);
    expect(error).toMatchObject({kind: 'network', networkCode: 'ECONNREFUSED'});
    expect((error as PlatformError).message).toBe(
      `Could not connect to the proxy http://127.0.0.1:${port} (HTTPS_PROXY; NO_PROXY lists hosts that go direct): the connection was refused.`,
    );
  });

  it('honours NO_PROXY', () => {
    process.env.HTTPS_PROXY = proxyUrl;
    expect(routeFor(new URL('https://eu2-cloud.acronis.com/api/2'))).toBeDefined();
    process.env.NO_PROXY = '.acronis.com';
    expect(routeFor(new URL('https://eu2-cloud.acronis.com/api/2'))).toBeUndefined();
  });
});

describe('a proxy that takes the connection and never answers CONNECT', () => {
  // Accepts, reads the CONNECT, and says nothing, ever: the request's timeout and the operator's signals must end
  // the wait, and the process must end with them (it used to print the timeout and then live on until SIGKILL).
  let silent: Server;
  const held: Socket[] = [];
  let heard = 0;
  beforeAll(async () => {
    silent = createServer((socket) => {
      held.push(socket);
      socket.on('data', () => {
        heard += 1;
      });
      socket.on('error', () => {});
    });
    await listen(silent);
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const tenant = '892efe0b-f8da-52dd-a706-6eb3bdac66a2';
  function start(args: string[]) {
    const child = spawn(
      process.execPath,
      [cliPath, ...args, '--url', 'https://eu2-cloud.acronis.com', '--client-id', tenant],
      {
        env: {
          ...process.env,
          HTTPS_PROXY: `http://127.0.0.1:${addressOf(silent)}`,
          TENANT_MODE_CLIENT_SECRET: 'proxy-test-secret',
          TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
        },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const started = performance.now();
    const exit = new Promise<{code: number | null; seconds: number}>((resolve) =>
      child.on('exit', (code) => resolve({code, seconds: (performance.now() - started) / 1000})),
    );
    // Never left behind, whatever the test finds.
    const kill = setTimeout(() => child.kill('SIGKILL'), 12_000);
    void exit.then(() => clearTimeout(kill));
    return {child, exit, stderr: () => stderr};
  }

  it('status --timeout 1: says the data center did not answer, and the process ends (exit 4)', async () => {
    const run = start(['status', tenant, '--timeout', '1']);
    const {code, seconds} = await run.exit;
    expect(run.stderr()).toMatch(
      /eu2-cloud\.acronis\.com did not answer within 1 s \(through the proxy http:\/\/127\.0\.0\.1:\d+\)\./,
    );
    expect(code).toBe(4);
    expect(seconds).toBeLessThan(6);
  });

  it('switch: SIGTERM while the CONNECT waits ends it at once, exit 130, nothing sent', async () => {
    const before = heard;
    const run = start(['switch', tenant, '--yes', '--timeout', '30']);
    while (heard === before) await new Promise((resolve) => setTimeout(resolve, 20));
    run.child.kill('SIGTERM');
    const {code} = await run.exit;
    expect(run.stderr()).toContain('No switch was sent.');
    expect(code).toBe(130);
  });
});

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function addressOf(server: Server): number {
  return (server.address() as {port: number}).port;
}

/** A sign-in to a data center that is not loopback, so that it goes through HTTPS_PROXY. */
function authenticateDirectly() {
  return new PlatformClient({
    clock: systemClock,
    dataCenter: 'https://eu2-cloud.acronis.com',
    clientId: sandbox.current.clientId,
    clientSecret: 'secret',
    timeoutMs: 5000,
  }).authenticate();
}
