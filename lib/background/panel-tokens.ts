/**
 * One-time tokens that let the badge panel act (snooze, report) only inside the iframe our own
 * content script made (lib/content/panel.ts explains the clickjacking they stop). The content
 * script asks for a token when a person clicks a badge; the panel redeems it on load. A token is
 * bound to the tab that asked and the seller it names, works once, and dies after TOKEN_TTL_MS:
 * long enough for an iframe to load on a slow machine, too short to be worth stealing (and it
 * never leaves our isolated world, the background and the panel document anyway).
 *
 * Kept in the service worker's memory on purpose: a token lives for seconds, right after a
 * message woke the worker, and a restart that loses one costs only a read-only panel.
 */

export const TOKEN_TTL_MS = 20_000;
/** Tokens waiting per tab: a person opens one panel at a time; older ones are dropped. */
export const MAX_PENDING_PER_TAB = 4;

interface Issued {
  tabId: number;
  key: string;
  product: boolean;
  name: string | null;
  expires: number;
}

export type Redeemed = { granted: true; product: boolean; name: string | null } | { granted: false };

export class PanelTokens {
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b),
  ) {}

  /** A fresh token for the panel about to be framed in `tabId` on seller `key`. */
  issue(tabId: number, key: string, product: boolean, name: string | null = null): string {
    this.sweep();
    const mine = [...this.issued].filter(([, t]) => t.tabId === tabId);
    for (const [token] of mine.slice(0, Math.max(0, mine.length - MAX_PENDING_PER_TAB + 1))) {
      this.issued.delete(token);
    }
    const bytes = new Uint8Array(16);
    this.random(bytes);
    const token = base64url(bytes);
    this.issued.set(token, { tabId, key, product, name: name || null, expires: this.now() + TOKEN_TTL_MS });
    return token;
  }

  /**
   * Spends `token` for a panel framed in `tabId` showing `key`. Any mismatch spends it too: a
   * guessed or replayed token never gets a second try.
   */
  redeem(token: string, tabId: number, key: string): Redeemed {
    const issued = this.issued.get(token);
    this.issued.delete(token);
    if (!issued || issued.expires <= this.now() || issued.tabId !== tabId || issued.key !== key) {
      return { granted: false };
    }
    return { granted: true, product: issued.product, name: issued.name };
  }

  /** The tab is gone: its tokens with it. */
  forget(tabId: number): void {
    for (const [token, t] of this.issued) if (t.tabId === tabId) this.issued.delete(token);
  }

  get size(): number {
    return this.issued.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, t] of this.issued) if (t.expires <= now) this.issued.delete(token);
  }
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
