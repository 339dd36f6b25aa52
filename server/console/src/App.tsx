import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ComplaintView } from '../../../lib/registry/cases';
import { ApiFailure, api, session, type WhoAmI } from './api';
import { duration, formatDate, formatVnd, type Lang, t } from './i18n';

type Status = { kind: 'ok' | 'error'; text: string } | null;

function errorText(lang: Lang, err: unknown): string {
  return t(lang, 'error.generic', { error: err instanceof Error ? err.message : String(err) });
}

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    sessionStorage.getItem('antam-console-lang') === 'en' ? 'en' : 'vi',
  );
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [checking, setChecking] = useState(() => session.key() !== null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'title');
    sessionStorage.setItem('antam-console-lang', lang);
  }, [lang]);

  // A key kept from earlier in this tab's session signs in again after a reload.
  useEffect(() => {
    const key = session.key();
    if (!key) return;
    api
      .whoami(key)
      .then(setMe)
      .catch(() => session.clear())
      .finally(() => setChecking(false));
  }, []);

  const signOut = () => {
    session.clear();
    setMe(null);
  };

  return (
    <div className="console">
      <header className="top">
        <span className="brand">{t(lang, 'title')}</span>
        <button
          type="button"
          className="link"
          lang={lang === 'vi' ? 'en' : 'vi'}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t(lang, 'language')}
        </button>
        {me && (
          <>
            <span className="who" data-role={me.role}>
              {t(lang, 'signedInAs', { role: t(lang, `role.${me.role}`), label: me.label })}
            </span>
            <button type="button" onClick={signOut}>
              {t(lang, 'signOut')}
            </button>
          </>
        )}
      </header>
      <main>
        {checking ? (
          <p>{t(lang, 'loading')}</p>
        ) : me === null ? (
          <SignIn lang={lang} onSignedIn={setMe} />
        ) : me.role === 'platform' || me.role === 'moderator' ? (
          <VerificationQueue lang={lang} />
        ) : me.role === 'seller' ? (
          <SellerCases lang={lang} />
        ) : (
          <Keys lang={lang} />
        )}
      </main>
    </div>
  );
}

function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: (me: WhoAmI) => void }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const key = new FormData(e.currentTarget).get('key')?.toString().trim() ?? '';
    try {
      const me = await api.whoami(key);
      session.save(key);
      onSignedIn(me);
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.status === 401
          ? t(lang, 'signIn.invalid')
          : t(lang, 'signIn.unavailable'),
      );
      input.current?.focus();
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t(lang, 'signIn.heading')}</h1>
      <label htmlFor={`${id}-key`}>{t(lang, 'signIn.key')}</label>
      <input
        ref={input}
        id={`${id}-key`}
        name="key"
        type="password"
        autoComplete="off"
        required
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        aria-invalid={error !== null}
      />
      <p id={`${id}-help`} className="muted">
        {t(lang, 'signIn.help')}
      </p>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t(lang, 'signIn.submit')}</button>
    </form>
  );
}

function useList(load: () => Promise<{ complaints: ComplaintView[] }>) {
  const [items, setItems] = useState<ComplaintView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    load()
      .then((list) => {
        setItems(list.complaints);
        setError(null);
      })
      .catch(setError);
  }, [load]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}

function StatusLine({ status }: { status: Status }) {
  return (
    <p role="status" className={status?.kind === 'error' ? 'error' : 'ok'}>
      {status?.text ?? ''}
    </p>
  );
}

function VerificationQueue({ lang }: { lang: Lang }) {
  const { items, error, reload } = useList(api.verificationQueue);
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
                  <th scope="row">{c.trackingCode}</th>
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

const RESPONSE_KINDS = ['refund', 'replacement', 'repair', 'explanation', 'refusal'] as const;

/** Open cases first, the most overdue first; then the rest, newest first. */
function byUrgency(a: ComplaintView, b: ComplaintView): number {
  const openA = a.allowedActions.includes('respond');
  const openB = b.allowedActions.includes('respond');
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) return (a.dueAt ?? '').localeCompare(b.dueAt ?? '');
  return b.submittedAt.localeCompare(a.submittedAt);
}

function SellerCases({ lang }: { lang: Lang }) {
  const { items, error, reload } = useList(api.sellerComplaints);
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
        {c.trackingCode} · {t(lang, `status.${c.status}`)}
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

function Keys({ lang }: { lang: Lang }) {
  const [keys, setKeys] = useState<Awaited<ReturnType<typeof api.keys>>['keys'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();
  useEffect(() => {
    api.keys().then((k) => setKeys(k.keys), setError);
  }, []);
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t(lang, 'admin.heading')}</h1>
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : keys === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <ul>
          {keys.map((k) => (
            <li key={k.id}>
              {t(lang, `role.${k.role}`)} · {k.label} ·{' '}
              {k.revokedAt ? t(lang, 'admin.revoked') : t(lang, 'admin.active')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
