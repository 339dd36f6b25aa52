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

const ROLES = ['seller', 'platform', 'moderator', 'admin'] as const;
const PLATFORMS = ['shopee', 'lazada', 'tiki', 'tiktok', 'sendo'] as const;

function Keys({ lang }: { lang: Lang }) {
  const [keys, setKeys] = useState<Awaited<ReturnType<typeof api.keys>>['keys'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<Status>(null);
  const [created, setCreated] = useState<{ label: string; key: string } | null>(null);
  const [role, setRole] = useState<(typeof ROLES)[number]>('seller');
  const id = useId();
  const reload = useCallback(() => {
    api.keys().then((k) => setKeys(k.keys), setError);
  }, []);
  useEffect(reload, [reload]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    const sellers = String(form.get('sellers') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    try {
      const key = await api.createKey({
        role,
        label: String(form.get('label') ?? ''),
        ...(role === 'seller' ? { sellers } : {}),
        ...(role === 'platform' ? { platform: String(form.get('platform')) } : {}),
      });
      setCreated({ label: key.label, key: key.key });
      setStatus(null);
      formElement.reset();
      reload();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(lang, err) });
    }
  };
  const revoke = async (keyId: string, label: string) => {
    if (!window.confirm(t(lang, 'admin.confirmRevoke', { label }))) return;
    try {
      await api.revokeKey(keyId);
      setStatus({ kind: 'ok', text: t(lang, 'admin.revokedDone', { label }) });
      reload();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(lang, err) });
    }
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t(lang, 'admin.heading')}</h1>
      <StatusLine status={status} />
      {created && (
        <div className="card" role="alert" data-created-key>
          <p>{t(lang, 'admin.createdOnce', { label: created.label })}</p>
          <p>
            <code>{created.key}</code>
          </p>
        </div>
      )}
      <form className="card" onSubmit={create} aria-label={t(lang, 'admin.create')}>
        <label htmlFor={`${id}-role`}>{t(lang, 'admin.role')}</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(lang, `role.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-label`}>{t(lang, 'admin.label')}</label>
        <input id={`${id}-label`} name="label" required maxLength={200} />
        {role === 'seller' && (
          <>
            <label htmlFor={`${id}-sellers`}>{t(lang, 'admin.sellers')}</label>
            <input id={`${id}-sellers`} name="sellers" required placeholder="shopee:672907573" />
          </>
        )}
        {role === 'platform' && (
          <>
            <label htmlFor={`${id}-platform`}>{t(lang, 'admin.platform')}</label>
            <select id={`${id}-platform`} name="platform">
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit">{t(lang, 'admin.create')}</button>
      </form>
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : keys === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <ul>
          {keys.map((k) => (
            <li key={k.id} data-key={k.id}>
              {t(lang, `role.${k.role}`)} · {k.label}
              {k.platform ? ` (${k.platform})` : ''}
              {k.sellers.length > 0 ? ` · ${k.sellers.join(', ')}` : ''} ·{' '}
              {k.revokedAt ? t(lang, 'admin.revoked') : t(lang, 'admin.active')}{' '}
              {!k.revokedAt && (
                <button type="button" onClick={() => void revoke(k.id, k.label)}>
                  {t(lang, 'admin.revoke')}
                  <span className="visually-hidden"> {k.label}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
