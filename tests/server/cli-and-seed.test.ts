// The first admin key from the shell, and demo seeding that runs once.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLERS } from '../../server/demo/data';
import { seedDemoData } from '../../server/demo/seed';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { createApp } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');

function cli(args: string[], database: TestDatabase, engine: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...(engine === 'postgres'
        ? { DATABASE_URL: database.location }
        : { DATABASE_URL: '', DATA_DIR: dirname(database.location) }),
    },
  });
}

describe.each(DIALECTS)('keys CLI and demo seed on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await emptyTables(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('creates an admin key that works against the API, lists and revokes it', async () => {
    const created = cli(['create', '--role', 'admin', '--label', 'Vận hành'], database, engine);
    expect(created.status, created.stderr).toBe(0);
    const key = /key:\s+(\S+)/.exec(created.stdout)?.[1];
    const id = /id:\s+(\S+)/.exec(created.stdout)?.[1];
    expect(key).toMatch(/^antam_admin_/);
    const { app } = createApp({ db: database.db });
    const ok = await app.request('/v1/admin/keys', { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    const listed = cli(['list'], database, engine);
    expect(listed.stdout).toContain('Vận hành');
    expect(listed.stdout).not.toContain(key ?? '-');
    expect(cli(['revoke', id ?? ''], database, engine).status).toBe(0);
    const revoked = await app.request('/v1/admin/keys', { headers: { authorization: `Bearer ${key}` } });
    expect(revoked.status).toBe(401);
    // Both actions are in the audit log, by the CLI, on that key.
    const logged = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'target_id'])
      .where('target_id', '=', id ?? '')
      .orderBy('at')
      .execute();
    expect(logged.map((r) => [r.action, r.actor_role])).toEqual([
      ['admin.key.create', 'cli'],
      ['admin.key.revoke', 'cli'],
    ]);
  });

  it('refuses bad input with usage, and a seller key without shops', () => {
    expect(cli(['create', '--role', 'root', '--label', 'x'], database, engine).status).toBe(2);
    expect(cli(['create', '--role', 'seller', '--label', 'x'], database, engine).status).toBe(2);
    expect(cli(['create', '--role', 'platform', '--label', 'x'], database, engine).status).toBe(2);
    expect(cli(['frobnicate'], database, engine).status).toBe(2);
  });

  it('creates a platform key for one marketplace, shown in the list', () => {
    const created = cli(
      ['create', '--role', 'platform', '--label', 'Sàn Tiki', '--platform', 'tiki'],
      database,
      engine,
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/key:\s+antam_platform_/);
    expect(cli(['list'], database, engine).stdout).toMatch(/platform\s+active\s+Sàn Tiki \(tiki\)/);
  });

  it('seeds the demo data once, however often it is asked', async () => {
    const now = new Date();
    expect((await seedDemoData(database.db, now)).seeded).toBe(true);
    const count = async () => (await database.db.selectFrom('sellers').select('id').execute()).length;
    const sellers = await count();
    const complaints = (await database.db.selectFrom('complaints').select('id').execute()).length;
    expect(sellers).toBe(DEMO_SELLERS.length);
    expect((await seedDemoData(database.db, now)).seeded).toBe(false);
    expect(await count()).toBe(sellers);
    expect((await database.db.selectFrom('complaints').select('id').execute()).length).toBe(complaints);
  });
});
