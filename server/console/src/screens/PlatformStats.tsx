/**
 * A marketplace's statistics (`#/stats`): its figures from the open statistics (GET /v1/stats,
 * the same numbers as the public /stats page), its sellers by level as native <meter> bars (no
 * chart library, nothing the CSP must allow), the other marketplaces beside it for comparison,
 * and the counts of its own verification queue, read with its key.
 */
import { useCallback, useId } from 'react';
import type { Level } from '../../../../lib/registry/schemas';
import type { Platform } from '../../../../lib/registry/seller-key';
import type { PlatformStatsView } from '../../../../lib/registry/stats';
import { api, type WhoAmI } from '../api';
import { catalog, type Lang, t } from '../i18n';
import { href } from '../router';
import { errorText, useLoad } from '../ui';

const w = catalog(
  {
    heading: 'Thống kê của sàn {platform}',
    help: 'Số liệu 12 tháng gần nhất, cùng định nghĩa với trang thống kê công khai. Chỉ khiếu nại đã xác minh được tính.',
    updated: 'Cập nhật lúc {at}',
    figures: 'Số liệu chính',
    figure: 'Chỉ số',
    value: 'Giá trị',
    sellers: 'Gian hàng có hồ sơ',
    complaints: 'Khiếu nại đã xác minh',
    unanswered: 'Khiếu nại chưa được trả lời',
    onTime: 'Tỉ lệ trả lời đúng hạn',
    median: 'Số ngày trung vị đến khi giải quyết',
    unverified: 'Khiếu nại chưa xác minh',
    counterfeits: 'Hàng giả đã xác nhận',
    sanctions: 'Xử phạt',
    days: '{n} ngày',
    none: '—',
    levels: 'Gian hàng theo mức tín nhiệm',
    level: 'Mức',
    count: 'Số gian hàng',
    share: 'Tỉ lệ',
    'level.trusted': 'Đáng tin cậy',
    'level.ok': 'Bình thường',
    'level.caution': 'Cần thận trọng',
    'level.danger': 'Rủi ro cao',
    'level.unknown': 'Chưa đủ dữ liệu',
    queue: 'Hàng đợi xác minh đơn hàng',
    'queue.unverified': 'Chờ xác minh',
    'queue.order_verified': 'Đơn hàng có thật',
    'queue.order_not_found': 'Không tìm thấy đơn',
    queueLink: 'Mở hàng đợi xác minh',
    compare: 'So sánh các sàn',
    marketplace: 'Sàn',
    noData: 'Chưa có số liệu cho sàn này.',
    atLeast: '{n}+',
  },
  {
    heading: 'Statistics of {platform}',
    help: 'Figures over the last 12 months, with the same definitions as the public statistics page. Only verified complaints count.',
    updated: 'Updated {at}',
    figures: 'Key figures',
    figure: 'Figure',
    value: 'Value',
    sellers: 'Shops with a record',
    complaints: 'Verified complaints',
    unanswered: 'Complaints left unanswered',
    onTime: 'Share answered on time',
    median: 'Median days to resolution',
    unverified: 'Unverified complaints',
    counterfeits: 'Confirmed counterfeits',
    sanctions: 'Sanctions',
    days: '{n} days',
    none: '—',
    levels: 'Shops by trust level',
    level: 'Level',
    count: 'Shops',
    share: 'Share',
    'level.trusted': 'Trusted',
    'level.ok': 'Ordinary',
    'level.caution': 'Caution',
    'level.danger': 'High risk',
    'level.unknown': 'Not enough data',
    queue: 'Order verification queue',
    'queue.unverified': 'Awaiting verification',
    'queue.order_verified': 'Order exists',
    'queue.order_not_found': 'Order not found',
    queueLink: 'Open the verification queue',
    compare: 'All marketplaces',
    marketplace: 'Marketplace',
    noData: 'No figures for this marketplace yet.',
    atLeast: '{n}+',
  },
);

const LEVELS: readonly Level[] = ['trusted', 'ok', 'caution', 'danger', 'unknown'];
const QUEUE_STATES = ['unverified', 'order_verified', 'order_not_found'] as const;

function percent(share: number | null, lang: Lang): string {
  if (share === null) return w(lang, 'none');
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

function number(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(n);
}

export function PlatformStats({ lang, me }: { lang: Lang; me: WhoAmI }) {
  const { data, error } = useLoad(api.stats);
  const loadQueue = useCallback(
    () =>
      Promise.all(QUEUE_STATES.map(async (state) => ({ state, ...(await api.verificationCount(state)) }))),
    [],
  );
  const queue = useLoad(loadQueue);
  const id = useId();
  const platform = me.platform;
  const mine = data?.platforms.find((p) => p.platform === platform) ?? null;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{w(lang, 'heading', { platform: platform ?? '' })}</h1>
      <p className="muted">{w(lang, 'help')}</p>
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : data === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <>
          <p className="muted">
            {w(lang, 'updated', {
              at: new Date(data.generatedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
                timeZone: 'Asia/Ho_Chi_Minh',
              }),
            })}
          </p>
          {mine ? <Figures lang={lang} s={mine} /> : <p>{w(lang, 'noData')}</p>}
        </>
      )}

      <h2 id={`${id}-q`}>{w(lang, 'queue')}</h2>
      {queue.error ? (
        <p className="error">{errorText(lang, queue.error)}</p>
      ) : queue.data === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <table aria-labelledby={`${id}-q`} data-queue>
          <tbody>
            {queue.data.map((q) => (
              <tr key={q.state} data-state={q.state}>
                <th scope="row">{w(lang, `queue.${q.state}`)}</th>
                <td>{q.more ? w(lang, 'atLeast', { n: q.count }) : q.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={href('verification')}>{w(lang, 'queueLink')}</a>
      </p>

      {data && data.platforms.length > 0 && <Compare lang={lang} rows={data.platforms} mine={platform} />}
    </section>
  );
}

function Figures({ lang, s }: { lang: Lang; s: PlatformStatsView }) {
  const id = useId();
  const rows: [string, string][] = [
    [w(lang, 'sellers'), number(s.sellers, lang)],
    [w(lang, 'complaints'), number(s.complaints12m, lang)],
    [w(lang, 'unanswered'), number(s.unanswered12m, lang)],
    [w(lang, 'onTime'), percent(s.answeredOnTimeShare12m, lang)],
    [
      w(lang, 'median'),
      s.medianDaysToResolution12m === null
        ? w(lang, 'none')
        : w(lang, 'days', { n: number(s.medianDaysToResolution12m, lang) }),
    ],
    [w(lang, 'unverified'), number(s.unverifiedComplaints12m, lang)],
    [w(lang, 'counterfeits'), number(s.counterfeitConfirmed12m, lang)],
    [w(lang, 'sanctions'), number(s.sanctions, lang)],
  ];
  const total = LEVELS.reduce((sum, l) => sum + (s.levels[l] ?? 0), 0);
  return (
    <>
      <h2 id={`${id}-f`}>{w(lang, 'figures')}</h2>
      <table aria-labelledby={`${id}-f`} data-figures>
        <thead>
          <tr>
            <th scope="col">{w(lang, 'figure')}</th>
            <th scope="col">{w(lang, 'value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id={`${id}-l`}>{w(lang, 'levels')}</h2>
      <table aria-labelledby={`${id}-l`} className="bars" data-levels>
        <thead>
          <tr>
            <th scope="col">{w(lang, 'level')}</th>
            <th scope="col">{w(lang, 'count')}</th>
            <th scope="col">{w(lang, 'share')}</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((l) => {
            const n = s.levels[l] ?? 0;
            return (
              <tr key={l} data-level={l}>
                <th scope="row" id={`${id}-${l}`}>
                  {w(lang, `level.${l}`)}
                </th>
                <td>{number(n, lang)}</td>
                <td>
                  <meter min={0} max={Math.max(total, 1)} value={n} aria-labelledby={`${id}-${l}`} />{' '}
                  {percent(total === 0 ? null : n / total, lang)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Compare({ lang, rows, mine }: { lang: Lang; rows: PlatformStatsView[]; mine: Platform | null }) {
  const id = useId();
  return (
    <>
      <h2 id={`${id}-c`}>{w(lang, 'compare')}</h2>
      <table aria-labelledby={`${id}-c`} data-compare>
        <thead>
          <tr>
            <th scope="col">{w(lang, 'marketplace')}</th>
            <th scope="col">{w(lang, 'complaints')}</th>
            <th scope="col">{w(lang, 'onTime')}</th>
            <th scope="col">{w(lang, 'median')}</th>
            <th scope="col">{w(lang, 'counterfeits')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.platform} aria-current={r.platform === mine ? 'true' : undefined}>
              <th scope="row">{r.platform}</th>
              <td>{number(r.complaints12m, lang)}</td>
              <td>{percent(r.answeredOnTimeShare12m, lang)}</td>
              <td>
                {r.medianDaysToResolution12m === null
                  ? w(lang, 'none')
                  : number(r.medianDaysToResolution12m, lang)}
              </td>
              <td>{number(r.counterfeitConfirmed12m, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
