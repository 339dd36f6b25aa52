// npm run store:check: builds the store packages (Chrome MV3, Firefox MV3 with its sources zip)
// into .output/store, checks that both carry package.json's version, and lints the Firefox build
// with Mozilla's own linter (web-ext lint). It fails on any linter error, and on any warning that
// docs/store/README.md does not explain (the list below), so that a new warning is read by a
// person before it reaches a store. Run by `npm test` (scripts/test.ts) as its own step.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, '.output/store');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const registry = process.env.WXT_REGISTRY_URL ?? '';

/**
 * Warnings docs/store/README.md explains, by linter code and the built file they are found in
 * (file names without their content hash). Anything else fails the check.
 */
const EXPLAINED: { code: string; file: RegExp; why: string }[] = [
  {
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|chunks\/ui-[\w-]+\.js)$/,
    why: "zod 4's probe `Function('')` (does this page allow eval?); the extension's CSP refuses it and zod validates without eval",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/ui-[\w-]+\.js$/,
    why: "react-dom's innerHTML paths (dangerouslySetInnerHTML, which our code never uses, and its <script> creation trick)",
  },
];

const problems: string[] = [];

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n--- ${label}`);
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WXT_OUT_DIR: OUT, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    console.error(`\nstore:check: ${label} failed (exit ${r.status}).`);
    process.exit(1);
  }
  return r.stdout;
}

function manifestVersion(dir: string): string | null {
  const file = join(OUT, dir, 'manifest.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
}

rmSync(OUT, { recursive: true, force: true });
run('wxt zip (Chrome, MV3)', 'npx', ['wxt', 'zip']);
run('wxt zip -b firefox --mv3 (Firefox, MV3, with sources)', 'npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);

const zips = {
  chrome: join(OUT, `antam-${version}-chrome.zip`),
  firefox: join(OUT, `antam-${version}-firefox.zip`),
  sources: join(OUT, `antam-${version}-sources.zip`),
};
for (const [what, file] of Object.entries(zips)) {
  if (!existsSync(file)) problems.push(`the ${what} zip is missing: ${relative(ROOT, file)}`);
  else console.log(`${what}: ${relative(ROOT, file)} (${(statSync(file).size / 1024).toFixed(0)} KB)`);
}
for (const dir of ['chrome-mv3', 'firefox-mv3']) {
  const v = manifestVersion(dir);
  if (v !== version) problems.push(`${dir}/manifest.json has version ${v}, package.json ${version}`);
}

// The Chrome Web Store refuses a package whose name passes 75 characters or whose description
// passes 132, in any language (the manifest takes both from _locales).
for (const locale of ['vi', 'en']) {
  const file = join(OUT, 'chrome-mv3/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  const name = [...(messages.extName?.message ?? '')].length;
  const description = [...(messages.extDescription?.message ?? '')].length;
  if (name === 0 || name > 75) problems.push(`_locales/${locale}: extName has ${name} characters (1–75)`);
  if (description === 0 || description > 132)
    problems.push(`_locales/${locale}: extDescription has ${description} characters (1–132)`);
}

const lintOut = run('web-ext lint (Firefox build)', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  join(OUT, 'firefox-mv3'),
  '--output',
  'json',
  '--no-config-discovery',
]);
interface Message {
  code: string;
  file?: string;
  message: string;
}
const lint = JSON.parse(lintOut.slice(lintOut.indexOf('{'))) as {
  errors: Message[];
  warnings: Message[];
  notices: Message[];
};
for (const e of lint.errors) problems.push(`web-ext lint error ${e.code} in ${e.file ?? '?'}: ${e.message}`);
for (const w of lint.warnings) {
  const known = EXPLAINED.find((x) => x.code === w.code && x.file.test(w.file ?? ''));
  if (known) console.log(`warning ${w.code} in ${w.file} (explained: ${known.why})`);
  else
    problems.push(
      `web-ext lint warning ${w.code} in ${w.file ?? '?'} is not explained in docs/store/README.md: ${w.message}`,
    );
}
for (const n of lint.notices) console.log(`notice ${n.code} in ${n.file ?? '?'}: ${n.message}`);

if (!registry.startsWith('https://')) {
  console.warn(
    `\nNOTE: built against ${registry || 'the default local registry (http://127.0.0.1:8787)'}; ` +
      'a store release is built with WXT_REGISTRY_URL=https://<the production registry>.',
  );
}
if (problems.length > 0) {
  console.error('\nstore:check failed:');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `\nstore:check passed: version ${version}, Chrome and Firefox zips built, web-ext lint 0 errors, ${lint.warnings.length} explained warning(s).`,
);
