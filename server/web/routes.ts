/**
 * The registry's pages for people, no key: a seller's public record (`/s/{platform}/{sellerId}`)
 * and the level rules (`/levels`). Documented in the OpenAPI document as text/html like the API,
 * so the document lists everything the registry serves.
 */
import { createHash } from 'node:crypto';
import { createElement } from 'react';
import type { TrustRecord } from '../../lib/registry/schemas';
import { isNumericSellerId, isPlatform, normaliseSlug, PLATFORMS } from '../../lib/registry/seller-key';
import type { Deps } from '../context';
import { defineRoute, router, z } from '../http/route';
import { findTrustRecord } from '../trust/records';
import { htmlAnswer, notModified } from './layout';
import { LevelsPage } from './levels-page';
import { ProblemPage, RecordPage } from './record-page';
import { pageLanguage } from './text';

const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
});

const LangQuery = z.object({
  lang: z.string().optional().openapi({ description: '`en` for English; Vietnamese otherwise (default)' }),
});

/**
 * Records by seller key for the current data version and day (a record's level depends on the
 * date), so that a page shared widely is computed once. Bounded: the oldest entry goes first.
 */
export class RecordCache {
  private entries = new Map<string, TrustRecord | null>();
  private generation = '';

  constructor(private readonly capacity = 5000) {}

  async get(
    generation: string,
    key: string,
    load: () => Promise<TrustRecord | undefined>,
  ): Promise<TrustRecord | null> {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const record = (await load()) ?? null;
    if (this.generation === generation) {
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, record);
    }
    return record;
  }
}

/** The seller key a page path names, or null when the platform or id is not a valid one. */
function keyOf(platform: string, rawId: string): string | null {
  if (!isPlatform(platform)) return null;
  if (rawId.startsWith('@')) {
    const slug = normaliseSlug(rawId);
    return slug ? `${platform}:@${slug}` : null;
  }
  return isNumericSellerId(rawId) ? `${platform}:${rawId}` : null;
}

export function webPages(deps: Deps) {
  const app = router();
  const cache = new RecordCache();
  const tags = ['Pages'];

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/s/{platform}/{sellerId}',
      summary: "A seller's public record as a page for people (Vietnamese; ?lang=en for English)",
      request: {
        params: z.object({
          platform: z
            .string()
            .openapi({ param: { name: 'platform', in: 'path' }, description: PLATFORMS.join(', ') }),
          sellerId: z
            .string()
            .openapi({ param: { name: 'sellerId', in: 'path' }, description: 'Numeric id, or @slug' }),
        }),
        query: LangQuery,
      },
      responses: {
        200: html('The record page; ETag and Cache-Control set'),
        304: { description: 'Not modified' },
        400: html('Not a valid platform or seller id (an HTML page)'),
        404: html('No record of this seller (an HTML page)'),
      },
    }),
    async (c) => {
      const { platform, sellerId } = c.req.valid('param');
      const lang = pageLanguage(c.req.query('lang'));
      const key = keyOf(platform, sellerId);
      if (key === null) {
        const given = `/s/${encodeURIComponent(platform)}/${encodeURIComponent(sellerId)}`;
        return htmlAnswer(c, 400, ProblemPage({ lang, path: given, status: 400 })) as never;
      }
      // The canonical address (a slug in lower case): one ETag and one cached page per seller.
      const path = `/s/${key.replace(':', '/')}`;

      const now = deps.clock();
      const generation = `${deps.buckets.version}-${now.toISOString().slice(0, 10)}`;
      const tag = createHash('sha256').update(`${path}\n${lang}`).digest('hex').slice(0, 16);
      const etag = `"${generation}-${tag}"`;
      c.header('Cache-Control', 'public, max-age=60');
      if (notModified(c, etag)) {
        c.header('ETag', etag);
        return c.body(null, 304) as never;
      }
      const record = await cache.get(generation, key, () => findTrustRecord(deps.db, key, now));
      if (!record) return htmlAnswer(c, 404, ProblemPage({ lang, path, status: 404 })) as never;
      return htmlAnswer(c, 200, createElement(RecordPage, { record, lang, path }), { etag }) as never;
    },
  );

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/levels',
      summary: 'What each trust level means and which facts produce it, generated from the rules',
      request: { query: LangQuery },
      responses: { 200: html('The levels page') },
    }),
    (c) => {
      const lang = pageLanguage(c.req.query('lang'));
      return htmlAnswer(c, 200, createElement(LevelsPage, { lang }), { maxAge: 3600 }) as never;
    },
  );

  return app;
}
