import { resolve } from 'node:path';
import { z } from 'zod';
import { MAX_PROXY_HOPS } from './http/client-address';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** The registry process's environment, parsed once at start; a bad value stops it with a clear message. */
export const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  DEMO_DATA: flag,
  /**
   * How many proxies in front of the registry append to X-Forwarded-For: the client is the entry
   * that many from the right (server/http/client-address.ts). Off (0, false, unset) ignores the
   * header; `true` is the older spelling of 1.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = (v ?? '').trim().toLowerCase();
      if (text === '' || text === 'false') return 0;
      if (text === 'true') return 1;
      if (/^\d{1,2}$/.test(text) && Number(text) <= MAX_PROXY_HOPS) return Number(text);
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY must be the number of trusted proxies in front (0–${MAX_PROXY_HOPS}), true or false`,
      });
      return z.NEVER;
    }),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  BUCKET_STALENESS_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  // buckets (issue 13): memory for hot padded buckets (a bounded LRU, independent of the registry's
  // size); Cache-Control max-age of bucket answers (what an HTTP cache in front keeps them for);
  // how often buckets whose time window passed are derived again.
  BUCKET_CACHE_MB: z.coerce.number().min(1).default(64),
  BUCKET_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  BUCKET_REFRESH_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  /** Days a seller has to answer a complaint; fractions allowed. */
  ANSWER_DEADLINE_DAYS: z.coerce.number().positive().default(7),
  /** How often the deadline job marks overdue complaints late. */
  LATE_JOB_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  /**
   * Secret the shoppers' case tokens are derived from. Unset: one is generated and kept in the
   * database (registry_state), shared by every node on it. Set it to keep the secret out of the
   * database; changing it later only stops retried submissions from getting their token back.
   */
  /** Webhooks may target private/loopback addresses: tests and closed networks only. */
  WEBHOOK_ALLOW_PRIVATE: flag,
  /** How often due webhook deliveries are sent. */
  WEBHOOK_DISPATCH_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /** Counterfeit reports accepted per hour per hashed IP and per install key; 0 disables the limit. */
  REPORTS_PER_HOUR: z.coerce.number().int().min(0).default(10),
  COMPLAINTS_PER_HOUR: z.coerce.number().int().min(0).default(10),
  /** Days the daily open-data snapshots are kept; older ones are deleted after each new one. */
  OPEN_DATA_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often the registry checks whether today's open-data snapshot exists (and makes it). */
  OPEN_DATA_CHECK_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(3600),
  CASE_TOKEN_SECRET: z
    .string()
    .min(32, 'CASE_TOKEN_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

export function parseServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const parsed = ServerEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid registry configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file under DATA_DIR. */
export function databaseLocation(env: ServerEnv): string {
  return env.DATABASE_URL || resolve(env.DATA_DIR, 'registry.sqlite');
}
