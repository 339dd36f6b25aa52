/**
 * A draft's or case's evidence: each file with where it came from, when it was taken and the start
 * of its SHA-256. In a draft the shopper adds photos and removes files; refused files are named
 * with the reason (the bytes decide the type, lib/cases/evidence.ts).
 */
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { type EvidenceErrorCode, type EvidenceRecord, MAX_EVIDENCE_BYTES } from '../../lib/cases/model';
import type { CaseReader } from '../../lib/cases/reader';
import { formatBytes, formatDateTime, type Language, t } from '../../lib/i18n';
import { askBackground, fileBase64 } from '../ask';
import { shortHash } from './labels';
import { errorText, useLive } from './live';

/** What the file input offers; anything else picked anyway is refused by its bytes. */
const ACCEPT = 'image/png,image/jpeg,image/webp,application/pdf';

/** Why a file was not attached: a refusal by its bytes (a code), or a failure to ask. */
export type Refusal = { code: EvidenceErrorCode } | { error: unknown };

export function refusalText(name: string, refusal: Refusal, lang: Language): string {
  if ('code' in refusal) return t(lang, `evidence.error.${refusal.code}`, { name });
  return t(lang, 'evidence.error.other', { name, error: errorText(refusal.error) });
}

/**
 * Hands one file to the background, which checks and stores it. A file over the limit is refused
 * here already: it must not be read into memory to be refused there.
 */
async function attach(owner: string, file: File): Promise<Refusal | null> {
  if (file.size > MAX_EVIDENCE_BYTES) return { code: 'size' };
  try {
    const dataBase64 = await fileBase64(file);
    const answer = await askBackground('page:add-evidence', { owner, name: file.name, dataBase64 });
    return answer.ok ? null : { code: answer.code };
  } catch (error) {
    return { error };
  }
}

/**
 * A small preview of a photo or screenshot, from the stored bytes. Page captures (HTML) are never
 * rendered: they are the marketplace's markup, shown only as a file.
 */
function Thumbnail({ record }: { record: EvidenceRecord }) {
  const [url, setUrl] = useState<string | null>(null);
  const isImage = record.type.startsWith('image/');
  useEffect(() => {
    if (!isImage || typeof URL.createObjectURL !== 'function') return;
    let made: string | null = null;
    try {
      made = URL.createObjectURL(record.blob);
      setUrl(made);
    } catch {
      // No preview is no loss: the file is listed by name anyway.
    }
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [record.blob, isImage]);
  return url ? <img className="evidence__thumb" src={url} alt="" /> : null;
}

export function EvidenceItem({
  record,
  lang,
  showUpload,
}: {
  record: EvidenceRecord;
  lang: Language;
  showUpload?: boolean;
}) {
  return (
    <span className="evidence__item">
      <Thumbnail record={record} />
      <strong className="evidence__name">{record.name}</strong>{' '}
      <span className="muted small">
        {t(lang, `evidence.source.${record.source}`)} · {formatBytes(record.size, lang)} ·{' '}
        {t(lang, 'evidence.capturedAt', { time: formatDateTime(record.capturedAt, lang) })} ·{' '}
        <span title={record.sha256}>{t(lang, 'evidence.sha', { hash: shortHash(record.sha256) })}</span>
        {showUpload && <> · {t(lang, record.remoteId ? 'evidence.uploaded' : 'evidence.pending')}</>}
      </span>
    </span>
  );
}

export function EvidenceEditor({
  reader,
  owner,
  lang,
}: {
  reader: CaseReader;
  owner: string;
  lang: Language;
}) {
  const inputId = useId();
  const helpId = useId();
  const live = useLive(() => reader.listEvidence(owner), [reader, owner]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    const refused: string[] = [];
    // One at a time: the per-case count and the duplicate check see the files added before.
    for (const file of files) {
      // The background decides by the bytes, and takes HTML only as the extension's own capture.
      const refusal = await attach(owner, file);
      if (refusal) refused.push(refusalText(file.name, refusal, lang));
    }
    // Cleared so that picking the same file again (after removing it) fires a change.
    input.value = '';
    setRefusals(refused);
    setBusy(false);
  };

  const records = live.state === 'ready' ? live.value : [];
  return (
    <div className="evidence">
      {live.state === 'failed' && <p role="alert">{t(lang, 'complaint.loadError', { error: live.error })}</p>}
      {records.length === 0 ? (
        <p className="muted">{t(lang, 'evidence.empty')}</p>
      ) : (
        <ul className="evidence__list">
          {records.map((r) => (
            <li key={r.id}>
              <EvidenceItem record={r} lang={lang} />{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t(lang, 'evidence.removeLabel', { name: r.name })}
                onClick={() =>
                  void askBackground('page:remove-evidence', { evidenceId: r.id }).catch(() => undefined)
                }
              >
                {t(lang, 'evidence.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-field">
        <label htmlFor={inputId}>{t(lang, 'evidence.add')}</label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPT}
          multiple
          disabled={busy}
          aria-describedby={helpId}
          onChange={(e) => void onFiles(e)}
        />
        <p id={helpId} className="muted small">
          {t(lang, 'evidence.help')}
        </p>
      </div>
      <div role="alert" className="evidence__refusals">
        {refusals.map((r) => (
          <p key={r} className="field-error">
            {r}
          </p>
        ))}
      </div>
    </div>
  );
}

export function EvidenceView({ reader, owner, lang }: { reader: CaseReader; owner: string; lang: Language }) {
  const live = useLive(() => reader.listEvidence(owner), [reader, owner]);
  if (live.state !== 'ready') return null;
  if (live.value.length === 0) return <p className="muted">{t(lang, 'evidence.empty')}</p>;
  return (
    <ul className="evidence__list">
      {live.value.map((r) => (
        <li key={r.id}>
          <EvidenceItem record={r} lang={lang} showUpload />
        </li>
      ))}
    </ul>
  );
}
