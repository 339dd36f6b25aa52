// The extension's part of `npm run bench` (scripts/bench.ts picks this module up): runs
// `npm run bench:extension` (scripts/bench-extension.ts) in its own process and hands back what
// it printed and the numbers it wrote (BENCH_JSON): page cost beside no extension and a do-nothing
// extension in the same run, badge times, registry requests of a 60-card listing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSection } from './bench';

export async function run(): Promise<BenchSection> {
  const json = join(mkdtempSync(join(tmpdir(), 'antam-bench-ext-json-')), 'extension.json');
  const r = spawnSync('npx', ['tsx', join(import.meta.dirname, 'bench-extension.ts')], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_JSON: json },
  });
  if (r.status !== 0) throw new Error(`the extension benchmark failed:\n${r.stdout}\n${r.stderr}`);
  const printed = r.stdout
    .split('\n')
    .filter((line) => !line.startsWith('[registry]'))
    .join('\n')
    .trim();
  return {
    title: 'Extension: page cost, badge times, listing requests (npm run bench:extension)',
    markdown: ['```', printed, '```'],
    data: JSON.parse(readFileSync(json, 'utf8')) as unknown,
  };
}
