/**
 * The background's care of the shopper's cases: the outbox delivery, the polling alarm, case
 * notifications and the toolbar count, and the triggers that set them going — the worker's start
 * (it may have been closed with entries waiting), the alarms, a page's operation that queued
 * entries (lib/background/case-writer.ts), the browser coming back online, a click on a
 * notification.
 */
import { browser } from 'wxt/browser';
import type { LocalCase } from '../cases/model';
import { unseenCount } from '../cases/reader';
import type { CaseChange } from '../i18n/notify';
import { loadSettings, registryBaseUrl, type Settings } from '../settings';
import type { AntamDb } from '../store/db';
import { CasesClient } from './cases-client';
import { caseOfNotification, caseUrl, notifyCase } from './notifications';
import { Outbox } from './outbox';
import { pollCases } from './polling';
import type { Toolbar } from './toolbar';

export const OUTBOX_ALARM = 'antam-outbox';
export const POLL_ALARM = 'antam-poll';
/** Sellers have days to answer: a quarter of an hour is prompt enough and costs little. */
export const POLL_PERIOD_MINUTES = 15;

export interface CaseServiceOptions {
  db: AntamDb;
  toolbar: Toolbar;
  createClient?: (baseUrl: string) => CasesClient;
  settings?: () => Promise<Settings>;
  clock?: () => number;
  random?: () => number;
  pollPeriodMinutes?: number;
  /**
   * A case against this seller changed (answer, outcome, the shopper's own action): the trust
   * cache forgets the seller's bucket so that the next badge shows the new record.
   */
  onSellerChanged?: (sellerKey: string) => Promise<void>;
}

export class CaseService {
  readonly outbox: Outbox;
  private readonly db: AntamDb;
  private readonly toolbar: Toolbar;
  private readonly createClient: (baseUrl: string) => CasesClient;
  private readonly settings: () => Promise<Settings>;
  private readonly clock: () => number;
  private readonly pollPeriodMinutes: number;
  private readonly onSellerChanged: (sellerKey: string) => Promise<void>;
  private polling: Promise<number> | null = null;
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly listeners: (() => void)[] = [];

  constructor(options: CaseServiceOptions) {
    this.db = options.db;
    this.toolbar = options.toolbar;
    this.createClient = options.createClient ?? ((baseUrl) => new CasesClient({ baseUrl }));
    this.settings = options.settings ?? loadSettings;
    this.clock = options.clock ?? Date.now;
    this.pollPeriodMinutes = options.pollPeriodMinutes ?? POLL_PERIOD_MINUTES;
    this.onSellerChanged = options.onSellerChanged ?? (async () => undefined);
    this.outbox = new Outbox({
      db: this.db,
      createClient: this.createClient,
      settings: this.settings,
      clock: this.clock,
      ...(options.random ? { random: options.random } : {}),
      onRejected: (refused) => this.announce(refused, 'rejected'),
      wakeAt: (at) => this.wakeOutboxAt(at),
      onSellerChanged: (key) => this.onSellerChanged(key),
    });
  }

  /** Listeners first (synchronously, for a worker woken by one of these events), then the work. */
  start(): void {
    const onAlarm = (alarm: { name: string }): void => {
      if (alarm.name === OUTBOX_ALARM) this.track(this.deliver());
      if (alarm.name === POLL_ALARM) this.track(this.poll());
    };
    const onClicked = (id: string): void => {
      const caseId = caseOfNotification(id);
      if (!caseId) return;
      this.track(
        Promise.all([browser.tabs.create({ url: caseUrl(caseId) }), browser.notifications.clear(id)]),
      );
    };
    browser.alarms.onAlarm.addListener(onAlarm);
    browser.notifications.onClicked.addListener(onClicked);
    this.listeners.push(
      () => browser.alarms.onAlarm.removeListener(onAlarm),
      () => browser.notifications.onClicked.removeListener(onClicked),
    );
    const g = globalThis as {
      addEventListener?: typeof addEventListener;
      removeEventListener?: typeof removeEventListener;
    };
    if (typeof g.addEventListener === 'function') {
      const onOnline = (): void => this.track(this.outbox.deliver({ force: true }));
      g.addEventListener('online', onOnline);
      this.listeners.push(() => g.removeEventListener?.('online', onOnline));
    }
    this.track(this.ensurePollAlarm());
    // The browser may have been closed with entries waiting, or the worker stopped mid-delivery.
    this.track(this.deliver());
    this.track(this.recount());
  }

  stop(): void {
    for (const remove of this.listeners.splice(0)) remove();
  }

  /** A page's operation queued outbox entries (a submission, an action, an erasure): send them now. */
  casesUpdated(): void {
    this.track(this.outbox.deliver({ force: true }).then(() => this.recount()));
    this.track(this.recount());
  }

  /** The shopper looked at a case. */
  unseenChanged(): void {
    this.track(this.recount());
  }

  async deliver(): Promise<void> {
    await this.outbox.deliver();
    await this.recount();
  }

  /** One poll at a time; a second trigger joins the running one. */
  poll(): Promise<number> {
    if (this.polling) return this.polling;
    const run = (async () => {
      try {
        const client = this.createClient(registryBaseUrl(await this.settings()));
        const changed = await pollCases({
          db: this.db,
          client,
          clock: this.clock,
          onChange: (c, change) => this.announce(c, change),
        });
        await this.recount();
        return changed;
      } finally {
        this.polling = null;
      }
    })();
    this.polling = run;
    return run;
  }

  async recount(): Promise<void> {
    const [count, settings] = await Promise.all([unseenCount(this.db), this.settings()]);
    await this.toolbar.setCount(count, settings.language);
  }

  /** Resolves once every task started by a trigger has settled (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private async announce(c: LocalCase, change: CaseChange): Promise<void> {
    if (change !== 'rejected') await this.onSellerChanged(c.sellerKey).catch(() => undefined);
    const settings = await this.settings();
    await notifyCase(c, change, settings.language);
    await this.recount();
  }

  /**
   * Keeps the alarm that polls. Created only when missing: creating it again at every worker
   * start would push the next poll back each time, and a worker woken often would never poll.
   */
  private async ensurePollAlarm(): Promise<void> {
    const existing = await browser.alarms.get(POLL_ALARM);
    if (existing?.periodInMinutes === this.pollPeriodMinutes) return;
    await browser.alarms.create(POLL_ALARM, {
      delayInMinutes: this.pollPeriodMinutes,
      periodInMinutes: this.pollPeriodMinutes,
    });
  }

  /** The outbox's next due entry, as an alarm: it survives the worker being stopped. */
  private async wakeOutboxAt(at: number | null): Promise<void> {
    if (at === null) {
      await browser.alarms.clear(OUTBOX_ALARM);
      return;
    }
    // Browsers round alarms up to their minimum (30 s in Chrome); an overdue one fires at once.
    await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, this.clock() + 1000) });
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch((err: unknown) => console.warn('[An Tâm] case task failed', err));
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
  }
}
