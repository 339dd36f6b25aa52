/**
 * The seller's webhooks (`#/webhooks`) and one webhook's page (`#/webhooks/{id}`): add a URL, the
 * signing secret shown once (after creation or rotation), rotate, delete after a confirmation,
 * send a test event and watch its delivery, the recent deliveries with their result. The registry
 * answers another key's webhook 404 like an unknown id; the page then shows only "not found".
 */
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { WebhookDelivery, WebhookList } from '../../../../lib/registry/webhooks';
import { ApiFailure, api } from '../api';
import { catalog, type Lang, t } from '../i18n';
import { href, navigate } from '../router';
import { errorText, type Status, StatusLine, useLoad } from '../ui';

const w = catalog(
  {
    heading: 'Webhook',
    help: 'An Tâm gửi các sự kiện khiếu nại của gian hàng đến địa chỉ của bạn (POST, JSON), ký bằng khóa bí mật: X-AnTam-Signature: v1=HMAC-SHA256(khóa, "<X-AnTam-Timestamp>.<nội dung>").',
    add: 'Thêm webhook',
    url: 'Địa chỉ nhận (https://…)',
    none: 'Chưa có webhook nào.',
    secretOnce:
      'Khóa bí mật của webhook {url} — chỉ hiện một lần, hãy lưu lại ngay. An Tâm không thể cho xem lại; nếu mất, hãy đổi khóa mới.',
    created: 'Đã thêm webhook {url}.',
    counts: 'Đã gửi: {delivered} · Đang chờ: {pending} · Thất bại: {failed}',
    since: 'Thêm ngày {at}',
    open: 'Xem các lần gửi của {url}',
    test: 'Gửi sự kiện thử',
    testQueued: 'Đã xếp hàng sự kiện thử; đang chờ kết quả…',
    testDelivered: 'Sự kiện thử đã được gửi đến {url}: máy nhận trả lời thành công (2xx).',
    testFailed: 'Sự kiện thử chưa gửi được đến {url}: {error}. An Tâm sẽ thử lại.',
    testPending: 'Sự kiện thử vẫn đang chờ gửi. Xem lại danh sách các lần gửi sau ít phút.',
    rotate: 'Đổi khóa bí mật',
    confirmRotate: 'Đổi khóa bí mật của {url}? Khóa cũ ngừng hoạt động ngay.',
    delete: 'Xóa',
    confirmDelete: 'Xóa webhook {url}? Các sự kiện đang chờ sẽ không được gửi.',
    deleted: 'Đã xóa webhook {url}.',
    back: 'Tất cả webhook',
    notFound: 'Không tìm thấy webhook',
    notFoundText: 'Không có webhook nào với mã này cho khóa API của bạn.',
    deliveries: 'Các lần gửi gần đây',
    noDeliveries: 'Chưa có lần gửi nào.',
    refresh: 'Tải lại',
    'col.time': 'Thời gian',
    'col.event': 'Sự kiện',
    'col.status': 'Trạng thái',
    'col.result': 'Kết quả',
    'col.attempts': 'Số lần thử',
    'status.pending': 'Đang chờ',
    'status.delivered': 'Đã gửi',
    'status.failed': 'Thất bại',
    ok2xx: 'HTTP 2xx',
    nextAttempt: 'thử lại lúc {at}',
  },
  {
    heading: 'Webhooks',
    help: 'An Tâm sends your shops’ complaint events to your address (POST, JSON), signed with the secret: X-AnTam-Signature: v1=HMAC-SHA256(secret, "<X-AnTam-Timestamp>.<body>").',
    add: 'Add a webhook',
    url: 'Receiving address (https://…)',
    none: 'No webhook yet.',
    secretOnce:
      'The signing secret of {url} — shown only once, save it now. An Tâm cannot show it again; if it is lost, rotate it.',
    created: 'Webhook {url} added.',
    counts: 'Delivered: {delivered} · Pending: {pending} · Failed: {failed}',
    since: 'Added {at}',
    open: 'See the deliveries of {url}',
    test: 'Send a test event',
    testQueued: 'Test event queued; waiting for the result…',
    testDelivered: 'The test event was delivered to {url}: the receiver answered with success (2xx).',
    testFailed: 'The test event could not be delivered to {url}: {error}. An Tâm will try again.',
    testPending: 'The test event is still waiting to be sent. Check the deliveries again in a few minutes.',
    rotate: 'Rotate the secret',
    confirmRotate: 'Rotate the secret of {url}? The old one stops working at once.',
    delete: 'Delete',
    confirmDelete: 'Delete the webhook {url}? Pending events will not be sent.',
    deleted: 'Webhook {url} deleted.',
    back: 'All webhooks',
    notFound: 'Webhook not found',
    notFoundText: 'No webhook with this id belongs to your API key.',
    deliveries: 'Recent deliveries',
    noDeliveries: 'No delivery yet.',
    refresh: 'Refresh',
    'col.time': 'Time',
    'col.event': 'Event',
    'col.status': 'Status',
    'col.result': 'Result',
    'col.attempts': 'Attempts',
    'status.pending': 'Pending',
    'status.delivered': 'Delivered',
    'status.failed': 'Failed',
    ok2xx: 'HTTP 2xx',
    nextAttempt: 'next try {at}',
  },
);

type Hook = WebhookList['webhooks'][number];

function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

/** The secret just issued, and for which URL: held only in this screen's memory, never stored. */
interface Secret {
  url: string;
  secret: string;
}

export function Webhooks({ lang, params }: { lang: Lang; params: string[] }) {
  const [secret, setSecret] = useState<Secret | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const id = params[0];
  /** What to say on the next page (after a deletion: that it is done); nothing else carries over. */
  const carry = useRef<Status>(null);
  // A secret shown on one page is not carried to another.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of webhook
  useEffect(() => {
    setSecret(null);
    setStatus(carry.current);
    carry.current = null;
  }, [id]);
  const leave = (said: Status) => {
    carry.current = said;
    navigate('webhooks');
  };
  const common = { lang, secret, setSecret, status, setStatus };
  return id ? <WebhookPage key={id} id={id} leave={leave} {...common} /> : <WebhookIndex {...common} />;
}

interface Shared {
  lang: Lang;
  secret: Secret | null;
  setSecret: (s: Secret | null) => void;
  status: Status;
  setStatus: (s: Status) => void;
}

function SecretOnce({ lang, secret }: { lang: Lang; secret: Secret | null }) {
  if (!secret) return null;
  return (
    <div className="card" role="alert" data-secret>
      <p>{w(lang, 'secretOnce', { url: secret.url })}</p>
      <p>
        <code>{secret.secret}</code>
      </p>
    </div>
  );
}

function WebhookIndex({ lang, secret, setSecret, status, setStatus }: Shared) {
  const { data, error, reload } = useLoad(api.webhooks);
  const id = useId();
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const url = String(new FormData(form).get('url') ?? '').trim();
    try {
      const created = await api.createWebhook(url);
      setSecret({ url: created.url, secret: created.secret });
      setStatus({ kind: 'ok', text: w(lang, 'created', { url: created.url }) });
      form.reset();
      reload();
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(lang, err) });
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{w(lang, 'heading')}</h1>
      <p className="muted">{w(lang, 'help')}</p>
      <StatusLine status={status} />
      <SecretOnce lang={lang} secret={secret} />
      <form className="card" onSubmit={add} aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>{w(lang, 'add')}</h2>
        <label htmlFor={`${id}-url`}>{w(lang, 'url')}</label>
        <input id={`${id}-url`} name="url" type="url" required maxLength={2000} placeholder="https://" />
        <button type="submit">{w(lang, 'add')}</button>
      </form>
      {error ? (
        <p className="error">{errorText(lang, error)}</p>
      ) : data === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : data.webhooks.length === 0 ? (
        <p>{w(lang, 'none')}</p>
      ) : (
        <ul className="cases">
          {data.webhooks.map((hook) => (
            <li key={hook.id} className="card" data-webhook={hook.id}>
              <h2>
                <a href={href('webhooks', hook.id)}>
                  <span className="visually-hidden">{w(lang, 'open', { url: '' })}</span>
                  {hook.url}
                </a>
              </h2>
              <p className="muted">
                {w(lang, 'since', { at: dateTime(hook.createdAt, lang) })} ·{' '}
                {w(lang, 'counts', hook.deliveries)}
              </p>
              <HookActions
                hook={hook}
                lang={lang}
                setSecret={setSecret}
                setStatus={setStatus}
                onChanged={reload}
                onDeleted={reload}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Test, rotate, delete: the same buttons on the list and on the webhook's page. */
function HookActions({
  hook,
  lang,
  setSecret,
  setStatus,
  onChanged,
  onDeleted,
}: {
  hook: Pick<Hook, 'id' | 'url'>;
  lang: Lang;
  setSecret: (s: Secret | null) => void;
  setStatus: (s: Status) => void;
  onChanged: () => void;
  onDeleted: (said: Status) => void;
}) {
  const [busy, setBusy] = useState(false);
  // False once unmounted: a test event still being followed stops writing to a screen that left.
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      if (live.current) setStatus({ kind: 'error', text: errorText(lang, err) });
    } finally {
      if (live.current) setBusy(false);
    }
  };
  const test = () =>
    run(async () => {
      const { delivery } = await api.testWebhook(hook.id);
      setStatus({ kind: 'ok', text: w(lang, 'testQueued') });
      onChanged();
      // The dispatcher sends within seconds: follow the delivery until it has a result.
      for (let i = 0; i < 20 && live.current; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const found = (await api.webhookDeliveries(hook.id)).deliveries.find((d) => d.id === delivery);
        if (found && (found.status !== 'pending' || found.lastError)) {
          onChanged();
          setStatus(
            found.status === 'delivered'
              ? { kind: 'ok', text: w(lang, 'testDelivered', { url: hook.url }) }
              : {
                  kind: 'error',
                  text: w(lang, 'testFailed', { url: hook.url, error: found.lastError ?? '' }),
                },
          );
          return;
        }
      }
      if (live.current) setStatus({ kind: 'ok', text: w(lang, 'testPending') });
    });
  const rotate = () =>
    run(async () => {
      if (!window.confirm(w(lang, 'confirmRotate', { url: hook.url }))) return;
      const rotated = await api.rotateWebhookSecret(hook.id);
      setSecret({ url: hook.url, secret: rotated.secret });
      setStatus(null);
    });
  const remove = () =>
    run(async () => {
      if (!window.confirm(w(lang, 'confirmDelete', { url: hook.url }))) return;
      await api.deleteWebhook(hook.id);
      const said: Status = { kind: 'ok', text: w(lang, 'deleted', { url: hook.url }) };
      setSecret(null);
      setStatus(said);
      onDeleted(said);
    });
  return (
    <p className="actions">
      <button type="button" disabled={busy} onClick={() => void test()}>
        {w(lang, 'test')}
        <span className="visually-hidden"> {hook.url}</span>
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void rotate()}>
        {w(lang, 'rotate')}
        <span className="visually-hidden"> {hook.url}</span>
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void remove()}>
        {w(lang, 'delete')}
        <span className="visually-hidden"> {hook.url}</span>
      </button>
    </p>
  );
}

function WebhookPage({
  id,
  leave,
  lang,
  secret,
  setSecret,
  status,
  setStatus,
}: Shared & { id: string; leave: (said: Status) => void }) {
  const loadHook = useCallback(
    async () => ({ hook: (await api.webhooks()).webhooks.find((h) => h.id === id) ?? null }),
    [id],
  );
  const loadDeliveries = useCallback(() => api.webhookDeliveries(id), [id]);
  const hook = useLoad(loadHook);
  const deliveries = useLoad(loadDeliveries);
  const headingId = useId();
  // Another key's webhook and an unknown id are one answer: 404 from the deliveries, absent from the list.
  const notFound =
    (deliveries.error instanceof ApiFailure && deliveries.error.status === 404) ||
    (hook.data !== null && hook.data.hook === null);
  const reloadBoth = () => {
    hook.reload();
    deliveries.reload();
  };
  const found = notFound ? null : (hook.data?.hook ?? null);
  return (
    <section aria-labelledby={headingId}>
      <p>
        <a href={href('webhooks')}>{w(lang, 'back')}</a>
      </p>
      <h1 id={headingId}>
        {notFound ? w(lang, 'notFound') : found ? `${w(lang, 'heading')}: ${found.url}` : w(lang, 'heading')}
      </h1>
      <StatusLine status={status} />
      {notFound ? (
        <p>{w(lang, 'notFoundText')}</p>
      ) : hook.error || deliveries.error ? (
        <p className="error">{errorText(lang, hook.error ?? deliveries.error)}</p>
      ) : !found || deliveries.data === null ? (
        <p>{t(lang, 'loading')}</p>
      ) : (
        <>
          <SecretOnce lang={lang} secret={secret} />
          <p className="muted">
            {w(lang, 'since', { at: dateTime(found.createdAt, lang) })} ·{' '}
            {w(lang, 'counts', found.deliveries)}
          </p>
          <HookActions
            hook={found}
            lang={lang}
            setSecret={setSecret}
            setStatus={setStatus}
            onChanged={reloadBoth}
            onDeleted={leave}
          />
          <h2>{w(lang, 'deliveries')}</h2>
          <p>
            <button type="button" onClick={reloadBoth}>
              {w(lang, 'refresh')}
            </button>
          </p>
          <Deliveries lang={lang} items={deliveries.data.deliveries} />
        </>
      )}
    </section>
  );
}

function Deliveries({ lang, items }: { lang: Lang; items: WebhookDelivery[] }) {
  if (items.length === 0) return <p>{w(lang, 'noDeliveries')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{w(lang, 'col.time')}</th>
          <th scope="col">{w(lang, 'col.event')}</th>
          <th scope="col">{w(lang, 'col.status')}</th>
          <th scope="col">{w(lang, 'col.result')}</th>
          <th scope="col">{w(lang, 'col.attempts')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} data-delivery={d.id} data-status={d.status}>
            <td>{dateTime(d.lastAttemptAt ?? d.createdAt, lang)}</td>
            <td>
              <code>{d.event}</code>
            </td>
            <td>{w(lang, `status.${d.status}`)}</td>
            <td>
              {d.status === 'delivered' ? w(lang, 'ok2xx') : (d.lastError ?? '—')}
              {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0
                ? ` · ${w(lang, 'nextAttempt', { at: dateTime(d.nextAttemptAt, lang) })}`
                : ''}
            </td>
            <td>{d.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
