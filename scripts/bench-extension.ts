// npm run bench:extension — what the extension costs a shopper, measured in Debian's Chromium:
//   1. content-script size (raw, gzip);
//   2. main-thread time the extension adds on the real saved Shopee product page (CDP
//      Performance.getMetrics TaskDuration, with and without the extension, same run, median);
//   3. time to a final badge after the seller is known (the badge is inserted as "loading" the
//      moment extraction finds the seller) and from navigation, cold (fresh profile) and warm;
//   4. registry requests for a 60-card listing page, cold and warm.
// Budgets (DESIGN.md): ≤ 40 KB gzip; ≤ 15 ms main thread; badge ≤ 50 ms warm, ≤ 150 ms cold;
// at most one registry request per listing page, none when the cache holds the buckets.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  buildExtension,
  CHROMIUM,
  FixtureServer,
  freePort,
  launchBrowser,
  RegistryProxy,
  realFixture,
  startDemoRegistry,
} from '../tests/e2e/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PRODUCT_URL = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';
const LISTING_URL = 'http://shopee.vn/search';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

// Runs in the page's main world before any page script: notes when our badge appears and when it
// gets its final level (attributes of our host element are visible to the page).
const BADGE_PROBE = `
  new MutationObserver(() => {
    const b = document.querySelector('antam-badge');
    if (!b) return;
    if (window.__antamInserted === undefined) window.__antamInserted = performance.now();
    const l = b.getAttribute('data-level');
    if (l && l !== 'loading' && window.__antamFinal === undefined) window.__antamFinal = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-level'] });
`;

async function taskDuration(context: BrowserContext, url: string, waitForBadge: boolean): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  if (waitForBadge) {
    await page.waitForFunction(() => {
      const l = document.querySelector('antam-badge')?.getAttribute('data-level');
      return l && l !== 'loading';
    });
  }
  await page.waitForTimeout(400); // let observers and idle callbacks settle in both cases
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function badgeTimes(page: Page, url: string): Promise<{ afterSeller: number; fromNavigation: number }> {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __antamFinal?: number }).__antamFinal !== undefined,
    null,
    {
      timeout: 15_000,
    },
  );
  const t = await page.evaluate(() => {
    const w = window as unknown as { __antamInserted: number; __antamFinal: number };
    return { inserted: w.__antamInserted, final: w.__antamFinal };
  });
  return { afterSeller: t.final - t.inserted, fromNavigation: t.final };
}

async function main(): Promise<void> {
  const proxyPort = await freePort();
  const extensionDir = buildExtension(
    `http://127.0.0.1:${proxyPort}`,
    mkdtempSync(join(tmpdir(), 'antam-bench-ext-')),
  );
  const script = readFileSync(join(extensionDir, 'content-scripts/marketplace.js'));
  console.log('An Tâm extension benchmark (Chromium, headless)\n');
  console.log(
    `content script: ${(script.length / 1024).toFixed(1)} KB raw, ${(gzipSync(script, { level: 9 }).length / 1024).toFixed(1)} KB gzip (budget ≤ 40 KB gzip)`,
  );

  const registry = await startDemoRegistry();
  const proxy = new RegistryProxy(proxyPort);
  proxy.target = registry.url;
  await proxy.start();
  const pages = new FixtureServer();
  await pages.start();
  pages.set(PRODUCT_URL, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
  pages.set(LISTING_URL, { html: realFixture('shopee/shpsg-shopee-sg-keyword_search_result_sample.html') });

  try {
    // 2. Main-thread time with and without the extension, loads interleaved.
    const withExt = await launchBrowser(extensionDir, pages.port);
    const rules = ['shopee.vn'].map((h) => `MAP ${h} 127.0.0.1:${pages.port}`).join(', ');
    const without = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'antam-bench-plain-')),
      {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          `--host-resolver-rules=${rules}`,
        ],
      },
    );
    await taskDuration(withExt.context, PRODUCT_URL, true); // warm-up: caches, JIT
    await taskDuration(without, PRODUCT_URL, false);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await taskDuration(withExt.context, PRODUCT_URL, true));
      b.push(await taskDuration(without, PRODUCT_URL, false));
    }
    const added = median(a) - median(b);
    console.log(
      `main-thread time on the real Shopee product page (median of ${RUNS}): with ${ms(median(a))}, without ${ms(median(b))}, added ${ms(added)} (budget ≤ 15 ms)`,
    );
    await without.close();

    // 3. Badge timing: warm in the same profile, cold in fresh profiles.
    const warmPage = await withExt.context.newPage();
    await warmPage.addInitScript(BADGE_PROBE);
    const warm: number[] = [];
    const warmNav: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await badgeTimes(warmPage, PRODUCT_URL);
      warm.push(t.afterSeller);
      warmNav.push(t.fromNavigation);
    }
    await withExt.close();
    const cold: number[] = [];
    const coldNav: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const fresh = await launchBrowser(extensionDir, pages.port);
      const page = await fresh.context.newPage();
      await page.addInitScript(BADGE_PROBE);
      const t = await badgeTimes(page, PRODUCT_URL);
      cold.push(t.afterSeller);
      coldNav.push(t.fromNavigation);
      await fresh.close();
    }
    console.log(
      `badge after the seller is known: warm ${ms(median(warm))} (budget ≤ 50 ms), cold ${ms(median(cold))} (budget ≤ 150 ms)`,
    );
    console.log(`badge from navigation start:     warm ${ms(median(warmNav))}, cold ${ms(median(coldNav))}`);

    // 4. Registry requests for a 60-card listing page.
    const fresh = await launchBrowser(extensionDir, pages.port);
    const page = await fresh.context.newPage();
    const count = async () => {
      proxy.requests = [];
      await page.goto(`${LISTING_URL}?keyword=tai%20nghe`);
      await page.waitForFunction(
        () =>
          document.querySelectorAll('antam-badge').length === 60 &&
          [...document.querySelectorAll('antam-badge')].every(
            (b) => b.getAttribute('data-level') !== 'loading',
          ),
        null,
        { timeout: 15_000 },
      );
      return proxy.requests.filter((r) => r.url.startsWith('/v1/')).length;
    };
    const coldRequests = await count();
    const warmRequests = await count();
    console.log(
      `registry requests for a 60-card listing: cold ${coldRequests}, warm ${warmRequests} (budget ≤ 1 cold, 0 warm)`,
    );
    await fresh.close();
  } finally {
    await pages.stop();
    await proxy.stop();
    await registry.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
