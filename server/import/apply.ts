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

/** Rows written per transaction: each batch is short, so lookups and other writes get their turn. */
export const IMPORT_BATCH_ROWS = 200;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One import at a time per writer: two files interleaving their batches would race on sellers. */
const running = new WeakMap<Writer, Promise<unknown>>();

function oneAtATime<T>(writer: Writer, work: () => Promise<T>): Promise<T> {
  const before = running.get(writer) ?? Promise.resolve();
  const mine = before.then(work, work);
  running.set(
    writer,
    mine.catch(() => {}),
  );
  return mine;
}

/**
 * Applies a validated import in batches of IMPORT_BATCH_ROWS rows, each its own short transaction,
 * giving the event loop a turn between batches: a 5 MB file no longer holds the database (SQLite's
 * one writer, PostgreSQL's row locks) or the lookups for the whole import. What stays all or
 * nothing is what the admin relies on: every row of the file is validated before the first write,
 * so a file with a bad row changes nothing; each row lands whole in one transaction (a seller never
 * shows half a row); and the `imports` audit entry is written with the last batch, so it exists
 * only for a file applied to the end. Should the database fail midway, the batches before stay
 * applied and the error is answered; re-sending the same file completes it, since re-applying a
 * row changes nothing (every such row reports `unchanged`, and the data version is left alone so
 * caches stay warm).
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
  return oneAtATime(writer, async () => {
    const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    let dataVersion: number | null = null;
    let start = 0;
    for (;;) {
      const batch = rows.slice(start, start + IMPORT_BATCH_ROWS);
      start += batch.length;
      const last = start >= rows.length;
      const version = await writer.transact(async ({ trx, dataChanged }) => {
        let changed = false;
        for (const row of batch) {
          const outcome = await applyRow(trx, row);
          counts[outcome]++;
          if (outcome !== 'unchanged') changed = true;
        }
        const bumped = changed ? await dataChanged(now) : null;
        if (last) {
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
          return bumped ?? dataVersion ?? (await readDataVersion(trx));
        }
        return bumped;
      });
      if (version !== null) dataVersion = version;
      if (last) return { kind, rows: rows.length, ...counts, dataVersion: dataVersion as number };
      await nextTurn();
    }
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
