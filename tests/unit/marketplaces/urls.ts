/**
 * URLs of every page kind per marketplace, from shared/reference/marketplaces.md and saved pages:
 * the cross matrix runs every detector over all of them. Kept out of the modules so that the
 * content script does not ship them. An empty list means the web has no such page.
 */
import type { PageKind } from '../../../lib/marketplaces/types';
import type { Platform } from '../../../lib/registry/seller-key';

export const TEST_URLS: Record<Platform, Record<PageKind, string[]>> = {
  shopee: {
    product: [
      'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711?sp_atk=84c8ad56&xptdk=84c8ad56',
      'https://shopee.vn/S%C3%A1ch-%C3%94ng-Gi%C3%A0-v%C3%A0-Bi%E1%BB%83n-C%E1%BA%A3-i.62069215.1909369068',
      'https://shopee.vn/product/395295057/29704866711',
      'https://shopee.vn/Dr.-Scholl-Medi-Qtto-i.672907573.19445913336?uls_trackid=abc&utm_source=fb',
    ],
    shop: [
      'https://shopee.vn/shop/1241697056',
      'https://shopee.vn/shop/672907573/search?shopCollection=1',
      'https://shopee.vn/binanco.official',
      'https://shopee.vn/teelab_official?categoryId=100017&entryPoint=ShopByPDP&itemId=19445913336',
    ],
    listing: [
      'https://shopee.vn/search?keyword=tai%20nghe',
      'https://shopee.vn/search?keyword=gi%C3%A1%20%C4%91%E1%BB%A1%20laptop&page=0&sortBy=sales',
      'https://shopee.vn/Th%E1%BB%9Di-Trang-Nam-cat.11035567',
      'https://shopee.vn/Headphones-cat.11036132.11109141',
    ],
    order: [
      'https://shopee.vn/user/purchase/order/118651414207583?type=3',
      'https://shopee.vn/user/purchase/order/118651414207583',
    ],
    other: [
      'https://shopee.vn/',
      'https://shopee.vn/cart',
      'https://shopee.vn/user/purchase?type=3',
      'https://shopee.vn/user/account/profile',
      'https://shopee.vn/verify/traffic/error?next=https%3A%2F%2Fshopee.vn%2Fshop%2F123&type=4',
      'https://shopee.vn/buyer/login?next=https%3A%2F%2Fshopee.vn%2F',
      'https://shopee.vn/flash_sale?promotionId=2039645794',
      'https://shopee.vn/mall',
      'https://shopee.vn/robots.txt',
      'https://shopee.vn/m/khuyen-mai',
    ],
  },
  lazada: {
    product: [
      'https://www.lazada.vn/products/tai-nghe-bluetooth-pamu-slide-mini-i456096674.html',
      'https://www.lazada.vn/products/pdp-i3261102356.html',
      'https://www.lazada.vn/products/nha-gia-kim-tai-ban-2017-paulo-coelho-i132621522-s133154361.html?spm=a2o4n.searchlist.list.1',
      'https://www.lazada.vn/products/nha-gia-kim-tai-ban-2017-paulo-coelho-i132621522-s133154361.html/',
    ],
    shop: [
      'https://www.lazada.vn/shop/teelab/',
      'https://www.lazada.vn/shop/tan-viet-shop/?itemId=132621522&channelSource=pdp',
      'https://www.lazada.vn/shop/zinus-official-store/?path=promotion-30412-0.htm&tab=promotion',
    ],
    listing: [
      'https://www.lazada.vn/catalog/?q=iphone&page=1',
      'https://www.lazada.vn/catalog/?q=n%E1%BB%93i%20chi%C3%AAn%20kh%C3%B4ng%20d%E1%BA%A7u&spm=a2o4n.home',
      'https://www.lazada.vn/dien-thoai-di-dong/',
      'https://www.lazada.vn/zinus-official-store/?from=wangpu&langFlag=vi&page=1&pageTypeId=2&q=All-Products',
    ],
    order: [
      'https://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185',
      'https://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185&shopGroupKey=abc&spm=a2o42.order_list',
    ],
    other: [
      'https://www.lazada.vn/',
      'https://www.lazada.vn/_____tmd_____/punish?x5secdata=abc',
      'https://my.lazada.vn/customer/order/index/',
      'https://my.lazada.vn/customer/account/index/',
      'https://www.lazada.vn/helpcenter/how-to-buy/',
      'https://www.lazada.vn/cart',
    ],
  },
  tiki: {
    product: [
      'https://tiki.vn/dien-thoai-samsung-galaxy-a16-8gb-128gb-da-kich-hoat-bao-hanh-dien-tu-hang-chinh-hang-p276614493.html?spid=276615090',
      'https://tiki.vn/product-p276614493.html?spid=276615090',
      'https://tiki.vn/nha-gia-kim-p45126414.html?itm_campaign=HMP_YPD_TKA_PLA_UNK_ALL_UNK_UNK_UNK_UNK_X.2_Y.2&itm_medium=CPC',
    ],
    shop: [
      'https://tiki.vn/cua-hang/tiki-trading',
      'https://tiki.vn/cua-hang/tiki-trading?t=product&cid=1789&cursor=0',
      'https://tiki.vn/cua-hang/nha-sach-fahasa/',
    ],
    listing: [
      'https://tiki.vn/search?q=tai+nghe',
      'https://tiki.vn/search?q=n%E1%BB%93i%20chi%C3%AAn&page=2',
      'https://tiki.vn/nha-sach-tiki/c8322',
      'https://tiki.vn/dien-thoai-may-tinh-bang/c1789?src=c.1789.hamburger_menu_fly_out_banner',
    ],
    order: [
      'https://tiki.vn/sales/order/view/329752040',
      'https://tiki.vn/sales/order/view/329752040?origin=oms&cate=order',
    ],
    other: [
      'https://tiki.vn/',
      'https://tiki.vn/sales/order/history',
      'https://tiki.vn/checkout/cart',
      'https://tiki.vn/customer/account/edit',
      'https://tiki.vn/khuyen-mai/hang-quoc-te',
    ],
  },
  tiktok: {
    product: [
      'https://shop.tiktok.com/vn/pdp/1734403691296490661',
      'https://shop.tiktok.com/vn/pdp/tai-nghe-bluetooth-khong-day-pro-2-pin-lau-tich-hop-chuc-nang/1733978849145751137',
      'https://shop.tiktok.com/view/product/1731434312432060118?region=VN&locale=vi-VN',
      'https://www.tiktok.com/shop/pdp/tai-nghe-bluetooth-k29/1734403691296490661?source=ecommerce_store',
      'https://www.tiktok.com/view/product/1731434312432060118?region=VN&locale=vi-VN',
      'https://shop-vn.tiktok.com/pdp/1734403691296490661?source=homepage_h5',
    ],
    shop: [
      'https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079',
      'https://www.tiktok.com/shop/store/thoi-trang-xinh-vn/7494000000000000001?source=product_detail',
    ],
    listing: [
      'https://www.tiktok.com/shop/s/tai-nghe-bluetooth',
      'https://www.tiktok.com/shop/c/phu-kien-dien-thoai/601450',
    ],
    order: [
      'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
      'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317&source=ecommerce_orderlist&enter_method=order_list_item_click',
      // Opened without the id in its URL: the page itself shows the order ID (read from the page).
      'https://www.tiktok.com/shop/order_detail',
    ],
    other: [
      'https://www.tiktok.com/',
      'https://www.tiktok.com/@goli.nutrition',
      'https://www.tiktok.com/@shopee_vn/video/7300000000000000000',
      'https://www.tiktok.com/shop/order_list',
      'https://shop.tiktok.com/us/pdp/1734403691296490661',
      'https://shop.tiktok.com/workbench/home',
      'https://www.tiktok.com/shop',
    ],
  },
  sendo: {
    product: [
      'https://www.sendo.vn/cap-sac-iphone-ipad-sac-nhanh-24a-cong-ket-noi-lightning-day-du-an-toan-chac-chan-chieu-dai-1-met-34406369.html?source_page_id=shop_home',
      'https://www.sendo.vn/ao-thun-nam-co-lo-1764-12345678.html',
    ],
    shop: [
      'https://www.sendo.vn/shop/vivan-official-store',
      'https://www.sendo.vn/shop/vuongquocbalo/san-pham/',
      'https://www.sendo.vn/shop/thoi-trang-xinh?source_block_id=banner',
    ],
    listing: [
      'https://www.sendo.vn/tim-kiem?q=c%C3%A1p%20s%E1%BA%A1c',
      'https://www.sendo.vn/tim-kiem?q=ao+thun&sortType=rank',
    ],
    // Buyer order-detail URLs of Sendo were not found in public code: no order page is claimed.
    order: [],
    other: [
      'https://www.sendo.vn/',
      'https://www.sendo.vn/tai-khoan',
      'https://www.sendo.vn/gio-hang',
      'https://www.sendo.vn/thoi-trang-nu/',
    ],
  },
};
