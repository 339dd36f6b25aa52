// Key management from the shell, for the first admin key (every later key can be made through the
// API): npm run registry:keys -- create --role admin --label "Ops"
//        npm run registry:keys -- list
//        npm run registry:keys -- revoke <id>
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { CreateApiKeyRequest } from '../lib/registry/schemas';
import { recordAudit } from './audit/log';
import { createApiKey, listApiKeys, revokeApiKey } from './auth';
import { databaseLocation, parseServerEnv } from './config';
import { migrateToLatest, openDatabase } from './db/connect';

const USAGE = `usage:
  registry:keys create --role admin|moderator|seller|platform --label TEXT [--seller shopee:123 ...] [--platform shopee]
  registry:keys list
  registry:keys revoke ID`;

/** The CLI's actions go to the audit log too, as the actor "cli" (the shell's user as its label). */
async function audit(
  db: Parameters<typeof recordAudit>[0],
  action: string,
  keyId: string,
  detail: Record<string, string | null>,
): Promise<void> {
  const label = `cli (${process.env.USER ?? userInfo().username})`;
  try {
    await recordAudit(
      db,
      { actor: { keyId: null, role: 'cli', label }, action, target: { kind: 'key', id: keyId }, detail },
      new Date(),
    );
  } catch (err) {
    console.error('audit row NOT written:', err instanceof Error ? err.message : err);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      seller: { type: 'string', multiple: true },
      platform: { type: 'string' },
    },
  });
  const [command, arg] = positionals;
  const env = parseServerEnv(process.env);
  const { db, close } = openDatabase(databaseLocation(env));
  try {
    await migrateToLatest(db);
    if (command === 'create') {
      const input = CreateApiKeyRequest.safeParse({
        role: values.role,
        label: values.label,
        sellers: values.seller,
        platform: values.platform,
      });
      if (!input.success) {
        console.error(
          input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'),
        );
        console.error(USAGE);
        return 2;
      }
      const key = await createApiKey(db, input.data, new Date());
      await audit(db, 'admin.key.create', key.id, {
        role: key.role,
        label: key.label,
        platform: key.platform,
      });
      console.log(
        `id:   ${key.id}\nrole: ${key.role}\nkey:  ${key.key}\n(shown once: only its hash is stored)`,
      );
      return 0;
    }
    if (command === 'list') {
      for (const k of await listApiKeys(db)) {
        console.log(
          `${k.id}  ${k.role.padEnd(9)} ${k.revokedAt ? 'revoked ' : 'active  '} ${k.label}${k.platform ? ` (${k.platform})` : ''}`,
        );
      }
      return 0;
    }
    if (command === 'revoke' && arg) {
      if (!(await revokeApiKey(db, arg, new Date()))) {
        console.error(`no key with id ${arg}`);
        return 1;
      }
      await audit(db, 'admin.key.revoke', arg, {});
      console.log(`revoked ${arg}`);
      return 0;
    }
    console.error(USAGE);
    return 2;
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
