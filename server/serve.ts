import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp, type RegistryApp } from './app';
import { markLateComplaints } from './cases/jobs';
import { databaseLocation, type ServerEnv } from './config';
import { migrateToLatest, openDatabase, type RegistryDb } from './db/connect';
import { seedDemoData } from './demo/seed';
import { createBucketFastPath } from './http/fast-path';
import { startWebhookDispatcher } from './webhooks/dispatcher';

export interface RunningRegistry {
  url: string;
  port: number;
  registry: RegistryApp;
  database: RegistryDb;
  close(): Promise<void>;
}

/** An evidence file without a row this old is a crash's leftover, never an upload in progress. */
export const ORPHAN_EVIDENCE_AGE_MS = 60 * 60_000;

/**
 * Runs the complaint deadline job every `seconds` (unref'd: it never keeps the process alive).
 * One run at a time: a slow run is not overlapped by the next tick. Returns the stop function.
 */
function startLateJob(registry: RegistryApp, seconds: number): () => void {
  const { db, clock } = registry.deps;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    markLateComplaints(registry.complaints, db, clock())
      .catch((err: unknown) => {
        // A database outage must not stop the job; the next tick tries again.
        console.error('[registry] deadline job failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The daily open-data snapshot: every `seconds`, and 5 s after start (sooner if `seconds` is), makes today's snapshot unless
 * one exists (another node's counts too). Unref'd, one run at a time, errors logged and retried.
 */
function startOpenDataJob(registry: RegistryApp, seconds: number): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    registry.openData.service
      .ensureToday()
      .then((row) => {
        if (row) console.log(`[registry] open-data snapshot ${row.day}: ${row.records} records`);
      })
      .catch((err: unknown) => {
        console.error('[registry] open-data job failed:', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  // The first check a little after start, once the node is serving.
  const first = setTimeout(tick, Math.min(5, seconds) * 1000);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/**
 * A request whose body the fast path already read, handed to the app as a Web Request with that
 * body (server/http/fast-path.ts): the app answers it exactly as if it had read it itself.
 */
async function replay(registry: RegistryApp, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  try {
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    headers.delete('content-length');
    headers.delete('transfer-encoding');
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: new Uint8Array(body),
    });
    const answer = await registry.app.fetch(request, { incoming: req, outgoing: res });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const out: string[] = [];
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length') out.push(name, value);
    });
    out.push('content-length', String(bytes.length));
    res.writeHead(answer.status, out);
    res.end(bytes);
  } catch (err) {
    console.error('[registry] replayed request failed', err);
    if (!res.headersSent) res.writeHead(500, ['content-type', 'application/json; charset=utf-8']);
    res.end('{"error":{"code":"internal","message":"internal error"}}');
  }
}

/** Opens and migrates the database, seeds demo data when asked, and serves the app over HTTP. */
export async function startRegistry(env: ServerEnv): Promise<RunningRegistry> {
  const database = openDatabase(databaseLocation(env));
  try {
    await migrateToLatest(database.db);
    if (env.DEMO_DATA) await seedDemoData(database.db, new Date());
  } catch (err) {
    await database.close();
    throw err;
  }
  const registry = createApp({
    db: database.db,
    config: {
      trustProxy: env.TRUST_PROXY,
      rateLimit: { requests: env.RATE_LIMIT_REQUESTS, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS },
      demoData: env.DEMO_DATA,
      answerDeadlineDays: env.ANSWER_DEADLINE_DAYS,
      caseTokenSecret: env.CASE_TOKEN_SECRET ?? null,
      webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
      reportsPerHour: env.REPORTS_PER_HOUR,
      complaintsPerHour: env.COMPLAINTS_PER_HOUR,
      openDataKeepDays: env.OPEN_DATA_KEEP_DAYS,
      bucketMaxAgeSeconds: env.BUCKET_MAX_AGE_SECONDS,
    },
    buckets: {
      stalenessSeconds: env.BUCKET_STALENESS_SECONDS,
      cacheBytes: env.BUCKET_CACHE_MB * 1024 * 1024,
      refreshSeconds: env.BUCKET_REFRESH_SECONDS,
    },
  });
  await registry.deps.buckets.init();
  registry.deps.buckets.startPolling();
  const stopLateJob = startLateJob(registry, env.LATE_JOB_INTERVAL_SECONDS);
  const stopOpenDataJob = startOpenDataJob(registry, env.OPEN_DATA_CHECK_INTERVAL_SECONDS);
  // Files a crash left without their row (see server/evidence/blobs.ts): swept at start, past an
  // hour of age so that no upload of another node in the middle of committing is touched.
  void registry.evidence
    .get()
    .then((blobs) => blobs.sweepOrphans(registry.deps.db, ORPHAN_EVIDENCE_AGE_MS, Date.now()))
    .then((removed) => {
      if (removed > 0) console.log(`[registry] removed ${removed} orphan evidence file(s)`);
    })
    .catch((err: unknown) => {
      console.error('[registry] evidence sweep failed:', err instanceof Error ? err.message : err);
    });
  const stopWebhooks = startWebhookDispatcher(
    registry.deps.db,
    registry.deps.clock,
    env.WEBHOOK_DISPATCH_INTERVAL_SECONDS,
    { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE },
  );
  const slow = getRequestListener(registry.app.fetch);
  const fast = createBucketFastPath(registry.deps, {
    slow: (req, res) => void slow(req, res),
    replay: (req, res, body) => void replay(registry, req, res, body),
  });
  const server = createServer((req, res) => {
    if (!fast(req, res)) void slow(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    registry,
    database,
    async close() {
      registry.deps.buckets.stopPolling();
      stopLateJob();
      stopOpenDataJob();
      await stopWebhooks();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
