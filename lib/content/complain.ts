/**
 * The "Khiếu nại" button beside an order: like a badge, plain DOM in a closed shadow root (the
 * page's CSS cannot reach it, ours cannot leak out), text only through textContent, acting only on
 * a person's click (lib/content/pill.ts: a page script cannot start a complaint). It does nothing
 * itself but call `onComplain`; the controller captures the order and asks the background for the
 * form, which bounds how often one tab may start one (lib/background/start-limit.ts).
 */
import { COMPLAIN_WORDS, type Language } from '../i18n/badge';
import { Lifecycle } from './lifecycle';
import { createPill } from './pill';

export const COMPLAIN_TAG = 'antam-complain';

const STYLE = `
button { padding: 3px 10px; color: #b3261e; background: #fff; border: 1px solid #b3261e; }
button:hover { background: #fdecea; }
button[aria-busy="true"] { cursor: progress; opacity: .6; }
button[data-failed] { border-style: dashed; }
`;

export interface ComplainElement extends HTMLElement {
  antamOrder?: string;
}

/**
 * A button for the order `orderCode`. `onComplain` resolves true once the form is open; while it
 * runs the button is busy (a second click does nothing), and a false or a rejection leaves the
 * button saying so in its tooltip, ready for another try.
 */
export function createComplainButton(
  doc: Document,
  orderCode: string,
  lang: Language,
  onComplain: () => Promise<boolean>,
): ComplainElement {
  const words = COMPLAIN_WORDS[lang];
  const { host, button } = createPill<ComplainElement>(doc, COMPLAIN_TAG, 'complain', STYLE, () => {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    const done = (ok: boolean) => {
      button.removeAttribute('aria-busy');
      button.toggleAttribute('data-failed', !ok);
      button.title = ok ? words.title : words.failed;
    };
    onComplain().then(done, () => done(false));
  });
  host.antamOrder = orderCode;
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '⚑';
  const label = doc.createElement('span');
  label.textContent = words.label;
  button.append(icon, label);
  button.title = words.title;
  return host;
}

/**
 * The order-button feature: at most one "Khiếu nại" button in the page, for the life of the page
 * (lib/content/lifecycle.ts). Ending the life takes the button out.
 */
export class OrderButton {
  readonly life: Lifecycle;
  private button: ComplainElement | null = null;

  constructor(
    private readonly doc: Document,
    parent: AbortSignal,
  ) {
    this.life = new Lifecycle(parent, (signal) => {
      signal.addEventListener('abort', () => this.clear(), { once: true });
    });
  }

  /** The button for `orderCode` right after `after`, inserted once per order. */
  show(orderCode: string, after: Element | null, lang: Language, onComplain: () => Promise<boolean>): void {
    if (this.button?.isConnected && this.button.antamOrder === orderCode) return;
    this.life.end();
    if (!after?.parentNode || this.life.signal.aborted) return;
    const button = createComplainButton(this.doc, orderCode, lang, onComplain);
    after.insertAdjacentElement('afterend', button);
    this.button = button;
  }

  private clear(): void {
    this.button?.remove();
    this.button = null;
    for (const stray of this.doc.querySelectorAll(COMPLAIN_TAG)) stray.remove();
  }
}
