/**
 * Following the shopper's cases: every delivered case that can still change is fetched with its
 * own tracking code and token (nothing else leaves the browser), and what changed is kept, marked
 * unseen and announced. Run on an alarm (lib/background/cases.ts).
 */
import type { LocalCase } from '../cases/model';
import type { CaseChange } from '../i18n/notify';
import type { ComplaintView, ReportView } from '../registry/cases';
import type { AntamDb } from '../store/db';
import type { CasesClient } from './cases-client';
import { isFinal } from './outbox';

type View = ComplaintView | ReportView;

function isComplaintView(view: View): view is ComplaintView {
  return 'late' in view;
}

/** What the shopper should hear about, comparing the case as known with the registry's view. */
export function changeBetween(known: Pick<LocalCase, 'status' | 'view'>, view: View): CaseChange | null {
  const before = known.view;
  if (view.status !== known.status) {
    if (view.status === 'submitted' || view.status === 'received') return 'updated';
    return view.status;
  }
  if (!before) return null;
  if (isComplaintView(view) && isComplaintView(before)) {
    if (view.late && !before.late) return 'late';
    if (JSON.stringify(view.response) !== JSON.stringify(before.response)) return 'responded';
  }
  if (view.timeline.length !== before.timeline.length) return 'updated';
  return null;
}

export interface PollDeps {
  db: AntamDb;
  client: CasesClient;
  clock?: () => number;
  /** Told of each change after it is stored. */
  onChange: (c: LocalCase, change: CaseChange) => Promise<void>;
}

/** Returns how many cases changed. Stops at the first unreachable registry (the next alarm retries). */
export async function pollCases({ db, client, clock = Date.now, onChange }: PollDeps): Promise<number> {
  const delivered = await db.cases.where('delivery').equals('delivered').toArray();
  let changed = 0;
  for (const c of delivered) {
    if (isFinal(c) || !c.trackingCode || !c.token) continue;
    let view: View;
    try {
      view = await client.view(c.kind, c.trackingCode, c.token);
    } catch (err) {
      if ((err as { status?: number }).status === undefined) break;
      continue; // this case's answer was wrong or refused: the others may still be fine
    }
    const change = changeBetween(c, view);
    const now = clock();
    let stored: LocalCase | undefined;
    await db.transaction('rw', db.cases, async () => {
      const current = await db.cases.get(c.id);
      if (!current) return; // deleted meanwhile
      stored = {
        ...current,
        view,
        status: view.status,
        lastPolledAt: now,
        ...(change ? { unseen: true, updatedAt: now } : {}),
      };
      await db.cases.put(stored);
    });
    if (change && stored) {
      changed += 1;
      await onChange(stored, change);
    }
  }
  return changed;
}
