// Today's open-data snapshot from the shell (the registry also makes one daily by itself):
//   npm run open-data:snapshot
// Uses the registry's configuration (DATABASE_URL or DATA_DIR, OPEN_DATA_KEEP_DAYS).
import { databaseLocation, parseServerEnv } from '../config';
import { migrateToLatest, openDatabase } from '../db/connect';
import { DEFAULT_PAGE_SIZE, OpenDataService } from './snapshot';

async function main(): Promise<number> {
  const env = parseServerEnv(process.env);
  const { db, close } = openDatabase(databaseLocation(env));
  try {
    await migrateToLatest(db);
    const service = new OpenDataService(db, () => new Date(), {
      keepDays: env.OPEN_DATA_KEEP_DAYS,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    const row = await service.generate();
    console.log(
      `open-data snapshot ${row.day}: ${row.records} records; records.csv ${row.csv_size} bytes sha256 ${row.csv_sha256}; records.jsonl ${row.jsonl_size} bytes sha256 ${row.jsonl_sha256}`,
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
