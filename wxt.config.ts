import { defineConfig } from 'wxt';
import { MATCHES } from './lib/marketplaces';
import { siteRulesBuildKey } from './lib/registry/site-rules';

/** The registry the build talks to (`WXT_REGISTRY_URL`); the shopper can choose another in options. */
const REGISTRY_URL = (process.env.WXT_REGISTRY_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

// rules (issue 12): the public key site rules are verified with (lib/registry/site-rules.ts:
// `WXT_SITE_RULES_PUBLIC_KEY`, `off`, or the DEMO key for a local registry; otherwise the build stops).
const SITE_RULES_PUBLIC_KEY = siteRulesBuildKey(process.env.WXT_SITE_RULES_PUBLIC_KEY, REGISTRY_URL);

function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

// Hosts the content script runs on: the genuine marketplace hosts only (lookalike domains get no
// badge), from the one list of marketplace modules. `*://` so that end-to-end tests can serve
// fixture pages over plain http.
const MARKETPLACE_MATCHES = [...MATCHES];

export default defineConfig({
  // End-to-end tests build into their own folder so that they never replace `npm start`'s build.
  outDir: process.env.WXT_OUT_DIR || '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Store packages (docs/store/README.md): the sources zip Mozilla's reviewers rebuild from
  // leaves out the screenshots and local data, which play no part in the build.
  zip: { excludeSources: ['docs/screenshots/**', 'data/**'] },
  // rules (issue 12): the site-rules key, into the background (lib/background/site-rules.ts).
  vite: () => ({
    define: { 'import.meta.env.WXT_SITE_RULES_PUBLIC_KEY': JSON.stringify(SITE_RULES_PUBLIC_KEY) },
  }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'vi',
    // storage: settings (IndexedDB, for the trust cache and cases, needs no permission).
    // alarms: the outbox's retry after a failed delivery and the polling of open cases must
    //   survive the service worker being stopped; timers do not.
    // notifications: tell the shopper when a seller answers or a case changes.
    // activeTab: the popup's "Khiếu nại" takes a screenshot of the tab it was opened on
    //   (tabs.captureVisibleTab), only after that click, with no access to any other tab.
    // scripting: the content script proper runs only where the loader finds a page of ours
    //   (lib/background/page-script.ts), on the marketplace hosts the extension already has.
    permissions: ['storage', 'alarms', 'notifications', 'activeTab', 'scripting'],
    // The one content script in the manifest: the tiny loader (entrypoints/loader.ts).
    content_scripts: [{ matches: MARKETPLACE_MATCHES, js: ['loader.js'], run_at: 'document_idle' }],
    host_permissions: [...MARKETPLACE_MATCHES, originPattern(REGISTRY_URL)],
    // A registry chosen in options is asked for at run time, for its origin only.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    web_accessible_resources: [{ resources: ['panel.html'], matches: MARKETPLACE_MATCHES }],
    browser_specific_settings: {
      gecko: {
        id: 'antam@antam.vn',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
