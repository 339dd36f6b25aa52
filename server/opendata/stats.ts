/**
 * Statistics per marketplace, from the same facts as the public records: sellers and their
 * levels (from the records, a page at a time), and the complaint figures over every verified
 * complaint of the marketplace's sellers of the last 12 months, with the same definitions as a
 * seller's record (server/trust/stats.ts): the on-time share and the median are the marketplace's
 * over its complaints, not an average of its sellers' figures. Cached per data version and day.
 */
import type { Kysely } from 'kysely';
import type { Level } from '../../lib/registry/schemas';
import { PLATFORMS, type Platform } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { type ComplaintFactRow, complaintFactRow, computeComplaintStats } from '../trust/stats';
import { DEFAULT_PAGE_SIZE, forEachRecordPage, snapshotDay } from './snapshot';

export const LEVELS: readonly Level[] = ['trusted', 'ok', 'caution', 'danger', 'unknown'];

export interface PlatformStats {
  platform: Platform;
  sellers: number;
  levels: Record<Level, number>;
  complaints12m: number;
  unanswered12m: number;
  answeredOnTimeShare12m: number | null;
  medianDaysToResolution12m: number | null;
  unverifiedComplaints12m: number;
  counterfeitConfirmed12m: number;
  sanctions: number;
}

export interface MarketplaceStats {
  generatedAt: string;
  dataVersion: number;
  platforms: PlatformStats[];
}

const YEAR_MS = 365 * 86_400_000;

export async function computeMarketplaceStats(
  db: Kysely<Database>,
  now: Date,
  dataVersion: number,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<MarketplaceStats> {
  const yearAgo = new Date(now.getTime() - YEAR_MS).toISOString();
  const byPlatform = new Map<Platform, PlatformStats>(
    PLATFORMS.map((platform) => [
      platform,
      {
        platform,
        sellers: 0,
        levels: { trusted: 0, ok: 0, caution: 0, danger: 0, unknown: 0 },
        complaints12m: 0,
        unanswered12m: 0,
        answeredOnTimeShare12m: null,
        medianDaysToResolution12m: null,
        unverifiedComplaints12m: 0,
        counterfeitConfirmed12m: 0,
        sanctions: 0,
      },
    ]),
  );
  await forEachRecordPage(db, now, pageSize, (records) => {
    for (const r of records) {
      const p = byPlatform.get(r.platform);
      if (!p) continue;
      p.sellers++;
      p.levels[r.level]++;
      p.unverifiedComplaints12m += r.complaints.unverified.last12Months;
    }
  });

  // Verified complaints of the window (a little wider than 365 days, for clock skew, then
  // filtered by the shared definition), grouped by marketplace.
  const complaints = await db
    .selectFrom('complaints as c')
    .innerJoin('sellers as s', 's.id', 'c.seller_id')
    .select([
      's.platform',
      'c.status',
      'c.outcome',
      'c.filed_at',
      'c.forwarded_at',
      'c.due_at',
      'c.responded_at',
      'c.late',
      'c.resolved_at',
      'c.escalated',
    ])
    .where('c.verification', '=', 'order_verified')
    .where('c.filed_at', '>=', yearAgo)
    .execute();
  const rowsOf = new Map<string, ComplaintFactRow[]>();
  for (const c of complaints) {
    const row = complaintFactRow(c);
    const list = rowsOf.get(c.platform);
    if (list) list.push(row);
    else rowsOf.set(c.platform, [row]);
  }
  for (const [platform, rows] of rowsOf) {
    const p = byPlatform.get(platform as Platform);
    if (!p) continue;
    const s = computeComplaintStats(rows, now).last12Months;
    p.complaints12m = s.total;
    p.unanswered12m = s.unanswered;
    p.answeredOnTimeShare12m = s.answeredOnTimeShare;
    p.medianDaysToResolution12m = s.medianDaysToResolution;
  }

  const counterfeits = await db
    .selectFrom('counterfeit_reports as r')
    .innerJoin('sellers as s', 's.id', 'r.seller_id')
    .select(['s.platform', db.fn.countAll<number | string>().as('n')])
    .where('r.status', '=', 'confirmed')
    .where('r.decided_at', '>=', yearAgo)
    .groupBy('s.platform')
    .execute();
  for (const c of counterfeits) {
    const p = byPlatform.get(c.platform as Platform);
    if (p) p.counterfeitConfirmed12m = Number(c.n);
  }
  const sanctions = await db
    .selectFrom('sanctions as x')
    .innerJoin('sellers as s', 's.id', 'x.seller_id')
    .select(['s.platform', db.fn.countAll<number | string>().as('n')])
    .groupBy('s.platform')
    .execute();
  for (const c of sanctions) {
    const p = byPlatform.get(c.platform as Platform);
    if (p) p.sanctions = Number(c.n);
  }
  return { generatedAt: now.toISOString(), dataVersion, platforms: [...byPlatform.values()] };
}

/**
 * The statistics of the current data version and day. Computing them reads every record (seconds
 * for 100,000 sellers: README, "Benchmarks"), and the data version moves with every write, so
 * the cache is stale-while-revalidate: a request after a change gets the figures at hand at once
 * while one recomputation runs, and a recomputation starts at most once per `minIntervalMs`. So
 * requests cannot make the registry rescan its records faster than that, whatever their rate.
 * Only the very first request waits for the computation.
 */
export class StatsCache {
  private key = '';
  private current: MarketplaceStats | null = null;
  private computing: Promise<MarketplaceStats> | null = null;
  private startedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly version: () => number,
    private readonly minIntervalMs = 5 * 60_000,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  async get(): Promise<MarketplaceStats> {
    const now = this.clock();
    const version = this.version();
    const key = `${version}:${snapshotDay(now)}`;
    if (this.current && this.key === key) return this.current;
    if (!this.computing && now.getTime() - this.startedAt >= this.minIntervalMs) {
      this.startedAt = now.getTime();
      const computing = computeMarketplaceStats(this.db, now, version, this.pageSize);
      this.computing = computing;
      computing.then(
        (stats) => {
          this.current = stats;
          this.key = key;
          this.computing = null;
        },
        () => {
          // A failure (the database gone) is not kept: a later request tries again.
          this.computing = null;
          this.startedAt = Number.NEGATIVE_INFINITY;
        },
      );
    }
    if (this.current) return this.current;
    if (this.computing) return this.computing;
    // Unreachable in practice: no figures yet and none being computed means the last try failed
    // within this very call; compute once more and let its error answer.
    return computeMarketplaceStats(this.db, now, version, this.pageSize);
  }
}
