/**
 * Every screen of the console, the roles that see it in their menu, and its address (`#/{id}`).
 * The first screen a role may see is its home. Add a screen here and in its own module; the
 * registry still decides what each key may read, whatever the menu shows.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../../lib/registry/schemas';
import type { WhoAmI } from '../api';
import type { Lang } from '../i18n';
import { Keys } from './Keys';
import { Replies } from './Replies';
import { ReplyModeration } from './ReplyModeration';
import { SellerCases } from './SellerCases';
import { VerificationQueue } from './VerificationQueue';

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
    render: ({ lang }) => <VerificationQueue lang={lang} />,
  },
  {
    id: 'cases',
    roles: ['seller'],
    label: { vi: 'Khiếu nại', en: 'Complaints' },
    render: ({ lang }) => <SellerCases lang={lang} />,
  },
  {
    id: 'keys',
    roles: ['admin'],
    label: { vi: 'Khóa API', en: 'API keys' },
    render: ({ lang }) => <Keys lang={lang} />,
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
