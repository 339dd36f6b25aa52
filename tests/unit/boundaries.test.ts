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

/*
 * The background is the only writer of case data: an extension page reads through the query-only
 * CaseReader and asks the background for every change. So no file under components/ or
 * entrypoints/ (but the background's entry) may reach, through any chain of imports (type-only
 * ones included), the modules that write: the background itself, the writable database class, the
 * write functions of lib/cases. And only the modules that read may touch Dexie at all.
 */
const WRITERS = [
  'lib/background',
  'lib/store/db.ts',
  'lib/cases/cases.ts',
  'lib/cases/drafts.ts',
  'lib/cases/evidence.ts',
  'lib/cases/install-key.ts',
  'lib/cases/my-data.ts',
  'lib/cases/submit.ts',
];
/** Dexie's API, in a page: the read-only handle, its schema, and the live query hook. */
const MAY_USE_DEXIE = ['lib/cases/reader.ts', 'lib/store/schema.ts', 'components/cases/live.ts'];

/** A relative import as the file it names (TypeScript's resolution for our sources), or null. */
function resolveSource(path: string): string | null {
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`]) {
    try {
      if (statSync(join(ROOT, candidate)).isFile() && /\.tsx?$/.test(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

function packagesOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((spec) => !spec.startsWith('.'));
}

/** Every source file `entry` reaches, each with the chain of imports that reaches it. */
function closure(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const target of importsOf(file)) {
      const source = resolveSource(target);
      if (source === null || reached.has(source)) continue;
      reached.set(source, [...(reached.get(file) ?? []), source]);
      queue.push(source);
    }
  }
  return reached;
}

const isWriter = (file: string) => WRITERS.some((w) => file === w || file.startsWith(`${w}/`));

function pageWrites(entries: string[]): string[] {
  const found: string[] = [];
  for (const entry of entries) {
    for (const [file, chain] of closure(entry)) {
      if (isWriter(file)) found.push(chain.join(' → '));
      else if (
        !MAY_USE_DEXIE.includes(file) &&
        packagesOf(file).some((p) => p === 'dexie' || p.startsWith('dexie/'))
      ) {
        found.push(`${chain.join(' → ')} uses dexie`);
      }
    }
  }
  return found;
}

const PAGE_SOURCES = () =>
  [...sourceFiles('components'), ...sourceFiles('entrypoints')].filter(
    (f) => f !== 'entrypoints/background.ts',
  );

describe('only the background writes case data', () => {
  it('finds the writers it looks for (the check itself can fail)', () => {
    // The background's entry reaches every writer: were the walk or the resolution broken, the
    // pages would pass for nothing.
    const fromBackground = pageWrites(['entrypoints/background.ts']);
    for (const writer of ['lib/background/case-writer.ts', 'lib/store/db.ts', 'lib/cases/submit.ts']) {
      expect(fromBackground.some((chain) => chain.endsWith(writer))).toBe(true);
    }
    // The pages' closure is real: it reaches the reader and the messages.
    const fromComplaintPage = closure('entrypoints/complaint/App.tsx');
    expect(fromComplaintPage.has('lib/cases/reader.ts')).toBe(true);
    expect(fromComplaintPage.has('lib/messaging.ts')).toBe(true);
    expect(PAGE_SOURCES()).toContain('components/cases/DraftEditor.tsx');
  });

  it('nothing under components/ or entrypoints/ but the background reaches a module that writes', () => {
    expect(pageWrites(PAGE_SOURCES())).toEqual([]);
  });
});
