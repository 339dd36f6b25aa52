import { describe, expect, it } from 'vitest';
import {
  cleanText,
  idOf,
  objectAfter,
  parseViDate,
  parseVnd,
  unanimous,
} from '../../../lib/marketplaces/common';

describe('parseVnd', () => {
  it.each([
    ['₫1.234.000', 1234000],
    ['1.234.000 ₫', 1234000],
    ['1.234.000đ', 1234000],
    ['1.234.000 VNĐ', 1234000],
    ['₫58,000', 58000],
    ['2.490.000 ₫', 2490000],
    ['₫1.290.000 - ₫1.590.000', 1290000],
    ['99.000đ – 129.000đ', 99000],
    ['478000.00', 478000],
    ['69000', 69000],
    ['0 ₫', 0],
    [310000, 310000],
    ['1\u00a0234\u00a0000 ₫', 1234000],
  ] as const)('%s → %d', (text, value) => {
    expect(parseVnd(text)).toBe(value);
  });

  it.each(['', 'Liên hệ', '1.23.4', '-₫20.000', '₫', '12,5,6', 'abc 100.000đ', null, {}, Number.NaN, -5])(
    'rejects %s',
    (text) => {
      expect(parseVnd(text)).toBeNull();
    },
  );
});

describe('parseViDate', () => {
  it.each([
    ['14:32 05-03-2024', '2024-03-05T14:32'],
    ['05/03/2024 14:32', '2024-03-05T14:32'],
    ['Đặt ngày 05 thg 3 2025 14:32:10', '2025-03-05T14:32:10'],
    ['5 tháng 3, 2025', '2025-03-05'],
    ['2025-01-12T10:15:00+07:00', '2025-01-12T10:15:00'],
    ['12.01.2025', '2025-01-12'],
  ])('%s → %s', (text, iso) => {
    expect(parseViDate(text)).toBe(iso);
  });

  it.each(['32/01/2025', '05/13/2025', 'hôm qua', '', '10:15'])('rejects %s', (text) => {
    expect(parseViDate(text)).toBeNull();
  });
});

describe('objectAfter', () => {
  it('cuts the object by its braces, whatever the strings inside hold', () => {
    const text = 'if (window.__x__) {}; var __x__ = {"a":"};{\\"}","b":{"c":[1,{"d":2}]}}; more();';
    expect(objectAfter(text, '__x__')).toEqual({ a: '};{"}', b: { c: [1, { d: 2 }] } });
  });

  it('gives undefined for a cut-off or non-JSON object', () => {
    expect(objectAfter('var x = {"a": 1', 'var x')).toBeUndefined();
    expect(objectAfter('var x = {a: 1};', 'var x')).toBeUndefined();
    expect(objectAfter('nothing here', 'var x')).toBeUndefined();
  });
});

describe('small readers', () => {
  it('accepts only plain numeric ids', () => {
    expect(idOf(6548)).toBe('6548');
    expect(idOf(' 6548 ')).toBe('6548');
    expect(idOf('0123')).toBeNull();
    expect(idOf('12a')).toBeNull();
    expect(idOf(1.5)).toBeNull();
    expect(idOf(2 ** 60)).toBeNull(); // not exactly representable: never trust a rounded id
  });

  it('keeps text as text, whitespace collapsed', () => {
    expect(cleanText('  <b>Shop</b>\n\t A \u0007 ')).toBe('<b>Shop</b> A');
    expect(cleanText('   ')).toBeNull();
  });

  it('finds the one value all agree on', () => {
    expect(unanimous(['1', null, '1'])).toBe('1');
    expect(unanimous(['1', '2'])).toBeNull();
    expect(unanimous([])).toBeNull();
  });
});
