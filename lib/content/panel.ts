/**
 * The detail panel: an extension page (React, see entrypoints/panel) in an iframe over the page,
 * so that its cost is never paid by the marketplace page until the shopper opens it.
 */
import { nativeRuntime } from '../messaging';
import { guarded, Lifecycle } from './lifecycle';

const STYLE = `
:host { all: initial; position: fixed; top: 16px; right: 16px; z-index: 2147483647; }
iframe { width: 380px; height: min(560px, calc(100vh - 32px)); border: 0; border-radius: 12px;
  box-shadow: 0 8px 32px rgba(0,0,0,.28); background: #fff; display: block; }
`;

/**
 * The panel feature: its element and its listeners (Escape, the iframe's "close") exist only
 * while it is open; closing it, navigating or invalidating the content script ends its life
 * (lib/content/lifecycle.ts) and takes them all away.
 */
export class PanelController {
  readonly life: Lifecycle;
  private key: string | null = null;

  constructor(
    private readonly doc: Document,
    parent: AbortSignal,
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
   * background reads the listing from the tab's PageReport, never from the panel's URL).
   */
  toggle(key: string, product = false): void {
    if (this.key === key) {
      this.close();
      return;
    }
    this.close();
    const signal = this.life.signal;
    if (signal.aborted) return;
    const host = this.doc.createElement('antam-panel');
    host.dataset.antam = 'panel';
    const root = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = STYLE;
    const frame = this.doc.createElement('iframe');
    frame.title = 'An Tâm';
    frame.src = `${nativeRuntime().getURL('/panel.html')}#key=${encodeURIComponent(key)}${product ? '&product=1' : ''}`;
    root.append(style, frame);
    // Only our own iframe may close the panel: the page can post messages too.
    this.doc.defaultView?.addEventListener(
      'message',
      guarded((e: MessageEvent) => {
        if (e.source === frame.contentWindow && isClose(e.data)) this.close();
      }),
      { signal },
    );
    this.doc.addEventListener(
      'keydown',
      guarded((e: KeyboardEvent) => {
        if (e.key === 'Escape') this.close();
      }),
      { signal },
    );
    signal.addEventListener('abort', () => host.remove(), { once: true });
    this.doc.documentElement.append(host);
    this.key = key;
  }

  close(): void {
    this.life.end();
  }
}

function isClose(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { antam?: unknown }).antam === 'close-panel';
}
