// npm test: every test suite, after checking what they need. A missing prerequisite stops the run
// with the command that fixes it; nothing is skipped silently, and under CI=true nothing is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const CI = process.env.CI === 'true';
const problems: string[] = [];
const notes: string[] = [];

const shared = process.env.ANTAM_SHARED_DIR ?? resolve(ROOT, '../shared');
if (!existsSync(resolve(shared, 'fixtures/real'))) {
  problems.push(
    `The real marketplace pages are missing at ${shared}/fixtures/real. Check out shared/ beside this repository, or set ANTAM_SHARED_DIR to its path.`,
  );
}

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    problems.push(
      `TEST_DATABASE_URL is set but PostgreSQL does not answer (${err instanceof Error ? err.message : String(err)}). ` +
        'Start it (e.g. `pg_ctlcluster 15 main start`) or unset TEST_DATABASE_URL to run on SQLite only.',
    );
  } finally {
    await client.end().catch(() => {});
  }
} else if (CI) {
  problems.push(
    'CI=true but TEST_DATABASE_URL is not set: the server suite must run on PostgreSQL too. `bash .ci/run` sets it up.',
  );
} else {
  notes.push(
    'PostgreSQL suite NOT run: TEST_DATABASE_URL is not set. To run it: apt-get install -y postgresql && ' +
      'pg_ctlcluster 15 main start, create a database, then TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db npm test',
  );
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  problems.push(
    `Chromium is missing at ${chromium} (end-to-end tests drive it): sudo apt-get install -y chromium, or set CHROMIUM_PATH.`,
  );
}

if (problems.length > 0) {
  console.error('npm test cannot run yet:');
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

function run(label: string, args: string[]): void {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${label} failed`);
    process.exit(r.status ?? 1);
  }
}

/** Runs one vitest configuration and returns how many of its tests were skipped. */
function vitest(label: string, extra: string[]): number {
  const report = resolve(mkdtempSync(resolve(tmpdir(), 'antam-test-')), 'vitest.json');
  run(label, [
    'vitest',
    'run',
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPendingTests: number;
    numTodoTests: number;
  };
  return summary.numPendingTests + summary.numTodoTests;
}

/** The store packages: both zips built with package.json's version, and web-ext lint clean. */
function storeCheck(): void {
  console.log('\n=== store packages (wxt zip for Chrome and Firefox, web-ext lint) ===');
  const r = spawnSync('npm', ['run', '--silent', 'store:check'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  });
  if (r.status !== 0) {
    console.error(
      "\nThe store packages failed (see above): a zip did not build, its version is not package.json's, " +
        'or web-ext lint found an error or a warning docs/store/README.md does not explain. ' +
        'Reproduce with `npm run store:check`.',
    );
    process.exit(r.status ?? 1);
  }
}

const unitSkipped = vitest(`unit, server (SQLite${pgUrl ? ' and PostgreSQL' : ''}) and extension tests`, []);
storeCheck();
const skipped =
  unitSkipped +
  vitest('end-to-end tests (Chromium with the built extension)', ['--config', 'vitest.e2e.config.ts']);

// Under CI nothing may be skipped: a skipped test would pass in silence.
if (skipped > 0) {
  const message = `${skipped} test(s) were skipped`;
  if (CI) {
    console.error(`\n${message}: under CI=true every test must run.`);
    process.exit(1);
  }
  notes.push(message);
}
for (const n of notes) console.warn(`\nNOTE: ${n}`);
