/**
 * What the demo shops sell: one product (and a few more for the shop pages) per invented demo
 * seller of server/demo/data.ts, with Vietnamese names and prices in đồng. Product ids sit in a
 * range of their own (991…), like the sellers' (99…), so that nothing points at a real listing.
 */

import type { Platform } from '../../lib/registry/seller-key';
import { DEMO_SELLERS, type DemoSeller } from '../../server/demo/data';

export interface DemoProduct {
  id: string;
  /** Tiki's seller product id (`spid`), where the marketplace uses one. */
  spid?: string;
  title: string;
  /** The URL slug: ASCII words joined by dashes. */
  slug: string;
  price: number;
  oldPrice?: number;
  sold: string;
  rating: number;
  hue: number;
  label: string;
}

/** A demo seller of server/demo/data.ts by platform and id; a missing one is a mistake here. */
export function demoSeller(platform: Platform, sellerId: string): DemoSeller {
  const s = DEMO_SELLERS.find((x) => x.platform === platform && x.sellerId === sellerId);
  if (!s) throw new Error(`no demo seller ${platform}:${sellerId} in server/demo/data.ts`);
  return s;
}

/** The invented sellers of one marketplace, in the order of the demo data. */
export function inventedSellers(platform: Platform): DemoSeller[] {
  return DEMO_SELLERS.filter((s) => s.platform === platform && s.sellerId.startsWith('99'));
}

function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 70);
}

type Row = [title: string, price: number, oldPrice: number | undefined, sold: string, label: string];

/** Rows per seller (first row: the product the listing shows), by `<platform>:<sellerId>`. */
const ROWS: Record<string, Row[]> = {
  'shopee:9900000001': [
    [
      'Nồi chiên không dầu Minh Anh 5.5L điều khiển cảm ứng, bảo hành 12 tháng',
      1_290_000,
      1_890_000,
      '2,3k',
      'Nồi chiên',
    ],
    ['Máy xay sinh tố đa năng 2 cối thủy tinh 600W', 459_000, 650_000, '870', 'Máy xay'],
    ['Bộ nồi inox 3 đáy 5 món dùng được bếp từ', 699_000, 990_000, '1,1k', 'Bộ nồi'],
    ['Ấm siêu tốc inox 1.8L tự ngắt an toàn', 189_000, 250_000, '5,4k', 'Ấm đun'],
  ],
  'shopee:9900000002': [
    ['Son kem lì Hoa Sen màu đỏ gạch, lâu trôi 8 giờ', 129_000, 180_000, '3,2k', 'Son kem'],
  ],
  'shopee:9900000003': [
    ['Váy công chúa cho bé gái 2–8 tuổi vải voan mềm', 165_000, 220_000, '640', 'Váy bé'],
  ],
  'shopee:9900000004': [['Cáp sạc nhanh Type-C 65W dây dù dài 2m', 59_000, 99_000, '12k', 'Cáp sạc']],
  'shopee:9900000005': [
    ['Đồng hồ nam dây da cổ điển mặt kính sapphire', 890_000, 1_250_000, '310', 'Đồng hồ'],
  ],
  'shopee:9900000006': [
    ['Nước hoa nữ hương hoa cỏ 50ml lưu hương lâu', 350_000, 590_000, '1,9k', 'Nước hoa'],
  ],
  'shopee:9900000007': [['Giày sneaker nam nữ cổ thấp đế cao su', 249_000, 450_000, '7,8k', 'Sneaker']],
  'shopee:9900000008': [
    ['Kem chống nắng Hàn Quốc SPF50+ PA++++ 50ml', 145_000, 320_000, '9,6k', 'Chống nắng'],
    ['Serum vitamin C sáng da 30ml', 189_000, 390_000, '4,1k', 'Serum C'],
    ['Sữa rửa mặt tạo bọt trà xanh 150ml', 99_000, 180_000, '12k', 'Rửa mặt'],
    ['Mặt nạ giấy dưỡng ẩm hộp 10 miếng', 79_000, 150_000, '21k', 'Mặt nạ'],
  ],
  'shopee:9900000009': [['Len cotton milk 5 sợi cuộn 50g nhiều màu', 18_000, undefined, '2,7k', 'Len']],
  'shopee:9900000010': [['Bộ đồ chơi xếp hình 500 chi tiết cho bé', 215_000, 300_000, '530', 'Xếp hình']],

  'lazada:990000000001': [['Sách Nhà Giả Kim (tái bản) — Paulo Coelho', 69_000, 79_000, '4,5k', 'Sách']],
  'lazada:990000000002': [
    ['Bàn làm việc gỗ cao su 120×60 cm chân sắt sơn tĩnh điện', 1_450_000, 1_900_000, '420', 'Bàn gỗ'],
    ['Kệ sách gỗ 5 tầng lắp ráp', 690_000, 850_000, '380', 'Kệ sách'],
    ['Ghế gỗ tựa lưng phòng ăn (bộ 2)', 980_000, 1_200_000, '150', 'Ghế gỗ'],
    ['Tủ đầu giường 2 ngăn kéo', 520_000, 640_000, '260', 'Tủ nhỏ'],
  ],
  'lazada:990000000006': [['Trà Thái Nguyên Tân Cương móc câu 500g', 180_000, 220_000, '1,3k', 'Trà']],
  'lazada:990000000003': [['Quạt điều hòa hơi nước 40L 3 chế độ gió', 2_390_000, 3_100_000, '210', 'Quạt']],
  'lazada:990000000007': [['Bộ nhông sên dĩa xe số 428', 320_000, 390_000, '660', 'Nhông sên']],
  'lazada:990000000004': [
    ['Viên uống bổ sung collagen Vita Plus hộp 60 viên', 420_000, 850_000, '2,8k', 'Collagen'],
  ],
  'lazada:990000000005': [['Balo laptop 15.6 inch chống nước', 299_000, 420_000, '970', 'Balo']],

  'tiki:9900001': [
    ['Sách Đắc Nhân Tâm (bìa cứng)', 86_000, 108_000, '15k', 'Sách'],
    ['Sách Tuổi Trẻ Đáng Giá Bao Nhiêu', 70_000, 90_000, '9,2k', 'Sách'],
    ['Sách Cây Cam Ngọt Của Tôi', 82_000, 108_000, '11k', 'Sách'],
    ['Sách Muôn Kiếp Nhân Sinh', 125_000, 168_000, '6,5k', 'Sách'],
  ],
  'tiki:9900002': [['Bút bi Thiên An hộp 20 cây mực xanh', 45_000, 55_000, '3,3k', 'Bút bi']],
  'tiki:9900007': [['Cà phê rang xay Buôn Ma Thuột nguyên chất 500g', 155_000, 190_000, '2,2k', 'Cà phê']],
  'tiki:9900003': [['Máy lọc nước RO 10 lõi Aqua Sạch, tủ đứng', 4_590_000, 6_200_000, '180', 'Máy lọc']],
  'tiki:9900004': [['Bình sữa cho bé cổ rộng 240ml', 189_000, 240_000, '720', 'Bình sữa']],
  'tiki:9900005': [['Sữa bột nhập khẩu cho bé 1–3 tuổi lon 800g', 615_000, 690_000, '1,4k', 'Sữa bột']],
  'tiki:9900006': [['Giỏ mây tre đan đựng đồ trang trí', 135_000, undefined, '90', 'Giỏ mây']],

  'tiktok:9900000000000000001': [
    ['Kem dưỡng ẩm phục hồi da Cosmetic Town 50ml', 259_000, 399_000, '8,7k', 'Kem dưỡng'],
    ['Nước tẩy trang dịu nhẹ 400ml', 149_000, 229_000, '13k', 'Tẩy trang'],
  ],
  'tiktok:9900000000000000002': [['Áo thun nam cotton basic cổ tròn', 99_000, 159_000, '6,1k', 'Áo thun']],
  'tiktok:9900000000000000006': [['Ốp lưng iPhone silicon hình gấu', 39_000, 79_000, '18k', 'Ốp lưng']],
  'tiktok:9900000000000000003': [
    ['Đầm maxi hoa nhí đi biển', 189_000, 350_000, '3,9k', 'Đầm maxi'],
    ['Áo croptop tay phồng', 119_000, 199_000, '2,5k', 'Croptop'],
    ['Quần ống rộng lưng cao', 159_000, 260_000, '4,4k', 'Quần'],
    ['Chân váy xếp ly dáng dài', 145_000, 240_000, '1,8k', 'Chân váy'],
  ],
  'tiktok:9900000000000000007': [
    ['Tai nghe Bluetooth không dây pin 30 giờ', 129_000, 299_000, '25k', 'Tai nghe'],
  ],
  'tiktok:9900000000000000004': [['Son môi handmade Cherry màu cam đất', 89_000, 150_000, '7,3k', 'Son môi']],
  'tiktok:9900000000000000008': [['Serum trắng da cấp tốc 7 ngày 30ml', 199_000, 590_000, '31k', 'Serum']],
  'tiktok:9900000000000000005': [['Máy hút bụi cầm tay không dây mini', 359_000, 590_000, '1,2k', 'Hút bụi']],

  'sendo:9900001': [
    ['Bộ ấm chén Bát Tràng men lam vẽ sen', 420_000, 520_000, '860', 'Ấm chén'],
    ['Bình hoa gốm men rạn cao 30cm', 280_000, 350_000, '340', 'Bình hoa'],
  ],
  'sendo:9900002': [['Bộ chăn ga gối cotton Hàn Quốc 1m8', 650_000, 890_000, '1,5k', 'Chăn ga']],
  'sendo:9900006': [['Khô cá lóc miền Tây loại 1 túi 500g', 210_000, 250_000, '2,1k', 'Khô cá']],
  'sendo:9900003': [['Chuột không dây văn phòng pin AA', 95_000, 150_000, '3,6k', 'Chuột']],
  'sendo:9900007': [
    ['Kính mát nữ gọng tròn chống UV400', 119_000, 250_000, '4,8k', 'Kính mát'],
    ['Kính râm nam gọng vuông phân cực', 149_000, 290_000, '2,2k', 'Kính râm'],
    ['Gọng kính cận nữ mắt mèo', 99_000, 180_000, '1,6k', 'Gọng kính'],
    ['Hộp đựng kính da PU', 39_000, 60_000, '5,1k', 'Hộp kính'],
  ],
  'sendo:9900004': [['Rượu vang đỏ nhập khẩu Pháp 750ml', 590_000, 750_000, '410', 'Rượu vang']],
  'sendo:9900005': [['Hạt giống rau muống ăn ngọn gói 100g', 15_000, undefined, '8,9k', 'Hạt giống']],
};

const BASE_ID: Record<Platform, number> = {
  shopee: 99_100_100_000,
  lazada: 991_200_000,
  tiki: 991_300_000,
  tiktok: 0, // TikTok ids are longer than a safe integer: built as text below
  sendo: 991_500_000,
};

/** The products of a demo seller (at least one), with stable ids derived from their position. */
export function productsOf(platform: Platform, sellerId: string): DemoProduct[] {
  const rows = ROWS[`${platform}:${sellerId}`];
  if (!rows?.length) throw new Error(`no demo products for ${platform}:${sellerId}`);
  const sellers = inventedSellers(platform);
  const n = sellers.findIndex((s) => s.sellerId === sellerId);
  return rows.map(([title, price, oldPrice, sold, label], i) => {
    const serial = (n + 1) * 10 + i + 1;
    const id =
      platform === 'tiktok'
        ? `99140000000000000${String(serial).padStart(2, '0')}`
        : String(BASE_ID[platform] + serial);
    return {
      id,
      ...(platform === 'tiki' ? { spid: String(BASE_ID.tiki + 5000 + serial) } : {}),
      title,
      slug: slugOf(title),
      price,
      ...(oldPrice ? { oldPrice } : {}),
      sold,
      rating: 4 + ((n * 3 + i) % 10) / 10,
      hue: (n * 47 + i * 23 + platform.length * 31) % 360,
      label,
    };
  });
}
