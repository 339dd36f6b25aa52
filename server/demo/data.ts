/**
 * Demo dataset for `npm start` and the end-to-end tests. Everything here is made up and is seeded
 * with `demo = 1` on every row (server/demo/seed.ts); every business name ends with
 * " (dữ liệu mẫu)" so that no screen can pass it off as a real registration.
 *
 * Two kinds of sellers:
 * - invented shops, at least one of each level on each marketplace. Their ids sit in a reserved
 *   range that starts with "99" (longer than or beyond the ids the marketplaces hand out today) so
 *   that demo facts never land on a real shop;
 * - the sellers that appear in the real saved pages of `../shared/fixtures/real/`, under their real
 *   ids and slugs, so that the extension shows badges when it is pointed at those pages. Their facts
 *   are invented and spread over the five levels by position, so a listing page shows every badge.
 *
 * Dates are days before the day of seeding. Facts that must stay "recent" are at most 150 days old
 * (and facts that must stay within 24 months at most 500 days), so a seeded database keeps its
 * levels for about six months.
 */
import type { Level } from '../../lib/registry/schemas';
import type { Platform } from '../../lib/registry/seller-key';

export interface DemoComplaint {
  daysAgo: number;
  status: 'submitted' | 'forwarded' | 'responded' | 'escalated' | 'resolved' | 'closed' | 'withdrawn';
  outcome?: 'shopper' | 'seller';
  /** The seller missed the answer deadline (DEMO_ANSWER_DEADLINE_DAYS after filing). */
  late?: boolean;
  escalated?: boolean;
  answeredAfterDays?: number;
  resolvedAfterDays?: number;
  /**
   * Nobody verified the order yet: shown as a count ("chưa xác minh"), never in the level. Demo
   * complaints are otherwise loaded as verified facts (`verified_by` 'import').
   */
  unverified?: boolean;
}

export interface DemoSeller {
  platform: Platform;
  /** The marketplace's numeric seller id (always numeric here). */
  sellerId: string;
  /** Username or shop slug, registered as the alias `<platform>:@<slug>`. */
  slug?: string;
  /** Shop display name. */
  name: string;
  officialStore?: boolean;
  business?: {
    name: string;
    taxCode?: string;
    status: 'registered' | 'notified' | 'unregistered' | 'revoked';
    registeredOn?: string;
    sourceRef: string;
  };
  complaints?: DemoComplaint[];
  /** `confirmed`: days ago of each moderator-confirmed report. Unconfirmed reports never count. */
  counterfeit?: { confirmed: number[]; unconfirmed?: number; dismissed?: number };
  sanctions?: { authority: string; decision: string; daysAgo: number; summary: string; url?: string }[];
  intendedLevel: Level;
  /** Path under `fixtures/real/` of the saved page the seller comes from. */
  fromFixture?: string;
}

/** Demo complaints are forwarded the day they are filed and due this many days later (seed.ts). */
export const DEMO_ANSWER_DEADLINE_DAYS = 7;

export const DEMO_SUFFIX = ' (dữ liệu mẫu)';

// ---------------------------------------------------------------------------------------------
// Building blocks for complaint histories. Each returns a self-consistent complaint: answers and
// resolutions never come after "today", and `late` is set exactly when the deadline was missed.

/** Answered in time, then settled between shopper and seller without a moderator. */
function settled(
  daysAgo: number,
  outcome: 'shopper' | 'seller' = 'shopper',
  answeredAfterDays = 2,
): DemoComplaint {
  return {
    daysAgo,
    status: 'resolved',
    outcome,
    answeredAfterDays,
    resolvedAfterDays: answeredAfterDays + 4,
  };
}

/** Answered after the deadline; the shopper got relief in the end. */
function answeredLate(daysAgo: number, answeredAfterDays = 11): DemoComplaint {
  return {
    daysAgo,
    status: 'resolved',
    outcome: 'shopper',
    late: true,
    answeredAfterDays,
    resolvedAfterDays: answeredAfterDays + 5,
  };
}

/** Answered in time but refused; the shopper disputed and a moderator found for the shopper. */
function upheld(daysAgo: number): DemoComplaint {
  return {
    daysAgo,
    status: 'resolved',
    outcome: 'shopper',
    escalated: true,
    answeredAfterDays: 3,
    resolvedAfterDays: 21,
  };
}

/** Answered in time; the shopper disputed and a moderator found for the seller. */
function dismissedAfterEscalation(daysAgo: number): DemoComplaint {
  return {
    daysAgo,
    status: 'closed',
    outcome: 'seller',
    escalated: true,
    answeredAfterDays: 2,
    resolvedAfterDays: 18,
  };
}

/** Answered in time, waiting for the shopper to accept or dispute. */
function responded(daysAgo: number): DemoComplaint {
  return { daysAgo, status: 'responded', answeredAfterDays: Math.min(2, daysAgo) };
}

/** Forwarded recently, deadline not reached yet. */
function awaitingAnswer(daysAgo: number): DemoComplaint {
  return { daysAgo, status: 'forwarded' };
}

function withdrawn(daysAgo: number): DemoComplaint {
  return { daysAgo, status: 'withdrawn' };
}

/** Filed and forwarded, but nobody has verified the order yet: it does not count in the level. */
function unverified(daysAgo: number): DemoComplaint {
  return { daysAgo, status: 'forwarded', unverified: true };
}

/** The source reference names the business, which keeps it unique (seed.ts dedupes on it). */
function business(
  name: string,
  status: NonNullable<DemoSeller['business']>['status'],
  registeredOn?: string,
  taxCode?: string,
): NonNullable<DemoSeller['business']> {
  return {
    name: `${name}${DEMO_SUFFIX}`,
    status,
    sourceRef: `online.gov.vn${DEMO_SUFFIX}: ${name}`,
    ...(registeredOn ? { registeredOn } : {}),
    ...(taxCode ? { taxCode } : {}),
  };
}

const QLTT_HCM = 'Cục Quản lý thị trường TP. Hồ Chí Minh';
const QLTT_HN = 'Cục Quản lý thị trường Hà Nội';
const QLTT_BD = 'Cục Quản lý thị trường tỉnh Bình Dương';
const SCT_HCM = 'Sở Công Thương TP. Hồ Chí Minh';
const SCT_DN = 'Sở Công Thương TP. Đà Nẵng';

// ---------------------------------------------------------------------------------------------
// Invented sellers. Ids: Shopee 99000000NN, Lazada 9900000000NN, Tiki and Sendo 99000NN,
// TikTok Shop 99000000000000000NN.

const SHOPEE: DemoSeller[] = [
  {
    platform: 'shopee',
    sellerId: '9900000001',
    slug: 'giadungminhanh_demo',
    name: 'Gia Dụng Minh Anh Official',
    officialStore: true,
    business: business('Công ty TNHH Gia Dụng Minh Anh', 'registered', '2019-04-12', '9900000101'),
    complaints: [
      settled(12),
      settled(35, 'seller'),
      settled(61),
      settled(88, 'shopper', 1),
      settled(130),
      settled(170, 'seller'),
      settled(220),
      settled(300, 'shopper', 3),
      responded(4),
      withdrawn(50),
      unverified(3),
      unverified(5),
    ],
    intendedLevel: 'trusted',
  },
  {
    platform: 'shopee',
    sellerId: '9900000002',
    slug: 'myphamhoasen_demo',
    name: 'Mỹ Phẩm Hoa Sen',
    business: business('Hộ kinh doanh Mỹ Phẩm Hoa Sen', 'notified', '2021-09-03'),
    intendedLevel: 'trusted',
  },
  {
    platform: 'shopee',
    sellerId: '9900000003',
    name: 'Thời Trang Bé Na',
    business: business('Công ty TNHH Thời Trang Bé Na', 'registered', '2020-02-20', '9900000103'),
    complaints: [
      settled(20),
      answeredLate(45),
      settled(70, 'seller'),
      answeredLate(110, 9),
      settled(140),
      awaitingAnswer(2),
    ],
    intendedLevel: 'ok',
  },
  {
    platform: 'shopee',
    sellerId: '9900000004',
    slug: 'phukientanphu_demo',
    name: 'Phụ Kiện Điện Thoại Tân Phú',
    complaints: [settled(33), settled(95, 'seller')],
    intendedLevel: 'ok',
  },
  {
    platform: 'shopee',
    sellerId: '9900000005',
    name: 'Đồng Hồ Sài Gòn Xưa',
    business: business('Công ty TNHH Đồng Hồ Sài Gòn Xưa', 'registered', '2018-11-05', '9900000105'),
    complaints: [settled(25), settled(140)],
    counterfeit: { confirmed: [120], unconfirmed: 3, dismissed: 1 },
    intendedLevel: 'caution',
  },
  {
    platform: 'shopee',
    sellerId: '9900000006',
    slug: 'nuochoaparis_demo',
    name: 'Nước Hoa Paris Corner',
    sanctions: [
      {
        authority: SCT_HCM,
        decision: '412/QĐ-XPHC',
        daysAgo: 1010,
        summary:
          'Không cung cấp đầy đủ thông tin về hàng hóa (xuất xứ, hạn dùng) khi bán nước hoa trên sàn thương mại điện tử; phạt tiền 7.500.000 đồng (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'caution',
  },
  {
    platform: 'shopee',
    sellerId: '9900000007',
    name: 'Giày Sneaker Giá Xưởng',
    complaints: [settled(15, 'seller'), answeredLate(60)],
    counterfeit: { confirmed: [18, 64, 131], unconfirmed: 5, dismissed: 2 },
    intendedLevel: 'danger',
  },
  {
    platform: 'shopee',
    sellerId: '9900000008',
    slug: 'myphamxachtay247_demo',
    name: 'Mỹ Phẩm Xách Tay Hàn Quốc 247',
    business: business('Công ty TNHH Thương mại Mỹ Phẩm 247', 'registered', '2020-06-18', '9900000108'),
    sanctions: [
      {
        authority: QLTT_HCM,
        decision: '1187/QĐ-XPHC',
        daysAgo: 95,
        summary:
          'Kinh doanh mỹ phẩm không rõ nguồn gốc, xuất xứ; phạt tiền 35.000.000 đồng và buộc tiêu hủy hàng vi phạm (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'danger',
  },
  {
    platform: 'shopee',
    sellerId: '9900000009',
    name: 'Tiệm Len Nhà Mây',
    intendedLevel: 'unknown',
  },
  {
    platform: 'shopee',
    sellerId: '9900000010',
    slug: 'dochoikidland_demo',
    name: 'Đồ Chơi Trẻ Em Kid Land',
    business: business('Hộ kinh doanh Kid Land', 'unregistered'),
    counterfeit: { confirmed: [], unconfirmed: 2 },
    intendedLevel: 'unknown',
  },
];

const LAZADA: DemoSeller[] = [
  {
    platform: 'lazada',
    sellerId: '990000000001',
    slug: 'sach-viet-books-demo',
    name: 'Sách Việt Books',
    officialStore: true,
    business: business('Công ty TNHH Sách Việt', 'registered', '2017-08-21', '9900000201'),
    complaints: [settled(18), settled(47, 'seller'), settled(90), settled(150)],
    intendedLevel: 'trusted',
  },
  {
    platform: 'lazada',
    sellerId: '990000000002',
    slug: 'noi-that-go-moc-an-demo',
    name: 'Nội Thất Gỗ Mộc An',
    business: business('Công ty TNHH Nội Thất Mộc An', 'registered', '2019-01-15', '9900000202'),
    complaints: [
      settled(10),
      answeredLate(38, 10),
      settled(66),
      answeredLate(101),
      settled(120, 'seller'),
      settled(145),
      settled(310),
    ],
    intendedLevel: 'ok',
  },
  {
    platform: 'lazada',
    sellerId: '990000000006',
    name: 'Trà Thái Nguyên Tân Cương',
    complaints: [settled(72)],
    intendedLevel: 'ok',
  },
  {
    platform: 'lazada',
    sellerId: '990000000003',
    slug: 'dien-may-hoang-long-demo',
    name: 'Điện Máy Hoàng Long',
    business: business('Công ty TNHH Điện Máy Hoàng Long', 'registered', '2016-05-09', '9900000203'),
    complaints: [
      answeredLate(24),
      settled(30),
      answeredLate(52, 13),
      settled(75, 'seller'),
      {
        daysAgo: 98,
        status: 'closed',
        outcome: 'shopper',
        late: true,
        escalated: true,
        resolvedAfterDays: 25,
      },
      answeredLate(120),
      settled(133),
      settled(149),
      awaitingAnswer(3),
    ],
    intendedLevel: 'caution',
  },
  {
    platform: 'lazada',
    sellerId: '990000000007',
    name: 'Phụ Tùng Xe Máy Thành Đạt',
    business: business('Công ty TNHH Phụ Tùng Thành Đạt', 'revoked', '2015-03-30', '9900000207'),
    complaints: [settled(40)],
    intendedLevel: 'caution',
  },
  {
    platform: 'lazada',
    sellerId: '990000000004',
    slug: 'vita-plus-demo',
    name: 'Thực Phẩm Chức Năng Vita Plus',
    business: business('Công ty TNHH Dược Phẩm Vita Plus', 'registered', '2018-10-02', '9900000204'),
    sanctions: [
      {
        authority: QLTT_HN,
        decision: '236/QĐ-XPHC',
        daysAgo: 140,
        summary:
          'Quảng cáo thực phẩm bảo vệ sức khỏe có nội dung gây hiểu nhầm là thuốc chữa bệnh; phạt tiền 60.000.000 đồng (dữ liệu mẫu).',
      },
      {
        authority: QLTT_HN,
        decision: '58/QĐ-XPHC',
        daysAgo: 900,
        summary:
          'Kinh doanh thực phẩm bảo vệ sức khỏe quá hạn sử dụng; phạt tiền 15.000.000 đồng (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'danger',
  },
  {
    platform: 'lazada',
    sellerId: '990000000005',
    name: 'Balo Túi Xách Bảo Ngọc',
    intendedLevel: 'unknown',
  },
];

const TIKI: DemoSeller[] = [
  {
    platform: 'tiki',
    sellerId: '9900001',
    slug: 'nha-sach-tri-tue-viet-demo',
    name: 'Nhà Sách Trí Tuệ Việt',
    business: business('Công ty TNHH Văn Hóa Trí Tuệ Việt', 'notified', '2020-12-01', '9900000301'),
    complaints: [settled(22), settled(80, 'seller'), settled(143)],
    intendedLevel: 'trusted',
  },
  {
    platform: 'tiki',
    sellerId: '9900002',
    name: 'Văn Phòng Phẩm Thiên An',
    business: business('Công ty TNHH Văn Phòng Phẩm Thiên An', 'registered', '2019-07-07', '9900000302'),
    complaints: [settled(16), answeredLate(49), settled(83, 'seller'), answeredLate(127, 8), settled(140)],
    intendedLevel: 'ok',
  },
  {
    platform: 'tiki',
    sellerId: '9900007',
    slug: 'ca-phe-dat-do-demo',
    name: 'Cà Phê Rang Xay Buôn Ma Thuột Đất Đỏ',
    complaints: [settled(28), settled(115, 'seller'), withdrawn(60)],
    intendedLevel: 'ok',
  },
  {
    platform: 'tiki',
    sellerId: '9900003',
    slug: 'may-loc-nuoc-aqua-sach-demo',
    name: 'Máy Lọc Nước Aqua Sạch',
    business: business('Công ty TNHH Thiết Bị Aqua Sạch', 'registered', '2018-04-25', '9900000303'),
    complaints: [
      upheld(35),
      settled(57),
      upheld(82),
      dismissedAfterEscalation(104),
      upheld(138),
      settled(146),
    ],
    intendedLevel: 'caution',
  },
  {
    platform: 'tiki',
    sellerId: '9900004',
    name: 'Mẹ Và Bé Bống Bang',
    business: business('Hộ kinh doanh Bống Bang', 'notified', '2022-03-14'),
    counterfeit: { confirmed: [420], unconfirmed: 1 },
    intendedLevel: 'caution',
  },
  {
    platform: 'tiki',
    sellerId: '9900005',
    slug: 'sua-nhap-khau-ngoc-chau-demo',
    name: 'Sữa Nhập Khẩu Ngọc Châu',
    business: business('Công ty TNHH Xuất Nhập Khẩu Ngọc Châu', 'registered', '2019-09-09', '9900000305'),
    counterfeit: { confirmed: [26, 77, 140], unconfirmed: 4, dismissed: 1 },
    intendedLevel: 'danger',
  },
  {
    platform: 'tiki',
    sellerId: '9900006',
    name: 'Quà Tặng Handmade Mây Tre',
    intendedLevel: 'unknown',
  },
];

const TIKTOK: DemoSeller[] = [
  {
    platform: 'tiktok',
    sellerId: '9900000000000000001',
    slug: 'cosmetic-town-official-demo',
    name: 'Cosmetic Town Official',
    officialStore: true,
    business: business('Công ty TNHH Cosmetic Town', 'registered', '2021-05-20', '9900000401'),
    complaints: [settled(9), settled(26), settled(41, 'seller'), settled(77), settled(102), settled(139)],
    intendedLevel: 'trusted',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000002',
    name: 'Quần Áo Nam Basic Men',
    business: business('Hộ kinh doanh Basic Men', 'notified', '2022-08-11'),
    complaints: [answeredLate(21), settled(44), answeredLate(93), settled(118, 'seller')],
    intendedLevel: 'ok',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000006',
    name: 'Ốp Lưng Điện Thoại Cute Case',
    complaints: [settled(55)],
    intendedLevel: 'ok',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000003',
    slug: 'thoi-trang-bao-vy-demo',
    name: 'Thời Trang Livestream Bảo Vy',
    complaints: [
      answeredLate(18),
      settled(19),
      answeredLate(33, 12),
      settled(48),
      answeredLate(67),
      settled(81, 'seller'),
      answeredLate(96, 10),
      settled(110),
      answeredLate(125),
      settled(147),
      settled(150, 'seller'),
      awaitingAnswer(1),
    ],
    intendedLevel: 'caution',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000007',
    name: 'Tai Nghe Bluetooth Giá Rẻ HT',
    business: business('Hộ kinh doanh Điện Tử HT', 'registered', '2017-02-02', '9900000407'),
    complaints: [settled(64)],
    sanctions: [
      {
        authority: QLTT_BD,
        decision: '77/QĐ-XPHC',
        daysAgo: 1150,
        summary:
          'Kinh doanh tai nghe không có hóa đơn, chứng từ chứng minh nguồn gốc hàng hóa; phạt tiền 10.000.000 đồng (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'caution',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000004',
    slug: 'son-moi-handmade-cherry-demo',
    name: 'Son Môi Handmade Cherry',
    complaints: [settled(30)],
    sanctions: [
      {
        authority: QLTT_HCM,
        decision: '903/QĐ-XPHC',
        daysAgo: 60,
        summary:
          'Sản xuất, kinh doanh mỹ phẩm (son môi) chưa được cấp số tiếp nhận phiếu công bố sản phẩm; phạt tiền 40.000.000 đồng, tịch thu hàng vi phạm (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'danger',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000008',
    name: 'Serum Trắng Da Cấp Tốc',
    counterfeit: { confirmed: [12, 58, 97, 330], unconfirmed: 6 },
    intendedLevel: 'danger',
  },
  {
    platform: 'tiktok',
    sellerId: '9900000000000000005',
    name: 'Đồ Gia Dụng Thông Minh Nhà Xinh',
    counterfeit: { confirmed: [], unconfirmed: 2, dismissed: 1 },
    intendedLevel: 'unknown',
  },
];

const SENDO: DemoSeller[] = [
  {
    platform: 'sendo',
    sellerId: '9900001',
    slug: 'gom-su-bat-trang-hung-thinh-demo',
    name: 'Gốm Sứ Bát Tràng Hưng Thịnh',
    business: business('Hộ kinh doanh Gốm Sứ Hưng Thịnh', 'notified', '2019-12-12'),
    intendedLevel: 'trusted',
  },
  {
    platform: 'sendo',
    sellerId: '9900002',
    name: 'Chăn Ga Gối Đệm Hà Thành',
    business: business('Công ty TNHH Chăn Ga Hà Thành', 'registered', '2018-06-06', '9900000502'),
    complaints: [
      settled(11),
      answeredLate(36),
      settled(59, 'seller'),
      answeredLate(88, 9),
      settled(121),
      settled(148),
    ],
    intendedLevel: 'ok',
  },
  {
    platform: 'sendo',
    sellerId: '9900006',
    slug: 'dac-san-mien-tay-co-ba-demo',
    name: 'Đặc Sản Miền Tây Cô Ba',
    complaints: [settled(42), settled(400, 'seller')],
    intendedLevel: 'ok',
  },
  {
    platform: 'sendo',
    sellerId: '9900003',
    name: 'Linh Kiện Máy Tính Phát Đạt',
    business: business('Công ty TNHH Tin Học Phát Đạt', 'revoked', '2014-10-10', '9900000503'),
    intendedLevel: 'caution',
  },
  {
    platform: 'sendo',
    sellerId: '9900007',
    slug: 'kinh-mat-lady-demo',
    name: 'Kính Mắt Thời Trang Lady',
    complaints: [upheld(27), upheld(63), settled(79), upheld(112), upheld(144)],
    intendedLevel: 'caution',
  },
  {
    platform: 'sendo',
    sellerId: '9900004',
    name: 'Rượu Vang Nhập Khẩu Le Vin',
    business: business('Công ty TNHH Thương mại Le Vin', 'registered', '2016-01-20', '9900000504'),
    sanctions: [
      {
        authority: SCT_DN,
        decision: '315/QĐ-XPHC',
        daysAgo: 430,
        summary:
          'Kinh doanh rượu nhập khẩu không dán tem nhập khẩu theo quy định; phạt tiền 30.000.000 đồng và tịch thu hàng vi phạm (dữ liệu mẫu).',
      },
    ],
    intendedLevel: 'danger',
  },
  {
    platform: 'sendo',
    sellerId: '9900005',
    name: 'Hạt Giống Nhà Nông Xanh',
    intendedLevel: 'unknown',
  },
];

// ---------------------------------------------------------------------------------------------
// Sellers of the real saved pages (ids and slugs as the pages show them; facts invented).

const FX = {
  shopeePdp: 'shopee/shpsg-shopee-sg-product_detail_sample.html',
  shopeeSearch: 'shopee/shpsg-shopee-sg-keyword_search_result_sample.html',
  shopeeGetPc: 'shopee/price-tracker-get_pc-multi-variant-user-session.json',
  shopeeVnSearch: 'shopee/e-commerce-search-info-shopee-vn-search-items-2025.json',
  lazadaPdp: 'lazada/chuhieu311-2018-lazada-pdp-nha-gia-kim.html',
  lazadaStore: 'lazada/vuanem-lazada-vn-store-listitems-2021.json',
  lazadaOrder: 'lazada/selfservice-lazada-sg-mtop-orderdetail-o5.json',
  tiki: 'tiki/tiki-api-v2-products-276614493.json',
  sendo: 'sendo/truth-review-sendo-product-detail-34406369.json',
} as const;

/**
 * The shop of the saved Shopee product page and shop page (og:url `-i.672907573.…`, JSON-LD
 * seller `nobistar.sg`, and `/shop/672907573/recommendation-landing` plus 30 cards on the shop
 * page). Hand-written: the end-to-end demo opens this shop and expects a complaint history.
 */
const NOBISTAR: DemoSeller = {
  platform: 'shopee',
  sellerId: '672907573',
  slug: 'nobistar.sg',
  name: 'nobistar.sg',
  business: business('Công ty TNHH Hàng Nhật Nobi', 'registered', '2021-03-08', '9900000901'),
  complaints: [
    settled(6, 'seller', 1),
    settled(27),
    settled(53, 'seller'),
    settled(79),
    settled(104, 'shopper', 3),
    settled(141),
    responded(3),
    withdrawn(40),
    answeredLate(520),
    settled(610),
  ],
  intendedLevel: 'trusted',
  fromFixture: FX.shopeePdp,
};

/** Shop ids of the 60 `li[data-sqe="item"]` cards of the saved search page, first-seen order. */
// biome-ignore format: ids in rows, not one per line
const SHOPEE_SG_SEARCH_SHOPS = [
  '1253883447', '882041290', '1020013072', '1366898683', '1510491427', '951927041', '1227355272',
  '1274766352', '898557677', '1049647839', '822127024', '1572485073', '1114295948', '1187996203',
  '1447621698', '1499750476', '1315999987', '1505549973', '1477478268', '955746159', '1151369338',
  '1586483899', '1479108245', '1464510821', '1526952093', '1459281986', '1555986422', '1534934043',
  '899646517',
];

/**
 * Shop ids of the 60 "you may also like" cards of the saved product page (other shops' products).
 * 1274766352 is also on the search page and is listed there. 91799978 is Shopee Mart SG, whose
 * username the same pages give in `MART_CONFIG` (`{"shopid":91799978,"username":"smartsg"}`).
 */
// biome-ignore format: ids in rows, not one per line
const SHOPEE_SG_PDP_CARD_SHOPS = [
  '190390503', '50826553', '1375516338', '92567513', '957965017', '1384784849', '56431667',
  '1242422255', '1266748673', '1342825630', '1192338528', '805816553', '204395337', '881733363',
  '789997843', '1097350198', '518004322', '961803205', '1560984370', '68753518', '151961305',
  '973870035', '5033989', '405068522', '1050095332', '468105871', '1454391171', '414950560',
  '1146816692', '26913943', '1491227461', '298475003', '91799978', '1499540300', '74657846',
  '1056927058', '84549626', '28748863', '55027948', '920652035', '915898538', '1224378691',
  '439087721', '1123657000', '1170742229', '187227180', '484898620', '211968356', '290987195',
  '53026908', '397927266', '1082438068', '127248719', '97993018', '229297568', '195343467',
  '145146309', '50970404', '1133450445',
];

/** The 34 shops of the shopee.vn `search_items` capture: [shopid, item_basic.shop_name, is_official_shop]. */
const SHOPEE_VN_SEARCH_SHOPS: [string, string, boolean][] = [
  ['196261835', 'Topick Global', false],
  ['308203827', 'Phụ Kiện Hasagi', true],
  ['338344025', 'Macbox - Thế Giới Phụ Kiện', false],
  ['118735474', 'Cỏ Bốn Lá-', false],
  ['786773543', 'Evan Store', false],
  ['1412444565', 'GoldTech VN', true],
  ['912252169', 'SUHA Home Decor', false],
  ['805011728', 'peedimall', false],
  ['131989706', 'ĐỨC ANH COMPUTER SÀI GÒN', false],
  ['135087029', 'chat039', false],
  ['982496853', 'Gia Dụng NestHouse', false],
  ['821811565', 'Hang3c.shop', false],
  ['50662156', 'Trùm Phụ Kiện Số', false],
  ['851157471', 'Shopee Choice Việt Nam', false],
  ['792250698', 'NIVLORAM STORE', false],
  ['1172843609', 'TAVET.Phụ Kiện', false],
  ['696860216', 'KingsnamTechnology', false],
  ['953102382', 'LAM Digital Official Store', false],
  ['362136372', 'Phụ Kiện HuyềnAnh', false],
  ['20387822', 'eXtreme0311', false],
  ['348274731', '♢ Create A Better Life ♢', false],
  ['115102762', 'jettingbuy.vn', true],
  ['534730986', 'Homebox - Thế Giới Tiện Ích', false],
  ['367868241', 'Lifestyle Home', false],
  ['1253583805', 'Tuk.tuk.shop', false],
  ['1363182193', 'jt6sp05.vn', false],
  ['7661171', 'LINH KIỆN 1984', false],
  ['1312870926', 'Gen1_technology', false],
  ['4037067', 'Nota shop USB WiFi', false],
  ['744008146', 'LOREMO', false],
  ['1329041520', 'Vignette.vn', false],
  ['59638522', "Dino's Store", false],
  ['1409391032', 'PHỤ KIỆN ĐIỆNN THOẠII', false],
  ['471561713', 'Tiệm 2 đứa mình', false],
];

interface FixtureShop {
  sellerId: string;
  /** The page shows no shop name for card-only sellers; a neutral label stands in. */
  name?: string;
  slug?: string;
  officialStore?: boolean;
  fromFixture: string;
}

const SHOPEE_FIXTURE_SHOPS: FixtureShop[] = [
  // get_pc capture of a shopee.vn product page (`-i.1259293184.26882883164`): no shop name in it.
  { sellerId: '1259293184', fromFixture: FX.shopeeGetPc },
  ...SHOPEE_SG_SEARCH_SHOPS.map((sellerId) => ({ sellerId, fromFixture: FX.shopeeSearch })),
  ...SHOPEE_SG_PDP_CARD_SHOPS.map((sellerId) =>
    sellerId === '91799978'
      ? { sellerId, slug: 'smartsg', name: 'smartsg', fromFixture: FX.shopeePdp }
      : { sellerId, fromFixture: FX.shopeePdp },
  ),
  ...SHOPEE_VN_SEARCH_SHOPS.map(([sellerId, name, officialStore]) => ({
    sellerId,
    name,
    ...(officialStore ? { officialStore } : {}),
    fromFixture: FX.shopeeVnSearch,
  })),
];

const LAZADA_FIXTURE_SHOPS: FixtureShop[] = [
  // 2018 PDP: seller.sellerId 6548, seller.name / pdpTrackingData seller_name "sachbanchay-vn",
  // store link //www.lazada.vn/shop/tan-viet-shop/ (seller.shopId 265 is the store, not the seller).
  { sellerId: '6548', slug: 'tan-viet-shop', name: 'sachbanchay-vn', fromFixture: FX.lazadaPdp },
  // Store listing: sellerId and sellerName on all 56 cards; the slug is the export's store name.
  {
    sellerId: '200162211305',
    slug: 'zinus-official-store',
    name: 'Zinus Official Store',
    officialStore: true,
    fromFixture: FX.lazadaStore,
  },
  // Lazada SG order detail: every orderItem and sellerInfo carry sellerId 1000008313, shopName RedMart.
  { sellerId: '1000008313', name: 'RedMart', fromFixture: FX.lazadaOrder },
];

const TIKI_FIXTURE_SHOPS: FixtureShop[] = [
  // current_seller (the top-level `seller` is null); link https://tiki.vn/cua-hang/tiki-trading.
  { sellerId: '1', slug: 'tiki-trading', name: 'Tiki Trading', fromFixture: FX.tiki },
];

const SENDO_FIXTURE_SHOPS: FixtureShop[] = [
  // data.shop_info: shop_id 717078, shop_url "shop/vivan-official-store", shop_mall 1
  // (customer_id 2033141953 is the owner's account, not the shop).
  {
    sellerId: '717078',
    slug: 'vivan-official-store',
    name: 'VIVAN Official Store',
    officialStore: true,
    fromFixture: FX.sendo,
  },
];
// The TikTok Shop page (reelforge-tiktok-product.html) is trimmed upstream: its product_info holds
// product, price and shipping models but no seller, so it contributes no seller.

/** Order in which fixture sellers take levels: position n on a platform gets CYCLE[n % 5]. */
const LEVEL_CYCLE: readonly Level[] = ['trusted', 'ok', 'caution', 'unknown', 'danger'];

const AUTHORITIES = [QLTT_HCM, QLTT_HN, SCT_HCM, QLTT_BD, SCT_DN];
const SANCTION_SUMMARIES = [
  'Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ trên sàn thương mại điện tử; phạt tiền và tịch thu hàng vi phạm (dữ liệu mẫu).',
  'Không niêm yết đầy đủ thông tin hàng hóa theo quy định khi bán hàng trực tuyến; phạt tiền (dữ liệu mẫu).',
  'Kinh doanh hàng hóa giả mạo nhãn hiệu; phạt tiền và buộc tiêu hủy hàng vi phạm (dữ liệu mẫu).',
];

type Facts = Pick<DemoSeller, 'business' | 'complaints' | 'counterfeit' | 'sanctions'>;

/**
 * Invented facts that put fixture seller number `n` of `platform` at `level`. `variant` rotates
 * through the different ways of reaching the level, so that the reasons vary as well.
 */
function fixtureFacts(platform: Platform, n: number, level: Level): Facts {
  const variant = Math.floor(n / LEVEL_CYCLE.length);
  const j = n % 40; // jitter for dates, kept small so every date stays inside its window
  const biz = (status: NonNullable<DemoSeller['business']>['status']) =>
    business(
      `Công ty TNHH Thương mại Mẫu ${platform.toUpperCase()}-${n + 1}`,
      status,
      `${2016 + (n % 8)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    );
  const sanction = (daysAgo: number) => ({
    authority: AUTHORITIES[n % AUTHORITIES.length]!,
    decision: `${100 + n * 7}/QĐ-XPHC`,
    daysAgo,
    summary: SANCTION_SUMMARIES[n % SANCTION_SUMMARIES.length]!,
  });
  switch (level) {
    case 'trusted':
      return {
        business: biz(variant % 2 === 0 ? 'registered' : 'notified'),
        ...(variant % 3 === 0
          ? {}
          : { complaints: [settled(20 + j), settled(90 + j, 'seller'), settled(400 + j)] }),
      };
    case 'ok':
      return variant % 2 === 0
        ? {
            business: biz('registered'),
            complaints: [
              settled(15 + j),
              answeredLate(50 + j),
              settled(80 + j, 'seller'),
              answeredLate(100 + j),
            ],
          }
        : { complaints: [settled(30 + j), settled(200 + j, 'seller')] };
    case 'caution':
      switch (variant % 5) {
        case 0:
          return { sanctions: [sanction(800 + j * 5)] };
        case 1:
          return { complaints: [settled(40 + j)], counterfeit: { confirmed: [90 + j * 5], unconfirmed: 2 } };
        case 2:
          return { business: biz('revoked') };
        case 3:
          return {
            complaints: [answeredLate(20 + j), answeredLate(60 + j), settled(75 + j), answeredLate(110 + j)],
          };
        default:
          return { complaints: [upheld(25 + j), upheld(70 + j), upheld(105 + j), settled(30 + j)] };
      }
    case 'unknown':
      return variant % 2 === 0 ? {} : { counterfeit: { confirmed: [], unconfirmed: 1 } };
    case 'danger':
      return variant % 2 === 0
        ? { sanctions: [sanction(30 + j * 3)] }
        : { counterfeit: { confirmed: [15 + j, 55 + j, 95 + j], unconfirmed: 3, dismissed: 1 } };
  }
}

function fixtureSellers(platform: Platform, shops: FixtureShop[]): DemoSeller[] {
  return shops.map((shop, n) => {
    const level = LEVEL_CYCLE[n % LEVEL_CYCLE.length]!;
    return {
      platform,
      sellerId: shop.sellerId,
      ...(shop.slug ? { slug: shop.slug } : {}),
      name: shop.name ?? `Shop ${shop.sellerId}`,
      ...(shop.officialStore ? { officialStore: true } : {}),
      ...fixtureFacts(platform, n, level),
      intendedLevel: level,
      fromFixture: shop.fromFixture,
    };
  });
}

export const DEMO_SELLERS: DemoSeller[] = [
  ...SHOPEE,
  ...LAZADA,
  ...TIKI,
  ...TIKTOK,
  ...SENDO,
  NOBISTAR,
  ...fixtureSellers('shopee', SHOPEE_FIXTURE_SHOPS),
  ...fixtureSellers('lazada', LAZADA_FIXTURE_SHOPS),
  ...fixtureSellers('tiki', TIKI_FIXTURE_SHOPS),
  ...fixtureSellers('sendo', SENDO_FIXTURE_SHOPS),
];
