/**
 * The import's preview: what a validated file would change, computed from reads alone (nothing
 * is written, no transaction is held, so lookups and other writes carry on while a 5 MB file is
 * planned), and the token that lets the confirm step apply exactly that.
 *
 * The plan walks the rows in file order with the same rules as server/import/apply.ts (a seller is
 * found by its numeric key or its slug, created when neither is known, a slug-only seller merged
 * into its numeric record; a business by its tax code or source reference; a sanction by its
 * authority and decision on the seller), over a view of the database read in batches of rows plus
 * what earlier rows of the same file would have written. Each row is one of: a fact added, a fact
 * changed (old → new for the fields that change), unchanged. Sellers the file would create are
 * listed apart.
 *
 * The token is stateless: an HMAC over the kind, the file's SHA-256, the previewing key and a
 * digest of the complete plan, with an expiry. The server keeps nothing between the steps; the
 * confirm sends the file again, and is refused when the file, the kind or the key differ, when the
 * token expired, or when the plan computed again differs from the previewed one (the registry's
 * data changed in between in a way that changes what this file does).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  IMPORT_PREVIEW_LIST_CAP,
  IMPORT_PREVIEW_TTL_MINUTES,
  type ImportKind,
  type ImportPreview,
  type ImportRowError,
} from '../../lib/registry/imports';
import { aliasKey, type Platform, sellerKey } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { readDataVersion } from '../db/sellers';
import { readCsv, runInSlices } from './csv';
import type { ImportError, RegistrationRow, SanctionRow } from './rows';

type Db = Kysely<Database>;

interface Shop {
  platform: Platform;
  sellerId: string | null;
  slug: string | null;
}

interface SellerState {
  name: string | null;
  officialStore: boolean;
  businessId: string | null;
}

interface BusinessState {
  name: string;
  tax_code: string | null;
  registration_status: string;
  registered_on: string | null;
  source_ref: string | null;
}

interface SanctionState {
  decided_on: string;
  summary: string;
  url: string | null;
}

type Added = ImportPreview['factsAdded']['items'][number];
type Changed = ImportPreview['factsChanged']['items'][number];
type Change = Changed['changes'][number];

export interface ImportPlan {
  sellersCreated: ImportPreview['sellersCreated'];
  factsAdded: ImportPreview['factsAdded'];
  factsChanged: ImportPreview['factsChanged'];
  unchanged: ImportPreview['unchanged'];
  /** SHA-256 over every entry of the plan, uncapped: what the token binds. */
  digest: string;
}

const IN_LIST = 500;
const PLAN_BATCH_ROWS = 500;
const decisionKey = (authority: string, decision: string) => `${authority}\u0000${decision}`;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The database as the file's earlier rows would leave it, read batch by batch. */
class View {
  /** Seller key → seller id, or null when known to be absent. */
  readonly keys = new Map<string, string | null>();
  readonly sellers = new Map<string, SellerState | null>();
  readonly businesses = new Map<string, BusinessState>();
  /** Business identity → business id, or null when known to be absent. */
  readonly identities = new Map<string, string | null>();
  readonly sanctions = new Map<string, Map<string, SanctionState>>();

  constructor(
    private readonly db: Db,
    private readonly withSanctions: boolean,
  ) {}

  async load(shops: Shop[], identities: string[]): Promise<void> {
    const wanted = new Set<string>();
    for (const s of shops) {
      if (s.sellerId) wanted.add(sellerKey(s.platform, s.sellerId));
      if (s.slug) wanted.add(aliasKey(s.platform, s.slug));
    }
    const keys = [...wanted].filter((k) => !this.keys.has(k));
    for (const k of keys) this.keys.set(k, null);
    for (const part of chunks(keys, IN_LIST)) {
      const rows = await this.db
        .selectFrom('seller_keys')
        .select(['key', 'seller_id'])
        .where('key', 'in', part)
        .execute();
      for (const r of rows) this.keys.set(r.key, r.seller_id);
    }
    const sellerIds = [...new Set(keys.map((k) => this.keys.get(k)))].filter(
      (id): id is string => typeof id === 'string' && !this.sellers.has(id),
    );
    for (const part of chunks(sellerIds, IN_LIST)) {
      const rows = await this.db
        .selectFrom('sellers')
        .select(['id', 'name', 'official_store', 'business_id'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) {
        this.sellers.set(r.id, {
          name: r.name,
          officialStore: Number(r.official_store) === 1,
          businessId: r.business_id,
        });
      }
      if (this.withSanctions) {
        for (const id of part) this.sanctions.set(id, new Map());
        const facts = await this.db
          .selectFrom('sanctions')
          .select(['seller_id', 'authority', 'decision', 'decided_on', 'summary', 'url'])
          .where('seller_id', 'in', part)
          .execute();
        for (const f of facts) this.sanctions.get(f.seller_id)?.set(decisionKey(f.authority, f.decision), f);
      }
    }
    const newIdentities = identities.filter((i) => !this.identities.has(i));
    for (const i of newIdentities) this.identities.set(i, null);
    const businessIds = new Set<string>();
    for (const id of sellerIds) {
      const b = this.sellers.get(id)?.businessId;
      if (b && !this.businesses.has(b)) businessIds.add(b);
    }
    const columns = [
      'id',
      'identity',
      'name',
      'tax_code',
      'registration_status',
      'registered_on',
      'source_ref',
    ] as const;
    for (const part of chunks(newIdentities, IN_LIST)) {
      const rows = await this.db
        .selectFrom('businesses')
        .select(columns)
        .where('identity', 'in', part)
        .execute();
      for (const { id, identity, ...b } of rows) {
        this.identities.set(identity, id);
        this.businesses.set(id, b);
        businessIds.delete(id);
      }
    }
    for (const part of chunks([...businessIds], IN_LIST)) {
      const rows = await this.db.selectFrom('businesses').select(columns).where('id', 'in', part).execute();
      for (const { id, identity, ...b } of rows) {
        if (!this.identities.has(identity)) this.identities.set(identity, id);
        this.businesses.set(id, b);
      }
    }
  }

  seller(id: string): SellerState | null {
    return this.sellers.get(id) ?? null;
  }

  /** ensureSeller's rules on this view: which seller a row lands on, and what that does. */
  ensure(shop: Shop): { id: string; created: boolean; relinked: boolean } {
    const { platform, sellerId: numericId, slug } = shop;
    const alias = slug ? aliasKey(platform, slug) : null;
    const aliasTarget = alias ? (this.keys.get(alias) ?? null) : null;
    if (!numericId) {
      if (!alias) throw new Error('a seller needs a numeric id or a slug');
      if (aliasTarget !== null) return { id: aliasTarget, created: false, relinked: false };
      this.create(alias);
      return { id: alias, created: true, relinked: false };
    }
    const id = sellerKey(platform, numericId);
    const created = (this.keys.get(id) ?? null) === null;
    if (created) this.create(id);
    let relinked = false;
    if (alias) {
      if (aliasTarget === null) {
        this.keys.set(alias, id);
        relinked = !created;
      } else if (aliasTarget !== id) {
        this.keys.set(alias, id);
        if (aliasTarget === alias) this.merge(alias, id);
        relinked = true;
      }
    }
    return { id, created, relinked };
  }

  private create(id: string): void {
    this.keys.set(id, id);
    this.sellers.set(id, { name: null, officialStore: false, businessId: null });
    this.sanctions.set(id, new Map());
  }

  /** A slug-only seller becomes its numeric record: its facts move, the numeric copy wins. */
  private merge(from: string, into: string): void {
    const source = this.seller(from);
    const target = this.seller(into);
    if (source && target) {
      target.name ??= source.name;
      target.businessId ??= source.businessId;
    }
    const moved = this.sanctions.get(from);
    const kept = this.sanctions.get(into);
    if (moved && kept) {
      for (const [k, f] of moved) if (!kept.has(k)) kept.set(k, f);
    }
    this.sellers.set(from, null);
    this.sanctions.delete(from);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function shown(shop: Shop): string {
  return shop.sellerId
    ? sellerKey(shop.platform, shop.sellerId)
    : aliasKey(shop.platform, shop.slug as string);
}

/** Collects the plan's entries: complete counts, capped lists, a digest of everything. */
class Recorder {
  private readonly hash = createHash('sha256');
  readonly sellersCreated: ImportPlan['sellersCreated'] = { count: 0, items: [] };
  readonly factsAdded: ImportPlan['factsAdded'] = { count: 0, items: [] };
  readonly factsChanged: ImportPlan['factsChanged'] = { count: 0, items: [] };
  readonly unchanged: ImportPlan['unchanged'] = { count: 0, lines: [] };

  private entry(kind: string, value: unknown): void {
    this.hash.update(`${kind}\u0000${JSON.stringify(value)}\n`);
  }

  created(line: number, seller: string): void {
    this.entry('created', [line, seller]);
    this.sellersCreated.count++;
    if (this.sellersCreated.items.length < IMPORT_PREVIEW_LIST_CAP)
      this.sellersCreated.items.push({ line, seller });
  }

  added(item: Added): void {
    this.entry('added', item);
    this.factsAdded.count++;
    if (this.factsAdded.items.length < IMPORT_PREVIEW_LIST_CAP) this.factsAdded.items.push(item);
  }

  changed(item: Changed): void {
    this.entry('changed', item);
    this.factsChanged.count++;
    if (this.factsChanged.items.length < IMPORT_PREVIEW_LIST_CAP) this.factsChanged.items.push(item);
  }

  same(line: number): void {
    this.entry('unchanged', line);
    this.unchanged.count++;
    if (this.unchanged.lines.length < IMPORT_PREVIEW_LIST_CAP) this.unchanged.lines.push(line);
  }

  plan(): ImportPlan {
    return {
      sellersCreated: this.sellersCreated,
      factsAdded: this.factsAdded,
      factsChanged: this.factsChanged,
      unchanged: this.unchanged,
      digest: this.hash.digest('hex'),
    };
  }
}

function diff(before: Record<string, string | null>, after: Record<string, string | null>): Change[] {
  const out: Change[] = [];
  for (const [field, value] of Object.entries(after)) {
    if ((before[field] ?? null) !== value) out.push({ field, old: before[field] ?? null, new: value });
  }
  return out;
}

function values(view: Record<string, string | null>): Added['values'] {
  return Object.entries(view)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([field, value]) => ({ field, value }));
}

function registrationView(b: BusinessState, s: { name: string | null; officialStore: boolean }) {
  return {
    business_name: b.name,
    tax_code: b.tax_code,
    status: b.registration_status,
    registered_on: b.registered_on,
    source_ref: b.source_ref,
    shop_name: s.name,
    official_store: String(s.officialStore),
  };
}

/** What a validated registrations file would change; reads only. */
export async function planRegistrations(db: Db, rows: RegistrationRow[]): Promise<ImportPlan> {
  const view = new View(db, false);
  const out = new Recorder();
  let fresh = 0;
  for (const batch of chunks(rows, PLAN_BATCH_ROWS)) {
    await view.load(
      batch.map((r) => r.shop),
      batch.map((r) => r.business.identity),
    );
    for (const row of batch) {
      const { shop, business: b } = row;
      // The shop's registration as its public record shows it now (the slug-only record when the
      // numeric one does not exist yet: a merge keeps its facts).
      const numeric = shop.sellerId ? view.keys.get(sellerKey(shop.platform, shop.sellerId)) : null;
      const alias = shop.slug ? view.keys.get(aliasKey(shop.platform, shop.slug)) : null;
      const beforeSeller = view.seller(numeric ?? alias ?? '');
      const beforeBusiness = beforeSeller?.businessId
        ? view.businesses.get(beforeSeller.businessId)
        : undefined;
      const before = beforeSeller && beforeBusiness ? registrationView(beforeBusiness, beforeSeller) : null;

      const business: BusinessState = {
        name: b.name,
        tax_code: b.taxCode,
        registration_status: b.status,
        registered_on: b.registeredOn,
        source_ref: b.sourceRef,
      };
      let businessId = view.identities.get(b.identity) ?? null;
      if (businessId === null) {
        businessId = `new:${fresh++}`;
        view.identities.set(b.identity, businessId);
      }
      view.businesses.set(businessId, business);

      const ensured = view.ensure(shop);
      if (ensured.created && beforeSeller === null) out.created(row.line, shown(shop));
      const seller = view.seller(ensured.id) as SellerState;
      seller.name = shop.name ?? seller.name;
      seller.officialStore = shop.officialStore;
      seller.businessId = businessId;

      const after = registrationView(business, seller);
      const entry = { line: row.line, seller: shown(shop), fact: 'registration' as const, label: b.name };
      if (before === null) {
        out.added({ ...entry, values: values(after) });
        continue;
      }
      const changes = diff(before, after);
      if (ensured.relinked && shop.slug) {
        changes.push({ field: 'slug', old: alias ?? null, new: shop.slug });
      }
      if (changes.length > 0) out.changed({ ...entry, changes });
      else out.same(row.line);
    }
    await nextTurn();
  }
  return out.plan();
}

/** What a validated sanctions file would change; reads only. */
export async function planSanctions(db: Db, rows: SanctionRow[]): Promise<ImportPlan> {
  const view = new View(db, true);
  const out = new Recorder();
  for (const batch of chunks(rows, PLAN_BATCH_ROWS)) {
    await view.load(batch, []);
    for (const row of batch) {
      const numeric = row.sellerId ? view.keys.get(sellerKey(row.platform, row.sellerId)) : null;
      const alias = row.slug ? view.keys.get(aliasKey(row.platform, row.slug)) : null;
      const existedBefore = (numeric ?? alias ?? null) !== null;
      const ensured = view.ensure(row);
      if (ensured.created && !existedBefore) out.created(row.line, shown(row));
      const facts = view.sanctions.get(ensured.id) ?? new Map<string, SanctionState>();
      view.sanctions.set(ensured.id, facts);
      const key = decisionKey(row.authority, row.decision);
      const existing = facts.get(key);
      const after = { date: row.date, summary: row.summary, url: row.url };
      facts.set(key, { decided_on: row.date, summary: row.summary, url: row.url });
      const entry = {
        line: row.line,
        seller: shown(row),
        fact: 'sanction' as const,
        label: `${row.authority} ${row.decision}`,
      };
      if (!existing) {
        out.added({
          ...entry,
          values: values({ authority: row.authority, decision: row.decision, ...after }),
        });
        continue;
      }
      const changes = diff(
        { date: existing.decided_on, summary: existing.summary, url: existing.url },
        after,
      );
      if (ensured.relinked && row.slug) {
        changes.push({ field: 'slug', old: alias ?? null, new: row.slug });
      }
      if (changes.length > 0) out.changed({ ...entry, changes });
      else out.same(row.line);
    }
    await nextTurn();
  }
  return out.plan();
}

// ---- Errors as a person reads them ----

const COLUMNS = new Set([
  'business_name',
  'tax_code',
  'status',
  'registered_on',
  'source_ref',
  'platform',
  'seller_id',
  'slug',
  'shop_name',
  'official_store',
  'authority',
  'decision',
  'date',
  'summary',
  'url',
]);

/** The validator's "column: message" split into the column and the message. */
export function rowError(e: ImportError): ImportRowError {
  const m = /^([a-z_]+): ([\s\S]*)$/.exec(e.message);
  if (m && COLUMNS.has(m[1] as string))
    return { line: e.line, field: m[1] as string, message: m[2] as string };
  return { line: e.line, field: null, message: e.message };
}

/** Data rows of a file that failed validation (blank rows are not rows); null if not CSV at all. */
export async function countRows(text: string): Promise<number | null> {
  try {
    const { records } = await runInSlices(readCsv(text));
    return records.slice(1).filter((r) => r.fields.some((f) => f.trim() !== '')).length;
  } catch {
    return null;
  }
}

export { readDataVersion };

// ---- The token ----

const TOKEN_PREFIX = 'aip1';

const TokenPayload = z.object({
  k: z.enum(['registrations', 'sanctions']),
  h: z.string(),
  p: z.string(),
  a: z.string().nullable(),
  x: z.number().int(),
});
type TokenPayload = z.infer<typeof TokenPayload>;

export interface TokenClaims {
  kind: ImportKind;
  sha256: string;
  planDigest: string;
  keyId: string | null;
  expiresAt: Date;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`antam-import-preview-v1:${body}`, 'utf8').digest();
}

export function signImportToken(secret: string, claims: TokenClaims): string {
  const payload: TokenPayload = {
    k: claims.kind,
    h: claims.sha256,
    p: claims.planDigest,
    a: claims.keyId,
    x: claims.expiresAt.getTime(),
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${TOKEN_PREFIX}.${body}.${mac(secret, body).toString('base64url')}`;
}

/** The token's claims when the registry signed it, else null (forged, garbled, another format). */
export function readImportToken(secret: string, token: string): TokenClaims | null {
  const [prefix, body, signature, ...rest] = token.split('.');
  if (prefix !== TOKEN_PREFIX || !body || !signature || rest.length > 0) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = TokenPayload.safeParse(json);
  if (!parsed.success) return null;
  const p = parsed.data;
  return { kind: p.k, sha256: p.h, planDigest: p.p, keyId: p.a, expiresAt: new Date(p.x) };
}

export function tokenExpiry(now: Date): Date {
  return new Date(now.getTime() + IMPORT_PREVIEW_TTL_MINUTES * 60_000);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
