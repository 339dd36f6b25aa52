/**
 * What our badge and our order button share: a custom element whose shadow root holds one pill
 * button (the page's CSS cannot reach it, ours cannot leak out), whose click the marketplace's own
 * handlers never see (cards and order rows are often links). Text goes in through textContent.
 */

/** The pill's frame; each user adds its colours and states. */
const PILL_STYLE = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; line-height: 1; }
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
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = PILL_STYLE + css;
  const button = doc.createElement('button');
  button.type = 'button';
  root.append(style, button);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    onClick();
  });
  return { host, root, button };
}
