import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { api } from '../api';
import { type Lang, t } from '../i18n';
import { errorText, type Status, StatusLine } from '../ui';

const ROLES = ['seller', 'platform', 'moderator', 'admin'] as const;
const PLATFORMS = ['shopee', 'lazada', 'tiki', 'tiktok', 'sendo'] as const;

export function Keys({ lang }: { lang: Lang }) {
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
