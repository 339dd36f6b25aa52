/**
 * Counterfeit report routes: the case routes of the report kind (server/routes/cases.ts; anyone
 * with the extension submits, rate-limited, one report per reporter per listing, and follows the
 * report with its token), plus the moderators' queue and judgements. Every transition goes through
 * the pure lifecycle (server/cases/lifecycle.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  ReportAction,
  ReportStatus,
  ReportView,
  SubmitReportRequest,
  SubmittedReport,
} from '../../lib/registry/cases';
import { type CaseAccess, requireRole } from '../auth';
import { type ReportKind, type ReportRow, reportQueue } from '../cases/report';
import type { StoreOf } from '../cases/store';
import { normaliseTrackingCode } from '../cases/tokens';
import type { Deps, Env } from '../context';
import { ApiError } from '../http/errors';
import { defineRoute, errors, invalid, jsonContent, z } from '../http/route';
import {
  type AnyCaseStore,
  type ClientAddress,
  CodeParams,
  caseActionRoute,
  caseRoutes,
  loadedCase,
} from './cases';

export type ReportStore = StoreOf<ReportKind>;

export const MAX_REPORT_PAGE = 100;

/** The moderation queue's answer. */
export const ReportList = z.object({ reports: z.array(ReportView) }).meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

const notFound = () => new ApiError(404, 'not_found', 'no report with this tracking code');
/** The same answer for "no such report" and "not your token": a guess must not tell which. */
const notYours = () => new ApiError(404, 'not_found', 'no report with this tracking code for this token');

const reportAccess: CaseAccess = {
  bearerHint: 'send the report token (or a moderator API key) as "Authorization: Bearer <token>"',
  notYours,
  otherRole: 'reports are read by their reporter and by moderators',
};

const ModerationListQuery = z.object({
  status: ReportStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_REPORT_PAGE).default(50),
});

export function reportRoutes(
  deps: Deps,
  app: OpenAPIHono<Env>,
  store: ReportStore,
  clientAddress: ClientAddress,
) {
  const { db, clock } = deps;
  const anyStore = store as unknown as AnyCaseStore;
  caseRoutes(
    deps,
    app,
    {
      store: anyStore,
      plural: 'reports',
      label: 'report',
      tag: 'Counterfeit reports',
      schemas: { submit: SubmitReportRequest, submitted: SubmittedReport, view: ReportView },
      access: reportAccess,
      security: [{ reportToken: [] }, { apiKey: [] }],
      messages: {
        duplicate: 'you already reported this listing: one report per reporter per listing',
        ownerOnlyErase: 'only the reporter can have the personal data of a report deleted',
        ownerOnlyEvidence: 'only the reporter adds evidence to a report',
      },
    },
    clientAddress,
  );

  const moderator = requireRole(db, 'moderator');
  const moderation = { tags: ['Moderation'], security: [{ apiKey: [] }] };

  /** Loads the report named in the path for a moderator, before any body is read. */
  const reportForModerator: MiddlewareHandler<Env> = async (c, next) => {
    const code = normaliseTrackingCode(c.req.param('code') ?? '');
    const row = code ? await store.findByCode(code) : undefined;
    if (!row) throw notFound();
    c.set('loadedCase', { row, viewer: { role: 'moderator', keyId: c.get('principal').keyId } });
    await next();
  };

  app.openapi(
    defineRoute({
      ...moderation,
      method: 'get',
      path: '/moderation/reports',
      summary: 'The moderation queue, oldest first',
      middleware: [moderator] as const,
      request: { query: ModerationListQuery },
      responses: { 200: jsonContent(ReportList, 'Reports to judge'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const rows = await reportQueue(db, c.req.valid('query'));
      c.header('Cache-Control', 'no-store');
      const answer: ReportList = { reports: await store.views(rows, 'moderator', clock()) };
      return c.json(answer, 200);
    },
    invalid({ query: 'query' }),
  );

  app.openapi(
    defineRoute({
      ...moderation,
      method: 'get',
      path: '/moderation/reports/{code}',
      summary: 'One report, for a moderator',
      middleware: [moderator, reportForModerator] as const,
      request: { params: CodeParams },
      responses: { 200: jsonContent(ReportView, 'The report'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const row = loadedCase(c).row as ReportRow;
      const [view] = await store.views([row], 'moderator', clock());
      c.header('Cache-Control', 'no-store');
      return c.json(view as ReportView, 200);
    },
  );

  caseActionRoute(deps, app, {
    ...moderation,
    store: anyStore,
    path: '/moderation/reports/{code}/actions',
    summary: 'Judge a report: start the review, confirm or dismiss it',
    load: [moderator, reportForModerator],
    action: ReportAction,
    view: ReportView,
    ownerRole: 'moderator',
    notFound,
  });
}
