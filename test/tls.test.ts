import {readFileSync} from 'node:fs';
import {request as httpRequest} from 'node:http';
import {createServer, type Server} from 'node:https';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {newConfigDirectory, runCli} from './helpers/cli.js';
import {sandboxPerFile} from './helpers/sandbox.js';

// An HTTPS front for the sandbox with a certificate no system trusts (as behind a TLS-inspecting proxy): refused
// with a message naming NODE_EXTRA_CA_CERTS, and accepted once NODE_EXTRA_CA_CERTS points at that certificate.
const sandbox = sandboxPerFile();
const certificate = fileURLToPath(new URL('./fixtures/loopback.crt', import.meta.url));
let front: Server;
let url = '';

beforeAll(async () => {
  front = createServer(
    {key: readFileSync(new URL('./fixtures/loopback.key', import.meta.url)), cert: readFileSync(certificate)},
    (incoming, outgoing) => {
      const target = new URL(incoming.url ?? '/', sandbox.current.url);
      const forwarded = httpRequest(
        target,
        {method: incoming.method, headers: incoming.headers},
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(forwarded);
    },
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(front.address() as {port: number}).port}`;
});
afterAll(() => front.close());

describe('NODE_EXTRA_CA_CERTS', () => {
  it('an untrusted certificate is refused, and named; trusted through NODE_EXTRA_CA_CERTS it works', async () => {
    const env = {
      TENANT_MODE_CLIENT_SECRET: sandbox.current.clientSecret,
      TENANT_MODE_CONFIG_DIR: newConfigDirectory(),
    };
    const args = ['status', 'Initech', '--url', url, '--client-id', sandbox.current.clientId];
    const untrusted = await runCli(args, env);
    expect(untrusted.code).toBe(4);
    expect(untrusted.stderr).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(untrusted.stderr).toContain('set NODE_EXTRA_CA_CERTS to the file of its CA certificate');

    const trusted = await runCli(args, {...env, NODE_EXTRA_CA_CERTS: certificate});
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('Initech (customer)');
  });
});
