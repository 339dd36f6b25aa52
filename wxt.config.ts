import { defineConfig } from 'wxt';

// The extension's build configuration. Host permissions and content scripts arrive with the
// extension issue; for now the background only proves the build pipeline works.
export default defineConfig({
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'vi',
    permissions: [],
    browser_specific_settings: {
      gecko: {
        id: 'antam@antam.vn',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});
