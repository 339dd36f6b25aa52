/**
 * Counterfeit report routes: anyone with the extension submits (rate-limited, one report per
 * reporter per listing); moderators list and judge them. Every transition goes through the pure
 * lifecycle (via server/reports/store.ts); this file maps HTTP to it.
 */
import { createHmac } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  ReportAction,
  type ReportList,
  ReportStatus,
  SubmitReportRequest,
  type SubmittedReport,
} from '../../lib/registry/cases';
import { CaseTokenSecret, normaliseTrackingCode } from '../cases/tokens';
import type { Deps, Env } from '../context';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { RateLimiter } from '../http/rate-limit';
import {
  findReportByCode,
  reporterHash,
  reportViews,
  submitReport,
  transitionReport,
} from '../reports/store';
import { requireRole } from './admin';

function invalidBody(error: z.ZodError, what: string): ApiError {
  return new ApiError(
    400,
    'bad_request',
    `invalid ${what}`,
    error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

const notFound = () => new ApiError(404, 'not_found', 'no report with this tracking code');

export const MAX_REPORT_PAGE = 100;

const ModerationListQuery = z.object({
  status: ReportStatus.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_REPORT_PAGE).default(50),
});

export function reportRoutes(deps: Deps, clientIp: (c: Context<Env>) => string) {
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

  return new Hono<Env>()
    .post('/reports', async (c) => {
      const body = SubmitReportRequest.safeParse(await readJson(c, config.maxComplaintBytes));
      if (!body.success) throw invalidBody(body.error, 'report');
      const ipHash = createHmac('sha256', await secret.get())
        .update(`antam-report-ip-v1:${clientIp(c)}`, 'utf8')
        .digest('hex');
      limited(perIp.checkKey(ipHash), c, 'address');
      limited(perInstall.checkKey(reporterHash(body.data.installKey)), c, 'install');
      const result = await submitReport(db, body.data, ipHash, clock());
      if (result.kind === 'duplicate') {
        throw new ApiError(
          409,
          'conflict',
          'you already reported this listing: one report per reporter per listing',
        );
      }
      // The new report counts in the seller's record at once on this node.
      await buckets.refreshVersion();
      c.header('Cache-Control', 'no-store');
      const answer: SubmittedReport = { trackingCode: result.trackingCode, status: result.status };
      return c.json(answer, 201);
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
