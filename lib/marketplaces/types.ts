import type { Platform, SellerKey } from '../registry/seller-key';

export type PageKind = 'product' | 'shop' | 'listing' | 'order' | 'other';

/** What the URL alone says about a page. Ids are the marketplace's own, as strings. */
export interface Detection {
  kind: PageKind;
  sellerId?: string;
  slug?: string;
  productId?: string;
  orderId?: string;
}

export interface SellerRef {
  key: SellerKey;
  /** Display name as the page prints it: plain text, never markup. */
  name: string | null;
}

export interface ListingCard {
  /** The card element; a badge goes inside it. */
  element: Element;
  seller: SellerRef;
  productId: string | null;
}

export interface OrderItem {
  title: string;
  productId: string | null;
  variant: string | null;
  quantity: number;
  /** VND, integer. */
  unitPrice: number | null;
}

export interface OrderInfo {
  /** The order number the marketplace shows the buyer (what TrustON looks an order up by). */
  orderCode: string;
  /** ISO 8601 local time: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]`. */
  date: string | null;
  seller: SellerRef | null;
  items: OrderItem[];
  /** VND, integer: what the buyer paid. */
  total: number | null;
  status: string | null;
  /** 'VND', or the ISO code of the currency the page printed its amounts in. */
  currency: 'VND' | string;
  /**
   * The shop's name as the page prints it, when the page names the shop only as text (no link
   * or id to make a seller key of): the shopper completes the seller in the form.
   */
  shopName?: string;
  /** The total as printed, when it is not in đồng (then `total` is null: never read as đồng). */
  printedTotal?: string;
}

export type Extraction =
  | {
      kind: 'product';
      seller: SellerRef;
      /** The element next to which a badge goes (seller name block or link). */
      anchor: Element | null;
      product: { id: string; title: string | null; price: number | null; url: string };
    }
  | { kind: 'shop'; seller: SellerRef; anchor: Element | null }
  | { kind: 'listing'; cards: ListingCard[] }
  | { kind: 'order'; order: OrderInfo; anchor: Element | null }
  | { kind: 'unknown' };

export interface Marketplace {
  platform: Platform;
  /** Exact genuine hosts; lookalikes never match. */
  hosts: readonly string[];
  /** Content-script match patterns. `*://` so that end-to-end tests can serve pages over http. */
  matches: readonly string[];
  /** Pure, URL only. */
  detect(url: URL): Detection;
  /** Never throws: anything not understood yields `{ kind: 'unknown' }`. */
  extract(doc: Document, url: URL): Extraction;
}
