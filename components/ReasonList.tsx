import { formatReason, type Language, t } from '../lib/i18n';
import type { Reason } from '../lib/registry/schemas';
import './ui.css';

const EFFECT_ICON: Record<Reason['effect'], string> = { positive: '+', negative: '!', neutral: 'i' };

interface ReasonListProps {
  reasons: Reason[];
  lang: Language;
  /** Show only the first n (the registry lists negative reasons first). */
  limit?: number;
}

/** The reasons behind a level, each a sentence that names its facts and counts. */
export function ReasonList({ reasons, lang, limit }: ReasonListProps) {
  const shown = limit === undefined ? reasons : reasons.slice(0, limit);
  if (shown.length === 0) return <p className="muted">{t(lang, 'trust.reasons.empty')}</p>;
  return (
    <ul className="reasons">
      {shown.map((reason, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list with no id or state; a registry may repeat a code.
        <li key={`${reason.code}-${i}`} className={`reason reason--${reason.effect}`} data-code={reason.code}>
          <span className="reason__icon" aria-hidden="true">
            {EFFECT_ICON[reason.effect]}
          </span>
          <span className="reason__text">
            <span className="visually-hidden">{t(lang, `trust.effect.${reason.effect}`)}: </span>
            {formatReason(reason, lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}
