/**
 * Words of the background's own surfaces: case notifications and the toolbar count's tooltip.
 * Vietnamese first; the language comes from the shopper's settings, never the browser's.
 */
import type { Language } from '../messaging';

/** What changed on a case, as the background's polling and delivery see it. */
export type CaseChange =
  | 'forwarded'
  | 'responded'
  | 'late'
  | 'escalated'
  | 'resolved'
  | 'closed'
  | 'withdrawn'
  | 'under_review'
  | 'confirmed'
  | 'dismissed'
  | 'rejected'
  | 'updated';

interface NotifyCatalog {
  complaint: (code: string) => string;
  report: (code: string) => string;
  /** A case the registry refused before giving it a code: named by its subject. */
  unsent: (subject: string) => string;
  changes: Record<CaseChange, string>;
  /** Tooltip part for the toolbar count. */
  count: (n: number) => string;
}

export const NOTIFY: Record<Language, NotifyCatalog> = {
  vi: {
    complaint: (code) => `Khiếu nại ${code}`,
    report: (code) => `Báo cáo hàng giả ${code}`,
    unsent: (subject) => `Khiếu nại/báo cáo “${subject}”`,
    changes: {
      forwarded: 'đã được chuyển cho người bán',
      responded: 'người bán đã trả lời',
      late: 'người bán đã trễ hạn trả lời',
      escalated: 'đã được chuyển cho hòa giải viên',
      resolved: 'đã được giải quyết',
      closed: 'đã được đóng',
      withdrawn: 'đã được rút lại',
      under_review: 'đang được xem xét',
      confirmed: 'đã được xác nhận là hàng giả',
      dismissed: 'đã bị bác bỏ',
      rejected: 'không được máy chủ An Tâm nhận — mở để xem lý do',
      updated: 'có cập nhật mới',
    },
    count: (n) => `${n} cập nhật khiếu nại chưa xem`,
  },
  en: {
    complaint: (code) => `Complaint ${code}`,
    report: (code) => `Counterfeit report ${code}`,
    unsent: (subject) => `Complaint/report “${subject}”`,
    changes: {
      forwarded: 'was forwarded to the seller',
      responded: 'the seller answered',
      late: 'the seller missed the answer deadline',
      escalated: 'was passed to a mediator',
      resolved: 'was resolved',
      closed: 'was closed',
      withdrawn: 'was withdrawn',
      under_review: 'is under review',
      confirmed: 'was confirmed as counterfeit',
      dismissed: 'was dismissed',
      rejected: 'was not accepted by the An Tâm registry — open it to see why',
      updated: 'has an update',
    },
    count: (n) => `${n} unseen case update${n === 1 ? '' : 's'}`,
  },
};
