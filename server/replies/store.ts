/**
 * Sellers' public replies (issue 10): every SQL of the `seller_replies` table. A seller key writes,
 * edits and withdraws the one current reply to a fact of its own shops' records; a moderator hides
 * and unhides. Each write changes what lookups answer, so it goes through Writer.transact with
 * dataChanged (the bucket caches refresh after the commit).
 *
 * Replies are published at once (not moderated before publication): a moderator hides one with a
 * reason after the fact. A hidden reply stays hidden when its seller edits it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  AnswerableFact,
  FactId,
  ModeratedReply,
  ReplyFactKind,
  SellerReply,
  ShopFacts,
} from '../../lib/registry/replies';
import type { Platform } from '../../lib/registry/seller-key';
import type { Principal } from '../auth';
import type { Database, SellerReplyTable } from '../db/schema';
import { isUniqueViolation, type Writer } from '../db/transaction';
import { ApiError } from '../http/errors';
import { loadTrustRecords } from '../trust/records';

type ReplyRow = SellerReplyTable;

/** The same answer for "no such shop" and "not one of your shops": a guess must not tell which. */
export const noSuchShop = () =>
  new ApiError(404, 'not_found', 'no shop with this id among the shops of this API key');

const noSuchReply = () => new ApiError(404, 'not_found', 'no current reply to this fact');

interface FactRef {
  fact: ReplyFactKind;
  ref: string;
}

export function parseFactId(id: FactId): FactRef {
  if (id === 'counterfeit' || id === 'late_answers') return { fact: id, ref: '' };
  return { fact: 'sanction', ref: id.slice('sanction-'.length) };
}

function factIdOf(row: Pick<ReplyRow, 'fact' | 'fact_ref'>): FactId {
  return row.fact === 'sanction' ? `sanction-${row.fact_ref}` : row.fact;
}

function sellerView(row: ReplyRow): SellerReply {
  return {
    id: row.id,
    fact: factIdOf(row),
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    edited: row.updated_at !== row.created_at,
    hidden: row.hidden_at !== null ? { at: row.hidden_at, reason: row.hidden_reason ?? '' } : null,
  };
}

/**
 * The canonical seller a seller key names by platform and id (any of the shop's keys), or the
 * same 404 whether the shop is unknown or another seller's.
 */
export async function ownShop(
  db: Kysely<Database>,
  principal: Principal,
  platform: Platform,
  sellerId: string,
): Promise<string> {
  const row = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', '=', `${platform}:${sellerId}`)
    .executeTakeFirst();
  if (!row || principal.role !== 'seller' || !principal.sellers.includes(row.seller_id)) throw noSuchShop();
  return row.seller_id;
}

/** The facts of these shops' records a seller may answer, each with its current reply. */
export async function answerableFacts(
  db: Kysely<Database>,
  sellerIds: readonly string[],
  now: Date,
): Promise<ShopFacts[]> {
  if (sellerIds.length === 0) return [];
  const [records, sanctions, replies, sellers] = await Promise.all([
    loadTrustRecords(db, sellerIds, now),
    db
      .selectFrom('sanctions')
      .select(['id', 'seller_id', 'authority', 'decision', 'decided_on', 'summary'])
      .where('seller_id', 'in', sellerIds)
      .orderBy('decided_on', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('seller_replies')
      .selectAll()
      .where('seller_id', 'in', sellerIds)
      .where('withdrawn_at', 'is', null)
      .execute(),
    db
      .selectFrom('sellers')
      .select(['id', 'platform', 'platform_id'])
      .where('id', 'in', sellerIds)
      .orderBy('platform')
      .orderBy('platform_id')
      .execute(),
  ]);
  const shops: ShopFacts[] = [];
  for (const seller of sellers) {
    const record = records.get(seller.id);
    if (!record) continue;
    const replyTo = (fact: ReplyFactKind, ref = '') => {
      const row = replies.find((r) => r.seller_id === seller.id && r.fact === fact && r.fact_ref === ref);
      return row ? sellerView(row) : null;
    };
    const facts: AnswerableFact[] = sanctions
      .filter((s) => s.seller_id === seller.id)
      .map((s) => ({
        kind: 'sanction' as const,
        id: `sanction-${s.id}`,
        authority: s.authority,
        decision: s.decision,
        date: s.decided_on,
        summary: s.summary,
        reply: replyTo('sanction', s.id),
      }));
    if (record.counterfeit.confirmed > 0) {
      facts.push({
        kind: 'counterfeit',
        id: 'counterfeit',
        confirmed: record.counterfeit.confirmed,
        lastConfirmedAt: record.counterfeit.lastConfirmedAt,
        reply: replyTo('counterfeit'),
      });
    }
    if (record.complaints.allTime.unanswered > 0) {
      facts.push({
        kind: 'late_answers',
        id: 'late_answers',
        late: record.complaints.allTime.unanswered,
        reply: replyTo('late_answers'),
      });
    }
    shops.push({
      platform: record.platform,
      sellerId: record.sellerId,
      name: record.name,
      level: record.level,
      facts,
    });
  }
  return shops;
}

/** Refuses a fact that is not on the shop's record now: an unknown sanction (404), a count of zero (409). */
async function requireFact(db: Kysely<Database>, sellerId: string, fact: FactRef, now: Date): Promise<void> {
  if (fact.fact === 'sanction') {
    const row = await db
      .selectFrom('sanctions')
      .select('id')
      .where('id', '=', fact.ref)
      .where('seller_id', '=', sellerId)
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', "no sanction with this id on this shop's record");
    return;
  }
  const record = (await loadTrustRecords(db, [sellerId], now)).get(sellerId);
  if (fact.fact === 'counterfeit' && !(record && record.counterfeit.confirmed > 0)) {
    throw new ApiError(409, 'conflict', "this shop's record has no confirmed counterfeit to reply to");
  }
  if (fact.fact === 'late_answers' && !(record && record.complaints.allTime.unanswered > 0)) {
    throw new ApiError(
      409,
      'conflict',
      "this shop's record has no verified complaint left past its deadline to reply to",
    );
  }
}

/** Writes or replaces the current reply to a fact of the shop's record; answers the seller's view. */
export async function putReply(
  writer: Writer,
  input: { sellerId: string; fact: FactId; text: string; keyId: string },
  now: Date,
): Promise<{ reply: SellerReply; created: boolean }> {
  const fact = parseFactId(input.fact);
  const ts = now.toISOString();
  try {
    return await writer.transact(async (tx) => {
      await requireFact(tx.trx, input.sellerId, fact, now);
      const existing = await tx.trx
        .selectFrom('seller_replies')
        .selectAll()
        .where('seller_id', '=', input.sellerId)
        .where('fact', '=', fact.fact)
        .where('fact_ref', '=', fact.ref)
        .executeTakeFirst();
      let row: ReplyRow;
      let created: boolean;
      if (!existing) {
        row = {
          id: randomUUID(),
          seller_id: input.sellerId,
          fact: fact.fact,
          fact_ref: fact.ref,
          text: input.text,
          created_at: ts,
          created_by: input.keyId,
          updated_at: ts,
          updated_by: input.keyId,
          withdrawn_at: null,
          withdrawn_by: null,
          hidden_at: null,
          hidden_by: null,
          hidden_reason: null,
        };
        await tx.trx.insertInto('seller_replies').values(row).execute();
        created = true;
      } else if (existing.withdrawn_at !== null) {
        // A reply after a withdrawal is a new reply (not "edited"); a moderator's hiding stays.
        row = {
          ...existing,
          text: input.text,
          created_at: ts,
          created_by: input.keyId,
          updated_at: ts,
          updated_by: input.keyId,
          withdrawn_at: null,
          withdrawn_by: null,
        };
        created = true;
      } else {
        if (existing.text === input.text) return { reply: sellerView(existing), created: false };
        row = { ...existing, text: input.text, updated_at: ts, updated_by: input.keyId };
        created = false;
      }
      if (existing) {
        await tx.trx
          .updateTable('seller_replies')
          .set({
            text: row.text,
            created_at: row.created_at,
            created_by: row.created_by,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
            withdrawn_at: null,
            withdrawn_by: null,
          })
          .where('id', '=', existing.id)
          .execute();
      }
      if (row.hidden_at === null) await tx.dataChanged(now);
      return { reply: sellerView(row), created };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ApiError(409, 'conflict', 'another reply to this fact was saved at the same time; try again');
    }
    throw err;
  }
}

/** Withdraws the current reply to a fact (kept, with who and when, out of every public answer). */
export async function withdrawReply(
  writer: Writer,
  input: { sellerId: string; fact: FactId; keyId: string },
  now: Date,
): Promise<void> {
  const fact = parseFactId(input.fact);
  await writer.transact(async (tx) => {
    const existing = await tx.trx
      .selectFrom('seller_replies')
      .select(['id', 'hidden_at'])
      .where('seller_id', '=', input.sellerId)
      .where('fact', '=', fact.fact)
      .where('fact_ref', '=', fact.ref)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (!existing) throw noSuchReply();
    await tx.trx
      .updateTable('seller_replies')
      .set({ withdrawn_at: now.toISOString(), withdrawn_by: input.keyId })
      .where('id', '=', existing.id)
      .execute();
    if (existing.hidden_at === null) await tx.dataChanged(now);
  });
}

function moderatedView(
  row: ReplyRow & { platform: string; platform_id: string; name: string | null },
): ModeratedReply {
  return {
    ...sellerView(row),
    kind: row.fact,
    platform: row.platform as Platform,
    sellerId: row.platform_id,
    name: row.name,
  };
}

/** Every current reply for moderators, newest edit first (hidden ones included, marked). */
export async function repliesToModerate(
  db: Kysely<Database>,
  options: { hidden?: boolean; limit: number },
): Promise<ModeratedReply[]> {
  let query = db
    .selectFrom('seller_replies as r')
    .innerJoin('sellers as s', 's.id', 'r.seller_id')
    .selectAll('r')
    .select(['s.platform', 's.platform_id', 's.name'])
    .where('r.withdrawn_at', 'is', null);
  if (options.hidden === true) query = query.where('r.hidden_at', 'is not', null);
  if (options.hidden === false) query = query.where('r.hidden_at', 'is', null);
  const rows = await query.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(options.limit).execute();
  return rows.map(moderatedView);
}

/** Hides a reply with a reason, or shows it again; 404 for an unknown or withdrawn reply. */
export async function setReplyVisibility(
  writer: Writer,
  input: { id: string; hidden: boolean; reason: string | null; keyId: string },
  now: Date,
): Promise<ModeratedReply> {
  return writer.transact(async (tx) => {
    const load = () =>
      tx.trx
        .selectFrom('seller_replies as r')
        .innerJoin('sellers as s', 's.id', 'r.seller_id')
        .selectAll('r')
        .select(['s.platform', 's.platform_id', 's.name'])
        .where('r.id', '=', input.id)
        .where('r.withdrawn_at', 'is', null)
        .executeTakeFirst();
    const row = await load();
    if (!row) throw new ApiError(404, 'not_found', 'no current reply with this id');
    if ((row.hidden_at !== null) === input.hidden) {
      // Already so: hiding again keeps the first moderator's time and reason.
      return moderatedView(row);
    }
    await tx.trx
      .updateTable('seller_replies')
      .set(
        input.hidden
          ? { hidden_at: now.toISOString(), hidden_by: input.keyId, hidden_reason: input.reason }
          : { hidden_at: null, hidden_by: input.keyId, hidden_reason: null },
      )
      .where('id', '=', input.id)
      .execute();
    await tx.dataChanged(now);
    const updated = await load();
    if (!updated) throw new Error('reply vanished inside its transaction');
    return moderatedView(updated);
  });
}
