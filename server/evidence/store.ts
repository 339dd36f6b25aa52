/**
 * Evidence files of complaints and reports in the database: adding one (idempotent per file
 * content and case), listing them for views, reading one, and deleting a case's evidence with the
 * rest of its personal data. The bytes go through EvidenceBlobs (files or the database).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { EvidenceContentType, EvidenceSource, type EvidenceView } from '../../lib/registry/cases';
import { type EvidenceType, MAX_EVIDENCE_PER_CASE } from '../../lib/registry/evidence-type';
import type { Database, EvidenceTable } from '../db/schema';
import { isUniqueViolation, type Writer } from '../db/transaction';
import type { EvidenceBlobs } from './blobs';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export type EvidenceRow = Selectable<EvidenceTable>;
type CaseKind = EvidenceTable['case_kind'];

/** A checked upload: the bytes are the file, the type is the one sniffed from them. */
export interface EvidenceUpload {
  bytes: Uint8Array;
  sha256: string;
  contentType: EvidenceType;
  name: string | null;
  source: EvidenceSource;
  capturedAt: string;
}

export type AddEvidenceResult =
  | { kind: 'created' | 'existing'; evidence: EvidenceView }
  | { kind: 'limit' }
  | { kind: 'erased' }
  | { kind: 'not_found' };

export function evidenceView(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    sha256: row.sha256,
    contentType: EvidenceContentType.parse(row.content_type),
    size: Number(row.size),
    name: row.name,
    source: EvidenceSource.parse(row.source),
    capturedAt: row.captured_at,
    uploadedAt: row.uploaded_at,
  };
}

async function findBySha(db: Db, kind: CaseKind, caseId: string, sha256: string) {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('case_kind', '=', kind)
    .where('case_id', '=', caseId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * Adds a file to a case once: the same bytes (same SHA-256) uploaded again to the same case, as an
 * outbox retry does, answer the evidence already stored. At most MAX_EVIDENCE_PER_CASE per case,
 * and none once the case's personal data was erased.
 */
export async function addEvidence(
  writer: Writer,
  blobs: EvidenceBlobs,
  caseKind: {
    name: CaseKind;
    lockForEvidence(trx: Trx, caseId: string): Promise<'ok' | 'erased' | 'not_found'>;
  },
  caseId: string,
  upload: EvidenceUpload,
  now: Date,
): Promise<AddEvidenceResult> {
  const { db } = writer;
  const kind = caseKind.name;
  const existing = await findBySha(db, kind, caseId, upload.sha256);
  if (existing) return { kind: 'existing', evidence: evidenceView(existing) };
  const id = randomUUID();
  await blobs.prepare(id, upload.bytes);
  let committed = false;
  try {
    const result = await writer.transact(async ({ trx }): Promise<AddEvidenceResult> => {
      // With the case row locked, the count of evidence and a concurrent deletion request are seen
      // consistently: two uploads cannot both take the tenth place, and no file is added to a
      // case whose personal data was just erased.
      const state = await caseKind.lockForEvidence(trx, caseId);
      if (state !== 'ok') return { kind: state };
      const count = await trx
        .selectFrom('evidence')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('case_kind', '=', kind)
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_EVIDENCE_PER_CASE) return { kind: 'limit' };
      const row: EvidenceRow = {
        id,
        case_kind: kind,
        case_id: caseId,
        sha256: upload.sha256,
        content_type: upload.contentType,
        size: upload.bytes.byteLength,
        name: upload.name,
        source: upload.source,
        captured_at: upload.capturedAt,
        uploaded_at: now.toISOString(),
        storage: blobs.storage,
      };
      await trx.insertInto('evidence').values(row).execute();
      await blobs.insert(trx, id, upload.bytes);
      return { kind: 'created', evidence: evidenceView(row) };
    });
    committed = result.kind === 'created';
    return result;
  } catch (err) {
    // The same file uploaded to the same case at the same moment: the other upload won.
    if (isUniqueViolation(err)) {
      const winner = await findBySha(db, kind, caseId, upload.sha256);
      if (winner) return { kind: 'existing', evidence: evidenceView(winner) };
    }
    throw err;
  } finally {
    if (!committed) await blobs.discard(id);
  }
}

/** The evidence of several cases of one kind, oldest first, in one query. */
export async function evidenceOf(
  db: Db,
  kind: CaseKind,
  caseIds: readonly string[],
): Promise<Map<string, EvidenceView[]>> {
  const out = new Map<string, EvidenceView[]>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('case_kind', '=', kind)
    .where('case_id', 'in', [...caseIds])
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.case_id);
    if (list) list.push(evidenceView(row));
    else out.set(row.case_id, [evidenceView(row)]);
  }
  return out;
}

/** One evidence row of one case, or undefined (also when the id belongs to another case). */
export async function findEvidence(
  db: Db,
  kind: CaseKind,
  caseId: string,
  evidenceId: string,
): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('case_kind', '=', kind)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/**
 * Deletes a case's evidence rows (and database blobs) inside the erasure transaction. Returns the
 * ids whose files the caller removes once the transaction has committed.
 */
export async function deleteEvidenceRows(trx: Trx, kind: CaseKind, caseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('evidence')
    .select('id')
    .where('case_kind', '=', kind)
    .where('case_id', '=', caseId)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await trx.deleteFrom('evidence_blobs').where('evidence_id', 'in', ids).execute();
  await trx.deleteFrom('evidence').where('id', 'in', ids).execute();
  return ids;
}
