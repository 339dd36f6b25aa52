/**
 * Scheduled work on complaints. The deadline job is what puts a missed deadline on a seller's
 * record (`unanswered`): the statistics read the stored `late` flag, so it must be set when the
 * deadline passes, not only when the seller finally answers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ComplaintStore } from '../routes/complaints';
import { overdueComplaintIds } from './complaint';

/**
 * Applies `mark_late` (as `system`) to every forwarded complaint whose answer deadline has passed;
 * returns how many it marked. The query only narrows the candidates: the lifecycle decides each
 * one, so a complaint answered meanwhile is simply refused and left alone. Safe to run on several
 * nodes at once (a complaint is marked by exactly one of them). Each mark refreshes the bucket
 * cache through the store's transaction.
 */
export async function markLateComplaints(
  complaints: ComplaintStore,
  db: Kysely<Database>,
  now: Date,
): Promise<number> {
  let marked = 0;
  for (const id of await overdueComplaintIds(db, now)) {
    const result = await complaints.transition(
      id,
      { type: 'mark_late' },
      { role: 'system', keyId: null },
      now,
    );
    if (result.ok) marked++;
  }
  return marked;
}
