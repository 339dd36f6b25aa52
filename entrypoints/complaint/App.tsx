/**
 * The complaint page (complaint.html): drafts, the review step, cases and the shopper's data, on
 * hash routes so that the background can open any of them directly and the browser's back button
 * works: `#draft=<id>`, `#case=<id>`, `#cases`, `#data`.
 */
import { useEffect, useState } from 'react';
import { CasePage } from '../../components/cases/CasePage';
import { CasesList } from '../../components/cases/CasesList';
import { DraftEditor } from '../../components/cases/DraftEditor';
import { pageReader } from '../../components/cases/live';
import { MyData } from '../../components/cases/MyData';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import type { CaseReader } from '../../lib/cases/reader';
import { t } from '../../lib/i18n';
import '../../components/ui.css';
import './style.css';

export type Route =
  | { page: 'draft'; id: string }
  | { page: 'case'; id: string }
  | { page: 'cases' }
  | { page: 'data' };

/** The route of a hash; anything unknown shows the shopper's cases. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  if (raw === 'data') return { page: 'data' };
  const params = new URLSearchParams(raw);
  const draft = params.get('draft');
  if (draft) return { page: 'draft', id: draft };
  const id = params.get('case');
  if (id) return { page: 'case', id };
  return { page: 'cases' };
}

export function ComplaintApp({
  reader = pageReader(),
  autosaveDelayMs,
}: {
  reader?: CaseReader;
  /** Tests only: see DraftEditor. */
  autosaveDelayMs?: number;
}) {
  const [settings] = useSettings();
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  const lang = settings?.language ?? 'vi';
  useDocumentLanguage(lang, t(lang, 'complaint.title'));

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);
  return (
    <div className="complaint-page">
      <header className="complaint-page__bar">
        <span className="complaint-page__brand">{t(lang, 'app.name')}</span>
        <nav aria-label={t(lang, 'complaint.nav.label')}>
          <a href="#cases" aria-current={current('cases')}>
            {t(lang, 'complaint.nav.cases')}
          </a>
          <a href="#data" aria-current={current('data')}>
            {t(lang, 'complaint.nav.data')}
          </a>
        </nav>
      </header>
      <main className="complaint-page__body">
        {settings === null ? (
          <p role="status">{t(lang, 'common.loading')}</p>
        ) : route.page === 'draft' ? (
          <DraftEditor
            key={route.id}
            reader={reader}
            draftId={route.id}
            lang={lang}
            autosaveDelayMs={autosaveDelayMs}
            onSubmitted={(id) => {
              location.hash = `#case=${encodeURIComponent(id)}`;
            }}
          />
        ) : route.page === 'case' ? (
          <CasePage key={route.id} reader={reader} caseId={route.id} lang={lang} />
        ) : route.page === 'data' ? (
          <MyData lang={lang} />
        ) : (
          <CasesList reader={reader} lang={lang} />
        )}
      </main>
    </div>
  );
}
