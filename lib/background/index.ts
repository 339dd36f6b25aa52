/**
 * Wiring of the background: one database, one trust service, one message listener, and the tab
 * bookkeeping. Listeners are added synchronously: a service worker woken by an event must have
 * its listeners in place before its first turn ends.
 */
import { browser } from 'wxt/browser';
import { AntamDb } from '../store/db';
import { createRouter, type MessageListener } from './router';
import { TabPages } from './tabs';
import { TrustService, type TrustServiceOptions } from './trust-cache';

export interface Background {
  db: AntamDb;
  trust: TrustService;
  tabs: TabPages;
  listener: MessageListener;
  /** Removes the listeners (tests). */
  stop(): void;
}

export type BackgroundOptions = Partial<TrustServiceOptions>;

export function startBackground(options: BackgroundOptions = {}): Background {
  const db = options.db ?? new AntamDb();
  const trust = new TrustService({ ...options, db });
  const tabs = new TabPages();
  const listener = createRouter({ trust, tabs, ...(options.settings ? { settings: options.settings } : {}) });
  const onRemoved = (tabId: number): void => tabs.forget(tabId);
  browser.runtime.onMessage.addListener(listener);
  browser.tabs.onRemoved.addListener(onRemoved);
  return {
    db,
    trust,
    tabs,
    listener,
    stop() {
      browser.runtime.onMessage.removeListener(listener);
      browser.tabs.onRemoved.removeListener(onRemoved);
    },
  };
}
