/**
 * DEMO signing key for site rules — PUBLIC, for `npm start` and the tests only. Its public half is
 * DEMO_SITE_RULES_PUBLIC_KEY (lib/registry/site-rules.ts), which the extension gets only when it is
 * built for a local registry (wxt.config.ts). A real registry signs with a key that never enters
 * the repository (`SITE_RULES_PRIVATE_KEY_FILE` or `SITE_RULES_PRIVATE_KEY`), and its extension is
 * built with that key's public half (`WXT_SITE_RULES_PUBLIC_KEY`).
 */
export const DEMO_SITE_RULES_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSXtv7BlMcT9b8cpZ
+U55aSc9pyVn0DdZHKy6JmSepI2hRANCAAT5iClhlAfq9rp5z1DvPDWY3wp8pZxf
OQkyyCpC89MVEz1je5q8TzaucFBfVgKskF10f2ijWqPENIlTVdZjYykW
-----END PRIVATE KEY-----
`;
