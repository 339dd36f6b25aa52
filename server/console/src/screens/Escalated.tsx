/**
 * Escalated complaints for a moderator (the shopper disputed the shop's answer), oldest first,
 * each opening its page (`#/complaint/{code}`) where it is resolved or closed with a finding.
 */
import { useCallback, useId } from 'react';
import { api } from '../api';
import { catalog, formatDate, type Lang, t } from '../i18n';
import { errorText, useLoad } from '../ui';
import { complaintHref } from './Complaint';

const w = catalog(
  {
    heading: 'Khiếu nại cần hòa giải',
    help: 'Người mua không đồng ý với trả lời của cửa hàng. Mở từng hồ sơ, xem bằng chứng rồi giải quyết hoặc đóng với kết luận.',
    empty: 'Không có khiếu nại nào cần hòa giải.',
    code: 'Mã hồ sơ',
    shop: 'Gian hàng',
    response: 'Trả lời của cửa hàng',
    filed: 'Ngày gửi',
  },
  {
    heading: 'Complaints in mediation',
    help: "The shopper disputed the shop's answer. Open each case, look at the evidence, then resolve or close it with a finding.",
    empty: 'No complaint awaits mediation.',
    code: 'Case',
    shop: 'Shop',
    response: "The shop's answer",
    filed: 'Filed',
  },
);

export function Escalated({ lang }: { lang: Lang }) {
  const load = useCallback(() => api.complaintsByStatus('escalated'), []);
  const { data, error } = useLoad(load);
  const items = data?.complaints ?? null;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'heading')}</h1>
      <p className="muted">{w(lang, 'help')}</p>
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
              <th scope="col">{w(lang, 'code')}</th>
              <th scope="col">{w(lang, 'shop')}</th>
              <th scope="col">{w(lang, 'response')}</th>
              <th scope="col">{w(lang, 'filed')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.trackingCode} data-case={c.trackingCode}>
                <th scope="row">
                  <a href={complaintHref(c.trackingCode)}>{c.trackingCode}</a>
                </th>
                <td>{c.seller}</td>
                <td>{c.response ? t(lang, `kind.${c.response.kind}`) : '—'}</td>
                <td>{formatDate(c.submittedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
