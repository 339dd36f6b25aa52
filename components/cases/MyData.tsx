/**
 * My data (Decree 13/2023/NĐ-CP): download everything the extension keeps about the shopper's
 * cases as one JSON file, or delete it all — here at once, and on the registry through one
 * deletion request per delivered case (queued in the outbox, so it survives being offline).
 */
import { useEffect, useRef, useState } from 'react';
import { type Language, t, tp } from '../../lib/i18n';
import { askBackground } from '../ask';
import { errorText } from './live';

/** `antam-du-lieu-2026-06-01.json`: the local date, as the shopper would name it. */
export function exportFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `antam-du-lieu-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function MyData({ lang }: { lang: Language }) {
  const [exportStatus, setExportStatus] = useState<Status>(null);
  const [deleteStatus, setDeleteStatus] = useState<Status>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const deleteButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) dialogRef.current?.focus();
  }, [confirming]);

  const exportAll = async () => {
    setBusy(true);
    try {
      const data = await askBackground('page:export-my-data', {});
      const name = exportFileName(new Date());
      download(name, JSON.stringify(data, null, 2));
      setExportStatus({ kind: 'ok', text: t(lang, 'data.export.done', { file: name }) });
    } catch (error) {
      setExportStatus({ kind: 'error', text: t(lang, 'data.export.error', { error: errorText(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const deleteAll = async () => {
    setBusy(true);
    try {
      const { registryDeletions } = await askBackground('page:delete-my-data', {});
      setDeleteStatus({
        kind: 'ok',
        text:
          registryDeletions > 0
            ? tp(lang, 'data.delete.done', registryDeletions)
            : t(lang, 'data.delete.doneLocal'),
      });
    } catch (error) {
      setDeleteStatus({ kind: 'error', text: t(lang, 'data.delete.error', { error: errorText(error) }) });
    } finally {
      setBusy(false);
      setConfirming(false);
      deleteButtonRef.current?.focus();
    }
  };

  return (
    <section className="my-data" aria-labelledby="data-heading" data-view="data">
      <h1 id="data-heading">{t(lang, 'data.heading')}</h1>
      <p>{t(lang, 'data.intro')}</p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void exportAll()}>
          {t(lang, 'data.export')}
        </button>
      </div>
      <p role="status" className={exportStatus ? `status status--${exportStatus.kind}` : 'status'}>
        {exportStatus?.text ?? ''}
      </p>
      <div className="actions">
        <button
          ref={deleteButtonRef}
          type="button"
          className="button button--danger"
          disabled={busy || confirming}
          onClick={() => setConfirming(true)}
        >
          {t(lang, 'data.delete')}
        </button>
      </div>
      {confirming && (
        <div
          ref={dialogRef}
          className="confirm"
          role="alertdialog"
          aria-modal="false"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-body"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setConfirming(false);
          }}
        >
          <h2 id="confirm-title">{t(lang, 'data.delete.confirmTitle')}</h2>
          <div id="confirm-body">
            <p>{t(lang, 'data.delete.local')}</p>
            <p>{t(lang, 'data.delete.registry')}</p>
            <p>{t(lang, 'data.delete.exportFirst')}</p>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void deleteAll()}
            >
              {t(lang, 'data.delete.confirm')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t(lang, 'data.delete.cancel')}
            </button>
          </div>
        </div>
      )}
      <p role="status" className={deleteStatus ? `status status--${deleteStatus.kind}` : 'status'}>
        {deleteStatus?.text ?? ''}
      </p>
    </section>
  );
}
