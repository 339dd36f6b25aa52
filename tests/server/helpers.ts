import type { Hono } from 'hono';
import { ErrorBody } from '../../lib/registry/schemas';
import { type CreateAppOptions, createApp as createRegistryApp, type RegistryApp } from '../../server/app';
import type { Env } from '../../server/context';
import { checkAnswer, documentedRoutes } from './documented';

export type TestApp = Hono<Env>;

/**
 * The registry app whose every answer to `app.request` is checked against its route's
 * documentation: an undocumented status, or a JSON body that does not match the documented
 * schema, fails the test that made the request. So the whole server suite checks the document.
 */
export function createApp(
  options: CreateAppOptions,
  onAnswer?: (answer: Awaited<ReturnType<typeof checkAnswer>>) => void,
): RegistryApp {
  const created = createRegistryApp(options);
  const routes = documentedRoutes(created.app);
  const request = created.app.request.bind(created.app);
  created.app.request = (async (...args: Parameters<typeof request>) => {
    const res = await request(...args);
    const [input, init] = args;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = input instanceof Request ? input.url : String(input);
    const answer = await checkAnswer(
      routes,
      method,
      new URL(url, 'http://localhost').pathname,
      res,
      ErrorBody,
    );
    onAnswer?.(answer);
    return res;
  }) as typeof created.app.request;
  return created;
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export async function postCsv(
  app: TestApp,
  path: string,
  csv: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(path, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv', ...bearer(key), ...headers },
  });
}

export async function postJson(
  app: TestApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}
