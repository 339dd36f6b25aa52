/**
 * "My data" (Decree 13/2023/NĐ-CP): the shopper can take everything the extension keeps about
 * their complaints and reports, and can erase it — locally at once, and on the registry through
 * deletion requests sent by the outbox.
 *
 * Export format (version 1): drafts and cases as stored, timelines included; evidence as
 * metadata, plus the file itself in base64 when it is at most EXPORT_INLINE_BYTES (page captures,
 * most screenshots) so that the export is useful on its own without becoming a 50 MB JSON file.
 * Case tokens are left out unless asked for (`includeTokens`): whoever holds one can act on the
 * case, and an export file ends up in download folders and mail attachments.
 */
import { bytesToBase64 } from '../base64';
import type { AntamDb } from '../store/db';
import { forgetInstallKey } from './install-key';
import {
  type Draft,
  EXPORT_INLINE_BYTES,
  type ExportedEvidence,
  type MyDataExport,
  type OutboxEntry,
} from './model';

export async function exportMyData(
  db: AntamDb,
  options: { includeTokens?: boolean } = {},
): Promise<MyDataExport> {
  const [drafts, cases, evidence] = await db.transaction('r', [db.drafts, db.cases, db.evidence], () =>
    Promise.all([db.drafts.toArray(), db.cases.toArray(), db.evidence.toArray()]),
  );
  const exportedEvidence: ExportedEvidence[] = [];
  for (const { blob, ...meta } of evidence) {
    const dataBase64 =
      blob.size <= EXPORT_INLINE_BYTES ? bytesToBase64(new Uint8Array(await blob.arrayBuffer())) : null;
    exportedEvidence.push({ ...meta, dataBase64 });
  }
  return {
    format: 'antam-my-data',
    version: 1,
    exportedAt: new Date().toISOString(),
    drafts: drafts as Draft[],
    cases: cases.map(({ token, ...rest }) => (options.includeTokens ? { ...rest, token } : rest)),
    evidence: exportedEvidence,
  };
}

/**
 * Deletes every draft, case and file at once, and queues what the registry must be asked:
 *
 * - a delivered case: one `delete_personal_data` entry carrying its tracking code and token (the
 *   entry outlives the case it erases);
 * - a case never tried (its submit entry has 0 attempts): nothing reached the registry; dropped;
 * - a case whose submission was tried but never answered (attempts > 0: the background records an
 *   attempt before it sends, so this includes a request on the wire right now): the registry may
 *   hold it. A `retract` entry replays the submission with the same idempotency key — the
 *   registry answers with the existing case's code and token, or creates it — and then withdraws
 *   it if it was new and deletes its personal data. A delivery that was in flight when this ran
 *   finds its case gone and writes nothing back (lib/background/outbox.ts).
 *
 * Erasure entries still waiting from an earlier deletion are kept. Returns how many registry
 * deletions are queued by this call.
 */
export async function deleteMyData(db: AntamDb): Promise<{ registryDeletions: number }> {
  const queued = await db.transaction(
    'rw',
    [db.drafts, db.cases, db.evidence, db.outbox, db.meta],
    async () => {
      const cases = await db.cases.toArray();
      const outbox = await db.outbox.toArray();
      const now = Date.now();
      const erasures: OutboxEntry[] = [];
      for (const c of cases) {
        if (c.delivery === 'delivered' && c.trackingCode && c.token) {
          erasures.push({
            op: 'delete_personal_data',
            kind: c.kind,
            trackingCode: c.trackingCode,
            token: c.token,
            caseId: c.id,
            idempotencyKey: crypto.randomUUID(),
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
          });
          continue;
        }
        if (c.delivery !== 'queued') continue; // rejected: the registry refused it, holds nothing
        const submit = outbox.find((e) => e.caseId === c.id && e.op === 'submit');
        if (submit && submit.attempts > 0) {
          erasures.push({
            op: 'retract',
            kind: c.kind,
            request: c.request,
            caseId: c.id,
            // The submission's own key: the replay must be recognised as the same submission.
            idempotencyKey: c.idempotencyKey,
            attempts: 0,
            nextAttemptAt: now,
            lastError: null,
            createdAt: now,
          });
        }
      }
      const pendingErasures = outbox
        .filter((e) => e.op === 'delete_personal_data' || e.op === 'retract')
        .map((e) => e.seq)
        .filter((seq): seq is number => seq !== undefined);
      await db.outbox.where('seq').noneOf(pendingErasures).delete();
      await db.outbox.bulkAdd(erasures);
      await db.cases.clear();
      await db.drafts.clear();
      await db.evidence.clear();
      await forgetInstallKey(db);
      return erasures.length;
    },
  );
  return { registryDeletions: queued };
}
