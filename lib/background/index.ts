/**
 * Wiring of the background: one database, one trust service, one case service (outbox, polling,
 * notifications, toolbar count), one message listener, and the tab bookkeeping. Listeners are
 * added synchronously: a service worker woken by an event must have its listeners in place
 * before its first turn ends.
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '../settings';
import { AntamDb } from '../store/db';
import { CaseWriter } from './case-writer';
import { CaseService } from './cases';
import type { CasesClient } from './cases-client';
import { loadPageScript, onlyRulesKnow } from './page-script';
import { PanelTokens } from './panel-tokens';
import { createRouter, type MessageListener } from './router';
import { type SiteRulesOptions, SiteRulesService } from './site-rules';
import { CaseStarter, type StartDeps } from './start-case';
import { StartLimiter } from './start-limit';
import { TabPages } from './tabs';
import { Toolbar } from './toolbar';
import { TrustService, type TrustServiceOptions } from './trust-cache';
import { WatchService } from './watch';
import { openWelcomeOnInstall } from './welcome';

export interface Background {
  db: AntamDb;
  trust: TrustService;
  cases: CaseService;
  watch: WatchService;
  // rules (issue 12)
  siteRules: SiteRulesService;
  tabs: TabPages;
  toolbar: Toolbar;
  listener: MessageListener;
  /** Removes the listeners (tests). */
  stop(): void;
}

export type BackgroundOptions = Partial<TrustServiceOptions> & {
  /** The complaint/report client for a registry base URL (tests inject a recording fetch). */
  createCasesClient?: (baseUrl: string) => CasesClient;
  pollPeriodMinutes?: number;
  random?: () => number;
  /** Screenshot, content-script capture and tab opening (tests replace what the fake browser lacks). */
  start?: Omit<StartDeps, 'db'>;
  /** rules (issue 12): the site-rules key and fetch (tests); the build's key otherwise. */
  siteRules?: SiteRulesOptions;
};

export function startBackground(options: BackgroundOptions = {}): Background {
  const db = options.db ?? new AntamDb();
  const trust = new TrustService({ ...options, db });
  const tabs = new TabPages();
  const toolbar = new Toolbar();
  const cases = new CaseService({
    db,
    toolbar,
    ...(options.createCasesClient ? { createClient: options.createCasesClient } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.pollPeriodMinutes ? { pollPeriodMinutes: options.pollPeriodMinutes } : {}),
    onSellerChanged: (key) => trust.expire([key]),
  });
  const watch = new WatchService({
    db,
    trust,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const siteRules = new SiteRulesService({
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.siteRules,
  });
  const starter = new CaseStarter({ db, ...options.start });
  const panelTokens = new PanelTokens(options.clock);
  const startLimit = new StartLimiter(options.clock);
  const listener = createRouter({
    trust,
    tabs,
    toolbar,
    loadPageScript,
    panelTokens,
    startLimit,
    cases: {
      starter,
      writer: new CaseWriter({
        db,
        outboxChanged: () => cases.casesUpdated(),
        unseenChanged: () => cases.unseenChanged(),
        complaintFiled: (key, name) => watch.track(watch.remember(key, name)),
      }),
    },
    watch,
    siteRules,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const onRemoved = (tabId: number): void => {
    tabs.close(tabId);
    toolbar.forget(tabId);
    panelTokens.forget(tabId);
    startLimit.forget(tabId);
  };
  // A tab loading a new document: what it showed is gone. Pages of ours report again once their
  // content script runs; pages that are none of ours have only the loader, which reports nothing,
  // so the tab's state and toolbar are cleared here rather than left showing the last seller.
  const onUpdated = (
    tabId: number,
    change: { status?: string; url?: string },
    tab: { url?: string },
  ): void => {
    if (change.status === 'loading' && tabs.get(tabId) !== undefined) {
      tabs.forget(tabId);
      (options.settings ?? loadSettings)()
        .then((s) => toolbar.setTab(tabId, null, s.language))
        .catch((err: unknown) => console.warn('[An Tâm] toolbar not cleared', err));
    }
    // An address only a site rule recognises: the loader does not know it, so run the content
    // script from here (on a new document, or when the app pushes such an address).
    // Loaded: once complete (earlier the old document may still be the tab's); pushed: the url alone.
    const href =
      change.status === 'complete' ? tab.url : change.status === undefined ? change.url : undefined;
    if (href === undefined) return;
    onlyRulesKnow(href, siteRules)
      .then((load) => (load ? loadPageScript(tabId) : undefined))
      .catch((err: unknown) => console.warn('[An Tâm] content script not run', err));
  };
  browser.runtime.onMessage.addListener(listener);
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.tabs.onUpdated.addListener(onUpdated);
  const stopWelcome = openWelcomeOnInstall();
  cases.start();
  watch.start();
  siteRules.start();
  return {
    db,
    trust,
    cases,
    watch,
    siteRules,
    tabs,
    toolbar,
    listener,
    stop() {
      browser.runtime.onMessage.removeListener(listener);
      browser.tabs.onRemoved.removeListener(onRemoved);
      browser.tabs.onUpdated.removeListener(onUpdated);
      cases.stop();
      watch.stop();
      siteRules.stop();
      stopWelcome();
    },
  };
}
