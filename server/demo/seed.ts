import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashApiKey } from '../auth';
import type { Database } from '../db/schema';
import { bumpDataVersion, ensureSeller } from '../db/sellers';
import { DEMO_SELLERS, type DemoComplaint, type DemoSeller } from './data';

/**
 * The demo admin key that `npm start` prints. It is public by design (it is in this file), exists
 * only in databases seeded with demo data, and must never be used for real data.
 */
export const DEMO_ADMIN_KEY = 'antam_admin_DEMO-ONLY-public-key-never-use-in-production';

const DAY = 86_400_000;
const MARKER = 'demo-seed-v1';

function at(now: Date, daysAgo: number, plusDays = 0): string {
  return new Date(now.getTime() - daysAgo * DAY + plusDays * DAY).toISOString();
}

function complaintRow(sellerId: string, c: DemoComplaint, now: Date) {
  const filed = at(now, c.daysAgo);
  const forwarded = c.status === 'submitted' ? null : filed;
  const final = c.status === 'resolved' || c.status === 'closed';
  return {
    id: randomUUID(),
    seller_id: sellerId,
    status: c.status,
    outcome: final ? (c.outcome ?? null) : null,
    filed_at: filed,
    forwarded_at: forwarded,
    due_at: forwarded ? at(now, c.daysAgo, 7) : null,
    responded_at: c.answeredAfterDays === undefined ? null : at(now, c.daysAgo, c.answeredAfterDays),
    late: c.late ? 1 : 0,
    resolved_at: final && c.resolvedAfterDays !== undefined ? at(now, c.daysAgo, c.resolvedAfterDays) : null,
    escalated: c.escalated ? 1 : 0,
    demo: 1,
    // Demo facts are loaded by the registry itself, as established: verified by import.
    verification: c.unverified ? 'unverified' : 'order_verified',
    verified_at: c.unverified ? null : filed,
    verified_by: c.unverified ? null : 'import',
  };
}

async function seedSeller(trx: Kysely<Database>, s: DemoSeller, now: Date): Promise<void> {
  const ts = now.toISOString();
  const seller = await ensureSeller(trx, s.platform, s.sellerId, s.slug ?? null, now, true);
  let businessId: string | null = null;
  if (s.business) {
    const b = s.business;
    const identity = b.taxCode ?? b.sourceRef;
    const existing = await trx
      .selectFrom('businesses')
      .select('id')
      .where('identity', '=', identity)
      .executeTakeFirst();
    businessId = existing?.id ?? randomUUID();
    if (!existing) {
      await trx
        .insertInto('businesses')
        .values({
          id: businessId,
          identity,
          name: b.name,
          tax_code: b.taxCode ?? null,
          registration_status: b.status,
          registered_on: b.registeredOn ?? null,
          source_ref: b.sourceRef,
          demo: 1,
          updated_at: ts,
        })
        .execute();
    }
  }
  await trx
    .updateTable('sellers')
    .set({
      name: s.name,
      official_store: s.officialStore ? 1 : 0,
      business_id: businessId,
      demo: 1,
      updated_at: ts,
    })
    .where('id', '=', seller.id)
    .execute();
  const complaints = (s.complaints ?? []).map((c) => complaintRow(seller.id, c, now));
  if (complaints.length > 0) await trx.insertInto('complaints').values(complaints).execute();
  const reports = [
    ...(s.counterfeit?.confirmed ?? []).map((d) => ({
      status: 'confirmed',
      received: d + 3,
      decided: at(now, d),
    })),
    ...Array.from({ length: s.counterfeit?.unconfirmed ?? 0 }, (_, i) => ({
      status: 'received',
      received: 2 + i,
      decided: null,
    })),
    ...Array.from({ length: s.counterfeit?.dismissed ?? 0 }, (_, i) => ({
      status: 'dismissed',
      received: 40 + i,
      decided: at(now, 30 + i),
    })),
  ].map((r) => ({
    id: randomUUID(),
    seller_id: seller.id,
    status: r.status,
    order_verified: 0,
    received_at: at(now, r.received),
    decided_at: r.decided,
    demo: 1,
  }));
  if (reports.length > 0) await trx.insertInto('counterfeit_reports').values(reports).execute();
  const sanctions = (s.sanctions ?? []).map((x) => ({
    id: randomUUID(),
    seller_id: seller.id,
    authority: x.authority,
    decision: x.decision,
    decided_on: at(now, x.daysAgo).slice(0, 10),
    summary: x.summary,
    url: x.url ?? null,
    demo: 1,
    created_at: ts,
  }));
  if (sanctions.length > 0) await trx.insertInto('sanctions').values(sanctions).execute();
}

/**
 * Seeds the demo sellers once: a second call finds its marker and does nothing. Dates are relative
 * to the day of seeding, so levels that depend on recency hold for months afterwards.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  now: Date,
): Promise<{ seeded: boolean; sellers: number }> {
  return db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('imports').select('id').where('kind', '=', MARKER).executeTakeFirst();
    if (done) return { seeded: false, sellers: DEMO_SELLERS.length };
    for (const s of DEMO_SELLERS) await seedSeller(trx, s, now);
    await trx
      .insertInto('api_keys')
      .values({
        id: 'demo-admin',
        key_hash: hashApiKey(DEMO_ADMIN_KEY),
        role: 'admin',
        label: 'DEMO admin key (public, demo data only)',
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto('imports')
      .values({
        id: randomUUID(),
        kind: MARKER,
        sha256: MARKER,
        rows: DEMO_SELLERS.length,
        inserted: DEMO_SELLERS.length,
        updated: 0,
        key_id: null,
        created_at: now.toISOString(),
      })
      .execute();
    await bumpDataVersion(trx, now);
    return { seeded: true, sellers: DEMO_SELLERS.length };
  });
}
