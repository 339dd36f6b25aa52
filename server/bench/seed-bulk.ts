import type { Kysely } from 'kysely';
import { PLATFORMS } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { bumpDataVersion, hashKeySync } from '../db/sellers';

/**
 * Inserts `count` synthetic sellers (with businesses for a fifth, sanctions and complaints for a
 * few) in batches, for load tests. Deterministic: seller i is `<platform>:<10^9 + i>`.
 */
export async function seedBulkSellers(db: Kysely<Database>, count: number, now: Date): Promise<void> {
  const ts = now.toISOString();
  const BATCH = 400;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += BATCH) {
      const n = Math.min(BATCH, count - start);
      const sellers = [];
      const keys = [];
      const businesses = [];
      const sanctions = [];
      const complaints = [];
      for (let j = 0; j < n; j++) {
        const i = start + j;
        const platform = PLATFORMS[i % PLATFORMS.length] ?? 'shopee';
        const platformId = String(1_000_000_000 + i);
        const id = `${platform}:${platformId}`;
        const hash = hashKeySync(id);
        const businessId = i % 5 === 0 ? `bench-b-${i}` : null;
        if (businessId) {
          businesses.push({
            id: businessId,
            identity: `BENCH-${i}`,
            name: `Công ty TNHH Thử Tải ${i}`,
            tax_code: null,
            registration_status: 'registered',
            registered_on: '2022-01-01',
            source_ref: `BENCH-${i}`,
            updated_at: ts,
          });
        }
        sellers.push({
          id,
          platform,
          platform_id: platformId,
          name: `Cửa hàng ${i}`,
          business_id: businessId,
          created_at: ts,
          updated_at: ts,
        });
        keys.push({ key: id, hash, bucket: hash.slice(0, 4), seller_id: id });
        if (i % 50 === 0) {
          sanctions.push({
            id: `bench-s-${i}`,
            seller_id: id,
            authority: 'Cục Quản lý thị trường',
            decision: `${i}/QĐ-XPHC`,
            decided_on: '2025-06-01',
            summary: 'Dữ liệu thử tải',
            url: null,
            created_at: ts,
          });
        }
        if (i % 7 === 0) {
          complaints.push({
            id: `bench-c-${i}`,
            seller_id: id,
            status: 'resolved',
            outcome: 'shopper',
            filed_at: ts,
            forwarded_at: ts,
            due_at: ts,
            responded_at: ts,
            resolved_at: ts,
            verification: 'order_verified',
            verified_at: ts,
            verified_by: 'import',
          });
        }
      }
      if (businesses.length) await trx.insertInto('businesses').values(businesses).execute();
      await trx.insertInto('sellers').values(sellers).execute();
      await trx.insertInto('seller_keys').values(keys).execute();
      if (sanctions.length) await trx.insertInto('sanctions').values(sanctions).execute();
      if (complaints.length) await trx.insertInto('complaints').values(complaints).execute();
    }
    await bumpDataVersion(trx, now);
  });
}
