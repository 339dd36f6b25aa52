import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyInfo, Role } from '../lib/registry/schemas';
import type { Database } from './db/schema';

export interface Principal {
  keyId: string;
  role: Role;
  /** Seller keys a seller/platform key may act for; empty for other roles. */
  sellers: string[];
}

/** Keys are 256 random bits, so a plain SHA-256 is a sufficient one-way store (no need for a slow KDF). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createApiKey(
  db: Kysely<Database>,
  input: { role: Role; label: string; sellers?: string[] },
  now: Date,
): Promise<ApiKeyInfo & { key: string }> {
  const id = randomUUID();
  const key = `antam_${input.role}_${randomBytes(32).toString('base64url')}`;
  const createdAt = now.toISOString();
  const sellers = [...new Set(input.sellers ?? [])];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({ id, key_hash: hashApiKey(key), role: input.role, label: input.label, created_at: createdAt })
      .execute();
    if (sellers.length > 0) {
      await trx
        .insertInto('api_key_sellers')
        .values(sellers.map((seller_key) => ({ key_id: id, seller_key })))
        .execute();
    }
  });
  return { id, key, role: input.role, label: input.label, sellers, createdAt, revokedAt: null };
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const [keys, scopes] = await Promise.all([
    db.selectFrom('api_keys').selectAll().orderBy('created_at').execute(),
    db.selectFrom('api_key_sellers').selectAll().execute(),
  ]);
  return keys.map((k) => ({
    id: k.id,
    role: k.role as Role,
    label: k.label,
    sellers: scopes.filter((s) => s.key_id === k.id).map((s) => s.seller_key),
    createdAt: k.created_at,
    revokedAt: k.revoked_at,
  }));
}

/** Revokes a key; returns false when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return false;
  if (!row.revoked_at) {
    await db.updateTable('api_keys').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return true;
}

export async function authenticate(db: Kysely<Database>, key: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'role'])
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const sellers = await db
    .selectFrom('api_key_sellers')
    .select('seller_key')
    .where('key_id', '=', row.id)
    .execute();
  return { keyId: row.id, role: row.role as Role, sellers: sellers.map((s) => s.seller_key) };
}
