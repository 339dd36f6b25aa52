/**
 * Sellers' public replies to the facts on their record (issue 10). A seller key lists its shops'
 * answerable facts and puts or withdraws the reply to one; another seller's shop gets the same 404
 * as an unknown one. A moderator lists replies and hides (with a reason) or unhides one. Platform
 * keys cannot reply: a marketplace does not speak for its sellers.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  FACT_ID_MESSAGE,
  FACT_ID_PATTERN,
  ModeratedReply,
  ModeratedReplyList,
  PutReplyRequest,
  SellerReplies,
  SellerReply,
  SetReplyVisibility,
} from '../../lib/registry/replies';
import { PLATFORMS } from '../../lib/registry/seller-key';
import { requireRole } from '../auth';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, errors, invalid, jsonBodyUnder, jsonContent, jsonRequest, z } from '../http/route';
import {
  answerableFacts,
  ownShop,
  putReply,
  repliesToModerate,
  setReplyVisibility,
  withdrawReply,
} from '../replies/store';

const FactParams = z.object({
  platform: z.enum(PLATFORMS).openapi({ param: { name: 'platform', in: 'path' } }),
  sellerId: z
    .string()
    .max(140)
    .openapi({ param: { name: 'sellerId', in: 'path' }, description: 'The shop’s id on the marketplace' }),
  fact: z
    .string()
    .max(80)
    .regex(FACT_ID_PATTERN, FACT_ID_MESSAGE)
    .openapi({ param: { name: 'fact', in: 'path' }, example: 'counterfeit' }),
});

const ReplyIdParams = z.object({
  id: z
    .string()
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const ModerationQuery = z.object({
  hidden: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .openapi({ description: 'Only hidden (true) or only shown (false) replies; both when absent' }),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

const factParamRefused = (issues: readonly { path: PropertyKey[]; message: string }[]) => {
  const first = issues[0];
  if (first?.path[0] === 'platform') {
    return new ApiError(400, 'unknown_platform', `platform must be one of ${PLATFORMS.join(', ')}`);
  }
  return new ApiError(400, 'bad_request', first?.message ?? 'invalid path');
};

export function replyRoutes(deps: Deps, app: OpenAPIHono<Env>) {
  const { db, clock, writer, config } = deps;
  const seller = requireRole(db, 'seller');
  const moderator = requireRole(db, 'moderator');
  const security = [{ apiKey: [] }];

  app.openapi(
    defineRoute({
      method: 'get',
      path: '/seller/replies',
      tags: ['Replies'],
      summary: "The facts on the key's shops' records a seller may answer, each with its current reply",
      security,
      middleware: [seller] as const,
      responses: { 200: jsonContent(SellerReplies, 'The shops and their facts'), ...errors(401, 403) },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ shops: await answerableFacts(db, c.get('principal').sellers, clock()) }, 200);
    },
  );

  app.openapi(
    defineRoute({
      method: 'put',
      path: '/seller/shops/{platform}/{sellerId}/replies/{fact}',
      tags: ['Replies'],
      summary: 'Post or edit the public reply to a fact on one of the key’s shops’ records',
      description:
        'Published at once, beside the fact, in every public answer (record, buckets, page, open data). ' +
        'Plain text, shown as written. Editing replaces the text and marks the reply edited.',
      security,
      middleware: [seller, jsonBodyUnder(config.maxBodyBytes)] as const,
      request: { params: FactParams, body: jsonRequest(PutReplyRequest) },
      responses: {
        200: jsonContent(SellerReply, 'The reply, edited (or unchanged)'),
        201: jsonContent(SellerReply, 'The reply, posted'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { platform, sellerId, fact } = c.req.valid('param');
      const { text } = c.req.valid('json');
      const principal = c.get('principal');
      const shop = await ownShop(db, principal, platform, sellerId);
      const { reply, created } = await putReply(
        writer,
        { sellerId: shop, fact, text, keyId: principal.keyId },
        clock(),
      );
      c.header('Cache-Control', 'no-store');
      return created ? c.json(reply, 201) : c.json(reply, 200);
    },
    invalid({ param: factParamRefused, json: 'reply' }),
  );

  app.openapi(
    defineRoute({
      method: 'delete',
      path: '/seller/shops/{platform}/{sellerId}/replies/{fact}',
      tags: ['Replies'],
      summary: 'Withdraw the public reply to a fact (kept for the record, shown nowhere)',
      security,
      middleware: [seller] as const,
      request: { params: FactParams },
      responses: { 204: { description: 'Withdrawn' }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { platform, sellerId, fact } = c.req.valid('param');
      const principal = c.get('principal');
      const shop = await ownShop(db, principal, platform, sellerId);
      await withdrawReply(writer, { sellerId: shop, fact, keyId: principal.keyId }, clock());
      return c.body(null, 204);
    },
    invalid({ param: factParamRefused }),
  );

  app.openapi(
    defineRoute({
      method: 'get',
      path: '/replies',
      tags: ['Replies'],
      summary: "Sellers' current replies, newest first, for moderators (hidden ones marked)",
      security,
      middleware: [moderator] as const,
      request: { query: ModerationQuery },
      responses: { 200: jsonContent(ModeratedReplyList, 'Replies'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { hidden, limit } = c.req.valid('query');
      c.header('Cache-Control', 'no-store');
      return c.json({ replies: await repliesToModerate(db, { hidden, limit }) }, 200);
    },
  );

  app.openapi(
    defineRoute({
      method: 'put',
      path: '/replies/{id}/visibility',
      tags: ['Replies'],
      summary: 'Hide a reply from every public answer, with a reason, or show it again (moderator)',
      security,
      middleware: [moderator, jsonBodyUnder(config.maxBodyBytes)] as const,
      request: { params: ReplyIdParams, body: jsonRequest(SetReplyVisibility) },
      responses: {
        200: jsonContent(ModeratedReply, 'The reply as it is now'),
        ...errors(400, 401, 403, 404, 413, 415),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { hidden, reason } = c.req.valid('json');
      const reply = await setReplyVisibility(
        writer,
        { id, hidden, reason: hidden ? (reason ?? null) : null, keyId: c.get('principal').keyId },
        clock(),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(reply, 200);
    },
    invalid({ json: 'visibility' }),
  );
}
