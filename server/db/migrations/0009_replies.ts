// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, ISO 8601 text dates.
//
// Sellers' public replies (issue 10): a seller answers a fact on its record, in public, beside
// that fact. One current reply per fact: `fact` is 'sanction' (with the sanction's id in
// `fact_ref`), 'counterfeit' or 'late_answers' (with '' in `fact_ref`, so that the unique index
// holds on both engines, which treat NULLs in unique indexes alike only by accident).
// Who wrote, edited, withdrew, hid it and when are kept on the row: a withdrawn or hidden reply
// stays for the record and is left out of every public answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seller_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id'))
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('fact_ref', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_by', 'text')
    .addColumn('hidden_reason', 'text')
    .addUniqueConstraint('seller_replies_fact', ['seller_id', 'fact', 'fact_ref'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seller_replies').execute();
}
