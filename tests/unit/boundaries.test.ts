/**
 * Import boundaries that keep the registry apart from the extension: the server and the API
 * contract (lib/registry) must never pull in the extension's page readers, content script,
 * background, store or React components. Read from the sources with TypeScript's own pre-processor,
 * so type-only and dynamic imports count too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The repository paths (relative to the root) a file imports; packages are left out. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)));
}

const FORBIDDEN_FOR_REGISTRY = [
  'lib/marketplaces',
  'lib/content',
  'lib/background',
  'lib/store',
  'components',
];

function violations(dirs: string[]): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const target of importsOf(file)) {
      if (FORBIDDEN_FOR_REGISTRY.some((f) => target === f || target.startsWith(`${f}/`))) {
        found.push(`${file} imports ${target}`);
      }
    }
  }
  return found;
}

describe('import boundaries', () => {
  it('finds the imports it checks (the check itself can fail)', () => {
    // A file known to import lib/marketplaces: were the reader broken, every boundary would pass.
    expect(importsOf('lib/content/controller.ts')).toContain('lib/marketplaces');
    expect(violations(['lib/content'])).not.toEqual([]);
  });

  it('nothing under server/ or lib/registry/ imports the extension', () => {
    expect(violations(['server', 'lib/registry'])).toEqual([]);
  });
});
