/**
 * "Người bán tôi đã mua": the sellers of the shopper's orders, remembered on this device (from the
 * order pages the content script reads and from complaints filed) and never sent anywhere. A daily
 * alarm re-checks them exactly as a badge looks sellers up, through the trust service: only the
 * 4-hex hash prefixes of their buckets leave the browser. When a record got worse since the last
 * check (a lower level, a new sanction, a new confirmed counterfeit) a notification says what
 * changed and opens the seller's public record; an unchanged or better record stays silent.
 */
import { browser } from 'wxt/browser';
import { PLATFORM_NAMES } from '../i18n';
import { type Worsening, watchNotice } from '../i18n/watch';
import type { WatchedSellerView } from '../messaging';
import type { Level, TrustRecord } from '../registry/schemas';
import { parseSellerKey } from '../registry/seller-key';
import { loadSettings, registryBaseUrl, type Settings } from '../settings';
import type { AntamDb } from '../store/db';
import { MAX_WATCHED, type WatchedSeller, type WatchSnapshot } from '../store/schema';

export { MAX_WATCHED };

import { extensionUrl } from './notifications';
import type { TrustService } from './trust-cache';

export const WATCH_ALARM = 'antam-watch';
/** Records change by decisions and moderations, not by the minute: once a day is enough. */
export const WATCH_PERIOD_MINUTES = 24 * 60;
export const WATCH_NOTIFICATION_PREFIX = 'antam-watch:';

/** From the most severe up: a move to a lower rank is a worsening. */
const LEVEL_RANK: Record<Level, number> = { danger: 0, caution: 1, unknown: 2, ok: 3, trusted: 4 };

export function snapshotOf(record: TrustRecord): WatchSnapshot {
  return {
    level: record.level,
    sanctions: record.sanctions.map((s) => `${s.authority}|${s.decision}|${s.date}`),
    counterfeitsConfirmed: record.counterfeit.confirmed,
    platform: record.platform,
    sellerId: record.sellerId,
  };
}

/** The record of a seller the registry holds nothing on: a level of `unknown` and no facts. */
export function emptySnapshot(key: string): WatchSnapshot | null {
  const parsed = parseSellerKey(key);
  if (!parsed) return null;
  return {
    level: 'unknown',
    sanctions: [],
    counterfeitsConfirmed: 0,
    platform: parsed.platform,
    sellerId: `${parsed.alias ? '@' : ''}${parsed.id}`,
  };
}

/** What got worse from `before` to `after`; empty when nothing did (the same, or better). */
export function worsenings(before: WatchSnapshot, after: WatchSnapshot): Worsening[] {
  const out: Worsening[] = [];
  if (LEVEL_RANK[after.level] < LEVEL_RANK[before.level]) {
    out.push({ kind: 'level', from: before.level, to: after.level });
  }
  const known = new Set(before.sanctions);
  const newSanctions = after.sanctions.filter((s) => !known.has(s)).length;
  if (newSanctions > 0) out.push({ kind: 'sanction', count: newSanctions });
  const moreCounterfeits = after.counterfeitsConfirmed - before.counterfeitsConfirmed;
  if (moreCounterfeits > 0) out.push({ kind: 'counterfeit', count: moreCounterfeits });
  return out;
}

export interface WatchServiceOptions {
  db: AntamDb;
  trust: Pick<TrustService, 'lookup' | 'expire'>;
  settings?: () => Promise<Settings>;
  clock?: () => number;
  maxWatched?: number;
}

export class WatchService {
  private readonly db: AntamDb;
  private readonly trust: Pick<TrustService, 'lookup' | 'expire'>;
  private readonly settings: () => Promise<Settings>;
  private readonly clock: () => number;
  private readonly maxWatched: number;
  private checking: Promise<number> | null = null;
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly listeners: (() => void)[] = [];

  constructor(options: WatchServiceOptions) {
    this.db = options.db;
    this.trust = options.trust;
    this.settings = options.settings ?? loadSettings;
    this.clock = options.clock ?? Date.now;
    this.maxWatched = options.maxWatched ?? MAX_WATCHED;
  }

  /** Listeners first (synchronously, for a worker woken by the alarm), then the alarm itself. */
  start(): void {
    const onAlarm = (alarm: { name: string }): void => {
      if (alarm.name === WATCH_ALARM) this.track(this.check());
    };
    const onClicked = (id: string): void => {
      if (!id.startsWith(WATCH_NOTIFICATION_PREFIX)) return;
      this.track(this.openRecord(id.slice(WATCH_NOTIFICATION_PREFIX.length), id));
    };
    browser.alarms.onAlarm.addListener(onAlarm);
    browser.notifications.onClicked.addListener(onClicked);
    this.listeners.push(
      () => browser.alarms.onAlarm.removeListener(onAlarm),
      () => browser.notifications.onClicked.removeListener(onClicked),
    );
    this.track(this.ensureAlarm());
  }

  stop(): void {
    for (const remove of this.listeners.splice(0)) remove();
  }

  /**
   * A seller the shopper bought from (an order page, a complaint). Kept with the record as it is
   * now, so that the first check compares with what the shopper could see when buying. Nothing
   * when watching is off.
   */
  async remember(key: string, name: string | null): Promise<void> {
    const parsed = parseSellerKey(key);
    if (!parsed || !(await this.settings()).watchSellers) return;
    const existing = await this.db.watched.get(key);
    if (existing) {
      if (name && name !== existing.name) await this.db.watched.update(key, { name });
      return;
    }
    const result = (await this.trust.lookup([key]))[key];
    const now = this.clock();
    const row: WatchedSeller = {
      key,
      name: name?.slice(0, 200) ?? null,
      platform: parsed.platform,
      addedAt: now,
      // Absent: nothing on record yet, so a first sanction or counterfeit is news.
      last:
        result?.status === 'found'
          ? snapshotOf(result.record)
          : result?.status === 'absent'
            ? emptySnapshot(key)
            : null,
      checkedAt: result?.status === 'found' || result?.status === 'absent' ? now : null,
      lastNotice: null,
    };
    await this.db.transaction('rw', this.db.watched, async () => {
      if (await this.db.watched.get(key)) return; // remembered meanwhile (two tabs)
      await this.db.watched.add(row);
      const count = await this.db.watched.count();
      if (count > this.maxWatched) {
        const oldest = await this.db.watched
          .orderBy('addedAt')
          .limit(count - this.maxWatched)
          .primaryKeys();
        await this.db.watched.bulkDelete(oldest);
      }
    });
  }

  /** Newest first, for the options page. */
  async list(): Promise<WatchedSellerView[]> {
    const rows = await this.db.watched.orderBy('addedAt').reverse().toArray();
    return rows.map(({ key, name, platform, addedAt, lastNotice }) => ({
      key,
      name,
      platform,
      addedAt,
      lastNotice,
    }));
  }

  async remove(key: string): Promise<void> {
    await this.db.watched.delete(key);
    await browser.notifications.clear(`${WATCH_NOTIFICATION_PREFIX}${key}`).catch(() => undefined);
  }

  async clear(): Promise<void> {
    await this.db.watched.clear();
  }

  /**
   * One re-check of every watched seller; a second trigger joins the running one. Returns how
   * many sellers got worse. The buckets are expired first so that the registry is asked (a
   * conditional request per bucket where the cache holds its ETag) rather than a day-old cache.
   */
  check(): Promise<number> {
    if (this.checking) return this.checking;
    const run = this.checkAll().finally(() => {
      this.checking = null;
    });
    this.checking = run;
    return run;
  }

  /** Resolves once every task started by a trigger has settled (tests). */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private async checkAll(): Promise<number> {
    const settings = await this.settings();
    if (!settings.watchSellers) return 0;
    const rows = await this.db.watched.toArray();
    if (rows.length === 0) return 0;
    const keys = rows.map((r) => r.key);
    await this.trust.expire(keys);
    const results = await this.trust.lookup(keys);
    const now = this.clock();
    let worse = 0;
    for (const row of rows) {
      const result = results[row.key];
      // Unavailable: the next check tries again. Absent: nothing established; a seller the registry
      // answered for before and no longer holds is not news the shopper needs at night.
      if (result?.status === 'absent' && row.last === null) {
        await this.db.watched.update(row.key, { last: emptySnapshot(row.key), checkedAt: now });
      }
      if (result?.status !== 'found') continue;
      const after = snapshotOf(result.record);
      const changes = row.last ? worsenings(row.last, after) : [];
      let lastNotice = row.lastNotice;
      if (changes.length > 0) {
        worse += 1;
        const { title, message } = watchNotice(this.displayName(row), changes, settings.language);
        lastNotice = { at: now, text: message };
        await this.notify(row.key, title, message);
      }
      // update(): a seller removed meanwhile stays removed.
      await this.db.watched.update(row.key, { last: after, checkedAt: now, lastNotice });
    }
    return worse;
  }

  private displayName(row: WatchedSeller): string {
    if (row.name) return row.name;
    const parsed = parseSellerKey(row.key);
    return parsed ? `${PLATFORM_NAMES[parsed.platform]} ${parsed.alias ? '@' : ''}${parsed.id}` : row.key;
  }

  private async notify(key: string, title: string, message: string): Promise<void> {
    try {
      await browser.notifications.create(`${WATCH_NOTIFICATION_PREFIX}${key}`, {
        type: 'basic',
        iconUrl: extensionUrl('/icon/128.png'),
        title,
        message,
      });
    } catch (err) {
      // Notifications turned off for the browser: the options page still shows the change.
      console.warn('[An Tâm] notification not shown', err);
    }
  }

  /** The seller's public record page on the registry in use. */
  async recordUrl(key: string): Promise<string | null> {
    const row = await this.db.watched.get(key);
    const parsed = parseSellerKey(key);
    if (!parsed) return null;
    const platform = row?.last?.platform ?? parsed.platform;
    const id = row?.last?.sellerId ?? `${parsed.alias ? '@' : ''}${parsed.id}`;
    const base = registryBaseUrl(await this.settings());
    return `${base}/s/${platform}/${encodeURIComponent(id)}`;
  }

  private async openRecord(key: string, notificationId: string): Promise<void> {
    const url = await this.recordUrl(key);
    if (url) await browser.tabs.create({ url });
    await browser.notifications.clear(notificationId);
  }

  /** Created only when missing: recreating it at every worker start would keep pushing it back. */
  private async ensureAlarm(): Promise<void> {
    const existing = await browser.alarms.get(WATCH_ALARM);
    if (existing?.periodInMinutes === WATCH_PERIOD_MINUTES) return;
    await browser.alarms.create(WATCH_ALARM, {
      delayInMinutes: WATCH_PERIOD_MINUTES,
      periodInMinutes: WATCH_PERIOD_MINUTES,
    });
  }

  track(task: Promise<unknown>): void {
    const settled = task.catch((err: unknown) => console.warn('[An Tâm] watch task failed', err));
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
  }
}
