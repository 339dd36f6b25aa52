// The API as the route definitions document it (the same objects /v1/openapi.json is generated
// from), for checking that every answer the app gives is one it documents, in the documented shape.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { Env } from '../../server/context';

export interface DocumentedRoute {
  method: string;
  /** OpenAPI path, e.g. /v1/complaints/{code} */
  path: string;
  pattern: RegExp;
  responses: Map<number, z.ZodType | null>;
}

export function documentedRoutes(app: OpenAPIHono<Env>): DocumentedRoute[] {
  const out: DocumentedRoute[] = [];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    const statuses = new Map<number, z.ZodType | null>();
    for (const [status, response] of Object.entries(responses)) {
      const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
      const schema = content?.['application/json']?.schema;
      statuses.set(
        Number(status),
        schema && typeof schema === 'object' && 'safeParse' in schema ? (schema as z.ZodType) : null,
      );
    }
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    out.push({ method: method.toUpperCase(), path, pattern, responses: statuses });
  }
  return out;
}

/** Paths of the web console's static files, served apart from the API and left out of its document. */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/console' || pathname.startsWith('/console/');
}

/** The documented route a request reaches, if any. */
export function routeOf(routes: readonly DocumentedRoute[], method: string, pathname: string) {
  return routes.find((r) => r.method === method && r.pattern.test(pathname));
}

/**
 * Fails (throws) when the app answers a request with a status its route does not document, or
 * with a JSON body that does not match the documented schema. A request to no route must get the
 * app's 404 error body. Returns the route and status, for coverage.
 */
export async function checkAnswer(
  routes: readonly DocumentedRoute[],
  method: string,
  pathname: string,
  res: Response,
  errorBody: z.ZodType,
): Promise<{ route: DocumentedRoute | undefined; status: number }> {
  // The web console's files (server/console/serve.ts) are a static app, not part of the API.
  if (isConsolePath(pathname)) return { route: undefined, status: res.status };
  const route = routeOf(routes, method, pathname);
  const isJson = /^application\/json\b/i.test(res.headers.get('content-type') ?? '');
  if (!route) {
    if (res.status !== 404 && res.status !== 429) {
      throw new Error(`${method} ${pathname} is served (${res.status}) but not documented`);
    }
    if (isJson) errorBody.parse(await res.clone().json());
    return { route, status: res.status };
  }
  if (!route.responses.has(res.status)) {
    throw new Error(
      `${method} ${route.path} answered ${res.status}, which it does not document (${[...route.responses.keys()].join(', ')})`,
    );
  }
  const schema = route.responses.get(res.status);
  if (schema) {
    if (!isJson)
      throw new Error(
        `${method} ${route.path} ${res.status}: documented as JSON, sent ${res.headers.get('content-type')}`,
      );
    const parsed = schema.safeParse(await res.clone().json());
    if (!parsed.success) {
      throw new Error(
        `${method} ${route.path} ${res.status} does not match its documented schema: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`,
      );
    }
  }
  return { route, status: res.status };
}
