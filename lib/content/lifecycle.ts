/**
 * The life of one content feature on one page, after Refined GitHub's feature manager: an
 * AbortController derived from the content script's own signal (lib/content/page-context.ts, aborted when
 * the extension is updated, reloaded or removed) and ended by the controller when the page
 * navigates. Whatever a feature adds to the page — listeners, observers, timers, elements — is
 * tied to its signal, so ending the life takes all of it away and the next page starts fresh.
 * Pure DOM, no dependencies: it runs in the content script.
 */
export class Lifecycle {
  private controller: AbortController | null = null;

  /** `onStart` runs at the start of each life, to tie the feature's cleanup to its signal. */
  constructor(
    private readonly parent: AbortSignal,
    private readonly onStart?: (signal: AbortSignal) => void,
  ) {}

  /** True while a life is under way (started and neither ended nor aborted with the parent). */
  get active(): boolean {
    return this.controller !== null && !this.controller.signal.aborted;
  }

  /**
   * The current life's signal; the first use after an end starts a new life. Once the content
   * script is invalidated every life is born aborted, so nothing new reaches the page.
   */
  get signal(): AbortSignal {
    if (this.controller && !this.controller.signal.aborted) return this.controller.signal;
    const controller = new AbortController();
    this.controller = controller;
    if (this.parent.aborted) controller.abort();
    else {
      // Removed with the life itself, so that lives ended by navigation leave nothing on the parent.
      this.parent.addEventListener('abort', () => controller.abort(), {
        once: true,
        signal: controller.signal,
      });
      this.onStart?.(controller.signal);
    }
    return controller.signal;
  }

  /** Ends the current life (navigation, or a page that is none of ours): its cleanup runs now. */
  end(): void {
    const controller = this.controller;
    this.controller = null;
    controller?.abort();
  }
}

/**
 * `fn` as a page callback (event listener, observer, timer): nothing of ours may reach the page's
 * console, whether it throws or rejects.
 */
export function guarded<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // our error, not the page's
    }
  };
}

/** A timer cleared when `signal` aborts. */
export function timeoutUntil(signal: AbortSignal, fn: () => unknown, ms: number): void {
  if (signal.aborted) return;
  const clear = () => clearTimeout(timer);
  const timer = setTimeout(() => {
    signal.removeEventListener('abort', clear);
    guarded(fn)();
  }, ms);
  signal.addEventListener('abort', clear, { once: true });
}

/** A MutationObserver disconnected when `signal` aborts. */
export function observeUntil(
  signal: AbortSignal,
  target: Node,
  options: MutationObserverInit,
  callback: (records: MutationRecord[]) => unknown,
): void {
  if (signal.aborted) return;
  const observer = new MutationObserver(guarded(callback));
  observer.observe(target, options);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
