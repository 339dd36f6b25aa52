/**
 * `GET /v1/site-rules`: the signed site rules published last (server/site-rules/store.ts), as
 * signed, for the extension to verify with its built-in public key. Cacheable: ETag, a conditional
 * request answered 304, and Cache-Control's max-age, which the extension honours as the least time
 * between two fetches. No credential, nothing about the asker: every install asks the same thing.
 */
import { SignedSiteRules } from '../../lib/registry/site-rules';
import type { Deps } from '../context';
import { errorBody } from '../http/errors';
import { defineRoute, errors, jsonContent, router, z } from '../http/route';
import { latestSiteRules, siteRulesEtag } from '../site-rules/store';

/** Rules change rarely, and a fix should reach browsers within the hour. */
export const SITE_RULES_MAX_AGE_SECONDS = 300;

const Headers = z.object({ 'If-None-Match': z.string().optional() });

export function siteRulesRoutes(deps: Deps) {
  const app = router();
  app.openapi(
    defineRoute({
      tags: ['Site rules'],
      method: 'get',
      path: '/site-rules',
      summary:
        'The signed site rules in force (per marketplace and page kind: on/off, selectors, JSON paths, URL patterns)',
      request: { headers: Headers },
      responses: {
        200: jsonContent(
          SignedSiteRules,
          'The set as signed: `payload` is the exact JSON text signed (ECDSA P-256, SHA-256, P1363 signature in base64); ETag and Cache-Control set',
        ),
        304: { description: 'Not modified' },
        ...errors(404),
      },
    }),
    async (c) => {
      const published = await latestSiteRules(deps.db);
      c.header('Cache-Control', `public, max-age=${SITE_RULES_MAX_AGE_SECONDS}`);
      if (!published) return c.json(errorBody('not_found', 'no site rules are published'), 404);
      const etag = siteRulesEtag(published);
      c.header('ETag', etag);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      return c.json(published.signed, 200);
    },
  );
  return app;
}
