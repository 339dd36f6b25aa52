/**
 * Who is asking, in one place: API keys (stored as hashes), their roles and seller scopes, the
 * parsing of `Authorization: Bearer`, the role middleware of the routes, and the resolution of a
 * case route's bearer into the case's owner (its case token) or an API key acting on it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { ApiKeyInfo, Role } from '../lib/registry/schemas';
import type { CaseViewer } from './cases/kind';
import { caseTokenMatches } from './cases/tokens';
import type { Env } from './context';
import type { Database } from './db/schema';
import { ApiError } from './http/errors';

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

/** True when one of the key's shops (or one of their aliases) is the given seller. */
export async function sellerScopeCovers(
  db: Kysely<Database>,
  scope: readonly string[],
  sellerId: string,
): Promise<boolean> {
  if (scope.length === 0) return false;
  const row = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', 'in', [...scope])
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The canonical seller ids a seller key acts for (its keys may be aliases of the same shop). */
export async function sellersInScope(db: Kysely<Database>, scope: readonly string[]): Promise<string[]> {
  if (scope.length === 0) return [];
  const rows = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', 'in', [...scope])
    .execute();
  return [...new Set(rows.map((r) => r.seller_id))];
}

/** The bearer credential of a request; `hint` tells the caller what to send when there is none. */
export function bearerToken(c: Context<Env>, hint: string): string {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new ApiError(401, 'unauthorized', hint);
  return m[1];
}

/** Requires `Authorization: Bearer <key>` of one of the given roles; the key is the principal. */
export function requireRole(db: Kysely<Database>, ...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const principal = await authenticate(
      db,
      bearerToken(c, 'send an API key as "Authorization: Bearer <key>"'),
    );
    if (!principal) throw new ApiError(401, 'unauthorized', 'unknown or revoked API key');
    if (!roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `this needs the ${roles.join(' or ')} role`);
    }
    c.set('principal', principal);
    await next();
  };
}

/** How a kind of case answers the callers it does not admit. */
export interface CaseAccess {
  /** 401 without a bearer: what to send. */
  bearerHint: string;
  /** The one 404 of "no such case" and "not your token": a guess must not tell which. */
  notYours: () => ApiError;
  /** May a seller key scoped to the case's shop read and act on it? */
  sellers: boolean;
  /** 403 for a key of a role the kind does not admit. */
  otherRole: string;
}

/**
 * Decides who asks about a case: its owner (the case token matches the row), a moderator, or a
 * seller scoped to its shop. Wrong tokens and unknown codes get the same 404.
 */
export async function caseViewer(
  c: Context<Env>,
  db: Kysely<Database>,
  access: CaseAccess,
  row: { token_hash: string | null; seller_id: string } | undefined,
): Promise<CaseViewer> {
  const token = bearerToken(c, access.bearerHint);
  // Case tokens first: they are checked against the row already loaded, without a query.
  if (row && caseTokenMatches(token, row.token_hash)) return { role: 'owner', keyId: null };
  // Looked up even when there is no such case, so that the time taken does not tell a missing
  // code from a wrong token.
  const principal = await authenticate(db, token);
  if (!principal || !row) throw access.notYours();
  if (principal.role === 'moderator') return { role: 'moderator', keyId: principal.keyId };
  if (principal.role === 'seller' && access.sellers) {
    if (await sellerScopeCovers(db, principal.sellers, row.seller_id)) {
      return { role: 'seller', keyId: principal.keyId };
    }
    throw new ApiError(403, 'forbidden', 'this API key does not act for the shop of this complaint');
  }
  throw new ApiError(403, 'forbidden', access.otherRole);
}
