import {execFile, spawn} from 'node:child_process';
import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import packageJson from '../package.json' with {type: 'json'};

const root = fileURLToPath(new URL('..', import.meta.url));
// npm run by `npm test` passes its settings down as npm_config_*; the installs here must not inherit them.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

function run(file: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}) {
  return new Promise<{code: number; stdout: string; stderr: string}>((resolve) => {
    execFile(file, args, {cwd: options.cwd ?? root, env: options.env ?? env}, (error, stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr});
    });
  });
}

describe('the npm package', () => {
  it('installs as one package with no dependencies, and runs from there: help, version, sandbox, a switch', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-pack-'));
    // npm test has just built dist/; --ignore-scripts packs that build instead of type-checking again.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder]);
    expect(packed.code).toBe(0);
    const [{filename, files}] = JSON.parse(packed.stdout) as [{filename: string; files: {path: string}[]}];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/THIRD-PARTY-NOTICES', 'LICENSE']));
    expect(
      paths.every((path) => /^(dist\/|LICENSE$|CHANGELOG\.md$|package\.json$|readme\.md$)/.test(path)),
    ).toBe(true);

    const prefix = join(folder, 'prefix');
    const installed = await run('npm', [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--no-audit',
      '--no-fund',
      join(folder, filename),
    ]);
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
    expect(readdirSync(join(prefix, 'lib/node_modules'))).toEqual(['tenant-mode']);
    expect(readdirSync(join(prefix, 'lib/node_modules/tenant-mode'))).not.toContain('node_modules');

    const bin = join(prefix, 'bin/tenant-mode');
    expect((await run(bin, ['--version'])).stdout).toBe(`${packageJson.version}\n`);
    expect((await run(bin, ['switch', '--help'])).stdout).toContain(
      '$ tenant-mode switch <name|uuid> [flags]',
    );

    const sandbox = spawn(bin, ['sandbox', '--json'], {env});
    try {
      const line = await new Promise<string>((resolve) =>
        createInterface({input: sandbox.stdout}).once('line', resolve),
      );
      const info = JSON.parse(line) as {url: string; client_id: string; client_secret: string};
      const config = join(folder, 'config');
      const switched = await run(
        bin,
        ['switch', 'Acme Corp', '--yes', '--json', '--url', info.url, '--client-id', info.client_id],
        {env: {...env, TENANT_MODE_CLIENT_SECRET: info.client_secret, TENANT_MODE_CONFIG_DIR: config}},
      );
      expect(switched.code).toBe(0);
      expect(JSON.parse(switched.stdout)).toMatchObject({
        outcome: 'switched',
        pricing_after: {mode: 'production'},
      });
    } finally {
      sandbox.kill('SIGTERM');
    }
  }, 60_000);
});
