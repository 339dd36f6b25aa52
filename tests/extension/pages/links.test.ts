import { describe, expect, it } from 'vitest';
import { publicRecordUrl } from '../../../components/links';

describe('publicRecordUrl', () => {
  it("opens the registry's page for people, in the extension's language", () => {
    expect(publicRecordUrl('https://registry.example.org', 'shopee', '672907573')).toBe(
      'https://registry.example.org/s/shopee/672907573',
    );
    expect(publicRecordUrl('https://registry.example.org', 'shopee', '672907573', 'en')).toBe(
      'https://registry.example.org/s/shopee/672907573?lang=en',
    );
  });

  it('keeps the @ of a slug, escapes the rest, and refuses a registry that is not a web address', () => {
    expect(publicRecordUrl('http://127.0.0.1:8787', 'tiki', '@tiki-trading')).toBe(
      'http://127.0.0.1:8787/s/tiki/@tiki-trading',
    );
    expect(publicRecordUrl('https://r.example', 'shopee', '1/../../v1/admin')).toBe(
      'https://r.example/s/shopee/1%2F..%2F..%2Fv1%2Fadmin',
    );
    expect(publicRecordUrl('javascript:alert(1)//', 'shopee', '1')).toBeNull();
  });
});
