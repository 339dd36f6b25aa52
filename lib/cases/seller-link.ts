/**
 * The seller of a complaint whose order page named none, completed by the shopper: a link to the
 * shop (or, on Shopee, to one of its products, whose URL carries the shop id) read by the
 * marketplace's own URL grammar (lib/marketplaces `detect`), on the marketplace of the order. Pure:
 * nothing is fetched, and the link is never opened.
 */
import { marketplaceForUrl } from '../marketplaces';
import { aliasKey, isNumericSellerId, normaliseSlug, type Platform, sellerKey } from '../registry/seller-key';

export type SellerLink =
  | { ok: true; key: string }
  /** `url`: not a link; `platform`: a link to another marketplace (or a lookalike host); `shop`: not a shop's page. */
  | { ok: false; problem: 'url' | 'platform' | 'shop' };

/** Links are pasted with or without their scheme ("shopee.vn/shop/123"). */
function urlOf(text: string): URL | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function sellerFromLink(text: string, platform: Platform): SellerLink {
  const url = urlOf(text);
  if (!url) return { ok: false, problem: 'url' };
  const market = marketplaceForUrl(url);
  if (!market || market.platform !== platform) return { ok: false, problem: 'platform' };
  const d = market.detect(url);
  if (d.kind !== 'shop' && d.kind !== 'product') return { ok: false, problem: 'shop' };
  if (d.sellerId && isNumericSellerId(d.sellerId)) return { ok: true, key: sellerKey(platform, d.sellerId) };
  if (d.kind === 'shop' && d.slug && normaliseSlug(d.slug))
    return { ok: true, key: aliasKey(platform, d.slug) };
  return { ok: false, problem: 'shop' };
}
