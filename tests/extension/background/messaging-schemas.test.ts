// The background's gate on incoming messages: every request type, and the shapes it refuses.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../lib/messaging';
import { parseEnvelope } from '../../../lib/messaging-schemas';

const page = { platform: 'shopee', kind: 'product', sellerKey: 'shopee:672907573', sellerName: 'nobistar' };

describe('parseEnvelope', () => {
  const valid: Envelope[] = [
    { type: 'content:scan', data: { page: null, keys: ['shopee:1', 'tiki:@shop'] } },
    {
      type: 'content:scan',
      data: { page: null, keys: Array.from({ length: 500 }, (_, i) => `tiki:${i + 1}`) },
    },
    {
      type: 'content:scan',
      data: {
        page: { platform: 'shopee', kind: 'product', sellerKey: 'shopee:1', sellerName: null },
        keys: ['shopee:1'],
      },
    },
    { type: 'content:scan', data: { page: null, keys: [] } },
    { type: 'page:record', data: { key: 'shopee:1' } },
    { type: 'page:tab-state', data: { tabId: 7 } },
    { type: 'page:snooze', data: { key: 'shopee:1', snoozed: true } },
  ];
  it.each(valid)('accepts $type', (message) => {
    const parsed = parseEnvelope(message);
    expect(parsed).toEqual({ ok: true, envelope: message });
  });

  const invalid: Array<[string, unknown]> = [
    ['nothing', undefined],
    ['a string', 'content:scan'],
    ['an unknown type', { type: 'content:fetch', data: { url: 'https://evil.example' } }],
    ['a missing data', { type: 'content:scan' }],
    ['extra envelope fields', { type: 'content:scan', data: { page: null, keys: [] }, url: 'x' }],
    ['a scan without its page', { type: 'content:scan', data: { keys: [] } }],
    ['a scan without its keys', { type: 'content:scan', data: { page: null } }],
    ['keys that are not a list', { type: 'content:scan', data: { page: null, keys: 'shopee:1' } }],
    ['keys that are not strings', { type: 'content:scan', data: { page: null, keys: [1] } }],
    [
      'more than 500 keys',
      { type: 'content:scan', data: { page: null, keys: Array.from({ length: 501 }, () => 'tiki:1') } },
    ],
    [
      'a key longer than 140',
      { type: 'content:scan', data: { page: null, keys: [`tiki:@${'a'.repeat(140)}`] } },
    ],
    ['extra data fields', { type: 'content:scan', data: { page: null, keys: [], tabId: 3 } }],
    [
      'an unknown platform',
      { type: 'content:scan', data: { page: { ...page, platform: 'ebay' }, keys: [] } },
    ],
    ['an unknown page kind', { type: 'content:scan', data: { page: { ...page, kind: 'cart' }, keys: [] } }],
    [
      'a page without its seller field',
      {
        type: 'content:scan',
        data: { page: { platform: 'tiki', kind: 'other', sellerName: null }, keys: [] },
      },
    ],
    [
      'a scan carrying a registry URL',
      { type: 'content:scan', data: { page: null, keys: [], registryUrl: 'https://evil.example' } },
    ],
    ['a negative tab id', { type: 'page:tab-state', data: { tabId: -1 } }],
    ['a fractional tab id', { type: 'page:tab-state', data: { tabId: 1.5 } }],
    ['a tab id as text', { type: 'page:tab-state', data: { tabId: '1' } }],
    ['a snooze without its flag', { type: 'page:snooze', data: { key: 'shopee:1' } }],
  ];
  it.each(invalid)('refuses %s', (_name, message) => {
    const parsed = parseEnvelope(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^invalid message/);
  });
});
