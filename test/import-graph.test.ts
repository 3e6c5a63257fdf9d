// The import graph of source/ has no circle (type-only imports included: a circle of types is still two files
// that cannot be read one without the other). The direction of the layers is Biome's (biome.json).
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's relative imports (static, dynamic and `export … from`), as files. */
function graph(): Map<string, string[]> {
  const files = [...sources(join(root, 'source')), join(root, 'cli.tsx'), join(root, 'bin.ts')];
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((match) => {
      const path = resolve(dirname(file), match[1] ?? '').replace(/\.js$/, '');
      return [`${path}.ts`, `${path}.tsx`].find((candidate) => known.has(candidate)) ?? path;
    });
    edges.set(
      file,
      targets.filter((target) => known.has(target)),
    );
  }
  return edges;
}

function circles(edges: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('has no circle', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(100);
    const shown = circles(edges).map((circle) => circle.map((file) => relative(root, file)).join(' → '));
    expect(shown).toEqual([]);
  });
});
