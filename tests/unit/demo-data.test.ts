import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Level } from '../../lib/registry/schemas';
import {
  aliasKey,
  isNumericSellerId,
  PLATFORMS,
  type Platform,
  sellerKey,
} from '../../lib/registry/seller-key';
import { migrateToLatest, openDatabase } from '../../server/db/connect';
import { DEMO_ANSWER_DEADLINE_DAYS, DEMO_SELLERS, type DemoSeller } from '../../server/demo/data';
import { seedDemoData } from '../../server/demo/seed';
import { loadTrustRecords } from '../../server/trust/records';

const LEVELS: readonly Level[] = ['trusted', 'ok', 'caution', 'unknown', 'danger'];
const DAY = 86_400_000;

describe('demo dataset', () => {
  it('has, for every marketplace, an invented seller of every level', () => {
    const invented = DEMO_SELLERS.filter((s) => s.fromFixture === undefined);
    for (const platform of PLATFORMS) {
      for (const level of LEVELS) {
        expect(
          invented.some((s) => s.platform === platform && s.intendedLevel === level),
          `${platform} × ${level}`,
        ).toBe(true);
      }
    }
  });

  it('uses numeric seller ids and valid, unique keys and aliases', () => {
    const seen = new Map<string, string>();
    for (const s of DEMO_SELLERS) {
      expect(isNumericSellerId(s.sellerId), `${s.platform} ${s.sellerId}`).toBe(true);
      const keys = [
        sellerKey(s.platform, s.sellerId),
        ...(s.slug === undefined ? [] : [aliasKey(s.platform, s.slug)]),
      ];
      for (const key of keys) {
        expect(seen.get(key), `duplicate key ${key}`).toBeUndefined();
        seen.set(key, s.name);
      }
      expect(s.name.trim()).not.toBe('');
    }
  });

  it('marks every business as sample data, one business per registration reference', () => {
    const byIdentity = new Map<string, NonNullable<DemoSeller['business']>>();
    for (const s of DEMO_SELLERS) {
      if (!s.business) continue;
      expect(s.business.name.endsWith(' (dữ liệu mẫu)'), s.business.name).toBe(true);
      expect(s.business.sourceRef).toContain('(dữ liệu mẫu)');
      if (s.business.registeredOn !== undefined)
        expect(s.business.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // seed.ts keys businesses on the tax code, else the source reference.
      const identity = s.business.taxCode ?? s.business.sourceRef;
      expect(byIdentity.has(identity), `two businesses share ${identity}`).toBe(false);
      byIdentity.set(identity, s.business);
    }
  });

  it('describes sanctions with an authority, a decision number and a sample-data summary', () => {
    for (const s of DEMO_SELLERS) {
      for (const x of s.sanctions ?? []) {
        expect(x.authority).toMatch(/^(Sở Công Thương|Cục Quản lý thị trường)/);
        expect(x.decision).toMatch(/^\d+\/QĐ-XPHC$/);
        expect(x.summary.endsWith('(dữ liệu mẫu).')).toBe(true);
      }
    }
  });

  it('keeps every complaint self-consistent (dates, outcome, lateness)', () => {
    for (const s of DEMO_SELLERS) {
      for (const c of s.complaints ?? []) {
        const where = `${s.platform}:${s.sellerId} ${JSON.stringify(c)}`;
        const final = c.status === 'resolved' || c.status === 'closed';
        expect(c.daysAgo, where).toBeGreaterThanOrEqual(0);
        expect(c.answeredAfterDays ?? 0, where).toBeLessThanOrEqual(c.daysAgo);
        expect(c.resolvedAfterDays ?? 0, where).toBeLessThanOrEqual(c.daysAgo);
        expect(c.outcome !== undefined, where).toBe(final);
        if (final) expect(c.resolvedAfterDays, where).toBeDefined();
        else expect(c.resolvedAfterDays, where).toBeUndefined();
        if (c.status === 'escalated') expect(c.escalated, where).toBe(true);
        if (c.status === 'responded') expect(c.answeredAfterDays, where).toBeDefined();
        if (c.status === 'submitted' || c.status === 'forwarded')
          expect(c.answeredAfterDays, where).toBeUndefined();
        if (c.status === 'submitted' || c.status === 'withdrawn') {
          expect(c.late ?? false, where).toBe(false);
        } else {
          // Late exactly when the answer (or, without one, today) is past the deadline.
          const waited = c.answeredAfterDays ?? c.daysAgo;
          expect(c.late ?? false, where).toBe(waited > DEMO_ANSWER_DEADLINE_DAYS);
        }
      }
    }
  });

  it('lands every seller on its intended level once seeded, and still six months later', async () => {
    const { db, close } = openDatabase(':memory:');
    try {
      await migrateToLatest(db);
      const seededAt = new Date();
      const { seeded } = await seedDemoData(db, seededAt);
      expect(seeded).toBe(true);
      const ids = DEMO_SELLERS.map((s) => sellerKey(s.platform, s.sellerId));
      for (const when of [seededAt, new Date(seededAt.getTime() + 180 * DAY)]) {
        const records = await loadTrustRecords(db, ids, when);
        const wrong = DEMO_SELLERS.flatMap((s) => {
          const record = records.get(sellerKey(s.platform, s.sellerId));
          return record?.level === s.intendedLevel
            ? []
            : [`${s.platform}:${s.sellerId} ${s.name}: ${record?.level ?? 'missing'} ≠ ${s.intendedLevel}`];
        });
        expect(wrong, `levels on ${when.toISOString().slice(0, 10)}`).toEqual([]);
        for (const record of records.values()) expect(record.demo).toBe(true);
      }
    } finally {
      await close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every seller of the real saved pages is in the dataset. The ids are read from the pages here,
// independently of the lists in data.ts.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const sharedDir = process.env.ANTAM_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
const realDir = join(sharedDir, 'fixtures', 'real');
const MISSING =
  `the real saved pages are not at ${realDir}: check out the shared/ folder beside the repository ` +
  '(../shared) or set ANTAM_SHARED_DIR to its path';

function readFixture(path: string): string {
  const file = join(realDir, path);
  if (!existsSync(file)) throw new Error(`${MISSING} (missing ${path})`);
  return readFileSync(file, 'utf8');
}

function readJsonFixture<T>(path: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFixture(path)));
}

function findSeller(platform: Platform, id: string): DemoSeller | undefined {
  return DEMO_SELLERS.find((s) => s.platform === platform && s.sellerId === id);
}

function expectSeller(platform: Platform, id: string, slug?: string): DemoSeller {
  const seller = findSeller(platform, id);
  expect(seller, `${platform}:${id} from the real fixtures is missing from DEMO_SELLERS`).toBeDefined();
  if (slug !== undefined) expect(seller?.slug, `${platform}:${id} slug`).toBe(slug);
  return seller!;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Values of the given keys anywhere in a JSON document, as strings. */
function valuesOfKeys(node: unknown, keys: RegExp, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) valuesOfKeys(item, keys, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (keys.test(key) && (typeof value === 'string' || typeof value === 'number')) out.push(String(value));
      else valuesOfKeys(value, keys, out);
    }
  }
  return out;
}

const SHOPEE_ITEM_LINK = /-i\.(\d+)\.\d+/g;
const shopIdsOfLinks = (html: string) => [...html.matchAll(SHOPEE_ITEM_LINK)].map((m) => m[1]!);

const JsonLdSeller = z.object({
  '@type': z.literal('Product'),
  offers: z.object({ seller: z.object({ name: z.string(), url: z.string() }) }),
});

describe('sellers of the real saved pages', () => {
  it('finds the shared real fixtures', () => {
    expect(existsSync(realDir), MISSING).toBe(true);
  });

  it('points every fromFixture at an existing saved page', () => {
    for (const path of distinct(DEMO_SELLERS.flatMap((s) => (s.fromFixture ? [s.fromFixture] : [])))) {
      expect(existsSync(join(realDir, path)), `${path}: ${MISSING}`).toBe(true);
    }
  });

  it('Shopee product page: the seller of the product and the shops of its "you may also like" cards', () => {
    const html = readFixture('shopee/shpsg-shopee-sg-product_detail_sample.html');
    const ogUrl = /property="og:url" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const shopId = /-i\.(\d+)\.\d+$/.exec(ogUrl)?.[1];
    expect(shopId).toBe('672907573');
    const product = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/gs)]
      .map((m) => JsonLdSeller.safeParse(JSON.parse(m[1]!)))
      .find((r) => r.success)?.data;
    const username = product?.offers.seller.name;
    expect(product?.offers.seller.url).toBe(`https://shopee.sg/${username}`);
    const seller = expectSeller('shopee', shopId!, username);
    expect(seller.complaints?.length ?? 0, 'the e2e demo shows this seller’s complaints').toBeGreaterThan(0);
    expect(['ok', 'trusted']).toContain(seller.intendedLevel);

    const cards = html.slice(html.indexOf('>you may also like<'));
    expect(cards.length).toBeLessThan(html.length);
    const cardShops = distinct(shopIdsOfLinks(cards));
    expect(cardShops).toHaveLength(60);
    for (const id of cardShops) expectSeller('shopee', id);

    // Reviewers link to their own /shop/{id}: those are shoppers, not sellers.
    const reviewers = distinct(
      [...html.matchAll(/href="https:\/\/shopee\.sg\/shop\/(\d+)"/g)].map((m) => m[1]!),
    );
    expect(reviewers.length).toBeGreaterThan(0);
    for (const id of reviewers) expect(findSeller('shopee', id), `reviewer ${id}`).toBeUndefined();
  });

  it('Shopee shop page: the shop itself, by username and numeric id', () => {
    const html = readFixture('shopee/shpsg-shopee-sg-shop_sample.html');
    const username = /property="og:url" content="https:\/\/shopee\.sg\/([^"/?]+)"/.exec(html)?.[1];
    expect(username).toBe('nobistar.sg');
    // The page names the shop's id in its own links: the recommendation landing and every card.
    const ids = distinct([
      ...[...html.matchAll(/\/shop\/(\d+)\/recommendation-landing/g)].map((m) => m[1]!),
      ...shopIdsOfLinks(html),
    ]);
    expect(ids).toEqual(['672907573']);
    expectSeller('shopee', ids[0]!, username);
  });

  it('Shopee search page: the shop of each of the 60 cards', () => {
    const html = readFixture('shopee/shpsg-shopee-sg-keyword_search_result_sample.html');
    const cards = html.split(/<li[^>]*data-sqe="item"/).slice(1);
    expect(cards).toHaveLength(60);
    const shops = distinct(cards.map((card) => shopIdsOfLinks(card)[0] ?? 'no link'));
    expect(shops).toHaveLength(29);
    for (const id of shops) expectSeller('shopee', id);
  });

  it('Shopee search_items capture (shopee.vn): the 34 shops, with their names', () => {
    const data = readJsonFixture(
      'shopee/e-commerce-search-info-shopee-vn-search-items-2025.json',
      z.object({
        items: z.array(
          z.object({
            shopid: z.number(),
            item_basic: z.object({ shopid: z.number(), shop_name: z.string() }),
          }),
        ),
      }),
    );
    const shops = new Map(data.items.map((item) => [String(item.shopid), item.item_basic.shop_name]));
    expect(shops.size).toBe(34);
    for (const [id, name] of shops) expect(expectSeller('shopee', id).name).toBe(name);
  });

  it('Shopee get_pc capture: the shop of the product', () => {
    const data = readJsonFixture(
      'shopee/price-tracker-get_pc-multi-variant-user-session.json',
      z.object({
        endpointEvidence: z.object({
          productDetail: z.object({
            response: z.object({ data: z.object({ item: z.object({ shop_id: z.number() }) }) }),
          }),
        }),
      }),
    );
    expectSeller('shopee', String(data.endpointEvidence.productDetail.response.data.item.shop_id));
  });

  it('Lazada product page (2018): the seller and its store slug', () => {
    const html = readFixture('lazada/chuhieu311-2018-lazada-pdp-nha-gia-kim.html');
    const ids = distinct([...html.matchAll(/"sellerId":\s*"(\d+)"/g)].map((m) => m[1]!));
    expect(ids).toEqual(['6548']);
    const slug = /seller-name__detail"[^>]*>\s*<a[^>]*href="\/\/www\.lazada\.vn\/shop\/([^/"]+)\/"/.exec(
      html,
    )?.[1];
    expect(slug).toBe('tan-viet-shop');
    expectSeller('lazada', ids[0]!, slug);
  });

  it('Lazada store listing: the store of the cards', () => {
    const cards = readJsonFixture(
      'lazada/vuanem-lazada-vn-store-listitems-2021.json',
      z.array(z.object({ sellerId: z.string(), sellerName: z.string() })),
    );
    const ids = distinct(cards.map((c) => c.sellerId));
    expect(ids).toEqual(['200162211305']);
    expect(expectSeller('lazada', ids[0]!).name).toBe(cards[0]?.sellerName);
  });

  it('Lazada order detail: the seller of every item', () => {
    const data: unknown = JSON.parse(readFixture('lazada/selfservice-lazada-sg-mtop-orderdetail-o5.json'));
    const ids = distinct(valuesOfKeys(data, /^sellerId$/));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expectSeller('lazada', id);
  });

  it('Tiki product: current_seller (the top-level seller is null)', () => {
    const data = readJsonFixture(
      'tiki/tiki-api-v2-products-276614493.json',
      z.object({
        seller: z.null(),
        current_seller: z.object({ id: z.number(), name: z.string(), link: z.string() }),
      }),
    );
    const slug = /\/cua-hang\/([^/?#]+)/.exec(data.current_seller.link)?.[1];
    expect(expectSeller('tiki', String(data.current_seller.id), slug).name).toBe(data.current_seller.name);
  });

  it('Sendo product: shop_info.shop_id (not the owner’s customer_id)', () => {
    const data = readJsonFixture(
      'sendo/truth-review-sendo-product-detail-34406369.json',
      z.object({
        data: z.object({
          shop_info: z.object({
            shop_id: z.number(),
            shop_name: z.string(),
            shop_url: z.string(),
            customer_id: z.number(),
          }),
        }),
      }),
    );
    const shop = data.data.shop_info;
    const slug = /^\/?shop\/([^/?#]+)/.exec(shop.shop_url)?.[1];
    expect(expectSeller('sendo', String(shop.shop_id), slug).name).toBe(shop.shop_name);
    expect(findSeller('sendo', String(shop.customer_id))).toBeUndefined();
  });

  it('TikTok Shop product: any seller id in product_info', () => {
    const html = readFixture('tiktok/reelforge-tiktok-product.html');
    const json = /<script type="application\/json" id="__MODERN_ROUTER_DATA__">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    expect(json, '__MODERN_ROUTER_DATA__').toBeDefined();
    const data: unknown = JSON.parse(json!);
    expect(JSON.stringify(data)).toContain('"product_info"');
    // The saved page is trimmed upstream and carries no seller today; any that appears must be known.
    for (const id of distinct(valuesOfKeys(data, /^(seller|shop)_?id$/i))) expectSeller('tiktok', id);
  });
});
