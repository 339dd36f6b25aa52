/** Words for the case vocabulary (statuses, actors, actions) in the shopper's language. */
import type { LocalCase } from '../../lib/cases/model';
import { type CaseProblem, caseProblem } from '../../lib/cases/problems';
import { type Language, type MessageKey, t } from '../../lib/i18n';
import type { ActorRole, ComplaintStatus, ReportStatus } from '../../lib/registry/cases';

export function statusText(status: ComplaintStatus | ReportStatus, lang: Language): string {
  return t(lang, `status.${status}` as MessageKey);
}

/** Why the registry refused something, in words (never the registry's own English message). */
export function problemText(problem: CaseProblem, lang: Language): string {
  return t(lang, `problem.${problem}`);
}

/**
 * The one status of a case, the same in the list, on the case page and wherever else it shows: not
 * sent yet, refused by the registry (and why), or the registry's status once it has the case. A
 * queued case is never "sent", whatever its local status says.
 */
export function caseStatusLine(
  c: Pick<LocalCase, 'kind' | 'delivery' | 'status' | 'deliveryProblem' | 'deliveryError'>,
  lang: Language,
): string {
  if (c.delivery === 'queued') return t(lang, 'delivery.queued');
  if (c.delivery === 'rejected')
    return t(lang, 'delivery.rejected', { error: problemText(caseProblem(c), lang) });
  return statusText(c.status, lang);
}

export function actorText(actor: ActorRole, kind: 'complaint' | 'report', lang: Language): string {
  if (actor === 'moderator' && kind === 'report') return t(lang, 'actor.moderatorReport');
  return t(lang, `actor.${actor}`);
}

/** The first characters of a SHA-256: enough to compare by eye with the registry's copy. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Form element ids from request paths (`order.items.0.title` → `f-order-items-0-title`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}
