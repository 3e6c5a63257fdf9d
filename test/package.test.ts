import {execFile, spawn} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs';
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
  it('packs what it says, installs as one package with no dependencies and no warning, and runs from there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-mode-pack-'));
    // A real `npm pack`, scripts included (prepack builds and writes the SBOM), in a copy of the checkout, so that
    // its rebuild of dist/ cannot pull the bundle from under the other test files running meanwhile.
    const checkout = join(folder, 'checkout');
    cpSync(root, checkout, {
      recursive: true,
      filter: (path) => !/\/(node_modules|dist|\.git)$/.test(path),
    });
    // Hard links: npm's SBOM does not read a node_modules that is a symlink, and a copy of 200 MB is slow.
    expect((await run('cp', ['-al', join(root, 'node_modules'), join(checkout, 'node_modules')])).code).toBe(
      0,
    );
    const packed = await run('npm', ['pack', '--json', '--pack-destination', folder], {cwd: checkout});
    expect(packed.code, packed.stderr).toBe(0);
    const [{filename, files}] = JSON.parse(packed.stdout) as [{filename: string; files: {path: string}[]}];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/cli.js',
        'dist/THIRD-PARTY-NOTICES',
        'dist/sbom.cdx.json',
        'dist/cli-output.schema.json',
        'LICENSE',
      ]),
    );
    expect(
      paths.every((path) => /^(dist\/|docs\/|LICENSE$|CHANGELOG\.md$|package\.json$|readme\.md$)/.test(path)),
    ).toBe(true);
    expect(paths.filter((path) => /\.map$|\.test\.|^test\/|^source\/|bundled-packages/.test(path))).toEqual(
      [],
    );

    // The SBOM names the package and every bundled package; the notices carry each one's licence text.
    const unpacked = join(folder, 'unpacked');
    mkdirSync(unpacked);
    expect((await run('tar', ['-xzf', join(folder, filename), '-C', unpacked])).code).toBe(0);
    const sbom = JSON.parse(readFileSync(join(unpacked, 'package/dist/sbom.cdx.json'), 'utf8')) as {
      metadata: {component: {name: string; version: string}};
      components: {name: string; version: string}[];
    };
    expect(sbom.metadata.component).toMatchObject({name: 'tenant-mode', version: packageJson.version});
    expect(sbom.components.map((component) => component.name)).toEqual(
      expect.arrayContaining(['ink', 'react']),
    );
    const notices = readFileSync(join(unpacked, 'package/dist/THIRD-PARTY-NOTICES'), 'utf8');
    for (const {name, version} of sbom.components) {
      const from = notices.indexOf(`\n${name}@${version} (`);
      expect(from, `${name} in THIRD-PARTY-NOTICES`).toBeGreaterThan(0);
      const section = notices.slice(from + 1).split(/\n(?=\S+@\d[^\n]*\n-{70}\n)/)[0] ?? '';
      // A licence's text, not its name alone ("License: MIT" was all four of them had).
      expect(section.split('\n').length, `${name}'s licence text`).toBeGreaterThan(6);
    }
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
    // No script runs at install and nothing warns (a `prepare` script made npm warn at every install).
    expect(installed.stderr).toBe('');
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
