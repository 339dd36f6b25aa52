/**
 * Words of the watch list's notification ("Người bán tôi đã mua"): what got worse on the record of
 * a seller the shopper bought from. Vietnamese first; the language is the extension's setting.
 */
import type { Level } from '../registry/schemas';
import { BADGE_WORDS, type Language } from './badge';

/** One way a watched seller's record got worse since the last check. */
export type Worsening =
  | { kind: 'level'; from: Level; to: Level }
  | { kind: 'sanction'; count: number }
  | { kind: 'counterfeit'; count: number };

const WORDS: Record<
  Language,
  {
    title: string;
    seller: (name: string) => string;
    level: (from: string, to: string) => string;
    sanction: (count: number) => string;
    counterfeit: (count: number) => string;
  }
> = {
  vi: {
    title: 'An Tâm · Người bán tôi đã mua',
    seller: (name) => `Người bán ${name}`,
    level: (from, to) => `mức tín nhiệm giảm từ “${from}” xuống “${to}”`,
    sanction: (count) => (count === 1 ? 'có quyết định xử phạt mới' : `có ${count} quyết định xử phạt mới`),
    counterfeit: (count) => `có thêm ${count} lần hàng giả được xác nhận`,
  },
  en: {
    title: 'An Tâm · Sellers I bought from',
    seller: (name) => `Seller ${name}`,
    level: (from, to) => `trust level fell from “${from}” to “${to}”`,
    sanction: (count) => (count === 1 ? 'a new sanction decision' : `${count} new sanction decisions`),
    counterfeit: (count) =>
      count === 1 ? 'one more counterfeit confirmed' : `${count} more counterfeits confirmed`,
  },
};

/** "Người bán X: mức tín nhiệm giảm từ “Bình thường” xuống “Rủi ro cao”; có quyết định xử phạt mới". */
export function watchNotice(
  name: string,
  changes: readonly Worsening[],
  lang: Language,
): { title: string; message: string } {
  const w = WORDS[lang];
  const clauses = changes.map((c) => {
    if (c.kind === 'level') return w.level(BADGE_WORDS[lang][c.from].label, BADGE_WORDS[lang][c.to].label);
    if (c.kind === 'sanction') return w.sanction(c.count);
    return w.counterfeit(c.count);
  });
  return { title: w.title, message: `${w.seller(name)}: ${clauses.join('; ')}` };
}
