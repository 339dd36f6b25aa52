// Publishing signed site rules from the shell (issue 12):
//   npm run site-rules:publish -- rules.json                       (key from the environment)
//   npm run site-rules:publish -- rules.json --key-file ops/site-rules.pem
//   npm run site-rules:publish -- rules.json --demo-key            (npm start and tests only)
//   npm run site-rules:publish -- --public-key --key-file ops/site-rules.pem
// Validates the file (schema, regex safety), signs its exact JSON text with the ECDSA P-256 private
// key (PKCS#8 PEM from --key-file, SITE_RULES_PRIVATE_KEY_FILE or SITE_RULES_PRIVATE_KEY), stores
// it, and so publishes it: `GET /v1/site-rules` serves it from then on. A version not newer than
// the published one is refused (extensions would ignore it: no rollback).
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { recordAudit } from '../audit/log';
import { databaseLocation, parseServerEnv } from '../config';
import { migrateToLatest, openDatabase } from '../db/connect';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../demo/site-rules-key';
import { publicKeyOf, publishSiteRules, SiteRulesRefused, signSiteRules, siteRulesPayload } from './store';

const USAGE = `usage:
  site-rules:publish FILE.json [--key-file KEY.pem | --demo-key]
  site-rules:publish --public-key [--key-file KEY.pem | --demo-key]
The private key: --key-file, else SITE_RULES_PRIVATE_KEY_FILE, else SITE_RULES_PRIVATE_KEY (PEM).`;

function privateKey(keyFile: string | undefined, demo: boolean): string {
  if (demo) return DEMO_SITE_RULES_PRIVATE_KEY;
  const file = keyFile ?? process.env.SITE_RULES_PRIVATE_KEY_FILE;
  if (file) return readFileSync(file, 'utf8');
  const inline = process.env.SITE_RULES_PRIVATE_KEY;
  if (inline) return inline;
  throw new SiteRulesRefused(`no signing key given\n${USAGE}`);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'key-file': { type: 'string' },
      'demo-key': { type: 'boolean' },
      'public-key': { type: 'boolean' },
    },
  });
  const key = privateKey(values['key-file'], values['demo-key'] === true);
  if (values['public-key']) {
    // For the extension's build: WXT_SITE_RULES_PUBLIC_KEY=<this>.
    console.log(publicKeyOf(key));
    return 0;
  }
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SiteRulesRefused(`${file} is not readable JSON: ${err instanceof Error ? err.message : err}`);
  }
  const { payload, rules } = siteRulesPayload(document);
  if (Date.parse(rules.expiresAt) <= Date.now())
    throw new SiteRulesRefused(`the set expired at ${rules.expiresAt}`);
  const signed = await signSiteRules(payload, key);
  const env = parseServerEnv(process.env);
  const { db, close } = openDatabase(databaseLocation(env));
  try {
    await migrateToLatest(db);
    const published = await publishSiteRules(db, signed, rules, new Date());
    try {
      await recordAudit(
        db,
        {
          actor: { keyId: null, role: 'cli', label: `cli (${process.env.USER ?? userInfo().username})` },
          action: 'admin.site_rules.publish',
          target: { kind: 'site_rules', id: String(rules.version) },
          detail: { keyId: signed.keyId, expiresAt: rules.expiresAt },
        },
        new Date(),
      );
    } catch (err) {
      console.error('audit row NOT written:', err instanceof Error ? err.message : err);
    }
    console.log(
      `published site rules version ${published.version} (key ${signed.keyId}, expires ${rules.expiresAt})`,
    );
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
