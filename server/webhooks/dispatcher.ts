/**
 * Sends due webhook deliveries from the outbox (./outbox.ts).
 *
 * Each delivery is a POST of the stored JSON with X-AnTam-Event, X-AnTam-Delivery,
 * X-AnTam-Timestamp and X-AnTam-Signature (./signature.ts). A 2xx answer delivers it; anything
 * else (another status, a redirect, a timeout, a refused address) is retried after
 * RETRY_BASE_SECONDS × 2^(attempts − 1), until MAX_ATTEMPTS, then it is `failed`. No jitter, so
 * tests can step the clock exactly.
 *
 * Several nodes may dispatch at once: a delivery is claimed by a compare-and-set on its
 * `next_attempt_at` (pushed CLAIM_SECONDS ahead), so only one node sends it; a node that dies
 * mid-send leaves it to be retried once the claim lapses. Delivery is at least once: receivers
 * de-duplicate on X-AnTam-Delivery.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { checkWebhookUrl, type LookupAll } from './address';
import { createGuardedFetch } from './http';
import { signPayload } from './signature';

export const MAX_ATTEMPTS = 6;
export const RETRY_BASE_SECONDS = 30;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Longer than a send can take (the timeout), so a claim never lapses while its node still sends. */
const CLAIM_SECONDS = 60;
const BATCH = 50;
const MAX_ERROR_LENGTH = 500;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface DispatchOptions {
  /** Skip the private-address check (tests, closed networks): config `webhookAllowPrivate`. */
  allowPrivate?: boolean;
  lookup?: LookupAll;
}

export interface DispatchResult {
  delivered: number;
  retried: number;
  failed: number;
}

/** Seconds to wait after the given number of failed attempts. */
export function retryDelaySeconds(attempts: number): number {
  return RETRY_BASE_SECONDS * 2 ** Math.max(0, attempts - 1);
}

/** Posts one delivery; null when the receiver took it, else why not. */
async function send(
  fetchImpl: FetchLike,
  url: string,
  secret: string,
  delivery: { id: string; event_type: string; payload: string },
  now: Date,
  options: DispatchOptions,
): Promise<string | null> {
  // Again at every attempt: the name may resolve elsewhere since it was registered.
  const check = await checkWebhookUrl(url, {
    allowPrivate: options.allowPrivate ?? false,
    lookup: options.lookup,
  });
  if (!check.ok) return `refused: ${check.reason}`;
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const res = await fetchImpl(check.url.href, {
      method: 'POST',
      body: delivery.payload,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'AnTam-Webhooks/1',
        'x-antam-event': delivery.event_type,
        'x-antam-delivery': delivery.id,
        'x-antam-timestamp': String(timestamp),
        'x-antam-signature': signPayload(secret, timestamp, delivery.payload),
      },
      // A redirect could lead anywhere, past the address check: it counts as a failure.
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // The body is not needed; discard it so the connection is released.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return null;
    return `HTTP ${res.status}`;
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return message.slice(0, MAX_ERROR_LENGTH);
  }
}

/**
 * Sends every delivery due at `now` (up to a batch), recording each outcome. Safe to call from
 * several nodes at once; one call at a time per node is enough (serve.ts never overlaps them).
 */
export async function dispatchDue(
  db: Kysely<Database>,
  now: Date,
  fetchImpl?: FetchLike,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  // By default, a client that connects only to the addresses it checked (./http.ts).
  const client = fetchImpl ?? createGuardedFetch({ allowPrivate: options.allowPrivate ?? false });
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .innerJoin('api_keys as k', 'k.id', 'w.key_id')
    .select(['d.id', 'd.event_type', 'd.payload', 'd.attempts', 'd.next_attempt_at', 'w.url', 'w.secret'])
    .where('d.status', '=', 'pending')
    // Both sides are Date#toISOString() output, so text order is time order.
    .where('d.next_attempt_at', '<=', nowIso)
    // A deleted webhook's pending deliveries stay pending and are never sent.
    .where('w.deleted_at', 'is', null)
    // Nor are a revoked key's: revoking a key stops everything done on its behalf.
    .where('k.revoked_at', 'is', null)
    .orderBy('d.next_attempt_at')
    .limit(BATCH)
    .execute();
  const result: DispatchResult = { delivered: 0, retried: 0, failed: 0 };
  for (const d of due) {
    const claim = await db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: new Date(now.getTime() + CLAIM_SECONDS * 1000).toISOString() })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', d.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another node took it
    const error = await send(client, d.url, d.secret, d, now, options);
    const attempts = Number(d.attempts) + 1;
    if (error === null) {
      result.delivered++;
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', attempts, last_attempt_at: nowIso, last_error: null })
        .where('id', '=', d.id)
        .execute();
      continue;
    }
    const failed = attempts >= MAX_ATTEMPTS;
    if (failed) result.failed++;
    else result.retried++;
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        last_attempt_at: nowIso,
        last_error: error,
        next_attempt_at: failed
          ? nowIso
          : new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
      })
      .where('id', '=', d.id)
      .execute();
  }
  return result;
}

/**
 * Runs `dispatchDue` every `seconds` (unref'd: it never keeps the process alive), one run at a
 * time: a slow run (receivers may take up to the timeout each) is not overlapped by the next tick.
 * Returns the stop function.
 */
export function startWebhookDispatcher(
  db: Kysely<Database>,
  clock: () => Date,
  seconds: number,
  options: DispatchOptions = {},
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatchDue(db, clock(), undefined, options)
      .catch((err: unknown) => {
        // A database outage must not stop the dispatcher; the next tick tries again.
        console.error('[registry] webhook dispatch failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
