/**
 * Webhooks of seller/platform keys: a key registers URLs to be told about its shops' complaints
 * (server/webhooks/). A key sees and deletes only its own webhooks; another key's are answered
 * 404, as if they did not exist.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps, Env } from '../context';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from '../webhooks/address';
import { requireRole } from './admin';

const CreateWebhookRequest = z.strictObject({ url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH) });

/** A key may not register without bound: each webhook multiplies the outbox's rows. */
export const MAX_WEBHOOKS_PER_KEY = 10;
const MAX_DELIVERY_PAGE = 100;

const DeliveryQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50),
});

const notFound = () => new ApiError(404, 'not_found', 'no webhook with this id for this API key');

export function webhookRoutes(deps: Deps) {
  const { db, clock, config } = deps;

  async function ownWebhook(keyId: string, id: string) {
    const row = await db
      .selectFrom('webhooks')
      .select(['id', 'url', 'created_at'])
      .where('id', '=', id)
      .where('key_id', '=', keyId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  return new Hono<Env>()
    .use('/webhooks', requireRole(deps, 'seller'))
    .use('/webhooks/*', requireRole(deps, 'seller'))
    .post('/webhooks', async (c) => {
      const body = CreateWebhookRequest.safeParse(await readJson(c, config.maxBodyBytes));
      if (!body.success) {
        throw new ApiError(400, 'bad_request', 'send { "url": "https://…" }');
      }
      const check = await checkWebhookUrl(body.data.url, { allowPrivate: config.webhookAllowPrivate });
      if (!check.ok) throw new ApiError(400, 'bad_request', `webhook URL refused: ${check.reason}`);
      const principal = c.get('principal');
      const count = await db
        .selectFrom('webhooks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key_id', '=', principal.keyId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(count?.n ?? 0) >= MAX_WEBHOOKS_PER_KEY) {
        throw new ApiError(409, 'conflict', `an API key may have at most ${MAX_WEBHOOKS_PER_KEY} webhooks`);
      }
      const id = randomUUID();
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const createdAt = clock().toISOString();
      await db
        .insertInto('webhooks')
        .values({
          id,
          key_id: principal.keyId,
          url: check.url.href,
          secret,
          created_at: createdAt,
          deleted_at: null,
        })
        .execute();
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/v1/webhooks/${id}`);
      // The only time the secret is shown: it is never returned again.
      return c.json({ id, url: check.url.href, secret, createdAt }, 201);
    })
    .get('/webhooks', async (c) => {
      const principal = c.get('principal');
      const hooks = await db
        .selectFrom('webhooks')
        .select(['id', 'url', 'created_at'])
        .where('key_id', '=', principal.keyId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const stats =
        hooks.length === 0
          ? []
          : await db
              .selectFrom('webhook_deliveries')
              .select(['webhook_id', 'status', (eb) => eb.fn.countAll().as('n')])
              .where(
                'webhook_id',
                'in',
                hooks.map((h) => h.id),
              )
              .groupBy(['webhook_id', 'status'])
              .execute();
      c.header('Cache-Control', 'no-store');
      return c.json({
        webhooks: hooks.map((h) => {
          const of = (status: string) =>
            Number(stats.find((s) => s.webhook_id === h.id && s.status === status)?.n ?? 0);
          return {
            id: h.id,
            url: h.url,
            createdAt: h.created_at,
            deliveries: { delivered: of('delivered'), pending: of('pending'), failed: of('failed') },
          };
        }),
      });
    })
    .delete('/webhooks/:id', async (c) => {
      const hook = await ownWebhook(c.get('principal').keyId, c.req.param('id'));
      await db
        .updateTable('webhooks')
        .set({ deleted_at: clock().toISOString() })
        .where('id', '=', hook.id)
        .execute();
      return c.body(null, 204);
    })
    .get('/webhooks/:id/deliveries', async (c) => {
      const hook = await ownWebhook(c.get('principal').keyId, c.req.param('id'));
      const query = DeliveryQuery.safeParse(c.req.query());
      if (!query.success) throw new ApiError(400, 'bad_request', 'invalid query');
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
        .where('webhook_id', '=', hook.id);
      if (query.data.status) q = q.where('status', '=', query.data.status);
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.data.limit)
        .execute();
      c.header('Cache-Control', 'no-store');
      return c.json({
        deliveries: rows.map((d) => ({
          id: d.id,
          event: d.event_type,
          status: d.status,
          attempts: Number(d.attempts),
          createdAt: d.created_at,
          lastAttemptAt: d.last_attempt_at,
          lastError: d.last_error,
          nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
        })),
      });
    });
}
