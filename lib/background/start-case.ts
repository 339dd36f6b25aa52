/**
 * The background's side of starting a complaint or a report: a draft prefilled from what the
 * page showed, the capture kept as evidence, and the form opened on it. The draft goes straight
 * into Dexie; the complaint page (same extension origin) reads it from there.
 */
import { type Browser, browser } from 'wxt/browser';
import { createComplaintDraft, createReportDraft } from '../cases/drafts';
import { addEvidence } from '../cases/evidence';
import type { DraftOrderItem, DraftSeller } from '../cases/model';
import type { OrderInfo } from '../marketplaces/types';
import type { PageCapture, TabMessages } from '../messaging';
import { PageCaptureSchema } from '../messaging-schemas';
import { platformOfUrl } from '../registry/hosts';
import { type Platform, parseSellerKey } from '../registry/seller-key';
import type { AntamDb } from '../store/db';
import { draftUrl } from './notifications';
import { sanitizeCaptureHtml } from './sanitize-html';

export class StartRejected extends Error {
  override readonly name = 'StartRejected';
}

export interface StartDeps {
  db: AntamDb;
  /** A PNG data URL of the tab's visible part (tabs.captureVisibleTab), or a rejection. */
  captureScreenshot?: (tab: Browser.tabs.Tab) => Promise<string>;
  /** The content script's capture of the page ('bg:capture'), unvalidated. */
  askCapture?: (tabId: number) => Promise<unknown>;
  /** Opens the form next to the tab it was started from. */
  openTab?: (url: string, besides: Browser.tabs.Tab | undefined) => Promise<void>;
}

const defaultScreenshot = (tab: Browser.tabs.Tab): Promise<string> =>
  browser.tabs.captureVisibleTab(tab.windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });

const defaultAskCapture = (tabId: number): Promise<unknown> => {
  const message: { type: keyof TabMessages; data: Record<string, never> } = { type: 'bg:capture', data: {} };
  return browser.tabs.sendMessage(tabId, message);
};

const defaultOpenTab = async (url: string, besides: Browser.tabs.Tab | undefined): Promise<void> => {
  await browser.tabs.create({
    url,
    ...(besides?.index !== undefined ? { index: besides.index + 1 } : {}),
    ...(besides?.id !== undefined ? { openerTabId: besides.id } : {}),
    ...(besides?.windowId !== undefined ? { windowId: besides.windowId } : {}),
  });
};

/** `YYYY-MM-DD` out of the page's ISO local date or date-time, or null. */
export function orderDateOf(date: string | null): string | null {
  const m = date ? /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(date) : null;
  if (!m?.[1]) return null;
  // A real calendar day: 2024-02-30 is not a date the registry will take.
  const parsed = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === m[1] ? m[1] : null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The capture as the evidence file kept: the sanitised fragment in a minimal document that says
 * where and when it was taken (escaped: the title and URL come from the page too).
 */
export function captureDocument(capture: PageCapture): Blob {
  const when = new Date(capture.capturedAt).toISOString();
  const html =
    '<!doctype html>\n<html><head><meta charset="utf-8">' +
    `<title>${escapeHtml(capture.title)}</title></head><body>` +
    `<p data-antam-capture>${escapeHtml(capture.url)} — ${when}</p>\n` +
    `${sanitizeCaptureHtml(capture.html)}\n</body></html>\n`;
  return new Blob([html], { type: 'text/html' });
}

async function keepCapture(db: AntamDb, owner: string, raw: unknown, name: string): Promise<boolean> {
  const parsed = PageCaptureSchema.safeParse(raw);
  if (!parsed.success) return false;
  try {
    await addEvidence(db, owner, captureDocument(parsed.data), {
      name,
      source: 'page_capture',
      capturedAt: parsed.data.capturedAt,
    });
    return true;
  } catch (err) {
    // The draft is worth more than its capture: the shopper can attach photos instead.
    console.warn('[An Tâm] page capture not kept', err);
    return false;
  }
}

function dataUrlBytes(dataUrl: string): Uint8Array | null {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!m?.[1]) return null;
  const binary = atob(m[1]);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class CaseStarter {
  private readonly db: AntamDb;
  private readonly captureScreenshot: (tab: Browser.tabs.Tab) => Promise<string>;
  private readonly askCapture: (tabId: number) => Promise<unknown>;
  private readonly openTab: (url: string, besides: Browser.tabs.Tab | undefined) => Promise<void>;

  constructor(deps: StartDeps) {
    this.db = deps.db;
    this.captureScreenshot = deps.captureScreenshot ?? defaultScreenshot;
    this.askCapture = deps.askCapture ?? defaultAskCapture;
    this.openTab = deps.openTab ?? defaultOpenTab;
  }

  /** "Khiếu nại" beside an order: the order as the content script read it, its capture. */
  async fromOrder(
    order: OrderInfo,
    capture: PageCapture | null,
    source: { tabId: number; url: string | undefined; seen?: readonly DraftSeller[] },
  ): Promise<{ draftId: string }> {
    const seller = order.seller;
    const parsed = seller ? parseSellerKey(seller.key) : null;
    if (seller && !parsed) throw new StartRejected('the order names no seller the registry knows');
    // The marketplace is the page's; an order that claims a seller of another one is not believed.
    const pagePlatform = platformOfSender(source.url);
    if (parsed && pagePlatform && parsed.platform !== pagePlatform) {
      throw new StartRejected('the order names a seller of another marketplace than its page');
    }
    const platform = parsed?.platform ?? pagePlatform;
    if (!platform) throw new StartRejected('the order names no seller and its page no marketplace');
    const items: DraftOrderItem[] = order.items
      .filter((item) => item.title.trim() !== '')
      .map((item) => ({
        title: item.title.trim(),
        productId: item.productId,
        variant: item.variant,
        quantity: Math.max(1, item.quantity),
        unitPrice: item.unitPrice,
      }));
    const foreign = order.currency !== 'VND';
    const draft = await createComplaintDraft(this.db, {
      platform,
      pageUrl: source.url ?? capture?.url ?? null,
      // No seller on the page: the shopper completes it in the form (the shop's name as a hint).
      seller: seller ? { key: seller.key, name: seller.name } : { key: '', name: order.shopName ?? null },
      ...(seller
        ? {}
        : {
            sellerChoices: (source.seen ?? [])
              .filter((s) => parseSellerKey(s.key)?.platform === platform)
              .map((s) => ({ key: s.key, name: s.name })),
          }),
      order: {
        orderCode: order.orderCode.trim(),
        orderDate: orderDateOf(order.date),
        // Amounts in another currency are never đồng: kept as printed, beside empty đồng fields.
        items: foreign ? items.map((item) => ({ ...item, unitPrice: null })) : items,
        total: foreign ? null : order.total,
        status: order.status,
        ...(foreign ? { pageCurrency: order.currency, pageTotal: order.printedTotal ?? null } : {}),
      },
    });
    if (capture) await keepCapture(this.db, draft.id, capture, 'don-hang.html');
    await this.openTab(draftUrl(draft.id), await tabOrUndefined(source.tabId));
    return { draftId: draft.id };
  }

  /** From the popup: the tab's seller, a typed order code, a screenshot (else an HTML capture). */
  async fromPopup(
    tabId: number,
    page: { sellerKey: string | null; sellerName: string | null; url: string | null },
    orderCode: string,
  ): Promise<{ draftId: string }> {
    const parsed = page.sellerKey ? parseSellerKey(page.sellerKey) : null;
    if (!page.sellerKey || !parsed) throw new StartRejected('the tab shows no seller');
    const tab = await tabOrUndefined(tabId);
    const draft = await createComplaintDraft(this.db, {
      platform: parsed.platform,
      pageUrl: page.url ?? tab?.url ?? null,
      seller: { key: page.sellerKey, name: page.sellerName },
      order: { orderCode: orderCode.trim() },
    });
    // captureVisibleTab is allowed here because the popup's click granted activeTab.
    let kept = false;
    if (tab) {
      try {
        const bytes = dataUrlBytes(await this.captureScreenshot(tab));
        if (bytes) {
          await addEvidence(this.db, draft.id, new Blob([bytes as Uint8Array<ArrayBuffer>]), {
            name: 'anh-chup-man-hinh.png',
            source: 'screenshot',
          });
          kept = true;
        }
      } catch (err) {
        console.warn('[An Tâm] screenshot not taken', err);
      }
    }
    if (!kept) await keepCapture(this.db, draft.id, await this.askCaptureSafely(tabId), 'trang.html');
    await this.openTab(draftUrl(draft.id), tab);
    return { draftId: draft.id };
  }

  /** "Report suspected counterfeit" for the listing the tab shows. */
  async report(
    tabId: number,
    page: {
      sellerKey: string | null;
      sellerName: string | null;
      product?: { title: string | null; price: number | null; url: string } | null | undefined;
    },
  ): Promise<{ draftId: string }> {
    const parsed = page.sellerKey ? parseSellerKey(page.sellerKey) : null;
    if (!page.sellerKey || !parsed) throw new StartRejected('the tab shows no seller');
    if (!page.product) throw new StartRejected('the tab shows no listing to report');
    const draft = await createReportDraft(this.db, {
      platform: parsed.platform,
      pageUrl: page.product.url,
      seller: { key: page.sellerKey, name: page.sellerName },
      listing: { url: page.product.url, title: page.product.title ?? '', price: page.product.price },
    });
    await keepCapture(this.db, draft.id, await this.askCaptureSafely(tabId), 'san-pham.html');
    await this.openTab(draftUrl(draft.id), await tabOrUndefined(tabId));
    return { draftId: draft.id };
  }

  private async askCaptureSafely(tabId: number): Promise<unknown> {
    try {
      return await this.askCapture(tabId);
    } catch {
      return null; // no content script there (any more): no capture
    }
  }
}

/** The marketplace of the page a message came from, by its exact host. */
function platformOfSender(url: string | undefined): Platform | null {
  if (!url) return null;
  try {
    return platformOfUrl(new URL(url));
  } catch {
    return null;
  }
}

async function tabOrUndefined(tabId: number): Promise<Browser.tabs.Tab | undefined> {
  try {
    return await browser.tabs.get(tabId);
  } catch {
    return undefined;
  }
}
