/**
 * The routes every kind of case has, written once and mounted per kind (complaints, counterfeit
 * reports): submit exactly once per Idempotency-Key, read the case, delete its personal data, add
 * and download evidence. The case routes resolve their bearer (the case token or an API key)
 * before reading any body, so a stranger learns nothing from how a body is judged.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { type ActorRole, EvidenceView } from '../../lib/registry/cases';
import { EVIDENCE_TYPES } from '../../lib/registry/evidence-type';
import { type CaseAccess, caseViewer } from '../auth';
import type { CaseRow, CaseViewer } from '../cases/kind';
import type { CaseStore } from '../cases/store';
import { normaliseTrackingCode } from '../cases/tokens';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import {
  defineRoute,
  errors,
  invalid,
  jsonBodyUnder,
  jsonContent,
  jsonRequest,
  trackingCodeParam,
  z,
} from '../http/route';
import { EvidenceUploadHeaders, evidenceAnswer, evidenceResponse, readEvidenceUpload } from './evidence';

export type KindRow = CaseRow & { seller_id: string };
// biome-ignore lint/suspicious/noExplicitAny: one set of routes serves every kind's own types.
export type AnyCaseStore = CaseStore<KindRow, any, string, any, any, any>;

/** How one kind of case speaks over HTTP. */
export interface CaseRoutesConfig {
  store: AnyCaseStore;
  /** The path segment: `/v1/<plural>`. */
  plural: string;
  /** The name in messages: "complaint", "report". */
  label: string;
  tag: string;
  schemas: { submit: z.ZodType; submitted: z.ZodType; view: z.ZodType };
  // biome-ignore lint/suspicious/noExplicitAny: each kind's access reads its own row type.
  access: CaseAccess<any>;
  messages: {
    duplicate?: string;
    ownerOnlyErase: string;
    ownerOnlyEvidence: string;
  };
  /** Security schemes that open a case: its own token, or an API key. */
  security: { [scheme: string]: string[] }[];
  /** Whether this viewer may download the case's evidence (answered 403 otherwise). */
  evidenceReadable?(view: unknown, viewer: CaseViewer): string | null;
}

/** Idempotency-Key header of a submission: the extension's outbox sends a random UUID. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN)
    .openapi({ description: 'A random value (UUID) the client keeps with its outbox entry' }),
});

const idempotencyRefused = () =>
  new ApiError(
    400,
    'bad_request',
    'send an Idempotency-Key header of 8–100 characters A–Z, a–z, 0–9, _ or - (a random UUID)',
  );

export const CodeParams = z.object({ code: trackingCodeParam });
const EvidenceParams = z.object({
  code: trackingCodeParam,
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }),
});
/** Evidence ids in paths are UUIDs; anything else cannot exist. */
const EVIDENCE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

/** The case named in the path and who asks about it, resolved by `loadCase`. */
export function loadedCase(c: Context<Env>): { row: KindRow; viewer: CaseViewer } {
  const loaded = c.get('loadedCase');
  if (!loaded) throw new Error('a case route ran without loading its case');
  return loaded as { row: KindRow; viewer: CaseViewer };
}

/** Maps a refused or failed transition to its answer. */
export function transitionRefused(
  result: { ok: false; code: 'forbidden' | 'illegal_transition' | 'conflict' | 'not_found'; message: string },
  notFound: () => ApiError,
): ApiError {
  if (result.code === 'forbidden') return new ApiError(403, 'forbidden', result.message);
  if (result.code === 'illegal_transition') return new ApiError(409, 'illegal_transition', result.message);
  if (result.code === 'not_found') return notFound();
  return new ApiError(409, 'conflict', result.message);
}

/** The route by which a kind of case is acted on: who may act is decided by `load`. */
export interface CaseActionRoute {
  store: AnyCaseStore;
  path: string;
  tags: string[];
  summary: string;
  security: { [scheme: string]: string[] }[];
  /** Loads the case and its viewer (see `loadedCase`), before any body is read. */
  load: MiddlewareHandler<Env>[];
  action: z.ZodType;
  view: z.ZodType;
  /** The lifecycle's role of the case's owner (the holder of its token). */
  ownerRole: ActorRole;
  notFound: () => ApiError;
}

/**
 * Applies an action through the lifecycle and answers the case as it is now, seen by whoever
 * acted. The transition refreshes the data version through the store's transaction, never here.
 */
export function caseActionRoute(deps: Deps, app: OpenAPIHono<Env>, route: CaseActionRoute) {
  const { store, notFound } = route;
  app.openapi(
    defineRoute({
      method: 'post',
      path: route.path,
      tags: route.tags,
      summary: route.summary,
      security: route.security,
      middleware: [...route.load, jsonBodyUnder(deps.config.maxComplaintBytes)],
      request: { params: CodeParams, body: jsonRequest(route.action) },
      responses: {
        200: jsonContent(route.view, 'The case after the action'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { row, viewer } = loadedCase(c);
      const role = viewer.role === 'owner' ? route.ownerRole : viewer.role;
      const now = deps.clock();
      const result = await store.transition(row.id, c.req.valid('json'), { role, keyId: viewer.keyId }, now);
      if (!result.ok) throw transitionRefused(result, notFound);
      const view = await store.freshView(row.tracking_code ?? '', viewer.role, now);
      if (!view) throw notFound();
      noStore(c);
      return c.json(view, 200);
    },
    invalid({ json: 'action' }),
  );
}

/** Loads the case named in the path and decides who is asking (see `loadedCase`). */
// biome-ignore lint/suspicious/noExplicitAny: each kind's access reads its own row type.
export function caseLoader(deps: Deps, store: AnyCaseStore, access: CaseAccess<any>): MiddlewareHandler<Env> {
  return async (c, next) => {
    const code = normaliseTrackingCode(c.req.param('code') ?? '');
    const row = code ? await store.findByCode(code) : undefined;
    c.set('loadedCase', { row, viewer: await caseViewer(c, deps.db, access, row) });
    await next();
  };
}

/** The client's address as the rate limits see it (server/http/client-address.ts). */
export type ClientAddress = (c: Context<Env>) => string;

export function caseRoutes(
  deps: Deps,
  app: OpenAPIHono<Env>,
  kind: CaseRoutesConfig,
  clientAddress: ClientAddress,
) {
  const { clock, config } = deps;
  const { store, plural, label, schemas, access, messages, tag, security } = kind;
  const loadCase = caseLoader(deps, store, access);
  const ownerOnly =
    (message: string): MiddlewareHandler<Env> =>
    async (c, next) => {
      if (loadedCase(c).viewer.role !== 'owner') throw new ApiError(403, 'forbidden', message);
      await next();
    };
  const caseErrors = errors(401, 403, 404);

  app.openapi(
    defineRoute({
      method: 'post',
      path: `/${plural}`,
      tags: [tag],
      summary: `Submit a ${label} (exactly once per Idempotency-Key)`,
      middleware: [jsonBodyUnder(config.maxComplaintBytes)] as const,
      request: { headers: IdempotencyHeaders, body: jsonRequest(schemas.submit) },
      responses: {
        201: jsonContent(schemas.submitted, `${label} stored; keep the token, it is shown once`),
        200: jsonContent(schemas.submitted, 'The same submission again: the first answer'),
        ...errors(400, 409, 413, 415, 429),
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['Idempotency-Key'];
      const result = await store.submit(c.req.valid('json'), key, { address: clientAddress(c) }, clock());
      if (result.kind === 'duplicate') throw new ApiError(409, 'conflict', messages.duplicate ?? 'duplicate');
      if (result.kind === 'conflict') {
        throw new ApiError(409, 'conflict', `this Idempotency-Key was already used for a different ${label}`);
      }
      c.header('Location', `/v1/${plural}/${result.trackingCode}`);
      noStore(c);
      const answer = { trackingCode: result.trackingCode, token: result.token, status: result.status };
      return c.json(answer, result.kind === 'created' ? 201 : 200);
    },
    invalid({ header: idempotencyRefused, json: label }),
  );

  app.openapi(
    defineRoute({
      method: 'get',
      path: `/${plural}/{code}`,
      tags: [tag],
      summary: `Read a ${label} with its token or an API key`,
      security,
      middleware: [loadCase] as const,
      request: { params: CodeParams },
      responses: { 200: jsonContent(schemas.view, `The ${label} as this viewer may see it`), ...caseErrors },
    }),
    async (c) => {
      const { row, viewer } = loadedCase(c);
      const [view] = await store.views([row], viewer.role, clock());
      noStore(c);
      return c.json(view, 200);
    },
  );

  app.openapi(
    defineRoute({
      method: 'delete',
      path: `/${plural}/{code}/personal-data`,
      tags: [tag],
      summary: `Delete the personal data of a ${label} (its owner only); the anonymous facts stay`,
      security,
      middleware: [loadCase, ownerOnly(messages.ownerOnlyErase)] as const,
      request: { params: CodeParams },
      responses: { 200: jsonContent(schemas.view, `The ${label} without its personal data`), ...caseErrors },
    }),
    async (c) => {
      const { row } = loadedCase(c);
      await store.erasePersonalData(row.id, clock());
      const view = await store.freshView(row.tracking_code ?? '', 'owner', clock());
      if (!view) throw access.notYours();
      noStore(c);
      return c.json(view, 200);
    },
  );

  app.openapi(
    defineRoute({
      method: 'post',
      path: `/${plural}/{code}/evidence`,
      tags: [tag],
      summary: `Add an evidence file to a ${label} (its owner only); the same file again is answered 200`,
      security,
      middleware: [loadCase, ownerOnly(messages.ownerOnlyEvidence)] as const,
      request: {
        params: CodeParams,
        headers: EvidenceUploadHeaders,
        body: {
          required: true,
          description: 'The file itself, recognised by its content',
          content: Object.fromEntries(
            EVIDENCE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }]),
          ),
        },
      },
      responses: {
        201: jsonContent(EvidenceView, 'Stored'),
        200: jsonContent(EvidenceView, 'The same file was already stored'),
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { row } = loadedCase(c);
      const upload = await readEvidenceUpload(c, c.req.valid('header'));
      const result = await store.addEvidence(row.id, upload, clock());
      return evidenceAnswer(c, result, access.notYours);
    },
    invalid({ header: 'evidence headers' }),
  );

  app.openapi(
    defineRoute({
      method: 'get',
      path: `/${plural}/{code}/evidence/{id}`,
      tags: [tag],
      summary: `Download an evidence file of a ${label}, as an attachment that cannot run on this origin`,
      security,
      middleware: [loadCase] as const,
      request: { params: EvidenceParams },
      responses: {
        200: {
          description: 'The file',
          content: Object.fromEntries(
            EVIDENCE_TYPES.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }]),
          ),
        },
        ...caseErrors,
      },
    }),
    async (c) => {
      const { row, viewer } = loadedCase(c);
      const id = c.req.valid('param').id;
      const file = EVIDENCE_ID_PATTERN.test(id) ? await store.readEvidence(row.id, id) : undefined;
      if (!file) throw new ApiError(404, 'not_found', `no such evidence in this ${label}`);
      if (kind.evidenceReadable) {
        const [view] = await store.views([row], viewer.role, clock());
        const refusal = kind.evidenceReadable(view, viewer);
        if (refusal) throw new ApiError(403, 'forbidden', refusal);
      }
      return evidenceResponse(file.row, file.bytes);
    },
  );
}
