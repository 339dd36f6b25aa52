/**
 * The admin's CSV import: choose the kind and a file (read here, in the browser), preview it
 * (rows, every error by line, what would change), and apply it only when it has no error. The
 * registry binds the preview's token to these exact bytes, this kind and this key: "Áp dụng"
 * sends the previewed text again with it, and the registry refuses it if anything moved since.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ImportKind, ImportPreview } from '../../../../lib/registry/imports';
import type { ImportResult } from '../../../../lib/registry/schemas';
import { ApiFailure, api } from '../api';
import { catalog, type Lang } from '../i18n';
import { type Status, StatusLine } from '../ui';

const t = catalog(
  {
    heading: 'Nhập dữ liệu từ tệp CSV',
    help: 'Xem trước cho biết tệp sẽ thay đổi những gì; chưa có gì được áp dụng cho đến khi bạn bấm “Áp dụng”.',
    kind: 'Loại dữ liệu',
    'kind.registrations': 'Đăng ký với Bộ Công Thương',
    'kind.sanctions': 'Quyết định xử phạt',
    file: 'Tệp CSV (UTF-8, dòng đầu là tên cột)',
    columns: 'Các cột: {columns}',
    preview: 'Xem trước',
    previewing: 'Đang xem trước…',
    noFile: 'Hãy chọn một tệp CSV.',
    notUtf8: 'Tệp không phải văn bản UTF-8. Hãy lưu lại tệp với mã hóa UTF-8.',
    previewHeading: 'Xem trước: {name}',
    rows: 'Số dòng dữ liệu',
    errorCount: 'Lỗi',
    created: 'Người bán mới',
    added: 'Dữ kiện được thêm',
    changed: 'Dữ kiện thay đổi',
    unchanged: 'Dòng không đổi',
    cap: 'Mỗi danh sách hiển thị tối đa {cap} mục; các con số là đầy đủ.',
    errorsHeading: 'Lỗi theo dòng',
    errorsHelp: 'Sửa các lỗi này trong tệp rồi xem trước lại. Tệp có lỗi không thể áp dụng.',
    line: 'Dòng',
    column: 'Cột',
    message: 'Lỗi',
    seller: 'Người bán',
    fact: 'Dữ kiện',
    change: 'Thay đổi',
    values: 'Giá trị',
    'fact.registration': 'Đăng ký',
    'fact.sanction': 'Xử phạt',
    empty: '(trống)',
    changedHeading: 'Sẽ thay đổi',
    addedHeading: 'Sẽ thêm',
    createdHeading: 'Người bán sẽ được tạo',
    unchangedLines: 'Dòng không đổi: {lines}',
    nothing: 'Tệp không thay đổi gì.',
    apply: 'Áp dụng',
    applying: 'Đang áp dụng…',
    applyBlocked: 'Không thể áp dụng: tệp còn lỗi.',
    doneHeading: 'Đã áp dụng',
    done: 'Đã áp dụng {rows} dòng: {inserted} thêm mới, {updated} cập nhật, {unchanged} không đổi. Phiên bản dữ liệu mới: {version}.',
    stale: 'Không áp dụng được: {error} Hãy xem trước lại.',
    failed: 'Có lỗi xảy ra: {error}',
  },
  {
    heading: 'Import data from a CSV file',
    help: 'The preview shows what the file would change; nothing is applied until you press “Apply”.',
    kind: 'Kind of data',
    'kind.registrations': 'Ministry of Industry and Trade registrations',
    'kind.sanctions': 'Sanction decisions',
    file: 'CSV file (UTF-8, the first line names the columns)',
    columns: 'Columns: {columns}',
    preview: 'Preview',
    previewing: 'Previewing…',
    noFile: 'Choose a CSV file.',
    notUtf8: 'The file is not UTF-8 text. Save it again with UTF-8 encoding.',
    previewHeading: 'Preview: {name}',
    rows: 'Data rows',
    errorCount: 'Errors',
    created: 'New sellers',
    added: 'Facts added',
    changed: 'Facts changed',
    unchanged: 'Unchanged rows',
    cap: 'Each list shows at most {cap} items; the counts are complete.',
    errorsHeading: 'Errors by line',
    errorsHelp: 'Fix these errors in the file, then preview it again. A file with errors cannot be applied.',
    line: 'Line',
    column: 'Column',
    message: 'Error',
    seller: 'Seller',
    fact: 'Fact',
    change: 'Change',
    values: 'Values',
    'fact.registration': 'Registration',
    'fact.sanction': 'Sanction',
    empty: '(empty)',
    changedHeading: 'Would change',
    addedHeading: 'Would be added',
    createdHeading: 'Sellers that would be created',
    unchangedLines: 'Unchanged lines: {lines}',
    nothing: 'The file changes nothing.',
    apply: 'Apply',
    applying: 'Applying…',
    applyBlocked: 'Cannot apply: the file has errors.',
    doneHeading: 'Applied',
    done: 'Applied {rows} rows: {inserted} added, {updated} updated, {unchanged} unchanged. New data version: {version}.',
    stale: 'Not applied: {error} Preview it again.',
    failed: 'Something went wrong: {error}',
  },
);

const KINDS: readonly ImportKind[] = ['registrations', 'sanctions'];

const COLUMNS: Record<ImportKind, string> = {
  registrations:
    'business_name, tax_code, status, registered_on, source_ref, platform, seller_id, slug, shop_name, official_store',
  sanctions: 'platform, seller_id, slug, authority, decision, date, summary, url',
};

interface Previewed {
  kind: ImportKind;
  name: string;
  text: string;
  preview: ImportPreview;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function message(lang: Lang, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof ApiFailure && err.status === 409) return t(lang, 'stale', { error: text });
  return t(lang, 'failed', { error: text });
}

export function Import({ lang }: { lang: Lang }) {
  const id = useId();
  const [kind, setKind] = useState<ImportKind>('registrations');
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  // Results appear below the form: focus goes to their heading, where a screen reader reads on.
  useEffect(() => {
    if (previewed) previewHeading.current?.focus();
  }, [previewed]);
  useEffect(() => {
    if (result) doneHeading.current?.focus();
  }, [result]);

  const forget = () => {
    setPreviewed(null);
    setStatus(null);
  };

  const preview = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setStatus({ kind: 'error', text: t(lang, 'noFile') });
      return;
    }
    let text: string;
    try {
      text = utf8.decode(await file.arrayBuffer());
    } catch {
      setStatus({ kind: 'error', text: t(lang, 'notUtf8') });
      return;
    }
    setBusy('preview');
    setResult(null);
    setStatus(null);
    try {
      setPreviewed({ kind, name: file.name, text, preview: await api.importPreview(kind, text) });
    } catch (err) {
      setPreviewed(null);
      setStatus({ kind: 'error', text: message(lang, err) });
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!previewed?.preview.token) return;
    setBusy('apply');
    setStatus(null);
    try {
      const done = await api.importConfirm(previewed.kind, previewed.text, previewed.preview.token);
      setPreviewed(null);
      if (fileRef.current) fileRef.current.value = '';
      setResult(done);
    } catch (err) {
      setStatus({ kind: 'error', text: message(lang, err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t(lang, 'heading')}</h1>
      <p className="muted">{t(lang, 'help')}</p>
      <form className="card" onSubmit={preview} aria-labelledby={`${id}-h`}>
        <label htmlFor={`${id}-kind`}>{t(lang, 'kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ImportKind);
            forget();
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(lang, `kind.${k}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-file`}>{t(lang, 'file')}</label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          name="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-cols`}
          onChange={forget}
        />
        <p id={`${id}-cols`} className="muted">
          {t(lang, 'columns', { columns: COLUMNS[kind] })}
        </p>
        <button type="submit" disabled={busy !== null}>
          {busy === 'preview' ? t(lang, 'previewing') : t(lang, 'preview')}
        </button>
      </form>
      <StatusLine status={status} />
      {result && (
        <div className="card">
          <h2 ref={doneHeading} tabIndex={-1}>
            {t(lang, 'doneHeading')}
          </h2>
          <p>
            {t(lang, 'done', {
              rows: result.rows,
              inserted: result.inserted,
              updated: result.updated,
              unchanged: result.unchanged,
              version: result.dataVersion,
            })}
          </p>
        </div>
      )}
      {previewed && (
        <PreviewView
          lang={lang}
          previewed={previewed}
          headingRef={previewHeading}
          busy={busy}
          onApply={() => void apply()}
        />
      )}
    </section>
  );
}

function PreviewView({
  lang,
  previewed,
  headingRef,
  busy,
  onApply,
}: {
  lang: Lang;
  previewed: Previewed;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  busy: 'preview' | 'apply' | null;
  onApply: () => void;
}) {
  const id = useId();
  const p = previewed.preview;
  const blocked = p.errors.length > 0 || p.token === null;
  const nothing = p.factsAdded.count + p.factsChanged.count + p.sellersCreated.count === 0;
  const shown = (v: string | null) => (v === null || v === '' ? t(lang, 'empty') : v);
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-preview>
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t(lang, 'previewHeading', { name: previewed.name })}
      </h2>
      <dl className="summary">
        <dt>{t(lang, 'rows')}</dt>
        <dd>{p.rows ?? '—'}</dd>
        <dt>{t(lang, 'errorCount')}</dt>
        <dd>{p.errors.length}</dd>
        {!blocked && (
          <>
            <dt>{t(lang, 'created')}</dt>
            <dd>{p.sellersCreated.count}</dd>
            <dt>{t(lang, 'added')}</dt>
            <dd>{p.factsAdded.count}</dd>
            <dt>{t(lang, 'changed')}</dt>
            <dd>{p.factsChanged.count}</dd>
            <dt>{t(lang, 'unchanged')}</dt>
            <dd>{p.unchanged.count}</dd>
          </>
        )}
      </dl>
      {blocked ? (
        <>
          <h3 id={`${id}-errors`}>{t(lang, 'errorsHeading')}</h3>
          <p>{t(lang, 'errorsHelp')}</p>
          <table aria-labelledby={`${id}-errors`}>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'line')}</th>
                <th scope="col">{t(lang, 'column')}</th>
                <th scope="col">{t(lang, 'message')}</th>
              </tr>
            </thead>
            <tbody>
              {p.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a line may carry several errors, in order
                <tr key={`${e.line}-${i}`}>
                  <td>{e.line}</td>
                  <td>{e.field ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : nothing ? (
        <p>{t(lang, 'nothing')}</p>
      ) : (
        <>
          <p className="muted">{t(lang, 'cap', { cap: p.listCap })}</p>
          {p.factsChanged.items.length > 0 && (
            <>
              <h3 id={`${id}-changed`}>{t(lang, 'changedHeading')}</h3>
              <table aria-labelledby={`${id}-changed`}>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'line')}</th>
                    <th scope="col">{t(lang, 'seller')}</th>
                    <th scope="col">{t(lang, 'fact')}</th>
                    <th scope="col">{t(lang, 'change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.factsChanged.items.map((c) => (
                    <tr key={c.line}>
                      <td>{c.line}</td>
                      <td>{c.seller}</td>
                      <td>
                        {t(lang, `fact.${c.fact}`)}: {c.label}
                      </td>
                      <td>
                        <ul className="plain">
                          {c.changes.map((ch) => (
                            <li key={ch.field}>
                              {ch.field}: {shown(ch.old)} → {shown(ch.new)}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {p.factsAdded.items.length > 0 && (
            <>
              <h3 id={`${id}-added`}>{t(lang, 'addedHeading')}</h3>
              <table aria-labelledby={`${id}-added`}>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'line')}</th>
                    <th scope="col">{t(lang, 'seller')}</th>
                    <th scope="col">{t(lang, 'fact')}</th>
                    <th scope="col">{t(lang, 'values')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.factsAdded.items.map((a) => (
                    <tr key={a.line}>
                      <td>{a.line}</td>
                      <td>{a.seller}</td>
                      <td>
                        {t(lang, `fact.${a.fact}`)}: {a.label}
                      </td>
                      <td>{a.values.map((v) => `${v.field}: ${v.value}`).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {p.sellersCreated.items.length > 0 && (
            <>
              <h3>{t(lang, 'createdHeading')}</h3>
              <ul>
                {p.sellersCreated.items.map((s) => (
                  <li key={s.line}>
                    {t(lang, 'line')} {s.line}: {s.seller}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.unchanged.lines.length > 0 && (
            <p>{t(lang, 'unchangedLines', { lines: p.unchanged.lines.join(', ') })}</p>
          )}
        </>
      )}
      {blocked && <p className="error">{t(lang, 'applyBlocked')}</p>}
      <button type="button" onClick={onApply} disabled={blocked || busy !== null}>
        {busy === 'apply' ? t(lang, 'applying') : t(lang, 'apply')}
      </button>
    </section>
  );
}
