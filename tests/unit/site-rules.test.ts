/**
 * Signed site rules (issue 12): what the extension accepts (lib/registry/site-rules.ts), signed as
 * the registry's admin command signs (server/site-rules/store.ts), and the checks that keep a
 * rule's regular expression from hanging a page (lib/registry/site-rules-safety.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_SITE_RULES_PUBLIC_KEY,
  SELLER_GROUPS,
  SiteRules,
  siteRulesBuildKey,
  URL_GROUPS,
  verifySiteRules,
} from '../../lib/registry/site-rules';
import { patternProblem } from '../../lib/registry/site-rules-safety';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../../server/demo/site-rules-key';
import { publicKeyOf, signSiteRules, siteRulesPayload } from '../../server/site-rules/store';

const EXAMPLE = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../fixtures/site-rules/example.json'), 'utf8'),
) as Record<string, unknown>;
const NOW = new Date('2026-12-01T00:00:00Z');
const key = { publicKey: DEMO_SITE_RULES_PUBLIC_KEY, now: NOW };

async function signed(document: Record<string, unknown> = EXAMPLE, pem = DEMO_SITE_RULES_PRIVATE_KEY) {
  return signSiteRules(siteRulesPayload(document).payload, pem);
}

describe('verifying a signed set', () => {
  it('accepts a set signed with the built-in key, exactly as signed', async () => {
    const result = await verifySiteRules(await signed(), key);
    if (!result.ok) throw new Error(result.reason);
    expect(result.rules.version).toBe(3);
    expect(result.rules.marketplaces.sendo?.enabled).toBe(false);
    // Defaults filled by the schema, not by the signer: the payload stays the bytes signed.
    expect(result.rules.marketplaces.tiki?.enabled).toBe(true);
    expect(result.rules.marketplaces.tiki?.pages.product?.sellers?.[0]?.from).toBe('css');
  });

  it('refuses a bad signature: another signature, or a signature of other bytes', async () => {
    const good = await signed();
    const other = await signed({ ...EXAMPLE, version: 4 });
    expect(await verifySiteRules({ ...good, signature: other.signature }, key)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const bytes = Buffer.from(good.signature, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    expect(await verifySiteRules({ ...good, signature: bytes.toString('base64') }, key)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a tampered payload, even one that differs only in spacing', async () => {
    const good = await signed();
    const enabled = good.payload.replace('"enabled":false', '"enabled":true');
    expect(enabled).not.toBe(good.payload);
    expect((await verifySiteRules({ ...good, payload: enabled }, key)).ok).toBe(false);
    const spaced = JSON.stringify(JSON.parse(good.payload), null, 1);
    expect(await verifySiteRules({ ...good, payload: spaced }, key)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a set signed with another key, whether it names that key or the built-in one', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const foreign = await signed(EXAMPLE, pem);
    expect(await verifySiteRules(foreign, key)).toEqual({ ok: false, reason: 'unknown_key' });
    const ours = await signed();
    expect(await verifySiteRules({ ...foreign, keyId: ours.keyId }, key)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // …and it verifies with its own key: the refusals above are about the key, not the set.
    expect((await verifySiteRules(foreign, { publicKey: publicKeyOf(pem), now: NOW })).ok).toBe(true);
  });

  it('refuses an older or equal version (no rollback) and accepts a newer one', async () => {
    const set = await signed();
    expect(await verifySiteRules(set, { ...key, newerThan: 3 })).toEqual({ ok: false, reason: 'not_newer' });
    expect(await verifySiteRules(set, { ...key, newerThan: 7 })).toEqual({ ok: false, reason: 'not_newer' });
    expect((await verifySiteRules(set, { ...key, newerThan: 2 })).ok).toBe(true);
  });

  it('refuses a set past its expiry', async () => {
    const set = await signed({ ...EXAMPLE, expiresAt: '2026-11-30T23:59:59Z' });
    expect(await verifySiteRules(set, key)).toEqual({ ok: false, reason: 'expired' });
    expect((await verifySiteRules(set, { ...key, now: new Date('2026-11-30T00:00:00Z') })).ok).toBe(true);
  });

  it('refuses malformed envelopes and signed payloads that are not valid rules', async () => {
    const good = await signed();
    for (const bad of [
      null,
      'text',
      { ...good, keyId: 'nothex' },
      { ...good, signature: 'not base64!' },
      { payload: good.payload, signature: good.signature },
      { ...good, extra: 1 },
    ]) {
      expect(await verifySiteRules(bad, key)).toEqual({ ok: false, reason: 'malformed' });
    }
    // Signed with the right key, but not rules the extension can apply: code, a bad pattern, not JSON.
    const sign = (payload: string) => signSiteRules(payload, DEMO_SITE_RULES_PRIVATE_KEY);
    for (const payload of [
      JSON.stringify({ ...EXAMPLE, marketplaces: { tiki: { script: 'fetch("//evil")' } } }),
      JSON.stringify({
        ...EXAMPLE,
        marketplaces: { tiki: { pages: { shop: { urls: [{ use: 'extend', pattern: '(?<slug>a+)+$' }] } } } },
      }),
      '{"version": 3,',
    ]) {
      expect(await verifySiteRules(await sign(payload), key)).toEqual({ ok: false, reason: 'invalid_rules' });
    }
  });
});

describe('the rules schema', () => {
  it('takes data only: unknown fields anywhere are refused, not ignored', () => {
    const withCode = { ...EXAMPLE, marketplaces: { tiki: { enabled: true, onLoad: 'alert(1)' } } };
    expect(SiteRules.safeParse(withCode).success).toBe(false);
    expect(SiteRules.safeParse({ ...EXAMPLE, marketplaces: { amazon: {} } }).success).toBe(false);
    expect(SiteRules.safeParse({ ...EXAMPLE, expiresAt: EXAMPLE.issuedAt }).success).toBe(false);
    expect(SiteRules.safeParse(EXAMPLE).success).toBe(true);
  });
});

describe('regex safety', () => {
  const seller = (p: string) => patternProblem(p, SELLER_GROUPS);

  it('accepts the patterns rules need', () => {
    for (const p of [
      '^merchant:(?<id>\\d{1,20})$',
      '^/cua-hang/(?<slug>[^/?#]+)',
      '[?&]seller_id=(?<id>\\d+)',
      '^/(?:shop|store)/(?<slug>[a-z0-9._-]+)/?$',
      '(?<id>\\d+)(?=\\.html)',
      '^/[^/]+-i\\.(?<id>\\d+)\\.\\d+',
    ]) {
      expect(seller(p), p).toBeNull();
    }
    expect(patternProblem('^/p/(?<productId>\\d+)/s/(?<sellerId>\\d+)', URL_GROUPS)).toBeNull();
  });

  it('refuses the shapes that backtrack exponentially: nested quantifiers and quantified alternation', () => {
    for (const p of [
      '^(?<id>(\\d+)+)$',
      '(?<id>(a*)*b)',
      '(?<id>(?:a|aa)*)c',
      '(?<id>(?:x+y?)+)$',
      '(?<id>((ab)*)+)',
      '(?<id>(?:[a-z]+\\.?){2,})$',
      '(?<id>(?:(?:a|b))*)',
    ]) {
      expect(seller(p), p).toMatch(/nested quantifiers or a quantified alternation/);
    }
  });

  it('refuses backreferences, too many unbounded quantifiers, long or invalid patterns, and unknown groups', () => {
    expect(seller('(?<id>a)\\1')).toMatch(/backreferences/);
    expect(seller('(?<id>a)\\k<id>')).toMatch(/backreferences/);
    expect(seller('(?<id>.*.*.*.*x)')).toMatch(/more than 3 unbounded quantifiers/);
    expect(seller('(?<id>.{0,100}a.{0,100}b.{0,100}c.{0,100})')).toMatch(/more than 3 unbounded/);
    expect(seller(`(?<id>${'a'.repeat(200)})`)).toMatch(/longer than 200/);
    expect(seller('(?<id>[a-')).toMatch(/not a valid regular expression/);
    expect(seller('(?<shop>\\d+)')).toMatch(/unknown named group shop/);
    expect(seller('\\d+')).toMatch(/no named group/);
    // Parentheses and quantifiers inside a character class or escaped are not groups.
    expect(seller('^[(+*]{1,3}\\(+(?<id>\\d+)\\)')).toBeNull();
  });
});

describe('the key a build verifies with', () => {
  it('the demo key only for a local registry; any other build names its key or says off', () => {
    expect(siteRulesBuildKey(undefined, 'http://127.0.0.1:8787')).toBe(DEMO_SITE_RULES_PUBLIC_KEY);
    expect(siteRulesBuildKey('', 'http://localhost:8787')).toBe(DEMO_SITE_RULES_PUBLIC_KEY);
    expect(() => siteRulesBuildKey(undefined, 'https://registry.antam.vn')).toThrow(
      'WXT_SITE_RULES_PUBLIC_KEY is not set: a build for https://registry.antam.vn must name the public key',
    );
    const own = publicKeyOf(
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    );
    expect(siteRulesBuildKey(` ${own} `, 'https://registry.antam.vn')).toBe(own);
    expect(siteRulesBuildKey('off', 'https://registry.antam.vn')).toBe('');
    expect(() => siteRulesBuildKey('not a key', 'https://registry.antam.vn')).toThrow(
      'must be a base64 SPKI',
    );
  });
});
