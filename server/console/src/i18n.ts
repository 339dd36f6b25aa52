/** The console's words, Vietnamese first (the default) and English second, in the catalog style of lib/i18n. */
export type Lang = 'vi' | 'en';

const vi = {
  title: 'An Tâm — Bảng điều khiển',
  'signIn.heading': 'Đăng nhập',
  'signIn.key': 'Khóa API',
  'signIn.help': 'Khóa chỉ được giữ trong phiên làm việc của thẻ này và mất khi bạn đóng thẻ.',
  'signIn.submit': 'Đăng nhập',
  'signIn.invalid': 'Khóa API không hợp lệ hoặc đã bị thu hồi.',
  'signIn.unavailable': 'Không kết nối được với máy chủ An Tâm. Hãy thử lại.',
  signOut: 'Đăng xuất',
  language: 'English',
  'role.admin': 'Quản trị viên',
  'role.moderator': 'Kiểm duyệt viên',
  'role.seller': 'Người bán',
  'role.platform': 'Sàn thương mại điện tử',
  signedInAs: 'Đăng nhập với vai trò {role}: {label}',
  'queue.heading': 'Khiếu nại chờ xác minh đơn hàng',
  'queue.help':
    'Xác nhận đơn hàng có thật tại gian hàng bị khiếu nại. Chỉ khiếu nại đã xác minh mới được tính vào mức tín nhiệm.',
  'queue.empty': 'Không có khiếu nại nào chờ xác minh.',
  'queue.select': 'Chọn {code}',
  'queue.verified': 'Đơn hàng có thật',
  'queue.notFound': 'Không tìm thấy đơn',
  'queue.bulkVerified': 'Xác nhận có thật: các khiếu nại đã chọn ({count})',
  'queue.done': 'Đã ghi nhận xác minh cho {count} khiếu nại.',
  'queue.failed': 'Không ghi nhận được {code}: {error}',
  'col.code': 'Mã hồ sơ',
  'col.shop': 'Gian hàng',
  'col.order': 'Mã đơn hàng',
  'col.orderDate': 'Ngày đặt',
  'col.total': 'Tổng tiền',
  'col.filed': 'Ngày gửi',
  'col.actions': 'Thao tác',
  'seller.heading': 'Khiếu nại của cửa hàng',
  'seller.empty': 'Chưa có khiếu nại nào được chuyển cho cửa hàng.',
  'seller.due': 'Hạn trả lời: còn {left}',
  'seller.overdue': 'Đã quá hạn trả lời {left}',
  'seller.answered': 'Đã trả lời',
  'seller.verified.unverified': 'Đơn hàng chưa được xác minh',
  'seller.verified.order_verified': 'Đơn hàng đã được xác minh',
  'seller.verified.order_not_found': 'Không tìm thấy đơn hàng',
  'seller.noContent': 'Người mua không đồng ý chia sẻ nội dung khiếu nại với cửa hàng.',
  'seller.respond': 'Trả lời khiếu nại {code}',
  'seller.kind': 'Cách giải quyết',
  'seller.message': 'Nội dung trả lời',
  'seller.send': 'Gửi trả lời',
  'seller.sent': 'Đã gửi trả lời cho {code}.',
  'kind.refund': 'Hoàn tiền',
  'kind.replacement': 'Đổi hàng',
  'kind.repair': 'Sửa chữa',
  'kind.explanation': 'Giải thích',
  'kind.refusal': 'Từ chối',
  'status.forwarded': 'Chờ cửa hàng trả lời',
  'status.responded': 'Cửa hàng đã trả lời',
  'status.escalated': 'Đang hòa giải',
  'status.resolved': 'Đã giải quyết',
  'status.closed': 'Đã đóng',
  'status.withdrawn': 'Người mua đã rút',
  'status.submitted': 'Đã ghi nhận',
  'admin.heading': 'Khóa API',
  'admin.revoked': 'đã thu hồi',
  'admin.active': 'đang dùng',
  'admin.create': 'Tạo khóa API',
  'admin.role': 'Vai trò',
  'admin.label': 'Tên gợi nhớ',
  'admin.sellers': 'Gian hàng (mã người bán, cách nhau bởi dấu phẩy)',
  'admin.platform': 'Sàn',
  'admin.createdOnce': 'Khóa API cho "{label}" — chỉ hiện một lần, hãy lưu lại ngay:',
  'admin.revoke': 'Thu hồi',
  'admin.confirmRevoke': 'Thu hồi khóa "{label}"? Khóa sẽ ngừng hoạt động ngay.',
  'admin.revokedDone': 'Đã thu hồi khóa "{label}".',
  'error.generic': 'Có lỗi: {error}',
  loading: 'Đang tải…',
  menu: 'Các mục',
  'notHere.heading': 'Không có trang này',
  'notHere.text': 'Địa chỉ này không thuộc các mục dành cho vai trò của bạn.',
  'unit.days': '{n} ngày',
  'unit.hours': '{n} giờ',
  'unit.minutes': '{n} phút',
};

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  title: 'An Tâm — Console',
  'signIn.heading': 'Sign in',
  'signIn.key': 'API key',
  'signIn.help': 'The key is kept only in this tab’s session and is gone when you close the tab.',
  'signIn.submit': 'Sign in',
  'signIn.invalid': 'This API key is unknown or revoked.',
  'signIn.unavailable': 'The An Tâm registry cannot be reached. Try again.',
  signOut: 'Sign out',
  language: 'Tiếng Việt',
  'role.admin': 'Administrator',
  'role.moderator': 'Moderator',
  'role.seller': 'Seller',
  'role.platform': 'Marketplace',
  signedInAs: 'Signed in as {role}: {label}',
  'queue.heading': 'Complaints awaiting order verification',
  'queue.help':
    'Confirm that the order exists at the shop complained about. Only verified complaints count toward the trust level.',
  'queue.empty': 'No complaint awaits verification.',
  'queue.select': 'Select {code}',
  'queue.verified': 'Order exists',
  'queue.notFound': 'Order not found',
  'queue.bulkVerified': 'Confirm the selected orders exist ({count})',
  'queue.done': 'Verification recorded for {count} complaint(s).',
  'queue.failed': 'Could not record {code}: {error}',
  'col.code': 'Case',
  'col.shop': 'Shop',
  'col.order': 'Order code',
  'col.orderDate': 'Ordered',
  'col.total': 'Total',
  'col.filed': 'Filed',
  'col.actions': 'Actions',
  'seller.heading': 'Complaints about your shops',
  'seller.empty': 'No complaint has been forwarded to your shops.',
  'seller.due': 'Answer due in {left}',
  'seller.overdue': 'Answer overdue by {left}',
  'seller.answered': 'Answered',
  'seller.verified.unverified': 'Order not verified yet',
  'seller.verified.order_verified': 'Order verified',
  'seller.verified.order_not_found': 'Order not found',
  'seller.noContent': 'The shopper did not agree to share the complaint’s content with the shop.',
  'seller.respond': 'Answer complaint {code}',
  'seller.kind': 'Resolution',
  'seller.message': 'Your answer',
  'seller.send': 'Send the answer',
  'seller.sent': 'Answer sent for {code}.',
  'kind.refund': 'Refund',
  'kind.replacement': 'Replacement',
  'kind.repair': 'Repair',
  'kind.explanation': 'Explanation',
  'kind.refusal': 'Refusal',
  'status.forwarded': 'Awaiting the shop’s answer',
  'status.responded': 'The shop answered',
  'status.escalated': 'In mediation',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'status.withdrawn': 'Withdrawn by the shopper',
  'status.submitted': 'Recorded',
  'admin.heading': 'API keys',
  'admin.revoked': 'revoked',
  'admin.active': 'active',
  'admin.create': 'Create an API key',
  'admin.role': 'Role',
  'admin.label': 'Label',
  'admin.sellers': 'Shops (seller keys, separated by commas)',
  'admin.platform': 'Marketplace',
  'admin.createdOnce': 'API key for "{label}" — shown only once, save it now:',
  'admin.revoke': 'Revoke',
  'admin.confirmRevoke': 'Revoke the key "{label}"? It stops working at once.',
  'admin.revokedDone': 'Revoked the key "{label}".',
  'error.generic': 'Something went wrong: {error}',
  loading: 'Loading…',
  menu: 'Sections',
  'notHere.heading': 'No such page',
  'notHere.text': 'This address is not among the sections for your role.',
  'unit.days': '{n} days',
  'unit.hours': '{n} hours',
  'unit.minutes': '{n} minutes',
};

const CATALOGS: Record<Lang, Record<Key, string>> = { vi, en };

export function t(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export type MessageKey = Key;

export type Translate<K extends string> = (
  lang: Lang,
  key: K,
  params?: Record<string, string | number>,
) => string;

/**
 * A screen's own words, beside the screen (screens/*.tsx), Vietnamese first; the English catalog
 * must have every key the Vietnamese one has (checked by the type). Each screen keeps its words
 * in its own module so that screens can grow without one file everyone edits.
 */
export function catalog<V extends Record<string, string>>(
  viWords: V,
  enWords: Record<keyof V, string>,
): Translate<Extract<keyof V, string>> {
  const words: Record<Lang, Record<keyof V, string>> = { vi: viWords, en: enWords };
  return (lang, key, params = {}) =>
    words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** "3 ngày 4 giờ" — the two largest units of a duration, for deadlines. */
export function duration(lang: Lang, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts: string[] = [];
  if (days > 0) parts.push(t(lang, 'unit.days', { n: days }));
  if (hours > 0 || days > 0) parts.push(t(lang, 'unit.hours', { n: hours }));
  if (days === 0) parts.push(t(lang, 'unit.minutes', { n: minutes % 60 }));
  return parts.slice(0, 2).join(' ');
}

export function formatVnd(amount: number | null, lang: Lang): string {
  if (amount === null) return '—';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(amount)} ₫`;
}

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}
