/**
 * Wiring of the background: one database, one trust service, one case service (outbox, polling,
 * notifications, toolbar count), one message listener, and the tab bookkeeping. Listeners are
 * added synchronously: a service worker woken by an event must have its listeners in place
 * before its first turn ends.
 */
import { browser } from 'wxt/browser';
import { AntamDb } from '../store/db';
import { CaseWriter } from './case-writer';
import { CaseService } from './cases';
import type { CasesClient } from './cases-client';
import { PanelTokens } from './panel-tokens';
import { createRouter, type MessageListener } from './router';
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
  const starter = new CaseStarter({ db, ...options.start });
  const panelTokens = new PanelTokens(options.clock);
  const startLimit = new StartLimiter(options.clock);
  const listener = createRouter({
    trust,
    tabs,
    toolbar,
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
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const onRemoved = (tabId: number): void => {
    tabs.close(tabId);
    toolbar.forget(tabId);
    panelTokens.forget(tabId);
    startLimit.forget(tabId);
  };
  browser.runtime.onMessage.addListener(listener);
  browser.tabs.onRemoved.addListener(onRemoved);
  const stopWelcome = openWelcomeOnInstall();
  cases.start();
  watch.start();
  return {
    db,
    trust,
    cases,
    watch,
    tabs,
    toolbar,
    listener,
    stop() {
      browser.runtime.onMessage.removeListener(listener);
      browser.tabs.onRemoved.removeListener(onRemoved);
      cases.stop();
      watch.stop();
      stopWelcome();
    },
  };
}
