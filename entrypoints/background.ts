import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // The registry client, cache and outbox are wired here by the extension issue.
});
