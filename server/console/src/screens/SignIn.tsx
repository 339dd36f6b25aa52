import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiFailure, api, session, type WhoAmI } from '../api';
import { type Lang, t } from '../i18n';

export function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: (me: WhoAmI) => void }) {
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
