import type { Hono } from 'hono';
import type { Env } from '../../server/context';

export type TestApp = Hono<Env>;

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export async function postCsv(app: TestApp, path: string, csv: string, key: string): Promise<Response> {
  return app.request(path, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv', ...bearer(key) },
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
