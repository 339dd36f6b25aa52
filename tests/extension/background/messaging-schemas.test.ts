// The background's gate on incoming messages: every request type, and the shapes it refuses.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../lib/messaging';
import { parseEnvelope } from '../../../lib/messaging-schemas';

const page = { platform: 'shopee', kind: 'product', sellerKey: 'shopee:672907573', sellerName: 'nobistar' };

describe('parseEnvelope', () => {
  const valid: Envelope[] = [
    { type: 'content:lookup', data: { keys: ['shopee:1', 'tiki:@shop'] } },
    { type: 'content:lookup', data: { keys: Array.from({ length: 500 }, (_, i) => `tiki:${i + 1}`) } },
    {
      type: 'content:page',
      data: { page: { platform: 'shopee', kind: 'product', sellerKey: 'shopee:1', sellerName: null } },
    },
    { type: 'content:page', data: { page: null } },
    { type: 'content:config', data: {} },
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
    ['a string', 'content:lookup'],
    ['an unknown type', { type: 'content:fetch', data: { url: 'https://evil.example' } }],
    ['a missing data', { type: 'content:config' }],
    ['extra envelope fields', { type: 'content:config', data: {}, url: 'x' }],
    ['keys that are not a list', { type: 'content:lookup', data: { keys: 'shopee:1' } }],
    ['keys that are not strings', { type: 'content:lookup', data: { keys: [1] } }],
    [
      'more than 500 keys',
      { type: 'content:lookup', data: { keys: Array.from({ length: 501 }, () => 'tiki:1') } },
    ],
    ['a key longer than 140', { type: 'content:lookup', data: { keys: [`tiki:@${'a'.repeat(140)}`] } }],
    ['extra data fields', { type: 'content:lookup', data: { keys: [], tabId: 3 } }],
    ['an unknown platform', { type: 'content:page', data: { page: { ...page, platform: 'ebay' } } }],
    ['an unknown page kind', { type: 'content:page', data: { page: { ...page, kind: 'cart' } } }],
    [
      'a page without its seller field',
      { type: 'content:page', data: { page: { platform: 'tiki', kind: 'other', sellerName: null } } },
    ],
    ['a config with data', { type: 'content:config', data: { registryUrl: 'https://evil.example' } }],
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
