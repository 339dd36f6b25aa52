/**
 * Small helpers for the demo marketplace pages (scripts/demo/pages.ts): escaping, prices as each
 * marketplace prints them, product pictures drawn as inline SVG (no request leaves the page), and
 * the page frame with the line that says it is a demo.
 */
import type { Platform } from '../../lib/registry/seller-key';

/** Text for HTML content and attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a `<script>`: `<` escaped so that no string can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** 1290000 → "1.290.000" (Vietnamese grouping). */
export function groupVnd(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A product picture: a soft gradient, a simple shape and the product's short name, as an SVG data URL. */
export function art(hue: number, label: string, shape: number = hue): string {
  const shapes = [
    '<rect x="60" y="50" width="80" height="100" rx="14" fill="#fff" fill-opacity=".85"/>',
    '<circle cx="100" cy="95" r="48" fill="#fff" fill-opacity=".85"/>',
    '<path d="M100 40 L155 140 L45 140 Z" fill="#fff" fill-opacity=".85"/>',
    '<rect x="45" y="65" width="110" height="70" rx="35" fill="#fff" fill-opacity=".85"/>',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 70% 82%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 60% 62%)"/></linearGradient></defs><rect width="200" height="200" fill="url(#g)"/>${shapes[shape % shapes.length]}<text x="100" y="182" font-family="Arial,sans-serif" font-size="17" font-weight="700" text-anchor="middle" fill="#333">${esc(label)}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Initials of a shop name for its round avatar. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export const MARKET_NAMES: Record<Platform, string> = {
  shopee: 'Shopee',
  lazada: 'Lazada',
  tiki: 'Tiki',
  tiktok: 'TikTok Shop',
  sendo: 'Sendo',
};

export const DEMO_INDEX = 'http://demo.antam.test/';

/** Styles every demo page shares: the demo line, the reset, the picture frames. */
const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 "Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#222;background:#f5f5f5}
a{color:inherit;text-decoration:none}
img{display:block;max-width:100%}
.demo-note{background:#fffbe6;border-bottom:1px solid #f0e2a0;color:#5c4b00;font-size:12px;padding:4px 16px;text-align:center}
.demo-note a{text-decoration:underline}
.wrap{max-width:1200px;margin:0 auto;padding:0 16px}
.pic{aspect-ratio:1;width:100%;object-fit:cover;background:#eee}
.muted{color:#757575}
.strike{text-decoration:line-through;color:#929292}
.stars{color:#ee4d2d;letter-spacing:1px}
.avatar{width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px;color:#fff;flex:none}
`;

/** One complete page: the marketplace's own look (`css`), the demo line on top, then `body`. */
export function page(opts: {
  platform: Platform;
  title: string;
  css: string;
  head?: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<style>${BASE_CSS}${opts.css}</style>
${opts.head ?? ''}
</head>
<body>
<div class="demo-note" role="note">Trang mô phỏng ${esc(MARKET_NAMES[opts.platform])} để xem thử An Tâm — sản phẩm và người bán là dữ liệu mẫu. <a href="${DEMO_INDEX}">Các trang demo khác</a></div>
${opts.body}
</body>
</html>
`;
}
