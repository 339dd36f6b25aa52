/**
 * Site rules (DESIGN.md, "Site rules"): data the registry publishes so that a marketplace module
 * can be switched off, or its readers overridden or extended, without a store release. Data only:
 * CSS selectors, JSON paths and regular expressions that the content script's own code reads
 * (lib/marketplaces/rules.ts); no code crosses (MV3 forbids remote code, and it would be a hole).
 *
 * A set travels signed: `{ payload, signature, keyId }`, where `payload` is the exact JSON text
 * that was signed (ECDSA P-256 over SHA-256, the signature as IEEE P1363 r‖s in base64), so that
 * verifying never depends on serialising again. ECDSA P-256 rather than Ed25519: WebCrypto has
 * had it in every browser the extension targets for years (Ed25519 reached Chrome only in 137,
 * and Firefox ESR later), and Node's WebCrypto and node:crypto speak it too.
 *
 * This module is shared by the registry (validating before signing, the route's schema) and the
 * extension's background (verifying before applying). The content script never imports it (zod).
 */
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../base64';
import { PLATFORMS } from './seller-key';
import { patternProblem } from './site-rules-safety';

export { MAX_PATTERN_LENGTH, patternProblem } from './site-rules-safety';

/** Groups a seller reader's pattern may name: the seller's numeric id or its slug. */
export const SELLER_GROUPS = ['id', 'slug'] as const;
/** Groups a page's URL pattern may name, as in a built-in detection. */
export const URL_GROUPS = ['sellerId', 'slug', 'productId', 'orderId'] as const;
export const MAX_SIGNED_PAYLOAD_BYTES = 64 * 1024;

const pattern = (groups: readonly string[]) =>
  z.string().superRefine((source, ctx) => {
    const problem = patternProblem(source, groups);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A CSS selector; the content script's query is wrapped, so a selector the browser refuses finds nothing. */
const Selector = z.string().trim().min(1).max(300);
/** Keys (and array indexes) from the parsed JSON's root. */
const JsonPath = z
  .array(z.union([z.string().min(1).max(100), z.number().int().min(0).max(10_000)]))
  .min(1)
  .max(20);
/** `override`: tried before the built-in readers; `extend`: tried when they find nothing. */
const Use = z.enum(['override', 'extend']);

const CssReader = z
  .object({
    from: z.literal('css'),
    use: Use,
    /** The element that holds the seller. */
    selector: Selector,
    /** Read this attribute (e.g. `href`, `data-shop-id`); the element's text when absent. */
    attribute: z
      .string()
      .regex(/^[A-Za-z_:][-A-Za-z0-9_:.]*$/)
      .max(100)
      .optional(),
    /** Where the id or slug sits in that value (`id` or `slug` group); the whole value is the id when absent. */
    pattern: pattern(SELLER_GROUPS).optional(),
    /** The seller's name as text; the element's own text when absent and an attribute is read. */
    name: Selector.optional(),
    /** Where the badge goes; the element itself when absent. */
    anchor: Selector.optional(),
  })
  .strict();

const JsonReader = z
  .object({
    from: z.literal('json'),
    use: Use,
    /** The script element holding JSON (`script#__NEXT_DATA__`, `script[type="application/ld+json"]`). */
    script: Selector,
    id: JsonPath.optional(),
    slug: JsonPath.optional(),
    name: JsonPath.optional(),
    anchor: Selector.optional(),
  })
  .strict()
  .refine((r) => r.id !== undefined || r.slug !== undefined, { message: 'a JSON reader needs id or slug' });

const UrlReader = z
  .object({
    from: z.literal('url'),
    use: Use,
    /** Matched against the page's path and query (`/shop/123?x=1`). */
    pattern: pattern(SELLER_GROUPS),
    name: Selector.optional(),
    anchor: Selector.optional(),
  })
  .strict();

export const SellerReader = z.discriminatedUnion('from', [CssReader, JsonReader, UrlReader]);
export type SellerReader = z.infer<typeof SellerReader>;

/** A URL grammar that recognises the page kind (its groups as in a built-in detection). */
export const UrlRule = z.object({ use: Use, pattern: pattern(URL_GROUPS) }).strict();
export type UrlRule = z.infer<typeof UrlRule>;

/** Pages whose seller a reader can name: product and shop pages. */
const SellerPageRules = z
  .object({
    enabled: z.boolean().default(true),
    urls: z.array(UrlRule).max(10).default([]),
    sellers: z.array(SellerReader).max(10).default([]),
  })
  .strict();
/** Listings and orders: on/off and URL grammar only (their readers stay built in for now). */
const OtherPageRules = z
  .object({ enabled: z.boolean().default(true), urls: z.array(UrlRule).max(10).default([]) })
  .strict();

export const MarketplaceRules = z
  .object({
    /** false: the whole module is off (no badge, no order button) until a newer set turns it on. */
    enabled: z.boolean().default(true),
    pages: z
      .object({
        product: SellerPageRules.optional(),
        shop: SellerPageRules.optional(),
        listing: OtherPageRules.optional(),
        order: OtherPageRules.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type MarketplaceRules = z.infer<typeof MarketplaceRules>;

export const SiteRules = z
  .object({
    version: z.number().int().min(1).max(2_147_483_647),
    issuedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    marketplaces: z.partialRecord(z.enum(PLATFORMS), MarketplaceRules),
  })
  .strict()
  .refine((r) => Date.parse(r.expiresAt) > Date.parse(r.issuedAt), {
    message: 'expiresAt must be after issuedAt',
    path: ['expiresAt'],
  });
export type SiteRules = z.infer<typeof SiteRules>;

/** What the registry serves (`GET /v1/site-rules`) and the extension keeps. */
export const SignedSiteRules = z
  .object({
    /** The signed JSON text, byte for byte. */
    payload: z.string().min(2).max(MAX_SIGNED_PAYLOAD_BYTES),
    /** ECDSA P-256 / SHA-256 over the payload's UTF-8 bytes, IEEE P1363 (r‖s), base64. */
    signature: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
    /** The first 16 hex of SHA-256 of the public key (SPKI): which key to verify with. */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict();
export type SignedSiteRules = z.infer<typeof SignedSiteRules>;

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The key id of a public key given as base64 SPKI (DER). */
export async function siteRulesKeyId(spkiBase64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', base64ToBytes(spkiBase64)));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type VerifyFailure =
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'invalid_rules'
  | 'expired'
  | 'not_newer';

export type VerifyResult = { ok: true; rules: SiteRules } | { ok: false; reason: VerifyFailure };

export interface VerifyOptions {
  /** The built-in public key: base64 SPKI (DER). */
  publicKey: string;
  now: Date;
  /** The version in use: a set must be newer (no rollback). */
  newerThan?: number;
}

/**
 * Checks a signed set, in this order: its shape, the key it names, the signature over the exact
 * payload bytes, the rules' schema (regex safety included), expiry, and that it is newer than the
 * set in use. Never throws.
 */
export async function verifySiteRules(signed: unknown, options: VerifyOptions): Promise<VerifyResult> {
  const envelope = SignedSiteRules.safeParse(signed);
  if (!envelope.success) return { ok: false, reason: 'malformed' };
  const { payload, signature, keyId } = envelope.data;
  let valid = false;
  try {
    if (keyId !== (await siteRulesKeyId(options.publicKey))) return { ok: false, reason: 'unknown_key' };
    const key = await crypto.subtle.importKey('spki', base64ToBytes(options.publicKey), ECDSA, false, [
      'verify',
    ]);
    valid = await crypto.subtle.verify(
      SIGN,
      key,
      base64ToBytes(signature),
      new TextEncoder().encode(payload),
    );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'invalid_rules' };
  }
  const rules = SiteRules.safeParse(json);
  if (!rules.success) return { ok: false, reason: 'invalid_rules' };
  if (Date.parse(rules.data.expiresAt) <= options.now.getTime()) return { ok: false, reason: 'expired' };
  if (options.newerThan !== undefined && rules.data.version <= options.newerThan) {
    return { ok: false, reason: 'not_newer' };
  }
  return { ok: true, rules: rules.data };
}

/** Signs a payload with a WebCrypto private key (tests; the registry's CLI signs with node:crypto). */
export async function signSiteRulesPayload(
  payload: string,
  privateKey: CryptoKey,
  publicKeySpki: string,
): Promise<SignedSiteRules> {
  const sig = await crypto.subtle.sign(SIGN, privateKey, new TextEncoder().encode(payload));
  return {
    payload,
    signature: bytesToBase64(new Uint8Array(sig)),
    keyId: await siteRulesKeyId(publicKeySpki),
  };
}

/**
 * DEMO public key, for `npm start` and the tests only: its private half is in the repository
 * (server/demo/site-rules-key.ts), so anyone can sign with it. A build for any registry other
 * than a local one must name its own key (wxt.config.ts).
 */
export const DEMO_SITE_RULES_PUBLIC_KEY =
  'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+YgpYZQH6va6ec9Q7zw1mN8KfKWcXzkJMsgqQvPTFRM9Y3uavE82rnBQX1YCrJBddH9oo1qjxDSJU1XWY2MpFg==';

/**
 * The public key an extension build verifies site rules with (wxt.config.ts), from
 * `WXT_SITE_RULES_PUBLIC_KEY`: a base64 SPKI key, or `off` for a build without site rules (the
 * built-in readers only, and options say so). Unset, a build for a local registry (`npm start`,
 * the tests) takes the DEMO key; a build for any other registry is refused, so that no release
 * ships without a key or with the demo one.
 */
export function siteRulesBuildKey(given: string | undefined, registryUrl: string): string {
  const key = given?.trim();
  if (key === 'off') return '';
  if (key) {
    if (!/^[A-Za-z0-9+/]{80,}={0,2}$/.test(key)) {
      throw new Error('WXT_SITE_RULES_PUBLIC_KEY must be a base64 SPKI public key (ECDSA P-256), or off');
    }
    return key;
  }
  const host = new URL(registryUrl).hostname;
  if (host === '127.0.0.1' || host === 'localhost') return DEMO_SITE_RULES_PUBLIC_KEY;
  throw new Error(
    `WXT_SITE_RULES_PUBLIC_KEY is not set: a build for ${registryUrl} must name the public key its site ` +
      'rules are signed with (npm run site-rules:publish -- --public-key --key-file KEY.pem), or ' +
      'WXT_SITE_RULES_PUBLIC_KEY=off to build without site rules.',
  );
}
