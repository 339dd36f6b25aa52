/**
 * Routes defined once: each route is a `createRoute` definition carrying its zod request and
 * response schemas (honojs/middleware: packages/zod-openapi), from which both the validation and
 * the OpenAPI document come. Validation failures keep the registry's error answer (400
 * `bad_request` with `details` [{ path, message }]), and JSON bodies are read under the route's
 * byte limit before zod sees them, so a 413 stays a 413.
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { ErrorBody } from '../../lib/registry/schemas';
import type { Env } from '../context';
import { readJson } from './body';
import { ApiError, type ErrorDetail } from './errors';

type Target = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';
type Issues = z.core.$ZodIssue[];

/** The paths and messages of a refusal, at most 100 of them. */
export function issueDetails(issues: Issues): ErrorDetail[] {
  return issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** How a route answers a request its schemas refuse, per part of the request. */
export type InvalidAnswers = Partial<Record<Target, string | ((issues: Issues) => ApiError)>>;

const PART: Record<Target, string> = {
  json: 'request',
  query: 'query',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
  form: 'form',
};

/**
 * The validator hook: a refused part is answered 400 `bad_request`, "invalid <what>" (what the
 * route names the part, e.g. "complaint", or else the part itself), with the issues as details,
 * unless the route answers that part with its own error.
 */
export function invalid(answers: InvalidAnswers = {}) {
  return (result: { success: boolean; target: Target; error?: z.ZodError }, _c: Context): undefined => {
    if (result.success || !result.error) return undefined;
    const issues = result.error.issues;
    const answer = answers[result.target];
    if (typeof answer === 'function') throw answer(issues);
    throw new ApiError(400, 'bad_request', `invalid ${answer ?? PART[result.target]}`, issueDetails(issues));
  };
}

/** A router whose refused requests get the registry's error answer. */
export function router(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({ defaultHook: invalid() });
}

/**
 * Reads the JSON body under `limit` bytes (415 for another type, 413 over the limit, 400
 * `invalid_json`) and leaves it where the route's zod validator reads it.
 */
export function jsonBodyUnder(limit: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const body = await readJson(c, limit);
    c.req.bodyCache.json = Promise.resolve(body);
    await next();
  };
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A JSON request body, required. */
export const jsonRequest = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request',
  401: 'No credential, or an unknown one',
  403: 'The credential may not do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Invalid content',
  429: 'Rate limited; see Retry-After',
  503: 'Database unavailable; see Retry-After',
};

/** Error answers of the given statuses, all with the stable `{ error: { code, message } }` body. */
export function errors<const S extends readonly (keyof typeof ERROR_DESCRIPTIONS)[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((s) => [s, jsonContent(ErrorBody, ERROR_DESCRIPTIONS[s] ?? 'Error')]),
  ) as Record<S[number], ReturnType<typeof jsonContent<typeof ErrorBody>>>;
}

/**
 * Answers any route may give, whatever it does: the general rate limit and an unreachable
 * database. Documented on every route; tested once (tests/server/registry.test.ts).
 */
export const COMMON_STATUSES = [429, 503] as const;

/** A route with the answers every route may give. */
export function defineRoute<const R extends RouteConfig>(config: R): R {
  return createRoute({ ...config, responses: { ...errors(...COMMON_STATUSES), ...config.responses } }) as R;
}

export const trackingCodeParam = z.string().openapi({
  param: { name: 'code', in: 'path' },
  description:
    'Tracking code (AT-XXXXXXXX); lowercase and the letters I, L, O (read as 1, 1, 0) are accepted too',
  example: 'AT-7K3M9Q2X',
});

export { z };
