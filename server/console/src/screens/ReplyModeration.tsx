/**
 * Moderators' view of the sellers' public replies: every current reply, newest first, each with
 * its shop and fact; hide one with a reason (it leaves every public answer at once) or show it again.
 */
import { type FormEvent, useId, useState } from 'react';
import type { ModeratedReply } from '../../../../lib/registry/replies';
import { api } from '../api';
import { catalog, t as common, formatDate, type Lang } from '../i18n';
import { errorText, type Status, StatusLine, useLoad } from '../ui';

const t = catalog(
  {
    heading: 'Phản hồi của người bán',
    help: 'Phản hồi được công bố ngay khi người bán đăng. Ẩn phản hồi vi phạm (kèm lý do, người bán sẽ thấy lý do); phản hồi bị ẩn không còn trong câu trả lời công khai nào.',
    empty: 'Chưa có phản hồi nào.',
    item: '{shop} · {fact}',
    'fact.sanction': 'về một quyết định xử phạt',
    'fact.counterfeit': 'về hàng giả được xác nhận',
    'fact.late_answers': 'về các khiếu nại để quá hạn',
    posted: 'Đăng ngày {date}',
    edited: 'Sửa ngày {date}',
    hiddenBecause: 'Đã ẩn ngày {date}: {reason}',
    reason: 'Lý do ẩn',
    hide: 'Ẩn phản hồi',
    unhide: 'Hiện lại',
    hiddenDone: 'Đã ẩn phản hồi của {shop}.',
    shownDone: 'Đã hiện lại phản hồi của {shop}.',
  },
  {
    heading: "Sellers' replies",
    help: 'Replies are published as soon as a seller posts them. Hide one that breaks the rules (with a reason, which the seller sees); a hidden reply leaves every public answer.',
    empty: 'No reply yet.',
    item: '{shop} · {fact}',
    'fact.sanction': 'on a sanction',
    'fact.counterfeit': 'on confirmed counterfeits',
    'fact.late_answers': 'on complaints left past the deadline',
    posted: 'Posted on {date}',
    edited: 'Edited on {date}',
    hiddenBecause: 'Hidden on {date}: {reason}',
    reason: 'Reason for hiding',
    hide: 'Hide reply',
    unhide: 'Show again',
    hiddenDone: 'Reply of {shop} hidden.',
    shownDone: 'Reply of {shop} shown again.',
  },
);

export function ReplyModeration({ lang }: { lang: Lang }) {
  const { data, error, reload } = useLoad(api.repliesToModerate);
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();
  const replies = data?.replies ?? null;
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t(lang, 'heading')}</h1>
      <p className="muted">{t(lang, 'help')}</p>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : replies === null ? (
        <p>{common(lang, 'loading')}</p>
      ) : replies.length === 0 ? (
        <p>{t(lang, 'empty')}</p>
      ) : (
        <ul className="cases">
          {replies.map((r) => (
            <Item
              key={r.id}
              reply={r}
              lang={lang}
              onDone={(text) => {
                setStatus({ kind: 'ok', text });
                reload();
              }}
              onError={(err) => setStatus({ kind: 'error', text: errorText(lang, err) })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Item({
  reply,
  lang,
  onDone,
  onError,
}: {
  reply: ModeratedReply;
  lang: Lang;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}) {
  const id = useId();
  const shop = `${reply.name ?? reply.sellerId} (${reply.platform} ${reply.sellerId})`;
  const act = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '');
    try {
      await api.setReplyHidden(reply.id, reply.hidden === null, reason);
      onDone(t(lang, reply.hidden === null ? 'hiddenDone' : 'shownDone', { shop }));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <li className="card" data-reply={reply.id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t(lang, 'item', { shop, fact: t(lang, `fact.${reply.kind}`) })}</h2>
      <p className="message">{reply.text}</p>
      <p className="muted">
        {t(lang, reply.edited ? 'edited' : 'posted', { date: formatDate(reply.updatedAt, lang) })}
      </p>
      {reply.hidden && (
        <p className="error">
          {t(lang, 'hiddenBecause', { date: formatDate(reply.hidden.at, lang), reason: reply.hidden.reason })}
        </p>
      )}
      <form onSubmit={act}>
        {reply.hidden === null && (
          <>
            <label htmlFor={`${id}-reason`}>{t(lang, 'reason')}</label>
            <input id={`${id}-reason`} name="reason" required maxLength={500} />
          </>
        )}
        <button type="submit">{t(lang, reply.hidden === null ? 'hide' : 'unhide')}</button>
      </form>
    </li>
  );
}
