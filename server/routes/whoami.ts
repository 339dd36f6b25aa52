/**
 * `GET /v1/whoami`: what an API key is, for the console's sign-in — its role, label, the
 * marketplace of a platform key and the shops a seller key is bound to. Any live key; never the
 * key itself or its hash.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { PlatformSchema, Role } from '../../lib/registry/schemas';
import { requireRole } from '../auth';
import type { Deps, Env } from '../context';
import { defineRoute, errors, jsonContent, z } from '../http/route';

const WhoAmI = z
  .object({
    id: z.string(),
    role: Role,
    label: z.string(),
    platform: PlatformSchema.nullable().openapi({ description: 'The marketplace of a platform key' }),
    sellers: z.array(z.string()).openapi({ description: 'The canonical shops a seller key acts for' }),
  })
  .openapi('WhoAmI');

export function whoamiRoutes(deps: Deps, app: OpenAPIHono<Env>) {
  const { db } = deps;
  app.openapi(
    defineRoute({
      method: 'get',
      path: '/whoami',
      tags: ['Keys'],
      summary: 'The role, label and scope of the API key sent (for sign-in)',
      security: [{ apiKey: [] }],
      middleware: [requireRole(db, 'admin', 'moderator', 'seller', 'platform')] as const,
      responses: { 200: jsonContent(WhoAmI, 'The key'), ...errors(401) },
    }),
    async (c) => {
      const principal = c.get('principal');
      const row = await db
        .selectFrom('api_keys')
        .select('label')
        .where('id', '=', principal.keyId)
        .executeTakeFirstOrThrow();
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          id: principal.keyId,
          role: principal.role,
          label: row.label,
          platform: principal.platform,
          sellers: principal.sellers,
        },
        200,
      );
    },
  );
}
