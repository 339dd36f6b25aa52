/**
 * Every screen of the console, the roles that see it in their menu, and its address (`#/{id}`).
 * The first screen a role may see is its home. Add a screen here and in its own module; the
 * registry still decides what each key may read, whatever the menu shows.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../../lib/registry/schemas';
import type { WhoAmI } from '../api';
import type { Lang } from '../i18n';
import { Import } from './Import';
import { Keys } from './Keys';
import { PlatformStats } from './PlatformStats';
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
    render: ({ lang }) => <VerificationQueue lang={lang} />,
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
];

export function screensFor(role: Role): Screen[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}
