/**
 * Words of the public pages in Vietnamese (the default) and English. Reason sentences, level words
 * and number/date formats come from the extension's catalogs (lib/i18n), so a shopper reads the
 * same words in the panel and on the page; what only the pages say is here.
 */
import { BADGE_WORDS, type Language } from '../../lib/i18n/badge';
import { formatNumber, formatPercent } from '../../lib/i18n/index';
import type { Level, Registration } from '../../lib/registry/schemas';

// The levels' description in words is shared with the extension's first-run page.
export { conditionText, LEVEL_MEANING, RULE_MATCH } from '../../lib/i18n/levels';
export type { Language };

/** `?lang=en` selects English; anything else (or nothing) is Vietnamese. */
export function pageLanguage(query: string | undefined): Language {
  return query === 'en' ? 'en' : 'vi';
}

export function levelWord(level: Level, lang: Language): string {
  return BADGE_WORDS[lang][level].label;
}

export const REGISTRATION_STATUS: Record<Language, Record<Registration['status'], string>> = {
  vi: {
    registered: 'Đã đăng ký với Bộ Công Thương',
    notified: 'Đã thông báo với Bộ Công Thương',
    unregistered: 'Chưa đăng ký (nhiều người bán nhỏ không bắt buộc phải đăng ký)',
    revoked: 'Đăng ký đã bị thu hồi',
    unknown: 'Không rõ',
  },
  en: {
    registered: 'Registered with the Ministry of Industry and Trade',
    notified: 'Notified to the Ministry of Industry and Trade',
    unregistered: 'Not registered (many small sellers need not register)',
    revoked: 'Registration revoked',
    unknown: 'Unknown',
  },
};

const WORDS = {
  vi: {
    siteName: 'An Tâm',
    recordTitle: 'Hồ sơ tín nhiệm',
    levelsTitle: 'Các mức tín nhiệm và cách xác định',
    levelHeading: 'Mức tín nhiệm',
    reasonsHeading: 'Căn cứ',
    registrationHeading: 'Đăng ký kinh doanh',
    businessName: 'Tên doanh nghiệp',
    taxCode: 'Mã số thuế',
    since: 'Từ ngày',
    source: 'Nguồn',
    complaintsHeading: 'Khiếu nại',
    verifiedHeading: 'Đã xác minh (sàn hoặc kiểm duyệt viên xác nhận đơn hàng có thật)',
    unverifiedHeading: 'Chưa xác minh',
    unverifiedNote:
      'Chỉ để tham khảo: khiếu nại chưa xác minh được đếm nhưng không bao giờ làm thay đổi mức tín nhiệm.',
    last12Months: '12 tháng qua',
    allTime: 'Từ trước đến nay',
    total: 'Tổng số',
    open: 'Đang xử lý',
    resolvedForShopper: 'Giải quyết có lợi cho người mua',
    rejected: 'Bị từ chối',
    unanswered: 'Người bán để quá hạn',
    onTimeShare: 'Tỉ lệ trả lời đúng hạn',
    medianDays: 'Thời gian giải quyết (trung vị)',
    counterfeitHeading: 'Hàng giả',
    counterfeitReports: 'Báo cáo đang chờ xác minh (không tính vào mức)',
    counterfeitDismissed: 'Báo cáo bị bác bỏ sau khi xem xét',
    counterfeitConfirmed: 'Được kiểm duyệt viên xác nhận',
    lastConfirmed: 'Lần xác nhận gần nhất',
    sanctionsHeading: 'Xử phạt của cơ quan nhà nước',
    noSanctions: 'Không có quyết định xử phạt nào được ghi nhận.',
    decision: 'Quyết định',
    readDecision: 'Xem quyết định',
    replyLabel: 'Phản hồi của người bán',
    replyEdited: 'đã sửa',
    replyToLate: 'Về các khiếu nại để quá hạn',
    updatedAt: 'Cập nhật lúc',
    vietnamTime: 'giờ Việt Nam',
    demo: 'Dữ liệu minh hoạ: hồ sơ này không mô tả người bán thật nào.',
    howLevels: 'Các mức được xác định thế nào?',
    none: 'Không có',
    notFoundTitle: 'Chưa có dữ liệu về người bán này',
    notFoundBody:
      'Sổ tín nhiệm An Tâm chưa có hồ sơ nào về người bán này. Điều đó không có nghĩa là người bán xấu hay tốt.',
    badRequestTitle: 'Địa chỉ không hợp lệ',
    badRequestBody: 'Địa chỉ hồ sơ có dạng /s/<sàn>/<mã người bán> hoặc /s/<sàn>/@<tên cửa hàng>.',
    platforms: 'Sàn được hỗ trợ',
    principleHeading: 'Nguyên tắc',
    principle:
      'Mức tín nhiệm chỉ thay đổi dựa trên dữ kiện do một bên thứ ba xác lập, không phải người khiếu nại hay người bị khiếu nại: quyết định xử phạt của cơ quan nhà nước, hàng giả được kiểm duyệt viên xác nhận, và kết quả, thời hạn của những khiếu nại mà sàn hoặc kiểm duyệt viên đã xác minh đơn hàng. Khiếu nại và báo cáo chưa xác minh được đếm và công khai, nhưng không bao giờ được tính vào mức, theo cả hai chiều.',
    order: 'Các quy tắc được xét từ trên xuống; quy tắc đầu tiên khớp sẽ quyết định mức.',
    levelsIntro:
      'Trang này được tạo trực tiếp từ các quy tắc mà sổ tín nhiệm dùng để tính mức, nên luôn khớp với chúng.',
    switchTo: 'English',
  },
  en: {
    siteName: 'An Tâm',
    recordTitle: 'Trust record',
    levelsTitle: 'Trust levels and how they are decided',
    levelHeading: 'Trust level',
    reasonsHeading: 'Grounds',
    registrationHeading: 'Business registration',
    businessName: 'Business name',
    taxCode: 'Tax code',
    since: 'Since',
    source: 'Source',
    complaintsHeading: 'Complaints',
    verifiedHeading: 'Verified (a marketplace or a moderator confirmed the order is real)',
    unverifiedHeading: 'Not verified',
    unverifiedNote:
      'For information only: unverified complaints are counted but never change the trust level.',
    last12Months: 'Last 12 months',
    allTime: 'All time',
    total: 'Total',
    open: 'In progress',
    resolvedForShopper: 'Resolved for the shopper',
    rejected: 'Rejected',
    unanswered: 'Left past the deadline by the seller',
    onTimeShare: 'Answered on time',
    medianDays: 'Time to resolution (median)',
    counterfeitHeading: 'Counterfeits',
    counterfeitReports: 'Reports awaiting verification (not counted in the level)',
    counterfeitDismissed: 'Reports dismissed after review',
    counterfeitConfirmed: 'Confirmed by a moderator',
    lastConfirmed: 'Latest confirmation',
    sanctionsHeading: 'Sanctions by authorities',
    noSanctions: 'No sanction on record.',
    decision: 'Decision',
    readDecision: 'Read the decision',
    replyLabel: "Seller's reply",
    replyEdited: 'edited',
    replyToLate: 'On the complaints left past the deadline',
    updatedAt: 'Updated',
    vietnamTime: 'Vietnam time',
    demo: 'Demonstration data: this record describes no real seller.',
    howLevels: 'How are the levels decided?',
    none: 'None',
    notFoundTitle: 'No record of this seller yet',
    notFoundBody:
      'The An Tâm registry has no record of this seller yet. That says nothing good or bad about the seller.',
    badRequestTitle: 'Not a valid address',
    badRequestBody: 'A record address reads /s/<marketplace>/<seller id> or /s/<marketplace>/@<shop name>.',
    platforms: 'Supported marketplaces',
    principleHeading: 'Principle',
    principle:
      'A level moves only on facts established by someone other than the accuser and the accused: sanctions by an authority, counterfeits confirmed by a moderator, and the outcomes and deadlines of complaints whose order a marketplace or a moderator verified. Unverified complaints and reports are counted and published, but never weighed, in either direction.',
    order: 'The rules are read from the top; the first one that holds decides the level.',
    levelsIntro:
      'This page is generated from the very rules the registry computes levels with, so it always matches them.',
    switchTo: 'Tiếng Việt',
  },
} as const;

export type PageWords = { [K in keyof (typeof WORDS)['vi']]: string };

export function words(lang: Language): PageWords {
  return WORDS[lang];
}

/** A timestamp as date and time in Vietnam (the registry's readers), whatever the server's zone. */
export function formatUpdatedAt(value: string, lang: Language): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const text = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: lang === 'vi' ? '2-digit' : 'numeric',
    month: lang === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return `${text} (${WORDS[lang].vietnamTime})`;
}

export { formatNumber, formatPercent };
