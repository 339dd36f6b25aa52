/**
 * Signed site rules in the background (issue 12): fetched from the registry on their own alarm,
 * verified with the public key built into the extension, applied only when valid and NEWER than
 * the set in force, kept in storage.local, and handed to content scripts for their marketplace
 * (lib/marketplaces/rules.ts applies them). A set with a bad signature, another key, an older or
 * equal version (no rollback), past its expiry or outside the schema is ignored: the last good set
 * stays in force, and without one (or once it expires) the built-in readers are used.
 *
 * HTTP: the fetch is conditional (`If-None-Match` with the ETag of the set in force) and bypasses
 * the HTTP cache (a 304 comes to us, not a cached copy); `Cache-Control: max-age` sets the least
 * time until the next scheduled fetch (the alarm is set to the longer of max-age and the refresh
 * interval). Nothing about the shopper goes with the request.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { ContentMarketplaceRules } from '../marketplaces/rules';
import type { ContentSiteRules, SiteRulesStatus } from '../messaging';
import type { Platform } from '../registry/seller-key';
import {
  type MarketplaceRules,
  SignedSiteRules,
  type SiteRules,
  verifySiteRules,
} from '../registry/site-rules';
import { loadSettings, registryBaseUrl, type Settings } from '../settings';
import type { FetchLike } from './registry-client';

export const SITE_RULES_ALARM = 'antam-site-rules';
/** How often the registry is asked, unless its max-age says to wait longer. */
export const SITE_RULES_REFRESH_MINUTES = 60;
export const SITE_RULES_STORAGE_KEY = 'siteRules';
const FETCH_TIMEOUT_MS = 15_000;

type AssertTrue<T extends true> = T;
/** The content script's plain types (no zod there) take exactly what the schema gives. */
export type ContentRulesMatchSchema = AssertTrue<
  MarketplaceRules extends ContentMarketplaceRules ? true : false
>;

const Stored = z.object({
  signed: SignedSiteRules,
  version: z.number().int(),
  appliedAt: z.number(),
  etag: z.string().max(200).nullable(),
  checkedAt: z.number(),
  maxAgeSeconds: z.number().min(0),
});
type Stored = z.infer<typeof Stored>;

export type RefreshOutcome =
  | { outcome: 'applied'; version: number }
  | { outcome: 'unchanged' }
  | { outcome: 'none' }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'unavailable' }
  | { outcome: 'disabled' };

export interface SiteRulesOptions {
  /** base64 SPKI of the key sets are signed with; null: site rules are off (built-ins only). */
  publicKey?: string | null;
  fetch?: FetchLike;
  settings?: () => Promise<Settings>;
  clock?: () => number;
  refreshMinutes?: number;
}

/** The key the build was made with (wxt.config.ts); absent in tests and in builds without rules. */
function builtInKey(): string | null {
  const key = import.meta.env.WXT_SITE_RULES_PUBLIC_KEY as string | undefined;
  return typeof key === 'string' && key.length > 0 ? key : null;
}

/** `max-age` of a Cache-Control header, in seconds (0 when absent or unreadable). */
export function maxAgeOf(header: string | null): number {
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d{1,9})"?\s*(?:,|$)/i.exec(header ?? '');
  return m ? Number(m[1]) : 0;
}

export class SiteRulesService {
  private readonly publicKey: string | null;
  private readonly fetch: FetchLike;
  private readonly settings: () => Promise<Settings>;
  private readonly clock: () => number;
  private readonly refreshMs: number;
  /** The set in force, verified once per load: null for the built-ins. */
  private active: Promise<{ stored: Stored; rules: SiteRules } | null> | null = null;
  private refreshing: Promise<RefreshOutcome> | null = null;
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly listeners: (() => void)[] = [];

  constructor(options: SiteRulesOptions = {}) {
    this.publicKey = options.publicKey === undefined ? builtInKey() : options.publicKey;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.settings = options.settings ?? loadSettings;
    this.clock = options.clock ?? Date.now;
    this.refreshMs = (options.refreshMinutes ?? SITE_RULES_REFRESH_MINUTES) * 60_000;
  }

  /** Listeners first (a worker woken by the alarm), then a fetch if the last one is due. */
  start(): void {
    if (!this.publicKey) {
      // Built with WXT_SITE_RULES_PUBLIC_KEY=off (or in tests): the built-in readers only, said loudly.
      console.warn('[An Tâm] site rules are off: this build has no site-rules public key');
      return;
    }
    const onAlarm = (alarm: { name: string }): void => {
      if (alarm.name === SITE_RULES_ALARM) this.track(this.refresh());
    };
    browser.alarms.onAlarm.addListener(onAlarm);
    this.listeners.push(() => browser.alarms.onAlarm.removeListener(onAlarm));
    this.track(this.startUp());
  }

  stop(): void {
    for (const remove of this.listeners.splice(0)) remove();
  }

  /** Resolves once every task started so far has settled (tests). */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  /** The version in force, or null for the built-ins. */
  async version(): Promise<number | null> {
    return (await this.current())?.rules.version ?? null;
  }

  /** The rules for one marketplace, as the content script applies them. */
  async forPlatform(platform: Platform): Promise<ContentSiteRules> {
    const current = await this.current();
    if (!current) return { version: null, rules: null };
    const rules = current.rules.marketplaces[platform];
    return { version: current.rules.version, rules: rules ? { ...rules, pages: { ...rules.pages } } : null };
  }

  async status(): Promise<SiteRulesStatus> {
    const current = await this.current();
    return current
      ? {
          version: current.rules.version,
          appliedAt: current.stored.appliedAt,
          expiresAt: current.rules.expiresAt,
        }
      : { version: null, appliedAt: null, expiresAt: null };
  }

  /** One fetch; a second trigger joins the running one. */
  refresh(): Promise<RefreshOutcome> {
    if (!this.publicKey) return Promise.resolve({ outcome: 'disabled' });
    if (this.refreshing) return this.refreshing;
    const run = this.fetchOnce().finally(() => {
      this.refreshing = null;
    });
    this.refreshing = run;
    return run;
  }

  private async startUp(): Promise<void> {
    const stored = await this.stored();
    const due = stored ? stored.checkedAt + this.waitMs(stored.maxAgeSeconds) : 0;
    if (due <= this.clock()) await this.refresh();
    else if (!(await browser.alarms.get(SITE_RULES_ALARM))) await this.schedule(due);
  }

  private waitMs(maxAgeSeconds: number): number {
    return Math.max(this.refreshMs, maxAgeSeconds * 1000);
  }

  private async schedule(when: number): Promise<void> {
    await browser.alarms.create(SITE_RULES_ALARM, { when: Math.max(when, this.clock() + 1000) });
  }

  private async stored(): Promise<Stored | null> {
    const raw = (await browser.storage.local.get(SITE_RULES_STORAGE_KEY))[SITE_RULES_STORAGE_KEY];
    const parsed = Stored.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  private current(): Promise<{ stored: Stored; rules: SiteRules } | null> {
    this.active ??= this.load();
    return this.active.then((a) => {
      // Past its expiry the set no longer applies: the built-ins do, until a newer set comes.
      if (a && Date.parse(a.rules.expiresAt) <= this.clock()) return null;
      return a;
    });
  }

  /** The stored set, verified again: storage holds only what was verified, but may be damaged. */
  private async load(): Promise<{ stored: Stored; rules: SiteRules } | null> {
    if (!this.publicKey) return null;
    const stored = await this.stored();
    if (!stored) return null;
    const verified = await verifySiteRules(stored.signed, {
      publicKey: this.publicKey,
      now: new Date(this.clock()),
    });
    return verified.ok ? { stored, rules: verified.rules } : null;
  }

  private async fetchOnce(): Promise<RefreshOutcome> {
    const publicKey = this.publicKey as string;
    const stored = await this.stored();
    const now = this.clock();
    const base = registryBaseUrl(await this.settings());
    let res: Response;
    try {
      res = await this.fetch(`${base}/v1/site-rules`, {
        headers: stored?.etag ? { 'If-None-Match': stored.etag } : {},
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch {
      await this.schedule(now + this.refreshMs);
      return { outcome: 'unavailable' };
    }
    const maxAge = maxAgeOf(res.headers.get('cache-control'));
    await this.schedule(now + this.waitMs(maxAge));
    const checked = async () => {
      if (stored) await this.save({ ...stored, checkedAt: now, maxAgeSeconds: maxAge });
    };
    if (res.status === 304 && stored) {
      await checked();
      return { outcome: 'unchanged' };
    }
    if (res.status === 404) {
      await checked();
      return { outcome: 'none' };
    }
    if (res.status !== 200) return { outcome: 'unavailable' };
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    const verified = await verifySiteRules(body, {
      publicKey,
      now: new Date(now),
      // No rollback: only newer than the last set this browser accepted, expired or not.
      ...(stored ? { newerThan: stored.version } : {}),
    });
    if (!verified.ok) {
      await checked();
      console.warn(`[An Tâm] site rules from the registry ignored: ${verified.reason}`);
      return { outcome: 'ignored', reason: verified.reason };
    }
    const signed = SignedSiteRules.parse(body);
    await this.save({
      signed,
      version: verified.rules.version,
      appliedAt: now,
      etag: res.headers.get('etag'),
      checkedAt: now,
      maxAgeSeconds: maxAge,
    });
    this.active = Promise.resolve({ stored: (await this.stored()) as Stored, rules: verified.rules });
    return { outcome: 'applied', version: verified.rules.version };
  }

  private async save(stored: Stored): Promise<void> {
    await browser.storage.local.set({ [SITE_RULES_STORAGE_KEY]: stored });
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch((err: unknown) => console.warn('[An Tâm] site rules task failed', err));
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
  }
}
