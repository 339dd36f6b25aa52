// The badges beside sellers, as a person with low vision or without colour vision meets them
// (issue 11): white text on each level's colour meets WCAG 2 AA contrast for small text (4.5:1),
// and each level has its own icon and its own word, so none rests on colour alone. The badge sits
// in a closed shadow root on the marketplace's page, where axe-core in the end-to-end suite cannot
// see it; the panel's larger badge is checked there.
import { describe, expect, it } from 'vitest';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState } from '../../lib/i18n/badge';

/** WCAG 2 relative luminance of an sRGB colour written #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const STATES = Object.keys(BADGE_COLOR) as BadgeState[];

describe('badge colours and shapes', () => {
  it('computes contrast as WCAG defines it (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBe(1);
    // #767676 on white is the well-known lightest grey that still passes AA.
    expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it.each(STATES)('white words on the %s badge reach 4.5:1', (state) => {
    expect(contrast('#ffffff', BADGE_COLOR[state])).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every level its own icon and its own word, in both languages', () => {
    // "unavailable" and "unknown" share a grey on purpose: neither says anything about the seller.
    const levels = STATES.filter((s) => s !== 'unavailable');
    expect(new Set(levels.map((s) => BADGE_ICON[s])).size).toBe(levels.length);
    for (const lang of ['vi', 'en'] as const) {
      expect(new Set(STATES.map((s) => BADGE_WORDS[lang][s].label)).size).toBe(STATES.length);
    }
  });
});
