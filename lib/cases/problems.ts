/**
 * Why the registry (or this extension) refused something the shopper sent, as a code the pages turn
 * into words of the catalog (`problem.<code>`). The registry's own message is English and meant for
 * developers: it is kept on the case for diagnostics and the data export, never shown.
 */
import { listingKeyOrNull } from '../registry/listing-key';
import type { LocalCase } from './model';

export const CASE_PROBLEMS = [
  /** This install already reported the listing (409 on POST /v1/reports, or known locally). */
  'duplicate_report',
  /** The registry found the request invalid (400, 422). */
  'invalid',
  /** Too many cases from this install or address for now (429 that was not retried away). */
  'rate_limited',
  /** The file or body was too large, or of a type the registry does not take (413, 415). */
  'too_large',
  /** The case's token no longer opens it, or the case is gone (401, 403, 404). */
  'not_allowed',
  /** The case's state does not allow it any more (409). */
  'conflict',
  /** The registry accepted the case but gave no token to follow it with. */
  'no_token',
  /** Anything else. */
  'unknown',
] as const;
export type CaseProblem = (typeof CASE_PROBLEMS)[number];

/** A refusal of the registry, from its HTTP status and error code. */
export function problemOf(
  what: { op: 'submit' | 'evidence' | 'action'; kind: LocalCase['kind'] },
  status: number | undefined,
  code: string | null,
): CaseProblem {
  if (what.op === 'submit' && what.kind === 'report' && (status === 409 || code === 'conflict')) {
    return 'duplicate_report';
  }
  if (status === 429 || code === 'rate_limited') return 'rate_limited';
  if (status === 413 || status === 415) return 'too_large';
  if (status === 401 || status === 403 || status === 404) return 'not_allowed';
  if (status === 409 || code === 'conflict' || code === 'illegal_transition') return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  return 'unknown';
}

/**
 * The problem of a refused case. Cases refused before the code was stored carry only the English
 * line "HTTP <status>: <message>": their status still says enough.
 */
export function caseProblem(c: Pick<LocalCase, 'kind' | 'deliveryProblem' | 'deliveryError'>): CaseProblem {
  if (c.deliveryProblem) return c.deliveryProblem;
  const status = /^HTTP (\d{3})\b/.exec(c.deliveryError ?? '')?.[1];
  return problemOf({ op: 'submit', kind: c.kind }, status ? Number(status) : undefined, null);
}

/**
 * The shopper's own earlier report of the listing at `url`, if any: a case of this install that
 * the registry has or will have (queued or delivered), or that it refused as a duplicate (the
 * listing was reported with this install's key from elsewhere). A report refused for another reason
 * does not count: the shopper may send a corrected one.
 */
export function earlierReportOf(
  cases: readonly LocalCase[],
  url: string,
  exceptId?: string,
): LocalCase | undefined {
  const key = listingKeyOrNull(url);
  if (key === null) return undefined;
  return cases.find(
    (c) =>
      c.id !== exceptId &&
      c.kind === 'report' &&
      'listing' in c.request &&
      listingKeyOrNull(c.request.listing.url) === key &&
      (c.delivery !== 'rejected' || caseProblem(c) === 'duplicate_report'),
  );
}
