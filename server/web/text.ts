/**
 * Words of the public pages in Vietnamese (the default) and English. Reason sentences, level words
 * and number/date formats come from the extension's catalogs (lib/i18n), so a shopper reads the
 * same words in the panel and on the page; what only the pages say is here.
 */
import { BADGE_WORDS, type Language } from '../../lib/i18n/badge';
import { formatNumber, formatPercent } from '../../lib/i18n/index';
import type { Level, Registration } from '../../lib/registry/schemas';
import type { LevelRule, RuleCondition } from '../trust/rules';

export type { Language };

/** `?lang=en` selects English; anything else (or nothing) is Vietnamese. */
export function pageLanguage(query: string | undefined): Language {
  return query === 'en' ? 'en' : 'vi';
}

export function levelWord(level: Level, lang: Language): string {
  return BADGE_WORDS[lang][level].label;
}

/** Each described condition as a clause that completes "<level>: …". */
const CONDITIONS: Record<Language, { [C in RuleCondition as C['code']]: (c: C) => string }> = {
  vi: {
    sanction_recent: (c) => `bị cơ quan nhà nước xử phạt trong ${c.months} tháng qua`,
    counterfeits_12m: (c) =>
      `có từ ${c.count} lần hàng giả trở lên được kiểm duyệt viên xác nhận trong 12 tháng qua`,
    sanction_any: () => `từng bị cơ quan nhà nước xử phạt (trước đây)`,
    counterfeit_recent: (c) => `có hàng giả được kiểm duyệt viên xác nhận trong ${c.months} tháng qua`,
    registration_revoked: () => 'Bộ Công Thương đã thu hồi đăng ký',
    complaints_late: (c) =>
      `để quá hạn trả lời từ ${c.min} khiếu nại đã xác minh trở lên trong 12 tháng qua, chiếm từ ${formatPercent(c.share, 'vi')} số khiếu nại trở lên`,
    complaints_upheld: (c) =>
      `có từ ${c.count} khiếu nại đã xác minh trở lên được phân xử có lợi cho người mua sau khi chuyển lên kiểm duyệt, trong 12 tháng qua`,
    registered: () => 'đã đăng ký hoặc thông báo với Bộ Công Thương',
    answered_on_time: (c) =>
      `trả lời đúng hạn từ ${formatPercent(c.share, 'vi')} khiếu nại đã xác minh trở lên trong 12 tháng qua (hoặc không có khiếu nại nào)`,
    no_counterfeit: () => 'chưa từng có hàng giả được xác nhận',
    no_sanction: () => 'chưa từng bị xử phạt',
    verified_complaint: () => 'có ít nhất một khiếu nại đã được xác minh',
  },
  en: {
    sanction_recent: (c) => `sanctioned by an authority in the last ${c.months} months`,
    counterfeits_12m: (c) => `${c.count} or more counterfeits confirmed by a moderator in the last 12 months`,
    sanction_any: () => 'sanctioned by an authority at some earlier time',
    counterfeit_recent: (c) => `a counterfeit confirmed by a moderator in the last ${c.months} months`,
    registration_revoked: () => 'the Ministry of Industry and Trade revoked its registration',
    complaints_late: (c) =>
      `${c.min} or more verified complaints of the last 12 months left past their answer deadline, making up ${formatPercent(c.share, 'en')} or more of them`,
    complaints_upheld: (c) =>
      `${c.count} or more verified complaints of the last 12 months decided for the shopper after escalation to a moderator`,
    registered: () => 'registered with or notified to the Ministry of Industry and Trade',
    answered_on_time: (c) =>
      `${formatPercent(c.share, 'en')} or more of the verified complaints of the last 12 months answered on time (or none filed)`,
    no_counterfeit: () => 'no counterfeit ever confirmed',
    no_sanction: () => 'never sanctioned',
    verified_complaint: () => 'at least one verified complaint on record',
  },
};

export function conditionText(condition: RuleCondition, lang: Language): string {
  const render = CONDITIONS[lang][condition.code] as (c: RuleCondition) => string;
  return render(condition);
}

export const RULE_MATCH: Record<Language, Record<LevelRule['match'], string>> = {
  vi: {
    any: 'Khi có ít nhất một trong các điều sau:',
    all: 'Khi có đủ tất cả các điều sau:',
    otherwise: 'Khi không có điều nào ở trên: chưa có dữ kiện nào được xác lập về người bán.',
  },
  en: {
    any: 'When any one of these holds:',
    all: 'When all of these hold:',
    otherwise: 'When none of the above holds: nothing has been established about the seller yet.',
  },
};

/** What a level means, in one sentence. */
export const LEVEL_MEANING: Record<Language, Record<Level, string>> = {
  vi: {
    danger: 'Có vi phạm nghiêm trọng đã được xác nhận.',
    caution: 'Có vấn đề đã được xác nhận; hãy cân nhắc trước khi mua.',
    trusted: 'Đã đăng ký, xử lý khiếu nại đúng hạn, không có vi phạm nào được ghi nhận.',
    ok: 'Không có vấn đề nào được ghi nhận.',
    unknown: 'Chưa có thông tin; điều này không có nghĩa là người bán xấu hay tốt.',
  },
  en: {
    danger: 'Serious violations have been confirmed.',
    caution: 'Problems have been confirmed; think twice before buying.',
    trusted: 'Registered, answers complaints on time, no violation on record.',
    ok: 'No problem on record.',
    unknown: 'Nothing is known yet; this says nothing good or bad about the seller.',
  },
};

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
