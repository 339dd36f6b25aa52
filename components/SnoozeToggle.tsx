import { useId, useState } from 'react';
import { type Language, t } from '../lib/i18n';
import { sendToBackground } from '../lib/messaging';
import './ui.css';

interface SnoozeToggleProps {
  sellerKey: string;
  snoozed: boolean;
  lang: Language;
  /** The seller's name as the page shows it, kept for options when the registry has none. */
  pageName?: string | null;
}

/**
 * "Snooze this seller until its record changes". The background owns snoozing (it remembers the
 * record's version and wakes the badge when the record changes); this only asks it.
 */
export function SnoozeToggle({ sellerKey, snoozed: initial, lang, pageName }: SnoozeToggleProps) {
  const id = useId();
  const [snoozed, setSnoozed] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const toggle = async (next: boolean) => {
    setBusy(true);
    setFailed(false);
    setSnoozed(next);
    try {
      await sendToBackground('page:snooze', {
        key: sellerKey,
        snoozed: next,
        ...(pageName ? { name: pageName } : {}),
      });
    } catch {
      // The choice was not recorded: show the truth, not the wish.
      setSnoozed(!next);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="snooze">
      <input
        id={id}
        type="checkbox"
        checked={snoozed}
        disabled={busy}
        onChange={(e) => void toggle(e.currentTarget.checked)}
      />
      <label htmlFor={id}>{t(lang, 'snooze.label')}</label>
      <p className="snooze__status" role="status">
        {failed ? t(lang, 'snooze.error') : snoozed ? t(lang, 'snooze.on') : ''}
      </p>
    </div>
  );
}
