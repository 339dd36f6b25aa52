/**
 * One complaint as its seller sees it (`#/cases/{code}`): what the shopper agreed to share, the
 * evidence images, the timeline, the deadline counting down and the answer form. The registry
 * decides what this key may see: a case of another shop, or one the shopper did not share with
 * the seller, is answered 404 like a code that does not exist, and this page then shows nothing
 * but "not found" (not even the code typed).
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import type { CaseEvent, ComplaintView, EvidenceView } from '../../../../lib/registry/cases';
import { ApiFailure, api } from '../api';
import { catalog, duration, formatDate, formatVnd, type Lang, t } from '../i18n';
import { href } from '../router';
import { errorText, type Status, StatusLine, useLoad } from '../ui';

const w = catalog(
  {
    heading: 'Khiếu nại {code}',
    case: 'Khiếu nại',
    back: 'Tất cả khiếu nại',
    notFound: 'Không tìm thấy khiếu nại',
    notFoundText:
      'Không có khiếu nại nào với mã này trong các gian hàng của bạn, hoặc người mua không đồng ý chia sẻ nó với cửa hàng.',
    shop: 'Gian hàng',
    category: 'Vấn đề',
    desired: 'Người mua mong muốn',
    order: 'Đơn hàng',
    orderDate: 'Ngày đặt',
    total: 'Tổng tiền',
    filed: 'Ngày gửi',
    description: 'Nội dung khiếu nại',
    items: 'Sản phẩm',
    contact: 'Liên hệ của người mua',
    evidence: 'Bằng chứng',
    noEvidence: 'Không có bằng chứng nào được chia sẻ.',
    evidenceAlt: 'Bằng chứng {n}: {name}',
    evidenceFile: 'Bằng chứng {n}: {name} ({type}, {size}) — không hiển thị trong bảng điều khiển.',
    evidenceError: 'Không tải được bằng chứng {n}.',
    captured: 'chụp lúc {at}',
    timeline: 'Diễn biến',
    respond: 'Trả lời khiếu nại',
    late: 'Cửa hàng đã trả lời muộn.',
    finding: 'Kết luận của người điều phối',
    'actor.shopper': 'Người mua',
    'actor.seller': 'Cửa hàng',
    'actor.moderator': 'Người điều phối',
    'actor.platform': 'Sàn',
    'actor.system': 'Hệ thống',
    'action.forward': 'chuyển khiếu nại cho cửa hàng',
    'action.respond': 'trả lời',
    'action.accept': 'chấp nhận câu trả lời',
    'action.dispute': 'không đồng ý với câu trả lời',
    'action.withdraw': 'rút khiếu nại',
    'action.mark_late': 'ghi nhận quá hạn trả lời',
    'action.resolve': 'kết thúc, có kết luận',
    'action.close': 'đóng khiếu nại',
    'action.verify': 'ghi nhận xác minh đơn hàng',
    'category.counterfeit': 'Hàng giả',
    'category.not_as_described': 'Hàng không đúng mô tả',
    'category.not_delivered': 'Không nhận được hàng',
    'category.wrong_item': 'Giao sai hàng',
    'category.refund_refused': 'Bị từ chối hoàn tiền',
    'category.warranty': 'Bảo hành',
    'category.personal_data_misuse': 'Lạm dụng dữ liệu cá nhân',
    'category.scam': 'Lừa đảo',
    'category.other': 'Khác',
    'desired.refund': 'Hoàn tiền',
    'desired.exchange': 'Đổi hàng',
    'desired.repair': 'Sửa chữa',
    'desired.explanation': 'Giải thích',
    'desired.compensation': 'Bồi thường',
  },
  {
    heading: 'Complaint {code}',
    case: 'Complaint',
    back: 'All complaints',
    notFound: 'Complaint not found',
    notFoundText:
      'No complaint with this code belongs to your shops, or the shopper did not agree to share it with the shop.',
    shop: 'Shop',
    category: 'Problem',
    desired: 'The shopper asks for',
    order: 'Order',
    orderDate: 'Ordered',
    total: 'Total',
    filed: 'Filed',
    description: 'The complaint',
    items: 'Items',
    contact: 'The shopper’s contact',
    evidence: 'Evidence',
    noEvidence: 'No evidence was shared.',
    evidenceAlt: 'Evidence {n}: {name}',
    evidenceFile: 'Evidence {n}: {name} ({type}, {size}) — not shown in the console.',
    evidenceError: 'Evidence {n} could not be loaded.',
    captured: 'captured {at}',
    timeline: 'Timeline',
    respond: 'Answer the complaint',
    late: 'The shop answered late.',
    finding: 'The moderator’s finding',
    'actor.shopper': 'The shopper',
    'actor.seller': 'The shop',
    'actor.moderator': 'The moderator',
    'actor.platform': 'The marketplace',
    'actor.system': 'The system',
    'action.forward': 'forwarded the complaint to the shop',
    'action.respond': 'answered',
    'action.accept': 'accepted the answer',
    'action.dispute': 'disputed the answer',
    'action.withdraw': 'withdrew the complaint',
    'action.mark_late': 'recorded the answer as overdue',
    'action.resolve': 'resolved it with a finding',
    'action.close': 'closed the complaint',
    'action.verify': 'recorded the order’s verification',
    'category.counterfeit': 'Counterfeit',
    'category.not_as_described': 'Not as described',
    'category.not_delivered': 'Not delivered',
    'category.wrong_item': 'Wrong item',
    'category.refund_refused': 'Refund refused',
    'category.warranty': 'Warranty',
    'category.personal_data_misuse': 'Misuse of personal data',
    'category.scam': 'Scam',
    'category.other': 'Other',
    'desired.refund': 'Refund',
    'desired.exchange': 'Exchange',
    'desired.repair': 'Repair',
    'desired.explanation': 'Explanation',
    'desired.compensation': 'Compensation',
  },
);

const RESPONSE_KINDS = ['refund', 'replacement', 'repair', 'explanation', 'refusal'] as const;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
}

export function SellerCase({ lang, code }: { lang: Lang; code: string }) {
  const load = useCallback(() => api.complaint(code), [code]);
  const { data: c, error, reload } = useLoad(load);
  const [status, setStatus] = useState<Status>(null);
  const id = useId();

  // One heading throughout (loading, found, not found): the console moves focus to it on arrival.
  const notFound = error instanceof ApiFailure && error.status === 404;
  return (
    <section aria-labelledby={`${id}-h`}>
      <p>
        <a href={href('cases')}>{w(lang, 'back')}</a>
      </p>
      <h1 id={`${id}-h`}>
        {notFound ? w(lang, 'notFound') : c ? w(lang, 'heading', { code: c.trackingCode }) : w(lang, 'case')}
      </h1>
      <StatusLine status={status} />
      {notFound ? (
        <p>{w(lang, 'notFoundText')}</p>
      ) : error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : c === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <CaseDetails
          c={c}
          lang={lang}
          onSent={() => {
            setStatus({ kind: 'ok', text: t(lang, 'seller.sent', { code: c.trackingCode }) });
            reload();
          }}
          onError={(err) => setStatus({ kind: 'error', text: errorText(lang, err) })}
        />
      )}
    </section>
  );
}

function CaseDetails({
  c,
  lang,
  onSent,
  onError,
}: {
  c: ComplaintView;
  lang: Lang;
  onSent: () => void;
  onError: (err: unknown) => void;
}) {
  const canRespond = c.allowedActions.includes('respond');
  return (
    <>
      <p className="case-status">
        <strong>{t(lang, `status.${c.status}`)}</strong> ·{' '}
        {t(lang, `seller.verified.${c.verification.state}`)}
      </p>
      {canRespond && c.dueAt && <Countdown lang={lang} dueAt={c.dueAt} />}
      <dl className="facts">
        <dt>{w(lang, 'shop')}</dt>
        <dd>{c.seller}</dd>
        <dt>{w(lang, 'category')}</dt>
        <dd>{w(lang, `category.${c.category}`)}</dd>
        <dt>{w(lang, 'desired')}</dt>
        <dd>{w(lang, `desired.${c.desiredOutcome}`)}</dd>
        <dt>{w(lang, 'filed')}</dt>
        <dd>{dateTime(c.submittedAt, lang)}</dd>
        {c.order && (
          <>
            <dt>{w(lang, 'order')}</dt>
            <dd>{c.order.orderCode}</dd>
            <dt>{w(lang, 'orderDate')}</dt>
            <dd>{formatDate(c.order.orderDate, lang)}</dd>
            <dt>{w(lang, 'total')}</dt>
            <dd>{formatVnd(c.order.total, lang)}</dd>
          </>
        )}
      </dl>

      <h2>{w(lang, 'description')}</h2>
      {c.content ? (
        <>
          <p className="message">{c.content.description}</p>
          {c.content.items.length > 0 && (
            <>
              <h3>{w(lang, 'items')}</h3>
              <ul>
                {c.content.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the items have no id and never move
                  <li key={i}>
                    {item.title}
                    {item.variant ? ` (${item.variant})` : ''} × {item.quantity}
                    {item.unitPrice !== null ? ` · ${formatVnd(item.unitPrice, lang)}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
          {c.content.contact && (
            <>
              <h3>{w(lang, 'contact')}</h3>
              <p>
                {[c.content.contact.name, c.content.contact.email, c.content.contact.phone]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </>
          )}
        </>
      ) : (
        <p className="muted">{t(lang, 'seller.noContent')}</p>
      )}

      <h2>{w(lang, 'evidence')}</h2>
      {c.evidence.length === 0 ? (
        <p className="muted">{w(lang, 'noEvidence')}</p>
      ) : (
        <ul className="evidence">
          {c.evidence.map((e, i) => (
            <Evidence key={e.id} code={c.trackingCode} e={e} n={i + 1} lang={lang} />
          ))}
        </ul>
      )}

      {c.response && (
        <>
          <h2>{t(lang, 'seller.answered')}</h2>
          <p>
            <strong>{t(lang, `kind.${c.response.kind}`)}</strong> — {c.response.message}
          </p>
          {c.late && <p className="error">{w(lang, 'late')}</p>}
        </>
      )}
      {c.finding && (
        <>
          <h2>{w(lang, 'finding')}</h2>
          <p>{c.finding}</p>
        </>
      )}
      {canRespond && <RespondForm c={c} lang={lang} onSent={onSent} onError={onError} />}

      <h2>{w(lang, 'timeline')}</h2>
      <ol className="timeline">
        {c.timeline.map((ev) => (
          <TimelineEntry key={`${ev.at}-${ev.action}-${ev.to}`} ev={ev} lang={lang} />
        ))}
      </ol>
    </>
  );
}

/** The time left to answer, refreshed every 30 seconds. */
function Countdown({ lang, dueAt }: { lang: Lang; dueAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(dueAt) - now;
  return (
    <p className={left < 0 ? 'error' : ''} data-deadline={left < 0 ? 'overdue' : 'open'}>
      {t(lang, left < 0 ? 'seller.overdue' : 'seller.due', { left: duration(lang, left) })} (
      {dateTime(dueAt, lang)})
    </p>
  );
}

/**
 * An image is fetched with the key and shown from a data: URL: an <img> never runs anything, and
 * the file's own address (which needs the key) is never put in the page. Other types (PDF, page
 * captures) are listed, not rendered.
 */
function Evidence({ code, e, n, lang }: { code: string; e: EvidenceView; n: number; lang: Lang }) {
  const image = IMAGE_TYPES.has(e.contentType);
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!image) return;
    let live = true;
    api.evidenceDataUrl(code, e.id).then(
      (url) => {
        // Only ever the image type the registry recognised from the bytes, as a data: image.
        if (!live) return;
        if (url.startsWith(`data:${e.contentType};`)) setSrc(url);
        else setFailed(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [code, e.id, e.contentType, image]);
  const name = e.name ?? e.contentType;
  const captured = w(lang, 'captured', { at: dateTime(e.capturedAt, lang) });
  if (!image) {
    return (
      <li>
        {w(lang, 'evidenceFile', { n, name, type: e.contentType, size: size(e.size) })} {captured}
      </li>
    );
  }
  return (
    <li>
      <figure>
        {src ? (
          <img src={src} alt={w(lang, 'evidenceAlt', { n, name })} />
        ) : failed ? (
          <p className="error">{w(lang, 'evidenceError', { n })}</p>
        ) : (
          <p>{t(lang, 'loading')}</p>
        )}
        <figcaption>
          {w(lang, 'evidenceAlt', { n, name })} · {captured}
        </figcaption>
      </figure>
    </li>
  );
}

function TimelineEntry({ ev, lang }: { ev: CaseEvent; lang: Lang }) {
  return (
    <li>
      <time dateTime={ev.at}>{dateTime(ev.at, lang)}</time> — {w(lang, `actor.${ev.actor}`)}{' '}
      {w(lang, `action.${ev.action}`)}
      {ev.note ? `: ${ev.note}` : ''}
    </li>
  );
}

function RespondForm({
  c,
  lang,
  onSent,
  onError,
}: {
  c: ComplaintView;
  lang: Lang;
  onSent: () => void;
  onError: (err: unknown) => void;
}) {
  const id = useId();
  const [sending, setSending] = useState(false);
  const send = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSending(true);
    try {
      await api.respond(c.trackingCode, String(form.get('kind')), String(form.get('message') ?? ''));
      onSent();
    } catch (err) {
      onError(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="card" onSubmit={send} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{w(lang, 'respond')}</h2>
      <label htmlFor={`${id}-kind`}>{t(lang, 'seller.kind')}</label>
      <select id={`${id}-kind`} name="kind">
        {RESPONSE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(lang, `kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-message`}>{t(lang, 'seller.message')}</label>
      <textarea id={`${id}-message`} name="message" required maxLength={5000} rows={4} />
      <button type="submit" disabled={sending}>
        {t(lang, 'seller.send')}
      </button>
    </form>
  );
}
