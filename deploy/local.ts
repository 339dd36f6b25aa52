// npm run deploy:local — the registry as it is deployed for scale, on loopback: NODES registry
// processes on ONE PostgreSQL (DATABASE_URL) behind nginx's proxy_cache (Debian's nginx package),
// rendered from deploy/nginx.conf.template. Prints where it listens and the staleness it promises;
// Ctrl+C stops it all. tests/server/deploy-cache.test.ts and scripts/bench.ts start the same thing
// through `startLocalDeployment`.
//
//   DATABASE_URL=postgres://antam:antam@127.0.0.1:5432/antam DEMO_DATA=1 npm run deploy:local
//
// Environment: DATABASE_URL (required), NODES (2), PORT (nginx, 8780), NODE_PORT (first node,
// 8781), BUCKET_STALENESS_SECONDS (5), BUCKET_MAX_AGE_SECONDS (60), DEMO_DATA.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NGINX_CANDIDATES = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx'];

export const NGINX_MISSING =
  'nginx is not installed: `apt-get install -y nginx` (Debian package; as root, or with sudo), ' +
  'or set NGINX_PATH to its binary';

export function findNginx(): string | null {
  for (const c of NGINX_CANDIDATES) if (c && existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : null;
}

export interface DeploymentOptions {
  databaseUrl: string;
  nodes?: number;
  /** nginx's port (0: a free one). */
  port?: number;
  /** The first node's port (0: free ones). */
  nodePort?: number;
  stalenessSeconds?: number;
  maxAgeSeconds?: number;
  demoData?: boolean;
  /** Extra environment for every node. */
  env?: Record<string, string>;
  /** Print the nodes' output (the script does; tests and benches keep it). */
  inheritOutput?: boolean;
}

export interface RegistryNode {
  url: string;
  port: number;
  child: ChildProcess;
}

export interface Deployment {
  /** nginx, the one address clients use. */
  url: string;
  nodes: RegistryNode[];
  /** Upper bound on how long a committed write may stay invisible through the cache, in seconds. */
  stalenessSeconds: number;
  /** The origin log: one line per request nginx sent to a node. */
  originLog(): string[];
  nginxPid: number;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/** Renders the template: every @NAME@ replaced, an unknown one refused. */
export function renderNginxConfig(values: Record<string, string>): string {
  const template = readFileSync(join(ROOT, 'deploy/nginx.conf.template'), 'utf8');
  return template.replace(/@([A-Z_]+)@/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`nginx.conf.template: no value for @${name}@`);
    return v;
  });
}

export async function startLocalDeployment(options: DeploymentOptions): Promise<Deployment> {
  const nginx = findNginx();
  if (!nginx) throw new Error(NGINX_MISSING);
  const count = options.nodes ?? 2;
  const staleness = options.stalenessSeconds ?? 5;
  const maxAge = options.maxAgeSeconds ?? 60;
  const dir = mkdtempSync(join(tmpdir(), 'antam-deploy-'));
  const nodes: RegistryNode[] = [];
  const children: ChildProcess[] = [];
  const closeAll = async () => {
    await Promise.all(children.map(stop));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = options.nodePort ? options.nodePort + i : await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...options.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: options.databaseUrl,
          // Only the first node seeds (idempotent anyway); every node trusts nginx's one hop.
          DEMO_DATA: options.demoData && i === 0 ? '1' : '0',
          TRUST_PROXY: '1',
          BUCKET_STALENESS_SECONDS: String(staleness),
          BUCKET_MAX_AGE_SECONDS: String(maxAge),
        },
        stdio: options.inheritOutput ? 'inherit' : 'ignore',
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      // One at a time: the first migrates (and seeds); the others find it done.
      await waitFor(`${url}/v1/health`, child, `registry node ${i + 1}`);
      nodes.push({ url, port, child });
    }
    const port = options.port || (await freePort());
    for (const sub of ['cache', 'client_body', 'proxy_temp', 'fastcgi_temp', 'uwsgi_temp', 'scgi_temp']) {
      mkdirSync(join(dir, sub), { recursive: true });
    }
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      renderNginxConfig({
        DIR: dir,
        LISTEN: `127.0.0.1:${port}`,
        UPSTREAMS: nodes.map((n) => `    server 127.0.0.1:${n.port};`).join('\n'),
        // Workers run as the user that starts them (root in a container switches to itself).
        USER_LINE: process.getuid?.() === 0 ? 'user root;' : '',
      }),
    );
    const test = spawnSync(nginx, ['-t', '-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
      encoding: 'utf8',
    });
    if (test.status !== 0) throw new Error(`nginx refused the rendered config:\n${test.stderr}`);
    const proxy = spawn(nginx, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: options.inheritOutput ? 'inherit' : 'ignore',
    });
    children.push(proxy);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/v1/health`, proxy, 'nginx');
    return {
      url,
      nodes,
      // A node sees another's write at its next version poll; a copy nginx took just before is
      // kept for max-age, which nginx counts in whole seconds (+1).
      stalenessSeconds: staleness + maxAge + 1,
      nginxPid: proxy.pid ?? 0,
      originLog: () => {
        const file = join(dir, 'origin.log');
        return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL must name the PostgreSQL database every node shares, e.g. ' +
        'DATABASE_URL=postgres://antam:antam@127.0.0.1:5432/antam npm run deploy:local',
    );
  }
  const deployment = await startLocalDeployment({
    databaseUrl,
    nodes: Number(process.env.NODES ?? 2),
    port: Number(process.env.PORT ?? 8780),
    nodePort: Number(process.env.NODE_PORT ?? 8781),
    stalenessSeconds: Number(process.env.BUCKET_STALENESS_SECONDS ?? 5),
    maxAgeSeconds: Number(process.env.BUCKET_MAX_AGE_SECONDS ?? 60),
    demoData: process.env.DEMO_DATA === '1' || process.env.DEMO_DATA === 'true',
    inheritOutput: true,
  });
  console.log(`nginx (proxy_cache) on ${deployment.url}, in front of:`);
  for (const n of deployment.nodes) console.log(`  registry node ${n.url}`);
  console.log(
    `A write on any node is visible through the cache within ${deployment.stalenessSeconds} s ` +
      '(a node’s version poll + the bucket max-age + 1 s of nginx’s clock). Ctrl+C stops everything.',
  );
  const shut = () => {
    deployment.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shut);
  process.once('SIGTERM', shut);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
