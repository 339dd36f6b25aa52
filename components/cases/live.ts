/**
 * What the extension pages see of the shopper's cases: a read-only handle on the extension's
 * IndexedDB (one per page) and live queries on it. Every change is asked of the background
 * (components/ask.ts), which writes it; the page sees it come back through the live query.
 */

import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { CaseReader } from '../../lib/cases/reader';

let shared: CaseReader | null = null;

export function pageReader(): CaseReader {
  shared ??= new CaseReader();
  return shared;
}

export type Live<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: string };

/**
 * A Dexie query kept current: the background writes cases while a page shows them (delivery,
 * polling), and Dexie tells every context of the origin about the change.
 */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the query depends on.
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setLive({ state: 'ready', value }),
      error: (error: unknown) => setLive({ state: 'failed', error: errorText(error) }),
    });
    return () => subscription.unsubscribe();
  }, [...deps]);
  return live;
}

/** An error as one line for the shopper, never "[object Object]" and never empty. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string' && error) return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
