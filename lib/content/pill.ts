/**
 * What our badge and our order button share: a custom element whose shadow root holds one pill
 * button (the page's CSS cannot reach it, ours cannot leak out), whose click the marketplace's own
 * handlers never see (cards and order rows are often links). Text goes in through textContent.
 *
 * The page is not on our side: its scripts share the DOM with us. So the shadow root is CLOSED
 * (`host.shadowRoot` is null to the page; the only reference lives in `ROOTS`, in the content
 * script's isolated world, which page scripts cannot reach), and the button acts only on events
 * the browser made from a person's input (`isTrusted`): a page script that finds the button
 * anyway, or dispatches a synthetic `click`, starts nothing.
 */

/** The pill's frame; each user adds its colours and states. */
const PILL_STYLE = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; line-height: 1; }
:host([hidden]) { display: none; }
button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px;
  border-radius: 999px; cursor: pointer; white-space: nowrap;
  font: 600 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
}
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
`;

export interface Pill<T extends HTMLElement> {
  host: T;
  root: ShadowRoot;
  button: HTMLButtonElement;
}

/** Our closed shadow roots, by host: reachable from the content script's world only. */
const ROOTS = new WeakMap<Element, ShadowRoot>();

/**
 * The closed shadow root of one of our elements (badge, order button, panel), for our own code
 * and its tests: the module scope of the content script is not visible to the page.
 */
export function ownShadowRoot(host: Element): ShadowRoot | undefined {
  return ROOTS.get(host);
}

/** A closed shadow root on `host`, remembered for `ownShadowRoot`. */
export function attachClosedShadow(host: HTMLElement): ShadowRoot {
  const root = host.attachShadow({ mode: 'closed' });
  ROOTS.set(host, root);
  return root;
}

/**
 * True for events the browser made from a person's input. A page script can call `.click()` or
 * dispatch any event, but `isTrusted` is an unforgeable own property set by the browser.
 */
export function isUserEvent(e: Event): boolean {
  return e.isTrusted === true;
}

/** A `tag` element marked `data-antam=<antam>`, holding a pill button styled `PILL_STYLE + css`. */
export function createPill<T extends HTMLElement>(
  doc: Document,
  tag: string,
  antam: string,
  css: string,
  onClick: () => void,
): Pill<T> {
  const host = doc.createElement(tag) as T;
  host.dataset.antam = antam;
  const root = attachClosedShadow(host);
  const style = doc.createElement('style');
  style.textContent = PILL_STYLE + css;
  const button = doc.createElement('button');
  button.type = 'button';
  root.append(style, button);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    // Enter and Space on the focused button make a trusted click too: keyboard users keep it.
    if (!isUserEvent(e)) return;
    onClick();
  });
  return { host, root, button };
}
