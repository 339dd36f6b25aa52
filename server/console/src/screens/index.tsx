/**
 * Every screen of the console, the roles that see it in their menu, and its address (`#/{id}`).
 * The first screen a role may see is its home. Add a screen here and in its own module; the
 * registry still decides what each key may read, whatever the menu shows.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../../lib/registry/schemas';
import type { WhoAmI } from '../api';
import type { Lang } from '../i18n';
import { Audit } from './Audit';
import { Complaint } from './Complaint';
import { Escalated } from './Escalated';
import { Import } from './Import';
import { Keys } from './Keys';
import { PlatformStats } from './PlatformStats';
import { Replies } from './Replies';
import { ReplyModeration } from './ReplyModeration';
import { Reports } from './Reports';
import { SellerCase } from './SellerCase';
import { SellerCases } from './SellerCases';
import { VerificationQueue } from './VerificationQueue';
import { Webhooks } from './Webhooks';

export interface ScreenProps {
  lang: Lang;
  me: WhoAmI;
  /** The address's segments after the screen's id, e.g. a case's code. */
  params: string[];
}

export interface Screen {
  id: string;
  roles: readonly Role[];
  label: Record<Lang, string>;
  render: (props: ScreenProps) => ReactNode;
}

export const SCREENS: readonly Screen[] = [
  {
    id: 'verification',
    roles: ['platform', 'moderator'],
    label: { vi: 'Xác minh đơn hàng', en: 'Order verification' },
    render: ({ lang, me }) => <VerificationQueue lang={lang} role={me.role} />,
  },
  {
    id: 'cases',
    roles: ['seller'],
    label: { vi: 'Khiếu nại', en: 'Complaints' },
    render: ({ lang, params }) =>
      params[0] ? <SellerCase key={params[0]} lang={lang} code={params[0]} /> : <SellerCases lang={lang} />,
  },
  {
    id: 'webhooks',
    roles: ['seller'],
    label: { vi: 'Webhook', en: 'Webhooks' },
    render: ({ lang, params }) => <Webhooks lang={lang} params={params} />,
  },
  {
    id: 'stats',
    roles: ['platform'],
    label: { vi: 'Thống kê', en: 'Statistics' },
    render: ({ lang, me }) => <PlatformStats lang={lang} me={me} />,
  },
  {
    id: 'keys',
    roles: ['admin'],
    label: { vi: 'Khóa API', en: 'API keys' },
    render: ({ lang }) => <Keys lang={lang} />,
  },
  {
    id: 'import',
    roles: ['admin'],
    label: { vi: 'Nhập CSV', en: 'CSV import' },
    render: ({ lang }) => <Import lang={lang} />,
  },
  {
    id: 'reports',
    roles: ['moderator'],
    label: { vi: 'Báo cáo hàng giả', en: 'Counterfeit reports' },
    render: ({ lang, params }) => <Reports lang={lang} params={params} />,
  },
  {
    id: 'escalated',
    roles: ['moderator'],
    label: { vi: 'Khiếu nại cần hòa giải', en: 'Complaints in mediation' },
    render: ({ lang }) => <Escalated lang={lang} />,
  },
  {
    id: 'complaint',
    roles: ['moderator'],
    label: { vi: 'Tra cứu khiếu nại', en: 'Find a complaint' },
    render: ({ lang, params }) => <Complaint lang={lang} params={params} />,
  },
  {
    id: 'audit',
    roles: ['moderator', 'admin'],
    label: { vi: 'Nhật ký thao tác', en: 'Audit log' },
    render: ({ lang, me }) => <Audit lang={lang} role={me.role} />,
  },
  {
    id: 'replies',
    roles: ['seller'],
    label: { vi: 'Phản hồi công khai', en: 'Public replies' },
    render: ({ lang }) => <Replies lang={lang} />,
  },
  {
    id: 'reply-moderation',
    roles: ['moderator'],
    label: { vi: 'Phản hồi của người bán', en: "Sellers' replies" },
    render: ({ lang }) => <ReplyModeration lang={lang} />,
  },
];

export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}
