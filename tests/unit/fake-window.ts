// A window as the loader and the content script's context see it (lib/content/loader.ts,
// page-context.ts): an address, interval timers run by hand, and the Navigation API or not.
export function fakeWindow(href: string, withNavigation: boolean) {
  const navigation = new EventTarget();
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    location: { href },
    navigation: withNavigation ? navigation : undefined,
    setInterval(handler: () => void, _ms?: number) {
      timers.set(next, handler);
      return next++;
    },
    clearInterval(id: number) {
      timers.delete(id);
    },
    timers,
    /** Runs every interval timer once, as if its period had passed. */
    tick() {
      for (const t of [...timers.values()]) t();
    },
    /** A same-document navigation (pushState), as the Navigation API reports it. */
    navigate(to: string) {
      this.location.href = to;
      navigation.dispatchEvent(new Event('currententrychange'));
    },
  };
}
