/**
 * Tracking codes and the shopper's case tokens.
 *
 * A case token is `atc_` + base64url(HMAC-SHA256(secret, idempotency key)). Deriving it, rather
 * than drawing it at random, lets a retried submission (same Idempotency-Key, same body) get the
 * very same token back when the first answer was lost on the way, without the registry ever
 * storing the token: it keeps only sha256(token), and only sha256(idempotency key). Someone who
 * steals the database therefore holds neither the tokens nor what they are derived from.
 *
 * The secret is CASE_TOKEN_SECRET when the operator sets it; otherwise a random one generated on
 * first use and kept in `registry_state.case_token_secret`, so that every node on the same
 * database derives the same tokens. Changing it makes retries of earlier submissions answer
 * `token: null` (the tokens already handed out keep working: their hashes are stored).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { TRACKING_CODE_PATTERN } from '../../lib/registry/cases';
import type { Database } from '../db/schema';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `AT-` + 8 random Crockford base32 characters (40 bits). */
export function newTrackingCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 7; i >= 0; i--) out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `AT-${out}`;
}

/**
 * A tracking code as a person may type it: any case, and the letters Crockford base32 reads as
 * digits (I and L as 1, O as 0). Null when it cannot be a tracking code at all.
 */
export function normaliseTrackingCode(input: string): string | null {
  const upper = input.trim().toUpperCase();
  if (!upper.startsWith('AT-')) return null;
  const code = `AT-${upper.slice(3).replace(/[IL]/g, '1').replace(/O/g, '0')}`;
  return TRACKING_CODE_PATTERN.test(code) ? code : null;
}

export function deriveCaseToken(secret: string, idempotencyKey: string): string {
  const mac = createHmac('sha256', secret).update(`antam-case-token-v1:${idempotencyKey}`, 'utf8').digest();
  return `atc_${mac.toString('base64url')}`;
}

/**
 * A reporter's report token: the same construction as a case token, under another label and
 * prefix, so that a token of one kind can never be presented as the other.
 */
export function deriveReportToken(secret: string, idempotencyKey: string): string {
  const mac = createHmac('sha256', secret).update(`antam-report-token-v1:${idempotencyKey}`, 'utf8').digest();
  return `atr_${mac.toString('base64url')}`;
}

export function hashCaseToken(token: string): string {
  return sha256Hex(token);
}

/** Constant-time comparison of a presented token with a stored hash. */
export function caseTokenMatches(token: string, storedHash: string | null): boolean {
  if (storedHash === null) return false;
  const a = Buffer.from(hashCaseToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hands out the case-token secret: the configured one, or the database's (created once). */
export class CaseTokenSecret {
  private loaded: Promise<string> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly configured: string | undefined,
  ) {}

  get(): Promise<string> {
    if (this.configured) return Promise.resolve(this.configured);
    this.loaded ??= this.loadOrCreate().catch((err: unknown) => {
      // A database hiccup must not poison every later submission.
      this.loaded = undefined;
      throw err;
    });
    return this.loaded;
  }

  private async loadOrCreate(): Promise<string> {
    // Conditional update: when several nodes start at once, the first write wins and every node
    // then reads that one.
    await this.db
      .updateTable('registry_state')
      .set({ case_token_secret: randomBytes(32).toString('base64url') })
      .where('id', '=', 1)
      .where('case_token_secret', 'is', null)
      .execute();
    const row = await this.db
      .selectFrom('registry_state')
      .select('case_token_secret')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    if (!row.case_token_secret) throw new Error('registry_state has no case token secret');
    return row.case_token_secret;
  }
}
