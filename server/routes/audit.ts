/**
 * `GET /v1/audit`: the audit log (server/audit/log.ts) for moderators and admins, newest first,
 * filtered by actor, role, action, target, dates and free text, a page at a time.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { AuditList, AuditQuery } from '../../lib/registry/audit';
import { searchAudit } from '../audit/log';
import { requireRole } from '../auth';
import type { Deps, Env } from '../context';
import { defineRoute, errors, invalid, jsonContent } from '../http/route';

export function auditRoutes(deps: Deps, app: OpenAPIHono<Env>) {
  const { db } = deps;
  app.openapi(
    defineRoute({
      method: 'get',
      path: '/audit',
      tags: ['Moderation'],
      summary: 'The audit log: who did what, when, on what (moderators and admins), newest first',
      security: [{ apiKey: [] }],
      middleware: [requireRole(db, 'moderator', 'admin')] as const,
      request: { query: AuditQuery },
      responses: { 200: jsonContent(AuditList, 'A page of the log'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const answer = await searchAudit(db, c.req.valid('query'));
      c.header('Cache-Control', 'no-store');
      return c.json(answer, 200);
    },
    invalid({ query: 'query' }),
  );
}
