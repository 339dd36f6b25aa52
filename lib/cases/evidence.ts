/**
 * Evidence files of a draft or case: page captures, screenshots, photos. The bytes decide what a
 * file is (sniffEvidenceType), never its name or declared type, and the same checks run again on
 * the registry. Each file gets its SHA-256 here, once, so that the registry can prove it received
 * exactly what the shopper attached.
 */
import {
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_PER_CASE,
  sniffEvidenceType,
  typeAllowedForSource,
} from '../registry/evidence-type';
import type { AntamDb } from '../store/db';
import type { EvidenceErrorCode, EvidenceRecord, EvidenceSource } from './model';

export type { EvidenceErrorCode } from './model';

export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface EvidenceMeta {
  name: string;
  source: EvidenceSource;
  /** ms since epoch; now when absent (a photo added by hand). */
  capturedAt?: number;
}

const MAX_NAME_LENGTH = 200;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** A file name fit to show and send: no path, no control characters, bounded. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return (clean || 'evidence').slice(0, MAX_NAME_LENGTH);
}

export async function addEvidence(
  db: AntamDb,
  owner: string,
  blob: Blob,
  meta: EvidenceMeta,
): Promise<EvidenceRecord> {
  if (blob.size === 0) throw new EvidenceError('empty', 'the file is empty');
  // Checked before reading: a 2 GB video must not be read into memory to be refused.
  if (blob.size > MAX_EVIDENCE_BYTES) {
    throw new EvidenceError('size', `the file is ${blob.size} bytes; at most ${MAX_EVIDENCE_BYTES}`);
  }
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const type = sniffEvidenceType(bytes);
  if (!type) throw new EvidenceError('type', 'not a PNG, JPEG, WebP, PDF or HTML file');
  if (!typeAllowedForSource(type, meta.source)) {
    throw new EvidenceError('type', 'an HTML file is accepted only as a page capture the extension took');
  }
  const sha256 = await sha256Hex(bytes);
  const record: EvidenceRecord = {
    id: crypto.randomUUID(),
    owner,
    name: cleanName(meta.name),
    type,
    size: bytes.length,
    sha256,
    capturedAt: meta.capturedAt ?? Date.now(),
    source: meta.source,
    // Stored with the sniffed type, so that whoever reads it back gets what it is.
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
    remoteId: null,
    uploadError: null,
  };
  // Count and duplicate checks in the same transaction as the write: two files dropped at once
  // must not both slip under the limit.
  await db.transaction('rw', db.evidence, async () => {
    const existing = await db.evidence.where('owner').equals(owner).toArray();
    if (existing.some((e) => e.sha256 === sha256)) {
      throw new EvidenceError('duplicate', 'this file is already attached');
    }
    if (existing.length >= MAX_EVIDENCE_PER_CASE) {
      throw new EvidenceError('count', `at most ${MAX_EVIDENCE_PER_CASE} files per case`);
    }
    await db.evidence.add(record);
  });
  return record;
}

export async function removeEvidence(db: AntamDb, id: string): Promise<void> {
  await db.evidence.delete(id);
}
