import type { HttpBindings } from '@hono/node-server';
import type { Kysely } from 'kysely';
import type { Principal } from './auth';
import type { BucketService } from './buckets';
import type { CaseViewer } from './cases/kind';
import type { Database } from './db/schema';
import type { Writer } from './db/transaction';
import type { RateLimiter } from './http/rate-limit';

export interface RegistryConfig {
  prefixLength: number;
  maxBodyBytes: number;
  maxImportBytes: number;
  /**
   * Bytes one `POST /v1/lookup` may answer (MAX_LOOKUP_PREFIXES padded buckets). The extension's
   * 100 shortest-prefix buckets take 400 KB at one padding block each, so it stays far below this.
   */
  maxLookupAnswerBytes: number;
  rateLimit: { requests: number; windowSeconds: number };
  /**
   * Proxies in front of the registry whose X-Forwarded-For entries are believed (a number of hops;
   * `true` is one, `false` none): server/http/client-address.ts.
   */
  trustProxy: boolean | number;
  bucketMaxAgeSeconds: number;
  demoData: boolean;
  /** Days a seller has to answer a forwarded complaint. */
  answerDeadlineDays: number;
  /** Body limit of complaint submissions and actions (a full complaint outgrows maxBodyBytes). */
  maxComplaintBytes: number;
  /**
   * Secret the shoppers' case tokens are derived from; null keeps a generated one in the database
   * (server/cases/tokens.ts).
   */
  caseTokenSecret: string | null;
  /** Counterfeit reports accepted per hour per hashed IP and per install key; 0 disables the limit. */
  reportsPerHour: number;
  /** New complaints an hour per client address and per install key; 0 disables the limit. */
  complaintsPerHour: number;
  /**
   * Let webhooks point to private, loopback and link-local addresses (server/webhooks/address.ts).
   * Only for tests and closed networks: otherwise a seller key could make the registry probe its
   * own network.
   */
  webhookAllowPrivate: boolean;
  /** Days the open-data snapshots are kept (server/opendata/snapshot.ts). */
  openDataKeepDays: number;
}

export interface Deps {
  db: Kysely<Database>;
  clock: () => Date;
  config: RegistryConfig;
  buckets: BucketService;
  limiter: RateLimiter;
  /** Every write goes through it: the data version follows the commits (server/db/transaction.ts). */
  writer: Writer;
}

export type Env = {
  Bindings: Partial<HttpBindings>;
  Variables: {
    principal: Principal;
    /** The case a case route names, and who asks about it (server/routes/cases.ts). */
    loadedCase?: { row: unknown; viewer: CaseViewer };
  };
};
