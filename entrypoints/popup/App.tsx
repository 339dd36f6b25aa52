/**
 * The toolbar popup: what An Tâm knows about the seller of the active tab, as the background saw
 * it (`page:tab-state`); the full record opens in the panel page.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { pageReader } from '../../components/cases/live';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import { LevelBadge } from '../../components/LevelBadge';
import { ReasonList } from '../../components/ReasonList';
import { SnoozeToggle } from '../../components/SnoozeToggle';
import type { CaseReader } from '../../lib/cases/reader';
import { type Language, PLATFORM_NAMES, t, tp } from '../../lib/i18n';
import { levelOf, sendToBackground, type TabState } from '../../lib/messaging';
import { parseSellerKey } from '../../lib/registry/seller-key';
import './style.css';

/** How many reasons the summary shows; the panel shows them all. */
const TOP_REASONS = 3;

type View =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; state: TabState; tabId: number | null };

async function activeTabState(): Promise<{ state: TabState; tabId: number | null }> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // A tab without an id (devtools, some browser pages) is never a marketplace page.
  if (tab?.id === undefined) return { state: { page: null, result: null }, tabId: null };
  return { state: await sendToBackground('page:tab-state', { tabId: tab.id }), tabId: tab.id };
}

/** Opens an extension page in a tab and closes the popup, which would otherwise stay over it. */
async function openPage(path: '/complaint.html', hash: string): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL(path)}${hash}` });
  window.close();
}

export function PopupApp({ reader = pageReader() }: { reader?: CaseReader }) {
  const [settings] = useSettings();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const lang = settings?.language ?? 'vi';
  useDocumentLanguage(lang, t(lang, 'app.name'));

  useEffect(() => {
    let alive = true;
    activeTabState().then(
      ({ state, tabId }) => alive && setView(state ? { kind: 'ready', state, tabId } : { kind: 'failed' }),
      () => alive && setView({ kind: 'failed' }),
    );
    return () => {
      alive = false;
    };
  }, []);

  return (
    <div className="popup">
      <header className="popup__bar">
        <h1 className="popup__brand">{t(lang, 'app.name')}</h1>
      </header>
      <main className="popup__body">
        {view.kind === 'loading' || settings === null ? (
          <p role="status">{t(lang, 'common.loading')}</p>
        ) : view.kind === 'failed' ? (
          <p role="alert">{t(lang, 'trust.unavailable.body')}</p>
        ) : (
          <TabSummary
            state={view.state}
            tabId={view.tabId}
            lang={lang}
            listingBadges={settings.listingBadges}
          />
        )}
      </main>
      <footer className="popup__footer">
        <MyCasesLink reader={reader} lang={lang} />
        <button
          type="button"
          className="link-button"
          onClick={() => void openPage('/complaint.html', '#data')}
        >
          {t(lang, 'popup.myData')}
        </button>
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t(lang, 'popup.settings')}
        </button>
      </footer>
    </div>
  );
}

/** Always there: the shopper's cases, with how many changed since they last looked. */
function MyCasesLink({ reader, lang }: { reader: CaseReader; lang: Language }) {
  const [unseen, setUnseen] = useState(0);
  useEffect(() => {
    let alive = true;
    reader.unseenCount().then(
      (n) => alive && setUnseen(n),
      // The link matters more than the count: without it, show the link alone.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [reader]);
  return (
    <button type="button" className="link-button" onClick={() => void openPage('/complaint.html', '#cases')}>
      {t(lang, 'popup.myCases')}
      {unseen > 0 && <span className="popup__unseen"> ({tp(lang, 'popup.myCases.unseen', unseen)})</span>}
    </button>
  );
}

/**
 * A complaint about the tab's seller with a typed order code. The background takes the
 * screenshot: the click that opened this popup is what grants it activeTab.
 */
function ComplaintStarter({ tabId, lang }: { tabId: number; lang: Language }) {
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const [orderCode, setOrderCode] = useState('');
  const [error, setError] = useState<'required' | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = orderCode.trim();
    if (code === '') {
      setError('required');
      document.getElementById(inputId)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await sendToBackground('page:start-complaint', { tabId, orderCode: code });
      if (!answer?.draftId) throw new Error('no draft');
      window.close();
    } catch {
      setError('failed');
      setBusy(false);
    }
  };

  return (
    <form className="starter" onSubmit={(e) => void submit(e)} noValidate data-view="start-complaint">
      <h3>{t(lang, 'popup.complaint.heading')}</h3>
      <label htmlFor={inputId}>{t(lang, 'popup.complaint.orderCode')}</label>
      <div className="starter__row">
        <input
          id={inputId}
          type="text"
          value={orderCode}
          required
          aria-required="true"
          aria-invalid={error === 'required' ? true : undefined}
          aria-describedby={error ? `${helpId} ${errorId}` : helpId}
          onChange={(e) => setOrderCode(e.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t(lang, 'popup.complaint.start')}
        </button>
      </div>
      <p id={helpId} className="muted small">
        {t(lang, 'popup.complaint.help')}
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {t(lang, error === 'required' ? 'popup.complaint.required' : 'popup.complaint.error')}
        </p>
      )}
    </form>
  );
}

function ReportStarter({ tabId, lang }: { tabId: number; lang: Language }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const answer = await sendToBackground('page:start-report', { tabId });
      if (!answer?.draftId) throw new Error('no draft');
      window.close();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <div className="starter" data-view="start-report">
      <button type="button" className="button" disabled={busy} onClick={() => void start()}>
        {t(lang, 'popup.report')}
      </button>
      {failed && (
        <p className="field-error" role="alert">
          {t(lang, 'popup.report.error')}
        </p>
      )}
    </div>
  );
}

function TabSummary({
  state,
  tabId,
  lang,
  listingBadges,
}: {
  state: TabState;
  tabId: number | null;
  lang: Language;
  listingBadges: boolean;
}) {
  const { page, result } = state;
  if (page === null) {
    return (
      <div className="popup__message" data-view="not-marketplace">
        <p>
          <strong>{t(lang, 'popup.notMarketplace')}</strong>
        </p>
        <p className="muted">{t(lang, 'popup.supported')}</p>
      </div>
    );
  }
  if (page.kind === 'listing') {
    return (
      <div className="popup__message" data-view="listing">
        <p>
          <strong>{t(lang, 'popup.listing')}</strong>
        </p>
        {!listingBadges && <p className="muted">{t(lang, 'popup.listingOff')}</p>}
      </div>
    );
  }
  if (page.sellerKey === null) {
    return (
      <div className="popup__message" data-view="no-seller">
        <p>{t(lang, 'popup.noSeller', { platform: PLATFORM_NAMES[page.platform] })}</p>
      </div>
    );
  }

  const key = page.sellerKey;
  const record = result?.status === 'found' ? result.record : null;
  const parsed = parseSellerKey(key);
  const name =
    record?.name?.trim() ||
    page.sellerName?.trim() ||
    t(lang, 'trust.sellerFallback', { id: parsed ? (parsed.alias ? `@${parsed.id}` : parsed.id) : key });
  const detailsUrl = `${browser.runtime.getURL('/panel.html')}#key=${encodeURIComponent(key)}`;

  return (
    <section className="seller" aria-labelledby="seller-name" data-view="seller">
      <h2 id="seller-name" className="seller__name">
        {name}
      </h2>
      <p className="muted">{t(lang, 'trust.onPlatform', { platform: PLATFORM_NAMES[page.platform] })}</p>
      <LevelBadge state={levelOf(result)} lang={lang} size="large" />
      {record?.demo && (
        <p className="notice notice--demo" role="note">
          {t(lang, 'trust.demo')}
        </p>
      )}
      {record ? (
        <div className="seller__reasons">
          <h3>{t(lang, 'popup.topReasons')}</h3>
          <ReasonList reasons={record.reasons} lang={lang} limit={TOP_REASONS} />
        </div>
      ) : result?.status === 'absent' ? (
        <p>
          {t(lang, 'trust.absent.body')} <span className="muted">{t(lang, 'trust.absent.note')}</span>
        </p>
      ) : (
        <p>{t(lang, 'trust.unavailable.body')}</p>
      )}
      <p>
        <a href={detailsUrl} target="_blank" rel="noopener">
          {t(lang, 'popup.openDetails')}
        </a>
      </p>
      {result?.status === 'found' && <SnoozeToggle sellerKey={key} snoozed={result.snoozed} lang={lang} />}
      {tabId !== null && page.product && <ReportStarter tabId={tabId} lang={lang} />}
      {tabId !== null && <ComplaintStarter tabId={tabId} lang={lang} />}
    </section>
  );
}
