// `npm pack` (prepack): a CycloneDX SBOM of what the package ships. The bundle holds its dependencies' code, so
// users' `npm audit` cannot see them; this lists exactly the bundled packages (dist/bundled-packages.json, written
// by scripts/bundle.js), as npm's own `npm sbom` describes them.
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';

const bundled = new Set(JSON.parse(readFileSync('dist/bundled-packages.json', 'utf8')));
const sbom = JSON.parse(
  execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);
// In this repository they are devDependencies (the bundle is the only runtime file); in the package, required.
const components = sbom.components
  .filter((component) => bundled.has(`${component.name}@${component.version}`))
  .map(({properties, ...component}) => ({
    ...component,
    scope: 'required',
    properties: (properties ?? []).filter((property) => property.name !== 'cdx:npm:package:development'),
  }));
const refs = new Set(components.map((component) => component['bom-ref']));
// npm names the root after the folder it was run in (a clone in ./main is "main"): the package is tenant-mode.
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
sbom.metadata.component.name = manifest.name;
sbom.metadata.component.version = manifest.version;
const root = sbom.metadata.component['bom-ref'];
sbom.components = components;
sbom.dependencies = [{ref: root, dependsOn: [...refs].sort()}];
writeFileSync('dist/sbom.cdx.json', `${JSON.stringify(sbom, null, 2)}\n`);
const missing = [...bundled].filter(
  (id) => !components.some((component) => `${component.name}@${component.version}` === id),
);
if (missing.length > 0) throw new Error(`bundled but not in npm's SBOM: ${missing.join(', ')}`);
console.error(`dist/sbom.cdx.json: ${components.length} bundled packages`);
