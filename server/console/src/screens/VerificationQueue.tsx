import { useId, useState } from 'react';
import type { Role } from '../../../../lib/registry/schemas';
import { api } from '../api';
import { formatDate, formatVnd, type Lang, t } from '../i18n';
import { errorText, type Status, StatusLine, useLoad } from '../ui';
import { complaintHref } from './Complaint';

/** A moderator opens each complaint's page (content and evidence) from its code; a marketplace sees the row only. */
export function VerificationQueue({ lang, role }: { lang: Lang; role?: Role }) {
  const { data, error, reload } = useLoad(api.verificationQueue);
  const items = data?.complaints ?? null;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();

  const verify = async (codes: string[], state: 'order_verified' | 'order_not_found') => {
    let done = 0;
    for (const code of codes) {
      try {
        await api.verify(code, state);
        done++;
      } catch (err) {
        setStatus({
          kind: 'error',
          text: t(lang, 'queue.failed', { code, error: err instanceof Error ? err.message : '' }),
        });
        reload();
        return;
      }
    }
    setSelected(new Set());
    setStatus({ kind: 'ok', text: t(lang, 'queue.done', { count: done }) });
    reload();
  };

  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t(lang, 'queue.heading')}</h1>
      <p className="muted">{t(lang, 'queue.help')}</p>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : items === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : items.length === 0 ? (
        <p>{t(lang, 'queue.empty')}</p>
      ) : (
        <>
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => void verify([...selected], 'order_verified')}
          >
            {t(lang, 'queue.bulkVerified', { count: selected.size })}
          </button>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">✓</span>
                </th>
                <th scope="col">{t(lang, 'col.code')}</th>
                <th scope="col">{t(lang, 'col.shop')}</th>
                <th scope="col">{t(lang, 'col.order')}</th>
                <th scope="col">{t(lang, 'col.orderDate')}</th>
                <th scope="col">{t(lang, 'col.total')}</th>
                <th scope="col">{t(lang, 'col.filed')}</th>
                <th scope="col">{t(lang, 'col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.trackingCode} data-case={c.trackingCode}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t(lang, 'queue.select', { code: c.trackingCode })}
                      checked={selected.has(c.trackingCode)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(c.trackingCode);
                        else next.delete(c.trackingCode);
                        setSelected(next);
                      }}
                    />
                  </td>
                  <th scope="row">
                    {role === 'moderator' ? (
                      <a href={complaintHref(c.trackingCode)}>{c.trackingCode}</a>
                    ) : (
                      c.trackingCode
                    )}
                  </th>
                  <td>{c.seller}</td>
                  <td>{c.order?.orderCode ?? '—'}</td>
                  <td>{formatDate(c.order?.orderDate ?? null, lang)}</td>
                  <td>{formatVnd(c.order?.total ?? null, lang)}</td>
                  <td>{formatDate(c.submittedAt, lang)}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void verify([c.trackingCode], 'order_verified')}>
                      {t(lang, 'queue.verified')}
                      <span className="visually-hidden"> {c.trackingCode}</span>
                    </button>
                    <button type="button" onClick={() => void verify([c.trackingCode], 'order_not_found')}>
                      {t(lang, 'queue.notFound')}
                      <span className="visually-hidden"> {c.trackingCode}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
