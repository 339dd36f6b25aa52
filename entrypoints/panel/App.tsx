/**
 * The badge's detail panel, an extension page shown in an iframe over the marketplace page (so the
 * page does not pay for React). The content script names the seller in the hash: `#key=<key>`,
 * with `&t=<token>`, a one-time token from the background. Framed, the panel acts (snooze,
 * report) only once that token is redeemed for this tab and seller: any script on a marketplace
 * page may frame panel.html (it is web-accessible) and steer a click into it, but only our
 * content script holds a token (lib/content/panel.ts). Without one, the record is shown read-only.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import { SnoozeToggle } from '../../components/SnoozeToggle';
import { TrustPanel } from '../../components/TrustPanel';
import { type Language, t } from '../../lib/i18n';
import { type LookupResult, sendToBackground } from '../../lib/messaging';
import { parseSellerKey } from '../../lib/registry/seller-key';
import { registryBaseUrl } from '../../lib/settings';
import './style.css';

/** The seller key from `#key=…`, or null when missing or not a valid key. */
export function sellerKeyFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key');
  return key !== null && parseSellerKey(key) !== null ? key : null;
}

/** The one-time token from `&t=…`, or null. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return token !== null && token.length > 0 && token.length <= 64 ? token : null;
}

/**
 * `&product=1` in the hash: the panel was opened from a product page, so the listing can be
 * reported as a suspected counterfeit (the background knows which listing from the sender's tab).
 */
export function isProductFromHash(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).get('product') === '1';
}

/**
 * Asks the background to open the report form for the listing of the tab this panel is framed in.
 * The panel names no tab: the background takes the sender's, so a panel cannot report another tab.
 */
function ReportButton({ lang }: { lang: Language }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const start = async () => {
    setState('busy');
    try {
      const answer = await sendToBackground('page:start-report', {});
      if (!answer?.draftId) throw new Error('no draft');
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="panel__report" data-view="report">
      <button type="button" className="button" disabled={state === 'busy'} onClick={() => void start()}>
        {t(lang, 'panel.report')}
      </button>
      {state === 'failed' && (
        <p className="panel__error" role="alert">
          {t(lang, 'panel.report.error')}
        </p>
      )}
    </div>
  );
}

/** Chromium's IntersectionObserver v2: it can tell whether an element is really seen. */
function tracksVisibility(): boolean {
  return (
    typeof IntersectionObserver === 'function' &&
    typeof IntersectionObserverEntry === 'function' &&
    'isVisible' in IntersectionObserverEntry.prototype
  );
}

/**
 * The panel's controls, usable only while the browser vouches that they are seen as they are.
 * Our own panel, opened by a person, can still be covered by the page (a decoy above it with
 * `pointer-events: none` lets the click through) or, in browsers that let the page style our
 * host, faded: IntersectionObserver v2 (`trackVisibility`) reports `isVisible` false whenever
 * anything covers the element, or an opacity, filter or transform from any frame above alters
 * it, and the controls are disabled until that ends. Where the browser has no v2 (Firefox), the
 * one-time token and the host styles (lib/content/panel.ts) are the defence.
 */
function Unobscured({ children, active }: { children: ReactNode; active: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const tracked = active && tracksVisibility();
  const [visible, setVisible] = useState(!tracked);
  // A frame where nothing changes may not be told that a cover went away: the observer is made
  // afresh whenever the shopper comes to the controls (pointer or keyboard), and its first report
  // says how things are now.
  const [look, setLook] = useState(0);
  const again = useCallback(() => setLook((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `look` is the trigger to observe anew.
  useEffect(() => {
    const target = ref.current;
    if (!tracked || !target) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (last) setVisible(last.isVisible === true);
      },
      // The v2 options are missing from TypeScript's DOM types; delay ≥ 100 ms is required by them.
      { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [tracked, look]);
  // Listeners on a wrapper: a disabled fieldset's controls get no pointer events of their own.
  // The wrapper only watches; the controls inside are the interactive elements.
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it re-checks visibility, it does nothing the shopper asks for.
    <div
      ref={ref}
      className="panel__guard"
      data-obscured={visible ? undefined : 'true'}
      onPointerEnter={tracked ? again : undefined}
      onPointerMove={tracked && !visible ? again : undefined}
      onFocus={tracked ? again : undefined}
    >
      <fieldset className="panel__guard" disabled={!visible}>
        {children}
      </fieldset>
    </div>
  );
}

/** Shown in an iframe (the content script's) or, from the popup, as a tab of its own. */
function isFramed(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

function closePanel(): void {
  // No data in the message; the content script checks that it comes from its own iframe.
  window.parent.postMessage({ antam: 'close-panel' }, '*');
}

/** What the redeemed token allows: acting on `key`, and reporting its listing when `product`. */
interface Grant {
  key: string;
  product: boolean;
  /** The seller's name as the page showed it (the content script's word, through the background). */
  name: string | null;
}

/**
 * One redemption per token and seller for the life of this document: a token works once, and
 * React may run an effect twice (StrictMode) or remount the panel; each must see the same answer.
 */
const redemptions = new Map<string, Promise<Grant | null>>();

function redeem(token: string, key: string): Promise<Grant | null> {
  const id = `${token} ${key}`;
  let answer = redemptions.get(id);
  if (!answer) {
    answer = sendToBackground('page:redeem-panel-token', { token, key }).then(
      (r) =>
        r?.granted ? { key, product: r.product, name: typeof r.name === 'string' ? r.name : null } : null,
      () => null,
    );
    redemptions.set(id, answer);
  }
  return answer;
}

/**
 * Redeems the hash's token whenever the hash names one. The grant is bound to the seller it was
 * issued for: a hash changed to another seller (the page can navigate a frame it contains) leaves
 * the panel read-only, and a token works once.
 */
function usePanelGrant(framed: boolean, sellerKey: string | null): Grant | null | 'pending' {
  const [token, setToken] = useState(() => tokenFromHash(location.hash));
  const [grant, setGrant] = useState<Grant | null | 'pending'>(() =>
    framed && token && sellerKey ? 'pending' : null,
  );
  useEffect(() => {
    const onHash = () => setToken(tokenFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new token is redeemed; the seller it is for is read when it arrives.
  useEffect(() => {
    if (!framed || token === null || sellerKey === null) return;
    let alive = true;
    const key = sellerKey;
    setGrant('pending');
    redeem(token, key).then((granted) => alive && setGrant(granted));
    return () => {
      alive = false;
    };
  }, [framed, token]);
  return grant;
}

export function PanelApp() {
  const [settings] = useSettings();
  const [sellerKey, setSellerKey] = useState(() => sellerKeyFromHash(location.hash));
  const [product, setProduct] = useState(() => isProductFromHash(location.hash));
  const [result, setResult] = useState<LookupResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lang = settings?.language ?? 'vi';
  const framed = isFramed();
  const grant = usePanelGrant(framed, sellerKey);
  // A panel opened as a tab of its own (from the popup) cannot be framed by a page: it acts.
  const granted = typeof grant === 'object' && grant !== null && grant.key === sellerKey;
  const canAct = !framed || granted;
  // The listing is reportable when the content script said so when it asked for the token.
  const reportable = framed && granted && grant.product && product;
  useDocumentLanguage(lang, `${t(lang, 'panel.title')} – ${t(lang, 'app.name')}`);

  // The content script reuses the iframe for another seller by changing the hash.
  useEffect(() => {
    const onHash = () => {
      setSellerKey(sellerKeyFromHash(location.hash));
      setProduct(isProductFromHash(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!framed) return;
    // Closed when Escape is released, not pressed: the iframe then goes away only after the whole
    // key press has been handled in it. Removed between press and release, the release stays
    // addressed to a frame that no longer exists; Chromium then never acknowledges it, and a driver
    // waiting for that (the end-to-end tests' keyboard) hung about one run in ten.
    let pressed = false;
    const onDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') pressed = true;
    };
    const onUp = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !pressed) return;
      pressed = false;
      closePanel();
    };
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
    };
  }, [framed]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    if (sellerKey === null) return;
    let alive = true;
    setResult(null);
    sendToBackground('page:record', { key: sellerKey }).then(
      (r) => alive && setResult(r ?? { status: 'unavailable' }),
      // No background answer is the same, to the shopper, as no registry answer.
      () => alive && setResult({ status: 'unavailable' }),
    );
    return () => {
      alive = false;
    };
  }, [sellerKey, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // Framed, the content script focuses the iframe once it has loaded: focus then goes to the
  // panel's heading (the seller's name), so a screen reader starts there and Tab reaches the
  // panel's controls next. Whichever comes last, the focus or the record, does it; once, and
  // never after a press of the pointer: moving focus (and the scroll with it) between a press and
  // its release would make the click land elsewhere.
  const shown = result !== null && settings !== null && grant !== 'pending';
  useEffect(() => {
    if (!framed || !shown) return;
    let done = false;
    const toHeading = () => {
      if (done) return;
      done = true;
      if (document.activeElement && document.activeElement !== document.body) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading) return;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    };
    const pressed = () => {
      done = true;
    };
    if (document.hasFocus()) toHeading();
    window.addEventListener('focus', toHeading);
    window.addEventListener('pointerdown', pressed, { capture: true });
    return () => {
      window.removeEventListener('focus', toHeading);
      window.removeEventListener('pointerdown', pressed, { capture: true });
    };
  }, [framed, shown]);

  return (
    <div className="panel">
      <div className="panel__bar">
        <span className="panel__brand">{t(lang, 'app.name')}</span>
        {framed && (
          <button
            type="button"
            className="panel__close"
            onClick={closePanel}
            aria-label={t(lang, 'panel.closeLabel')}
          >
            <span aria-hidden="true">✕</span>
          </button>
        )}
      </div>
      <main className="panel__body">
        {!canAct && grant !== 'pending' && sellerKey !== null && (
          <p className="panel__readonly" role="note" data-view="read-only">
            {t(lang, 'panel.readOnly')}
          </p>
        )}
        {sellerKey === null ? (
          <p role="alert">{t(lang, 'panel.noKey')}</p>
        ) : result === null || settings === null || grant === 'pending' ? (
          <p role="status">{t(lang, 'common.loading')}</p>
        ) : (
          <TrustPanel
            lang={lang}
            sellerKey={sellerKey}
            result={result}
            pageName={granted ? grant.name : null}
            registryBase={registryBaseUrl(settings)}
            onRetry={retry}
            report={
              reportable ? (
                <Unobscured active={framed}>
                  <ReportButton lang={lang} />
                </Unobscured>
              ) : undefined
            }
            actions={
              canAct && result.status === 'found' ? (
                <Unobscured active={framed}>
                  <SnoozeToggle
                    key={sellerKey}
                    sellerKey={sellerKey}
                    snoozed={result.snoozed}
                    lang={lang}
                    pageName={granted ? grant.name : null}
                  />
                </Unobscured>
              ) : undefined
            }
          />
        )}
      </main>
    </div>
  );
}
