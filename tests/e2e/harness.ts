/**
 * End-to-end harness: the built extension in Debian's Chromium (playwright-core), the real
 * registry with demo data behind a counting proxy, and marketplace pages served under their real
 * host names from a local server (`--host-resolver-rules`), so that the manifest's match patterns
 * are exercised as in production.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page as BrowserPage, chromium, type Worker } from 'playwright-core';
import { FixtureServer, ROOT } from '../../scripts/demo-pages';
import { parseServerEnv } from '../../server/config';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import { type RunningRegistry, startRegistry } from '../../server/serve';

export { FixtureServer, ownFixture, type Page, ROOT, realFixture, SHARED } from '../../scripts/demo-pages';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const MARKETPLACE_HOSTS = [
  'shopee.vn',
  'www.lazada.vn',
  'my.lazada.vn',
  'tiki.vn',
  'shop.tiktok.com',
  'www.tiktok.com',
  'shop-vn.tiktok.com',
  'www.sendo.vn',
  // A lookalike: must never get a badge.
  'shopee.vn.example.com',
  // The demo's index (scripts/demo-pages.ts), as `npm start` serves it.
  'demo.antam.test',
];

/**
 * Stands at the registry URL the extension was built with and forwards to the real registry,
 * counting requests; stopping the registry behind it (or the proxy's target) simulates an outage.
 */
export class RegistryProxy {
  requests: { method: string; url: string; body: string }[] = [];
  target: string | null = null;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', body: body.toString() });
      if (!this.target) {
        req.socket.destroy();
        return;
      }
      const up = http.request(
        `${this.target}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(this.target).host } },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((ok, fail) => {
      this.server.once('error', fail);
      this.server.listen(this.port, '127.0.0.1', ok);
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/** Builds the Chrome extension against the given registry URL into its own folder. */
export function buildExtension(registryUrl: string, outDir: string): string {
  const r = spawnSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WXT_REGISTRY_URL: registryUrl, WXT_OUT_DIR: outDir },
  });
  if (r.status !== 0) throw new Error(`extension build failed:\n${r.stdout}\n${r.stderr}`);
  return join(outDir, 'chrome-mv3');
}

/** Builds the registry's web console (server/console/dist), which the registry then serves. */
export function buildConsole(): void {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'server/console/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
}

export async function startDemoRegistry(): Promise<RunningRegistry> {
  return startRegistry(
    parseServerEnv({
      PORT: '0',
      DEMO_DATA: '1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'antam-e2e-')),
      RATE_LIMIT_REQUESTS: '0',
    }),
  );
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Chromium with the extension loaded. `userDataDir`: the browser profile; pass the same folder
 * again to reopen a closed browser with its extension data (IndexedDB, storage, alarms) intact.
 */
export async function launchBrowser(
  extensionDir: string,
  fixturePort: number,
  userDataDir: string = mkdtempSync(join(tmpdir(), 'antam-chromium-')),
  /** The browser's language (navigator.language, Accept-Language), e.g. 'en-US'; Chromium's own otherwise. */
  locale?: string,
): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  const rules = MARKETPLACE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`).join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(locale ? { locale } : {}),
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${rules}`,
    ],
  });
  // An action that waits (a click, getAttribute on an element not there yet) gives up after 10 s
  // rather than Playwright's 30: vitest's expect.poll awaits each try without a deadline of its own,
  // so one try must never outlast the poll and the test.
  context.setDefaultTimeout(10_000);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, close: () => context.close() };
}

export interface E2E {
  registry: RunningRegistry;
  proxy: RegistryProxy;
  pages: FixtureServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Waits for the first-run page an install opens (lib/background/welcome.ts) and closes it. */
export async function closeWelcome(browser: Browser, timeoutMs = 15_000): Promise<void> {
  const isWelcome = (p: BrowserPage) => p.url().endsWith('/welcome.html');
  const welcome =
    browser.context.pages().find(isWelcome) ??
    (await browser.context.waitForEvent('page', { predicate: isWelcome, timeout: timeoutMs }));
  await welcome.close();
}

/**
 * Everything one e2e file needs: the demo registry (with `seed` run against it first), the proxy
 * at the registry URL the extension was built for, the page server, and Chromium with the
 * extension loaded.
 */
export async function startE2E(
  extensionDir: string,
  proxyPort: number,
  seed?: (registry: RunningRegistry) => Promise<void>,
  { keepWelcome = false }: { keepWelcome?: boolean } = {},
): Promise<E2E> {
  const registry = await startDemoRegistry();
  await seed?.(registry);
  const proxy = new RegistryProxy(proxyPort);
  proxy.target = registry.url;
  await proxy.start();
  const pages = new FixtureServer();
  await pages.start();
  const browser = await launchBrowser(extensionDir, pages.port);
  // A fresh profile is an install: the first-run page opens in a tab of its own and, as the
  // newest tab, takes the window's focus from the pages a test then opens (a real shopper reads
  // it and moves on). Closed here once it has appeared, unless the test is about it.
  if (!keepWelcome) await closeWelcome(browser);
  return {
    registry,
    proxy,
    pages,
    browser,
    async close() {
      await browser.close();
      await pages.stop();
      await proxy.stop();
      await registry.close();
    },
  };
}

/** Loads a CSV into the registry through its admin API, as an operator would. */
export async function importCsv(
  registryUrl: string,
  kind: 'registrations' | 'sanctions',
  csv: string,
): Promise<void> {
  const res = await fetch(`${registryUrl}/v1/admin/import/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}`, 'content-type': 'text/csv' },
    body: csv,
  });
  if (res.status !== 200) throw new Error(`import ${kind}: ${res.status} ${await res.text()}`);
}
