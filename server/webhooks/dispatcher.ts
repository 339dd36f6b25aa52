/**
 * Sends due webhook deliveries from the outbox (./outbox.ts).
 *
 * Each delivery is a POST of the stored JSON with X-AnTam-Event, X-AnTam-Delivery,
 * X-AnTam-Timestamp and X-AnTam-Signature (./signature.ts). A 2xx answer delivers it; anything
 * else (another status, a redirect, a timeout, a refused address) is retried after
 * RETRY_BASE_SECONDS × 2^(attempts − 1), until MAX_ATTEMPTS, then it is `failed`. No jitter, so
 * tests can step the clock exactly.
 *
 * Deliveries go out concurrently, within bounds, so that no receiver holds up another's: at most
 * MAX_CONCURRENT_DELIVERIES at once on a node, MAX_CONCURRENT_PER_ENDPOINT to one webhook and
 * MAX_CONCURRENT_PER_KEY for one API key (one seller's ten slow receivers take a few slots, never
 * all of them). A due delivery waits in memory for a slot; the background dispatcher keeps polling
 * while earlier sends are still running, and each poll takes at most DUE_PER_KEY rows per key, so
 * one key's backlog cannot crowd the others' deliveries out of the batch either. Each attempt is
 * signed with the time read right before its request, however long it waited.
 *
 * Several nodes may dispatch at once: a delivery is claimed by a compare-and-set on its
 * `next_attempt_at` (pushed CLAIM_SECONDS ahead) when its send starts, so only one node sends it;
 * a node that dies mid-send leaves it to be retried once the claim lapses. Delivery is at least
 * once: receivers de-duplicate on X-AnTam-Delivery.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { checkWebhookUrl, type LookupAll } from './address';
import { createGuardedFetch } from './http';
import { signPayload } from './signature';

export const MAX_ATTEMPTS = 6;
export const RETRY_BASE_SECONDS = 30;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Deliveries in flight at once on one node. */
export const MAX_CONCURRENT_DELIVERIES = 16;
/** Deliveries in flight at once to one webhook URL. */
export const MAX_CONCURRENT_PER_ENDPOINT = 2;
/** Deliveries in flight at once for the webhooks of one API key (one seller). */
export const MAX_CONCURRENT_PER_KEY = 4;
/** Longer than a send can take (the timeout), so a claim never lapses while its node still sends. */
const CLAIM_SECONDS = 60;
/** Due rows read per poll, and at most this many waiting in memory. */
const BATCH = 200;
/** Due rows of one key read per poll. */
const DUE_PER_KEY = 20;
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

interface Due {
  id: string;
  event_type: string;
  payload: string;
  attempts: number | string;
  next_attempt_at: string;
  webhook_id: string;
  key_id: string;
  url: string;
  secret: string;
}

/**
 * Posts one delivery; null when the receiver took it, else why not. The timestamp is signed at
 * the moment of the request (`clock`), not when the delivery was picked up.
 */
async function send(
  fetchImpl: FetchLike,
  delivery: Due,
  clock: () => Date,
  options: DispatchOptions,
): Promise<string | null> {
  // Again at every attempt: the name may resolve elsewhere since it was registered.
  const check = await checkWebhookUrl(delivery.url, {
    allowPrivate: options.allowPrivate ?? false,
    lookup: options.lookup,
  });
  if (!check.ok) return `refused: ${check.reason}`;
  const timestamp = Math.floor(clock().getTime() / 1000);
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
        'x-antam-signature': signPayload(delivery.secret, timestamp, delivery.payload),
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

/** Due deliveries of live webhooks of unrevoked keys, oldest first, at most DUE_PER_KEY per key. */
async function selectDue(db: Kysely<Database>, now: Date, exclude: ReadonlySet<string>): Promise<Due[]> {
  const ranked = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .innerJoin('api_keys as k', 'k.id', 'w.key_id')
    .select([
      'd.id',
      'd.event_type',
      'd.payload',
      'd.attempts',
      'd.next_attempt_at',
      'd.webhook_id',
      'w.key_id',
      'w.url',
      'w.secret',
    ])
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('w.key_id').orderBy('d.next_attempt_at').orderBy('d.id'))
        .as('rank'),
    )
    .where('d.status', '=', 'pending')
    // Both sides are Date#toISOString() output, so text order is time order.
    .where('d.next_attempt_at', '<=', now.toISOString())
    // A deleted webhook's pending deliveries stay pending and are never sent.
    .where('w.deleted_at', 'is', null)
    // Nor are a revoked key's: revoking a key stops everything done on its behalf.
    .where('k.revoked_at', 'is', null);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select([
      'r.id',
      'r.event_type',
      'r.payload',
      'r.attempts',
      'r.next_attempt_at',
      'r.webhook_id',
      'r.key_id',
      'r.url',
      'r.secret',
    ])
    .where('r.rank', '<=', DUE_PER_KEY)
    .orderBy('r.next_attempt_at')
    .orderBy('r.id')
    .limit(BATCH)
    .execute();
  return rows.filter((r) => !exclude.has(r.id));
}

/**
 * The deliveries a node is sending or about to send, and the bounds they are sent within. `poll`
 * reads due rows into the queue; each starts as soon as a slot (total, endpoint, key) is free.
 */
class DeliveryPool {
  readonly result: DispatchResult = { delivered: 0, retried: 0, failed: 0 };
  private readonly queue: Due[] = [];
  /** Queued or in flight: never read into the queue twice. */
  private readonly known = new Set<string>();
  private active = 0;
  private readonly perEndpoint = new Map<string, number>();
  private readonly perKey = new Map<string, number>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly client: FetchLike,
    private readonly options: DispatchOptions,
  ) {}

  /** Reads the deliveries due now into the queue (unless it is full) and starts what fits. */
  async poll(): Promise<void> {
    if (this.queue.length < BATCH) {
      for (const d of await selectDue(this.db, this.clock(), this.known)) {
        this.known.add(d.id);
        this.queue.push(d);
      }
    }
    this.pump();
  }

  /** Drops what has not started (unclaimed: left for the next poll, here or on another node). */
  clearQueue(): void {
    for (const d of this.queue.splice(0)) this.known.delete(d.id);
    this.pump();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.active < MAX_CONCURRENT_DELIVERIES; ) {
      const d = this.queue[i] as Due;
      if (
        (this.perEndpoint.get(d.webhook_id) ?? 0) >= MAX_CONCURRENT_PER_ENDPOINT ||
        (this.perKey.get(d.key_id) ?? 0) >= MAX_CONCURRENT_PER_KEY
      ) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(d);
    }
    if (this.active === 0 && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private start(d: Due): void {
    const bump = (map: Map<string, number>, key: string, by: number) => {
      const n = (map.get(key) ?? 0) + by;
      if (n === 0) map.delete(key);
      else map.set(key, n);
    };
    this.active++;
    bump(this.perEndpoint, d.webhook_id, 1);
    bump(this.perKey, d.key_id, 1);
    this.attempt(d)
      .catch((err: unknown) => {
        // A database outage: the delivery stays pending and is sent again once its claim lapses.
        console.error('[registry] webhook delivery failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        this.active--;
        bump(this.perEndpoint, d.webhook_id, -1);
        bump(this.perKey, d.key_id, -1);
        this.known.delete(d.id);
        this.pump();
      });
  }

  private async attempt(d: Due): Promise<void> {
    const started = this.clock();
    const claim = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: new Date(started.getTime() + CLAIM_SECONDS * 1000).toISOString() })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', d.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return; // another node took it
    const error = await send(this.client, d, this.clock, this.options);
    const attempts = Number(d.attempts) + 1;
    const startedIso = started.toISOString();
    if (error === null) {
      this.result.delivered++;
      await this.db
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', attempts, last_attempt_at: startedIso, last_error: null })
        .where('id', '=', d.id)
        .execute();
      return;
    }
    const failed = attempts >= MAX_ATTEMPTS;
    if (failed) this.result.failed++;
    else this.result.retried++;
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        last_attempt_at: startedIso,
        last_error: error,
        next_attempt_at: failed
          ? startedIso
          : new Date(started.getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
      })
      .where('id', '=', d.id)
      .execute();
  }
}

/**
 * Sends every delivery due at `now` (up to a batch) within the concurrency bounds, and resolves
 * with the outcomes once all are done. `now` may be a clock: it is then read again right before
 * each request, for its signature. Safe to call from several nodes at once.
 */
export async function dispatchDue(
  db: Kysely<Database>,
  now: Date | (() => Date),
  fetchImpl?: FetchLike,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  // By default, a client that connects only to the addresses it checked (./http.ts).
  const client = fetchImpl ?? createGuardedFetch({ allowPrivate: options.allowPrivate ?? false });
  const clock = typeof now === 'function' ? now : () => now;
  const pool = new DeliveryPool(db, clock, client, options);
  await pool.poll();
  await pool.idle();
  return pool.result;
}

/**
 * Polls for due deliveries every `seconds` (unref'd: it never keeps the process alive) and sends
 * them in the background within the bounds above: a slow receiver keeps its own slots busy, while
 * the next polls go on picking up everyone else's deliveries. Returns the stop function, which
 * resolves once the sends in flight have ended (each within DELIVERY_TIMEOUT_MS).
 */
export function startWebhookDispatcher(
  db: Kysely<Database>,
  clock: () => Date,
  seconds: number,
  options: DispatchOptions = {},
): () => Promise<void> {
  const client = createGuardedFetch({ allowPrivate: options.allowPrivate ?? false });
  const pool = new DeliveryPool(db, clock, client, options);
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    pool
      .poll()
      .catch((err: unknown) => {
        // A database outage must not stop the dispatcher; the next tick tries again.
        console.error('[registry] webhook dispatch failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        polling = false;
      });
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    pool.clearQueue();
    await pool.idle();
  };
}
