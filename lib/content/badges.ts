/**
 * The badges feature: one badge beside each seller of the page, for the life of the page
 * (lib/content/lifecycle.ts). Ending the life takes every badge out of the page.
 */
import type { ContentConfig, LookupResult } from '../messaging';
import { levelOf } from '../messaging';
import { BADGE_TAG, type BadgeElement, createBadge, setBadgeState } from './badge';
import { guarded, Lifecycle } from './lifecycle';

export interface Placement {
  /**
   * Where the badge goes: after an anchor (a seller name), inside a card, or at a fixed spot of
   * the window (`fixed`, target: the page's body) when the page shows the seller nowhere we can
   * stand beside, as a product page before its app renders.
   */
  target: Element;
  mode: 'after' | 'inside' | 'fixed';
  key: string;
  /** The seller's name as the page shows it, if it shows one. */
  name: string | null;
}

export class Badges {
  readonly life: Lifecycle;
  private readonly placed = new Map<Element, BadgeElement>();

  constructor(
    private readonly doc: Document,
    parent: AbortSignal,
    /** The shopper activated a badge. */
    private readonly onOpen: (key: string, placement: Placement, badge: BadgeElement) => void,
  ) {
    this.life = new Lifecycle(parent, (signal) => {
      signal.addEventListener('abort', () => this.clear(), { once: true });
    });
  }

  /** The badge beside `target`, if it is still in the page. */
  at(target: Element): BadgeElement | undefined {
    const badge = this.placed.get(target);
    return badge?.isConnected ? badge : undefined;
  }

  /** Placements whose badge is not in the page (new sellers, or a re-render removed it). */
  missing(placements: readonly Placement[]): Placement[] {
    for (const [target, badge] of this.placed) {
      if (!badge.isConnected || !target.isConnected) this.placed.delete(target);
    }
    return placements.filter((p) => !this.placed.has(p.target));
  }

  /**
   * Inserts each badge once in its final state: every insertion or change of a badge costs the
   * page a style and layout pass, which on a heavy page is the main cost we add.
   */
  place(
    placements: readonly Placement[],
    resultOf: (key: string) => LookupResult,
    config: ContentConfig,
  ): void {
    const signal = this.life.signal;
    if (signal.aborted) return;
    for (const p of placements) {
      const existing = this.placed.get(p.target);
      if (existing?.isConnected && existing.antamKey === p.key) continue;
      existing?.remove();
      const badge = createBadge(
        this.doc,
        p.key,
        guarded((b: BadgeElement) => {
          if (b.antamKey) this.onOpen(b.antamKey, p, b);
        }),
      );
      show(badge, resultOf(p.key), config);
      if (p.mode === 'after') p.target.insertAdjacentElement('afterend', badge);
      else if (p.mode === 'fixed') {
        // Inline style on the host beats the pill's `:host` rules: top right, above the page.
        badge.style.cssText = 'position:fixed;top:12px;right:12px;z-index:2147483646;margin:0';
        badge.dataset.placement = 'fixed';
        p.target.append(badge);
      } else p.target.append(badge);
      this.placed.set(p.target, badge);
    }
  }

  /**
   * Takes out a fixed-spot badge that the page no longer needs (its seller block has rendered and
   * carries the badge now, or the seller changed).
   */
  dropFixed(keep: readonly Placement[]): void {
    for (const [target, badge] of this.placed) {
      if (badge.dataset.placement !== 'fixed') continue;
      if (keep.some((p) => p.mode === 'fixed' && p.target === target && p.key === badge.antamKey)) continue;
      badge.remove();
      this.placed.delete(target);
    }
  }

  /** Brings every badge in the page up to what is known now (a retried lookup, a language). */
  refresh(resultOf: (key: string) => LookupResult | undefined, config: ContentConfig): void {
    for (const badge of this.placed.values()) {
      const result = badge.antamKey ? resultOf(badge.antamKey) : undefined;
      if (result) show(badge, result, config);
    }
  }

  private clear(): void {
    for (const badge of this.placed.values()) badge.remove();
    this.placed.clear();
    // Badges of an earlier content script (the extension was updated) that could not clean up.
    for (const stray of this.doc.querySelectorAll(BADGE_TAG)) stray.remove();
  }
}

function show(badge: BadgeElement, result: LookupResult, config: ContentConfig): void {
  // A snoozed seller's badge steps aside until its record changes.
  const hidden = result.status === 'found' && result.snoozed;
  if (badge.hidden !== hidden) badge.hidden = hidden;
  setBadgeState(badge, levelOf(result), config.language);
}
