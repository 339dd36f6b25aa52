import type { Generated } from 'kysely';

/** Row types of the tables created by the migrations. Booleans are integers 0/1 on both engines. */
export interface RegistryStateTable {
  id: number;
  data_version: number | string | bigint; // bigint: PostgreSQL returns it as a string
  updated_at: string;
  /** Secret the case tokens are derived from, when not configured (migration 0002). */
  case_token_secret: Generated<string | null>;
  /** buckets (issue 13): bumped by every bucket derivation (migration 0011). */
  bucket_version: Generated<number | string | bigint>;
}

export interface BusinessTable {
  id: string;
  identity: string;
  name: string;
  tax_code: string | null;
  registration_status: string;
  registered_on: string | null;
  source_ref: string | null;
  demo: Generated<number>;
  updated_at: string;
}

export interface SellerTable {
  id: string;
  platform: string;
  platform_id: string;
  name: string | null;
  official_store: Generated<number>;
  business_id: string | null;
  demo: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SellerKeyTable {
  key: string;
  hash: string;
  bucket: string;
  seller_id: string;
}

export interface SanctionTable {
  id: string;
  seller_id: string;
  authority: string;
  decision: string;
  decided_on: string;
  summary: string;
  url: string | null;
  demo: Generated<number>;
  created_at: string;
}

export interface ComplaintTable {
  id: string;
  seller_id: string;
  status: string;
  outcome: string | null;
  filed_at: string;
  forwarded_at: string | null;
  due_at: string | null;
  responded_at: string | null;
  late: Generated<number>;
  resolved_at: string | null;
  escalated: Generated<number>;
  demo: Generated<number>;
  // Migration 0002: complaints filed through the API. Null on demo and bench rows.
  tracking_code: string | null;
  token_hash: string | null;
  idempotency_key: string | null;
  category: string | null;
  desired_outcome: string | null;
  order_code: string | null;
  order_date: string | null;
  order_total: number | null;
  currency: string | null;
  response_kind: string | null;
  response_message: string | null;
  finding: string | null;
  submitted_content_hash: string | null;
  // Migration 0006: who established that the order exists for this shop (only then it counts).
  verification: Generated<string>;
  verified_at: string | null;
  verified_by: string | null;
  verified_by_key: string | null;
  /** The shopper's consent flags as public facts; 0 once the personal data is erased. */
  shared_with_seller: Generated<number>;
  shared_with_marketplace: Generated<number>;
}

/** The shopper's personal data of one complaint, apart from the public facts (migration 0002). */
export interface ComplaintPersonalTable {
  complaint_id: string;
  /** JSON of StoredComplaintContent (lib/registry/cases.ts). */
  content: string;
  created_at: string;
}

/** One transition of a complaint, in order (`seq` from 1). */
export interface ComplaintEventTable {
  id: string;
  complaint_id: string;
  seq: number;
  at: string;
  actor_role: string;
  actor_key_id: string | null;
  action: string;
  from_status: string;
  to_status: string;
  note: string | null;
  /** JSON object of CaseEvent['params']. */
  params: string;
}

export interface CounterfeitReportTable {
  id: string;
  seller_id: string;
  status: string;
  order_verified: Generated<number>;
  received_at: string;
  decided_at: string | null;
  demo: Generated<number>;
  // Migration 0004: null on demo and imported rows, set on every report filed through the API.
  tracking_code: string | null;
  listing_url: string | null;
  listing_key: string | null;
  listing_title: string | null;
  listing_price: number | string | null;
  currency: string | null;
  reason: string | null;
  order_code: string | null;
  reporter_hash: string | null;
  ip_hash: string | null;
  moderator_reason: string | null;
  // Migration 0005: the reporter follows the report with a token; null on demo and imported rows.
  token_hash: string | null;
  idempotency_key: string | null;
  submitted_content_hash: string | null;
  /** When the reporter's personal data was erased on their request; null otherwise. */
  personal_erased_at: string | null;
}

export interface ReportEventTable {
  id: string;
  report_id: string;
  seq: number;
  at: string;
  actor_role: string;
  actor_key_id: string | null;
  action: string;
  from_status: string;
  to_status: string;
  note: string | null;
}

export interface ApiKeyTable {
  id: string;
  key_hash: string;
  role: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
  /** Migration 0006: the marketplace a platform key speaks for; null for other roles. */
  platform: string | null;
}

export interface ApiKeySellerTable {
  key_id: string;
  /** The key as the admin named it (shown back); scope checks use `seller_id`. */
  seller_key: string;
  /** Migration 0006: the canonical seller bound at creation; null covers nothing. */
  seller_id: string | null;
}

export interface ImportTable {
  id: string;
  kind: string;
  sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  key_id: string | null;
  created_at: string;
}

/** A seller/platform key's webhook (migration 0003). */
export interface WebhookTable {
  id: string;
  key_id: string;
  url: string;
  secret: string;
  created_at: string;
  deleted_at: string | null;
}

/** One event to send to one webhook: the outbox (migration 0003). */
export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
}

/** One evidence file of a complaint or report: the shopper's personal data (migration 0005). */
export interface EvidenceTable {
  id: string;
  case_kind: 'complaint' | 'report';
  case_id: string;
  sha256: string;
  content_type: string;
  size: number;
  name: string | null;
  source: string;
  captured_at: string;
  uploaded_at: string;
  storage: 'file' | 'database';
}

/** The bytes of evidence kept in the database (PostgreSQL). */
export interface EvidenceBlobTable {
  evidence_id: string;
  bytes: Uint8Array;
}

/** A published open-data snapshot (migration 0007). */
export interface OpenDataSnapshotTable {
  id: string;
  day: string;
  generated_at: string;
  records: number;
  csv_size: number;
  csv_sha256: string;
  jsonl_size: number;
  jsonl_sha256: string;
}

/** A piece of an open-data file, in order by `seq`. */
export interface OpenDataChunkTable {
  snapshot_id: string;
  file: 'csv' | 'jsonl';
  seq: number;
  bytes: Uint8Array;
}

/** One action taken with an API key or from the CLI (migration 0008): who, when, what. */
export interface AuditLogTable {
  id: string;
  at: string;
  /** Null for the CLI. */
  actor_key_id: string | null;
  actor_role: string;
  actor_label: string;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  /** JSON of whitelisted fields only: never a shopper's personal data. */
  detail: string;
  /** Action, target id and actor label, lower-cased, for the free-text search. */
  search: string;
}

/** A seller's public reply to one fact on its record (migration 0009). */
export interface SellerReplyTable {
  id: string;
  seller_id: string;
  fact: 'sanction' | 'counterfeit' | 'late_answers';
  /** The sanction's id; '' for the other facts. */
  fact_ref: string;
  text: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string | null;
}

// rules (issue 12): signed site rules, as published (migration 0010).
export interface SiteRulesTable {
  version: number;
  /** The exact JSON text that was signed. */
  payload: string;
  signature: string;
  key_id: string;
  issued_at: string;
  expires_at: string;
  published_at: string;
}

// buckets (issue 13): serialised lookup answers (migration 0011)
export interface BucketTable {
  prefix: string;
  /** The JSON array of the bucket's entries; padding is added when it is sent. */
  entries: string;
  sellers: number;
  version: number | string | bigint;
  built_at: string;
  /** First instant a record in it may read differently as time passes; null: never. */
  valid_until: string | null;
}

export interface BucketDirtyTable {
  prefix: string;
}

export interface Database {
  registry_state: RegistryStateTable;
  businesses: BusinessTable;
  sellers: SellerTable;
  seller_keys: SellerKeyTable;
  sanctions: SanctionTable;
  complaints: ComplaintTable;
  complaint_personal: ComplaintPersonalTable;
  complaint_events: ComplaintEventTable;
  counterfeit_reports: CounterfeitReportTable;
  report_events: ReportEventTable;
  api_keys: ApiKeyTable;
  api_key_sellers: ApiKeySellerTable;
  imports: ImportTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  evidence: EvidenceTable;
  evidence_blobs: EvidenceBlobTable;
  open_data_snapshots: OpenDataSnapshotTable;
  open_data_chunks: OpenDataChunkTable;
  audit_log: AuditLogTable;
  seller_replies: SellerReplyTable;
  // rules (issue 12)
  site_rules: SiteRulesTable;
  // buckets (issue 13)
  buckets: BucketTable;
  bucket_dirty: BucketDirtyTable;
}
