/**
 * Scheduled work on complaints. The deadline job is what puts a missed deadline on a seller's
 * record (`unanswered`): the statistics read the stored `late` flag, so it must be set when the
 * deadline passes, not only when the seller finally answers.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { LifecycleConfig } from './lifecycle';
import { transitionComplaint } from './store';

/**
 * Applies `mark_late` (as `system`) to every forwarded complaint whose answer deadline has passed;
 * returns how many it marked. The query only narrows the candidates: the lifecycle decides each
 * one, so a complaint answered meanwhile is simply refused and left alone. Safe to run on several
 * nodes at once (a complaint is marked by exactly one of them). Callers refresh their bucket
 * cache when the count is positive.
 */
export async function markLateComplaints(
  db: Kysely<Database>,
  now: Date,
  lifecycle: LifecycleConfig = {},
): Promise<number> {
  const candidates = await db
    .selectFrom('complaints')
    .select('id')
    .where('status', '=', 'forwarded')
    .where('late', '=', 0)
    // Both sides are Date#toISOString() output, so text order is time order.
    .where('due_at', '<', now.toISOString())
    .orderBy('due_at')
    .execute();
  let marked = 0;
  for (const { id } of candidates) {
    const result = await transitionComplaint(
      db,
      id,
      { type: 'mark_late' },
      { role: 'system', keyId: null },
      now,
      lifecycle,
    );
    if (result.ok) marked++;
  }
  return marked;
}
