/**
 * Daily open-data snapshots: every public trust record, as CSV (server/opendata/csv.ts) and as
 * JSON Lines (one TrustRecord per line, the public schema). The records are built a page of
 * sellers at a time by the same code that serves them (loadTrustRecords), each page's bytes are
 * stored as one chunk of each file, and the event loop gets a turn between pages: memory stays at
 * one page whatever the number of sellers, and lookups keep being answered while a snapshot is
 * built. A snapshot is published by one row insert after all its chunks are stored (replacing
 * that day's earlier snapshot, if any), so a listing never shows a file that is not complete.
 * Nothing here reads personal data: loadTrustRecords reads none.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TrustRecord } from '../../lib/registry/schemas';
import type { Database, OpenDataSnapshotTable } from '../db/schema';
import { isUniqueViolation } from '../db/transaction';
import { loadTrustRecords } from '../trust/records';
import { CSV_HEADER, csvLine, recordCells } from './csv';

export const OPEN_DATA_FILES = ['csv', 'jsonl'] as const;
export type OpenDataFile = (typeof OPEN_DATA_FILES)[number];

/**
 * Sellers per page. With SQLite a page is built without a turn of the event loop in between, so
 * the page size bounds how long a lookup may wait: 250 held the longest stall to ~160 ms against
 * ~360 ms for 1,000 at the same throughput (npm run bench:open-data).
 */
export const DEFAULT_PAGE_SIZE = 250;

export type SnapshotRow = OpenDataSnapshotTable;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `onPage` with the records of every seller, `pageSize` sellers at a time in id order
 * (keyset pagination: each page costs the same whatever its position), yielding to the event
 * loop between pages.
 */
export async function forEachRecordPage(
  db: Kysely<Database>,
  now: Date,
  pageSize: number,
  onPage: (records: TrustRecord[]) => void | Promise<void>,
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    let query = db.selectFrom('sellers').select('id').orderBy('id').limit(pageSize);
    if (after !== null) query = query.where('id', '>', after);
    const ids = (await query.execute()).map((r) => r.id);
    if (ids.length === 0) return;
    const records = await loadTrustRecords(db, ids, now);
    await onPage(ids.flatMap((id) => records.get(id) ?? []));
    after = ids[ids.length - 1] ?? null;
    if (ids.length < pageSize) return;
    await turn();
  }
}

/** The UTC calendar day of `now`, the snapshot's date. */
export function snapshotDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Builds, stores and publishes the snapshot of `now`'s day; returns its row. */
export async function generateSnapshot(
  db: Kysely<Database>,
  now: Date,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<SnapshotRow> {
  const id = randomUUID();
  const hash = { csv: createHash('sha256'), jsonl: createHash('sha256') };
  const size = { csv: 0, jsonl: 0 };
  const seq = { csv: 0, jsonl: 0 };
  let records = 0;
  const store = async (file: OpenDataFile, text: string) => {
    if (text.length === 0) return;
    const bytes = Buffer.from(text, 'utf8');
    hash[file].update(bytes);
    size[file] += bytes.length;
    await db
      .insertInto('open_data_chunks')
      .values({ snapshot_id: id, file, seq: seq[file]++, bytes })
      .execute();
  };
  try {
    let csv = CSV_HEADER;
    await forEachRecordPage(db, now, pageSize, async (page) => {
      let jsonl = '';
      for (const record of page) {
        csv += csvLine(recordCells(record));
        jsonl += `${JSON.stringify(record)}\n`;
      }
      records += page.length;
      await store('csv', csv);
      await store('jsonl', jsonl);
      csv = '';
    });
    await store('csv', csv); // the header alone when there is no seller
    const row: SnapshotRow = {
      id,
      day: snapshotDay(now),
      generated_at: now.toISOString(),
      records,
      csv_size: size.csv,
      csv_sha256: hash.csv.digest('hex'),
      jsonl_size: size.jsonl,
      jsonl_sha256: hash.jsonl.digest('hex'),
    };
    const replaced = await publish(db, row);
    if (replaced.length > 0)
      await db.deleteFrom('open_data_chunks').where('snapshot_id', 'in', replaced).execute();
    return row;
  } catch (err) {
    await db
      .deleteFrom('open_data_chunks')
      .where('snapshot_id', '=', id)
      .execute()
      .catch(() => undefined);
    throw err;
  }
}

/**
 * Makes `row` the day's snapshot, replacing the one before; returns the replaced ids. Two nodes
 * publishing the same day at once: the one the unique day refuses tries again, and replaces the
 * other's (both snapshots are complete; the later one wins).
 */
async function publish(db: Kysely<Database>, row: SnapshotRow): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The ids the delete itself removed (not a select before it, which a node publishing
      // in between would make stale): those snapshots' chunks are to be deleted.
      return await db.transaction().execute(async (trx) => {
        const old = await trx
          .deleteFrom('open_data_snapshots')
          .where('day', '=', row.day)
          .returning('id')
          .execute();
        await trx.insertInto('open_data_snapshots').values(row).execute();
        return old.map((o) => o.id);
      });
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}

/** Published snapshots, newest first. */
export function listSnapshots(db: Kysely<Database>): Promise<SnapshotRow[]> {
  return db.selectFrom('open_data_snapshots').selectAll().orderBy('day', 'desc').execute();
}

/** The snapshot of a day (YYYY-MM-DD), or the newest for `latest`; undefined when there is none. */
export async function findSnapshot(db: Kysely<Database>, day: string): Promise<SnapshotRow | undefined> {
  let query = db.selectFrom('open_data_snapshots').selectAll();
  query = day === 'latest' ? query.orderBy('day', 'desc').limit(1) : query.where('day', '=', day);
  return query.executeTakeFirst();
}

/**
 * A file's bytes as a stream, read one chunk at a time as the client takes them. The stream ends
 * with its last chunk (the number of chunks is read first): no query is left pending once the
 * client has every byte.
 */
export function snapshotFileStream(
  db: Kysely<Database>,
  snapshotId: string,
  file: OpenDataFile,
): ReadableStream<Uint8Array> {
  let next = 0;
  let chunks = 0;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const row = await db
        .selectFrom('open_data_chunks')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('snapshot_id', '=', snapshotId)
        .where('file', '=', file)
        .executeTakeFirst();
      chunks = Number(row?.n ?? 0);
      if (chunks === 0) controller.close();
    },
    async pull(controller) {
      const chunk = await db
        .selectFrom('open_data_chunks')
        .select('bytes')
        .where('snapshot_id', '=', snapshotId)
        .where('file', '=', file)
        .where('seq', '=', next++)
        .executeTakeFirst();
      if (!chunk) {
        // Deleted meanwhile (replaced or pruned): the client sees a short body, not a wrong one.
        controller.error(new Error('open-data snapshot removed while being read'));
        return;
      }
      controller.enqueue(new Uint8Array(chunk.bytes));
      if (next >= chunks) controller.close();
    },
  });
}

/** Deletes the snapshots older than `keepDays` days before `now`'s day; returns how many. */
export async function pruneSnapshots(db: Kysely<Database>, now: Date, keepDays: number): Promise<number> {
  const cutoff = snapshotDay(new Date(now.getTime() - keepDays * 86_400_000));
  const old = await db.selectFrom('open_data_snapshots').select('id').where('day', '<', cutoff).execute();
  if (old.length === 0) return 0;
  const ids = old.map((o) => o.id);
  await db.deleteFrom('open_data_snapshots').where('id', 'in', ids).execute();
  await db.deleteFrom('open_data_chunks').where('snapshot_id', 'in', ids).execute();
  return ids.length;
}

/**
 * The snapshots of one registry process: one generation at a time (a second request while one
 * runs gets the same result), and the daily job's check.
 */
export class OpenDataService {
  private running: Promise<SnapshotRow> | null = null;

  constructor(
    readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    readonly options: { keepDays: number; pageSize: number },
  ) {}

  /** Generates today's snapshot now (or joins the generation under way), then prunes old ones. */
  generate(): Promise<SnapshotRow> {
    if (this.running) return this.running;
    const run = (async () => {
      const now = this.clock();
      const row = await generateSnapshot(this.db, now, this.options.pageSize);
      await pruneSnapshots(this.db, now, this.options.keepDays);
      return row;
    })();
    this.running = run;
    void run.then(
      () => {
        this.running = null;
      },
      () => {
        this.running = null;
      },
    );
    return run;
  }

  /** The daily job: generates today's snapshot unless there is one; returns it when it made one. */
  async ensureToday(): Promise<SnapshotRow | null> {
    const today = snapshotDay(this.clock());
    if (await findSnapshot(this.db, today)) return null;
    return this.generate();
  }
}
