/**
 * The detail panel: an extension page (React, see entrypoints/panel) in an iframe over the page,
 * so that its cost is never paid by the marketplace page until the shopper opens it.
 *
 * Clickjacking. panel.html is a web-accessible resource (it must be, for us to frame it in the
 * marketplace's page), so any script on a marketplace page can frame it too, invisibly, and steer
 * one real click onto its snooze or report button. `frame-ancestors` cannot tell the two apart:
 * our own iframe is framed by the very same marketplace page, so any CSP that allows ours allows
 * the attacker's. What differs is who asked: before framing the panel, the content script asks
 * the background for a one-time token bound to this tab and seller (lib/background/panel-tokens.ts)
 * and passes it in the fragment of the iframe it alone holds (inside a closed shadow root). The
 * panel redeems it on load; without a valid token it shows the record read-only. The token only
 * ever exists in our isolated world, the background and the panel document.
 */
import { nativeRuntime } from '../messaging';
import { guarded, Lifecycle } from './lifecycle';
import { attachClosedShadow, isUserEvent, ownShadowRoot } from './pill';

// `!important` in the shadow tree wins over the page's own `!important` on our host (the shadow
// context is more important for important declarations): the page cannot fade, shrink or move the
// panel out of sight (it can still cover it; see README, security).
const STYLE = `
:host { all: initial !important; position: fixed !important; top: 16px !important; right: 16px !important;
  z-index: 2147483647 !important; display: block !important; opacity: 1 !important;
  visibility: visible !important; transform: none !important; filter: none !important;
  clip-path: none !important; pointer-events: auto !important; }
iframe { width: min(380px, calc(100vw - 32px)); height: min(560px, calc(100vh - 32px)); border: 0; border-radius: 12px;
  box-shadow: 0 8px 32px rgba(0,0,0,.28); background: #fff; display: block; }
`;

/**
 * Asks the background for a one-time panel token for `key` in this tab (null: none given); the
 * seller's name as the page shows it goes with it, for the panel to use when the registry has none.
 */
export type PanelTokenSource = (key: string, product: boolean, name: string | null) => Promise<string | null>;

/** Who opened the panel: the seller's name on the page, and the badge to give focus back to. */
export interface PanelOpener {
  name?: string | null;
  /** Our badge's host element; focus returns to its button when the panel closes by keyboard. */
  badge?: HTMLElement | null;
}

/**
 * The panel feature: its element and its listeners (Escape, the iframe's "close") exist only
 * while it is open; closing it, navigating or invalidating the content script ends its life
 * (lib/content/lifecycle.ts) and takes them all away.
 */
export class PanelController {
  readonly life: Lifecycle;
  private key: string | null = null;
  private opener: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    parent: AbortSignal,
    private readonly tokenFor: PanelTokenSource = async () => null,
  ) {
    this.life = new Lifecycle(parent, (signal) => {
      signal.addEventListener(
        'abort',
        () => {
          this.key = null;
        },
        { once: true },
      );
    });
  }

  get openKey(): string | null {
    return this.key;
  }

  /**
   * Opens the panel on a seller, or closes it when it already shows that seller. `product`: the
   * page is that seller's product page, so the panel may offer "Báo hàng giả nghi vấn" (the
   * background reads the listing from the tab's PageReport, never from the panel's URL). Called
   * only from a person's click on a badge (lib/content/pill.ts).
   */
  toggle(key: string, product = false, opener: PanelOpener = {}): void {
    if (this.key === key) {
      this.close();
      return;
    }
    this.close();
    this.opener = opener.badge ?? null;
    const signal = this.life.signal;
    if (signal.aborted) return;
    const host = this.doc.createElement('antam-panel');
    host.dataset.antam = 'panel';
    const root = attachClosedShadow(host);
    const style = this.doc.createElement('style');
    style.textContent = STYLE;
    const frame = this.doc.createElement('iframe');
    frame.title = 'An Tâm';
    root.append(style, frame);
    // The frame is shown at once; its page is loaded when the token is there (or known missing:
    // then the panel is read-only, which beats no panel).
    const base = `${nativeRuntime().getURL('/panel.html')}#key=${encodeURIComponent(key)}${product ? '&product=1' : ''}`;
    const load = (token: string | null) => {
      if (signal.aborted) return;
      frame.src = token ? `${base}&t=${encodeURIComponent(token)}` : base;
    };
    this.tokenFor(key, product, opener.name ?? null).then(load, () => load(null));
    // Focus goes into the panel once it has loaded, as into a dialog: a keyboard user reads it
    // and acts there without tabbing through the whole page to find it.
    frame.addEventListener(
      'load',
      () => {
        if (!signal.aborted && frame.src) frame.focus();
      },
      { signal },
    );
    // Only our own iframe may close the panel: the page can post messages too.
    this.doc.defaultView?.addEventListener(
      'message',
      guarded((e: MessageEvent) => {
        if (e.source === frame.contentWindow && isClose(e.data)) this.close({ returnFocus: true });
      }),
      { signal },
    );
    this.doc.addEventListener(
      'keydown',
      guarded((e: KeyboardEvent) => {
        // A synthetic Escape from the page does not close it either.
        if (e.key === 'Escape' && isUserEvent(e)) this.close({ returnFocus: true });
      }),
      { signal },
    );
    // A press anywhere else on the page closes it, as a popover would (a press on the badge that
    // opened it is the badge's own toggle). Presses inside the iframe never reach this document.
    this.doc.addEventListener(
      'pointerdown',
      guarded((e: PointerEvent) => {
        if (!isUserEvent(e)) return;
        const path = e.composedPath();
        if (path.includes(host) || (this.opener && path.includes(this.opener))) return;
        this.close();
      }),
      { signal, capture: true },
    );
    signal.addEventListener('abort', () => host.remove(), { once: true });
    this.doc.documentElement.append(host);
    this.key = key;
  }

  /**
   * Closes the panel. Closed by keyboard (Escape, its close button), focus goes back to the badge
   * that opened it, where the shopper was, rather than to the top of the page.
   */
  close({ returnFocus = false }: { returnFocus?: boolean } = {}): void {
    const opener = this.opener;
    this.opener = null;
    this.life.end();
    if (returnFocus && opener?.isConnected) ownShadowRoot(opener)?.querySelector('button')?.focus();
  }
}

function isClose(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { antam?: unknown }).antam === 'close-panel';
}
