/**
 * Admin routes: API keys (created with their secret shown once, listed, revoked) and the CSV
 * imports of registrations and sanctions. Every route needs an admin key.
 */
import type { Context } from 'hono';
import {
  ApiKeyInfo,
  CreateApiKeyRequest,
  CreatedApiKey,
  ImportResult,
  type ImportResult as ImportResultType,
} from '../../lib/registry/schemas';
import { createApiKey, listApiKeys, requireRole, revokeApiKey } from '../auth';
import type { Deps, Env } from '../context';
import { readText } from '../http/body';
import { ApiError } from '../http/errors';
import {
  defineRoute,
  errors,
  invalid,
  jsonBodyUnder,
  jsonContent,
  jsonRequest,
  router,
  z,
} from '../http/route';
import { applyRegistrations, applySanctions } from '../import/apply';
import { CsvError } from '../import/csv';
import {
  type parseRegistrationsCsv,
  parseRegistrationsCsvInSlices,
  type parseSanctionsCsv,
  parseSanctionsCsvInSlices,
} from '../import/rows';

const common = { tags: ['Admin'], security: [{ apiKey: [] }] };
const KeyParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const IMPORT_SUMMARY: Record<ImportResultType['kind'], string> = {
  registrations: 'Import Ministry registrations as CSV (admin); all rows or none',
  sanctions: 'Import sanctions by authorities as CSV (admin); all rows or none',
};

export function adminRoutes(deps: Deps) {
  const { db, clock, config, writer } = deps;
  const app = router();
  app.use('*', requireRole(db, 'admin'));

  app.openapi(
    defineRoute({
      ...common,
      method: 'post',
      path: '/keys',
      summary: 'Create an API key; the secret is in this answer only',
      middleware: [jsonBodyUnder(config.maxBodyBytes)] as const,
      request: { body: jsonRequest(CreateApiKeyRequest) },
      responses: { 201: jsonContent(CreatedApiKey, 'Created'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const key = await createApiKey(db, c.req.valid('json'), clock());
      // A seller key may have made its shops known (empty records): this node sees them at once.
      await deps.buckets.refreshVersion();
      return c.json(key, 201);
    },
    invalid({ json: 'key request' }),
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'get',
      path: '/keys',
      summary: 'List API keys (never their secrets)',
      responses: {
        200: jsonContent(z.object({ keys: z.array(ApiKeyInfo) }), 'The keys'),
        ...errors(401, 403),
      },
    }),
    async (c) => c.json({ keys: await listApiKeys(db) }, 200),
  );

  app.openapi(
    defineRoute({
      ...common,
      method: 'delete',
      path: '/keys/{id}',
      summary: 'Revoke an API key',
      request: { params: KeyParams },
      responses: { 200: jsonContent(ApiKeyInfo, 'Revoked'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await revokeApiKey(db, id, clock()))) throw new ApiError(404, 'not_found', 'no such key');
      const key = (await listApiKeys(db)).find((k) => k.id === id);
      if (!key) throw new ApiError(404, 'not_found', 'no such key');
      return c.json(key, 200);
    },
  );

  for (const kind of ['registrations', 'sanctions'] as const) {
    app.openapi(
      defineRoute({
        ...common,
        method: 'post',
        path: `/import/${kind}`,
        summary: IMPORT_SUMMARY[kind],
        request: {
          body: {
            required: true,
            content: {
              'text/csv': { schema: z.string().openapi({ description: 'UTF-8 CSV with a header row' }) },
            },
          },
        },
        responses: {
          200: jsonContent(ImportResult, 'Imported'),
          ...errors(400, 401, 403, 413, 415, 422),
        },
      }),
      async (c) => c.json(await importCsv(c, kind), 200),
    );
  }

  async function importCsv(c: Context<Env>, kind: ImportResultType['kind']): Promise<ImportResultType> {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\b/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'send the file as text/csv (UTF-8)');
    }
    const text = await readText(c, config.maxImportBytes);
    const today = clock().toISOString().slice(0, 10);
    let parsed: ReturnType<typeof parseRegistrationsCsv> | ReturnType<typeof parseSanctionsCsv>;
    try {
      // In slices: validating a 5 MB file takes seconds, and lookups must keep being answered.
      parsed =
        kind === 'registrations'
          ? await parseRegistrationsCsvInSlices(text, today)
          : await parseSanctionsCsvInSlices(text, today);
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
    // The import bumps the data version in its transaction; the writer refreshes the cache.
    return kind === 'registrations'
      ? applyRegistrations(
          writer,
          text,
          parsed.rows as Parameters<typeof applyRegistrations>[2],
          keyId,
          clock(),
        )
      : applySanctions(writer, text, parsed.rows as Parameters<typeof applySanctions>[2], keyId, clock());
  }

  return app;
}
