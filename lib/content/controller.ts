/**
 * What the content script does on a marketplace page: recognise it (lib/marketplaces), tell the
 * background the page and ask about its sellers in one message per scan (so at most one registry
 * request, and the toolbar follows in the background), and keep a badge beside each seller as the
 * page renders, re-renders and navigates. Each feature (badges, the order button, the panel, the
 * page watcher) has its own life (lib/content/lifecycle.ts): derived from the content script's
 * signal and ended on navigation. Pure DOM, no React, no zod; it trusts only the background.
 * Every entry point catches its errors: nothing of ours may reach the page's console or break it.
 */
import { marketplaceForUrl } from '../marketplaces';
import { withRules } from '../marketplaces/rules';
import type { Extraction, Marketplace, OrderInfo } from '../marketplaces/types';
import type {
  ContentConfig,
  ContentSiteRules,
  LookupResult,
  PageCapture,
  PageReport,
  Request,
  Response,
} from '../messaging';
import { Badges, type Placement } from './badges';
import { blockAround, captureElement } from './capture';
import { OrderButton } from './complain';
import { Lifecycle, observeUntil, timeoutUntil } from './lifecycle';
import { PanelController } from './panel';

export type Send = <
  T extends 'content:scan' | 'content:start-complaint' | 'content:panel-token' | 'content:site-rules',
>(
  type: T,
  data: Request<T>,
) => Promise<Response<T>>;

const SCAN_DELAY_MS = 150;
const UNAVAILABLE_RETRY_MS = 30_000;
/** Until the background first answers: neutral badges in the default language. */
const DEFAULT_CONFIG: ContentConfig = { language: 'vi', listingBadges: true };
const UNAVAILABLE: LookupResult = { status: 'unavailable' };

export class PageController {
  private config: ContentConfig = DEFAULT_CONFIG;
  private configLoaded = false;
  private readonly results = new Map<string, { result: LookupResult; at: number }>();
  readonly badges: Badges;
  readonly orderButton: OrderButton;
  readonly panel: PanelController;
  /** Watching the page for re-renders, and the scan timer: only while the page is one of ours. */
  readonly watcher: Lifecycle;
  private scanPending = false;
  private observing = false;
  private scanning = false;
  private rescan = false;
  /** The page as last told to the background (JSON), so that an unchanged page is not retold. */
  private reported: string | null = null;
  /** The kind of page the last scan saw: the panel offers a counterfeit report on products. */
  private pageKind: Extraction['kind'] = 'unknown';
  /** rules (issue 12): the background's site rules for this marketplace, asked once per version. */
  private siteRules: { platform: string; rules: ContentSiteRules } | null = null;
  private rulesAskedFor: number | null | undefined;

  constructor(
    private readonly doc: Document,
    private readonly currentUrl: () => URL,
    private readonly send: Send,
    private readonly signal: AbortSignal,
  ) {
    this.badges = new Badges(doc, signal, (key, p, badge) =>
      this.panel.toggle(key, this.pageKind === 'product' && p.mode !== 'inside', { name: p.name, badge }),
    );
    this.orderButton = new OrderButton(doc, signal);
    this.panel = new PanelController(doc, signal, async (key, product, name) => {
      const answer = await this.send('content:panel-token', { key, product, name });
      return typeof answer?.token === 'string' ? answer.token : null;
    });
    this.watcher = new Lifecycle(signal, () => {
      this.scanPending = false;
      this.observing = false;
    });
  }

  async start(): Promise<void> {
    await this.scan();
  }

  /** SPA navigation: every feature of the old page ends; the new page is scanned afresh. */
  onLocationChange(): void {
    this.endFeatures();
    this.watcher.end();
    this.schedule(0);
  }

  private endFeatures(): void {
    this.badges.life.end();
    this.orderButton.life.end();
    this.panel.life.end();
  }

  /**
   * Watches the DOM only while the page is one of ours: on every other page of a marketplace
   * (cart, account, home) the content script waits for a navigation and does nothing else.
   */
  private watch(): void {
    const signal = this.watcher.signal;
    if (this.observing) return;
    this.observing = true;
    observeUntil(signal, this.doc.documentElement, { childList: true, subtree: true }, (records) => {
      if (records.some((r) => !isOurs(r))) this.schedule();
    });
  }

  /** One batched scan for any number of DOM changes within SCAN_DELAY_MS. */
  private schedule(delay = SCAN_DELAY_MS): void {
    const signal = this.watcher.signal;
    if (signal.aborted || this.scanPending) return;
    this.scanPending = true;
    timeoutUntil(
      signal,
      () => {
        this.scanPending = false;
        return this.scan();
      },
      delay,
    );
  }

  async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      await this.scanOnce();
    } catch {
      // A page we do not understand: stay silent.
    } finally {
      this.scanning = false;
      if (this.rescan && !this.signal.aborted) {
        this.rescan = false;
        this.schedule();
      }
    }
  }

  private async scanOnce(): Promise<void> {
    const url = this.currentUrl();
    const found = marketplaceForUrl(url);
    // rules (issue 12): the module as the site rules say; one switched off is none of ours.
    const market = found ? await this.ruled(found) : null;
    const kind = market?.detect(url).kind ?? 'other';
    if (!market || kind === 'other') {
      this.pageKind = 'unknown';
      this.watcher.end();
      this.badges.life.end();
      this.orderButton.life.end();
      // One message, so that the toolbar forgets the previous page's seller.
      await this.ask(null, []);
      return;
    }
    this.watch();
    // The page this scan belongs to: a navigation while we ask ends it, and the answer is dropped.
    const page = this.badges.life.signal;
    const extraction = market.extract(this.doc, url);
    this.pageKind = extraction.kind;
    const placements = this.placements(extraction, this.config);
    this.badges.dropFixed(placements);
    const fresh = this.badges.missing(placements);
    if (fresh.length > 0) mark('antam:seller-known');
    const rulesVersion = this.siteRules?.rules.version ?? null;
    await this.ask(
      pageReport(market, extraction),
      placements.map((p) => p.key),
    );
    if (page.aborted || this.currentUrl().href !== url.href) return;
    const inForce = this.config.rulesVersion ?? null;
    if (this.configLoaded && inForce !== rulesVersion && this.rulesAskedFor !== inForce) {
      // Other site rules are in force in the background: read the page again by them (once per
      // version, so that a background that cannot answer the rules never makes a loop).
      this.rulesAskedFor = inForce;
      this.siteRules = null;
      this.rescan = true;
      return;
    }
    const resultOf = (key: string) => this.results.get(key)?.result;
    this.badges.refresh(resultOf, this.config);
    // The first answer may have turned listing badges off.
    const shown = extraction.kind === 'listing' && !this.config.listingBadges ? [] : fresh;
    this.badges.place(shown, (key) => resultOf(key) ?? UNAVAILABLE, this.config);
    if (shown.length > 0) mark('antam:badges-shown');
    if (extraction.kind === 'order') this.showOrderButton(extraction.order, extraction.anchor);
    else this.orderButton.life.end();
  }

  /**
   * rules (issue 12): the marketplace module as the background's site rules say, asked for once
   * (and again when the background's version changes); built-ins when the background cannot say.
   */
  private async ruled(market: Marketplace): Promise<Marketplace> {
    if (this.siteRules?.platform !== market.platform) {
      let rules: ContentSiteRules = { version: null, rules: null };
      try {
        const answer = await this.send('content:site-rules', { platform: market.platform });
        if (answer && typeof answer === 'object' && 'rules' in answer) rules = answer;
      } catch {
        // Background unreachable: built-ins, asked again at the next version change.
      }
      this.siteRules = { platform: market.platform, rules };
    }
    return withRules(market, this.siteRules.rules.rules);
  }

  /**
   * The one message of a scan: the page (when it changed) and the sellers not known yet, or not
   * sent at all when there is neither (a re-render that brought no new seller).
   */
  private async ask(page: PageReport | null, keys: readonly string[]): Promise<void> {
    const now = Date.now();
    const missing = [...new Set(keys)].filter((k) => {
      const known = this.results.get(k);
      return !known || (known.result.status === 'unavailable' && now - known.at > UNAVAILABLE_RETRY_MS);
    });
    const text = JSON.stringify(page);
    if (this.configLoaded && text === this.reported && missing.length === 0) return;
    this.reported = text;
    let results: Record<string, LookupResult> = {};
    try {
      const answer = await this.send('content:scan', { page, keys: missing });
      this.config = answer.config;
      this.configLoaded = true;
      // Listing badges off: the cards were not looked up, and are not "unavailable" either.
      if (page?.kind === 'listing' && !answer.config.listingBadges) return;
      results = answer.results;
    } catch {
      // Background unreachable (extension updating): neutral badges; the page is told again.
      this.reported = null;
    }
    for (const k of missing) this.results.set(k, { result: results[k] ?? UNAVAILABLE, at: now });
  }

  /**
   * The "Khiếu nại" button beside the order, inserted once per order: after the seller's badge
   * when there is one, else after the seller's (or shop's) name, else after the order code. An
   * order whose seller the page names only as text gets the button too: the shopper completes
   * the seller in the form.
   */
  private showOrderButton(order: OrderInfo, anchor: Element | null): void {
    const after = (anchor && this.badges.at(anchor)) ?? anchor ?? textElement(this.doc, order.orderCode);
    this.orderButton.show(order.orderCode, after, this.config.language, () => this.startComplaint(order));
  }

  /**
   * Captures the order as the shopper sees it now and asks the background for a prefilled draft;
   * true once the complaint page is opening. A failed capture never blocks the complaint.
   */
  private async startComplaint(seen: OrderInfo): Promise<boolean> {
    let order = seen;
    let capture: PageCapture | null = null;
    try {
      const fresh = this.extract();
      if (
        fresh?.kind === 'order' &&
        fresh.order.orderCode === seen.orderCode &&
        (fresh.order.seller !== null || seen.seller === null)
      ) {
        order = fresh.order;
      }
      capture = this.captureOf(fresh);
    } catch {
      capture = null;
    }
    const res = await this.send('content:start-complaint', { order, capture });
    return typeof res?.draftId === 'string' && res.draftId.length > 0;
  }

  /** The current page's order or product block as evidence, or null on other pages. */
  capture(): PageCapture | null {
    return this.captureOf(this.extract());
  }

  private extract(): Extraction | null {
    const url = this.currentUrl();
    const market = marketplaceForUrl(url);
    if (!market) return null;
    const rules = this.siteRules?.platform === market.platform ? this.siteRules.rules.rules : null;
    return withRules(market, rules).extract(this.doc, url);
  }

  private captureOf(ex: Extraction | null): PageCapture | null {
    let block: Element | null;
    if (ex?.kind === 'order') {
      const { orderCode, items } = ex.order;
      // Titles may be cut differently on the page and in the extraction: their start suffices.
      const needles = [orderCode, ...items.map((i) => i.title.slice(0, 40))];
      block = blockAround(this.doc, ex.anchor ?? textElement(this.doc, orderCode), needles);
    } else if (ex?.kind === 'product') {
      block = blockAround(this.doc, ex.anchor, ex.product.title ? [ex.product.title.slice(0, 60)] : []);
    } else return null;
    if (!block) return null;
    return captureElement(block, {
      url: this.currentUrl().href,
      title: this.doc.title,
      capturedAt: Date.now(),
      language: this.config.language,
    });
  }

  private placements(ex: Extraction, config: ContentConfig): Placement[] {
    switch (ex.kind) {
      case 'product':
      case 'shop':
        if (ex.anchor)
          return [{ target: ex.anchor, mode: 'after', key: ex.seller.key, name: ex.seller.name }];
        // The seller is known but the page shows it nowhere yet (server HTML before the app
        // renders): a badge at a fixed spot, replaced by one beside the seller once it renders.
        return this.doc.body
          ? [{ target: this.doc.body, mode: 'fixed', key: ex.seller.key, name: ex.seller.name }]
          : [];
      case 'order':
        return ex.anchor && ex.order.seller
          ? [{ target: ex.anchor, mode: 'after', key: ex.order.seller.key, name: ex.order.seller.name }]
          : [];
      case 'listing':
        // Before the first answer the setting is not known: the background leaves the cards
        // unlooked-up when listing badges are off, and no badge is placed.
        if (!config.listingBadges) return [];
        return ex.cards.map((c) => ({
          target: c.element,
          mode: 'inside',
          key: c.seller.key,
          name: c.seller.name,
        }));
      default:
        return [];
    }
  }
}

function pageReport(market: Marketplace, ex: Extraction): PageReport | null {
  switch (ex.kind) {
    case 'product':
      return {
        platform: market.platform,
        kind: 'product',
        sellerKey: ex.seller.key,
        sellerName: ex.seller.name,
        product: { id: ex.product.id, title: ex.product.title, price: ex.product.price, url: ex.product.url },
      };
    case 'shop':
      return {
        platform: market.platform,
        kind: 'shop',
        sellerKey: ex.seller.key,
        sellerName: ex.seller.name,
      };
    case 'order':
      return {
        platform: market.platform,
        kind: 'order',
        sellerKey: ex.order.seller?.key ?? null,
        sellerName: ex.order.seller?.name ?? null,
      };
    case 'listing':
      return { platform: market.platform, kind: 'listing', sellerKey: null, sellerName: null };
    default:
      return null;
  }
}

/**
 * User-timing marks (visible to the benchmark in the page's performance timeline; cheap, and
 * nothing the page renders).
 */
function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // not available: nothing to measure
  }
}

const OURS = new Set(['ANTAM-BADGE', 'ANTAM-PANEL', 'ANTAM-COMPLAIN']);

/** Mutations made by our own badges, button and panel are not page changes. */
function isOurs(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => OURS.has(n.nodeName));
}

/** The innermost element whose own text mentions `text` (the order code's line). */
function textElement(doc: Document, text: string): Element | null {
  if (!doc.body) return null;
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el && el.tagName !== 'SCRIPT' && el.tagName !== 'STYLE' && n.textContent?.includes(text)) return el;
  }
  return null;
}
