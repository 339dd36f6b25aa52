/**
 * `/v1/openapi.json`, generated from the route definitions themselves (server/http/route.ts), so
 * that the document cannot drift from what the routes validate and answer.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from '../context';
import { defineRoute, jsonContent, z } from './route';

type Json = Record<string, unknown>;

/**
 * Replaces references to component schemas by the schemas themselves: each operation reads whole,
 * as the hand-written document did, for readers (and tests) that look at one path.
 */
function inlineSchemas(node: unknown, schemas: Json, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineSchemas(n, schemas, seen));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    // A recursive schema keeps its reference after one level, and the component stays.
    if (seen.includes(name) || !(name in schemas)) return node;
    return inlineSchemas(schemas[name], schemas, [...seen, name]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineSchemas(v, schemas, seen)]));
}

/** Registers the security schemes and the document's own route on the root app. */
export function openApiDocument(app: OpenAPIHono<Env>): void {
  const bearer = (description: string) => ({ type: 'http' as const, scheme: 'bearer', description });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', bearer('An API key with a role'));
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'caseToken',
    bearer("A complaint's secret case token, returned to the shopper when submitting"),
  );
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'reportToken',
    bearer("A counterfeit report's secret token, returned to the reporter when submitting"),
  );

  let cached: Json | undefined;
  app.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/openapi.json',
      tags: ['Meta'],
      summary: 'This document (OpenAPI 3.1)',
      responses: {
        200: jsonContent(
          z.object({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }).passthrough(),
          'The OpenAPI document',
        ),
      },
    }),
    (c) => {
      if (!cached) {
        const doc = app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'An Tâm trust registry',
            version: '1.0.0',
            description:
              'Trust records of marketplace sellers, looked up k-anonymously by hash prefix. ' +
              'Bucket answers are padded to size classes and must not be compressed by intermediaries.',
          },
          servers: [{ url: '/' }],
        }) as unknown as Json & { components?: { schemas?: Json } };
        const schemas = doc.components?.schemas ?? {};
        cached = { ...doc, paths: inlineSchemas(doc.paths, schemas) };
      }
      return c.json(cached as { openapi: '3.1.0'; paths: Record<string, unknown> }, 200);
    },
  );
}
