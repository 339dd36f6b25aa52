/**
 * The moderator's counterfeit reports: the queue (by status, oldest first) at `#/reports`, and a
 * report's page at `#/reports/{code}` with its listing, the reporter's reason, its evidence (inert)
 * and its timeline, where the moderator confirms or dismisses it with a reason (required). A
 * confirmed counterfeit is a fact on the shop's public record.
 */
import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import type { ReportStatus, ReportView } from '../../../../lib/registry/cases';
import { safeHttpUrl } from '../../../../lib/safe-url';
import { api } from '../api';
import { catalog, formatDate, formatVnd, type Lang } from '../i18n';
import { href } from '../router';
import { errorText, type Status, StatusLine, useLoad } from '../ui';
import { EvidenceList } from './Evidence';

const STATUSES = [
  'received',
  'under_review',
  'confirmed',
  'dismissed',
] as const satisfies readonly ReportStatus[];

const w = catalog(
  {
    heading: 'Báo cáo hàng giả',
    help: 'Xem bằng chứng rồi xác nhận hoặc bác bỏ từng báo cáo. Hàng giả đã xác nhận hiện trên hồ sơ công khai của gian hàng.',
    filter: 'Trạng thái',
    all: 'Tất cả',
    empty: 'Không có báo cáo nào.',
    colCode: 'Mã báo cáo',
    colShop: 'Gian hàng',
    colListing: 'Sản phẩm',
    colReceived: 'Ngày nhận',
    colStatus: 'Trạng thái',
    'status.received': 'Mới nhận',
    'status.under_review': 'Đang xem xét',
    'status.confirmed': 'Đã xác nhận hàng giả',
    'status.dismissed': 'Đã bác bỏ',
    pageHeading: 'Báo cáo {code}',
    back: 'Quay lại danh sách báo cáo',
    shop: 'Gian hàng',
    listing: 'Sản phẩm bị báo cáo',
    price: 'Giá',
    reason: 'Lý do của người báo cáo',
    orderVerified: 'Đơn hàng của người báo cáo',
    'orderVerified.yes': 'Đã xác minh (khớp một khiếu nại đã xác minh)',
    'orderVerified.no': 'Chưa xác minh',
    received: 'Ngày nhận',
    decided: 'Ngày quyết định',
    moderatorReason: 'Lý do của kiểm duyệt viên',
    deleted: 'Người báo cáo đã xóa dữ liệu cá nhân (lý do, bằng chứng).',
    timeline: 'Diễn biến',
    judge: 'Quyết định',
    judgeReason: 'Lý do quyết định (bắt buộc)',
    confirm: 'Xác nhận hàng giả',
    dismiss: 'Bác bỏ báo cáo',
    startReview: 'Bắt đầu xem xét',
    needReason: 'Hãy ghi lý do quyết định.',
    'done.confirm': 'Đã xác nhận hàng giả: {code}.',
    'done.dismiss': 'Đã bác bỏ báo cáo {code}.',
    'done.start_review': 'Đã bắt đầu xem xét {code}.',
    final: 'Báo cáo đã có quyết định; không thể thay đổi.',
  },
  {
    heading: 'Counterfeit reports',
    help: "Look at the evidence, then confirm or dismiss each report. A confirmed counterfeit shows on the shop's public record.",
    filter: 'Status',
    all: 'All',
    empty: 'No report.',
    colCode: 'Report',
    colShop: 'Shop',
    colListing: 'Listing',
    colReceived: 'Received',
    colStatus: 'Status',
    'status.received': 'New',
    'status.under_review': 'Under review',
    'status.confirmed': 'Counterfeit confirmed',
    'status.dismissed': 'Dismissed',
    pageHeading: 'Report {code}',
    back: 'Back to the reports',
    shop: 'Shop',
    listing: 'Listing reported',
    price: 'Price',
    reason: "The reporter's reason",
    orderVerified: "The reporter's order",
    'orderVerified.yes': 'Verified (matches a verified complaint)',
    'orderVerified.no': 'Not verified',
    received: 'Received',
    decided: 'Decided',
    moderatorReason: "The moderator's reason",
    deleted: 'The reporter deleted their personal data (reason, evidence).',
    timeline: 'Timeline',
    judge: 'Decision',
    judgeReason: 'Reason for the decision (required)',
    confirm: 'Confirm counterfeit',
    dismiss: 'Dismiss the report',
    startReview: 'Start the review',
    needReason: 'Write the reason for the decision.',
    'done.confirm': 'Counterfeit confirmed: {code}.',
    'done.dismiss': 'Report {code} dismissed.',
    'done.start_review': 'Review of {code} started.',
    final: 'This report is decided; it cannot change.',
  },
);

function statusWord(lang: Lang, status: ReportStatus): string {
  return w(lang, `status.${status}`);
}

export function Reports({ lang, params }: { lang: Lang; params: string[] }) {
  const code = params[0];
  return code ? <ReportPage lang={lang} code={code} /> : <ReportQueue lang={lang} />;
}

function ReportQueue({ lang }: { lang: Lang }) {
  const [filter, setFilter] = useState<ReportStatus | ''>('received');
  const load = useCallback(() => api.reportQueue(filter || undefined), [filter]);
  const { data, error } = useLoad(load);
  const headingId = useId();
  const filterId = useId();
  const items = data?.reports ?? null;
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'heading')}</h1>
      <p className="muted">{w(lang, 'help')}</p>
      <p>
        <label htmlFor={filterId}>{w(lang, 'filter')}</label>{' '}
        <select id={filterId} value={filter} onChange={(e) => setFilter(e.target.value as ReportStatus | '')}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusWord(lang, s)}
            </option>
          ))}
          <option value="">{w(lang, 'all')}</option>
        </select>
      </p>
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : items === null ? (
        <p>…</p>
      ) : items.length === 0 ? (
        <p>{w(lang, 'empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{w(lang, 'colCode')}</th>
              <th scope="col">{w(lang, 'colShop')}</th>
              <th scope="col">{w(lang, 'colListing')}</th>
              <th scope="col">{w(lang, 'colReceived')}</th>
              <th scope="col">{w(lang, 'colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.trackingCode} data-report={r.trackingCode}>
                <th scope="row">
                  <a href={href('reports', r.trackingCode)}>{r.trackingCode}</a>
                </th>
                <td>{r.seller}</td>
                <td>{r.listing.title}</td>
                <td>{formatDate(r.receivedAt, lang)}</td>
                <td>{statusWord(lang, r.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReportPage({ lang, code }: { lang: Lang; code: string }) {
  const load = useCallback(() => api.report(code), [code]);
  const { data: report, error, reload } = useLoad(load);
  const [status, setStatus] = useState<Status>(null);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'pageHeading', { code })}</h1>
      <p>
        <a href={href('reports')}>{w(lang, 'back')}</a>
      </p>
      <StatusLine status={status} />
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : !report ? (
        <p>…</p>
      ) : (
        <>
          <ReportFacts lang={lang} report={report} />
          <EvidenceList
            lang={lang}
            caseKind="reports"
            code={report.trackingCode}
            evidence={report.evidence}
          />
          <Judgement
            lang={lang}
            report={report}
            onDone={(text) => {
              setStatus({ kind: 'ok', text });
              reload();
            }}
            onError={(err) => setStatus({ kind: 'error', text: errorText(lang, err) })}
          />
          <section className="card">
            <h2>{w(lang, 'timeline')}</h2>
            <ol className="timeline">
              {report.timeline.map((e) => (
                <li key={`${e.at}-${e.action}`}>
                  {formatDate(e.at, lang)} — {e.actor}: {statusWord(lang, e.from)} → {statusWord(lang, e.to)}
                  {e.note ? ` (${e.note})` : ''}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}

function ReportFacts({ lang, report }: { lang: Lang; report: ReportView }) {
  const url = safeHttpUrl(report.listing.url);
  return (
    <dl className="card facts">
      <dt>{w(lang, 'colStatus')}</dt>
      <dd data-status={report.status}>{statusWord(lang, report.status)}</dd>
      <dt>{w(lang, 'shop')}</dt>
      <dd>{report.seller}</dd>
      <dt>{w(lang, 'listing')}</dt>
      <dd>
        {report.listing.title}
        <br />
        {url ? (
          <a href={url} rel="noreferrer noopener" target="_blank">
            {url}
          </a>
        ) : (
          report.listing.url
        )}
      </dd>
      <dt>{w(lang, 'price')}</dt>
      <dd>{formatVnd(report.listing.price, lang)}</dd>
      <dt>{w(lang, 'reason')}</dt>
      <dd className="prose">{report.personalDataDeleted ? w(lang, 'deleted') : report.reason}</dd>
      <dt>{w(lang, 'orderVerified')}</dt>
      <dd>{w(lang, report.orderVerified ? 'orderVerified.yes' : 'orderVerified.no')}</dd>
      <dt>{w(lang, 'received')}</dt>
      <dd>{formatDate(report.receivedAt, lang)}</dd>
      {report.decidedAt && (
        <>
          <dt>{w(lang, 'decided')}</dt>
          <dd>{formatDate(report.decidedAt, lang)}</dd>
          <dt>{w(lang, 'moderatorReason')}</dt>
          <dd className="prose">{report.moderatorReason}</dd>
        </>
      )}
    </dl>
  );
}

function Judgement({
  lang,
  report,
  onDone,
  onError,
}: {
  lang: Lang;
  report: ReportView;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}) {
  const reasonId = useId();
  const errorId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const allowed = report.allowedActions;
  if (!allowed.includes('confirm') && !allowed.includes('dismiss')) {
    return <p className="card">{w(lang, 'final')}</p>;
  }

  const act = async (type: 'confirm' | 'dismiss' | 'start_review', reason: string) => {
    setBusy(true);
    try {
      await api.judgeReport(report.trackingCode, type === 'start_review' ? { type } : { type, reason });
      onDone(w(lang, `done.${type}`, { code: report.trackingCode }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const type = submitter?.value === 'dismiss' ? 'dismiss' : 'confirm';
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (!reason) {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setMissing(false);
    void act(type, reason);
  };

  return (
    <form className="card judge" onSubmit={submit} noValidate aria-label={w(lang, 'judge')}>
      <h2>{w(lang, 'judge')}</h2>
      {allowed.includes('start_review') && (
        <p>
          <button type="button" disabled={busy} onClick={() => void act('start_review', '')}>
            {w(lang, 'startReview')}
          </button>
        </p>
      )}
      <label htmlFor={reasonId}>{w(lang, 'judgeReason')}</label>
      <textarea
        id={reasonId}
        ref={reasonRef}
        name="reason"
        rows={3}
        required
        aria-invalid={missing || undefined}
        aria-describedby={missing ? errorId : undefined}
      />
      {missing && (
        <p id={errorId} className="error" role="alert">
          {w(lang, 'needReason')}
        </p>
      )}
      <div className="actions">
        <button type="submit" name="type" value="confirm" disabled={busy}>
          {w(lang, 'confirm')}
        </button>
        <button type="submit" name="type" value="dismiss" disabled={busy}>
          {w(lang, 'dismiss')}
        </button>
      </div>
    </form>
  );
}
