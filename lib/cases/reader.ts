/**
 * Reading the shopper's drafts, cases and evidence. The extension pages hold a CaseReader: a
 * handle on the extension's IndexedDB that offers queries and nothing else, because every write
 * is the background's (pages ask it with `page:` messages, lib/messaging.ts). The query
 * functions also serve the background, on its writable database.
 */
import Dexie from 'dexie';
import { type CaseTables, DB_NAME, declareSchema } from '../store/schema';
import type { Draft, EvidenceRecord, LocalCase } from './model';

/** Newest first. */
export async function listCases(db: Pick<CaseTables, 'cases'>): Promise<LocalCase[]> {
  const rows = await db.cases.toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

export function getCase(db: Pick<CaseTables, 'cases'>, id: string): Promise<LocalCase | undefined> {
  return db.cases.get(id);
}

/** Cases with a change the shopper has not looked at: the toolbar count. */
export function unseenCount(db: Pick<CaseTables, 'cases'>): Promise<number> {
  return db.cases.filter((c) => c.unseen).count();
}

export function getDraft(db: Pick<CaseTables, 'drafts'>, id: string): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

/** Newest edit first. */
export async function listDrafts(db: Pick<CaseTables, 'drafts'>): Promise<Draft[]> {
  return (await db.drafts.orderBy('updatedAt').reverse().toArray()) as Draft[];
}

/** In capture order, oldest first (the order they are uploaded in). */
export async function listEvidence(
  db: Pick<CaseTables, 'evidence'>,
  owner: string,
): Promise<EvidenceRecord[]> {
  const rows = await db.evidence.where('owner').equals(owner).toArray();
  return rows.sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));
}

/** Actions on a case queued but not yet confirmed by the registry. */
export function pendingActions(db: Pick<CaseTables, 'outbox'>, caseId: string): Promise<number> {
  return db.outbox
    .where('caseId')
    .equals(caseId)
    .filter((e) => e.op === 'action')
    .count();
}

/** The pages' handle: the same database as the background's, with queries only. */
export class CaseReader {
  readonly #db: Dexie & CaseTables;

  constructor(name: string = DB_NAME) {
    const db = new Dexie(name) as Dexie & CaseTables;
    declareSchema(db);
    this.#db = db;
  }

  getDraft(id: string): Promise<Draft | undefined> {
    return getDraft(this.#db, id);
  }
  listDrafts(): Promise<Draft[]> {
    return listDrafts(this.#db);
  }
  getCase(id: string): Promise<LocalCase | undefined> {
    return getCase(this.#db, id);
  }
  listCases(): Promise<LocalCase[]> {
    return listCases(this.#db);
  }
  listEvidence(owner: string): Promise<EvidenceRecord[]> {
    return listEvidence(this.#db, owner);
  }
  pendingActions(caseId: string): Promise<number> {
    return pendingActions(this.#db, caseId);
  }
  unseenCount(): Promise<number> {
    return unseenCount(this.#db);
  }
  close(): void {
    this.#db.close();
  }
}
