import type { Generated } from 'kysely';

/** Row types of the tables created by the migrations. Booleans are integers 0/1 on both engines. */
export interface RegistryStateTable {
  id: number;
  data_version: number | string | bigint; // bigint: PostgreSQL returns it as a string
  updated_at: string;
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
}

export interface CounterfeitReportTable {
  id: string;
  seller_id: string;
  status: string;
  order_verified: Generated<number>;
  received_at: string;
  decided_at: string | null;
  demo: Generated<number>;
}

export interface ApiKeyTable {
  id: string;
  key_hash: string;
  role: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ApiKeySellerTable {
  key_id: string;
  seller_key: string;
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

export interface Database {
  registry_state: RegistryStateTable;
  businesses: BusinessTable;
  sellers: SellerTable;
  seller_keys: SellerKeyTable;
  sanctions: SanctionTable;
  complaints: ComplaintTable;
  counterfeit_reports: CounterfeitReportTable;
  api_keys: ApiKeyTable;
  api_key_sellers: ApiKeySellerTable;
  imports: ImportTable;
}
