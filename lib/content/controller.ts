/**
 * What the content script does on a marketplace page: recognise it (lib/marketplaces), ask the
 * background about its sellers (one message per scan, so at most one registry request), and keep
 * a badge beside each seller as the page renders, re-renders and navigates. Pure DOM, no React, no
 * zod; it trusts only the background. Every entry point catches its errors: nothing of ours may
 * reach the page's console or break it.
 */
import { marketplaceForUrl } from '../marketplaces';
import type { Extraction, Marketplace, OrderInfo } from '../marketplaces/types';
import type { ContentConfig, LookupResult, PageCapture, PageReport, Request, Response } from '../messaging';
import { levelOf } from '../messaging';
import { BADGE_TAG, type BadgeElement, createBadge, setBadgeState } from './badge';
import { blockAround, captureElement } from './capture';
import { COMPLAIN_TAG, type ComplainElement, createComplainButton } from './complain';
import { PanelController } from './panel';

export type Send = <
  T extends 'content:lookup' | 'content:page' | 'content:config' | 'content:start-complaint',
>(
  type: T,
  data: Request<T>,
) => Promise<Response<T>>;

const SCAN_DELAY_MS = 150;
const UNAVAILABLE_RETRY_MS = 30_000;
const DEFAULT_CONFIG: ContentConfig = { language: 'vi', listingBadges: true };

interface Placement {
  /** Where the badge goes: after an anchor (a seller name), or inside a card. */
  target: Element;
  mode: 'after' | 'inside';
  key: string;
}

export class PageController {
  private config: ContentConfig = DEFAULT_CONFIG;
  private readonly badges = new Map<Element, BadgeElement>();
  private readonly results = new Map<string, { result: LookupResult; at: number }>();
  private readonly panel: PanelController;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning = false;
  private rescan = false;
  private reported = '';
  private observer: MutationObserver | undefined;
  private complain: ComplainElement | null = null;
  /** The kind of page the last scan saw: the panel offers a counterfeit report on products. */
  private pageKind: Extraction['kind'] = 'unknown';

  constructor(
    private readonly doc: Document,
    private readonly currentUrl: () => URL,
    private readonly send: Send,
    private readonly signal: AbortSignal,
  ) {
    this.panel = new PanelController(doc, signal);
    signal.addEventListener('abort', () => this.stop());
  }

  private configLoaded = false;

  async start(): Promise<void> {
    await this.scan();
  }

  /**
   * Watches the DOM only while the page is one of ours: on every other page of a marketplace
   * (cart, account, home) the content script waits for a navigation and does nothing else.
   */
  private watch(on: boolean): void {
    if (!on) {
      this.observer?.disconnect();
      this.observer = undefined;
      return;
    }
    if (this.observer || this.signal.aborted) return;
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !isOurs(r))) this.schedule();
    });
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
  }

  private async loadConfig(): Promise<void> {
    if (this.configLoaded) return;
    this.configLoaded = true;
    try {
      this.config = await this.send('content:config', {});
    } catch {
      // Background unreachable (extension updating): defaults still give neutral badges.
    }
  }

  /** SPA navigation: the old page's badges and panel go; the new page is scanned. */
  onLocationChange(): void {
    this.clearBadges();
    this.removeComplain();
    this.panel.close();
    this.schedule(0);
  }

  stop(): void {
    this.observer?.disconnect();
    if (this.scanTimer) clearTimeout(this.scanTimer);
    this.clearBadges();
    this.removeComplain();
  }

  /** One batched scan for any number of DOM changes within SCAN_DELAY_MS. */
  private schedule(delay = SCAN_DELAY_MS): void {
    if (this.signal.aborted || this.scanTimer) return;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      void this.scan();
    }, delay);
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
    const market = marketplaceForUrl(url);
    const kind = market?.detect(url).kind ?? 'other';
    if (!market || kind === 'other') {
      this.pageKind = 'unknown';
      this.watch(false);
      this.clearBadges();
      this.removeComplain();
      // One message, so that the toolbar forgets the previous page's seller.
      await this.report(null);
      return;
    }
    this.watch(true);
    await this.loadConfig();
    const extraction = market.extract(this.doc, url);
    this.pageKind = extraction.kind;
    const placements = this.placements(extraction);
    await this.report(pageReport(market, extraction));
    for (const [target, badge] of this.badges) {
      if (!badge.isConnected || !target.isConnected) this.badges.delete(target);
    }
    const fresh = placements.filter((p) => !this.badges.get(p.target)?.isConnected);
    if (fresh.length > 0) mark('antam:seller-known');
    // Ask first, then insert each badge once in its final state: every insertion or change of a
    // badge costs the page a style and layout pass, which on a heavy page is the main cost we add.
    await this.refreshResults(placements.map((p) => p.key));
    if (this.signal.aborted || this.currentUrl().href !== url.href) return;
    for (const p of fresh) this.place(p);
    if (fresh.length > 0) mark('antam:badges-shown');
    if (extraction.kind === 'order') this.placeComplain(extraction.order, extraction.anchor);
    else this.removeComplain();
  }

  /**
   * The "Khiếu nại" button beside the order, inserted once per order: after the seller's badge
   * when there is one, else after the seller's name, else after the order code. A complaint needs
   * a seller, so an order whose seller the page does not show gets no button.
   */
  private placeComplain(order: OrderInfo, anchor: Element | null): void {
    if (!order.seller) {
      this.removeComplain();
      return;
    }
    if (this.complain?.isConnected && this.complain.antamOrder === order.orderCode) return;
    this.removeComplain();
    const after = (anchor && this.badges.get(anchor)) ?? anchor ?? textElement(this.doc, order.orderCode);
    if (!after?.parentNode) return;
    const button = createComplainButton(this.doc, order.orderCode, this.config.language, () =>
      this.startComplaint(order),
    );
    after.insertAdjacentElement('afterend', button);
    this.complain = button;
  }

  private removeComplain(): void {
    this.complain?.remove();
    this.complain = null;
    for (const stray of this.doc.querySelectorAll(COMPLAIN_TAG)) stray.remove();
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
      if (fresh?.kind === 'order' && fresh.order.orderCode === seen.orderCode && fresh.order.seller) {
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
    return market ? market.extract(this.doc, url) : null;
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

  private placements(ex: Extraction): Placement[] {
    switch (ex.kind) {
      case 'product':
      case 'shop':
        return ex.anchor ? [{ target: ex.anchor, mode: 'after', key: ex.seller.key }] : [];
      case 'order':
        return ex.anchor && ex.order.seller
          ? [{ target: ex.anchor, mode: 'after', key: ex.order.seller.key }]
          : [];
      case 'listing':
        if (!this.config.listingBadges) return [];
        return ex.cards.map((c) => ({ target: c.element, mode: 'inside', key: c.seller.key }));
      default:
        return [];
    }
  }

  private place(p: Placement): void {
    const existing = this.badges.get(p.target);
    if (existing?.isConnected && existing.antamKey === p.key) return;
    existing?.remove();
    const badge = createBadge(this.doc, p.key, (b) => {
      if (b.antamKey) this.panel.toggle(b.antamKey, this.pageKind === 'product' && p.mode === 'after');
    });
    const known = this.results.get(p.key)?.result ?? { status: 'unavailable' };
    badge.hidden = known.status === 'found' && known.snoozed;
    setBadgeState(badge, levelOf(known), this.config.language);
    if (p.mode === 'after') p.target.insertAdjacentElement('afterend', badge);
    else p.target.append(badge);
    this.badges.set(p.target, badge);
  }

  private async refreshResults(keys: string[]): Promise<void> {
    const now = Date.now();
    const missing = [...new Set(keys)].filter((k) => {
      const known = this.results.get(k);
      return !known || (known.result.status === 'unavailable' && now - known.at > UNAVAILABLE_RETRY_MS);
    });
    if (missing.length > 0) {
      let results: Record<string, LookupResult>;
      try {
        results = (await this.send('content:lookup', { keys: missing })).results;
      } catch {
        results = {};
      }
      for (const k of missing)
        this.results.set(k, { result: results[k] ?? { status: 'unavailable' }, at: now });
    }
    if (this.signal.aborted) return;
    for (const badge of this.badges.values()) {
      const known = badge.antamKey ? this.results.get(badge.antamKey) : undefined;
      if (!known) continue;
      // A snoozed seller's badge steps aside until its record changes.
      const hidden = known.result.status === 'found' && known.result.snoozed;
      if (badge.hidden !== hidden) badge.hidden = hidden;
      setBadgeState(badge, levelOf(known.result), this.config.language);
    }
  }

  private async report(page: PageReport | null): Promise<void> {
    const text = JSON.stringify(page);
    if (text === this.reported) return;
    this.reported = text;
    try {
      await this.send('content:page', { page });
    } catch {
      this.reported = '';
    }
  }

  private clearBadges(): void {
    for (const badge of this.badges.values()) badge.remove();
    this.badges.clear();
    for (const stray of this.doc.querySelectorAll(BADGE_TAG)) stray.remove();
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
