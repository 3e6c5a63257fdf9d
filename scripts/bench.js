// `npm run bench`: the figures we report. Start-up of the bundled CLI (median of 15 runs;
// 5 proved too few on a 2-core machine: medians of 5 ranged 200–235 ms), and the client's calls
// against the embedded sandbox over real sockets on loopback (median of 20), including paging through 5,000
// customers. Times are wall clock on this machine; compare runs on the same machine only.
import {execFileSync} from 'node:child_process';
import {build} from 'esbuild';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const time = async (action) => {
  const start = performance.now();
  await action();
  return performance.now() - start;
};
const report = (label, ms) => console.log(`${label.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms`);

// Interleaved with plain node, so that a busy moment of the machine weighs on both alike.
const startups = [];
const baseline = [];
for (let run = 0; run < 15; run++) {
  startups.push(await time(() => execFileSync(process.execPath, ['dist/cli.js', '--version'])));
  baseline.push(await time(() => execFileSync(process.execPath, ['-e', ''])));
}
report('tenant-mode --version (median of 15)', median(startups));
report("node -e '' for comparison (median of 15)", median(baseline));

// The library code is TypeScript: bundle it once into a temporary module to import it from plain node.
await build({
  stdin: {
    contents: "export * from './source/platform/index.js'; export * from './source/sandbox/index.js';",
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: 'dist/bench-lib.js',
  packages: 'external',
  logLevel: 'warning',
});
const {PlatformClient, startSandbox} = await import('../dist/bench-lib.js');

const sandbox = await startSandbox({tenants: 5000});
const client = () =>
  new PlatformClient({
    dataCenter: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
  });
const signedIn = client();
await signedIn.authenticate();
const ids = [...sandbox.world.tenants.values()]
  .filter((tenant) => tenant.name.startsWith('Customer '))
  .map((t) => t.id);

const measure = async (label, action, runs = 20) => {
  const times = [];
  for (let run = 0; run < runs; run++) times.push(await time(() => action(run)));
  report(`${label} (median of ${runs})`, median(times));
};
await measure('token: POST /idp/token', () => client().authenticate());
await measure('search by name among 5,000', () => signedIn.searchTenants('Customer 04242'));
await measure('GET /tenants/{id}/pricing', (run) => signedIn.getPricing(ids[run]));
await measure('switch: PUT /tenants/{id}/pricing', async (run) => {
  const id = ids[100 + run];
  await signedIn.switchToProduction(id, (await signedIn.getPricing(id)).version);
});
await measure(
  'list 5,011 children, pages of 500',
  () => signedIn.listChildren(sandbox.tenantId, {pageSize: 500}),
  5,
);
await sandbox.close();
{
  const times = [];
  for (let run = 0; run < 5; run++) {
    times.push(await time(async () => (await startSandbox({tenants: 5000})).close()));
  }
  report('start a sandbox with 5,000 extra customers (median of 5)', median(times));
}
