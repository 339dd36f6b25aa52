/**
 * A complaint's page for a moderator at `#/complaint/{code}`: the shopper's description, order and
 * evidence (inert), its verification and timeline; the moderator records whether the order exists
 * and resolves or closes an escalated complaint with an outcome and a finding (required). Without
 * a code, a form to open one by its tracking code.
 */
import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import type { ComplaintView, Outcome } from '../../../../lib/registry/cases';
import { api } from '../api';
import { catalog, formatDate, formatVnd, type Lang, t } from '../i18n';
import { href, navigate } from '../router';
import { errorText, type Status, StatusLine, useLoad } from '../ui';
import { EvidenceList } from './Evidence';

const w = catalog(
  {
    lookupHeading: 'Tra cứu khiếu nại',
    lookupCode: 'Mã hồ sơ (AT-…)',
    open: 'Mở hồ sơ',
    heading: 'Khiếu nại {code}',
    status: 'Trạng thái',
    shop: 'Gian hàng',
    category: 'Vấn đề',
    desired: 'Người mua mong muốn',
    order: 'Đơn hàng',
    items: 'Sản phẩm',
    description: 'Mô tả của người mua',
    contact: 'Liên hệ của người mua',
    noContent: 'Không có nội dung (người mua đã xóa dữ liệu cá nhân).',
    response: 'Trả lời của cửa hàng',
    finding: 'Kết luận của kiểm duyệt viên',
    verification: 'Xác minh đơn hàng',
    'verification.unverified': 'Chưa xác minh',
    'verification.order_verified': 'Đơn hàng có thật',
    'verification.order_not_found': 'Không tìm thấy đơn',
    verifyHelp: 'Đối chiếu bằng chứng với đơn hàng rồi ghi nhận:',
    verified: 'Đơn hàng có thật',
    notFound: 'Không tìm thấy đơn',
    verifiedDone: 'Đã ghi nhận xác minh cho {code}.',
    decide: 'Kết luận hồ sơ',
    outcome: 'Kết quả nghiêng về',
    'outcome.shopper': 'Người mua (được giải quyết)',
    'outcome.seller': 'Cửa hàng',
    findingLabel: 'Kết luận (bắt buộc)',
    resolve: 'Giải quyết hồ sơ',
    close: 'Đóng hồ sơ',
    needFinding: 'Hãy ghi kết luận.',
    'done.resolve': 'Đã giải quyết {code}.',
    'done.close': 'Đã đóng {code}.',
    timeline: 'Diễn biến',
  },
  {
    lookupHeading: 'Find a complaint',
    lookupCode: 'Tracking code (AT-…)',
    open: 'Open',
    heading: 'Complaint {code}',
    status: 'Status',
    shop: 'Shop',
    category: 'Problem',
    desired: 'The shopper asks for',
    order: 'Order',
    items: 'Items',
    description: "The shopper's description",
    contact: "The shopper's contact",
    noContent: 'No content (the shopper deleted their personal data).',
    response: "The shop's answer",
    finding: "The moderator's finding",
    verification: 'Order verification',
    'verification.unverified': 'Not verified',
    'verification.order_verified': 'Order exists',
    'verification.order_not_found': 'Order not found',
    verifyHelp: 'Check the evidence against the order, then record:',
    verified: 'Order exists',
    notFound: 'Order not found',
    verifiedDone: 'Verification recorded for {code}.',
    decide: 'Decide the complaint',
    outcome: 'In favour of',
    'outcome.shopper': 'The shopper (relief granted)',
    'outcome.seller': 'The shop',
    findingLabel: 'Finding (required)',
    resolve: 'Resolve',
    close: 'Close',
    needFinding: 'Write the finding.',
    'done.resolve': '{code} resolved.',
    'done.close': '{code} closed.',
    timeline: 'Timeline',
  },
);

export function Complaint({ lang, params }: { lang: Lang; params: string[] }) {
  const code = params[0];
  return code ? <ComplaintPage key={code} lang={lang} code={code} /> : <Lookup lang={lang} />;
}

function Lookup({ lang }: { lang: Lang }) {
  const headingId = useId();
  const fieldId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'lookupHeading')}</h1>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
          if (code) navigate('complaint', code.toUpperCase());
        }}
      >
        <label htmlFor={fieldId}>{w(lang, 'lookupCode')}</label>
        <input id={fieldId} name="code" required autoComplete="off" />
        <button type="submit">{w(lang, 'open')}</button>
      </form>
    </section>
  );
}

function statusWord(lang: Lang, status: ComplaintView['status']): string {
  return t(lang, `status.${status}`);
}

function ComplaintPage({ lang, code }: { lang: Lang; code: string }) {
  const load = useCallback(() => api.complaint(code), [code]);
  const { data: complaint, error, reload } = useLoad(load);
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();
  const done = (text: string) => {
    setStatus({ kind: 'ok', text });
    reload();
  };
  const failed = (err: unknown) => setStatus({ kind: 'error', text: errorText(lang, err) });
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'heading', { code })}</h1>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : !complaint ? (
        <p>…</p>
      ) : (
        <>
          <Facts lang={lang} c={complaint} />
          <EvidenceList
            lang={lang}
            caseKind="complaints"
            code={complaint.trackingCode}
            evidence={complaint.evidence}
          />
          {complaint.verification.state === 'unverified' && complaint.status !== 'withdrawn' && (
            <Verify lang={lang} c={complaint} onDone={done} onError={failed} />
          )}
          {(complaint.allowedActions.includes('resolve') || complaint.allowedActions.includes('close')) && (
            <Decide lang={lang} c={complaint} onDone={done} onError={failed} />
          )}
          <section className="card">
            <h2>{w(lang, 'timeline')}</h2>
            <ol className="timeline">
              {complaint.timeline.map((e) => (
                <li key={`${e.at}-${e.action}`}>
                  {formatDate(e.at, lang)} — {e.actor}: {e.action} → {statusWord(lang, e.to)}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}

function Facts({ lang, c }: { lang: Lang; c: ComplaintView }) {
  const contact = c.content?.contact;
  return (
    <dl className="card facts">
      <dt>{w(lang, 'status')}</dt>
      <dd data-status={c.status}>{statusWord(lang, c.status)}</dd>
      <dt>{w(lang, 'shop')}</dt>
      <dd>{c.seller}</dd>
      <dt>{w(lang, 'verification')}</dt>
      <dd>{w(lang, `verification.${c.verification.state}`)}</dd>
      <dt>{w(lang, 'category')}</dt>
      <dd>{c.category}</dd>
      <dt>{w(lang, 'desired')}</dt>
      <dd>{c.desiredOutcome}</dd>
      <dt>{w(lang, 'order')}</dt>
      <dd>
        {c.order
          ? `${c.order.orderCode} — ${formatDate(c.order.orderDate, lang)} — ${formatVnd(c.order.total, lang)}`
          : '—'}
      </dd>
      {c.content ? (
        <>
          {c.content.items.length > 0 && (
            <>
              <dt>{w(lang, 'items')}</dt>
              <dd>
                <ul>
                  {c.content.items.map((item) => (
                    <li key={`${item.title}-${item.variant ?? ''}`}>
                      {item.quantity} × {item.title}
                      {item.variant ? ` (${item.variant})` : ''}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{w(lang, 'description')}</dt>
          <dd className="prose">{c.content.description}</dd>
          {contact && (contact.name || contact.email || contact.phone) && (
            <>
              <dt>{w(lang, 'contact')}</dt>
              <dd>{[contact.name, contact.email, contact.phone].filter(Boolean).join(' · ')}</dd>
            </>
          )}
        </>
      ) : (
        <>
          <dt>{w(lang, 'description')}</dt>
          <dd>{w(lang, 'noContent')}</dd>
        </>
      )}
      {c.response && (
        <>
          <dt>{w(lang, 'response')}</dt>
          <dd className="prose">
            {t(lang, `kind.${c.response.kind}`)}: {c.response.message}
          </dd>
        </>
      )}
      {c.finding && (
        <>
          <dt>{w(lang, 'finding')}</dt>
          <dd className="prose">{c.finding}</dd>
        </>
      )}
    </dl>
  );
}

interface ActProps {
  lang: Lang;
  c: ComplaintView;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}

function Verify({ lang, c, onDone, onError }: ActProps) {
  const [busy, setBusy] = useState(false);
  const verify = async (state: 'order_verified' | 'order_not_found') => {
    setBusy(true);
    try {
      await api.verify(c.trackingCode, state);
      onDone(w(lang, 'verifiedDone', { code: c.trackingCode }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>{w(lang, 'verification')}</h2>
      <p>{w(lang, 'verifyHelp')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void verify('order_verified')}>
          {w(lang, 'verified')}
        </button>
        <button type="button" disabled={busy} onClick={() => void verify('order_not_found')}>
          {w(lang, 'notFound')}
        </button>
      </div>
    </section>
  );
}

function Decide({ lang, c, onDone, onError }: ActProps) {
  const findingId = useId();
  const errorId = useId();
  const findingRef = useRef<HTMLTextAreaElement>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const canResolve = c.allowedActions.includes('resolve');
  const canClose = c.allowedActions.includes('close');

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const type = submitter?.value === 'close' ? 'close' : 'resolve';
    const form = new FormData(e.currentTarget);
    const finding = String(form.get('finding') ?? '').trim();
    const outcome: Outcome = form.get('outcome') === 'seller' ? 'seller' : 'shopper';
    if (!finding) {
      setMissing(true);
      findingRef.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await api.actOnComplaint(c.trackingCode, { type, outcome, finding });
      onDone(w(lang, `done.${type}`, { code: c.trackingCode }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card judge" onSubmit={(e) => void submit(e)} noValidate aria-label={w(lang, 'decide')}>
      <h2>{w(lang, 'decide')}</h2>
      <fieldset>
        <legend>{w(lang, 'outcome')}</legend>
        {(['shopper', 'seller'] as const).map((o) => (
          <label key={o} className="choice">
            <input type="radio" name="outcome" value={o} defaultChecked={o === 'shopper'} />{' '}
            {w(lang, `outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={findingId}>{w(lang, 'findingLabel')}</label>
      <textarea
        id={findingId}
        ref={findingRef}
        name="finding"
        rows={3}
        required
        aria-invalid={missing || undefined}
        aria-describedby={missing ? errorId : undefined}
      />
      {missing && (
        <p id={errorId} className="error" role="alert">
          {w(lang, 'needFinding')}
        </p>
      )}
      <div className="actions">
        {canResolve && (
          <button type="submit" value="resolve" disabled={busy}>
            {w(lang, 'resolve')}
          </button>
        )}
        {canClose && (
          <button type="submit" value="close" disabled={busy}>
            {w(lang, 'close')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A link to a complaint's page, for the lists. */
export function complaintHref(code: string): string {
  return href('complaint', code);
}
