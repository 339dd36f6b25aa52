// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, ISO 8601 text dates, JSON as text.
//
// The audit log (issue 10): one row per action taken with an API key (or from the CLI): who
// (the key's id, role and label as they were then), when, what (an action name such as
// `report.action`), on what (target kind and id) and a small JSON detail of whitelisted fields
// (type, state, outcome, a moderator's reason or finding) — never a shopper's personal data.
// Rows are only ever inserted; the moderators' and admins' search reads them newest first.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // Null for the CLI, which acts without a key.
    .addColumn('actor_key_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text')
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    // The action, target id and actor label in lower case (JavaScript's, for every script: SQLite's
    // lower() folds ASCII only), searched by the free-text filter.
    .addColumn('search', 'text', (c) => c.notNull())
    .execute();
  // Newest first, by (at, id): the cursor's order; the filters narrow it by key or action.
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_at').on('audit_log').columns(['actor_key_id', 'at']).execute();
  await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}
