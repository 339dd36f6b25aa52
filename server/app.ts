import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import { auditMiddleware } from './audit/log';
import { BucketService } from './buckets';
import { complaintKind } from './cases/complaint';
import { DEFAULT_ANSWER_DEADLINE_DAYS } from './cases/lifecycle';
import { SubmissionLimits } from './cases/limits';
import { reportKind } from './cases/report';
import { CaseStore } from './cases/store';
import { CaseTokenSecret } from './cases/tokens';
import { consoleRoutes } from './console/serve';
import type { Deps, Env, RegistryConfig } from './context';
import type { Database } from './db/schema';
import { Writer } from './db/transaction';
import { EvidenceStorage } from './evidence/blobs';
import { clientAddress, proxyHops } from './http/client-address';
import { ApiError, errorBody, isDatabaseUnavailable } from './http/errors';
import { openApiDocument } from './http/openapi-document';
import { RateLimiter } from './http/rate-limit';
import { router } from './http/route';
import { type MountedOpenData, mountOpenData } from './opendata/routes';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { type ComplaintStore, complaintRoutes } from './routes/complaints';
import { publicRoutes } from './routes/public';
import { replyRoutes } from './routes/replies';
import { type ReportStore, reportRoutes } from './routes/reports';
// rules (issue 12): signed site rules
import { siteRulesRoutes } from './routes/site-rules';
import { webhookRoutes } from './routes/webhooks';
import { whoamiRoutes } from './routes/whoami';
import { webPages } from './web/routes';

export const DEFAULT_CONFIG: RegistryConfig = {
  prefixLength: 4,
  maxBodyBytes: 16 * 1024,
  maxImportBytes: 5 * 1024 * 1024,
  maxLookupAnswerBytes: 4 * 1024 * 1024,
  rateLimit: { requests: 600, windowSeconds: 60 },
  trustProxy: false,
  bucketMaxAgeSeconds: 60,
  demoData: false,
  answerDeadlineDays: DEFAULT_ANSWER_DEADLINE_DAYS,
  // 10,000 characters of description and 100 item titles of Vietnamese (2–3 bytes a letter).
  maxComplaintBytes: 256 * 1024,
  reportsPerHour: 10,
  complaintsPerHour: 10,
  caseTokenSecret: null,
  webhookAllowPrivate: false,
  openDataKeepDays: 30,
};

export interface CreateAppOptions {
  db: Kysely<Database>;
  clock?: () => Date;
  config?: Partial<RegistryConfig>;
  buckets?: {
    padBlockBytes?: number;
    cacheBytes?: number;
    stalenessSeconds?: number;
    refreshSeconds?: number;
  };
  /**
   * Directory of evidence files with SQLite. Default: `evidence/` beside the database file (the
   * data directory); ignored with PostgreSQL, which keeps evidence in the database.
   */
  evidenceDir?: string;
  /** The built web console (default: server/console/dist); tests point it elsewhere. */
  consoleDist?: string;
}

export interface RegistryApp {
  app: OpenAPIHono<Env>;
  deps: Deps;
  evidence: EvidenceStorage;
  complaints: ComplaintStore;
  reports: ReportStore;
  openData: MountedOpenData;
}

/** The client's rate-limit key: server/http/client-address.ts, shared with the hot path. */
function clientIp(c: Context<Env>, hops: number): string {
  return clientAddress(
    hops > 0 ? c.req.header('x-forwarded-for') : undefined,
    c.env?.incoming?.socket?.remoteAddress,
    hops,
  );
}

/** Hono's own refusals (a body of an undeclared media type…) in the registry's error shape. */
function httpExceptionCode(status: number) {
  if (status === 415) return 'unsupported_media_type' as const;
  if (status === 413) return 'payload_too_large' as const;
  return 'bad_request' as const;
}

/**
 * The registry's HTTP application, apart from the process that serves it (server/main.ts), so that
 * tests drive it with `app.request()` against a real migrated database. Call `deps.buckets.init()`
 * before serving.
 */
export function createApp(options: CreateAppOptions): RegistryApp {
  const clock = options.clock ?? (() => new Date());
  const config: RegistryConfig = { ...DEFAULT_CONFIG, ...options.config };
  const buckets = new BucketService(options.db, clock, {
    padBlockBytes: options.buckets?.padBlockBytes ?? 4096,
    cacheBytes: options.buckets?.cacheBytes ?? 64 * 1024 * 1024,
    stalenessSeconds: options.buckets?.stalenessSeconds ?? 5,
    refreshSeconds: options.buckets?.refreshSeconds ?? 60,
  });
  const limiter = new RateLimiter(config.rateLimit, () => clock().getTime());
  const writer = new Writer(options.db, () => buckets.afterWrite());
  const deps: Deps = { db: options.db, clock, config, buckets, limiter, writer };
  const evidence = new EvidenceStorage(options.db, options.evidenceDir ?? null);
  const secret = new CaseTokenSecret(options.db, config.caseTokenSecret ?? undefined);
  const complaints: ComplaintStore = new CaseStore(
    complaintKind(
      { answerDeadlineDays: config.answerDeadlineDays },
      new SubmissionLimits(config.complaintsPerHour, clock, 'complaints'),
    ),
    options.db,
    writer,
    secret,
    evidence,
  );
  const reports: ReportStore = new CaseStore(
    reportKind(new SubmissionLimits(config.reportsPerHour, clock, 'reports')),
    options.db,
    writer,
    secret,
    evidence,
  );
  const hops = proxyHops(config.trustProxy);
  const clientAddressOf = (c: Context<Env>) => clientIp(c, hops);

  const app = router();
  app.use('*', async (c, next) => {
    const decision = limiter.check(clientAddressOf(c));
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      throw new ApiError(429, 'rate_limited', 'too many requests; try again later');
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  // Every successful non-GET request made with an API key, recorded after it (server/audit/log.ts).
  app.use('/v1/*', auditMiddleware(options.db, clock));
  app.route('/v1', publicRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  const cases = router();
  complaintRoutes(deps, cases, complaints, clientAddressOf);
  reportRoutes(deps, cases, reports, clientAddressOf);
  webhookRoutes(deps, cases);
  whoamiRoutes(deps, cases);
  auditRoutes(deps, cases);
  replyRoutes(deps, cases);
  app.route('/v1', cases);
  // rules (issue 12): GET /v1/site-rules
  app.route('/v1', siteRulesRoutes(deps));
  app.route('/', webPages(deps));
  const openData = mountOpenData(app, deps, config.openDataKeepDays);
  app.route('/', consoleRoutes(options.consoleDist));
  openApiDocument(app);

  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    c.header('X-Content-Type-Options', 'nosniff');
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(errorBody(httpExceptionCode(err.status), err.message), err.status);
    }
    if (isDatabaseUnavailable(err)) {
      c.header('Retry-After', '5');
      return c.json(
        errorBody('database_unavailable', 'the registry database is unavailable; try again shortly'),
        503,
      );
    }
    // A bug: log it for operators, answer without any detail (no stack, no SQL).
    console.error('[registry] unexpected error', err);
    return c.json(errorBody('internal', 'internal error'), 500);
  });
  return { app, deps, evidence, complaints, reports, openData };
}
