// Sellers' public replies to the facts on their record (issue 10): what a seller key may answer,
// the scope attacks (another seller's shop answers as an unknown one), the reply beside its fact in
// every public answer (record, bucket, lookup, page, open data), plain text shown as text, and a
// moderator's hiding.
import { randomUUID } from 'node:crypto';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SellerReplies, SellerReply } from '../../lib/registry/replies';
import { BucketAnswer, LookupAnswer, MAX_REPLY_LENGTH, TrustRecord } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const LATER = new Date('2026-11-03T09:00:00.000Z');
const DAY = 86_400_000;
const SHOP = 'shopee:672907573';
const OTHER = 'lazada:6548';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> Chúng tôi đã khắc phục & bồi hoàn.';

const SANCTION_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'shopee,672907573,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả nhãn hiệu,https://example.org/qd/123',
  'lazada,6548,,Sở Công Thương TP. HCM,77/QĐ-XPHC,2026-05-01,Không niêm yết giá,',
].join('\n');

function parse(html: string) {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return { doc, text: (doc.body.textContent ?? '').replace(/\s+/g, ' ') };
}

describe.each(DIALECTS)('seller replies on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let now = NOW;
  let admin: string;
  let moderator: string;
  let seller: string;
  let otherSeller: string;
  let platform: string;
  let shopId: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    now = NOW;
    await emptyTables(database);
    const created = createApp({
      db: database.db,
      clock: () => now,
      config: { rateLimit: { requests: 0, windowSeconds: 60 } },
      // A long staleness window: only dataChanged can make a cached bucket show a new reply.
      buckets: { stalenessSeconds: 3600 },
    });
    app = created.app;
    await created.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    moderator = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
    expect((await postCsv(app, '/v1/admin/import/sanctions', SANCTION_CSV, admin)).status).toBe(200);
    seller = (await createApiKey(database.db, { role: 'seller', label: 'Sen', sellers: [SHOP] }, NOW)).key;
    otherSeller = (await createApiKey(database.db, { role: 'seller', label: 'X', sellers: [OTHER] }, NOW))
      .key;
    platform = (
      await createApiKey(database.db, { role: 'platform', label: 'Shopee', platform: 'shopee' }, NOW)
    ).key;
    const row = await database.db
      .selectFrom('seller_keys')
      .select('seller_id')
      .where('key', '=', SHOP)
      .executeTakeFirstOrThrow();
    shopId = row.seller_id;
  });

  const put = (fact: string, text: string, key = seller, shop = 'shopee/672907573') =>
    app.request(`/v1/seller/shops/${shop}/replies/${fact}`, {
      method: 'PUT',
      body: JSON.stringify({ text }),
      headers: { 'content-type': 'application/json', ...bearer(key) },
    });
  const withdraw = (fact: string, key = seller, shop = 'shopee/672907573') =>
    app.request(`/v1/seller/shops/${shop}/replies/${fact}`, { method: 'DELETE', headers: bearer(key) });
  const list = async (key = seller) => {
    const res = await app.request('/v1/seller/replies', { headers: bearer(key) });
    expect(res.status).toBe(200);
    return SellerReplies.parse(await res.json());
  };
  const record = async () => {
    const res = await app.request('/v1/sellers/shopee/672907573');
    expect(res.status).toBe(200);
    return TrustRecord.parse(await res.json());
  };
  const bucketRecord = async () => {
    const hash = await hashSellerKey(SHOP);
    const res = await app.request(`/v1/buckets/${hash.slice(0, 4)}`);
    const body = BucketAnswer.parse(await res.json());
    return body.entries.find((e) => e.hash === hash)?.record;
  };
  const sanctionFact = async () => {
    const fact = (await list()).shops[0]?.facts.find((f) => f.kind === 'sanction');
    if (!fact) throw new Error('no sanction fact');
    return fact.id;
  };
  async function confirmCounterfeit() {
    await database.db
      .insertInto('counterfeit_reports')
      .values({
        id: randomUUID(),
        seller_id: shopId,
        status: 'confirmed',
        received_at: new Date(NOW.getTime() - 20 * DAY).toISOString(),
        decided_at: new Date(NOW.getTime() - 10 * DAY).toISOString(),
      })
      .execute();
  }
  async function lateComplaint() {
    const at = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
    await database.db
      .insertInto('complaints')
      .values({
        id: randomUUID(),
        seller_id: shopId,
        status: 'forwarded',
        outcome: null,
        filed_at: at(30),
        forwarded_at: at(30),
        due_at: at(23),
        responded_at: null,
        resolved_at: null,
        late: 1,
        verification: 'order_verified',
      })
      .execute();
  }

  it("lists a seller's answerable facts: its sanctions, then confirmed counterfeits and late answers once they exist", async () => {
    let shops = (await list()).shops;
    expect(shops).toHaveLength(1);
    expect(shops[0]).toMatchObject({ platform: 'shopee', sellerId: '672907573' });
    expect(shops[0]?.facts.map((f) => f.kind)).toEqual(['sanction']);
    expect(shops[0]?.facts[0]).toMatchObject({ decision: '123/QĐ-XPHC', reply: null });
    await confirmCounterfeit();
    await lateComplaint();
    shops = (await list()).shops;
    expect(shops[0]?.facts.map((f) => f.id)).toEqual([
      expect.stringMatching(/^sanction-/),
      'counterfeit',
      'late_answers',
    ]);
    expect(shops[0]?.facts[1]).toMatchObject({ confirmed: 1, lastConfirmedAt: '2026-10-22' });
    expect(shops[0]?.facts[2]).toMatchObject({ late: 1 });
    // The other seller sees only its own shop.
    expect((await list(otherSeller)).shops.map((s) => s.sellerId)).toEqual(['6548']);
  });

  it('posts a reply beside its sanction in the record, the cached bucket, a lookup and the page', async () => {
    const fact = await sanctionFact();
    // Cache the bucket first: the reply must reach it through the data version, not by chance.
    expect((await bucketRecord())?.sanctions[0]?.reply).toBeUndefined();
    const res = await put(fact, '  Chúng tôi đã nộp phạt và ngừng bán mặt hàng này.  ');
    expect(res.status).toBe(201);
    const reply = SellerReply.parse(await res.json());
    expect(reply).toMatchObject({
      fact,
      text: 'Chúng tôi đã nộp phạt và ngừng bán mặt hàng này.',
      edited: false,
      hidden: null,
    });
    const shown = {
      text: 'Chúng tôi đã nộp phạt và ngừng bán mặt hàng này.',
      date: '2026-11-01',
      edited: false,
    };
    expect((await record()).sanctions[0]?.reply).toEqual(shown);
    expect((await bucketRecord())?.sanctions[0]?.reply).toEqual(shown);
    const hash = await hashSellerKey(SHOP);
    const lookup = await postJson(app, '/v1/lookup', { prefixes: [hash.slice(0, 4)] });
    const entry = LookupAnswer.parse(await lookup.json()).buckets[0]?.entries.find((e) => e.hash === hash);
    expect(entry?.record.sanctions[0]?.reply).toEqual(shown);
    // Nothing else of the record carries a reply.
    expect((await record()).counterfeit.reply).toBeUndefined();

    const page = parse(await (await app.request('/s/shopee/672907573')).text());
    const item = page.doc.querySelector('[aria-labelledby="sanctions"] li');
    expect(item?.textContent).toContain('123/QĐ-XPHC');
    expect(item?.querySelector('figcaption')?.textContent).toContain('Phản hồi của người bán');
    expect(item?.querySelector('blockquote')?.textContent).toBe(shown.text);
    const en = parse(await (await app.request('/s/shopee/672907573?lang=en')).text());
    expect(en.doc.querySelector('[aria-labelledby="sanctions"] li figcaption')?.textContent).toContain(
      "Seller's reply",
    );
  });

  it('edits (shown "edited" with the new day), withdraws, and posts again', async () => {
    await confirmCounterfeit();
    expect((await put('counterfeit', 'Lô hàng đó do nhà cung cấp giao nhầm.')).status).toBe(201);
    now = LATER;
    const edited = await put('counterfeit', 'Lô hàng đó do nhà cung cấp giao nhầm; chúng tôi đã hoàn tiền.');
    expect(edited.status).toBe(200);
    expect(SellerReply.parse(await edited.json())).toMatchObject({
      edited: true,
      updatedAt: LATER.toISOString(),
    });
    expect((await record()).counterfeit.reply).toEqual({
      text: 'Lô hàng đó do nhà cung cấp giao nhầm; chúng tôi đã hoàn tiền.',
      date: '2026-11-03',
      edited: true,
    });
    const page = parse(await (await app.request('/s/shopee/672907573')).text());
    const figure = page.doc.querySelector('[aria-labelledby="counterfeit"] figure');
    expect(figure?.textContent).toContain('đã sửa');
    expect(figure?.textContent).toContain('03/11/2026');

    expect((await withdraw('counterfeit')).status).toBe(204);
    expect((await record()).counterfeit.reply).toBeUndefined();
    expect((await bucketRecord())?.counterfeit.reply).toBeUndefined();
    expect((await list()).shops[0]?.facts.find((f) => f.id === 'counterfeit')?.reply).toBeNull();
    // Kept for the record, with who withdrew it and when.
    const kept = await database.db.selectFrom('seller_replies').selectAll().executeTakeFirstOrThrow();
    expect(kept.withdrawn_at).toBe(LATER.toISOString());
    expect(kept.withdrawn_by).not.toBeNull();
    const again = await withdraw('counterfeit');
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toBe('no current reply to this fact');

    const reposted = await put('counterfeit', 'Phản hồi mới.');
    expect(reposted.status).toBe(201);
    expect((await record()).counterfeit.reply).toEqual({
      text: 'Phản hồi mới.',
      date: '2026-11-03',
      edited: false,
    });
  });

  it('replies to the late answers beside the complaints', async () => {
    const refused = await put('late_answers', 'Chúng tôi đã tăng nhân sự chăm sóc khách hàng.');
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe(
      "this shop's record has no verified complaint left past its deadline to reply to",
    );
    await lateComplaint();
    expect((await put('late_answers', 'Chúng tôi đã tăng nhân sự chăm sóc khách hàng.')).status).toBe(201);
    expect((await record()).complaints.lateReply?.text).toBe(
      'Chúng tôi đã tăng nhân sự chăm sóc khách hàng.',
    );
    const page = parse(await (await app.request('/s/shopee/672907573')).text());
    expect(page.doc.querySelector('[aria-labelledby="complaints"] figure')?.textContent).toContain(
      'Về các khiếu nại để quá hạn',
    );
  });

  it('shows a reply with markup as text on the page and in the record', async () => {
    const fact = await sanctionFact();
    expect((await put(fact, HOSTILE)).status).toBe(201);
    expect((await record()).sanctions[0]?.reply?.text).toBe(HOSTILE);
    const html = await (await app.request('/s/shopee/672907573')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    const page = parse(html);
    expect(page.doc.querySelector('[aria-labelledby="sanctions"] blockquote')?.textContent).toBe(HOSTILE);
    expect(page.doc.querySelectorAll('script, img[src="x"]')).toHaveLength(0);
  });

  it('refuses facts that are not on the record and texts that are not a reply', async () => {
    const counterfeit = await put('counterfeit', 'Không có hàng giả.');
    expect(counterfeit.status).toBe(409);
    expect((await counterfeit.json()).error.message).toBe(
      "this shop's record has no confirmed counterfeit to reply to",
    );
    const unknownSanction = await put(`sanction-${randomUUID()}`, 'Không có.');
    expect(unknownSanction.status).toBe(404);
    expect((await unknownSanction.json()).error.message).toBe(
      "no sanction with this id on this shop's record",
    );
    // Another shop's sanction, named on one's own shop: the same 404.
    const theirs = (await list(otherSeller)).shops[0]?.facts[0]?.id ?? '';
    expect((await put(theirs, 'Không phải của tôi.')).status).toBe(404);

    const badFact = await put('complaints', 'x');
    expect(badFact.status).toBe(400);
    expect((await badFact.json()).error.message).toContain(
      'a fact is "counterfeit", "late_answers" or "sanction-<id>"',
    );
    const fact = await sanctionFact();
    for (const [text, message] of [
      ['   ', 'a reply needs some text'],
      ['a'.repeat(MAX_REPLY_LENGTH + 1), `a reply holds at most ${MAX_REPLY_LENGTH} characters`],
      ['hi\u202eevil', 'a reply is plain text: no control characters'],
    ] as const) {
      const res = await put(fact, text);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.message).toBe('invalid reply');
      expect(body.error.details[0].message).toBe(message);
    }
    expect((await put(fact, 'a'.repeat(MAX_REPLY_LENGTH))).status).toBe(201);
    const notJson = await app.request(`/v1/seller/shops/shopee/672907573/replies/${fact}`, {
      method: 'PUT',
      body: 'text=hi',
      headers: { 'content-type': 'text/plain', ...bearer(seller) },
    });
    expect(notJson.status).toBe(415);
    const tooBig = await put(fact, 'a'.repeat(20_000));
    expect(tooBig.status).toBe(413);
    const badPlatform = await put('counterfeit', 'x', seller, 'amazon/1');
    expect(badPlatform.status).toBe(400);
    expect((await badPlatform.json()).error.code).toBe('unknown_platform');
    expect((await withdraw('counterfeit', seller, 'amazon/1')).status).toBe(400);
  });

  it("answers another seller's shop exactly as an unknown shop, and never writes there", async () => {
    const theirs = (await list(otherSeller)).shops[0]?.facts[0]?.id ?? '';
    const attack = await put(theirs, 'Người bán này lừa đảo!', seller, 'lazada/6548');
    const unknown = await put(theirs, 'Người bán này lừa đảo!', seller, 'lazada/999999');
    expect(attack.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await attack.json()).toEqual(await unknown.json());
    const attackDelete = await withdraw(theirs, seller, 'lazada/6548');
    const unknownDelete = await withdraw(theirs, seller, 'lazada/999999');
    expect(attackDelete.status).toBe(404);
    expect(await attackDelete.json()).toEqual(await unknownDelete.json());
    // Their reply stays theirs: the attacker can neither overwrite nor withdraw it.
    expect((await put(theirs, 'Chúng tôi đã khắc phục.', otherSeller, 'lazada/6548')).status).toBe(201);
    expect((await put(theirs, 'Bị sửa!', seller, 'lazada/6548')).status).toBe(404);
    expect((await withdraw(theirs, seller, 'lazada/6548')).status).toBe(404);
    const rec = TrustRecord.parse(await (await app.request('/v1/sellers/lazada/6548')).json());
    expect(rec.sanctions[0]?.reply?.text).toBe('Chúng tôi đã khắc phục.');
  });

  it('refuses platform, moderator, admin keys and no key on the seller routes', async () => {
    const fact = await sanctionFact();
    for (const key of [platform, moderator, admin]) {
      const res = await put(fact, 'Thay mặt người bán.', key);
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toBe('this needs the seller role');
      expect((await withdraw(fact, key)).status).toBe(403);
      expect((await app.request('/v1/seller/replies', { headers: bearer(key) })).status).toBe(403);
    }
    const anonymous = await app.request(`/v1/seller/shops/shopee/672907573/replies/${fact}`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.status).toBe(401);
    expect((await app.request('/v1/seller/replies')).status).toBe(401);
    expect((await withdraw(fact, 'antam_seller_nope')).status).toBe(401);
    expect((await record()).sanctions[0]?.reply).toBeUndefined();
  });

  it('lets a moderator hide a reply with a reason and show it again; a hidden reply is in no public answer', async () => {
    const fact = await sanctionFact();
    const posted = SellerReply.parse(await (await put(fact, 'Nội dung vi phạm.')).json());
    const visibility = (body: unknown, key = moderator, id = posted.id) =>
      app.request(`/v1/replies/${id}/visibility`, {
        method: 'PUT',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...bearer(key) },
      });
    const listed = await app.request('/v1/replies', { headers: bearer(moderator) });
    expect(listed.status).toBe(200);
    expect((await listed.json()).replies).toMatchObject([
      {
        id: posted.id,
        text: 'Nội dung vi phạm.',
        platform: 'shopee',
        sellerId: '672907573',
        kind: 'sanction',
      },
    ]);

    const noReason = await visibility({ hidden: true });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.details[0].message).toBe('hiding a reply needs a reason');
    expect((await visibility({ hidden: true, reason: 'x' }, seller)).status).toBe(403);
    expect((await visibility({ hidden: true, reason: 'x' }, moderator, randomUUID())).status).toBe(404);

    expect((await bucketRecord())?.sanctions[0]?.reply?.text).toBe('Nội dung vi phạm.');
    const hidden = await visibility({ hidden: true, reason: 'Xúc phạm người mua' });
    expect(hidden.status).toBe(200);
    expect((await hidden.json()).hidden).toMatchObject({ reason: 'Xúc phạm người mua' });
    expect((await record()).sanctions[0]?.reply).toBeUndefined();
    expect((await bucketRecord())?.sanctions[0]?.reply).toBeUndefined();
    expect(parse(await (await app.request('/s/shopee/672907573')).text()).text).not.toContain(
      'Nội dung vi phạm.',
    );
    // The seller sees why; an edit does not bring it back.
    const mine = (await list()).shops[0]?.facts[0]?.reply;
    expect(mine?.hidden?.reason).toBe('Xúc phạm người mua');
    expect((await put(fact, 'Nội dung khác.')).status).toBe(200);
    expect((await record()).sanctions[0]?.reply).toBeUndefined();
    const hiddenOnly = await app.request('/v1/replies?hidden=true', { headers: bearer(moderator) });
    expect((await hiddenOnly.json()).replies).toHaveLength(1);
    const shownOnly = await app.request('/v1/replies?hidden=false', { headers: bearer(moderator) });
    expect((await shownOnly.json()).replies).toHaveLength(0);
    expect((await app.request('/v1/replies?limit=0', { headers: bearer(moderator) })).status).toBe(400);
    expect((await app.request('/v1/replies', { headers: bearer(seller) })).status).toBe(403);
    expect((await app.request('/v1/replies')).status).toBe(401);

    const unhidden = await visibility({ hidden: false });
    expect(unhidden.status).toBe(200);
    expect((await unhidden.json()).hidden).toBeNull();
    expect((await record()).sanctions[0]?.reply?.text).toBe('Nội dung khác.');
    expect((await bucketRecord())?.sanctions[0]?.reply?.text).toBe('Nội dung khác.');
    const wrongType = await app.request(`/v1/replies/${posted.id}/visibility`, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/plain', ...bearer(moderator) },
    });
    expect(wrongType.status).toBe(415);
    const tooBig = await visibility({ hidden: true, reason: 'a'.repeat(20_000) });
    expect(tooBig.status).toBe(413);
    expect((await visibility({ hidden: true, reason: 'x' }, 'antam_moderator_nope')).status).toBe(401);
  });

  it('keeps a reply with its fact when a shop known by its slug gets its numeric id', async () => {
    const slugSanctions = [
      'platform,seller_id,slug,authority,decision,date,summary,url',
      'tiktok,,vidu-anbinh,Chi cục QLTT Hà Nội,9/QĐ-XPHC,2026-07-02,Không niêm yết giá,',
    ].join('\n');
    expect((await postCsv(app, '/v1/admin/import/sanctions', slugSanctions, admin)).status).toBe(200);
    const slugKey = (
      await createApiKey(
        database.db,
        { role: 'seller', label: 'An Bình', sellers: ['tiktok:@vidu-anbinh'] },
        NOW,
      )
    ).key;
    const shop = (await list(slugKey)).shops[0];
    expect(shop?.sellerId).toBe('@vidu-anbinh');
    const fact = shop?.facts[0]?.id ?? '';
    expect((await put(fact, 'Đã niêm yết giá đầy đủ.', slugKey, 'tiktok/@vidu-anbinh')).status).toBe(201);
    const registrations = [
      'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
      'Hộ kinh doanh An Bình,0300000099,notified,2024-01-02,,tiktok,7123,vidu-anbinh,An Bình,false',
    ].join('\n');
    const imported = await postCsv(app, '/v1/admin/import/registrations', registrations, admin);
    expect(imported.status, await imported.clone().text()).toBe(200);
    const merged = TrustRecord.parse(await (await app.request('/v1/sellers/tiktok/7123')).json());
    expect(merged.sanctions[0]?.reply?.text).toBe('Đã niêm yết giá đầy đủ.');
  });

  it('carries the reply in the open-data JSON Lines and counts replies in the CSV', async () => {
    const fact = await sanctionFact();
    expect((await put(fact, 'Đã khắc phục, "xin lỗi", cảm ơn.')).status).toBe(201);
    const snapshot = await app.request('/v1/admin/open-data/snapshot', {
      method: 'POST',
      headers: bearer(admin),
    });
    expect(snapshot.status).toBe(201);
    const jsonl = await (await app.request('/v1/open-data/latest/records.jsonl')).text();
    const line = jsonl
      .trim()
      .split('\n')
      .map((l) => TrustRecord.parse(JSON.parse(l)))
      .find((r) => r.sellerId === '672907573');
    expect(line?.sanctions[0]?.reply?.text).toBe('Đã khắc phục, "xin lỗi", cảm ơn.');
    const csv = await (await app.request('/v1/open-data/latest/records.csv')).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    const column = header?.split(',').indexOf('seller_replies') ?? -1;
    expect(column).toBeGreaterThan(-1);
    const row = rows.find((r) => r.startsWith('shopee,672907573,'));
    expect(row?.split(',')[column]).toBe('1');
  });
});
