/**
 * Webhooks of seller/platform keys: a key registers URLs to be told about its shops' complaints
 * (server/webhooks/). A key sees and deletes only its own webhooks; another key's are answered
 * 404, as if they did not exist.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  CreatedWebhook,
  DeliveryList,
  DeliveryStatus,
  QueuedTest,
  RotatedSecret,
  WebhookList,
} from '../../lib/registry/webhooks';
import { requireRole } from '../auth';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, errors, invalid, jsonBodyUnder, jsonContent, jsonRequest, z } from '../http/route';
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from '../webhooks/address';
import {
  countWebhooks,
  createWebhook,
  deleteWebhook,
  enqueueTestDelivery,
  findOwnWebhook,
  listWebhooks,
  rotateWebhookSecret,
  webhookDeliveries,
} from '../webhooks/store';

/** A key may not register without bound: each webhook multiplies the outbox's rows. */
export const MAX_WEBHOOKS_PER_KEY = 10;
const MAX_DELIVERY_PAGE = 100;

const CreateWebhookRequest = z
  .strictObject({ url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH) })
  .openapi({ description: 'http(s) only; private, loopback, link-local and CGNAT addresses are refused' });
const DeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50),
});
const IdParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const notFound = () => new ApiError(404, 'not_found', 'no webhook with this id for this API key');

export function webhookRoutes(deps: Deps, app: OpenAPIHono<Env>) {
  const { db, clock, config } = deps;
  const seller = requireRole(db, 'seller');
  const common = { tags: ['Webhooks'], security: [{ apiKey: [] }] };
  /** The webhook in the path must be the key's own, before anything else is read. */
  const ownWebhook: MiddlewareHandler<Env> = async (c, next) => {
    if (!(await findOwnWebhook(db, c.get('principal').keyId, c.req.param('id') ?? ''))) throw notFound();
    await next();
  };

  app.openapi(
    defineRoute({
      ...common,
      method: 'post',
      path: '/webhooks',
      summary: "Register a webhook for the key's shops' complaint events (seller)",
      description:
        'http(s) only; private, loopback, link-local, unspecified and CGNAT addresses are refused ' +
        '(also when the host name resolves to one). The `secret` is shown only in this answer: ' +
        'deliveries carry `X-AnTam-Signature: v1=<hex HMAC-SHA256(secret, "<X-AnTam-Timestamp>.<body>")>`.',
      middleware: [seller, jsonBodyUnder(config.maxBodyBytes)] as const,
      request: { body: jsonRequest(CreateWebhookRequest) },
      responses: {
        201: jsonContent(CreatedWebhook, 'The webhook, with its signing secret (shown once)'),
        ...errors(400, 401, 403, 409, 413, 415),
      },
    }),
    async (c) => {
      const { url } = c.req.valid('json');
      const check = await checkWebhookUrl(url, { allowPrivate: config.webhookAllowPrivate });
      if (!check.ok) throw new ApiError(400, 'bad_request', `webhook URL refused: ${check.reason}`);
      const keyId = c.get('principal').keyId;
      if ((await countWebhooks(db, keyId)) >= MAX_WEBHOOKS_PER_KEY) {
        throw new ApiError(409, 'conflict', `an API key may have at most ${MAX_WEBHOOKS_PER_KEY} webhooks`);
      }
      const hook = await createWebhook(db, keyId, check.url.href, clock());
      c.header('Cache-Control', 'no-store');
      c.header('Location', `/v1/webhooks/${hook.id}`);
      return c.json(hook, 201);
    },
    invalid({ json: () => new ApiError(400, 'bad_request', 'send { "url": "https://…" }') }),
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'get',
      path: '/webhooks',
      summary: "The key's webhooks with delivery counts (seller); never the secrets",
      middleware: [seller] as const,
      responses: { 200: jsonContent(WebhookList, 'The webhooks'), ...errors(401, 403) },
    }),
    async (c) => {
      const webhooks = await listWebhooks(db, c.get('principal').keyId);
      c.header('Cache-Control', 'no-store');
      return c.json({ webhooks }, 200);
    },
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'delete',
      path: '/webhooks/{id}',
      summary: 'Delete one of the key’s webhooks (seller); pending deliveries are not sent',
      middleware: [seller, ownWebhook] as const,
      request: { params: IdParams },
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      await deleteWebhook(db, c.req.valid('param').id, clock());
      return c.body(null, 204);
    },
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'post',
      path: '/webhooks/{id}/secret',
      summary: 'Rotate the signing secret of one of the key’s webhooks (seller); the new one is shown once',
      description:
        'Deliveries are signed when sent, so every delivery from now on (retries included) carries a ' +
        'signature made with the new secret; the old one stops working at once.',
      middleware: [seller, ownWebhook] as const,
      request: { params: IdParams },
      responses: { 200: jsonContent(RotatedSecret, 'The new secret (shown once)'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const secret = await rotateWebhookSecret(db, id);
      c.header('Cache-Control', 'no-store');
      return c.json({ id, secret }, 200);
    },
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'post',
      path: '/webhooks/{id}/test',
      summary: 'Send a `webhook.test` event to one of the key’s webhooks (seller); see it in its deliveries',
      middleware: [seller, ownWebhook] as const,
      request: { params: IdParams },
      responses: { 202: jsonContent(QueuedTest, 'Queued: sent like any event'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const delivery = await enqueueTestDelivery(db, c.req.valid('param').id, clock());
      return c.json({ delivery }, 202);
    },
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      summary: 'The newest deliveries of one of the key’s webhooks (seller)',
      middleware: [seller, ownWebhook] as const,
      request: { params: IdParams, query: DeliveryQuery },
      responses: {
        200: jsonContent(DeliveryList, 'Deliveries, newest first'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const deliveries = await webhookDeliveries(db, c.req.valid('param').id, c.req.valid('query'));
      c.header('Cache-Control', 'no-store');
      return c.json({ deliveries }, 200);
    },
    invalid({ query: () => new ApiError(400, 'bad_request', 'invalid query') }),
  );
}
