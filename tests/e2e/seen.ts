/**
 * What the shopper sees of our elements in a marketplace page. The badge and the order button
 * live in CLOSED shadow roots (issue 9: a page script must not reach them), which Playwright's
 * selectors do not pierce. The DevTools protocol does (`DOM.getDocument` with `pierce`), as a
 * browser's own tools do: these helpers read through it, never by reopening the roots. Clicks go
 * through Playwright's real mouse on the host element, which lands on the button inside.
 */
import type { Page } from 'playwright-core';

interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: 'open' | 'closed' | 'user-agent' })[];
  contentDocument?: DomNode;
  attributes?: string[];
}

export interface SeenElement {
  /** The host element's own attributes (data-level, hidden…). */
  host: Record<string, string>;
  /** `open`, `closed`, or null when it has none. */
  shadowRootType: string | null;
  /** The text rendered inside its shadow root (style sheets left out), whitespace collapsed. */
  text: string;
  /** Attributes of the button inside (title, aria-label, aria-busy…), if any. */
  button: Record<string, string> | null;
}

function textOf(node: DomNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
  return (node.children ?? []).map(textOf).join('');
}

function find(node: DomNode, test: (n: DomNode) => boolean): DomNode | null {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const hit = find(child, test);
    if (hit) return hit;
  }
  return null;
}

function attributes(node: DomNode): Record<string, string> {
  const out: Record<string, string> = {};
  const list = node.attributes ?? [];
  for (let i = 0; i + 1 < list.length; i += 2) out[list[i] as string] = list[i + 1] as string;
  return out;
}

/** Every `tag` element of the page's top document, as the shopper sees it. */
export async function seen(
  page: Page,
  tag: 'antam-badge' | 'antam-complain' | 'antam-panel',
): Promise<SeenElement[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const found: SeenElement[] = [];
    const walk = (node: DomNode) => {
      if (node.localName === tag) {
        const shadow = node.shadowRoots?.[0];
        const button = shadow ? find(shadow, (n) => n.localName === 'button') : null;
        found.push({
          host: attributes(node),
          shadowRootType: shadow?.shadowRootType ?? null,
          text: (shadow ? textOf(shadow) : '').replace(/\s+/g, ' ').trim(),
          button: button ? attributes(button) : null,
        });
      }
      // Not into frames: their documents are not the marketplace page.
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(child);
    };
    walk(root);
    return found;
  } finally {
    await cdp.detach();
  }
}

/** The text of the first `tag` element, or '' when there is none. */
export async function seenText(page: Page, tag: 'antam-badge' | 'antam-complain'): Promise<string> {
  return (await seen(page, tag))[0]?.text ?? '';
}
