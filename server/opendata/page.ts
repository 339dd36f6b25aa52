/**
 * The /stats page: the statistics per marketplace, server-rendered from plain template strings.
 * Every value goes through `escapeHtml`; the page loads nothing from anywhere (inline SVG bar
 * charts, one inline style block allowed by its hash in the Content-Security-Policy, no script).
 * Each chart has a text label per bar and the same numbers are in a table below it, for screen
 * readers and text browsers. Vietnamese by default, English with ?lang=en.
 */
import { createHash } from 'node:crypto';
import type { Level } from '../../lib/registry/schemas';
import type { MarketplaceStats, PlatformStats } from './stats';
import { LEVELS } from './stats';

export type PageLang = 'vi' | 'en';

const TEXT = {
  vi: {
    title: 'Thống kê theo sàn',
    intro: 'Số liệu từ sổ đăng ký An Tâm: chỉ các sự việc đã được xác minh mới tính vào mức tin cậy.',
    asOf: 'Cập nhật lúc',
    other: 'English',
    levelsOf: 'Người bán theo mức tin cậy',
    platform: 'Sàn',
    sellers: 'Người bán',
    complaints: 'Khiếu nại đã xác minh (12 tháng)',
    unanswered: 'Không trả lời đúng hạn (12 tháng)',
    onTime: 'Tỷ lệ trả lời đúng hạn',
    median: 'Số ngày giải quyết (trung vị)',
    unverified: 'Khiếu nại chưa xác minh (12 tháng)',
    counterfeit: 'Hàng giả đã xác nhận (12 tháng)',
    sanctions: 'Quyết định xử phạt',
    none: '—',
    table: 'Bảng số liệu',
    openData: 'Dữ liệu mở (CSV, JSON Lines)',
    levels: { trusted: 'Tin cậy', ok: 'Ổn', caution: 'Thận trọng', danger: 'Nguy hiểm', unknown: 'Chưa rõ' },
  },
  en: {
    title: 'Statistics per marketplace',
    intro: 'Figures from the An Tâm registry: only verified facts count towards a trust level.',
    asOf: 'As of',
    other: 'Tiếng Việt',
    levelsOf: 'Sellers by trust level',
    platform: 'Marketplace',
    sellers: 'Sellers',
    complaints: 'Verified complaints (12 months)',
    unanswered: 'Not answered on time (12 months)',
    onTime: 'Share answered on time',
    median: 'Days to resolution (median)',
    unverified: 'Unverified complaints (12 months)',
    counterfeit: 'Confirmed counterfeits (12 months)',
    sanctions: 'Sanctions',
    none: '—',
    table: 'Figures',
    openData: 'Open data (CSV, JSON Lines)',
    levels: { trusted: 'Trusted', ok: 'OK', caution: 'Caution', danger: 'Danger', unknown: 'Unknown' },
  },
} as const;

const PLATFORM_NAMES: Record<string, string> = {
  shopee: 'Shopee',
  lazada: 'Lazada',
  tiki: 'Tiki',
  tiktok: 'TikTok Shop',
};

const LEVEL_COLOURS: Record<Level, string> = {
  trusted: '#1b7f3b',
  ok: '#4a7fb5',
  caution: '#b7791f',
  danger: '#c53030',
  unknown: '#718096',
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a202c}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #cbd5e0;padding:.3rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1.5rem 0}svg text{font-size:13px;fill:#1a202c}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The page's policy: nothing loaded, no script, only its own style block. */
export const STATS_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function formatNumber(n: number, lang: PageLang): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

function levelChart(p: PlatformStats, lang: PageLang): string {
  const t = TEXT[lang];
  const max = Math.max(1, ...LEVELS.map((l) => p.levels[l]));
  const rowHeight = 26;
  const labelWidth = 110;
  const barWidth = 360;
  const height = LEVELS.length * rowHeight + 8;
  const name = PLATFORM_NAMES[p.platform] ?? p.platform;
  const bars = LEVELS.map((level, i) => {
    const n = p.levels[level];
    const w = Math.round((n / max) * barWidth);
    const y = 4 + i * rowHeight;
    return `<text x="0" y="${y + 17}">${escapeHtml(t.levels[level])}</text><rect x="${labelWidth}" y="${y + 4}" width="${w}" height="18" fill="${LEVEL_COLOURS[level]}"></rect><text x="${labelWidth + w + 6}" y="${y + 17}">${escapeHtml(formatNumber(n, lang))}</text>`;
  }).join('');
  const title = `${t.levelsOf}: ${name}`;
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + barWidth + 80} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function table(stats: MarketplaceStats, lang: PageLang): string {
  const t = TEXT[lang];
  const share = (v: number | null) =>
    v === null
      ? t.none
      : `${(Math.round(v * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} %`;
  const num = (v: number | null) => (v === null ? t.none : formatNumber(v, lang));
  const columns: [string, (p: PlatformStats) => string][] = [
    [t.sellers, (p) => num(p.sellers)],
    ...LEVELS.map((l): [string, (p: PlatformStats) => string] => [t.levels[l], (p) => num(p.levels[l])]),
    [t.complaints, (p) => num(p.complaints12m)],
    [t.unanswered, (p) => num(p.unanswered12m)],
    [t.onTime, (p) => share(p.answeredOnTimeShare12m)],
    [t.median, (p) => num(p.medianDaysToResolution12m)],
    [t.unverified, (p) => num(p.unverifiedComplaints12m)],
    [t.counterfeit, (p) => num(p.counterfeitConfirmed12m)],
    [t.sanctions, (p) => num(p.sanctions)],
  ];
  const head = `<tr><th scope="col">${escapeHtml(t.platform)}</th>${columns.map(([label]) => `<th scope="col">${escapeHtml(label)}</th>`).join('')}</tr>`;
  const rows = stats.platforms
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(PLATFORM_NAMES[p.platform] ?? p.platform)}</th>${columns.map(([, cell]) => `<td>${escapeHtml(cell(p))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(t.table)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** The page's HTML and the Content-Security-Policy it must be served with. */
export function renderStatsPage(stats: MarketplaceStats, lang: PageLang): { html: string; csp: string } {
  const t = TEXT[lang];
  const other = lang === 'vi' ? '?lang=en' : '?lang=vi';
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — An Tâm</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(t.title)}</h1><p><a href="${other}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${escapeHtml(t.other)}</a></p>
<p>${escapeHtml(t.intro)}</p><p>${escapeHtml(t.asOf)} <time datetime="${escapeHtml(stats.generatedAt)}">${escapeHtml(stats.generatedAt.slice(0, 16).replace('T', ' '))} UTC</time></p></header>
<main>${stats.platforms.map((p) => levelChart(p, lang)).join('\n')}
${table(stats, lang)}
<p><a href="/v1/open-data">${escapeHtml(t.openData)}</a></p></main></body></html>`;
  return { html, csp: STATS_PAGE_CSP };
}
