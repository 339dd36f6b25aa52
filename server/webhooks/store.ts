/**
 * The webhooks of seller/platform keys in the database: registering, listing with delivery
 * counts, deleting (softly: pending deliveries are then not sent) and reading deliveries. A key
 * only ever reaches its own webhooks.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookInfo {
  id: string;
  url: string;
  createdAt: string;
}

/** How many live webhooks a key has: each one multiplies the outbox's rows. */
export async function countWebhooks(db: Db, keyId: string): Promise<number> {
  const count = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('key_id', '=', keyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(count?.n ?? 0);
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Replaces a webhook's signing secret; only this answer ever shows the new one. Deliveries are
 * signed when they are sent, so everything sent from now on, retries included, uses it.
 */
export async function rotateWebhookSecret(db: Db, id: string): Promise<string> {
  const secret = newSecret();
  await db.updateTable('webhooks').set({ secret }).where('id', '=', id).execute();
  return secret;
}

/** Queues a `webhook.test` delivery to one webhook, sent like any event; returns its id. */
export async function enqueueTestDelivery(db: Db, webhookId: string, now: Date): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id,
      webhook_id: webhookId,
      event_type: 'webhook.test',
      payload: JSON.stringify({ id, type: 'webhook.test', occurredAt: at }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      last_attempt_at: null,
      last_error: null,
      created_at: at,
    })
    .execute();
  return id;
}

/** Stores a webhook with a new signing secret, which only this answer ever shows. */
export async function createWebhook(
  db: Db,
  keyId: string,
  url: string,
  now: Date,
): Promise<WebhookInfo & { secret: string }> {
  const hook = {
    id: randomUUID(),
    url,
    secret: newSecret(),
    createdAt: now.toISOString(),
  };
  await db
    .insertInto('webhooks')
    .values({
      id: hook.id,
      key_id: keyId,
      url,
      secret: hook.secret,
      created_at: hook.createdAt,
      deleted_at: null,
    })
    .execute();
  return hook;
}

/** One live webhook of the key, or undefined (also when it belongs to another key). */
export async function findOwnWebhook(db: Db, keyId: string, id: string): Promise<WebhookInfo | undefined> {
  const row = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'created_at'])
    .where('id', '=', id)
    .where('key_id', '=', keyId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, url: row.url, createdAt: row.created_at };
}

/** The key's live webhooks, oldest first, with their deliveries counted by status. */
export async function listWebhooks(
  db: Db,
  keyId: string,
): Promise<(WebhookInfo & { deliveries: Record<DeliveryStatus, number> })[]> {
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'created_at'])
    .where('key_id', '=', keyId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (hooks.length === 0) return [];
  const stats = await db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where(
      'webhook_id',
      'in',
      hooks.map((h) => h.id),
    )
    .groupBy(['webhook_id', 'status'])
    .execute();
  return hooks.map((h) => {
    const of = (status: DeliveryStatus) =>
      Number(stats.find((s) => s.webhook_id === h.id && s.status === status)?.n ?? 0);
    return {
      id: h.id,
      url: h.url,
      createdAt: h.created_at,
      deliveries: { delivered: of('delivered'), pending: of('pending'), failed: of('failed') },
    };
  });
}

export async function deleteWebhook(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('webhooks').set({ deleted_at: now.toISOString() }).where('id', '=', id).execute();
}

/** The newest deliveries of a webhook. */
export async function webhookDeliveries(
  db: Db,
  webhookId: string,
  query: { status?: DeliveryStatus; limit: number },
) {
  let q = db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'event_type',
      'status',
      'attempts',
      'next_attempt_at',
      'last_attempt_at',
      'last_error',
      'created_at',
    ])
    .where('webhook_id', '=', webhookId);
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map((d) => ({
    id: d.id,
    event: d.event_type,
    status: d.status as DeliveryStatus,
    attempts: Number(d.attempts),
    createdAt: d.created_at,
    lastAttemptAt: d.last_attempt_at,
    lastError: d.last_error,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
  }));
}
