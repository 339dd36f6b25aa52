/**
 * The demo's own marketplace pages: a believable Vietnamese page of every marketplace and page
 * kind (product, shop, listing, order), styled inline, with prices in đồng and nothing fetched from
 * outside. Each page carries the same markup features the extension's real extractors read on the
 * live sites (lib/marketplaces: JSON-LD and `.page-product__shop` on Shopee, `__moduleData__` and
 * `window.pageData` on Lazada, `__NEXT_DATA__` on Tiki, `__MODERN_ROUTER_DATA__` on TikTok Shop,
 * the product payload's `shop_info` on Sendo, the Vietnamese labels of order pages), and its
 * sellers are the demo sellers of server/demo/data.ts, so every page gets badges of varied levels.
 * Sendo has no order page: the extension reads none there (no buyer order page was found in public
 * code, see lib/marketplaces/sendo.ts).
 */
import type { PageKind } from '../../lib/marketplaces/types';
import type { Level } from '../../lib/registry/schemas';
import type { Platform } from '../../lib/registry/seller-key';
import type { DemoSeller } from '../../server/demo/data';
import { type DemoProduct, demoSeller, inventedSellers, productsOf } from './catalog';
import { art, esc, groupVnd, initials, page, scriptJson } from './html';

export interface DemoPage {
  url: string;
  platform: Platform;
  kind: Exclude<PageKind, 'other'>;
  /** The index's words for it. */
  title: string;
  html: string;
  /** The badges the page must get, in document order: the seller key the extension reads, and its level. */
  badges: { key: string; level: Level; name: string | null }[];
}

const badge = (s: DemoSeller, viaSlug = false) => ({
  key: viaSlug && s.slug ? `${s.platform}:@${s.slug}` : `${s.platform}:${s.sellerId}`,
  level: s.intendedLevel,
  name: s.name,
});

const first = (s: DemoSeller): DemoProduct => {
  const p = productsOf(s.platform, s.sellerId)[0];
  if (!p) throw new Error('no product');
  return p;
};

const stars = (r: number) => `<span class="stars" aria-label="${r.toFixed(1)} sao">★★★★★</span>`;

// ---------------------------------------------------------------------------------------------
// Shopee: orange header, `.page-product__shop` seller block, JSON-LD Product, `li[data-sqe=item]`.

const SHOPEE_CSS = `
.sp-head{background:linear-gradient(-180deg,#f53d2d,#f63);color:#fff}
.sp-head .wrap{display:flex;align-items:center;gap:32px;height:84px}
.sp-logo{font-size:30px;font-weight:700;letter-spacing:-1px}
.sp-search{flex:1;display:flex;background:#fff;border-radius:2px;padding:3px}
.sp-search input{flex:1;border:0;padding:8px 10px;font:inherit}
.sp-search button{background:#fb5533;color:#fff;border:0;padding:0 22px;border-radius:2px}
.sp-top{font-size:13px;display:flex;gap:16px;padding-top:6px;opacity:.95}
.sp-box{background:#fff;border-radius:3px;box-shadow:0 1px 1px rgba(0,0,0,.05);margin-top:16px;padding:20px}
.sp-pdp{display:grid;grid-template-columns:420px 1fr;gap:32px}
.sp-title{font-size:20px;font-weight:500;margin:0 0 10px}
.sp-meta{display:flex;gap:16px;color:#555;align-items:center}
.sp-price{background:#fafafa;padding:16px 20px;margin:16px 0;display:flex;gap:12px;align-items:baseline}
.sp-price b{color:#ee4d2d;font-size:30px;font-weight:500}
.sp-off{background:#ee4d2d;color:#fff;font-size:12px;font-weight:700;padding:1px 4px;border-radius:2px}
.sp-row{display:flex;gap:24px;margin:14px 0;color:#757575}
.sp-row span:last-child{color:#222}
.sp-btns{display:flex;gap:16px;margin-top:24px}
.sp-btn{border:1px solid #ee4d2d;background:#ffeee8;color:#ee4d2d;padding:12px 20px;border-radius:2px;font:inherit}
.sp-btn.buy{background:#ee4d2d;color:#fff}
.page-product__shop{display:flex;gap:16px;align-items:center}
.sp-shopname{font-size:16px;font-weight:500;display:inline-block;margin-right:8px}
.sp-shopbtn{border:1px solid #ee4d2d;color:#ee4d2d;padding:4px 12px;border-radius:2px;font-size:13px;display:inline-block;margin-top:6px}
.sp-stats{display:grid;grid-template-columns:repeat(3,auto);gap:6px 32px;color:#757575;margin-left:auto;font-size:13px}
.sp-stats b{color:#ee4d2d;font-weight:500}
.sp-grid{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
.sp-card{background:#fff;border:1px solid #eee;border-radius:2px;overflow:hidden;position:relative}
.sp-card a{display:block}
.sp-card .t{padding:8px 8px 0;height:48px;overflow:hidden;font-size:13px}
.sp-card .p{padding:4px 8px 8px;display:flex;justify-content:space-between;align-items:baseline}
.sp-card .p b{color:#ee4d2d;font-weight:500;font-size:16px}
.sp-card .p span{font-size:12px;color:#757575}
.sp-card antam-badge{margin:0 8px 8px}
.sp-mall{position:absolute;top:8px;left:-3px;background:#d0011b;color:#fff;font-size:11px;padding:0 5px;border-radius:0 2px 2px 0}
.shop-page__info{display:flex;gap:24px;align-items:center;background:linear-gradient(90deg,#2d2d2d,#4a4a4a);color:#fff;border-radius:3px;padding:24px}
.section-seller-overview-horizontal__portrait-name{font-size:20px;font-weight:600;display:inline-block;margin-right:8px}
.sp-tabs{display:flex;gap:36px;background:#fff;padding:14px 20px;margin-top:16px;font-size:15px}
.sp-tabs .on{color:#ee4d2d;border-bottom:2px solid #ee4d2d;padding-bottom:10px}
.sp-order-head{display:flex;justify-content:space-between;align-items:center;border-bottom:1px dotted #ddd;padding-bottom:14px}
.sp-order-head .st{color:#ee4d2d;text-transform:uppercase}
.stepper{display:flex;justify-content:space-between;padding:28px 40px 8px;text-align:center}
.stepper__step{flex:1}
.stepper__step-icon{width:56px;height:56px;border-radius:50%;border:4px solid #2dc258;margin:0 auto 10px;color:#2dc258;font-size:22px;line-height:48px}
.stepper__step-date{color:#757575;font-size:12px}
.sp-line{display:flex;gap:12px;align-items:center;padding:12px 0;border-bottom:1px solid #f2f2f2}
.sp-line img{width:80px;height:80px;border:1px solid #e1e1e1}
.sp-line .info{flex:1}
.sp-line .price{text-align:right}
.sp-line .price b{color:#ee4d2d;font-weight:400}
.sp-sum{display:grid;grid-template-columns:1fr 240px;text-align:right;border-top:1px dotted #ddd}
.sp-sum div{padding:10px 20px;border-bottom:1px dotted #eee}
.sp-sum .big{color:#ee4d2d;font-size:24px}
`;

function shopeeHeader(query = ''): string {
  return `<header class="sp-head"><div class="wrap" style="flex-direction:column;align-items:stretch;height:auto;gap:8px;padding-bottom:16px">
<div class="sp-top"><span>Kênh Người Bán</span><span>Tải ứng dụng</span><span>Kết nối</span><span style="margin-left:auto">Thông báo</span><span>Hỗ trợ</span><span>Tiếng Việt</span><span>minhthu.ng</span></div>
<div style="display:flex;gap:32px;align-items:center"><span class="sp-logo">Shopee</span>
<form class="sp-search" role="search" onsubmit="return false"><input aria-label="Tìm trong Shopee" value="${esc(query)}" placeholder="Tìm sản phẩm, thương hiệu, và tên shop"><button type="submit">Tìm</button></form>
<span>Giỏ hàng</span></div></div></header>`;
}

function shopeeProductUrl(s: DemoSeller, p: DemoProduct): string {
  return `/${p.slug}-i.${s.sellerId}.${p.id}`;
}

function shopeeProduct(): DemoPage {
  const s = demoSeller('shopee', '9900000001');
  const p = first(s);
  const url = `http://shopee.vn${shopeeProductUrl(s, p)}`;
  const ld = {
    '@context': 'http://schema.org',
    '@type': 'Product',
    name: p.title,
    productID: p.id,
    url: `https://shopee.vn${shopeeProductUrl(s, p)}`,
    offers: {
      '@type': 'Offer',
      price: String(p.price),
      priceCurrency: 'VND',
      seller: { '@type': 'Organization', name: s.name },
    },
  };
  const more = productsOf('shopee', s.sellerId).slice(1);
  const body = `${shopeeHeader()}
<main class="wrap page-product">
<nav class="muted" style="margin-top:16px">Shopee › Nhà Cửa &amp; Đời Sống › Đồ dùng nhà bếp › Nồi chiên</nav>
<section class="sp-box sp-pdp">
<div><img class="pic" alt="${esc(p.title)}" src="${art(p.hue, p.label, 0)}"></div>
<div>
<h1 class="sp-title"><span class="sp-off" style="background:#d0011b;margin-right:6px;vertical-align:3px">Mall</span>${esc(p.title)}</h1>
<div class="sp-meta"><span><u>${p.rating.toFixed(1)}</u> ${stars(p.rating)}</span><span><u>1,2k</u> Đánh giá</span><span><u>${esc(p.sold)}</u> Đã bán</span></div>
<div class="sp-price">${p.oldPrice ? `<span class="strike">₫${groupVnd(p.oldPrice)}</span>` : ''}<b>₫${groupVnd(p.price)}</b>${p.oldPrice ? `<span class="sp-off">${Math.round(100 - (100 * p.price) / p.oldPrice)}% GIẢM</span>` : ''}</div>
<div class="sp-row"><span>Vận chuyển</span><span>Miễn phí vận chuyển · Nhận hàng 2–3 ngày</span></div>
<div class="sp-row"><span>Màu sắc</span><span>Đen · Trắng kem</span></div>
<div class="sp-row"><span>Số lượng</span><span>1 · còn 328 sản phẩm</span></div>
<div class="sp-btns"><button class="sp-btn" type="button">Thêm vào giỏ hàng</button><button class="sp-btn buy" type="button">Mua ngay</button></div>
</div>
</section>
<div class="sp-box" id="sll2-pdp-product-shop">
<section class="page-product__shop">
<div class="avatar" style="background:#ee4d2d">${esc(initials(s.name))}</div>
<div><div class="sp-shopname">${esc(s.name)}</div><div class="muted" style="font-size:12px">Online 5 phút trước</div>
<a class="sp-shopbtn" href="/${esc(s.slug ?? '')}?categoryId=100010&amp;entryPoint=ShopByPDP&amp;itemId=${p.id}">Xem Shop</a></div>
<div class="sp-stats"><span>Đánh giá <b>18,4k</b></span><span>Tỉ lệ phản hồi <b>98%</b></span><span>Tham gia <b>5 năm trước</b></span><span>Sản phẩm <b>214</b></span><span>Thời gian phản hồi <b>trong vài giờ</b></span><span>Người theo dõi <b>52,1k</b></span></div>
</section>
</div>
<section class="sp-box"><h2 style="font-size:18px;font-weight:500;margin:0 0 12px">MÔ TẢ SẢN PHẨM</h2>
<p>Nồi chiên không dầu dung tích 5.5 lít, công suất 1700W, điều khiển cảm ứng với 8 chế độ nấu cài sẵn. Lòng nồi chống dính, tháo rời rửa được. Bảo hành chính hãng 12 tháng trên toàn quốc.</p>
<p>Trong hộp: thân nồi, giỏ chiên, sách hướng dẫn tiếng Việt, phiếu bảo hành.</p></section>
<section class="sp-box"><h2 style="font-size:18px;font-weight:500;margin:0 0 12px">CÁC SẢN PHẨM KHÁC CỦA SHOP</h2>
<div class="sp-grid">${more
    .map(
      (m) =>
        `<div class="sp-card"><img class="pic" alt="" src="${art(m.hue, m.label)}"><div class="t">${esc(m.title)}</div><div class="p"><b>₫${groupVnd(m.price)}</b><span>Đã bán ${esc(m.sold)}</span></div></div>`,
    )
    .join('')}</div></section>
</main>`;
  return {
    url,
    platform: 'shopee',
    kind: 'product',
    title: `Shopee — trang sản phẩm: ${p.title}`,
    html: page({
      platform: 'shopee',
      title: `${p.title} | Shopee Việt Nam`,
      css: SHOPEE_CSS,
      head: `<meta property="og:title" content="${esc(p.title)} | Shopee Việt Nam"><script type="application/ld+json">${scriptJson(ld)}</script>`,
      body,
    }),
    badges: [badge(s)],
  };
}

function shopeeCard(s: DemoSeller, p: DemoProduct): string {
  return `<li data-sqe="item" class="sp-card shopee-search-item-result__item"><a href="${esc(shopeeProductUrl(s, p))}">${s.officialStore ? '<span class="sp-mall">Mall</span>' : ''}<img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p"><b>₫${groupVnd(p.price)}</b><span>Đã bán ${esc(p.sold)}</span></div></a></li>`;
}

function shopeeShop(): DemoPage {
  const s = demoSeller('shopee', '9900000008');
  const products = productsOf('shopee', s.sellerId);
  const url = `http://shopee.vn/${s.slug}`;
  const body = `${shopeeHeader()}
<main class="wrap shop-page" style="padding-top:16px">
<div class="shop-page__info">
<div class="avatar" style="background:#ee4d2d;width:80px;height:80px;font-size:28px">${esc(initials(s.name))}</div>
<div><div class="section-seller-overview-horizontal__portrait-name">${esc(s.name)}</div><div style="opacity:.8;font-size:13px;margin-top:4px">Online 12 phút trước · ${esc(s.slug ?? '')}</div></div>
<div class="sp-stats" style="color:#eee"><span>Sản phẩm: <b>${products.length * 31}</b></span><span>Người theo dõi: <b>128,6k</b></span><span>Đánh giá: <b>4.6 (21,3k)</b></span><span>Tỉ lệ phản hồi: <b>91%</b></span><span>Tham gia: <b>4 năm trước</b></span><span>Đang theo: <b>12</b></span></div>
</div>
<nav class="sp-tabs"><span class="on">Dạo</span><span>TẤT CẢ SẢN PHẨM</span><span>Chăm sóc da</span><span>Trang điểm</span><span>Bán chạy</span></nav>
<section class="sp-box"><h2 style="font-size:16px;font-weight:500;margin:0 0 12px;color:#757575">GỢI Ý CHO BẠN</h2>
<ul class="sp-grid">${products
    .map(
      (p) =>
        `<li class="sp-card"><a href="${esc(shopeeProductUrl(s, p))}"><img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p"><b>₫${groupVnd(p.price)}</b><span>Đã bán ${esc(p.sold)}</span></div></a></li>`,
    )
    .join('')}</ul></section>
</main>`;
  return {
    url,
    platform: 'shopee',
    kind: 'shop',
    title: `Shopee — trang shop: ${s.name}`,
    html: page({ platform: 'shopee', title: `${s.name} | Shopee Việt Nam`, css: SHOPEE_CSS, body }),
    badges: [badge(s)],
  };
}

function shopeeListing(): DemoPage {
  const sellers = inventedSellers('shopee');
  const url = 'http://shopee.vn/Nha-Cua-Doi-Song-cat.11036670';
  const body = `${shopeeHeader()}
<main class="wrap" style="padding-top:16px">
<div class="sp-box" style="display:flex;gap:12px;align-items:center;padding:12px 20px"><span class="muted">Sắp xếp theo</span><button class="sp-btn buy" type="button" style="padding:6px 14px">Phổ biến</button><button class="sp-btn" type="button" style="padding:6px 14px">Mới nhất</button><button class="sp-btn" type="button" style="padding:6px 14px">Bán chạy</button><span style="margin-left:auto" class="muted">1/17</span></div>
<div class="shopee-search-item-result" style="margin-top:12px"><ul class="sp-grid shopee-search-item-result__items">
${sellers.map((s) => shopeeCard(s, first(s))).join('\n')}
</ul></div></main>`;
  return {
    url,
    platform: 'shopee',
    kind: 'listing',
    title: 'Shopee — danh mục Nhà Cửa & Đời Sống (10 sản phẩm, 10 shop)',
    html: page({ platform: 'shopee', title: 'Nhà Cửa & Đời Sống | Shopee Việt Nam', css: SHOPEE_CSS, body }),
    // Shopee's cards name no shop: the extension reads the seller from the product URL alone.
    badges: sellers.map((s) => ({ ...badge(s), name: null })),
  };
}

function shopeeOrder(): DemoPage {
  const s = demoSeller('shopee', '9900000006');
  const p = first(s);
  const url = 'http://shopee.vn/user/purchase/order/118651414207583?type=3';
  const ship = 30_000;
  const body = `${shopeeHeader()}
<main class="wrap">
<div class="sp-box">
<div class="sp-order-head"><span class="muted">‹ TRỞ LẠI</span><span>MÃ ĐƠN HÀNG. 241118QK7M2P4A <span class="muted">|</span> <span class="st">Đơn hàng đã hoàn thành</span></span></div>
<div class="stepper">
<div class="stepper__step"><div class="stepper__step-icon">✓</div><div>Đơn Hàng Đã Đặt</div><div class="stepper__step-date">09:12 18-11-2024</div></div>
<div class="stepper__step"><div class="stepper__step-icon">✓</div><div>Đã Xác Nhận Thông Tin Thanh Toán</div><div>09:13 18-11-2024</div></div>
<div class="stepper__step"><div class="stepper__step-icon">✓</div><div>Đã Giao Cho ĐVVC</div><div>15:40 18-11-2024</div></div>
<div class="stepper__step"><div class="stepper__step-icon">✓</div><div>Đơn Hàng Đã Hoàn Thành</div><div>10:05 21-11-2024</div></div>
</div>
</div>
<div class="sp-box"><div style="font-size:18px;color:#ee4d2d;margin-bottom:10px">Địa Chỉ Nhận Hàng</div><div><b>Nguyễn Minh Thư</b></div><div class="muted">(+84) 90x xxx 123<br>24 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh</div></div>
<div class="sp-box">
<div style="display:flex;gap:12px;align-items:center;padding-bottom:12px;border-bottom:1px solid #f2f2f2"><a class="sp-shopname" href="/${esc(s.slug ?? '')}">${esc(s.name)}</a><button class="sp-btn buy" type="button" style="padding:2px 10px;font-size:12px">Chat</button><a class="sp-shopbtn" style="margin:0" href="/shop/${s.sellerId}">Xem Shop</a></div>
<a class="sp-line" href="/product/${s.sellerId}/${p.id}"><img alt="" src="${art(p.hue, p.label)}"><div class="info"><div>${esc(p.title)}</div><div class="muted">Phân loại hàng: Hương hoa nhài, 50ml</div><div>x1</div></div><div class="price">${p.oldPrice ? `<span class="strike">₫${groupVnd(p.oldPrice)}</span> ` : ''}<b>₫${groupVnd(p.price)}</b></div></a>
</div>
<div class="sp-box sp-sum" style="padding:0">
<div class="muted">Tổng tiền hàng</div><div>₫${groupVnd(p.price)}</div>
<div class="muted">Phí vận chuyển</div><div>₫${groupVnd(ship)}</div>
<div class="muted">Giảm giá phí vận chuyển</div><div>-₫${groupVnd(ship)}</div>
<div class="muted">Thành tiền</div><div class="big">₫${groupVnd(p.price)}</div>
<div class="muted">Phương thức Thanh toán</div><div>Thanh toán khi nhận hàng</div>
</div>
</main>`;
  return {
    url,
    platform: 'shopee',
    kind: 'order',
    title: 'Shopee — chi tiết đơn hàng (nút Khiếu nại)',
    html: page({ platform: 'shopee', title: 'Chi tiết đơn hàng | Shopee Việt Nam', css: SHOPEE_CSS, body }),
    badges: [badge(s)],
  };
}

// ---------------------------------------------------------------------------------------------
// Lazada: navy and orange, `__moduleData__` on product pages, `window.pageData` on listings.

const LAZADA_CSS = `
body{background:#eff0f5}
.lz-top{background:#f5f5f5;font-size:12px;color:#555}
.lz-top .wrap{display:flex;gap:18px;justify-content:flex-end;padding:6px 16px}
.lz-head{background:#fff;border-bottom:1px solid #e5e5e5}
.lz-head .wrap{display:flex;align-items:center;gap:32px;height:84px}
.lz-logo{font-size:30px;font-weight:800;color:#0f146d;letter-spacing:-1px}
.lz-logo i{color:#f57224;font-style:normal}
.lz-search{flex:1;display:flex;background:#eff0f5;border-radius:8px;overflow:hidden}
.lz-search input{flex:1;border:0;background:transparent;padding:12px;font:inherit}
.lz-search button{background:#f57224;color:#fff;border:0;width:54px}
.lz-box{background:#fff;margin-top:12px;padding:20px}
.lz-pdp{display:grid;grid-template-columns:330px 1fr 280px;gap:24px}
.lz-title{font-size:22px;font-weight:400;margin:0 0 8px}
.lz-price{font-size:30px;color:#f57224;margin:14px 0 4px}
.lz-side{background:#fafafa;padding:14px;font-size:13px}
.lz-side h3{font-size:12px;color:#757575;font-weight:400;margin:0 0 8px}
.seller-name__detail{font-size:15px;color:#212121;display:inline-block;margin-right:6px}
.lz-btn{border:0;padding:12px 0;width:48%;color:#fff;font:inherit;font-size:16px}
.lz-grid{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.lz-card{background:#fff;border-radius:4px;overflow:hidden}
.lz-card .t{padding:8px;height:52px;overflow:hidden;font-size:13px}
.lz-card .p{padding:0 8px 6px;color:#f57224;font-size:18px}
.lz-card .m{padding:0 8px 8px;font-size:12px;color:#9e9e9e}
.lz-card antam-badge{margin:0 8px 8px}
.lz-order td{padding:10px 8px;border-bottom:1px solid #eee;vertical-align:middle}
`;

function lazadaHeader(query = ''): string {
  return `<div class="lz-top"><div class="wrap"><span>GỬI PHẢN HỒI</span><span>TIẾT KIỆM HƠN TRÊN ỨNG DỤNG</span><span>BÁN HÀNG CÙNG LAZADA</span><span>CHĂM SÓC KHÁCH HÀNG</span><span>NGUYỄN MINH THƯ</span></div></div>
<header class="lz-head"><div class="wrap"><span class="lz-logo">Lazada<i>.</i></span><form class="lz-search" role="search" onsubmit="return false"><input aria-label="Tìm kiếm trên Lazada" value="${esc(query)}" placeholder="Tìm kiếm trên Lazada"><button type="submit" >Tìm</button></form><span>Giỏ hàng</span></div></header>`;
}

function lazadaProductPath(p: DemoProduct): string {
  return `/products/${p.slug.toLowerCase()}-i${p.id}-s${Number(p.id) + 7000}.html`;
}

function lazadaProduct(): DemoPage {
  const s = demoSeller('lazada', '990000000004');
  const p = first(s);
  const skuId = String(Number(p.id) + 7000);
  const fields = {
    primaryKey: { itemId: p.id, skuId, sellerId: s.sellerId },
    seller: { sellerId: s.sellerId, name: s.name },
    product: { title: p.title },
    skuInfos: { [skuId]: { price: { salePrice: { value: p.price, text: `₫ ${groupVnd(p.price)}` } } } },
  };
  const body = `${lazadaHeader()}
<main class="wrap">
<nav class="muted" style="margin-top:12px;font-size:12px">Sức Khỏe &amp; Làm Đẹp › Thực phẩm chức năng › Collagen</nav>
<section class="lz-box lz-pdp">
<img class="pic" alt="${esc(p.title)}" src="${art(p.hue, p.label, 1)}">
<div>
<h1 class="lz-title">${esc(p.title)}</h1>
<div>${stars(p.rating)} <span style="color:#1a9cb7">126 đánh giá</span> · <span class="muted">Thương hiệu: Vita Plus</span></div>
<hr style="border:0;border-top:1px solid #eee;margin:14px 0">
<div class="lz-price">₫ ${groupVnd(p.price)}</div>
${p.oldPrice ? `<div><span class="strike">₫ ${groupVnd(p.oldPrice)}</span> -${Math.round(100 - (100 * p.price) / p.oldPrice)}%</div>` : ''}
<p class="muted" style="margin-top:18px">Số lượng: 1 · Còn hàng</p>
<div style="display:flex;justify-content:space-between;margin-top:20px"><button class="lz-btn" type="button" style="background:#2abbe8">Mua ngay</button><button class="lz-btn" type="button" style="background:#f57224">Thêm vào giỏ hàng</button></div>
</div>
<aside class="lz-side">
<h3>Tùy chọn giao hàng</h3><p>Hồ Chí Minh, Quận 1, Phường Bến Nghé</p><p>Giao tiêu chuẩn · 2–4 ngày · ₫ 16.500</p><p>Thanh toán khi nhận hàng</p>
<hr style="border:0;border-top:1px solid #eee">
<h3>Được bán bởi</h3>
<div id="module_seller_info"><span class="seller-name__detail">${esc(s.name)}</span></div>
<p style="display:flex;gap:12px;font-size:12px" class="muted"><span>Đánh giá tích cực<br><b style="font-size:18px;color:#212121">82%</b></span><span>Giao đúng hạn<br><b style="font-size:18px;color:#212121">90%</b></span><span>Tỉ lệ phản hồi<br><b style="font-size:18px;color:#212121">74%</b></span></p>
<a href="/shop/${esc(s.slug ?? '')}/" style="color:#1a9cb7">ĐẾN GIAN HÀNG</a>
</aside>
</section>
<section class="lz-box"><h2 style="font-size:16px;font-weight:500;margin:0 0 10px">Mô tả sản phẩm</h2><p>Viên uống collagen thủy phân bổ sung vitamin C, hộp 60 viên, dùng 2 viên mỗi ngày sau bữa sáng. Sản phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.</p></section>
</main>`;
  return {
    url: `http://www.lazada.vn${lazadaProductPath(p)}`,
    platform: 'lazada',
    kind: 'product',
    title: `Lazada — trang sản phẩm: ${p.title}`,
    html: page({
      platform: 'lazada',
      title: `${p.title} | Lazada.vn`,
      css: LAZADA_CSS,
      head: `<script>var __moduleData__ = ${scriptJson({ data: { root: { fields } } })};</script>`,
      body,
    }),
    badges: [badge(s)],
  };
}

function lazadaCard(s: DemoSeller, p: DemoProduct): string {
  return `<div class="lz-card" data-qa-locator="product-item" data-item-id="${p.id}"><a href="${esc(lazadaProductPath(p))}"><img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p">₫${groupVnd(p.price)}</div><div class="m">${s.officialStore ? '<b style="color:#c70a6b">LazMall</b> ' : ''}${stars(p.rating)} Đã bán ${esc(p.sold)}</div></a></div>`;
}

const lazadaItems = (pairs: [DemoSeller, DemoProduct][]) =>
  pairs.map(([s, p]) => ({
    itemId: p.id,
    sellerId: s.sellerId,
    sellerName: s.name,
    name: p.title,
    price: p.price,
  }));

function lazadaShop(): DemoPage {
  const s = demoSeller('lazada', '990000000002');
  const products = productsOf('lazada', s.sellerId);
  const body = `${lazadaHeader()}
<main class="wrap">
<section class="lz-box" style="display:flex;gap:20px;align-items:center;background:linear-gradient(90deg,#0f146d,#3a3f9e);color:#fff">
<div class="avatar" style="background:#f57224;width:72px;height:72px">${esc(initials(s.name))}</div>
<div><h1 style="margin:0;font-size:24px;display:inline-block;margin-right:8px">${esc(s.name)}</h1><div style="opacity:.85;font-size:13px">92% đánh giá tích cực · 18,2k người theo dõi</div></div>
<button type="button" class="lz-btn" style="width:auto;padding:8px 18px;margin-left:auto;background:#f57224">+ THEO DÕI</button>
</section>
<nav class="lz-box" style="display:flex;gap:28px;padding:12px 20px"><b style="color:#f57224">Trang chủ</b><span>Tất cả sản phẩm</span><span>Bàn ghế</span><span>Kệ &amp; tủ</span></nav>
<section style="margin-top:12px"><div class="lz-grid">${products.map((p) => lazadaCard(s, p)).join('')}</div></section>
</main>`;
  return {
    url: `http://www.lazada.vn/shop/${s.slug}/`,
    platform: 'lazada',
    kind: 'shop',
    title: `Lazada — gian hàng: ${s.name}`,
    html: page({
      platform: 'lazada',
      title: `${s.name} | Lazada.vn`,
      css: LAZADA_CSS,
      head: `<link rel="canonical" href="https://www.lazada.vn/shop/${esc(s.slug ?? '')}/"><script>window.pageData = ${scriptJson({ mods: { listItems: lazadaItems(products.map((p) => [s, p])) } })};</script>`,
      body,
    }),
    badges: [badge(s)],
  };
}

function lazadaListing(): DemoPage {
  const sellers = inventedSellers('lazada');
  const pairs = sellers.map((s) => [s, first(s)] as [DemoSeller, DemoProduct]);
  const body = `${lazadaHeader('đồ gia dụng')}
<main class="wrap">
<div class="lz-box" style="padding:12px 20px"><b>${pairs.length * 1031} sản phẩm</b> cho "<span>đồ gia dụng</span>" <span class="muted" style="float:right">Sắp xếp: Phổ biến</span></div>
<section style="margin-top:12px"><div class="lz-grid">${pairs.map(([s, p]) => lazadaCard(s, p)).join('\n')}</div></section>
</main>`;
  return {
    url: 'http://www.lazada.vn/catalog/?q=do+gia+dung',
    platform: 'lazada',
    kind: 'listing',
    title: `Lazada — tìm kiếm "đồ gia dụng" (${pairs.length} sản phẩm, ${pairs.length} người bán)`,
    html: page({
      platform: 'lazada',
      title: 'Đồ gia dụng - Mua Đồ gia dụng giá tốt | Lazada.vn',
      css: LAZADA_CSS,
      head: `<script>window.pageData = ${scriptJson({ mods: { listItems: lazadaItems(pairs) } })};</script>`,
      body,
    }),
    badges: sellers.map((s) => badge(s)),
  };
}

function lazadaOrder(): DemoPage {
  const s = demoSeller('lazada', '990000000003');
  const p = first(s);
  const body = `${lazadaHeader()}
<main class="wrap">
<section class="lz-box"><h1 style="font-size:20px;font-weight:400;margin:0">Chi tiết đơn hàng</h1>
<p>Đơn hàng <b>#</b> <span>Mã đơn hàng: 256012377261185</span></p><p class="muted">Đặt ngày 02/11/2024 20:41:07</p></section>
<section class="lz-box">
<div style="display:flex;gap:12px;align-items:center;border-bottom:1px solid #eee;padding-bottom:10px"><a href="http://www.lazada.vn/shop/${esc(s.slug ?? '')}/" style="font-weight:600">${esc(s.name)}</a><a href="http://www.lazada.vn/shop/${esc(s.slug ?? '')}/" style="color:#1a9cb7">Xem gian hàng</a><span style="margin-left:auto;color:#f57224">Đã giao hàng</span></div>
<table class="lz-order" style="width:100%;border-collapse:collapse"><tr>
<td style="width:90px"><img alt="" src="${art(p.hue, p.label, 1)}" style="width:80px"></td>
<td><a href="http://www.lazada.vn${lazadaProductPath(p)}">${esc(p.title)}</a><div class="muted">Màu: Trắng</div></td>
<td>Số lượng: 1</td>
<td style="text-align:right">${p.oldPrice ? `<span class="strike">₫ ${groupVnd(p.oldPrice)}</span><br>` : ''}<b>₫ ${groupVnd(p.price)}</b></td>
</tr></table>
</section>
<section class="lz-box" style="display:grid;grid-template-columns:1fr 1fr;gap:20px">
<div><b>Nguyễn Minh Thư</b><p class="muted">24 Lê Lợi, Phường Bến Nghé, Quận 1, Hồ Chí Minh<br>090xxxx123</p></div>
<div><div style="display:flex;justify-content:space-between"><span>Tạm tính</span><span>₫ ${groupVnd(p.price)}</span></div><div style="display:flex;justify-content:space-between"><span>Phí vận chuyển</span><span>₫ 0</span></div>
<div style="display:flex;justify-content:space-between;font-size:18px;margin-top:8px"><span>Tổng cộng</span><span style="color:#f57224">₫ ${groupVnd(p.price)}</span></div><p class="muted">Thanh toán khi nhận hàng</p></div>
</section>
</main>`;
  return {
    url: 'http://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185',
    platform: 'lazada',
    kind: 'order',
    title: 'Lazada — chi tiết đơn hàng (nút Khiếu nại)',
    html: page({ platform: 'lazada', title: 'Chi tiết đơn hàng | Lazada.vn', css: LAZADA_CSS, body }),
    badges: [badge(s, true)],
  };
}

// ---------------------------------------------------------------------------------------------
// Tiki: blue header, Next.js `__NEXT_DATA__`.

const TIKI_CSS = `
body{background:#f5f5fa}
.tk-head{background:#fff;border-bottom:1px solid #ebebf0}
.tk-head .wrap{display:flex;align-items:center;gap:40px;height:80px}
.tk-logo{color:#0a68ff;font-weight:800;font-size:28px;line-height:1;text-align:center}
.tk-logo small{display:block;font-size:11px;font-weight:600}
.tk-search{flex:1;display:flex;border:1px solid #ddd;border-radius:8px;overflow:hidden}
.tk-search input{flex:1;border:0;padding:10px;font:inherit}
.tk-search button{border:0;border-left:1px solid #ddd;background:#fff;color:#0a68ff;padding:0 16px}
.tk-box{background:#fff;border-radius:8px;margin-top:12px;padding:16px}
.tk-pdp{display:grid;grid-template-columns:400px 1fr 360px;gap:16px;align-items:start}
.tk-title{font-size:22px;font-weight:500;margin:6px 0}
.tk-price{font-size:26px;font-weight:600;color:#ff424e;margin:12px 0}
.tk-price sup{font-size:16px}
.tk-seller{display:flex;gap:10px;align-items:center}
.tk-seller a{font-weight:600;display:inline-block;margin-right:6px}
.tk-btn{display:block;width:100%;border:0;border-radius:4px;padding:10px;font:inherit;margin-top:8px}
.tk-grid{display:grid;grid-template-columns:repeat(5,1fr);gap:8px}
.product-item{background:#fff;border-radius:8px;overflow:hidden;display:block;border:1px solid #ebebf0}
.product-item .t{padding:8px;height:48px;overflow:hidden}
.product-item .p{padding:0 8px;color:#ff424e;font-weight:600;font-size:16px}
.product-item .m{padding:2px 8px 8px;font-size:12px;color:#808089}
.product-item antam-badge{margin:0 8px 8px}
`;

function tikiHeader(query = ''): string {
  return `<header class="tk-head"><div class="wrap"><span class="tk-logo">TIKI<small>Tốt &amp; Nhanh</small></span><form class="tk-search" role="search" onsubmit="return false"><input aria-label="Tìm trên Tiki" value="${esc(query)}" placeholder="Freeship đến 30K"><button type="submit">Tìm kiếm</button></form><span>Trang chủ</span><span>Tài khoản</span><span>Giỏ hàng</span></div></header>`;
}

const nextData = (initialState: unknown) =>
  `<script id="__NEXT_DATA__" type="application/json">${scriptJson({ props: { initialState }, page: '/', buildId: 'demo' })}</script>`;

function tikiPath(p: DemoProduct): string {
  return `/${p.slug.toLowerCase()}-p${p.id}.html?spid=${p.spid}`;
}

function tikiProduct(): DemoPage {
  const s = demoSeller('tiki', '9900003');
  const p = first(s);
  const data = {
    id: Number(p.id),
    name: p.title,
    price: p.price,
    current_seller: {
      id: Number(s.sellerId),
      name: s.name,
      product_id: p.spid,
      price: p.price,
      link: `https://tiki.vn/cua-hang/${s.slug}`,
    },
  };
  const body = `${tikiHeader()}
<main class="wrap">
<nav class="muted" style="margin-top:12px">Trang chủ › Điện Gia Dụng › Máy lọc nước</nav>
<section class="tk-pdp" style="margin-top:12px">
<div class="tk-box"><img class="pic" alt="${esc(p.title)}" src="${art(p.hue, p.label, 0)}"></div>
<div class="tk-box">
<div class="muted">Thương hiệu: Aqua Sạch</div>
<h1 class="tk-title">${esc(p.title)}</h1>
<div>${p.rating.toFixed(1)} ${stars(p.rating)} <span class="muted">(86) | Đã bán ${esc(p.sold)}</span></div>
<div class="tk-price">${groupVnd(p.price)}<sup>₫</sup> ${p.oldPrice ? `<span class="strike" style="font-size:14px;font-weight:400">${groupVnd(p.oldPrice)}₫</span>` : ''}</div>
<h2 style="font-size:16px">Thông tin bảo hành</h2><p class="muted">Bảo hành điện tử 24 tháng · Lắp đặt miễn phí tại nhà</p>
<h2 style="font-size:16px">Mô tả sản phẩm</h2><p>Máy lọc nước công nghệ RO 10 lõi lọc, công suất 10–15 lít/giờ, tủ đứng cường lực, có vòi nóng lạnh. Lõi lọc thay thế sẵn có tại các đại lý.</p>
</div>
<div class="tk-box">
<div class="tk-seller" data-view-id="pdp_store_seller.view"><div class="avatar" style="background:#0a68ff;width:40px;height:40px;font-size:15px">${esc(initials(s.name))}</div><div><a href="/cua-hang/${esc(s.slug ?? '')}">${esc(s.name)}</a><div class="muted" style="font-size:12px">4.4 ★ (1,2k+ đánh giá)</div></div></div>
<hr style="border:0;border-top:1px solid #eee;margin:12px 0">
<p>Số lượng: 1</p><p>Tạm tính</p><div class="tk-price">${groupVnd(p.price)}<sup>₫</sup></div>
<button type="button" class="tk-btn" style="background:#ff424e;color:#fff">Mua ngay</button><button type="button" class="tk-btn" style="border:1px solid #0a68ff;background:#fff;color:#0a68ff">Thêm vào giỏ</button>
</div>
</section>
</main>`;
  return {
    url: `http://tiki.vn${tikiPath(p)}`,
    platform: 'tiki',
    kind: 'product',
    title: `Tiki — trang sản phẩm: ${p.title}`,
    html: page({
      platform: 'tiki',
      title: `${p.title} | Tiki`,
      css: TIKI_CSS,
      head: nextData({ productv2: { productData: { response: { data } } } }),
      body,
    }),
    badges: [badge(s)],
  };
}

function tikiCard(p: DemoProduct, s: DemoSeller): string {
  return `<a class="product-item" href="${esc(tikiPath(p))}" data-view-content="${esc(JSON.stringify({ click_data: { id: Number(p.id), spid: Number(p.spid) } }))}"><img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p">${groupVnd(p.price)}<sup>₫</sup></div><div class="m">${stars(p.rating)} | Đã bán ${esc(p.sold)} · ${esc(s.name)}</div></a>`;
}

function tikiShop(): DemoPage {
  const s = demoSeller('tiki', '9900001');
  const products = productsOf('tiki', s.sellerId);
  const body = `${tikiHeader()}
<main class="wrap">
<section class="tk-box" data-view-id="store_header" style="display:flex;gap:16px;align-items:center;background:linear-gradient(90deg,#0a68ff,#4d9bff);color:#fff">
<div class="avatar" style="background:#fff;color:#0a68ff;width:72px;height:72px">${esc(initials(s.name))}</div>
<div><h1 style="margin:0;font-size:22px;display:inline-block;margin-right:8px">${esc(s.name)}</h1><div style="font-size:13px;opacity:.9">4.8 ★ · 35,6k người theo dõi</div></div>
<button type="button" class="tk-btn" style="width:auto;margin-left:auto;background:#fff;color:#0a68ff;padding:8px 18px">+ Theo dõi</button>
</section>
<nav class="tk-box" style="display:flex;gap:28px"><b style="color:#0a68ff">Cửa hàng</b><span>Tất cả sản phẩm</span><span>Bộ sưu tập</span><span>Hồ sơ cửa hàng</span></nav>
<section class="tk-box"><h2 style="font-size:16px;margin:0 0 10px">Sản phẩm bán chạy</h2><div class="tk-grid">${products.map((p) => tikiCard(p, s)).join('')}</div></section>
</main>`;
  return {
    url: `http://tiki.vn/cua-hang/${s.slug}`,
    platform: 'tiki',
    kind: 'shop',
    title: `Tiki — cửa hàng: ${s.name}`,
    html: page({
      platform: 'tiki',
      title: `${s.name} | Tiki`,
      css: TIKI_CSS,
      head: nextData({ store: {} }),
      body,
    }),
    badges: [badge(s, true)],
  };
}

function tikiListing(): DemoPage {
  const sellers = inventedSellers('tiki');
  const pairs = sellers.map((s) => [s, first(s)] as [DemoSeller, DemoProduct]);
  const catalog = pairs.map(([s, p]) => ({
    id: Number(p.id),
    name: p.title,
    price: p.price,
    seller_id: Number(s.sellerId),
    seller_name: s.name,
    seller_product_id: Number(p.spid),
  }));
  const body = `${tikiHeader()}
<main class="wrap">
<section class="tk-box"><h1 style="margin:0;font-size:20px">Nhà Sách &amp; Đời Sống</h1><p class="muted" style="margin:6px 0 0">Giao siêu tốc 2H · Siêu rẻ · Freeship</p></section>
<section class="tk-box"><div class="tk-grid">${pairs.map(([s, p]) => tikiCard(p, s)).join('\n')}</div></section>
</main>`;
  return {
    url: 'http://tiki.vn/nha-sach-doi-song/c8322',
    platform: 'tiki',
    kind: 'listing',
    title: `Tiki — danh mục Nhà Sách & Đời Sống (${pairs.length} sản phẩm, ${pairs.length} người bán)`,
    html: page({
      platform: 'tiki',
      title: 'Nhà Sách & Đời Sống | Tiki',
      css: TIKI_CSS,
      head: nextData({ catalog: { data: catalog } }),
      body,
    }),
    badges: sellers.map((s) => badge(s)),
  };
}

function tikiOrder(): DemoPage {
  const s = demoSeller('tiki', '9900005');
  const p = first(s);
  const body = `${tikiHeader()}
<main class="wrap">
<section class="tk-box"><h1 style="font-size:19px;font-weight:400;margin:0">Chi tiết đơn hàng #329752040 - <b>Giao hàng thành công</b></h1><p class="muted" style="margin:6px 0 0">Ngày đặt hàng: 10:24 12/11/2024</p></section>
<section class="tk-box" style="display:grid;grid-template-columns:1fr 1fr;gap:16px"><div><b>ĐỊA CHỈ NGƯỜI NHẬN</b><p>Nguyễn Minh Thư<br>24 Lê Lợi, Phường Bến Nghé, Quận 1, Hồ Chí Minh</p></div><div><b>HÌNH THỨC THANH TOÁN</b><p>Thanh toán tiền mặt khi nhận hàng</p></div></section>
<section class="tk-box">
<p>Mã đơn hàng: 329752040</p>
<table style="width:100%;border-collapse:collapse"><tr class="muted"><td>Sản phẩm</td><td>Giá</td><td>Số lượng</td><td>Tạm tính</td></tr>
<tr><td style="display:flex;gap:10px;align-items:center;padding:10px 0"><img alt="" src="${art(p.hue, p.label, 1)}" style="width:60px"><div><a href="/${p.slug.toLowerCase()}-p${p.id}.html">${esc(p.title)}</a><div class="muted">Cung cấp bởi <a href="/cua-hang/${esc(s.slug ?? '')}" style="color:#0a68ff">${esc(s.name)}</a></div></div></td>
<td>${groupVnd(p.price)} ₫</td><td>SL: 1</td><td>${groupVnd(p.price)} ₫</td></tr></table>
<div style="text-align:right;margin-top:12px"><p>Tạm tính: ${groupVnd(p.price)} ₫</p><p>Phí vận chuyển: 0 ₫</p><p style="font-size:18px"><span>Tổng cộng</span> <span style="color:#ff424e">${groupVnd(p.price)} ₫</span></p></div>
</section>
</main>`;
  return {
    url: 'http://tiki.vn/sales/order/view/329752040',
    platform: 'tiki',
    kind: 'order',
    title: 'Tiki — chi tiết đơn hàng (nút Khiếu nại)',
    html: page({ platform: 'tiki', title: 'Chi tiết đơn hàng | Tiki', css: TIKI_CSS, body }),
    badges: [badge(s, true)],
  };
}

// ---------------------------------------------------------------------------------------------
// TikTok Shop: black and pink, Modern.js `__MODERN_ROUTER_DATA__`, store links carrying the seller id.

const TIKTOK_CSS = `
body{background:#fff}
.tt-head{border-bottom:1px solid #eee}
.tt-head .wrap{display:flex;align-items:center;gap:28px;height:68px}
.tt-logo{font-weight:800;font-size:24px}
.tt-logo span{color:#fe2c55}
.tt-search{flex:1;display:flex;background:#f1f1f2;border-radius:92px;padding:2px 2px 2px 16px}
.tt-search input{flex:1;border:0;background:transparent;font:inherit}
.tt-search button{border:0;background:transparent;padding:10px 14px}
.tt-pdp{display:grid;grid-template-columns:460px 1fr;gap:36px;margin-top:20px}
.tt-title{font-size:22px;font-weight:600;margin:0 0 8px}
.tt-price{display:flex;gap:10px;align-items:baseline;margin:14px 0}
.tt-price b{font-size:30px;color:#fe2c55}
.tt-store{display:flex;gap:12px;align-items:center;border:1px solid #eee;border-radius:10px;padding:12px;margin-top:18px}
.tt-store a.name{font-weight:700;display:inline-block;margin-right:6px}
.tt-btn{border:0;border-radius:6px;padding:12px 24px;font:inherit;font-weight:600}
.tt-grid{display:grid;grid-template-columns:repeat(5,1fr);gap:14px}
.tt-card{display:block;border-radius:10px;overflow:hidden;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.tt-card .t{padding:8px 10px 0;height:46px;overflow:hidden;font-size:14px}
.tt-card .p{padding:4px 10px;color:#fe2c55;font-weight:700;font-size:17px}
.tt-card .m{padding:0 10px 8px;color:#8a8b91;font-size:12px}
.tt-card antam-badge{margin:0 10px 10px}
`;

function tiktokHeader(query = ''): string {
  return `<header class="tt-head"><div class="wrap"><span class="tt-logo">♪ TikTok <span>Shop</span></span><form class="tt-search" role="search" onsubmit="return false"><input aria-label="Tìm kiếm" value="${esc(query)}" placeholder="Tìm kiếm sản phẩm"><button type="submit" >Tìm</button></form><span>Đơn hàng</span><span>Giỏ hàng</span></div></header>`;
}

const tiktokPath = (p: DemoProduct) => `/shop/pdp/${p.slug.toLowerCase()}/${p.id}`;
const storePath = (s: DemoSeller) => `/shop/store/${s.slug ?? 'shop'}/${s.sellerId}`;
const routerData = (data: unknown) =>
  `<script id="__MODERN_ROUTER_DATA__" type="application/json">${scriptJson({ loaderData: { page: data } })}</script>`;
const sellerModel = (s: DemoSeller) => ({ seller_id: s.sellerId, shop_name: s.name });

function tiktokProduct(): DemoPage {
  const s = demoSeller('tiktok', '9900000000000000001');
  const p = first(s);
  const info = {
    product_model: { product_id: p.id, name: p.title },
    seller_model: sellerModel(s),
    promotion_model: {
      promotion_product_price: {
        min_price: { sale_price_decimal: String(p.price), sale_price_format: `₫${groupVnd(p.price)}` },
      },
    },
  };
  const body = `${tiktokHeader()}
<main class="wrap">
<section class="tt-pdp">
<img class="pic" style="border-radius:12px" alt="${esc(p.title)}" src="${art(p.hue, p.label, 1)}">
<div>
<h1 class="tt-title">${esc(p.title)}</h1>
<div>${p.rating.toFixed(1)} ${stars(p.rating)} <span class="muted">· 2,4k đánh giá · Đã bán ${esc(p.sold)}</span></div>
<div class="tt-price"><b>₫${groupVnd(p.price)}</b>${p.oldPrice ? `<span class="strike">₫${groupVnd(p.oldPrice)}</span><span style="color:#fe2c55">-${Math.round(100 - (100 * p.price) / p.oldPrice)}%</span>` : ''}</div>
<p class="muted">Miễn phí vận chuyển · Giao dự kiến 25–27 thg 11</p>
<p>Dung tích: <b>50ml</b> · 100ml</p>
<div style="display:flex;gap:12px;margin-top:18px"><button type="button" class="tt-btn" style="background:#f1f1f2">Thêm vào giỏ hàng</button><button type="button" class="tt-btn" style="background:#fe2c55;color:#fff">Mua ngay</button></div>
<div class="tt-store"><div class="avatar" style="background:#111">${esc(initials(s.name))}</div><div><a class="name" href="${esc(storePath(s))}">${esc(s.name)}</a><div class="muted" style="font-size:12px">4.9 ★ · 312 sản phẩm · 96% phản hồi</div></div></div>
<h2 style="font-size:17px;margin-top:22px">Mô tả sản phẩm</h2><p>Kem dưỡng ẩm phục hồi hàng rào bảo vệ da với ceramide và B5, kết cấu gel mỏng nhẹ, phù hợp da dầu mụn và da nhạy cảm.</p>
</div></section></main>`;
  return {
    url: `http://www.tiktok.com${tiktokPath(p)}`,
    platform: 'tiktok',
    kind: 'product',
    title: `TikTok Shop — trang sản phẩm: ${p.title}`,
    html: page({
      platform: 'tiktok',
      title: `${p.title} - TikTok Shop`,
      css: TIKTOK_CSS,
      head: `<meta property="og:url" content="https://www.tiktok.com${esc(tiktokPath(p))}">${routerData({ components_map: [{ component_type: 'product_info', component_data: { product_info: info } }] })}`,
      body,
    }),
    badges: [badge(s)],
  };
}

function tiktokCard(s: DemoSeller, p: DemoProduct): string {
  return `<a class="tt-card" href="${esc(tiktokPath(p))}"><img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p">₫${groupVnd(p.price)}</div><div class="m">${stars(p.rating)} · Đã bán ${esc(p.sold)} · ${esc(s.name)}</div></a>`;
}

function tiktokShop(): DemoPage {
  const s = demoSeller('tiktok', '9900000000000000003');
  const products = productsOf('tiktok', s.sellerId);
  const body = `${tiktokHeader()}
<main class="wrap">
<section style="display:flex;gap:18px;align-items:center;padding:24px 0;border-bottom:1px solid #eee">
<div class="avatar" style="background:#fe2c55;width:84px;height:84px;font-size:28px">${esc(initials(s.name))}</div>
<div><h1 style="margin:0;font-size:24px;display:inline-block;margin-right:8px">${esc(s.name)}</h1><div class="muted">4.5 ★ · 86,2k người theo dõi · ${products.length * 27} sản phẩm</div></div>
<button type="button" class="tt-btn" style="margin-left:auto;background:#fe2c55;color:#fff">Theo dõi</button>
</section>
<nav style="display:flex;gap:28px;padding:14px 0;font-weight:600"><span style="border-bottom:2px solid #111">Trang chủ</span><span class="muted">Sản phẩm</span><span class="muted">Danh mục</span></nav>
<section class="tt-grid">${products.map((p) => tiktokCard(s, p)).join('')}</section>
</main>`;
  return {
    url: `http://www.tiktok.com${storePath(s)}`,
    platform: 'tiktok',
    kind: 'shop',
    title: `TikTok Shop — cửa hàng: ${s.name}`,
    html: page({
      platform: 'tiktok',
      title: `${s.name} - TikTok Shop`,
      css: TIKTOK_CSS,
      head: routerData({ shop_info: { ...sellerModel(s), followers: 86200 } }),
      body,
    }),
    badges: [badge(s)],
  };
}

function tiktokListing(): DemoPage {
  const sellers = inventedSellers('tiktok');
  const pairs = sellers.map((s) => [s, first(s)] as [DemoSeller, DemoProduct]);
  const products = pairs.map(([s, p]) => ({ product_id: p.id, title: p.title, seller_info: sellerModel(s) }));
  const body = `${tiktokHeader('tai nghe bluetooth')}
<main class="wrap">
<h1 style="font-size:20px;margin:20px 0 14px">Kết quả cho "tai nghe bluetooth" và gợi ý khác</h1>
<section class="tt-grid">${pairs.map(([s, p]) => tiktokCard(s, p)).join('\n')}</section>
</main>`;
  return {
    url: 'http://www.tiktok.com/shop/s/tai-nghe-bluetooth',
    platform: 'tiktok',
    kind: 'listing',
    title: `TikTok Shop — tìm kiếm "tai nghe bluetooth" (${pairs.length} sản phẩm, ${pairs.length} người bán)`,
    html: page({
      platform: 'tiktok',
      title: 'tai nghe bluetooth - TikTok Shop',
      css: TIKTOK_CSS,
      head: routerData({ search: { products } }),
      body,
    }),
    badges: sellers.map((s) => badge(s)),
  };
}

function tiktokOrder(): DemoPage {
  const s = demoSeller('tiktok', '9900000000000000004');
  const p = first(s);
  const body = `${tiktokHeader()}
<main class="wrap" style="max-width:860px">
<h1 style="font-size:22px;margin:22px 0 6px">Chi tiết đơn hàng</h1>
<p style="color:#0a8a47;font-weight:600">Đã giao hàng</p>
<section style="border:1px solid #eee;border-radius:10px;padding:16px;margin-top:12px">
<div style="display:flex;gap:10px;align-items:center;border-bottom:1px solid #f1f1f2;padding-bottom:10px"><a href="${esc(storePath(s))}" style="font-weight:700">${esc(s.name)}</a><a href="${esc(storePath(s))}" class="muted">Ghé gian hàng</a></div>
<div style="display:flex;gap:12px;align-items:center;padding:12px 0"><a href="${esc(tiktokPath(p))}" style="display:flex;gap:12px;align-items:center;flex:1"><img alt="" src="${art(p.hue, p.label, 1)}" style="width:72px;border-radius:8px"><span>${esc(p.title)}</span></a><span>x1</span><b>₫${groupVnd(p.price)}</b></div>
</section>
<section style="border:1px solid #eee;border-radius:10px;padding:16px;margin-top:12px">
<p>Mã đơn hàng: 577312748349657317</p><p>Đặt hàng vào: 19/11/2024 21:03</p><p>Phương thức thanh toán: Thanh toán khi giao hàng</p>
<div style="display:flex;justify-content:space-between;font-size:18px;font-weight:700"><span>Tổng thanh toán</span><span style="color:#fe2c55">₫${groupVnd(p.price)}</span></div>
</section>
</main>`;
  return {
    url: 'http://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
    platform: 'tiktok',
    kind: 'order',
    title: 'TikTok Shop — chi tiết đơn hàng (nút Khiếu nại)',
    html: page({ platform: 'tiktok', title: 'Chi tiết đơn hàng - TikTok Shop', css: TIKTOK_CSS, body }),
    badges: [badge(s)],
  };
}

// ---------------------------------------------------------------------------------------------
// Sendo: red header, the product payload's `shop_info`.

const SENDO_CSS = `
.sd-head{background:#e5101d;color:#fff}
.sd-head .wrap{display:flex;align-items:center;gap:28px;height:72px}
.sd-logo{font-weight:800;font-size:28px;font-style:italic}
.sd-search{flex:1;display:flex;background:#fff;border-radius:4px;overflow:hidden}
.sd-search input{flex:1;border:0;padding:10px;font:inherit}
.sd-search button{border:0;background:#fff;color:#e5101d;padding:0 16px}
.sd-box{background:#fff;border-radius:4px;margin-top:12px;padding:16px}
.sd-pdp{display:grid;grid-template-columns:400px 1fr;gap:28px}
.sd-price{font-size:28px;font-weight:700;color:#e5101d;margin:12px 0}
.sd-shop{display:flex;gap:12px;align-items:center}
.sd-shop a{font-weight:700;display:inline-block;margin-right:6px}
.sd-grid{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
.sd-card{display:block;background:#fff;border-radius:4px;overflow:hidden}
.sd-card .t{padding:8px;height:48px;overflow:hidden}
.sd-card .p{padding:0 8px;color:#e5101d;font-weight:700;font-size:16px}
.sd-card .m{padding:2px 8px 8px;font-size:12px;color:#6f787e}
.sd-card antam-badge{margin:0 8px 8px}
`;

function sendoHeader(query = ''): string {
  return `<header class="sd-head"><div class="wrap"><span class="sd-logo">Sendo</span><form class="sd-search" role="search" onsubmit="return false"><input aria-label="Tìm kiếm trên Sendo" value="${esc(query)}" placeholder="Tìm kiếm trên Sendo"><button type="submit">Tìm</button></form><span>Đăng nhập</span><span>Giỏ hàng</span></div></header>`;
}

const sendoPath = (p: DemoProduct) => `/${p.slug.toLowerCase()}-${p.id}.html`;
const shopInfo = (s: DemoSeller) => ({
  shop_id: Number(s.sellerId),
  shop_name: s.name,
  shop_url: `shop/${s.slug ?? s.sellerId}`,
});
const jsonState = (data: unknown) =>
  `<script type="application/json" id="sendo-state">${scriptJson(data)}</script>`;

function sendoCard(s: DemoSeller, p: DemoProduct): string {
  return `<a class="sd-card" href="${esc(sendoPath(p))}"><img class="pic" alt="" src="${art(p.hue, p.label)}"><div class="t">${esc(p.title)}</div><div class="p">${groupVnd(p.price)}đ</div><div class="m">Đã bán ${esc(p.sold)} · ${esc(s.name)}</div></a>`;
}

function sendoProduct(): DemoPage {
  const s = demoSeller('sendo', '9900001');
  const p = first(s);
  const data = {
    id: Number(p.id),
    name: p.title,
    price: p.oldPrice ?? p.price,
    final_price: p.price,
    shop_info: shopInfo(s),
  };
  const body = `${sendoHeader()}
<main class="wrap">
<section class="sd-box sd-pdp" id="id-media-block">
<img class="pic" alt="${esc(p.title)}" src="${art(p.hue, p.label, 3)}">
<div>
<h1 style="font-size:22px;font-weight:600;margin:0">${esc(p.title)}</h1>
<div style="margin-top:6px">${stars(p.rating)} <span class="muted">(214 đánh giá) · Đã bán ${esc(p.sold)}</span></div>
<div class="sd-price">${groupVnd(p.price)}đ ${p.oldPrice ? `<span class="strike" style="font-size:15px;font-weight:400">${groupVnd(p.oldPrice)}đ</span>` : ''}</div>
<p>Màu men: <b>Lam vẽ sen</b> · Men rạn</p><p class="muted">Giao từ Hà Nội · Dự kiến 3–5 ngày</p>
<div style="display:flex;gap:12px;margin-top:18px"><button type="button" style="border:1px solid #e5101d;color:#e5101d;background:#fff;padding:12px 22px;border-radius:4px;font:inherit">Thêm vào giỏ</button><button type="button" style="border:0;background:#e5101d;color:#fff;padding:12px 22px;border-radius:4px;font:inherit">Mua ngay</button></div>
</div></section>
<section class="sd-box sd-shop"><div class="avatar" style="background:#e5101d">${esc(initials(s.name))}</div><div><a href="/${esc(shopInfo(s).shop_url)}">${esc(s.name)}</a><div class="muted" style="font-size:12px">Shop+ · 4.8/5 · 98% phản hồi</div></div></section>
<section class="sd-box"><h2 style="font-size:17px;margin:0 0 8px">Chi tiết sản phẩm</h2><p>Bộ ấm chén gốm Bát Tràng gồm 1 ấm 500ml, 6 chén và khay, men lam vẽ tay họa tiết sen, nung ở 1.200°C, an toàn cho đồ uống nóng.</p></section>
</main>`;
  return {
    url: `http://www.sendo.vn${sendoPath(p)}`,
    platform: 'sendo',
    kind: 'product',
    title: `Sendo — trang sản phẩm: ${p.title}`,
    html: page({
      platform: 'sendo',
      title: `${p.title} | Sendo.vn`,
      css: SENDO_CSS,
      head: jsonState({ data }),
      body,
    }),
    badges: [badge(s)],
  };
}

function sendoShop(): DemoPage {
  const s = demoSeller('sendo', '9900007');
  const products = productsOf('sendo', s.sellerId);
  const body = `${sendoHeader()}
<main class="wrap">
<section class="sd-box" style="display:flex;gap:16px;align-items:center;background:linear-gradient(90deg,#e5101d,#ff5a5f);color:#fff">
<div class="avatar" style="background:#fff;color:#e5101d;width:72px;height:72px">${esc(initials(s.name))}</div>
<div><h1 style="margin:0;font-size:22px;display:inline-block;margin-right:8px">${esc(s.name)}</h1><div style="font-size:13px;opacity:.9">4.6/5 · 12,4k lượt theo dõi · Tham gia 2019</div></div>
</section>
<section class="sd-box"><h2 style="font-size:16px;margin:0 0 10px">Sản phẩm của shop</h2><div class="sd-grid">${products.map((p) => sendoCard(s, p)).join('')}</div></section>
</main>`;
  return {
    url: `http://www.sendo.vn/shop/${s.slug}`,
    platform: 'sendo',
    kind: 'shop',
    title: `Sendo — shop: ${s.name}`,
    html: page({
      platform: 'sendo',
      title: `${s.name} | Sendo.vn`,
      css: SENDO_CSS,
      head: jsonState({ shop: { ...shopInfo(s), shop_url: `https://www.sendo.vn/shop/${s.slug}` } }),
      body,
    }),
    badges: [badge(s)],
  };
}

function sendoListing(): DemoPage {
  const sellers = inventedSellers('sendo');
  const pairs = sellers.map((s) => [s, first(s)] as [DemoSeller, DemoProduct]);
  const items = pairs.map(([s, p]) => ({
    product_id: Number(p.id),
    name: p.title,
    final_price: p.price,
    shop_info: shopInfo(s),
  }));
  const body = `${sendoHeader('quà tặng')}
<main class="wrap">
<section class="sd-box"><b>Kết quả tìm kiếm cho "quà tặng"</b> <span class="muted">· ${pairs.length * 412} sản phẩm</span></section>
<section style="margin-top:12px" class="sd-grid">${pairs.map(([s, p]) => sendoCard(s, p)).join('\n')}</section>
</main>`;
  return {
    url: 'http://www.sendo.vn/tim-kiem?q=qu%C3%A0%20t%E1%BA%B7ng',
    platform: 'sendo',
    kind: 'listing',
    title: `Sendo — tìm kiếm "quà tặng" (${pairs.length} sản phẩm, ${pairs.length} người bán)`,
    html: page({
      platform: 'sendo',
      title: 'quà tặng | Sendo.vn',
      css: SENDO_CSS,
      head: jsonState({ data: { list: items } }),
      body,
    }),
    badges: sellers.map((s) => badge(s)),
  };
}

/** Every demo page of our own, by marketplace, then by kind (product, shop, listing, order). */
export function ownDemoPages(): DemoPage[] {
  return [
    shopeeProduct(),
    shopeeShop(),
    shopeeListing(),
    shopeeOrder(),
    lazadaProduct(),
    lazadaShop(),
    lazadaListing(),
    lazadaOrder(),
    tikiProduct(),
    tikiShop(),
    tikiListing(),
    tikiOrder(),
    tiktokProduct(),
    tiktokShop(),
    tiktokListing(),
    tiktokOrder(),
    sendoProduct(),
    sendoShop(),
    sendoListing(),
  ];
}
