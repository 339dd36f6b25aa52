/**
 * The seller's public replies: the facts on each of its shops' records (sanctions, confirmed
 * counterfeits, complaints left past their deadline), each with a form to write, edit or withdraw
 * the one reply shown beside it on the public page, in the extension and in open data.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import type { AnswerableFact, ShopFacts } from '../../../../lib/registry/replies';
import { MAX_REPLY_LENGTH } from '../../../../lib/registry/schemas';
import { api } from '../api';
import { catalog, t as common, formatDate, type Lang } from '../i18n';
import { errorText, type Status, StatusLine, useLoad } from '../ui';

const t = catalog(
  {
    heading: 'Phản hồi công khai',
    help: 'Phản hồi được công bố ngay, bên cạnh dữ kiện mà nó trả lời: trên trang hồ sơ công khai, trong tiện ích An Tâm và trong dữ liệu mở. Chỉ văn bản thuần, tối đa {max} ký tự. Kiểm duyệt viên có thể ẩn phản hồi vi phạm.',
    shop: '{name} · {platform} {id}',
    publicPage: 'Xem hồ sơ công khai của {name}',
    noFacts:
      'Hồ sơ của cửa hàng này không có dữ kiện nào để phản hồi (xử phạt, hàng giả được xác nhận, khiếu nại để quá hạn).',
    noShops: 'Khóa này chưa gắn với cửa hàng nào.',
    'fact.sanction': 'Xử phạt: {authority}, quyết định {decision}, ngày {date}',
    'fact.counterfeit': 'Hàng giả được kiểm duyệt viên xác nhận: {count} lần, gần nhất ngày {date}',
    'fact.late_answers': 'Khiếu nại đã xác minh bị để quá hạn trả lời: {count}',
    current: 'Phản hồi đang hiển thị (đăng ngày {date})',
    currentEdited: 'Phản hồi đang hiển thị (sửa ngày {date})',
    hidden: 'Kiểm duyệt viên đã ẩn phản hồi này ngày {date}: {reason}. Phản hồi không hiển thị ở đâu cả.',
    form: 'Phản hồi về: {fact}',
    text: 'Nội dung phản hồi',
    limit: 'Văn bản thuần, tối đa {max} ký tự. Còn {left} ký tự.',
    post: 'Đăng phản hồi',
    save: 'Lưu chỉnh sửa',
    withdraw: 'Rút phản hồi',
    posted: 'Đã đăng phản hồi về: {fact}.',
    saved: 'Đã lưu chỉnh sửa phản hồi về: {fact}.',
    withdrawn: 'Đã rút phản hồi về: {fact}.',
  },
  {
    heading: 'Public replies',
    help: 'A reply is published at once, beside the fact it answers: on the public record page, in the An Tâm extension and in open data. Plain text only, at most {max} characters. A moderator can hide a reply that breaks the rules.',
    shop: '{name} · {platform} {id}',
    publicPage: 'View the public record of {name}',
    noFacts:
      "This shop's record holds no fact to reply to (sanctions, confirmed counterfeits, complaints left past the deadline).",
    noShops: 'This key acts for no shop yet.',
    'fact.sanction': 'Sanction: {authority}, decision {decision}, on {date}',
    'fact.counterfeit': 'Counterfeits confirmed by a moderator: {count}, latest on {date}',
    'fact.late_answers': 'Verified complaints left past the answer deadline: {count}',
    current: 'Reply shown (posted on {date})',
    currentEdited: 'Reply shown (edited on {date})',
    hidden: 'A moderator hid this reply on {date}: {reason}. It is shown nowhere.',
    form: 'Reply to: {fact}',
    text: 'Your reply',
    limit: 'Plain text, at most {max} characters. {left} left.',
    post: 'Post reply',
    save: 'Save changes',
    withdraw: 'Withdraw reply',
    posted: 'Reply posted to: {fact}.',
    saved: 'Reply to {fact} saved.',
    withdrawn: 'Reply to {fact} withdrawn.',
  },
);

function factText(lang: Lang, fact: AnswerableFact): string {
  switch (fact.kind) {
    case 'sanction':
      return t(lang, 'fact.sanction', {
        authority: fact.authority,
        decision: fact.decision,
        date: formatDate(fact.date, lang),
      });
    case 'counterfeit':
      return t(lang, 'fact.counterfeit', {
        count: fact.confirmed,
        date: formatDate(fact.lastConfirmedAt, lang),
      });
    case 'late_answers':
      return t(lang, 'fact.late_answers', { count: fact.late });
  }
}

export function Replies({ lang }: { lang: Lang }) {
  const { data, error, reload } = useLoad(api.sellerReplies);
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();
  const shops = data?.shops ?? null;
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{t(lang, 'heading')}</h1>
      <p className="muted">{t(lang, 'help', { max: MAX_REPLY_LENGTH })}</p>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : shops === null ? (
        <p>{common(lang, 'loading')}</p>
      ) : shops.length === 0 ? (
        <p>{t(lang, 'noShops')}</p>
      ) : (
        shops.map((shop) => (
          <Shop
            key={`${shop.platform}:${shop.sellerId}`}
            shop={shop}
            lang={lang}
            onDone={(text) => {
              setStatus({ kind: 'ok', text });
              reload();
            }}
            onError={(err) => setStatus({ kind: 'error', text: errorText(lang, err) })}
          />
        ))
      )}
    </section>
  );
}

interface Handlers {
  lang: Lang;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}

function Shop({ shop, ...handlers }: { shop: ShopFacts } & Handlers) {
  const { lang } = handlers;
  const id = useId();
  const name = shop.name ?? `${shop.platform} ${shop.sellerId}`;
  const page = `/s/${encodeURIComponent(shop.platform)}/${encodeURIComponent(shop.sellerId)}${lang === 'en' ? '?lang=en' : ''}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t(lang, 'shop', { name, platform: shop.platform, id: shop.sellerId })}</h2>
      <p>
        <a href={page}>{t(lang, 'publicPage', { name })}</a>
      </p>
      {shop.facts.length === 0 ? (
        <p className="muted">{t(lang, 'noFacts')}</p>
      ) : (
        <ul className="cases">
          {shop.facts.map((fact) => (
            <Fact key={fact.id} shop={shop} fact={fact} {...handlers} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Fact({ shop, fact, lang, onDone, onError }: { shop: ShopFacts; fact: AnswerableFact } & Handlers) {
  const id = useId();
  const reply = fact.reply;
  const [text, setText] = useState(reply?.text ?? '');
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const described = factText(lang, fact);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.putReply(shop, fact.id, text);
      onDone(t(lang, reply ? 'saved' : 'posted', { fact: described }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    try {
      await api.withdrawReply(shop, fact.id);
      setText('');
      onDone(t(lang, 'withdrawn', { fact: described }));
      // The withdraw button goes away with the reply: keep the keyboard user in this form.
      textarea.current?.focus();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card" data-fact={fact.id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{described}</h3>
      {fact.kind === 'sanction' && <p>{fact.summary}</p>}
      {reply && (
        <div className="reply">
          <p className="muted">
            {t(lang, reply.edited ? 'currentEdited' : 'current', {
              date: formatDate(reply.updatedAt, lang),
            })}
          </p>
          <p className="message">{reply.text}</p>
          {reply.hidden && (
            <p className="error">
              {t(lang, 'hidden', { date: formatDate(reply.hidden.at, lang), reason: reply.hidden.reason })}
            </p>
          )}
        </div>
      )}
      <form onSubmit={save} aria-label={t(lang, 'form', { fact: described })}>
        <label htmlFor={`${id}-text`}>{t(lang, 'text')}</label>
        <textarea
          id={`${id}-text`}
          ref={textarea}
          name="text"
          required
          maxLength={MAX_REPLY_LENGTH}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-limit`}
        />
        <p id={`${id}-limit`} className="muted">
          {t(lang, 'limit', { max: MAX_REPLY_LENGTH, left: MAX_REPLY_LENGTH - text.length })}
        </p>
        <div className="buttons">
          <button type="submit" disabled={busy}>
            {t(lang, reply ? 'save' : 'post')}
          </button>
          {reply && (
            <button type="button" className="link" disabled={busy} onClick={withdraw}>
              {t(lang, 'withdraw')}
            </button>
          )}
        </div>
      </form>
    </li>
  );
}
