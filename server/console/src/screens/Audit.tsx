/**
 * The audit log for moderators and admins: who did what, when, on what. A search form (free text,
 * action, role, key, target, dates), the results newest first, and "more" for the next page.
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import type { AuditEntry, AuditQuery } from '../../../../lib/registry/audit';
import type { Role } from '../../../../lib/registry/schemas';
import { api } from '../api';
import { catalog, type Lang, t } from '../i18n';
import { href } from '../router';
import { errorText, type Status, StatusLine } from '../ui';

const ROLES = ['admin', 'moderator', 'seller', 'platform', 'cli'] as const;
const PAGE = 25;

const w = catalog(
  {
    heading: 'Nhật ký thao tác',
    help: 'Mọi thao tác thực hiện bằng khóa API hoặc dòng lệnh: ai, khi nào, làm gì, với hồ sơ nào. Không chứa dữ liệu cá nhân của người mua.',
    search: 'Tìm kiếm',
    q: 'Từ khóa (hành động, mã hồ sơ, tên khóa)',
    action: 'Hành động (vd. report.action, hoặc admin. cho mọi thao tác quản trị)',
    role: 'Vai trò',
    anyRole: 'Mọi vai trò',
    'role.cli': 'Dòng lệnh',
    actor: 'Mã khóa API',
    target: 'Đối tượng (mã hồ sơ, mã khóa…)',
    from: 'Từ ngày',
    to: 'Đến ngày',
    submit: 'Tìm',
    when: 'Thời điểm',
    who: 'Người thực hiện',
    what: 'Hành động',
    on: 'Đối tượng',
    detail: 'Chi tiết',
    empty: 'Không có thao tác nào khớp.',
    more: 'Xem thêm',
    count: 'Đang hiện {count} thao tác.',
    end: 'Đã hiện tất cả {count} thao tác.',
  },
  {
    heading: 'Audit log',
    help: "Every action taken with an API key or from the command line: who, when, what, on what. It holds no shopper's personal data.",
    search: 'Search',
    q: 'Text (action, case code, key label)',
    action: 'Action (e.g. report.action, or admin. for every admin action)',
    role: 'Role',
    anyRole: 'Any role',
    'role.cli': 'Command line',
    actor: 'API key id',
    target: 'Target (case code, key id…)',
    from: 'From',
    to: 'To',
    submit: 'Search',
    when: 'When',
    who: 'Who',
    what: 'Action',
    on: 'Target',
    detail: 'Detail',
    empty: 'No action matches.',
    more: 'More',
    count: 'Showing {count} actions.',
    end: 'All {count} actions shown.',
  },
);

function roleWord(lang: Lang, role: AuditEntry['actor']['role']): string {
  return role === 'cli' ? w(lang, 'role.cli') : t(lang, `role.${role as Role}`);
}

function when(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

function Target({ entry, moderator }: { entry: AuditEntry; moderator: boolean }) {
  const target = entry.target;
  if (!target) return <>—</>;
  const screen = target.kind === 'complaint' ? 'complaint' : target.kind === 'report' ? 'reports' : null;
  return (
    <>
      {target.kind}:{' '}
      {moderator && screen ? <a href={href(screen, target.id)}>{target.id}</a> : <code>{target.id}</code>}
    </>
  );
}

export function Audit({ lang, role }: { lang: Lang; role: Role }) {
  const headingId = useId();
  const ids = {
    q: useId(),
    action: useId(),
    role: useId(),
    actor: useId(),
    target: useId(),
    from: useId(),
    to: useId(),
  };
  const [query, setQuery] = useState<AuditQuery>({ limit: PAGE });
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (q: AuditQuery, cursor: string | null) => {
      setBusy(true);
      try {
        const page = await api.audit({ ...q, ...(cursor ? { cursor } : {}) });
        const all = [...(cursor ? (entries ?? []) : []), ...page.entries];
        setEntries(all);
        setNext(page.nextCursor);
        setStatus({ kind: 'ok', text: w(lang, page.nextCursor ? 'count' : 'end', { count: all.length }) });
      } catch (err) {
        setStatus({ kind: 'error', text: errorText(lang, err) });
      } finally {
        setBusy(false);
      }
    },
    [entries, lang],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, once
  useEffect(() => {
    void fetchPage(query, null);
  }, []);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? '').trim();
      return value === '' ? undefined : value;
    };
    const q: AuditQuery = {
      limit: PAGE,
      q: text('q'),
      action: text('action'),
      role: text('role') as AuditQuery['role'],
      actor: text('actor'),
      target: text('target'),
      from: text('from'),
      to: text('to'),
    };
    setQuery(q);
    void fetchPage(q, null);
  };

  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>{w(lang, 'heading')}</h1>
      <p className="muted">{w(lang, 'help')}</p>
      <form className="card search" onSubmit={search} aria-label={w(lang, 'search')}>
        <label htmlFor={ids.q}>{w(lang, 'q')}</label>
        <input id={ids.q} name="q" type="search" />
        <label htmlFor={ids.action}>{w(lang, 'action')}</label>
        <input id={ids.action} name="action" />
        <label htmlFor={ids.role}>{w(lang, 'role')}</label>
        <select id={ids.role} name="role" defaultValue="">
          <option value="">{w(lang, 'anyRole')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleWord(lang, r)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.actor}>{w(lang, 'actor')}</label>
        <input id={ids.actor} name="actor" />
        <label htmlFor={ids.target}>{w(lang, 'target')}</label>
        <input id={ids.target} name="target" />
        <label htmlFor={ids.from}>{w(lang, 'from')}</label>
        <input id={ids.from} name="from" type="date" />
        <label htmlFor={ids.to}>{w(lang, 'to')}</label>
        <input id={ids.to} name="to" type="date" />
        <button type="submit" disabled={busy}>
          {w(lang, 'submit')}
        </button>
      </form>
      <StatusLine status={status} />
      {entries === null ? null : entries.length === 0 ? (
        <p>{w(lang, 'empty')}</p>
      ) : (
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">{w(lang, 'when')}</th>
              <th scope="col">{w(lang, 'who')}</th>
              <th scope="col">{w(lang, 'what')}</th>
              <th scope="col">{w(lang, 'on')}</th>
              <th scope="col">{w(lang, 'detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>
                  <time dateTime={e.at}>{when(e.at, lang)}</time>
                </td>
                <td>
                  {roleWord(lang, e.actor.role)}: {e.actor.label}
                  {e.actor.keyId && (
                    <>
                      <br />
                      <code className="muted">{e.actor.keyId}</code>
                    </>
                  )}
                </td>
                <th scope="row">{e.action}</th>
                <td>
                  <Target entry={e} moderator={role === 'moderator'} />
                </td>
                <td>
                  {Object.keys(e.detail).length === 0 ? (
                    '—'
                  ) : (
                    <dl className="detail">
                      {Object.entries(e.detail).map(([k, v]) => (
                        <div key={k}>
                          <dt>{k}</dt>
                          <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" disabled={busy} onClick={() => void fetchPage(query, next)}>
          {w(lang, 'more')}
        </button>
      )}
    </section>
  );
}
