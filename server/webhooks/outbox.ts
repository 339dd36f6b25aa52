/**
 * The webhook outbox: one `webhook_deliveries` row per complaint event and interested webhook,
 * written inside the transaction that records the event (server/cases/store.ts), so that a
 * committed event is always announced and a rolled-back one never is. The dispatcher
 * (./dispatcher.ts) sends them later.
 *
 * The payload carries no personal data (no order, no shopper's words or contact): only the case
 * facts a seller key may already read. The receiver fetches the case with its key for the rest,
 * which then applies the shopper's consent.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export interface ComplaintWebhookPayload {
  /** The delivery's id (also X-AnTam-Delivery): receivers de-duplicate retries on it. */
  id: string;
  type: `complaint.${string}`;
  occurredAt: string;
  complaint: {
    trackingCode: string;
    seller: string;
    status: string;
    late: boolean;
    outcome: string | null;
  };
}

/**
 * Enqueues `complaint.<action>` for every live webhook of an unrevoked seller key bound to the
 * complaint's seller. A complaint the shopper did not consent to share with the seller is never
 * announced to it, in any form. Call it inside the event's
 * transaction, after the complaint row was updated. Returns how many deliveries it wrote.
 */
export async function enqueueComplaintEvent(
  trx: Transaction<Database> | Kysely<Database>,
  complaintId: string,
  action: string,
  occurredAt: string,
): Promise<number> {
  const complaint = await trx
    .selectFrom('complaints')
    .select(['seller_id', 'tracking_code', 'status', 'late', 'outcome', 'shared_with_seller'])
    .where('id', '=', complaintId)
    .executeTakeFirst();
  // Demo and bench rows have no tracking code: nobody handles them, nothing to announce.
  if (!complaint?.tracking_code) return 0;
  if (Number(complaint.shared_with_seller) !== 1) return 0;
  const hooks = await trx
    .selectFrom('webhooks as w')
    .innerJoin('api_keys as k', 'k.id', 'w.key_id')
    .innerJoin('api_key_sellers as s', 's.key_id', 'w.key_id')
    .select('w.id')
    .distinct()
    .where('s.seller_id', '=', complaint.seller_id)
    .where('k.role', '=', 'seller')
    .where('k.revoked_at', 'is', null)
    .where('w.deleted_at', 'is', null)
    .execute();
  if (hooks.length === 0) return 0;
  const type = `complaint.${action}` as const;
  const rows = hooks.map((h) => {
    const id = randomUUID();
    const payload: ComplaintWebhookPayload = {
      id,
      type,
      occurredAt,
      complaint: {
        trackingCode: complaint.tracking_code ?? '',
        seller: complaint.seller_id,
        status: complaint.status,
        late: Number(complaint.late) === 1,
        outcome: complaint.outcome,
      },
    };
    return {
      id,
      webhook_id: h.id,
      event_type: type,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: occurredAt,
      last_attempt_at: null,
      last_error: null,
      created_at: occurredAt,
    };
  });
  await trx.insertInto('webhook_deliveries').values(rows).execute();
  return rows.length;
}
