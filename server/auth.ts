/**
 * Who is asking, in one place: API keys (stored as hashes), their roles and seller scopes, the
 * parsing of `Authorization: Bearer`, the role middleware of the routes, and the resolution of a
 * case route's bearer into the case's owner (its case token) or an API key acting on it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { ApiKeyInfo, Role } from '../lib/registry/schemas';
import { PLATFORMS, type Platform, parseSellerKey } from '../lib/registry/seller-key';
import type { CaseViewer } from './cases/kind';
import { caseTokenMatches } from './cases/tokens';
import type { Env } from './context';
import type { Database } from './db/schema';
import { bumpDataVersion, ensureSeller } from './db/sellers';
import { ApiError } from './http/errors';

export interface Principal {
  keyId: string;
  role: Role;
  /**
   * The canonical sellers a seller key acts for, bound when the key was created (never looked up
   * again by the keys the admin named: an import may later point a slug at another shop).
   */
  sellers: string[];
  /** The marketplace a platform key speaks for; null for other roles. */
  platform: Platform | null;
}

function asPlatform(value: string | null): Platform | null {
  return value !== null && (PLATFORMS as readonly string[]).includes(value) ? (value as Platform) : null;
}

/** Keys are 256 random bits, so a plain SHA-256 is a sufficient one-way store (no need for a slow KDF). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Creates a key. A seller key's shops are resolved to canonical sellers now and bound for good; a
 * shop the registry does not know yet is created (without facts, so its level is "unknown").
 */
export async function createApiKey(
  db: Kysely<Database>,
  input: { role: Role; label: string; sellers?: string[]; platform?: Platform },
  now: Date,
): Promise<ApiKeyInfo & { key: string }> {
  const id = randomUUID();
  const key = `antam_${input.role}_${randomBytes(32).toString('base64url')}`;
  const createdAt = now.toISOString();
  const sellers = [...new Set(input.sellers ?? [])];
  const platform = input.role === 'platform' ? (input.platform ?? null) : null;
  if (input.role === 'platform' && platform === null) throw new Error('a platform key needs its marketplace');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({
        id,
        key_hash: hashApiKey(key),
        role: input.role,
        label: input.label,
        created_at: createdAt,
        platform,
      })
      .execute();
    let created = false;
    for (const sellerKey of sellers) {
      const parsed = parseSellerKey(sellerKey);
      if (!parsed) throw new ApiError(400, 'bad_request', `invalid seller key: ${sellerKey}`);
      const seller = await ensureSeller(
        trx,
        parsed.platform,
        parsed.alias ? null : parsed.id,
        parsed.alias ? parsed.id : null,
        now,
      );
      created ||= seller.created || seller.relinked;
      await trx
        .insertInto('api_key_sellers')
        .values({ key_id: id, seller_key: sellerKey, seller_id: seller.id })
        .execute();
    }
    // A shop created for the key is a new (empty) record: readers drop their cached buckets.
    if (created) await bumpDataVersion(trx, now);
  });
  return { id, key, role: input.role, label: input.label, sellers, platform, createdAt, revokedAt: null };
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
    platform: asPlatform(k.platform),
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
    .select(['id', 'role', 'platform'])
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const sellers = await db
    .selectFrom('api_key_sellers')
    .select('seller_id')
    .where('key_id', '=', row.id)
    .where('seller_id', 'is not', null)
    .execute();
  return {
    keyId: row.id,
    role: row.role as Role,
    sellers: [...new Set(sellers.map((s) => s.seller_id as string))],
    platform: asPlatform(row.platform),
  };
}

/** True when the seller key acts for this canonical seller. */
export function sellerScopeCovers(principal: Principal, sellerId: string): boolean {
  return principal.role === 'seller' && principal.sellers.includes(sellerId);
}

/** True when the platform key speaks for the marketplace of this canonical seller. */
export async function platformCovers(
  db: Kysely<Database>,
  principal: Principal,
  sellerId: string,
): Promise<boolean> {
  if (principal.role !== 'platform' || principal.platform === null) return false;
  const seller = await db
    .selectFrom('sellers')
    .select('platform')
    .where('id', '=', sellerId)
    .executeTakeFirst();
  return seller?.platform === principal.platform;
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

interface CaseRowLike {
  token_hash: string | null;
  seller_id: string;
}

/** How a kind of case answers the callers it does not admit. */
export interface CaseAccess<Row extends CaseRowLike = CaseRowLike> {
  /** 401 without a bearer: what to send. */
  bearerHint: string;
  /** The one 404 of "no such case" and "not your token": a guess must not tell which. */
  notYours: () => ApiError;
  /**
   * May a seller key scoped to the case's shop read and act on this case? Absent: never. A case
   * its seller may not see (a complaint filed without consent to share with the seller) is not
   * shown in any form: the seller gets the same 404 as for a wrong code.
   */
  sellerMaySee?(row: Row): boolean;
  /** May a platform key of the case's marketplace read this case? Absent: never. */
  platformMaySee?(row: Row): boolean;
  /** 403 for a key of a role the kind does not admit. */
  otherRole: string;
}

/**
 * Decides who asks about a case: its owner (the case token matches the row), a moderator, or a
 * seller scoped to its shop. Wrong tokens, unknown codes and other shops' cases get the same 404.
 */
export async function caseViewer<Row extends CaseRowLike>(
  c: Context<Env>,
  db: Kysely<Database>,
  access: CaseAccess<Row>,
  row: Row | undefined,
): Promise<CaseViewer> {
  const token = bearerToken(c, access.bearerHint);
  // Case tokens first: they are checked against the row already loaded, without a query.
  if (row && caseTokenMatches(token, row.token_hash)) return { role: 'owner', keyId: null };
  // Looked up even when there is no such case, so that the time taken does not tell a missing
  // code from a wrong token.
  const principal = await authenticate(db, token);
  if (!principal || !row) throw access.notYours();
  if (principal.role === 'moderator') return { role: 'moderator', keyId: principal.keyId };
  if (principal.role === 'seller' && access.sellerMaySee) {
    // Another shop's case is answered exactly as a code that does not exist: a seller typing
    // codes must not learn which exist, nor whose they are.
    if (!sellerScopeCovers(principal, row.seller_id) || !access.sellerMaySee(row)) throw access.notYours();
    return { role: 'seller', keyId: principal.keyId };
  }
  if (principal.role === 'platform' && access.platformMaySee) {
    if (!(await platformCovers(db, principal, row.seller_id))) {
      throw new ApiError(403, 'forbidden', 'this API key speaks for another marketplace');
    }
    if (!access.platformMaySee(row)) throw access.notYours();
    return { role: 'platform', keyId: principal.keyId };
  }
  throw new ApiError(403, 'forbidden', access.otherRole);
}
