/**
 * The background's one `runtime.onMessage` listener. Every message is checked twice before any
 * work: who sent it (our own extension; `content:` from a tab's top frame, `page:` from our own
 * pages) and what it holds (lib/messaging-schemas.ts). Handlers expose narrow operations —
 * scan a page (its sellers' trust, and the toolbar as a side effect) — never "fetch this URL" (STYLE.md).
 */
import { type Browser, browser } from 'wxt/browser';
import {
  type LookupResult,
  levelOf,
  type MessageType,
  type Request,
  type Response,
  type ScanResult,
  type TabState,
} from '../messaging';
import { parseEnvelope } from '../messaging-schemas';
import { platformOfUrl } from '../registry/hosts';
import type { Platform } from '../registry/seller-key';
import { loadSettings, type Settings, saveSettings } from '../settings';
import { CaseWriteRefused, type CaseWriter } from './case-writer';
import { PanelTokens } from './panel-tokens';
import { serialiser } from './serial';
import type { SiteRulesService } from './site-rules';
import { type CaseStarter, StartRejected } from './start-case';
import { StartLimiter } from './start-limit';
import { originOf, type TabPages } from './tabs';
import { Toolbar } from './toolbar';
import { recordKey, type TrustService } from './trust-cache';
import type { WatchService } from './watch';

export type MessageSender = Browser.runtime.MessageSender;
export type MessageListener = (message: unknown, sender: MessageSender) => Promise<unknown>;

export interface RouterDeps {
  trust: Pick<TrustService, 'lookup'>;
  tabs: TabPages;
  settings?: () => Promise<Settings>;
  saveSettings?: (patch: Partial<Settings>) => Promise<Settings>;
  toolbar?: Toolbar;
  /** Starting complaints and reports; without it those messages are refused (tests of trust alone). */
  cases?: {
    starter: CaseStarter;
    /** Every write a page asks for on drafts, evidence and cases. */
    writer: CaseWriter;
  };
  /** The badge panel's one-time tokens (lib/background/panel-tokens.ts). */
  panelTokens?: PanelTokens;
  /** How often one tab may start a complaint or a report (lib/background/start-limit.ts). */
  startLimit?: StartLimiter;
  /** The watch list (lib/background/watch.ts): sellers of the shopper's orders. */
  watch?: Pick<WatchService, 'remember' | 'list' | 'remove' | 'clear'>;
  /** rules (issue 12): the signed site rules in force; without it, built-ins only. */
  siteRules?: Pick<SiteRulesService, 'version' | 'forPlatform' | 'status'>;
  /**
   * Runs the content script proper in a tab's top frame (lib/background/page-script.ts). Without
   * it `content:load` answers `loaded: false` (tests of the router alone).
   */
  loadPageScript?: (tabId: number) => Promise<void>;
}

/** Who sent a message, as far as the browser vouches for it. */
type Origin =
  | { from: 'content'; tabId: number; url: string | undefined }
  /**
   * `tabId`: the tab an extension page is shown in (the badge panel framed in a marketplace tab,
   * or a page of ours opened as a tab), if any; `framed`: in a frame of that tab, not its top;
   * `path`: which of our pages.
   */
  | { from: 'page'; tabId: number | null; framed: boolean; path: string };

interface Context {
  origin: Origin;
}

type Handlers = { [T in MessageType]: (data: Request<T>, ctx: Context) => Promise<Response<T>> };

export class MessageRejected extends Error {
  override readonly name = 'MessageRejected';
}

/**
 * The sender's kind, or null for anything we do not accept. `sender.id` is set by the browser
 * and is the only proof the message comes from this extension; web pages cannot reach onMessage
 * at all without `externally_connectable`, but other extensions' content scripts are refused too.
 */
export function classifySender(sender: MessageSender): Origin | null {
  if (!sender || sender.id !== browser.runtime.id) return null;
  const extensionRoot = browser.runtime.getURL('/');
  // Our own pages (popup, options, the panel even when framed in a marketplace tab).
  if (typeof sender.url === 'string' && sender.url.startsWith(extensionRoot)) {
    const framedIn = sender.tab?.id;
    const tabId = typeof framedIn === 'number' && framedIn >= 0 ? framedIn : null;
    return {
      from: 'page',
      tabId,
      framed: tabId !== null && typeof sender.frameId === 'number' && sender.frameId > 0,
      path: new URL(sender.url).pathname,
    };
  }
  // A content script: only the top frame of a real tab (our script runs there, never in frames).
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && tabId >= 0 && sender.frameId === 0) {
    return { from: 'content', tabId, url: sender.url };
  }
  return null;
}

export function createRouter(deps: RouterDeps): MessageListener {
  const { trust, tabs } = deps;
  const toolbar = deps.toolbar ?? new Toolbar();
  const panelTokens = deps.panelTokens ?? new PanelTokens();
  const startLimit = deps.startLimit ?? new StartLimiter();
  /** Runs one start for `tabId` under the per-tab bound; a failed start gives its slot back. */
  async function limited<T>(tabId: number, start: () => Promise<T>): Promise<T> {
    const slot = startLimit.take(tabId);
    if (!slot.ok) throw new MessageRejected(slot.reason);
    try {
      return await start();
    } catch (err) {
      slot.release();
      throw err;
    }
  }
  function caseDeps(): NonNullable<RouterDeps['cases']> {
    if (!deps.cases) throw new MessageRejected('complaints are not available here');
    return deps.cases;
  }

  /** The tab's reported page, if the tab still shows it. */
  async function currentPage(tabId: number) {
    const entry = tabs.get(tabId);
    if (!entry || !(await stillOnReportedOrigin(tabId, entry.origin))) return null;
    return entry;
  }
  const readSettings = deps.settings ?? loadSettings;
  const writeSettings = deps.saveSettings ?? saveSettings;
  // Settings writes are read-modify-write of one object: two snoozes at once must not lose one,
  // nor a snooze a language change from the options page. Every settings write goes through here.
  const serialise = serialiser();

  /** A seller the shopper bought from; never delays or fails the message that told us. */
  function rememberSeller(key: string, name: string | null): void {
    deps.watch
      ?.remember(key, name)
      .catch((err: unknown) => console.warn('[An Tâm] watch list not updated', err));
  }

  async function lookupOne(key: string): Promise<LookupResult | undefined> {
    return (await trust.lookup([key]))[key];
  }
  async function lookupAll(keys: readonly string[]): Promise<Record<string, LookupResult>> {
    return keys.length > 0 ? trust.lookup(keys) : {};
  }

  const handlers: Handlers = {
    async 'content:scan'({ page, keys }, { origin }) {
      if (origin.from !== 'content') throw new MessageRejected('content messages come from tabs');
      const { tabId } = origin;
      const settings = readSettings();
      const seller = page?.sellerKey ?? null;
      const asked = seller && !keys.includes(seller) ? [...keys, seller] : keys;
      // One lookup for the whole scan (so at most one registry request), started at once except
      // on listings, whose cards get no badge, and so no lookup, when the shopper turned them off.
      const looked: Promise<Record<string, LookupResult>> =
        page?.kind === 'listing'
          ? settings.then((s) => (s.listingBadges ? lookupAll(asked) : {}))
          : lookupAll(asked);
      const entry = page ? tabs.remember(tabId, page, origin.url) : null;
      if (page?.kind === 'order' && seller) rememberSeller(seller, page.sellerName);
      if (!entry) tabs.forget(tabId);
      const [{ language, listingBadges }, results, rulesVersion] = await Promise.all([
        settings,
        looked,
        deps.siteRules?.version() ?? null,
      ]);
      // A newer scan of this tab arrived while we looked up: it owns the tab's state and toolbar.
      if (entry ? tabs.isCurrent(tabId, entry) : tabs.get(tabId) === undefined) {
        const result = seller ? (results[seller] ?? null) : null;
        if (entry) entry.result = result;
        // The badge does not wait for the toolbar button.
        toolbar
          .setTab(tabId, result ? levelOf(result) : null, language)
          .catch((err: unknown) => console.warn('[An Tâm] toolbar update failed', err));
      }
      return {
        config: { language, listingBadges, ...(rulesVersion !== null ? { rulesVersion } : {}) },
        results,
      } satisfies ScanResult;
    },

    // rules (issue 12): a marketplace's rules go only to a tab that shows that marketplace.
    async 'content:site-rules'({ platform }, { origin }) {
      if (origin.from !== 'content') throw new MessageRejected('content messages come from tabs');
      if (!isHostOf(origin.url, platform))
        throw new MessageRejected('the tab does not show this marketplace');
      return deps.siteRules ? deps.siteRules.forPlatform(platform) : { version: null, rules: null };
    },

    async 'page:site-rules'() {
      return deps.siteRules ? deps.siteRules.status() : { version: null, appliedAt: null, expiresAt: null };
    },

    async 'content:load'(_data, { origin }) {
      if (origin.from !== 'content') throw new MessageRejected('content messages come from tabs');
      // Only a genuine marketplace page gets the content script: the URL is the browser's word.
      if (!origin.url || platformOfUrl(new URL(origin.url)) === null) {
        throw new MessageRejected('not a marketplace page');
      }
      if (!deps.loadPageScript) return { loaded: false };
      await deps.loadPageScript(origin.tabId);
      return { loaded: true };
    },

    async 'page:record'({ key }) {
      const result = await lookupOne(key);
      if (!result) throw new MessageRejected('not a seller key');
      return result;
    },

    async 'page:tab-state'({ tabId }): Promise<TabState> {
      const entry = tabs.get(tabId);
      if (!entry) return { page: null, result: null };
      if (!(await stillOnReportedOrigin(tabId, entry.origin))) {
        tabs.forget(tabId);
        return { page: null, result: null };
      }
      // Looked up again rather than taken from the entry: cheap from the cache, and it carries
      // any change since (a snooze, a refreshed record).
      const key = entry.page.sellerKey;
      const result = key ? ((await lookupOne(key)) ?? null) : null;
      return { page: entry.page, result };
    },

    async 'page:snooze'({ key, snoozed, name }) {
      await serialise(async () => {
        const current = await readSettings();
        if (snoozed) {
          // Snoozed until the record changes: remember which version the shopper saw, under the
          // record's own key, so that the seller stays snoozed on every page (shop page, cards).
          const result = await lookupOne(key);
          if (result?.status !== 'found') throw new MessageRejected('no record to snooze');
          const own = recordKey(result.record);
          const label = result.record.name?.trim() || name?.trim() || null;
          const { [key]: _page, ...others } = current.snoozed;
          const { [key]: _pageName, ...names } = current.snoozedNames;
          await writeSettings({
            snoozed: { ...others, [own]: result.record.updatedAt },
            snoozedNames: label ? { ...names, [own]: label } : names,
          });
        } else {
          // Woken under every key it may be kept by: the one given, and the record's own when the
          // registry can say which it is (options pass the record's own key already).
          const result = await lookupOne(key).catch(() => undefined);
          const keys = new Set([key, ...(result?.status === 'found' ? [recordKey(result.record)] : [])]);
          const rest = Object.fromEntries(Object.entries(current.snoozed).filter(([k]) => !keys.has(k)));
          const names = Object.fromEntries(
            Object.entries(current.snoozedNames).filter(([k]) => !keys.has(k)),
          );
          await writeSettings({ snoozed: rest, snoozedNames: names });
        }
      });
      return { ok: true };
    },

    async 'content:start-complaint'({ order, capture }, { origin }) {
      if (origin.from !== 'content') throw new MessageRejected('content messages come from tabs');
      const { starter } = caseDeps();
      if (order.seller) rememberSeller(order.seller.key, order.seller.name);
      return limited(origin.tabId, () =>
        starter.fromOrder(order, capture, {
          tabId: origin.tabId,
          url: origin.url,
          // An order that names its shop only as text: the sellers this tab showed, to pick from.
          seen: order.seller ? [] : tabs.seen(origin.tabId),
        }),
      );
    },

    async 'page:start-complaint'({ tabId, orderCode }) {
      const entry = await currentPage(tabId);
      if (!entry?.page.sellerKey) throw new MessageRejected('the tab shows no seller');
      return caseDeps().starter.fromPopup(
        tabId,
        { sellerKey: entry.page.sellerKey, sellerName: entry.page.sellerName, url: null },
        orderCode,
      );
    },

    async 'page:start-report'({ tabId: asked }, { origin }) {
      // From the badge panel the tab is the one the panel is framed in, whatever the message says.
      const tabId = origin.from === 'page' && origin.tabId !== null ? origin.tabId : asked;
      if (tabId === undefined) throw new MessageRejected('no tab to report from');
      const entry = await currentPage(tabId);
      if (!entry?.page.sellerKey || !entry.page.product) {
        throw new MessageRejected('the tab shows no listing to report');
      }
      const { starter } = caseDeps();
      const page = entry.page;
      return limited(tabId, () => starter.report(tabId, page));
    },

    async 'content:panel-token'({ key, product, name }, { origin }) {
      if (origin.from !== 'content') throw new MessageRejected('content messages come from tabs');
      return { token: panelTokens.issue(origin.tabId, key, product, name ?? null) };
    },

    async 'page:redeem-panel-token'({ token, key }, { origin }) {
      // Only the panel, framed in the tab the token was issued to, may spend it. Popups, options
      // and a panel opened as a tab of its own have nothing to redeem.
      if (
        origin.from !== 'page' ||
        origin.path !== '/panel.html' ||
        !origin.framed ||
        origin.tabId === null
      ) {
        return { granted: false };
      }
      return panelTokens.redeem(token, origin.tabId, key);
    },

    async 'page:save-settings'({ patch }) {
      return serialise(() => writeSettings(patch));
    },

    async 'page:save-draft'({ draft }) {
      return caseDeps().writer.saveDraft(draft);
    },

    async 'page:delete-draft'({ draftId }) {
      await caseDeps().writer.deleteDraft(draftId);
      return { ok: true };
    },

    async 'page:add-evidence'({ owner, name, dataBase64 }) {
      return caseDeps().writer.addEvidence(owner, name, dataBase64);
    },

    async 'page:remove-evidence'({ evidenceId }) {
      await caseDeps().writer.removeEvidence(evidenceId);
      return { ok: true };
    },

    async 'page:install-key'() {
      return { installKey: await caseDeps().writer.installKey() };
    },

    async 'page:submit-case'({ draftId, request }) {
      return caseDeps().writer.submit(draftId, request);
    },

    async 'page:case-action'({ caseId, action }) {
      return caseDeps().writer.act(caseId, action);
    },

    async 'page:mark-seen'({ caseId }) {
      await caseDeps().writer.markSeen(caseId);
      return { ok: true };
    },

    async 'page:export-my-data'() {
      return caseDeps().writer.exportMyData();
    },

    async 'page:delete-my-data'() {
      const result = await caseDeps().writer.deleteMyData();
      await deps.watch?.clear();
      return result;
    },

    async 'page:watch-list'() {
      return { sellers: deps.watch ? await deps.watch.list() : [] };
    },

    async 'page:watch-remove'({ key }) {
      await deps.watch?.remove(key);
      return { ok: true };
    },
  };

  function dispatch<T extends MessageType>(type: T, data: Request<T>, ctx: Context): Promise<Response<T>> {
    return handlers[type](data, ctx);
  }

  return async (message, sender) => {
    const origin = classifySender(sender);
    if (!origin) throw new MessageRejected('message from an unknown sender');
    const parsed = parseEnvelope(message);
    if (!parsed.ok) throw new MessageRejected(parsed.error);
    const { type, data } = parsed.envelope;
    const direction = type.startsWith('content:') ? 'content' : 'page';
    if (direction !== origin.from) throw new MessageRejected(`${type} is not accepted from this sender`);
    try {
      return await dispatch(type, data, { origin });
    } catch (err) {
      if (err instanceof MessageRejected) throw err;
      if (err instanceof StartRejected || err instanceof CaseWriteRefused) {
        throw new MessageRejected(err.message);
      }
      // The sender gets a plain message; the details stay in the background's console.
      console.warn(`[An Tâm] ${type} failed`, err);
      throw new Error(`${type} failed`);
    }
  };
}

/** Whether a tab's URL is on one of the marketplace's genuine hosts. */
function isHostOf(url: string | undefined, platform: Platform): boolean {
  try {
    return url !== undefined && platformOfUrl(new URL(url)) === platform;
  } catch {
    return false;
  }
}

/**
 * Content scripts report a page when it appears and when it changes inside the page; a tab
 * that navigated off the marketplace sends nothing. `tabs.get` shows a tab's URL only where we
 * have host permission, i.e. on the marketplaces, so a different or hidden origin means the
 * report is outdated.
 */
async function stillOnReportedOrigin(tabId: number, reported: string | null): Promise<boolean> {
  try {
    const tab = await browser.tabs.get(tabId);
    return reported !== null && originOf(tab.url) === reported;
  } catch {
    return false; // the tab is gone
  }
}
