/**
 * Counterfeit report routes: anyone with the extension submits (exactly once per Idempotency-Key,
 * rate-limited, one report per reporter per listing) and follows the report with its secret token
 * (view, evidence, deletion of personal data); moderators list and judge reports. Every transition
 * goes through the pure lifecycle (via server/reports/store.ts); this file maps HTTP to it.
 */
import { createHmac } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  IDEMPOTENCY_KEY_PATTERN,
  ReportAction,
  type ReportList,
  ReportStatus,
  SubmitReportRequest,
  type SubmittedReport,
} from '../../lib/registry/cases';
import { authenticate } from '../auth';
import { CaseTokenSecret, caseTokenMatches, normaliseTrackingCode } from '../cases/tokens';
import type { Deps, Env } from '../context';
import type { EvidenceStorage } from '../evidence/blobs';
import { addEvidence, findEvidence } from '../evidence/store';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { RateLimiter } from '../http/rate-limit';
import {
  eraseReportPersonalData,
  findReportByCode,
  type ReportRow,
  type ReportViewer,
  replayReport,
  reporterHash,
  reportViews,
  submitReport,
  transitionReport,
} from '../reports/store';
import { requireRole } from './admin';
import { EVIDENCE_ID_PATTERN, evidenceAnswer, evidenceResponse, readEvidenceUpload } from './evidence';

function invalidBody(error: z.ZodError, what: string): ApiError {
  return new ApiError(
    400,
    'bad_request',
    `invalid ${what}`,
    error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

const notFound = () => new ApiError(404, 'not_found', 'no report with this tracking code');
/** The same answer for "no such report" and "not your token": a guess must not tell which. */
const notYours = () => new ApiError(404, 'not_found', 'no report with this tracking code for this token');

function bearerToken(c: Context<Env>): string {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) {
    throw new ApiError(
      401,
      'unauthorized',
      'send the report token (or a moderator API key) as "Authorization: Bearer <token>"',
    );
  }
  return m[1];
}

export const MAX_REPORT_PAGE = 100;

const ModerationListQuery = z.object({
  status: ReportStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_REPORT_PAGE).default(50),
});

export function reportRoutes(deps: Deps, clientIp: (c: Context<Env>) => string, evidence: EvidenceStorage) {
  const { db, clock, config, buckets } = deps;
  const hourly = { requests: config.reportsPerHour, windowSeconds: 3600 };
  // Two counters, so that neither many installs behind one address nor one install hopping
  // addresses gets past the limit. In memory per node, like the general limiter.
  const perIp = new RateLimiter(hourly, () => clock().getTime());
  const perInstall = new RateLimiter(hourly, () => clock().getTime());
  // The stored IP hash is keyed with the registry's secret: a bare sha256 of an IPv4 address is
  // reversed by trying all 2^32 of them.
  const secret = new CaseTokenSecret(db, config.caseTokenSecret ?? undefined);

  function limited(decision: { allowed: boolean; retryAfterSeconds: number }, c: Context<Env>, what: string) {
    if (decision.allowed) return;
    c.header('Retry-After', String(decision.retryAfterSeconds));
    throw new ApiError(
      429,
      'rate_limited',
      `too many reports from this ${what}: at most ${config.reportsPerHour} an hour; try again later`,
    );
  }

  /**
   * Loads the report named in the path and decides who asks: its reporter (report token) or a
   * moderator. Wrong tokens and unknown codes get the same 404.
   */
  async function reportAndViewer(c: Context<Env>): Promise<{ row: ReportRow; viewer: ReportViewer }> {
    const token = bearerToken(c);
    const code = normaliseTrackingCode(c.req.param('code') ?? '');
    const row = code ? await findReportByCode(db, code) : undefined;
    if (row && caseTokenMatches(token, row.token_hash)) return { row, viewer: 'reporter' };
    // Looked up even when there is no such report, so the time taken does not tell which.
    const principal = await authenticate(db, token);
    if (!principal || !row) throw notYours();
    if (principal.role === 'moderator') return { row, viewer: 'moderator' };
    throw new ApiError(403, 'forbidden', 'reports are read by their reporter and by moderators');
  }

  async function viewOf(code: string, viewer: ReportViewer) {
    const fresh = await findReportByCode(db, code);
    if (!fresh) throw notYours();
    const [view] = await reportViews(db, [fresh], viewer);
    if (!view) throw new Error('a loaded report produced no view');
    return view;
  }

  function conflictOf(kind: 'duplicate' | 'conflict'): ApiError {
    return kind === 'duplicate'
      ? new ApiError(
          409,
          'conflict',
          'you already reported this listing: one report per reporter per listing',
        )
      : new ApiError(409, 'conflict', 'this Idempotency-Key was already used for a different report');
  }

  return new Hono<Env>()
    .post('/reports', async (c) => {
      const key = c.req.header('idempotency-key');
      if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new ApiError(
          400,
          'bad_request',
          'send an Idempotency-Key header of 8–100 characters A–Z, a–z, 0–9, _ or - (a random UUID)',
        );
      }
      const body = SubmitReportRequest.safeParse(await readJson(c, config.maxComplaintBytes));
      if (!body.success) throw invalidBody(body.error, 'report');
      const tokenSecret = await secret.get();
      // A retry after a lost answer is answered before the rate limits: it is not a new report.
      let result = await replayReport(db, body.data, key, tokenSecret);
      if (!result) {
        const ipHash = createHmac('sha256', tokenSecret)
          .update(`antam-report-ip-v1:${clientIp(c)}`, 'utf8')
          .digest('hex');
        limited(perIp.checkKey(ipHash), c, 'address');
        limited(perInstall.checkKey(reporterHash(body.data.installKey)), c, 'install');
        result = await submitReport(db, body.data, key, ipHash, clock(), tokenSecret);
      }
      if (result.kind === 'duplicate' || result.kind === 'conflict') throw conflictOf(result.kind);
      // The new report counts in the seller's record at once on this node.
      if (result.kind === 'created') await buckets.refreshVersion();
      c.header('Location', `/v1/reports/${result.trackingCode}`);
      c.header('Cache-Control', 'no-store');
      const answer: SubmittedReport = {
        trackingCode: result.trackingCode,
        token: result.token,
        status: result.status,
      };
      return c.json(answer, result.kind === 'created' ? 201 : 200);
    })
    .get('/reports/:code', async (c) => {
      const { row, viewer } = await reportAndViewer(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await viewOf(row.tracking_code ?? '', viewer));
    })
    .delete('/reports/:code/personal-data', async (c) => {
      const { row, viewer } = await reportAndViewer(c);
      if (viewer !== 'reporter') {
        throw new ApiError(
          403,
          'forbidden',
          'only the reporter can have the personal data of a report deleted',
        );
      }
      await eraseReportPersonalData(db, row.id, await evidence.get(), clock());
      c.header('Cache-Control', 'no-store');
      return c.json(await viewOf(row.tracking_code ?? '', 'reporter'));
    })
    .post('/reports/:code/evidence', async (c) => {
      const { row, viewer } = await reportAndViewer(c);
      if (viewer !== 'reporter') {
        throw new ApiError(403, 'forbidden', 'only the reporter adds evidence to a report');
      }
      const upload = await readEvidenceUpload(c);
      const result = await addEvidence(db, await evidence.get(), 'report', row.id, upload, clock());
      return evidenceAnswer(c, result, notYours);
    })
    .get('/reports/:code/evidence/:id', async (c) => {
      const { row } = await reportAndViewer(c);
      const id = c.req.param('id');
      const file = EVIDENCE_ID_PATTERN.test(id) ? await findEvidence(db, 'report', row.id, id) : undefined;
      if (!file) throw new ApiError(404, 'not_found', 'no such evidence in this report');
      const blobs = await evidence.get();
      const bytes = await blobs.read(db, file.id);
      if (!bytes) throw new Error(`evidence ${file.id} has a row but no bytes`);
      return evidenceResponse(file, bytes);
    })
    .get('/moderation/reports', requireRole(deps, 'moderator'), async (c) => {
      const query = ModerationListQuery.safeParse(c.req.query());
      if (!query.success) throw invalidBody(query.error, 'query');
      const { status, limit } = query.data;
      let q = db
        .selectFrom('counterfeit_reports')
        .selectAll()
        // Demo and bench rows have no tracking code: they are facts, not cases anyone handles.
        .where('tracking_code', 'is not', null);
      if (status) q = q.where('status', '=', status);
      // The queue oldest first: the report waiting longest is judged first.
      const rows = await q.orderBy('received_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
      c.header('Cache-Control', 'no-store');
      const answer: ReportList = { reports: await reportViews(db, rows) };
      return c.json(answer);
    })
    .get('/moderation/reports/:code', requireRole(deps, 'moderator'), async (c) => {
      const code = normaliseTrackingCode(c.req.param('code'));
      const row = code ? await findReportByCode(db, code) : undefined;
      if (!row) throw notFound();
      const [view] = await reportViews(db, [row]);
      c.header('Cache-Control', 'no-store');
      return c.json(view);
    })
    .post('/moderation/reports/:code/actions', requireRole(deps, 'moderator'), async (c) => {
      const code = normaliseTrackingCode(c.req.param('code'));
      const row = code ? await findReportByCode(db, code) : undefined;
      if (!row || !code) throw notFound();
      const body = ReportAction.safeParse(await readJson(c, config.maxComplaintBytes));
      if (!body.success) throw invalidBody(body.error, 'action');
      const principal = c.get('principal');
      const result = await transitionReport(
        db,
        row.id,
        body.data,
        { role: 'moderator', keyId: principal.keyId },
        clock(),
      );
      if (!result.ok) {
        if (result.code === 'forbidden') throw new ApiError(403, 'forbidden', result.message);
        if (result.code === 'illegal_transition')
          throw new ApiError(409, 'illegal_transition', result.message);
        if (result.code === 'not_found') throw notFound();
        throw new ApiError(409, 'conflict', result.message);
      }
      // A confirmation changes the seller's level: visible at once on this node.
      await buckets.refreshVersion();
      const fresh = await findReportByCode(db, code);
      if (!fresh) throw notFound();
      const [view] = await reportViews(db, [fresh]);
      c.header('Cache-Control', 'no-store');
      return c.json(view);
    });
}
