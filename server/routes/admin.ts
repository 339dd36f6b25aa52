/**
 * Admin routes: API keys (created with their secret shown once, listed, revoked) and the CSV
 * imports of registrations and sanctions. Every route needs an admin key.
 */
import type { Context } from 'hono';
import {
  IMPORT_PREVIEW_LIST_CAP,
  IMPORT_TOKEN_HEADER,
  type ImportKind,
  ImportPreview,
} from '../../lib/registry/imports';
import {
  ApiKeyInfo,
  CreateApiKeyRequest,
  CreatedApiKey,
  ImportResult,
  type ImportResult as ImportResultType,
} from '../../lib/registry/schemas';
import { createApiKey, listApiKeys, requireRole, revokeApiKey } from '../auth';
import { CaseTokenSecret } from '../cases/tokens';
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
  countRows,
  type ImportPlan,
  planRegistrations,
  planSanctions,
  readDataVersion,
  readImportToken,
  rowError,
  sha256Hex,
  signImportToken,
  tokenExpiry,
} from '../import/preview';
import {
  type ImportParseResult,
  parseRegistrationsCsvInSlices,
  parseSanctionsCsvInSlices,
  type RegistrationRow,
  type SanctionRow,
} from '../import/rows';

const common = { tags: ['Admin'], security: [{ apiKey: [] }] };
const KeyParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const CSV_BODY = {
  required: true,
  content: { 'text/csv': { schema: z.string().openapi({ description: 'UTF-8 CSV with a header row' }) } },
};

const TokenHeader = z.object({
  [IMPORT_TOKEN_HEADER]: z
    .string()
    .min(1)
    .max(2000)
    .openapi({ param: { name: IMPORT_TOKEN_HEADER, in: 'header' }, description: "The preview's token" }),
});

type Parsed =
  | { kind: 'registrations'; result: ImportParseResult<RegistrationRow> }
  | { kind: 'sanctions'; result: ImportParseResult<SanctionRow> };

const IMPORT_SUMMARY: Record<ImportResultType['kind'], string> = {
  registrations: 'Import Ministry registrations as CSV (admin); all rows or none',
  sanctions: 'Import sanctions by authorities as CSV (admin); all rows or none',
};

export function adminRoutes(deps: Deps) {
  const { db, clock, config, writer } = deps;
  // Preview tokens are signed with the registry's token secret (its own HMAC domain): shared by
  // every node on the database, so a preview on one node confirms on another.
  const secret = new CaseTokenSecret(db, config.caseTokenSecret ?? undefined);
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
        request: { body: CSV_BODY },
        responses: {
          200: jsonContent(ImportResult, 'Imported'),
          ...errors(400, 401, 403, 413, 415, 422),
        },
      }),
      async (c) => c.json(await importCsv(c, kind), 200),
    );

    app.openapi(
      defineRoute({
        ...common,
        method: 'post',
        path: `/import/${kind}/preview`,
        summary: `Preview a ${kind} CSV (admin): its rows, errors by line and what it would change; applies nothing`,
        request: { body: CSV_BODY },
        responses: {
          200: jsonContent(
            ImportPreview,
            'The preview, with a token to confirm it when the file has no error',
          ),
          ...errors(400, 401, 403, 413, 415),
        },
      }),
      async (c) => c.json(await preview(c, kind), 200),
    );

    app.openapi(
      defineRoute({
        ...common,
        method: 'post',
        path: `/import/${kind}/confirm`,
        summary: `Apply a previewed ${kind} CSV (admin): the same file with its preview's token`,
        request: { headers: TokenHeader, body: CSV_BODY },
        responses: {
          200: jsonContent(ImportResult, 'Imported'),
          ...errors(400, 401, 403, 409, 413, 415),
        },
      }),
      async (c) => c.json(await confirm(c, kind, c.req.valid('header')[IMPORT_TOKEN_HEADER]), 200),
    );
  }

  /** The body of an import request: a text/csv file under the import byte limit. */
  async function readCsvBody(c: Context<Env>): Promise<string> {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\b/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'send the file as text/csv (UTF-8)');
    }
    return readText(c, config.maxImportBytes);
  }

  async function parseFile(kind: ImportResultType['kind'], text: string): Promise<Parsed> {
    const today = clock().toISOString().slice(0, 10);
    try {
      // In slices: validating a 5 MB file takes seconds, and lookups must keep being answered.
      return kind === 'registrations'
        ? { kind, result: await parseRegistrationsCsvInSlices(text, today) }
        : { kind, result: await parseSanctionsCsvInSlices(text, today) };
    } catch (err) {
      if (err instanceof CsvError) {
        return {
          kind,
          result: { ok: false, errors: [{ line: err.line, message: `invalid CSV: ${err.message}` }] },
        };
      }
      throw err;
    }
  }

  function refuseInvalid(parsed: Parsed): never {
    if (parsed.result.ok) throw new Error('the file is valid');
    throw new ApiError(
      422,
      'invalid_csv',
      `${parsed.result.errors.length} row(s) are invalid; nothing was imported`,
      parsed.result.errors.slice(0, 1000),
    );
  }

  function apply(c: Context<Env>, parsed: Parsed, text: string): Promise<ImportResultType> {
    const keyId = c.get('principal').keyId;
    // The import bumps the data version in its transaction; the writer refreshes the cache.
    if (!parsed.result.ok) refuseInvalid(parsed);
    return parsed.kind === 'registrations'
      ? applyRegistrations(writer, text, parsed.result.rows, keyId, clock())
      : applySanctions(writer, text, parsed.result.rows, keyId, clock());
  }

  function plan(parsed: Parsed): Promise<ImportPlan> {
    if (!parsed.result.ok) refuseInvalid(parsed);
    return parsed.kind === 'registrations'
      ? planRegistrations(db, parsed.result.rows)
      : planSanctions(db, parsed.result.rows);
  }

  async function importCsv(c: Context<Env>, kind: ImportResultType['kind']): Promise<ImportResultType> {
    const text = await readCsvBody(c);
    const parsed = await parseFile(kind, text);
    if (!parsed.result.ok) refuseInvalid(parsed);
    return apply(c, parsed, text);
  }

  async function preview(c: Context<Env>, kind: ImportKind): Promise<ImportPreview> {
    const text = await readCsvBody(c);
    const sha256 = sha256Hex(text);
    const parsed = await parseFile(kind, text);
    const dataVersion = await readDataVersion(db);
    const empty = {
      listCap: IMPORT_PREVIEW_LIST_CAP,
      sellersCreated: { count: 0, items: [] },
      factsAdded: { count: 0, items: [] },
      factsChanged: { count: 0, items: [] },
      unchanged: { count: 0, lines: [] },
    };
    if (!parsed.result.ok) {
      return {
        kind,
        sha256,
        rows: await countRows(text),
        dataVersion,
        errors: parsed.result.errors.map(rowError),
        ...empty,
        token: null,
        expiresAt: null,
      };
    }
    const { digest, ...changes } = await plan(parsed);
    const expiresAt = tokenExpiry(clock());
    const token = signImportToken(await secret.get(), {
      kind,
      sha256,
      planDigest: digest,
      keyId: c.get('principal').keyId,
      expiresAt,
    });
    return {
      kind,
      sha256,
      rows: parsed.result.rows.length,
      dataVersion,
      errors: [],
      ...empty,
      ...changes,
      token,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async function confirm(c: Context<Env>, kind: ImportKind, token: string): Promise<ImportResultType> {
    const claims = readImportToken(await secret.get(), token);
    if (!claims) throw new ApiError(400, 'bad_request', 'the token is not a preview token of this registry');
    const text = await readCsvBody(c);
    const stale = (message: string) => new ApiError(409, 'conflict', message);
    if (claims.kind !== kind)
      throw stale(`this token previewed a ${claims.kind} file, not ${kind}: preview the file first`);
    if (claims.keyId !== c.get('principal').keyId)
      throw stale('this token was issued to another key: preview the file first');
    if (claims.expiresAt.getTime() <= clock().getTime())
      throw stale('the preview expired: preview the file again');
    if (claims.sha256 !== sha256Hex(text))
      throw stale('this file is not the one previewed: preview it first');
    const parsed = await parseFile(kind, text);
    // Valid when previewed, invalid now: only the day moved (a date "in the future" is relative).
    if (!parsed.result.ok) throw stale('the file is no longer valid: preview it again to see its errors');
    if ((await plan(parsed)).digest !== claims.planDigest) {
      throw stale(
        "the registry's data changed since the preview, and this file would now change something else: preview it again",
      );
    }
    return apply(c, parsed, text);
  }

  return app;
}
