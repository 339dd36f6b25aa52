import { Hono, type MiddlewareHandler } from 'hono';
import { CreateApiKeyRequest, type ImportResult, type Role } from '../../lib/registry/schemas';
import { authenticate, createApiKey, listApiKeys, revokeApiKey } from '../auth';
import type { Deps, Env } from '../context';
import { readJson, readText } from '../http/body';
import { ApiError } from '../http/errors';
import { applyRegistrations, applySanctions } from '../import/apply';
import { CsvError } from '../import/csv';
import { parseRegistrationsCsv, parseSanctionsCsv } from '../import/rows';

/** Requires `Authorization: Bearer <key>` of one of the given roles. */
export function requireRole(deps: Deps, ...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new ApiError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>"');
    const principal = await authenticate(deps.db, m[1]);
    if (!principal) throw new ApiError(401, 'unauthorized', 'unknown or revoked API key');
    if (!roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `this needs the ${roles.join(' or ')} role`);
    }
    c.set('principal', principal);
    await next();
  };
}

export function adminRoutes(deps: Deps) {
  const { db, clock, config, buckets } = deps;

  const importCsv = (kind: ImportResult['kind']) =>
    async function handler(c: import('hono').Context<Env>) {
      const type = c.req.header('content-type') ?? '';
      if (!/^text\/csv\b/i.test(type)) {
        throw new ApiError(415, 'unsupported_media_type', 'send the file as text/csv (UTF-8)');
      }
      const text = await readText(c, config.maxImportBytes);
      const today = clock().toISOString().slice(0, 10);
      let parsed: ReturnType<typeof parseRegistrationsCsv> | ReturnType<typeof parseSanctionsCsv>;
      try {
        parsed =
          kind === 'registrations' ? parseRegistrationsCsv(text, today) : parseSanctionsCsv(text, today);
      } catch (err) {
        if (err instanceof CsvError) {
          throw new ApiError(422, 'invalid_csv', 'the file is not valid CSV', [
            { line: err.line, message: err.message },
          ]);
        }
        throw err;
      }
      if (!parsed.ok) {
        throw new ApiError(
          422,
          'invalid_csv',
          `${parsed.errors.length} row(s) are invalid; nothing was imported`,
          parsed.errors.slice(0, 1000),
        );
      }
      const keyId = c.get('principal').keyId;
      const result =
        kind === 'registrations'
          ? await applyRegistrations(
              db,
              text,
              parsed.rows as Parameters<typeof applyRegistrations>[2],
              keyId,
              clock(),
            )
          : await applySanctions(
              db,
              text,
              parsed.rows as Parameters<typeof applySanctions>[2],
              keyId,
              clock(),
            );
      await buckets.refreshVersion();
      return c.json(result);
    };

  return new Hono<Env>()
    .use('*', requireRole(deps, 'admin'))
    .post('/keys', async (c) => {
      const body = CreateApiKeyRequest.safeParse(await readJson(c, config.maxBodyBytes));
      if (!body.success) {
        throw new ApiError(
          400,
          'bad_request',
          'invalid key request',
          body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const created = await createApiKey(db, body.data, clock());
      return c.json(created, 201);
    })
    .get('/keys', async (c) => c.json({ keys: await listApiKeys(db) }))
    .delete('/keys/:id', async (c) => {
      const ok = await revokeApiKey(db, c.req.param('id'), clock());
      if (!ok) throw new ApiError(404, 'not_found', 'no such key');
      const key = (await listApiKeys(db)).find((k) => k.id === c.req.param('id'));
      return c.json(key);
    })
    .post('/import/registrations', importCsv('registrations'))
    .post('/import/sanctions', importCsv('sanctions'));
}
