// npm run bench:registry — seeds 100,000 sellers into a fresh SQLite registry (or the PostgreSQL
// database named by BENCH_DATABASE_URL, which it wipes), then measures cached bucket lookups with
// wrk against the registry and, in the same run, against a bare node:http server answering a fixed
// body of the same size. Budget (DESIGN.md): registry ≥ 0.70 of the bare server's requests/s, and
// p99 ≤ 10 ms at half the registry's maximum rate.
//
// How it stays honest on a small machine (the development machine has 2 cores, shared):
// - Pinning. With taskset and at least 2 CPUs, both servers run on the last CPU and wrk (one
//   thread) on CPU 0, the same for both, so neither server gets a core the other did not and wrk
//   never steals the server's core. BENCH_PIN=0 turns it off. The half-load latency runs that
//   follow are not pinned (see `unpin`): there a free core should absorb a neighbour's burst.
// - Same runtime. Both servers are Node processes started with the same flags (`--import tsx`).
// - Warm-up. Every bucket is fetched once (filling the cache through the app), then each server
//   gets BENCH_WARMUP_SECONDS of load before anything is measured (JIT, socket buffers).
// - Alternating rounds. BENCH_ROUNDS rounds of BENCH_SECONDS each; within a round the two servers
//   run back to back, in alternating order, so drift of the machine hits both. Every round is
//   printed; the verdict uses medians, and the per-round ratios show the spread.
// - CPU per request. The servers' own CPU time (user + system, /proc) per answered request is
//   printed too: other processes on the machine change requests/s far more than they change this,
//   so it tells a slow server from a busy machine. The load average before and after is printed,
//   with a warning when other work was running.
// - Honest load. The registry runs with its rate limiter on (the limit only set above the load),
//   cycles through 4,096 different buckets (each a different 4 KB body), and every answer is a
//   full 200: a run with errors or non-2xx answers is reported as invalid.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../db/connect';
import { waitForLine } from './processes';
import { seedBulkSellers } from './seed-bulk';

const SELLERS = Number(process.env.BENCH_SELLERS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DISTINCT_PREFIXES = 4096;
const BODY_BYTES = 4096;
const ROOT = resolve(import.meta.dirname, '../..');
// CPU time in /proc/<pid>/stat is in clock ticks; 100 per second on every Linux we run on.
const CLOCK_TICKS = 100;

interface Pinning {
  server: string[];
  wrk: string[];
  note: string;
  /** The CPU both servers run on, when pinned. */
  serverCpu?: number;
}

const UNPINNED: Pinning = { server: [], wrk: [], note: 'not pinned' };

/**
 * Lets a running server (every thread of it) use every CPU again. The half-load latency runs are
 * not pinned: on a shared machine a neighbour's burst on the pinned core would stall the server
 * for tens of milliseconds while the other core sits idle, and p99 would measure the neighbour.
 */
function unpin(server: Server): void {
  const pid = server.child.pid;
  if (pid === undefined) return;
  const r = spawnSync('taskset', ['-a', '-p', '-c', `0-${availableParallelism() - 1}`, String(pid)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`could not unpin ${server.name}: ${r.stderr || r.error?.message}`);
}

function pinning(): Pinning {
  const cpus = availableParallelism();
  const hasTaskset = !spawnSync('taskset', ['--version']).error;
  if (process.env.BENCH_PIN === '0' || !hasTaskset || cpus < 2) {
    const why = process.env.BENCH_PIN === '0' ? 'BENCH_PIN=0' : !hasTaskset ? 'no taskset' : 'one CPU';
    return { server: [], wrk: [], note: `not pinned (${why}): the OS places servers and wrk` };
  }
  const last = String(cpus - 1);
  return {
    server: ['taskset', '-c', last],
    wrk: ['taskset', '-c', '0'],
    note: `both servers pinned to CPU ${last}, wrk to CPU 0 (of ${cpus})`,
    serverCpu: cpus - 1,
  };
}

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  paths: string[];
}

function spawnNode(pin: Pinning, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const argv = [...pin.server, process.execPath, '--import', 'tsx', ...args];
  const [cmd, ...rest] = argv as [string, ...string[]];
  return spawn(cmd, rest, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function startRegistry(pin: Pinning, database: string, paths: string[]): Promise<Server> {
  const child = spawnNode(pin, ['server/main.ts'], {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.startsWith('postgres') ? database : '',
    DATA_DIR: database.startsWith('postgres') ? '' : resolve(database, '..'),
    // The limiter still counts every request; the limit is only set beyond the load.
    RATE_LIMIT_REQUESTS: '1000000000',
    DEMO_DATA: '0',
  });
  const url = await waitForLine(child, /listening on (http:\/\/\S+)/);
  return { name: 'registry', url, child, paths };
}

async function startBare(pin: Pinning, bodyBytes: number): Promise<Server> {
  const code = `
    const http = require('node:http');
    const body = Buffer.from(JSON.stringify({ padding: 'x'.repeat(${bodyBytes} - 15) }));
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
  `;
  const child = spawnNode(pin, ['-e', code], process.env);
  const url = await waitForLine(child, /listening on (http:\/\/\S+)/);
  return { name: 'bare', url, child, paths: ['/'] };
}

/** User + system CPU time of a process so far, in µs; undefined where /proc is not available. */
function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1e6) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Time one CPU spent busy so far (user, nice, system, irq, softirq and steal: time taken by the
 * hypervisor counts too), in µs; undefined where /proc/stat is not available.
 */
function cpuBusyMicros(cpu: number | undefined): number | undefined {
  if (cpu === undefined) return undefined;
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`cpu${cpu} `));
    const f = line?.split(/\s+/).slice(1).map(Number);
    if (!f || f.length < 8) return undefined;
    const [user, nice, system, , , irq, softirq, steal] = f as [number, ...number[]];
    const ticks = user + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return Number.isFinite(ticks) ? (ticks * 1e6) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server CPU time per request, µs. */
  cpuPerRequest: number | undefined;
  /**
   * Share of the server's CPU that went to anything but the server during the run (other
   * processes, the hypervisor): what makes requests/s of one round unlike the next.
   */
  others: number | undefined;
}

const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"us":%d,"errors":%d,"non2xx":%d,"p50":%.3f,"p99":%.3f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;

/**
 * One wrk run over the server's paths (cycled; the same Lua request function for both servers).
 * With `rate`, each connection waits so that together they send about `rate` requests/s.
 */
function wrk(
  pin: Pinning,
  server: Server,
  opts: { rate?: number; duration?: number; connections?: number } = {},
): Run {
  const connections = opts.connections ?? CONNECTIONS;
  const script = [
    `local paths = { ${server.paths.map((p) => `"${p}"`).join(', ')} }`,
    'local i = 0',
    'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end',
    opts.rate ? `delay = function() return ${((connections * 1000) / opts.rate).toFixed(3)} end` : '',
    WRK_REPORT,
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'antam-wrk-')), 'bench.lua');
  writeFileSync(file, script);
  const argv = [
    ...pin.wrk,
    'wrk',
    '-t1',
    `-c${connections}`,
    `-d${opts.duration ?? DURATION}s`,
    '--timeout',
    '5s',
    '-s',
    file,
    server.url,
  ];
  const [cmd, ...rest] = argv as [string, ...string[]];
  const cpuBefore = cpuMicros(server.child.pid);
  const busyBefore = cpuBusyMicros(pin.serverCpu);
  const r = spawnSync(cmd, rest, { encoding: 'utf8' });
  const cpuAfter = cpuMicros(server.child.pid);
  const busyAfter = cpuBusyMicros(pin.serverCpu);
  const m = /RESULT (\{.*\})/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m?.[1])
    throw new Error(`wrk against ${server.name} failed: ${r.stderr || r.stdout}`);
  const x = JSON.parse(m[1]) as {
    requests: number;
    us: number;
    errors: number;
    non2xx: number;
    p50: number;
    p99: number;
  };
  const cpuPerRequest =
    cpuBefore !== undefined && cpuAfter !== undefined && x.requests > 0
      ? (cpuAfter - cpuBefore) / x.requests
      : undefined;
  const others =
    cpuBefore !== undefined && cpuAfter !== undefined && busyBefore !== undefined && busyAfter !== undefined
      ? Math.max(0, busyAfter - busyBefore - (cpuAfter - cpuBefore)) / x.us
      : undefined;
  return {
    rps: x.requests / (x.us / 1e6),
    p50: x.p50,
    p99: x.p99,
    errors: x.errors,
    non2xx: x.non2xx,
    cpuPerRequest,
    others,
  };
}

/**
 * wrk's delay runs between an answer and the next request, so the achieved rate falls short of
 * the asked one by the latency; one short calibration run corrects the asked rate. Then `runs`
 * measured runs: a p99 is one bad moment of the machine away from another, so each is printed
 * and the median is the verdict.
 */
function pacedAt(pin: Pinning, server: Server, rate: number, runs: number): Run[] {
  const probe = wrk(pin, server, { rate, duration: 2 });
  const asked = (rate * rate) / Math.max(1, probe.rps);
  return Array.from({ length: runs }, () => wrk(pin, server, { rate: asked }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function cpuText(us: number | undefined): string {
  return us === undefined ? 'cpu n/a' : `cpu ${us.toFixed(1).padStart(5)} µs/req`;
}

function fmt(r: Run): string {
  const parts = [
    `${r.rps.toFixed(0).padStart(7)} req/s`,
    `p50 ${r.p50.toFixed(1).padStart(5)} ms`,
    `p99 ${r.p99.toFixed(1).padStart(5)} ms`,
    cpuText(r.cpuPerRequest),
  ];
  if (r.others !== undefined) parts.push(`others on its CPU ${(r.others * 100).toFixed(0).padStart(2)}%`);
  if (r.errors || r.non2xx) parts.push(`errors ${r.errors} non-2xx ${r.non2xx}`);
  return parts.join('   ');
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('bench:registry needs wrk: apt-get install -y wrk');
    process.exit(1);
  }
  const pin = pinning();
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const location = pgUrl ?? join(mkdtempSync(join(tmpdir(), 'antam-bench-')), 'registry.sqlite');
  console.log(
    `An Tâm registry benchmark — ${SELLERS.toLocaleString('en')} sellers on ${pgUrl ? 'PostgreSQL' : 'SQLite'}`,
  );
  console.log(
    `${ROUNDS} rounds × ${DURATION} s per server, ${WARMUP} s warm-up, wrk 1 thread × ${CONNECTIONS} connections; ${pin.note}`,
  );
  const loadBefore = loadavg()[0] ?? 0;
  console.log(`load average before: ${load()}`);
  const setup = openDatabase(location);
  if (pgUrl) {
    await sql`drop schema if exists public cascade`.execute(setup.db);
    await sql`create schema public`.execute(setup.db);
  }
  await migrateToLatest(setup.db);
  let t = performance.now();
  await seedBulkSellers(setup.db, SELLERS, new Date());
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await setup.close();

  // Random but fixed prefixes, most of which hold one or two sellers (65,536 buckets).
  const prefixes = Array.from({ length: DISTINCT_PREFIXES }, (_, i) =>
    ((i * 2654435761) % 65536).toString(16).padStart(4, '0'),
  );
  const paths = prefixes.map((p) => `/v1/buckets/${p}`);

  const registry = await startRegistry(pin, location, paths);
  const bare = await startBare(pin, BODY_BYTES);
  try {
    t = performance.now();
    for (const p of paths) {
      const res = await fetch(registry.url + p);
      if (res.status !== 200) throw new Error(`bucket ${p}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    const coldMs = (performance.now() - t) / paths.length;
    console.log(`cold bucket (database read + serialise), sequential: ${coldMs.toFixed(2)} ms each`);
    const sample = await fetch(registry.url + paths[0]);
    const bodyBytes = (await sample.arrayBuffer()).byteLength;
    console.log(
      `bucket body: ${bodyBytes} bytes (padded), ${DISTINCT_PREFIXES} different buckets; bare server: one ${BODY_BYTES}-byte body`,
    );

    wrk(pin, bare, { duration: WARMUP });
    wrk(pin, registry, { duration: WARMUP });

    const bareRuns: Run[] = [];
    const regRuns: Run[] = [];
    const roundRatios: number[] = [];
    console.log('\nrounds (maximum load)');
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which server goes first, so a machine that drifts during a round favours neither.
      const order = r % 2 === 0 ? [bare, registry] : [registry, bare];
      const runs = new Map<Server, Run>();
      for (const s of order) runs.set(s, wrk(pin, s));
      const b = runs.get(bare) as Run;
      const g = runs.get(registry) as Run;
      bareRuns.push(b);
      regRuns.push(g);
      roundRatios.push(g.rps / b.rps);
      console.log(`  ${r + 1}  bare      ${fmt(b)}`);
      console.log(`     registry  ${fmt(g)}   ratio ${(g.rps / b.rps).toFixed(2)}`);
    }

    let invalid = [...bareRuns, ...regRuns].some((x) => x.errors > 0 || x.non2xx > 0);
    const bareRps = median(bareRuns.map((x) => x.rps));
    const regRps = median(regRuns.map((x) => x.rps));
    const ratio = regRps / bareRps;
    const cpuB = bareRuns.map((x) => x.cpuPerRequest).filter((x) => x !== undefined);
    const cpuR = regRuns.map((x) => x.cpuPerRequest).filter((x) => x !== undefined);

    console.log(`\nmaximum load, medians of ${ROUNDS} rounds`);
    console.log(
      `  bare node:http  ${bareRps.toFixed(0).padStart(7)} req/s   p99 ${median(bareRuns.map((x) => x.p99)).toFixed(1)} ms${cpuB.length ? `   cpu ${median(cpuB).toFixed(1)} µs/req` : ''}`,
    );
    console.log(
      `  registry        ${regRps.toFixed(0).padStart(7)} req/s   p99 ${median(regRuns.map((x) => x.p99)).toFixed(1)} ms${cpuR.length ? `   cpu ${median(cpuR).toFixed(1)} µs/req` : ''}`,
    );
    console.log(
      `  ratio registry/bare: ${ratio.toFixed(2)} (budget ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'MISSED'}); per round ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}, median ${median(roundRatios).toFixed(2)}`,
    );
    if (cpuB.length && cpuR.length) {
      console.log(
        `  CPU cost ratio bare/registry: ${(median(cpuB) / median(cpuR)).toFixed(2)} (the throughput ratio a quiet machine should show)`,
      );
    }

    const half = Math.round(regRps / 2);
    const HALF_RUNS = 3;
    if (pin.serverCpu !== undefined) {
      unpin(registry);
      unpin(bare);
    }
    console.log(
      `\nhalf of the registry's maximum (${half} req/s, paced), ${HALF_RUNS} runs each, servers and wrk not pinned`,
    );
    const regHalf = pacedAt(UNPINNED, registry, half, HALF_RUNS);
    for (const r of regHalf) console.log(`  registry        ${fmt(r)}`);
    const bareHalf = pacedAt(UNPINNED, bare, half, HALF_RUNS);
    for (const r of bareHalf) console.log(`  bare node:http  ${fmt(r)}`);
    const regP99 = median(regHalf.map((x) => x.p99));
    console.log(
      `  median p99: registry ${regP99.toFixed(1)} ms (budget ≤ 10 ms: ${regP99 <= 10 ? 'met' : 'MISSED'}), bare ${median(bareHalf.map((x) => x.p99)).toFixed(1)} ms`,
    );
    if ([...regHalf, ...bareHalf].some((x) => x.errors > 0 || x.non2xx > 0)) invalid = true;

    const loadAfter = loadavg()[0] ?? 0;
    console.log(`\nload average after: ${load()}`);
    // This benchmark itself keeps about one core busy; more than that was someone else's work.
    if (Math.max(loadBefore, loadAfter) > 1.5) {
      console.log(
        'WARNING: other processes were using the CPU during this run; requests/s are unreliable (compare the CPU per request, and run again on a quiet machine).',
      );
    }
    if (invalid) {
      console.log('INVALID: some answers were errors or non-2xx (see the rounds above).');
      process.exitCode = 1;
    }
  } finally {
    registry.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
