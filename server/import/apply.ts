import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ImportResult } from '../../lib/registry/schemas';
import type { Platform } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { ensureSeller, readDataVersion } from '../db/sellers';
import type { Writer } from '../db/transaction';
import type { RegistrationRow, SanctionRow } from './rows';

type Outcome = 'inserted' | 'updated' | 'unchanged';

interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Applies a validated import in one transaction: all rows or none. Re-applying the same rows
 * changes nothing (every row reports `unchanged`) and leaves the data version alone, so caches
 * stay warm.
 */
async function applyAll<R>(
  writer: Writer,
  kind: ImportResult['kind'],
  csvText: string,
  rows: R[],
  keyId: string | null,
  now: Date,
  applyRow: (trx: Transaction<Database>, row: R) => Promise<Outcome>,
): Promise<ImportResult> {
  return writer.transact(async ({ trx, dataChanged }) => {
    const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const row of rows) counts[await applyRow(trx, row)]++;
    const changed = counts.inserted + counts.updated > 0;
    const dataVersion = changed ? await dataChanged(now) : await readDataVersion(trx);
    await trx
      .insertInto('imports')
      .values({
        id: randomUUID(),
        kind,
        sha256: createHash('sha256').update(csvText).digest('hex'),
        rows: rows.length,
        inserted: counts.inserted,
        updated: counts.updated,
        key_id: keyId,
        created_at: now.toISOString(),
      })
      .execute();
    return { kind, rows: rows.length, ...counts, dataVersion };
  });
}

export function applyRegistrations(
  writer: Writer,
  csvText: string,
  rows: RegistrationRow[],
  keyId: string | null,
  now: Date,
  demo = false,
): Promise<ImportResult> {
  const ts = now.toISOString();
  return applyAll(writer, 'registrations', csvText, rows, keyId, now, async (trx, row) => {
    let outcome: Outcome = 'unchanged';
    const b = row.business;
    const business = {
      name: b.name,
      tax_code: b.taxCode,
      registration_status: b.status,
      registered_on: b.registeredOn,
      source_ref: b.sourceRef,
    };
    const existing = await trx
      .selectFrom('businesses')
      .select(['id', 'name', 'tax_code', 'registration_status', 'registered_on', 'source_ref'])
      .where('identity', '=', b.identity)
      .executeTakeFirst();
    let businessId: string;
    if (!existing) {
      businessId = randomUUID();
      await trx
        .insertInto('businesses')
        .values({ id: businessId, identity: b.identity, ...business, demo: demo ? 1 : 0, updated_at: ts })
        .execute();
      outcome = 'inserted';
    } else {
      businessId = existing.id;
      const same = (Object.keys(business) as (keyof typeof business)[]).every(
        (k) => existing[k] === business[k],
      );
      if (!same) {
        await trx
          .updateTable('businesses')
          .set({ ...business, updated_at: ts })
          .where('id', '=', businessId)
          .execute();
        outcome = 'updated';
      }
    }

    const shop = row.shop;
    const seller = await ensureSeller(trx, shop.platform as Platform, shop.sellerId, shop.slug, now, demo);
    if (seller.created) outcome = 'inserted';
    else if (seller.relinked && outcome === 'unchanged') outcome = 'updated';
    const current = await trx
      .selectFrom('sellers')
      .select(['name', 'official_store', 'business_id'])
      .where('id', '=', seller.id)
      .executeTakeFirstOrThrow();
    const wanted = {
      name: shop.name ?? current.name,
      official_store: shop.officialStore ? 1 : 0,
      business_id: businessId,
    };
    if (
      current.name !== wanted.name ||
      Number(current.official_store) !== wanted.official_store ||
      current.business_id !== wanted.business_id
    ) {
      await trx
        .updateTable('sellers')
        .set({ ...wanted, updated_at: ts })
        .where('id', '=', seller.id)
        .execute();
      if (outcome === 'unchanged') outcome = 'updated';
    }
    return outcome;
  });
}

export function applySanctions(
  writer: Writer,
  csvText: string,
  rows: SanctionRow[],
  keyId: string | null,
  now: Date,
  demo = false,
): Promise<ImportResult> {
  const ts = now.toISOString();
  return applyAll(writer, 'sanctions', csvText, rows, keyId, now, async (trx, row) => {
    const seller = await ensureSeller(trx, row.platform as Platform, row.sellerId, row.slug, now, demo);
    const existing = await trx
      .selectFrom('sanctions')
      .select(['id', 'decided_on', 'summary', 'url'])
      .where('seller_id', '=', seller.id)
      .where('authority', '=', row.authority)
      .where('decision', '=', row.decision)
      .executeTakeFirst();
    if (!existing) {
      await trx
        .insertInto('sanctions')
        .values({
          id: randomUUID(),
          seller_id: seller.id,
          authority: row.authority,
          decision: row.decision,
          decided_on: row.date,
          summary: row.summary,
          url: row.url,
          demo: demo ? 1 : 0,
          created_at: ts,
        })
        .execute();
      return 'inserted';
    }
    if (existing.decided_on === row.date && existing.summary === row.summary && existing.url === row.url) {
      return seller.relinked ? 'updated' : 'unchanged';
    }
    await trx
      .updateTable('sanctions')
      .set({ decided_on: row.date, summary: row.summary, url: row.url, created_at: ts })
      .where('id', '=', existing.id)
      .execute();
    return 'updated';
  });
}
