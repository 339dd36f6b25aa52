/**
 * The few words a badge and the toolbar show, in both languages. Kept apart from the full
 * catalogs because the content script bundles it: it must stay tiny.
 */
import type { Level } from '../registry/schemas';

export type BadgeState = Level | 'unavailable';
export type Language = 'vi' | 'en';

interface BadgeWords {
  /** The word beside the icon. */
  label: string;
  /** A sentence for screen readers and the tooltip. */
  title: string;
}

export const BADGE_WORDS: Record<Language, Record<BadgeState, BadgeWords>> = {
  vi: {
    trusted: { label: 'Đáng tin cậy', title: 'An Tâm: người bán đáng tin cậy. Bấm để xem chi tiết.' },
    ok: { label: 'Bình thường', title: 'An Tâm: không có vấn đề nào được ghi nhận. Bấm để xem chi tiết.' },
    caution: { label: 'Cần lưu ý', title: 'An Tâm: có vấn đề đã được xác nhận. Bấm để xem chi tiết.' },
    danger: {
      label: 'Rủi ro cao',
      title: 'An Tâm: có vi phạm nghiêm trọng đã được xác nhận. Bấm để xem chi tiết.',
    },
    unknown: { label: 'Chưa có dữ liệu', title: 'An Tâm: chưa có thông tin về người bán này.' },
    unavailable: { label: 'Không tải được', title: 'An Tâm: chưa kết nối được cơ sở dữ liệu tín nhiệm.' },
  },
  en: {
    trusted: { label: 'Trusted', title: 'An Tâm: a trusted seller. Click for details.' },
    ok: { label: 'OK', title: 'An Tâm: no problems on record. Click for details.' },
    caution: { label: 'Caution', title: 'An Tâm: confirmed problems on record. Click for details.' },
    danger: {
      label: 'High risk',
      title: 'An Tâm: serious confirmed violations on record. Click for details.',
    },
    unknown: { label: 'No record yet', title: 'An Tâm: nothing is known about this seller yet.' },
    unavailable: { label: 'Unavailable', title: 'An Tâm: the trust registry could not be reached.' },
  },
};

/** Icons are shapes as well as colours, so that the level never rests on colour alone. */
export const BADGE_ICON: Record<BadgeState, string> = {
  trusted: '✔',
  ok: '●',
  caution: '▲',
  danger: '✖',
  unknown: '?',
  unavailable: '…',
};

export const BADGE_COLOR: Record<BadgeState, string> = {
  trusted: '#16794a',
  ok: '#2f5f8a',
  caution: '#9a5b00',
  danger: '#b3261e',
  unknown: '#5f6368',
  unavailable: '#5f6368',
};

/** The "Khiếu nại" button beside an order, and what it says when the form cannot be opened. */
export const COMPLAIN_WORDS: Record<Language, { label: string; title: string; failed: string }> = {
  vi: {
    label: 'Khiếu nại',
    title: 'An Tâm: khiếu nại về đơn hàng này (mở biểu mẫu đã điền sẵn thông tin đơn hàng).',
    failed: 'An Tâm: chưa mở được biểu mẫu khiếu nại. Hãy thử lại.',
  },
  en: {
    label: 'Complain',
    title: 'An Tâm: complain about this order (opens a form prefilled with the order).',
    failed: 'An Tâm: the complaint form could not be opened. Please try again.',
  },
};
