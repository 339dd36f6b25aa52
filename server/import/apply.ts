import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { ImportResult } from '../../lib/registry/schemas';
import { aliasKey, MIN_PREFIX_LENGTH, type Platform, sellerKey } from '../../lib/registry/seller-key';
import type { Database, SanctionTable, SellerKeyTable, SellerTable } from '../db/schema';
import { type EnsuredSeller, ensureSeller, hashKeySync, readDataVersion } from '../db/sellers';
import { isUniqueViolation, type Writer } from '../db/transaction';
import type { RegistrationRow, SanctionRow } from './rows';

type Outcome = 'inserted' | 'updated' | 'unchanged';

interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface Shop {
  platform: Platform;
  sellerId: string | null;
  slug: string | null;
}

interface SanctionFact {
  id: string;
  decided_on: string;
  summary: string;
  url: string | null;
}

/** SQL parameters per statement stay far below SQLite's (32,766) and PostgreSQL's (65,535) caps. */
const IN_LIST = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const decisionKey = (authority: string, decision: string) => `${authority}\u0000${decision}`;

/**
 * One batch's view of the sellers and sanctions it touches, so that the common rows (a new shop,
 * a known shop, a slug added to a numeric shop) cost no query of their own: what the batch's rows
 * name is read up front in a few IN queries, and new sellers, keys and sanctions are written as
 * multi-row inserts at the end (`flush`). A row that merges or re-points an alias takes the
 * general path (`ensureSeller`, after a flush), and what it changed is read from the database
 * again. The answers are the ones the row-by-row code gave (tests/server/registry.test.ts).
 */
class Batch {
  private readonly sellers: Insertable<SellerTable>[] = [];
  private readonly pendingSellers = new Map<string, Insertable<SellerTable>>();
  private readonly keysToAdd: Insertable<SellerKeyTable>[] = [];
  private readonly sanctionsToAdd: Insertable<SanctionTable>[] = [];

  private constructor(
    readonly trx: Transaction<Database>,
    readonly now: Date,
    readonly demo: boolean,
    /** Seller key → seller id, for every key the batch's rows name that exists (or will). */
    private readonly keys: Map<string, string>,
    /** Sanctions per seller by authority + decision, for the sellers known to this batch. */
    private readonly sanctions: Map<string, Map<string, SanctionFact>>,
  ) {}

  static async load(trx: Transaction<Database>, shops: Shop[], now: Date, demo: boolean): Promise<Batch> {
    const wanted = new Set<string>();
    for (const shop of shops) {
      if (shop.sellerId) wanted.add(sellerKey(shop.platform, shop.sellerId));
      if (shop.slug) wanted.add(aliasKey(shop.platform, shop.slug));
    }
    const keys = new Map<string, string>();
    for (const part of chunks([...wanted], IN_LIST)) {
      const rows = await trx
        .selectFrom('seller_keys')
        .select(['key', 'seller_id'])
        .where('key', 'in', part)
        .execute();
      for (const r of rows) keys.set(r.key, r.seller_id);
    }
    const sanctions = new Map<string, Map<string, SanctionFact>>();
    const sellerIds = [...new Set(keys.values())];
    for (const id of sellerIds) sanctions.set(id, new Map());
    for (const part of chunks(sellerIds, IN_LIST)) {
      const rows = await trx
        .selectFrom('sanctions')
        .select(['id', 'seller_id', 'authority', 'decision', 'decided_on', 'summary', 'url'])
        .where('seller_id', 'in', part)
        .execute();
      for (const r of rows) sanctions.get(r.seller_id)?.set(decisionKey(r.authority, r.decision), r);
    }
    return new Batch(trx, now, demo, keys, sanctions);
  }

  private newSeller(id: string, platform: Platform, platformId: string): void {
    const ts = this.now.toISOString();
    const row: Insertable<SellerTable> = {
      id,
      platform,
      platform_id: platformId,
      name: null,
      demo: this.demo ? 1 : 0,
      created_at: ts,
      updated_at: ts,
    };
    this.sellers.push(row);
    this.pendingSellers.set(id, row);
    this.addKey(id, id);
    this.sanctions.set(id, new Map());
  }

  private addKey(key: string, sellerId: string): void {
    const hash = hashKeySync(key);
    this.keysToAdd.push({ key, hash, bucket: hash.slice(0, MIN_PREFIX_LENGTH), seller_id: sellerId });
    this.keys.set(key, sellerId);
  }

  /** `ensureSeller` for a row of this batch (same rules, same answer). */
  async ensure(shop: Shop): Promise<EnsuredSeller> {
    const { platform, sellerId: numericId, slug } = shop;
    const alias = slug ? aliasKey(platform, slug) : null;
    const aliasTarget = alias ? this.keys.get(alias) : undefined;
    if (!numericId) {
      if (!alias) throw new Error('a seller needs a numeric id or a slug');
      if (aliasTarget !== undefined) return { id: aliasTarget, created: false, relinked: false };
      this.newSeller(alias, platform, alias.slice(platform.length + 1));
      return { id: alias, created: true, relinked: false };
    }
    const id = sellerKey(platform, numericId);
    if (alias && aliasTarget !== undefined && aliasTarget !== id) {
      // A merge or a re-pointed alias: the general path, on the database as it stands.
      await this.flush();
      const ensured = await ensureSeller(this.trx, platform, numericId, slug, this.now, this.demo);
      this.keys.set(id, id);
      this.keys.set(alias, id);
      this.sanctions.delete(id);
      this.sanctions.delete(aliasTarget);
      return ensured;
    }
    const created = !this.keys.has(id);
    if (created) this.newSeller(id, platform, numericId);
    let relinked = false;
    if (alias && aliasTarget === undefined) {
      this.addKey(alias, id);
      relinked = !created;
    }
    return { id, created, relinked };
  }

  /** The seller row as this batch will write it, when the batch creates it (not yet flushed). */
  pendingSeller(id: string): Insertable<SellerTable> | undefined {
    return this.pendingSellers.get(id);
  }

  async sanction(sellerId: string, authority: string, decision: string): Promise<SanctionFact | undefined> {
    const known = this.sanctions.get(sellerId);
    if (known) return known.get(decisionKey(authority, decision));
    await this.flush();
    return this.trx
      .selectFrom('sanctions')
      .select(['id', 'decided_on', 'summary', 'url'])
      .where('seller_id', '=', sellerId)
      .where('authority', '=', authority)
      .where('decision', '=', decision)
      .executeTakeFirst();
  }

  addSanction(row: Insertable<SanctionTable>): void {
    this.sanctionsToAdd.push(row);
    this.sanctions.get(row.seller_id)?.set(decisionKey(row.authority, row.decision), {
      id: row.id,
      decided_on: row.decided_on,
      summary: row.summary,
      url: row.url ?? null,
    });
  }

  forgetSanctions(sellerId: string): void {
    this.sanctions.delete(sellerId);
  }

  /** Writes what the batch holds back (sellers, then their keys, then sanctions: the FK order). */
  async flush(): Promise<void> {
    for (const part of chunks(this.sellers.splice(0), 200)) {
      await this.trx.insertInto('sellers').values(part).execute();
    }
    this.pendingSellers.clear();
    for (const part of chunks(this.keysToAdd.splice(0), 500)) {
      await this.trx.insertInto('seller_keys').values(part).execute();
    }
    for (const part of chunks(this.sanctionsToAdd.splice(0), 200)) {
      await this.trx.insertInto('sanctions').values(part).execute();
    }
  }
}

/** Rows written per transaction: each batch is short, so lookups and other writes get their turn. */
export const IMPORT_BATCH_ROWS = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One import at a time per writer: two files interleaving their batches would race on sellers. */
const running = new WeakMap<Writer, Promise<unknown>>();

function oneAtATime<T>(writer: Writer, work: () => Promise<T>): Promise<T> {
  const before = running.get(writer) ?? Promise.resolve();
  const mine = before.then(work, work);
  running.set(
    writer,
    mine.catch(() => undefined),
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
  demo: boolean,
  shopOf: (row: R) => Shop,
  applyRow: (batch: Batch, row: R) => Promise<Outcome>,
): Promise<ImportResult> {
  return oneAtATime(writer, async () => {
    const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
    let dataVersion: number | null = null;
    let start = 0;
    for (;;) {
      const batch = rows.slice(start, start + IMPORT_BATCH_ROWS);
      start += batch.length;
      const last = start >= rows.length;
      // A concurrent write (a complaint naming a new shop) may create a seller or key this batch
      // read as absent: the unique index refuses the insert, and the batch is simply run again.
      let version: number | null = null;
      for (let attempt = 1; ; attempt++) {
        const tally: Counts = { inserted: 0, updated: 0, unchanged: 0 };
        try {
          version = await writer.transact(async ({ trx, dataChanged }) => {
            const state = await Batch.load(trx, batch.map(shopOf), now, demo);
            for (const row of batch) tally[await applyRow(state, row)]++;
            await state.flush();
            const changed = tally.inserted + tally.updated > 0;
            const bumped = changed ? await dataChanged(now) : null;
            if (!last) return bumped;
            await trx
              .insertInto('imports')
              .values({
                id: randomUUID(),
                kind,
                sha256: createHash('sha256').update(csvText).digest('hex'),
                rows: rows.length,
                inserted: counts.inserted + tally.inserted,
                updated: counts.updated + tally.updated,
                key_id: keyId,
                created_at: now.toISOString(),
              })
              .execute();
            return bumped ?? dataVersion ?? (await readDataVersion(trx));
          });
        } catch (err) {
          if (attempt < 3 && isUniqueViolation(err)) continue;
          throw err;
        }
        counts.inserted += tally.inserted;
        counts.updated += tally.updated;
        counts.unchanged += tally.unchanged;
        break;
      }
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
  return applyAll(
    writer,
    'registrations',
    csvText,
    rows,
    keyId,
    now,
    demo,
    (row) => row.shop,
    async (batch, row) => {
      const { trx } = batch;
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
      const seller = await batch.ensure(shop);
      const wanted = {
        official_store: shop.officialStore ? 1 : 0,
        business_id: businessId,
      };
      const pending = batch.pendingSeller(seller.id);
      if (pending) {
        // Created by this batch and not written yet: it is written with its final values.
        Object.assign(pending, wanted, { name: shop.name ?? pending.name ?? null });
        return 'inserted';
      }
      if (seller.created) outcome = 'inserted';
      else if (seller.relinked && outcome === 'unchanged') outcome = 'updated';
      const current = await trx
        .selectFrom('sellers')
        .select(['name', 'official_store', 'business_id'])
        .where('id', '=', seller.id)
        .executeTakeFirstOrThrow();
      const name = shop.name ?? current.name;
      if (
        current.name !== name ||
        Number(current.official_store) !== wanted.official_store ||
        current.business_id !== wanted.business_id
      ) {
        await trx
          .updateTable('sellers')
          .set({ ...wanted, name, updated_at: ts })
          .where('id', '=', seller.id)
          .execute();
        if (outcome === 'unchanged') outcome = 'updated';
      }
      return outcome;
    },
  );
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
  return applyAll(
    writer,
    'sanctions',
    csvText,
    rows,
    keyId,
    now,
    demo,
    (row) => row,
    async (batch, row) => {
      const seller = await batch.ensure(row);
      const existing = await batch.sanction(seller.id, row.authority, row.decision);
      if (!existing) {
        batch.addSanction({
          id: randomUUID(),
          seller_id: seller.id,
          authority: row.authority,
          decision: row.decision,
          decided_on: row.date,
          summary: row.summary,
          url: row.url,
          demo: demo ? 1 : 0,
          created_at: ts,
        });
        return 'inserted';
      }
      if (existing.decided_on === row.date && existing.summary === row.summary && existing.url === row.url) {
        return seller.relinked ? 'updated' : 'unchanged';
      }
      // The known fact changes: written now (and forgotten by the batch, which reads it again).
      await batch.flush();
      await batch.trx
        .updateTable('sanctions')
        .set({ decided_on: row.date, summary: row.summary, url: row.url, created_at: ts })
        .where('id', '=', existing.id)
        .execute();
      batch.forgetSanctions(seller.id);
      return 'updated';
    },
  );
}
