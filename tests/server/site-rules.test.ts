// Signed site rules on the registry (issue 12): the admin command validates, signs and publishes a
// rules file; `GET /v1/site-rules` serves the set as signed, with ETag, Cache-Control and 304, and
// the extension's own verification accepts it with the built-in (demo) public key.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE_RULES_PUBLIC_KEY, SignedSiteRules, verifySiteRules } from '../../lib/registry/site-rules';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../../server/demo/site-rules-key';
import { publishSiteRules, signSiteRules, siteRulesPayload } from '../../server/site-rules/store';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { createApp } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/site-rules/example.json'), 'utf8')) as {
  version: number;
};

function publish(args: string[], database: TestDatabase, engine: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/site-rules/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      SITE_RULES_PRIVATE_KEY: '',
      SITE_RULES_PRIVATE_KEY_FILE: '',
      ...(engine === 'postgres'
        ? { DATABASE_URL: database.location }
        : { DATABASE_URL: '', DATA_DIR: dirname(database.location) }),
      ...env,
    },
  });
}

function rulesFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'antam-rules-')), 'rules.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe.each(DIALECTS)('site rules on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await emptyTables(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('serves 404 while nothing is published', async () => {
    const { app } = createApp({ db: database.db });
    const res = await app.request('/v1/site-rules');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('publishes a file with the CLI; GET serves it as signed, verifiable with the built-in key', async () => {
    const out = publish([rulesFile(EXAMPLE), '--demo-key'], database, engine);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /^published site rules version 3 \(key [0-9a-f]{16}, expires 2099-01-01T00:00:00Z\)/,
    );
    const { app } = createApp({ db: database.db });
    const res = await app.request('/v1/site-rules');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"sr-3-[0-9a-f]{16}"$/);
    const signed = SignedSiteRules.parse(await res.json());
    expect(JSON.parse(signed.payload)).toEqual(EXAMPLE);
    const verified = await verifySiteRules(signed, {
      publicKey: DEMO_SITE_RULES_PUBLIC_KEY,
      now: new Date(),
    });
    expect(verified.ok && verified.rules.version).toBe(3);
    expect(verified.ok && verified.rules.marketplaces.sendo?.enabled).toBe(false);

    // A conditional request with that ETag: 304, no body; another ETag: the set again.
    const again = await app.request('/v1/site-rules', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await app.request('/v1/site-rules', { headers: { 'if-none-match': '"sr-2-0000"' } });
    expect(other.status).toBe(200);

    // The audit log names the CLI's publication.
    const logged = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_role'])
      .where('action', '=', 'admin.site_rules.publish')
      .execute();
    expect(logged).toEqual([{ action: 'admin.site_rules.publish', target_id: '3', actor_role: 'cli' }]);
  });

  it('refuses an older or equal version, an invalid file, an unsafe pattern and a missing key, and keeps serving the last set', async () => {
    const older = publish([rulesFile({ ...EXAMPLE, version: 2 }), '--demo-key'], database, engine);
    expect(older.status).toBe(1);
    expect(older.stderr).toContain('version 2 is not newer than the published version 3');

    // The example with its one pattern replaced by an exponential one.
    const unsafe = JSON.parse(
      JSON.stringify({ ...EXAMPLE, version: 9 }).replace(
        '^merchant:(?<id>\\\\d{1,20})$',
        '^(?<id>(\\\\d+)+)$',
      ),
    ) as unknown;
    expect(JSON.stringify(unsafe)).toContain('(\\\\d+)+');
    const refused = publish([rulesFile(unsafe), '--demo-key'], database, engine);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      'marketplaces.tiki.pages.product.sellers.0.pattern: nested quantifiers or a quantified alternation',
    );
    // Data only: a field the schema does not know (code, say) is refused, not ignored.
    const code = { ...EXAMPLE, version: 9, marketplaces: { tiki: { script: 'alert(1)' } } };
    expect(() => siteRulesPayload(code)).toThrow('marketplaces.tiki: Unrecognized key: "script"');
    const noKey = publish([rulesFile({ ...EXAMPLE, version: 9 })], database, engine);
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('no signing key given');
    expect(publish(['--demo-key'], database, engine).status).toBe(2);
    // An equal version is refused by the store as by the CLI.
    const { payload, rules } = siteRulesPayload(EXAMPLE);
    await expect(
      publishSiteRules(
        database.db,
        await signSiteRules(payload, DEMO_SITE_RULES_PRIVATE_KEY),
        rules,
        new Date(),
      ),
    ).rejects.toThrow('version 3 is not newer than the published version 3');

    const { app } = createApp({ db: database.db });
    const signed = SignedSiteRules.parse(await (await app.request('/v1/site-rules')).json());
    expect((JSON.parse(signed.payload) as { version: number }).version).toBe(3);
  });

  it('signs with a key from a file or the environment; a set signed with another key fails the built-in key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = join(mkdtempSync(join(tmpdir(), 'antam-key-')), 'key.pem');
    writeFileSync(keyFile, pem);
    const viaFile = publish([rulesFile({ ...EXAMPLE, version: 4 }), '--key-file', keyFile], database, engine);
    expect(viaFile.status, viaFile.stderr).toBe(0);
    const viaEnv = publish([rulesFile({ ...EXAMPLE, version: 5 })], database, engine, {
      SITE_RULES_PRIVATE_KEY: pem,
    });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    const publicKey = publish(['--public-key', '--key-file', keyFile], database, engine).stdout.trim();

    const { app } = createApp({ db: database.db });
    const signed = SignedSiteRules.parse(await (await app.request('/v1/site-rules')).json());
    expect((JSON.parse(signed.payload) as { version: number }).version).toBe(5);
    expect(await verifySiteRules(signed, { publicKey: DEMO_SITE_RULES_PUBLIC_KEY, now: new Date() })).toEqual(
      {
        ok: false,
        reason: 'unknown_key',
      },
    );
    const own = await verifySiteRules(signed, { publicKey, now: new Date() });
    expect(own.ok).toBe(true);
  });
});
