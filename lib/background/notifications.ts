/**
 * Case notifications: one per case (a newer change replaces the older one), in the shopper's
 * language, opening the case when clicked. They carry the tracking code and what changed, never
 * the case's content: notifications show on lock screens and in shared rooms.
 */
import { browser } from 'wxt/browser';
import type { LocalCase } from '../cases/model';
import { type CaseChange, NOTIFY } from '../i18n/notify';
import type { Language } from '../messaging';

export const NOTIFICATION_PREFIX = 'antam-case:';

export function notificationId(caseId: string): string {
  return `${NOTIFICATION_PREFIX}${caseId}`;
}

/** The case a notification is about, or null for anyone else's notification. */
export function caseOfNotification(id: string): string | null {
  return id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) || null : null;
}

/**
 * A URL of one of our pages. Typed as a plain string: WXT's PublicPath lists only entrypoints
 * present when types were generated, and the complaint page is a page like the others.
 */
export function extensionUrl(path: `/${string}`): string {
  return (browser.runtime.getURL as (p: string) => string)(path);
}

/** The page that shows one case: the complaint page's case view. */
export function caseUrl(caseId: string): string {
  return extensionUrl(`/complaint.html#case=${encodeURIComponent(caseId)}`);
}

/** The complaint (or report) form on a draft. */
export function draftUrl(draftId: string): string {
  return extensionUrl(`/complaint.html#draft=${encodeURIComponent(draftId)}`);
}

export function notificationText(
  c: Pick<LocalCase, 'kind' | 'trackingCode' | 'subject'>,
  change: CaseChange,
  language: Language,
): { title: string; message: string } {
  const words = NOTIFY[language];
  const title = c.trackingCode
    ? c.kind === 'complaint'
      ? words.complaint(c.trackingCode)
      : words.report(c.trackingCode)
    : words.unsent(c.subject.slice(0, 60));
  return { title, message: `${title}: ${words.changes[change]}` };
}

export async function notifyCase(c: LocalCase, change: CaseChange, language: Language): Promise<void> {
  const { title, message } = notificationText(c, change, language);
  try {
    await browser.notifications.create(notificationId(c.id), {
      type: 'basic',
      iconUrl: extensionUrl('/icon/128.png'),
      title,
      message,
    });
  } catch (err) {
    // Notifications turned off for the browser: the toolbar count still tells.
    console.warn('[An Tâm] notification not shown', err);
  }
}
