/** Pieces every screen shares: the status line, error text, a list that loads and reloads. */
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from './i18n';
import { t } from './i18n';

export type Status = { kind: 'ok' | 'error'; text: string } | null;

export function errorText(lang: Lang, err: unknown): string {
  return t(lang, 'error.generic', { error: err instanceof Error ? err.message : String(err) });
}

/** Loads once, and again on `reload()`; the error is kept for the screen to show. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    load()
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch(setError);
  }, [load]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

export function StatusLine({ status }: { status: Status }) {
  return (
    <p role="status" className={status?.kind === 'error' ? 'error' : 'ok'}>
      {status?.text ?? ''}
    </p>
  );
}
