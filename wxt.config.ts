import { defineConfig } from 'wxt';
import { MATCHES } from './lib/marketplaces';
import { DEMO_SITE_RULES_PUBLIC_KEY } from './lib/registry/site-rules';

/** The registry the build talks to (`WXT_REGISTRY_URL`); the shopper can choose another in options. */
const REGISTRY_URL = (process.env.WXT_REGISTRY_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

// rules (issue 12): the public key site rules are verified with (base64 SPKI, ECDSA P-256).
// `WXT_SITE_RULES_PUBLIC_KEY`; `off` builds without site rules (built-in readers only, said in
// options). Unset, a build for a local registry (npm start, the tests) takes the DEMO key, whose
// private half is public; a build for any other registry stops here rather than ship without a
// key or with the demo one.
function siteRulesPublicKey(): string {
  const given = process.env.WXT_SITE_RULES_PUBLIC_KEY?.trim();
  if (given === 'off') return '';
  if (given) return given;
  const host = new URL(REGISTRY_URL).hostname;
  if (host === '127.0.0.1' || host === 'localhost') return DEMO_SITE_RULES_PUBLIC_KEY;
  throw new Error(
    `WXT_SITE_RULES_PUBLIC_KEY is not set: a build for ${REGISTRY_URL} must name the public key its site ` +
      'rules are signed with (npm run site-rules:publish -- --public-key --key-file KEY.pem), or ' +
      'WXT_SITE_RULES_PUBLIC_KEY=off to build without site rules.',
  );
}
const SITE_RULES_PUBLIC_KEY = siteRulesPublicKey();

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
    permissions: ['storage', 'alarms', 'notifications', 'activeTab'],
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
