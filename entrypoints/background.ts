import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background';

// The extension's only owner of network and cache (lib/background): the content script and the
// extension pages ask it through typed messages.
export default defineBackground(() => {
  startBackground();
});
