// The few extension APIs the e2e tests call inside the extension's service worker
// (worker.evaluate runs there, not in Node); typed here so that tsc checks the calls.
declare const chrome: {
  tabs: { query(query: { url?: string }): Promise<{ id?: number }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: {
    local: {
      get(key: string): Promise<{
        settings?: { registryUrl?: string | null; listingBadges?: boolean; snoozed?: Record<string, string> };
      }>;
    };
  };
};
