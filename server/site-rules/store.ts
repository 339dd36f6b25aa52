/**
 * Signed site rules in the registry's database (table `site_rules`, migration 0010): published
 * by the admin command (server/site-rules/cli.ts) and served by `GET /v1/site-rules`. The rows keep
 * the exact signed text: what is served is what was signed.
 */
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type SignedSiteRules, SiteRules, siteRulesKeyId } from '../../lib/registry/site-rules';
import type { Database } from '../db/schema';

export class SiteRulesRefused extends Error {
  override readonly name = 'SiteRulesRefused';
}

export interface PublishedSiteRules {
  version: number;
  signed: SignedSiteRules;
  publishedAt: string;
}

/**
 * Validates a rules document (the schema, regex safety included) and returns the exact text to
 * sign: the document as parsed, serialised once. Throws SiteRulesRefused with every problem.
 */
export function siteRulesPayload(document: unknown): { payload: string; rules: SiteRules } {
  const parsed = SiteRules.safeParse(document);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(document)'}: ${i.message}`);
    throw new SiteRulesRefused(`invalid site rules:\n${lines.join('\n')}`);
  }
  return { payload: JSON.stringify(document), rules: parsed.data };
}

/** Signs with an ECDSA P-256 private key (PKCS#8 PEM): the signature as WebCrypto verifies it (P1363). */
export async function signSiteRules(payload: string, privateKeyPem: string): Promise<SignedSiteRules> {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new SiteRulesRefused('the signing key must be an ECDSA P-256 private key (PKCS#8 PEM)');
  }
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
  const signature = sign('sha256', Buffer.from(payload, 'utf8'), { key, dsaEncoding: 'ieee-p1363' });
  return { payload, signature: signature.toString('base64'), keyId: await siteRulesKeyId(spki) };
}

/** The public half of a private key, as the extension's build takes it (base64 SPKI). */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem))
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
}

/** Stores a signed set as the one served; refuses a version not newer than every published one. */
export async function publishSiteRules(
  db: Kysely<Database>,
  signed: SignedSiteRules,
  rules: SiteRules,
  now: Date,
): Promise<PublishedSiteRules> {
  const publishedAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const top = await trx
      .selectFrom('site_rules')
      .select((eb) => eb.fn.max('version').as('max'))
      .executeTakeFirst();
    const max = top?.max === null || top?.max === undefined ? 0 : Number(top.max);
    if (rules.version <= max) {
      throw new SiteRulesRefused(`version ${rules.version} is not newer than the published version ${max}`);
    }
    await trx
      .insertInto('site_rules')
      .values({
        version: rules.version,
        payload: signed.payload,
        signature: signed.signature,
        key_id: signed.keyId,
        issued_at: rules.issuedAt,
        expires_at: rules.expiresAt,
        published_at: publishedAt,
      })
      .execute();
  });
  return { version: rules.version, signed, publishedAt };
}

/** The set published last, or null when none was. */
export async function latestSiteRules(db: Kysely<Database>): Promise<PublishedSiteRules | null> {
  const row = await db
    .selectFrom('site_rules')
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: Number(row.version),
    signed: { payload: row.payload, signature: row.signature, keyId: row.key_id },
    publishedAt: row.published_at,
  };
}

/** A strong validator for one published set: its version and signature. */
export function siteRulesEtag(published: PublishedSiteRules): string {
  const digest = createHash('sha256').update(published.signed.signature).digest('hex').slice(0, 16);
  return `"sr-${published.version}-${digest}"`;
}
