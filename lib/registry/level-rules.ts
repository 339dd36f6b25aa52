/**
 * The trust levels' rules as data, for people: the thresholds deriveTrust (server/trust/rules.ts)
 * applies and the description of each level built from them. Pure data, shared by the registry's
 * `/levels` and record pages and the extension's first-run page, so that every place explains the
 * same rules; tests/unit/level-rules.test.ts holds the description to deriveTrust.
 */
import type { Level } from './schemas';

/**
 * A sanction is "recent" for two years: long enough to cover a typical inspection cycle, short
 * enough that a shop which corrected its practices is not branded dangerous forever (older
 * sanctions still show, as a caution).
 */
export const SANCTION_RECENT_MONTHS = 24;
/**
 * Three moderator-confirmed counterfeits within a year is a pattern, not an accident (a single
 * mislabelled batch or a supplier's fault), and warrants danger.
 */
export const COUNTERFEIT_DANGER_12M = 3;
/** A confirmed counterfeit keeps the shop at caution for as long as a sanction stays "recent". */
export const COUNTERFEIT_RECENT_MONTHS = 24;
/**
 * Missed deadlines need both a floor and a share: the floor keeps one or two misses at a small
 * shop (1 of 2 = 50 %) from flagging it, the share keeps a large shop's handful of misses among
 * hundreds of complaints from flagging it.
 */
export const LATE_MIN = 3;
export const LATE_SHARE = 0.3;
/**
 * Three complaints upheld for the shopper after escalation within a year: each one means the
 * seller refused a complaint that a moderator then found justified, so three is a habit.
 */
export const UPHELD_MIN = 3;
/**
 * Nine in ten complaints answered in time earns the positive reason and allows "trusted"; the
 * remaining tenth leaves room for holidays and genuine mishaps.
 */
export const ON_TIME_TRUSTED = 0.9;

/**
 * One fact pattern that the rules above act on, with its threshold. The public `/levels` page
 * (server/web/levels-page.tsx) and the extension's first-run page render these and tests/unit/level-rules.test.ts checks each one
 * against deriveTrust at and just below its threshold, so the text and the rules cannot drift.
 */
export type RuleCondition =
  /** At least one sanction by an authority dated within the last `months` months. */
  | { code: 'sanction_recent'; months: number }
  /** At least `count` counterfeits confirmed by a moderator in the last 12 months. */
  | { code: 'counterfeits_12m'; count: number }
  /** A sanction at any date (older than the recent window when the level is caution). */
  | { code: 'sanction_any' }
  /** A counterfeit confirmed by a moderator within the last `months` months. */
  | { code: 'counterfeit_recent'; months: number }
  /** The Ministry revoked the registration. */
  | { code: 'registration_revoked' }
  /** Verified complaints of 12 months left past their deadline: at least `min`, and at least `share` of them. */
  | { code: 'complaints_late'; min: number; share: number }
  /** At least `count` verified complaints of 12 months upheld for the shopper after escalation. */
  | { code: 'complaints_upheld'; count: number }
  /** Registered with, or notified to, the Ministry. */
  | { code: 'registered' }
  /** At least `share` of the verified complaints of 12 months answered on time (or none filed). */
  | { code: 'answered_on_time'; share: number }
  /** No counterfeit ever confirmed. */
  | { code: 'no_counterfeit' }
  /** No sanction ever. */
  | { code: 'no_sanction' }
  /** At least one verified complaint, at any date (a seller people have dealt with). */
  | { code: 'verified_complaint' };

export interface LevelRule {
  level: Level;
  /** `any`: one of the conditions is enough; `all`: every condition must hold. */
  match: 'any' | 'all' | 'otherwise';
  conditions: RuleCondition[];
}

/**
 * The levels from the most severe down; the first rule that matches decides. Mirrors deriveTrust
 * (server/trust/rules.ts), which uses the same constants.
 */
export const LEVEL_RULES: readonly LevelRule[] = [
  {
    level: 'danger',
    match: 'any',
    conditions: [
      { code: 'sanction_recent', months: SANCTION_RECENT_MONTHS },
      { code: 'counterfeits_12m', count: COUNTERFEIT_DANGER_12M },
    ],
  },
  {
    level: 'caution',
    match: 'any',
    conditions: [
      { code: 'sanction_any' },
      { code: 'counterfeit_recent', months: COUNTERFEIT_RECENT_MONTHS },
      { code: 'registration_revoked' },
      { code: 'complaints_late', min: LATE_MIN, share: LATE_SHARE },
      { code: 'complaints_upheld', count: UPHELD_MIN },
    ],
  },
  {
    level: 'trusted',
    match: 'all',
    conditions: [
      { code: 'registered' },
      { code: 'answered_on_time', share: ON_TIME_TRUSTED },
      { code: 'no_counterfeit' },
      { code: 'no_sanction' },
    ],
  },
  { level: 'ok', match: 'any', conditions: [{ code: 'registered' }, { code: 'verified_complaint' }] },
  { level: 'unknown', match: 'otherwise', conditions: [] },
];
