import { type FormEvent, useEffect, useId, useState } from 'react';
import type { ComplaintView } from '../../../../lib/registry/cases';
import { api } from '../api';
import { duration, type Lang, t } from '../i18n';
import { href } from '../router';
import { errorText, type Status, StatusLine, useLoad } from '../ui';

const RESPONSE_KINDS = ['refund', 'replacement', 'repair', 'explanation', 'refusal'] as const;

/** Open cases first, the most overdue first; then the rest, newest first. */
function byUrgency(a: ComplaintView, b: ComplaintView): number {
  const openA = a.allowedActions.includes('respond');
  const openB = b.allowedActions.includes('respond');
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) return (a.dueAt ?? '').localeCompare(b.dueAt ?? '');
  return b.submittedAt.localeCompare(a.submittedAt);
}

export function SellerCases({ lang }: { lang: Lang }) {
  const { data, error, reload } = useLoad(api.sellerComplaints);
  const items = data?.complaints ?? null;
  const [status, setStatus] = useState<Status>(null);
  const [now, setNow] = useState(() => Date.now());
  const headingId = useId();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t(lang, 'seller.heading')}</h1>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : items === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : items.length === 0 ? (
        <p>{t(lang, 'seller.empty')}</p>
      ) : (
        <ul className="cases">
          {[...items].sort(byUrgency).map((c) => (
            <SellerCase
              key={c.trackingCode}
              c={c}
              lang={lang}
              now={now}
              onSent={(code) => {
                setStatus({ kind: 'ok', text: t(lang, 'seller.sent', { code }) });
                reload();
              }}
              onError={(err) => setStatus({ kind: 'error', text: errorText(lang, err) })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function SellerCase({
  c,
  lang,
  now,
  onSent,
  onError,
}: {
  c: ComplaintView;
  lang: Lang;
  now: number;
  onSent: (code: string) => void;
  onError: (err: unknown) => void;
}) {
  const id = useId();
  const due = c.dueAt ? Date.parse(c.dueAt) - now : null;
  const canRespond = c.allowedActions.includes('respond');
  const send = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      await api.respond(c.trackingCode, String(form.get('kind')), String(form.get('message') ?? ''));
      onSent(c.trackingCode);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <li className="card" data-case={c.trackingCode} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <a href={href('cases', c.trackingCode)}>{c.trackingCode}</a> · {t(lang, `status.${c.status}`)}
      </h2>
      {canRespond && due !== null && (
        <p className={due < 0 ? 'error' : ''} data-deadline={due < 0 ? 'overdue' : 'open'}>
          {t(lang, due < 0 ? 'seller.overdue' : 'seller.due', { left: duration(lang, due) })}
        </p>
      )}
      <p className="muted">{t(lang, `seller.verified.${c.verification.state}`)}</p>
      {c.content ? (
        <p className="message">{c.content.description}</p>
      ) : (
        <p className="muted">{t(lang, 'seller.noContent')}</p>
      )}
      {c.response && (
        <p>
          <strong>{t(lang, 'seller.answered')}:</strong> {t(lang, `kind.${c.response.kind}`)} —{' '}
          {c.response.message}
        </p>
      )}
      {canRespond && (
        <form onSubmit={send} aria-label={t(lang, 'seller.respond', { code: c.trackingCode })}>
          <label htmlFor={`${id}-kind`}>{t(lang, 'seller.kind')}</label>
          <select id={`${id}-kind`} name="kind">
            {RESPONSE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(lang, `kind.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-message`}>{t(lang, 'seller.message')}</label>
          <textarea id={`${id}-message`} name="message" required maxLength={5000} rows={3} />
          <button type="submit">{t(lang, 'seller.send')}</button>
        </form>
      )}
    </li>
  );
}
