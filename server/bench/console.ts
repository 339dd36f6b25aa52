// npm run bench:console — what a browser must download before the console can draw its first
// screen: the scripts and style sheets the built index.html names (entry and module preloads),
// raw and gzipped at level 9 (what nginx or a CDN would send). Budget (issue 10): initial
// JavaScript ≤ 150 KB gzipped. Builds the console first unless BENCH_CONSOLE_NO_BUILD=1. Exits
// non-zero over budget, so a script that grows past it is noticed where it is measured.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../console/dist');
const BUDGET_JS_GZIP = 150 * 1024;

if (process.env.BENCH_CONSOLE_NO_BUILD !== '1') {
  execFileSync('npx', ['vite', 'build', '--config', 'server/console/vite.config.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]*\bsrc="\/console\/([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="\/console\/([^"]+)"/g),
].map((m) => m[1] as string);
if (initial.length === 0) throw new Error('the built index.html names no script: is the build broken?');

let js = 0;
let css = 0;
console.log('file'.padEnd(40), 'raw'.padStart(10), 'gzip'.padStart(10));
for (const file of initial) {
  const bytes = readFileSync(join(DIST, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (file.endsWith('.js')) js += gz;
  else css += gz;
  console.log(
    file.padEnd(40),
    `${(bytes.length / 1024).toFixed(1)} KB`.padStart(10),
    `${(gz / 1024).toFixed(1)} KB`.padStart(10),
  );
}
console.log(
  `initial JavaScript: ${(js / 1024).toFixed(1)} KB gzip (budget ${BUDGET_JS_GZIP / 1024} KB, ${((js / BUDGET_JS_GZIP) * 100).toFixed(0)}% of it)`,
);
console.log(`initial CSS: ${(css / 1024).toFixed(1)} KB gzip`);
if (js > BUDGET_JS_GZIP) {
  console.error('over budget');
  process.exit(1);
}
