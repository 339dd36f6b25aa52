/**
 * The trust levels in words, Vietnamese first: each rule's condition (lib/registry/level-rules.ts)
 * as a clause, how a rule's conditions combine, and what each level means in one sentence. Shared
 * by the registry's public pages (/levels, a seller's record) and the extension's first-run page.
 */
import { LEVEL_RULES, type LevelRule, type RuleCondition } from '../registry/level-rules';
import type { Level, TrustRecord } from '../registry/schemas';
import { BADGE_WORDS, type Language } from './badge';
import { formatPercent } from './index';

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

function described(level: Level, code: RuleCondition['code']): RuleCondition | undefined {
  return LEVEL_RULES.find((r) => r.level === level)?.conditions.find((c) => c.code === code);
}

/**
 * The described conditions (LEVEL_RULES, as /levels shows them) that put this record at its level,
 * read from the reasons the rules gave it.
 */
export function conditionsBehind(record: Pick<TrustRecord, 'level' | 'reasons'>): RuleCondition[] {
  const codes = new Set(record.reasons.map((r) => r.code));
  const negative = new Set(record.reasons.filter((r) => r.effect === 'negative').map((r) => r.code));
  const pick = (level: Level, ...found: (RuleCondition['code'] | false)[]) =>
    found.flatMap((code) => {
      const condition = code ? described(level, code) : undefined;
      return condition ? [condition] : [];
    });
  switch (record.level) {
    case 'danger': {
      const counterfeit = record.reasons.find((r) => r.code === 'counterfeit_confirmed');
      const threshold = described('danger', 'counterfeits_12m');
      const many =
        counterfeit !== undefined &&
        threshold?.code === 'counterfeits_12m' &&
        typeof counterfeit.params.last12Months === 'number' &&
        counterfeit.params.last12Months >= threshold.count;
      return pick('danger', codes.has('sanction_recent') && 'sanction_recent', many && 'counterfeits_12m');
    }
    case 'caution':
      return pick(
        'caution',
        negative.has('sanction_past') && 'sanction_any',
        negative.has('counterfeit_confirmed') && 'counterfeit_recent',
        negative.has('registration_revoked') && 'registration_revoked',
        negative.has('complaints_late') && 'complaints_late',
        negative.has('complaints_upheld') && 'complaints_upheld',
      );
    case 'trusted':
      return LEVEL_RULES.find((r) => r.level === 'trusted')?.conditions ?? [];
    case 'ok':
      return pick('ok', codes.has('registered') ? 'registered' : 'verified_complaint');
    default:
      return [];
  }
}

/** "Rủi ro cao: bị xử phạt trong 24 tháng qua", or the level's meaning when no rule applies. */
export function headline(record: Pick<TrustRecord, 'level' | 'reasons'>, lang: Language): string {
  const conditions = conditionsBehind(record);
  const because =
    conditions.length > 0
      ? conditions.map((c) => conditionText(c, lang)).join('; ')
      : LEVEL_MEANING[lang][record.level];
  return `${BADGE_WORDS[lang][record.level].label}: ${because}`;
}
