// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
//
// Serialised buckets (issue 13): the k-anonymous lookup answers, kept in the database, one row per
// 4-hex prefix, read by primary key. `entries` is the JSON array of the bucket's entries as the
// answer carries them (padding is added at send time, never stored); `version` is the data version
// the row was derived at; `valid_until` is the first instant at which one of its records may read
// differently because a time window passes (a complaint leaving the last 12 months, a deadline
// passing), null when none will; `built_at` is when it was derived.
//
// `bucket_dirty` is how no write can forget a bucket: triggers on every table a public record is
// derived from add the prefixes of the seller they touch, and the transaction that bumps the data
// version re-derives those buckets before it commits (server/trust/buckets.ts). No primary key on
// purpose: two writers marking the same prefix must never wait on each other.
//
// Every existing prefix is marked at once, so the first bump (or the registry's start) backfills.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Tables whose rows carry a `seller_id` and feed the public record. */
const BY_SELLER = ['complaints', 'counterfeit_reports', 'sanctions', 'seller_replies'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('buckets')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('sellers', 'integer', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .execute();
  // Bumped by every derivation: nodes drop their copies of the buckets derived after the value
  // they last saw, and it is the ETag's version (data_version moves with writes, before derivation).
  await db.schema
    .alterTable('registry_state')
    .addColumn('bucket_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('buckets_valid_until').on('buckets').column('valid_until').execute();
  await db.schema.createIndex('buckets_version').on('buckets').column('version').execute();
  await db.schema
    .createTable('bucket_dirty')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bucket_dirty_prefix').on('bucket_dirty').column('prefix').execute();

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`
      create function antam_dirty_by_seller() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' and (tg_op = 'DELETE' or old.seller_id is distinct from new.seller_id) then
          insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = old.seller_id;
        end if;
        if tg_op <> 'DELETE' then
          insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = new.seller_id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function antam_dirty_seller() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = old.id;
        else
          insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = new.id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function antam_dirty_key() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then insert into bucket_dirty(prefix) values (old.bucket); end if;
        if tg_op <> 'DELETE' and (tg_op = 'INSERT' or old.bucket <> new.bucket or old.seller_id <> new.seller_id) then
          insert into bucket_dirty(prefix) values (new.bucket);
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function antam_dirty_business() returns trigger language plpgsql as $$
      begin
        insert into bucket_dirty(prefix)
          select k.bucket from sellers s join seller_keys k on k.seller_id = s.id where s.business_id = new.id;
        return null;
      end $$`.execute(db);
    for (const table of BY_SELLER) {
      await sql`create trigger ${sql.raw(`${table}_dirty`)} after insert or update or delete on ${sql.table(table)}
        for each row execute function antam_dirty_by_seller()`.execute(db);
    }
    await sql`create trigger sellers_dirty after update or delete on sellers
      for each row execute function antam_dirty_seller()`.execute(db);
    await sql`create trigger seller_keys_dirty after insert or update or delete on seller_keys
      for each row execute function antam_dirty_key()`.execute(db);
    await sql`create trigger businesses_dirty after update on businesses
      for each row execute function antam_dirty_business()`.execute(db);
  } else {
    const bySeller = (row: 'new' | 'old') =>
      `insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = ${row}.seller_id;`;
    for (const table of BY_SELLER) {
      await sql
        .raw(`create trigger ${table}_dirty_insert after insert on ${table} begin ${bySeller('new')} end`)
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_dirty_update after update on ${table} begin ${bySeller('new')}
             insert into bucket_dirty(prefix) select bucket from seller_keys
               where seller_id = old.seller_id and old.seller_id <> new.seller_id; end`,
        )
        .execute(db);
      await sql
        .raw(`create trigger ${table}_dirty_delete after delete on ${table} begin ${bySeller('old')} end`)
        .execute(db);
    }
    await sql
      .raw(`create trigger sellers_dirty_update after update on sellers begin
        insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = new.id; end`)
      .execute(db);
    await sql
      .raw(`create trigger sellers_dirty_delete after delete on sellers begin
        insert into bucket_dirty(prefix) select bucket from seller_keys where seller_id = old.id; end`)
      .execute(db);
    await sql
      .raw(`create trigger seller_keys_dirty_insert after insert on seller_keys begin
        insert into bucket_dirty(prefix) values (new.bucket); end`)
      .execute(db);
    await sql
      .raw(`create trigger seller_keys_dirty_update after update on seller_keys begin
        insert into bucket_dirty(prefix) values (old.bucket);
        insert into bucket_dirty(prefix) select new.bucket where new.bucket <> old.bucket; end`)
      .execute(db);
    await sql
      .raw(`create trigger seller_keys_dirty_delete after delete on seller_keys begin
        insert into bucket_dirty(prefix) values (old.bucket); end`)
      .execute(db);
    await sql
      .raw(`create trigger businesses_dirty_update after update on businesses begin
        insert into bucket_dirty(prefix)
          select k.bucket from sellers s join seller_keys k on k.seller_id = s.id where s.business_id = new.id; end`)
      .execute(db);
  }
  // Backfill: every bucket that exists is derived at the next bump or at the registry's start.
  await sql`insert into bucket_dirty(prefix) select distinct bucket from seller_keys`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    for (const table of BY_SELLER)
      await sql`drop trigger ${sql.raw(`${table}_dirty`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger sellers_dirty on sellers`.execute(db);
    await sql`drop trigger seller_keys_dirty on seller_keys`.execute(db);
    await sql`drop trigger businesses_dirty on businesses`.execute(db);
    for (const f of [
      'antam_dirty_by_seller',
      'antam_dirty_seller',
      'antam_dirty_key',
      'antam_dirty_business',
    ]) {
      await sql`drop function ${sql.raw(f)}()`.execute(db);
    }
  } else {
    for (const table of BY_SELLER) {
      for (const op of ['insert', 'update', 'delete'])
        await sql.raw(`drop trigger ${table}_dirty_${op}`).execute(db);
    }
    for (const t of [
      'sellers_dirty_update',
      'sellers_dirty_delete',
      'seller_keys_dirty_insert',
      'seller_keys_dirty_update',
      'seller_keys_dirty_delete',
      'businesses_dirty_update',
    ]) {
      await sql.raw(`drop trigger ${t}`).execute(db);
    }
  }
  await db.schema.dropTable('bucket_dirty').execute();
  await db.schema.dropTable('buckets').execute();
  await db.schema.alterTable('registry_state').dropColumn('bucket_version').execute();
}
