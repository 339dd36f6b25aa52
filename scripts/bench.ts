// npm run bench — every benchmark, written to bench/results.md and bench/results.json.
//
// Registry part (issue 13): for each engine (SQLite; PostgreSQL when BENCH_DATABASE_URL — a
// database it may wipe, never while a test suite uses it — is set or the default answers) and each size (BENCH_SIZES, default 10000,100000,1000000
// sellers): bulk seeding timed (facts + derived buckets), the registry's start time and memory
// (RSS), then with wrk, uniform random 4-hex prefixes over the whole keyspace (what shoppers
// produce), alternating with a bare node:http server answering bodies of the same size in the same
// run: GET /v1/buckets/{prefix}, and POST /v1/lookup with 60 random prefixes (bytes/s compared).
// Then complaint submissions per second, and the cached deployment (deploy/local.ts: two nodes
// behind nginx proxy_cache on PostgreSQL) against the same bare server.
//
// Extension part: the page-cost benchmark is another engineer's; `EXTENSION_SECTIONS` is its slot
// (a module exporting `run(): Promise<BenchSection>` at scripts/bench-page-cost.ts is picked up).
//
// Honest on a small shared machine: both servers are Node processes started the same way, pinned
// to the same CPU (wrk on another) when taskset and 2+ CPUs exist; rounds alternate which server
// goes first; every number is printed with the load average, and ratios use medians of rounds.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { findNginx, startLocalDeployment } from '../deploy/local';
import { PLATFORMS } from '../lib/registry/seller-key';
import { waitForLine } from '../server/bench/processes';
import { seedBulkSellers } from '../server/bench/seed-bulk';
import { migrateToLatest, openDatabase } from '../server/db/connect';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const LOOKUP_PREFIXES = 60;
const DEFAULT_PG = 'postgres://antam:antam@127.0.0.1:5432/antam_h3';

export interface BenchSection {
  title: string;
  /** Lines of Markdown (a table, notes). */
  markdown: string[];
  data: unknown;
}

/** The extension's page cost, badge times and listing requests: filled in by its own benchmark. */
async function extensionSections(): Promise<BenchSection[]> {
  const hook = join(ROOT, 'scripts/bench-page-cost.ts');
  if (!existsSync(hook)) {
    return [
      {
        title: 'Extension: page cost, badge times, listing requests',
        markdown: [
          'Not measured here yet: scripts/bench-page-cost.ts (`run(): Promise<BenchSection>`) is its slot.',
        ],
        data: null,
      },
    ];
  }
  const mod = (await import(hook)) as { run(): Promise<BenchSection | BenchSection[]> };
  const out = await mod.run();
  return Array.isArray(out) ? out : [out];
}

// ---------------------------------------------------------------- processes and measurements

interface Pinning {
  server: string[];
  wrk: string[];
  note: string;
}

function pinning(): Pinning {
  const n = availableParallelism();
  if (process.env.BENCH_PIN === '0' || spawnSync('taskset', ['--version']).error || n < 2) {
    return { server: [], wrk: [], note: 'not pinned' };
  }
  return {
    server: ['taskset', '-c', String(n - 1)],
    wrk: ['taskset', '-c', '0'],
    note: `servers pinned to CPU ${n - 1}, wrk to CPU 0`,
  };
}

function spawnNode(pin: Pinning, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const [cmd, ...rest] = [...pin.server, process.execPath, '--import', 'tsx', ...args] as [
    string,
    ...string[],
  ];
  return spawn(cmd, rest, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The process's resident memory now, and its peak, in MB (Linux /proc). */
function memoryOf(pid: number | undefined): { rssMb: number; peakMb: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** The server's own process id under taskset (which execs, so it is the same pid). */
function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
  } catch {
    return undefined;
  }
}

interface Server {
  name: string;
  url: string;
  child?: ChildProcess;
  /** For servers we did not start (nginx), the pid whose CPU we read. */
  pid?: number;
}

async function startRegistryProcess(
  pin: Pinning,
  location: string,
  waitForSnapshot = true,
): Promise<Server & { startMs: number }> {
  const t = performance.now();
  const child = spawnNode(pin, ['server/main.ts'], {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: location.startsWith('postgres') ? location : '',
    DATA_DIR: location.startsWith('postgres') ? '' : resolve(location, '..'),
    RATE_LIMIT_REQUESTS: '1000000000',
    COMPLAINTS_PER_HOUR: '0',
    DEMO_DATA: '0',
  });
  const url = await waitForLine(child, /listening on (http:\/\/\S+)/);
  const startMs = performance.now() - t;
  // The daily open-data snapshot runs 5 s after start (server/serve.ts) and reads every record:
  // measured lookups wait until it is done, so they measure lookups.
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const until = Date.now() + 600_000;
  while (
    waitForSnapshot &&
    !/open-data snapshot/.test(out) &&
    Date.now() < until &&
    child.exitCode === null
  ) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name: 'registry', url, child, startMs };
}

/** A bare node:http server answering every request with `bytes` bytes (reading any body first). */
async function startBare(pin: Pinning, bytes: number): Promise<Server> {
  const code = `
    const http = require('node:http');
    const body = Buffer.alloc(${bytes}, 32);
    http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
        res.end(body);
      });
    }).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });
  `;
  const child = spawnNode(pin, ['-e', code], process.env);
  return { name: 'bare', url: await waitForLine(child, /listening on (http:\/\/\S+)/), child };
}

interface Run {
  rps: number;
  bytesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuPerRequest?: number;
}

const REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nRESULT {"requests":%d,"bytes":%d,"us":%d,"errors":%d,"non2xx":%d,"p50":%.3f,"p99":%.3f}\\n',
    summary.requests, summary.bytes, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
`;

/** Uniform random 4-hex prefixes over the whole keyspace: one per GET, or 60 per POST. */
function script(kind: 'get' | 'post'): string {
  const seed = 'math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))';
  const hex = 'string.format("%04x", math.random(0, 65535))';
  if (kind === 'get') {
    return [seed, `request = function() return wrk.format("GET", "/v1/buckets/" .. ${hex}) end`, REPORT].join(
      '\n',
    );
  }
  return [
    seed,
    'local headers = { ["Content-Type"] = "application/json" }',
    'request = function()',
    '  local p = {}',
    `  for i = 1, ${LOOKUP_PREFIXES} do p[i] = '"' .. ${hex} .. '"' end`,
    '  return wrk.format("POST", "/v1/lookup", headers, \'{"prefixes":[\' .. table.concat(p, ",") .. "]}")',
    'end',
    REPORT,
  ].join('\n');
}

function wrk(pin: Pinning, server: Server, kind: 'get' | 'post', seconds = DURATION): Run {
  const file = join(mkdtempSync(join(tmpdir(), 'antam-wrk-')), 'bench.lua');
  writeFileSync(file, script(kind));
  const [cmd, ...rest] = [
    ...(pin.wrk.length > 0 ? pin.wrk : []),
    'wrk',
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--timeout',
    '5s',
    '-s',
    file,
    server.url,
  ] as unknown as [string, ...string[]];
  const pid = server.child?.pid ?? server.pid;
  const before = cpuMicros(pid);
  const r = spawnSync(cmd, rest, { encoding: 'utf8' });
  const after = cpuMicros(pid);
  const m = /RESULT (\{.*\})/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m?.[1])
    throw new Error(`wrk against ${server.name} failed: ${r.stderr || r.stdout}`);
  const x = JSON.parse(m[1]) as Record<string, number>;
  const secs = (x.us as number) / 1e6;
  return {
    rps: (x.requests as number) / secs,
    bytesPerSecond: (x.bytes as number) / secs,
    p50: x.p50 as number,
    p99: x.p99 as number,
    errors: x.errors as number,
    non2xx: x.non2xx as number,
    cpuPerRequest:
      before !== undefined && after !== undefined && x.requests
        ? (after - before) / (x.requests as number)
        : undefined,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface Compared {
  registry: Run;
  bare: Run;
  /** Registry bytes/s over bare bytes/s (medians of rounds). */
  ratio: number;
  rounds: number[];
  invalid: boolean;
}

/** Rounds alternating which server goes first; medians of each server's runs. */
function compare(pin: Pinning, registry: Server, bare: Server, kind: 'get' | 'post'): Compared {
  wrk(pin, bare, kind, 2);
  wrk(pin, registry, kind, 2);
  const reg: Run[] = [];
  const bar: Run[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['bare', 'registry'] as const) : (['registry', 'bare'] as const);
    for (const who of order) {
      if (who === 'bare') bar.push(wrk(pin, bare, kind));
      else reg.push(wrk(pin, registry, kind));
    }
  }
  const med = (runs: Run[]): Run => ({
    rps: median(runs.map((x) => x.rps)),
    bytesPerSecond: median(runs.map((x) => x.bytesPerSecond)),
    p50: median(runs.map((x) => x.p50)),
    p99: median(runs.map((x) => x.p99)),
    errors: runs.reduce((a, x) => a + x.errors, 0),
    non2xx: runs.reduce((a, x) => a + x.non2xx, 0),
    cpuPerRequest: runs.every((x) => x.cpuPerRequest !== undefined)
      ? median(runs.map((x) => x.cpuPerRequest as number))
      : undefined,
  });
  const registryRun = med(reg);
  const bareRun = med(bar);
  return {
    registry: registryRun,
    bare: bareRun,
    ratio: registryRun.bytesPerSecond / bareRun.bytesPerSecond,
    rounds: reg.map((x, i) => x.bytesPerSecond / (bar[i] as Run).bytesPerSecond),
    invalid: [...reg, ...bar].some((x) => x.errors > 0 || x.non2xx > 0),
  };
}

/** Mean answer size of `n` random lookups of each kind, to give the bare server the same body. */
async function answerSizes(url: string, n = 64): Promise<{ get: number; post: number }> {
  const hex = () =>
    Math.floor(Math.random() * 65536)
      .toString(16)
      .padStart(4, '0');
  let get = 0;
  let post = 0;
  for (let i = 0; i < n; i++) {
    get += (await (await fetch(`${url}/v1/buckets/${hex()}`)).arrayBuffer()).byteLength;
  }
  for (let i = 0; i < n / 4; i++) {
    const res = await fetch(`${url}/v1/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefixes: Array.from({ length: LOOKUP_PREFIXES }, hex) }),
    });
    if (res.status !== 200) throw new Error(`POST /v1/lookup: HTTP ${res.status} ${await res.text()}`);
    post += (await res.arrayBuffer()).byteLength;
  }
  return { get: Math.round(get / n), post: Math.round(post / (n / 4)) };
}

// ---------------------------------------------------------------- the registry at each size

interface SizeResult {
  engine: 'sqlite' | 'postgres';
  sellers: number;
  seedSeconds: number;
  startMs: number;
  rssMb: number | null;
  peakRssMb: number | null;
  getBytes: number;
  postBytes: number;
  get: Compared;
  post: Compared;
}

/** A fresh SQLite file, or the PostgreSQL database's public schema wiped (a database it may wipe). */
async function freshLocation(engine: 'sqlite' | 'postgres', pgUrl: string): Promise<string> {
  if (engine === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'antam-bench-')), 'registry.sqlite');
  const admin = openDatabase(pgUrl);
  await sql`drop schema if exists public cascade`.execute(admin.db);
  await sql`create schema public`.execute(admin.db);
  await admin.close();
  return pgUrl;
}

async function measureSize(
  pin: Pinning,
  engine: 'sqlite' | 'postgres',
  sellers: number,
  pgUrl: string,
): Promise<{ result: SizeResult; location: string }> {
  const location = await freshLocation(engine, pgUrl);
  const setup = openDatabase(location);
  await migrateToLatest(setup.db);
  const t = performance.now();
  await seedBulkSellers(setup.db, sellers, new Date());
  const seedSeconds = (performance.now() - t) / 1000;
  await setup.close();
  console.log(
    `  seeded ${sellers.toLocaleString('en')} sellers (facts and buckets) in ${seedSeconds.toFixed(1)} s`,
  );

  const registry = await startRegistryProcess(pin, location);
  try {
    const sizes = await answerSizes(registry.url);
    const bareGet = await startBare(pin, sizes.get);
    const barePost = await startBare(pin, sizes.post);
    try {
      const get = compare(pin, registry, bareGet, 'get');
      const post = compare(pin, registry, barePost, 'post');
      const mem = memoryOf(registry.child?.pid);
      const result: SizeResult = {
        engine,
        sellers,
        seedSeconds,
        startMs: registry.startMs,
        rssMb: mem?.rssMb ?? null,
        peakRssMb: mem?.peakMb ?? null,
        getBytes: sizes.get,
        postBytes: sizes.post,
        get,
        post,
      };
      console.log(
        `  start ${registry.startMs.toFixed(0)} ms, RSS ${mem?.rssMb.toFixed(0)} MB (peak ${mem?.peakMb.toFixed(0)})\n` +
          `  GET  ${get.registry.rps.toFixed(0)} req/s vs bare ${get.bare.rps.toFixed(0)} (${sizes.get} B): ${get.ratio.toFixed(2)}×, p99 ${get.registry.p99.toFixed(1)} ms\n` +
          `  POST ${post.registry.rps.toFixed(0)} req/s vs bare ${post.bare.rps.toFixed(0)} (${sizes.post} B): ${post.ratio.toFixed(2)}×, p99 ${post.registry.p99.toFixed(1)} ms`,
      );
      return { result, location };
    } finally {
      bareGet.child?.kill('SIGTERM');
      barePost.child?.kill('SIGTERM');
    }
  } finally {
    registry.child?.kill('SIGTERM');
  }
}

/** Complaints accepted per second: 16 submitters with fresh idempotency and install keys. */
async function complaintsPerSecond(pin: Pinning, location: string, sellers: number) {
  // Today's open-data snapshot exists already (the lookups' run made it).
  const registry = await startRegistryProcess(pin, location, false);
  try {
    const seconds = DURATION;
    const until = Date.now() + seconds * 1000;
    let accepted = 0;
    let refused = 0;
    let n = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() < until) {
          const i = n++;
          const s = (i * 7919) % sellers;
          const res = await fetch(`${registry.url}/v1/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${Date.now()}-${i}` },
            body: JSON.stringify({
              seller: `${PLATFORMS[s % PLATFORMS.length]}:${1_000_000_000 + s}`,
              installKey: `bench-install-${i}`,
              order: {
                orderCode: `BENCH${i}`,
                orderDate: new Date().toISOString().slice(0, 10),
                items: [{ title: 'Áo thun', productId: '1', variant: null, quantity: 1, unitPrice: 100000 }],
                total: 100000,
                currency: 'VND',
              },
              category: 'not_as_described',
              desiredOutcome: 'refund',
              description: 'Hàng không đúng mô tả (thử tải).',
              consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
            }),
          });
          await res.arrayBuffer();
          if (res.status === 201) accepted++;
          else refused++;
        }
      }),
    );
    return { perSecond: accepted / seconds, accepted, refused, seconds };
  } finally {
    registry.child?.kill('SIGTERM');
  }
}

/** The cached deployment: two nodes behind nginx on the PostgreSQL data, random GETs. */
async function cachedDeployment(pin: Pinning, location: string, sellers: number) {
  if (!findNginx()) return { skipped: 'nginx is not installed: apt-get install -y nginx' } as const;
  const deployment = await startLocalDeployment({
    databaseUrl: location,
    nodes: 2,
    maxAgeSeconds: 60,
    env: { RATE_LIMIT_REQUESTS: '0' },
  });
  try {
    const nginxPid = deployment.nginxPid;
    const server: Server = { name: 'nginx', url: deployment.url, pid: nginxPid };
    const sizes = await answerSizes(deployment.url, 32);
    // Warm the cache over the whole keyspace once (65,536 buckets), as hours of shoppers would.
    const warm = wrk({ server: [], wrk: pin.wrk, note: '' }, server, 'get', 20);
    const bare = await startBare(pin, sizes.get);
    try {
      const runs = compare({ server: [], wrk: pin.wrk, note: pin.note }, server, bare, 'get');
      const origin = deployment.originLog().filter((l) => l.includes('/v1/buckets/')).length;
      console.log(
        `  through nginx: ${runs.registry.rps.toFixed(0)} req/s vs bare ${runs.bare.rps.toFixed(0)}: ${runs.ratio.toFixed(2)}×; ` +
          `${origin} origin requests in all (warm-up ${warm.rps.toFixed(0)} req/s)`,
      );
      return { sellers, getBytes: sizes.get, runs, originRequests: origin, warmupRps: warm.rps };
    } finally {
      bare.child?.kill('SIGTERM');
    }
  } finally {
    await deployment.close();
  }
}

async function pgAvailable(url: string): Promise<boolean> {
  const probe = openDatabase(url);
  try {
    await sql`select 1`.execute(probe.db);
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

// ---------------------------------------------------------------- report

function fx(x: number, digits = 2): string {
  return x.toFixed(digits);
}

function registryMarkdown(results: SizeResult[]): string[] {
  const lines = [
    '| engine | sellers | seed (s) | start (ms) | RSS (MB) | GET req/s (bare) | GET ratio | GET p99 ms | 60-prefix POST req/s (bare) | POST bytes/s ratio | POST p99 ms | GET CPU µs/req |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.engine} | ${r.sellers.toLocaleString('en')} | ${fx(r.seedSeconds, 1)} | ${r.startMs.toFixed(0)} | ${r.rssMb?.toFixed(0) ?? 'n/a'} | ${r.get.registry.rps.toFixed(0)} (${r.get.bare.rps.toFixed(0)}) | ${fx(r.get.ratio)}× | ${fx(r.get.registry.p99, 1)} | ${r.post.registry.rps.toFixed(0)} (${r.post.bare.rps.toFixed(0)}) | ${fx(r.post.ratio)}× | ${fx(r.post.registry.p99, 1)} | ${r.get.registry.cpuPerRequest?.toFixed(0) ?? 'n/a'} |`,
    );
  }
  lines.push('');
  lines.push('Budgets (issue 13):');
  for (const engine of ['sqlite', 'postgres'] as const) {
    const rows = results.filter((r) => r.engine === engine);
    if (rows.length === 0) continue;
    for (const r of rows) {
      lines.push(
        `- ${engine} ${r.sellers.toLocaleString('en')}: GET ${fx(r.get.ratio)}× bare (≥ 0.8: ${r.get.ratio >= 0.8 ? 'met' : 'MISSED'}), ` +
          `POST ${fx(r.post.ratio)}× bare bytes/s (≥ 0.7: ${r.post.ratio >= 0.7 ? 'met' : 'MISSED'}), ` +
          `RSS ${r.rssMb?.toFixed(0)} MB (≤ 300: ${(r.rssMb ?? 0) <= 300 ? 'met' : 'MISSED'}), start ${r.startMs.toFixed(0)} ms (≤ 3000: ${r.startMs <= 3000 ? 'met' : 'MISSED'})` +
          (r.get.invalid || r.post.invalid ? ' — INVALID: errors or non-2xx answers' : ''),
      );
    }
    const small = rows.find((r) => r.sellers === Math.min(...rows.map((x) => x.sellers)));
    const big = rows.find((r) => r.sellers === Math.max(...rows.map((x) => x.sellers)));
    if (small && big && small !== big) {
      // Cost per lookup: the server's CPU per answered GET, and per byte answered (buckets grow
      // with the registry at a fixed 4-hex prefix, so bytes per answer grow too).
      const cpuRatio =
        (big.get.registry.cpuPerRequest ?? Number.NaN) / (small.get.registry.cpuPerRequest ?? Number.NaN);
      const timeRatio = small.get.registry.rps / big.get.registry.rps;
      const perByte =
        (big.get.registry.cpuPerRequest ?? Number.NaN) /
        big.getBytes /
        ((small.get.registry.cpuPerRequest ?? Number.NaN) / small.getBytes);
      lines.push(
        `- ${engine} cost per lookup at ${big.sellers.toLocaleString('en')} vs ${small.sellers.toLocaleString('en')}: CPU per GET ${fx(cpuRatio)}×, time per GET (1/req/s) ${fx(timeRatio)}× (≤ 1.2: ${timeRatio <= 1.2 ? 'met' : 'MISSED'}), CPU per byte answered ${fx(perByte)}×; bodies ${small.getBytes} → ${big.getBytes} B`,
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error)
    throw new Error('npm run bench needs wrk: apt-get install -y wrk');
  const pin = pinning();
  const pgUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_PG;
  const engines: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (process.env.BENCH_ENGINES)
    engines.splice(0, 1, ...(process.env.BENCH_ENGINES.split(',') as ('sqlite' | 'postgres')[]));
  else if (await pgAvailable(pgUrl)) engines.push('postgres');
  const machine = `${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`;
  const started = new Date();
  console.log(
    `npm run bench — ${machine}; ${pin.note}; load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );

  const results: SizeResult[] = [];
  let complaints: Awaited<ReturnType<typeof complaintsPerSecond>> | null = null;
  let cached: Awaited<ReturnType<typeof cachedDeployment>> | null = null;
  const writeReport = async (final: boolean) => {
    const sections: BenchSection[] = [
      {
        title:
          'Registry lookups (uniform random 4-hex prefixes over the whole keyspace, beside bare node:http)',
        markdown: registryMarkdown(results),
        data: results,
      },
      {
        title: 'Complaint submissions',
        markdown: complaints
          ? [
              `${complaints.perSecond.toFixed(1)} complaints accepted per second (16 concurrent submitters, ${complaints.seconds} s, SQLite ${SIZES[0]?.toLocaleString('en')} sellers; ${complaints.refused} refused)`,
            ]
          : ['not measured'],
        data: complaints,
      },
      {
        title: 'Cached deployment (deploy/local.ts: 2 nodes on PostgreSQL behind nginx proxy_cache)',
        markdown:
          cached && !('skipped' in cached)
            ? [
                `${cached.sellers.toLocaleString('en')} sellers, after a 20 s warm-up of random lookups (the cache is warm over the whole keyspace only once every bucket was asked within its TTL): GET ${cached.runs.registry.rps.toFixed(0)} req/s through nginx vs bare node:http ${cached.runs.bare.rps.toFixed(0)} req/s (${cached.getBytes} B bodies): ${fx(cached.runs.ratio)}×, p99 ${fx(cached.runs.registry.p99, 1)} ms; ${cached.originRequests} requests reached a node in all (65,536 buckets, TTL 60 s).`,
              ]
            : [
                cached && 'skipped' in cached
                  ? String(cached.skipped)
                  : 'not measured (PostgreSQL not available)',
              ],
        data: cached,
      },
      ...(final ? await extensionSections() : []),
    ];
    const md = [
      '# Benchmarks (`npm run bench`)',
      '',
      `Run ${started.toISOString()} on ${machine}; ${pin.note}; wrk 1 thread × ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION} s alternating with the bare server; ratios are of medians (GET by bytes/s, same body size). Load average at the end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (a shared machine: other work moves req/s).`,
      '',
    ];
    for (const s of sections) md.push(`## ${s.title}`, '', ...s.markdown, '');
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results.md'), md.join('\n'));
    writeFileSync(
      join(ROOT, 'bench/results.json'),
      `${JSON.stringify({ started: started.toISOString(), machine, pinning: pin.note, sections }, null, 2)}\n`,
    );
  };
  // BENCH_APPEND=1: keep the sizes an earlier run measured (e.g. SQLite) and add this run's.
  if (process.env.BENCH_APPEND === '1' && existsSync(join(ROOT, 'bench/results.json'))) {
    const before = JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8')) as {
      sections: { data: unknown }[];
    };
    results.push(...((before.sections[0]?.data as SizeResult[] | null) ?? []));
    complaints = (before.sections[1]?.data as typeof complaints) ?? null;
  }
  for (const engine of engines) {
    for (const sellers of SIZES) {
      console.log(`\n${engine}, ${sellers.toLocaleString('en')} sellers`);
      const { result, location } = await measureSize(pin, engine, sellers, pgUrl);
      results.push(result);
      if (engine === 'sqlite' && sellers === SIZES[0]) {
        complaints = await complaintsPerSecond(pin, location, sellers);
        console.log(
          `  complaints: ${complaints.perSecond.toFixed(1)} accepted/s (${complaints.refused} refused)`,
        );
      }
      if (engine === 'postgres' && sellers === SIZES[SIZES.length - 1]) {
        cached = await cachedDeployment(pin, location, sellers);
      }
      if (engine === 'sqlite') rmSync(resolve(location, '..'), { recursive: true, force: true });
      await writeReport(false);
    }
  }

  await writeReport(true);
  console.log('\nwrote bench/results.md and bench/results.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
