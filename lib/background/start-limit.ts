/**
 * How often one tab may start a complaint or a report: each start writes a draft (with a capture
 * of up to 2 MiB) and opens a tab, so a page that found a way to start them unasked could fill the
 * shopper's disk and screen. The buttons act only on a person's click now (lib/content/pill.ts);
 * this bound holds even if that check were bypassed.
 *
 * - MIN_INTERVAL_MS between two starts of one tab: a double click, or a script hammering, gets one.
 * - MAX_STARTS_PER_WINDOW starts per tab in WINDOW_MS: a person complains about a few orders in a
 *   sitting (each start opens a form to fill in); five in ten minutes from one tab is already
 *   more than that, and bounds what a hostile page costs to ~10 MiB per ten minutes.
 *
 * A refused start writes nothing; a start that fails gives its slot back.
 */

export const MIN_INTERVAL_MS = 5_000;
export const MAX_STARTS_PER_WINDOW = 5;
export const WINDOW_MS = 10 * 60_000;

export class StartLimiter {
  private readonly starts = new Map<number, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes a slot for `tabId`, or returns why not; `release` gives it back. */
  take(tabId: number): { ok: true; release: () => void } | { ok: false; reason: string } {
    const now = this.now();
    const recent = (this.starts.get(tabId) ?? []).filter((t) => now - t < WINDOW_MS);
    const last = recent.at(-1);
    if (last !== undefined && now - last < MIN_INTERVAL_MS) {
      return { ok: false, reason: 'a start from this tab is already under way; try again in a few seconds' };
    }
    if (recent.length >= MAX_STARTS_PER_WINDOW) {
      return { ok: false, reason: 'too many complaints or reports started from this tab; try again later' };
    }
    recent.push(now);
    this.starts.set(tabId, recent);
    return {
      ok: true,
      release: () => {
        const list = this.starts.get(tabId);
        const i = list?.lastIndexOf(now) ?? -1;
        if (list && i >= 0) list.splice(i, 1);
      },
    };
  }

  forget(tabId: number): void {
    this.starts.delete(tabId);
  }
}
