// npm run bench:extension — what the extension costs a shopper, measured in Debian's Chromium:
//   1. content-script size (raw, gzip);
//   2. main-thread time the extension adds on the real saved Shopee product page (CDP
//      Performance.getMetrics TaskDuration, with and without the extension, same run, median);
//   3. time to a final badge after the seller is known (extraction found it; the scan's one message
//      to the background is still to go) and from navigation, cold (fresh profile) and warm;
//   4. registry requests for a 60-card listing page, cold and warm;
//   5. the panel, from a click on the badge to its snooze control (one-time token included).
// Budgets (DESIGN.md): ≤ 40 KB gzip; ≤ 15 ms main thread; badge ≤ 50 ms warm, ≤ 150 ms cold;
// at most one registry request per listing page, none when the cache holds the buckets.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { MATCHES } from '../lib/marketplaces';
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

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PRODUCT_URL = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';
const LISTING_URL = 'http://shopee.vn/search';
// The same heavy page at a URL that is none of ours (Shopee's cart): the content script is
// injected but must do next to nothing.
const OTHER_URL = 'http://shopee.vn/cart';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/**
 * Main-thread task time of one load, read the same way with and without the extension: load,
 * then a fixed settle time (the badge lands ~20–40 ms after the seller is known), then the CDP
 * metrics. Nothing of Playwright's runs in the page meanwhile (no in-page polling), so both sides
 * carry the same measurement overhead; the badge is checked only after the metrics are taken.
 */
type Metrics = Record<'task' | 'script' | 'layout' | 'style', number>;

async function taskDuration(context: BrowserContext, url: string, expectBadge: boolean): Promise<Metrics> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  if (expectBadge) {
    const level = await page.locator('antam-badge').getAttribute('data-level');
    if (!level || level === 'loading')
      throw new Error('no badge after 1.5 s: the measurement would be wrong');
  }
  await page.close();
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    layout: get('LayoutDuration'),
    style: get('RecalcStyleDuration'),
  };
}

/**
 * The content script marks `antam:seller-known` when extraction has found the page's sellers (before
 * it asks the background about them) and `antam:badges-shown` when their badges are in the page
 * with their final level.
 */
async function badgeTimes(page: Page, url: string): Promise<{ afterSeller: number; fromNavigation: number }> {
  await page.goto(url);
  const shown = () => performance.getEntriesByName('antam:badges-shown').length > 0;
  await page.waitForFunction(shown, null, { timeout: 15_000 });
  return page.evaluate(() => {
    const known = performance.getEntriesByName('antam:seller-known')[0]?.startTime ?? Number.NaN;
    const done = performance.getEntriesByName('antam:badges-shown')[0]?.startTime ?? Number.NaN;
    return { afterSeller: done - known, fromNavigation: done };
  });
}

/** An extension with one content script, on the same marketplace hosts, that does nothing. */
function doNothingExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'antam-bench-noop-'));
  const manifest = {
    manifest_version: 3,
    name: 'do nothing',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: [...MATCHES], js: ['content.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), '');
  writeFileSync(join(dir, 'content.js'), 'void 0;\n');
  return dir;
}

/** Numbers for `npm run bench` (bench/results.json) when BENCH_JSON names a file. */
const results: Record<string, unknown> = {};

async function main(): Promise<void> {
  const proxyPort = await freePort();
  const extensionDir = buildExtension(
    `http://127.0.0.1:${proxyPort}`,
    mkdtempSync(join(tmpdir(), 'antam-bench-ext-')),
  );
  const script = readFileSync(join(extensionDir, 'page.js'));
  const loader = readFileSync(join(extensionDir, 'loader.js'));
  const kb = (b: Buffer) =>
    `${(b.length / 1024).toFixed(1)} KB raw, ${(gzipSync(b, { level: 9 }).length / 1024).toFixed(1)} KB gzip`;
  console.log('An Tâm extension benchmark (Chromium, headless)\n');
  console.log(`loader (on every marketplace page): ${kb(loader)}`);
  console.log(`content script (on pages of ours only): ${kb(script)} (budget ≤ 40 KB gzip)`);
  const noopDir = doNothingExtension();

  const registry = await startDemoRegistry();
  const proxy = new RegistryProxy(proxyPort);
  proxy.target = registry.url;
  await proxy.start();
  const pages = new FixtureServer();
  await pages.start();
  pages.set(PRODUCT_URL, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
  pages.set(OTHER_URL, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
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
    // The floor: an extension whose content script, on the same pages, does nothing at all.
    const noop = await launchBrowser(noopDir, pages.port);
    await taskDuration(withExt.context, PRODUCT_URL, true); // warm-up: caches, JIT
    await taskDuration(without, PRODUCT_URL, false);
    await taskDuration(noop.context, PRODUCT_URL, false);
    const a: Metrics[] = [];
    const b: Metrics[] = [];
    const o: Metrics[] = [];
    const n: Metrics[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await taskDuration(withExt.context, PRODUCT_URL, true));
      b.push(await taskDuration(without, PRODUCT_URL, false));
      o.push(await taskDuration(withExt.context, OTHER_URL, false));
      n.push(await taskDuration(noop.context, OTHER_URL, false));
    }
    await noop.close();
    const m = (xs: Metrics[], k: keyof Metrics) => median(xs.map((x) => x[k]));
    console.log(`main-thread time on the real Shopee product page (median of ${RUNS} loads each):`);
    console.log('                 without ext.   do-nothing ext.   with, other page   with, product page');
    for (const [k, label] of [
      ['task', 'all tasks'],
      ['script', 'script'],
      ['layout', 'layout'],
      ['style', 'style recalc'],
    ] as const) {
      console.log(
        `  ${label.padEnd(13)} ${ms(m(b, k)).padStart(11)} ${ms(m(n, k)).padStart(17)} ${ms(m(o, k)).padStart(18)} ${ms(m(a, k)).padStart(20)}`,
      );
    }
    const added = {
      product: m(a, 'script') - m(b, 'script'),
      other: m(o, 'script') - m(b, 'script'),
      doNothing: m(n, 'script') - m(b, 'script'),
    };
    console.log(
      `  script time added: product page ${ms(added.product)} (budget ≤ 3 ms), a page none of ours ${ms(added.other)} (budget ≤ 1.5 ms), a do-nothing extension ${ms(added.doNothing)}`,
    );
    results.pageCost = added;
    // Layout and style time of this 440 KB page vary by ±10 ms from load to load whatever we do;
    // script time is steady. Both are printed, with the baseline's spread, rather than one number
    // that noise could push either way.
    const spread = (xs: Metrics[]) => {
      const v = xs.map((x) => x.layout + x.style).sort((p, q) => p - q);
      return (v[Math.floor(v.length * 0.75)] ?? 0) - (v[Math.floor(v.length * 0.25)] ?? 0);
    };
    const rendering = (xs: Metrics[]) => m(xs, 'layout') + m(xs, 'style');
    console.log(
      `  added on the product page: script ${ms(m(a, 'script') - m(b, 'script'))}, layout + style ${ms(rendering(a) - rendering(b))} (baseline spread ±${ms(spread(b) / 2)}); budget ≤ 15 ms`,
    );
    console.log(
      `  added on a page that is none of ours: script ${ms(m(o, 'script') - m(b, 'script'))}, layout + style ${ms(rendering(o) - rendering(b))}`,
    );
    await without.close();
    if (process.env.BENCH_PAGE_COST_ONLY) {
      await withExt.close();
      return;
    }

    // 3. Badge timing: warm in the same profile, cold in fresh profiles.
    const warmPage = await withExt.context.newPage();
    const warm: number[] = [];
    const warmNav: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await badgeTimes(warmPage, PRODUCT_URL);
      warm.push(t.afterSeller);
      warmNav.push(t.fromNavigation);
    }
    // 5. The panel, from a person's click on the badge to its actions (snooze) being there: the
    //    panel's token (one message to the background before the frame loads, one redeemed by the
    //    panel) is on this path. Measured from Node, Playwright's own round trips included.
    const panelOpen: number[] = [];
    await warmPage.goto(PRODUCT_URL);
    await warmPage.waitForFunction(
      () => {
        const l = document.querySelector('antam-badge')?.getAttribute('data-level');
        return !!l && l !== 'loading';
      },
      null,
      { timeout: 15_000 },
    );
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await warmPage.locator('antam-badge').click();
      const frame = await (async () => {
        for (;;) {
          const f = warmPage.frames().find((x) => x.url().includes('/panel.html#'));
          if (f) return f;
          await warmPage.waitForTimeout(5);
        }
      })();
      // Usable: enabled once the browser has said the control is seen (IntersectionObserver v2).
      await frame.waitForSelector('input[type="checkbox"]:enabled', { timeout: 15_000 });
      panelOpen.push(performance.now() - t0);
      await warmPage.keyboard.press('Escape');
      await warmPage.waitForFunction(() => !document.querySelector('antam-panel'), null, { timeout: 5_000 });
    }
    console.log(
      `panel from a click on the badge to a usable snooze control (token issued and redeemed, visibility confirmed): median ${ms(median(panelOpen))}`,
    );
    await withExt.close();
    const cold: number[] = [];
    const coldNav: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const fresh = await launchBrowser(extensionDir, pages.port);
      const page = await fresh.context.newPage();
      const t = await badgeTimes(page, PRODUCT_URL);
      cold.push(t.afterSeller);
      coldNav.push(t.fromNavigation);
      await fresh.close();
    }
    console.log(
      `badge after the seller is known: warm ${ms(median(warm))} (budget ≤ 50 ms), cold ${ms(median(cold))} (budget ≤ 150 ms)`,
    );
    results.badge = {
      afterSellerWarm: median(warm),
      afterSellerCold: median(cold),
      fromNavigationWarm: median(warmNav),
      fromNavigationCold: median(coldNav),
    };
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
    results.listingRequests = { cold: coldRequests, warm: warmRequests };
    await fresh.close();
    if (process.env.BENCH_JSON)
      writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
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
