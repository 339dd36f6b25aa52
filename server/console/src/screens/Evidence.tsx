/**
 * A case's evidence for a moderator, fetched with the signed-in key (never a URL the browser would
 * load by itself): images shown from data: URLs (the console's CSP allows img-src 'self' data:,
 * so no blob: needed), page captures rendered INERT in an `<iframe sandbox="">` with srcdoc —
 * no scripts, an opaque origin, and the console's CSP inherited plus a stricter one of its own
 * (no request to anywhere, images only from data:) — and PDFs offered as a download.
 */
import { useEffect, useState } from 'react';
import type { EvidenceView } from '../../../../lib/registry/cases';
import { api } from '../api';
import { catalog, formatDate, type Lang } from '../i18n';
import { errorText } from '../ui';

const w = catalog(
  {
    heading: 'Bằng chứng ({count})',
    none: 'Không có bằng chứng nào.',
    image: 'Ảnh {n}: {name}',
    capture: 'Trang đã lưu {n}: {name} (hiển thị tĩnh, không chạy mã)',
    pdf: 'Tải PDF {n}: {name}',
    captured: 'chụp lúc {date}',
    unnamed: 'không tên',
    loading: 'Đang tải bằng chứng…',
  },
  {
    heading: 'Evidence ({count})',
    none: 'No evidence.',
    image: 'Image {n}: {name}',
    capture: 'Saved page {n}: {name} (shown inert, no code runs)',
    pdf: 'Download PDF {n}: {name}',
    captured: 'captured {date}',
    unnamed: 'unnamed',
    loading: 'Loading evidence…',
  },
);

/**
 * Put before a capture's own markup: a policy of its own on top of the inherited one, so that even
 * a same-origin image or style cannot be fetched from inside the frame.
 */
export const INERT_POLICY =
  '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:">';

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

type Loaded = { kind: 'image' | 'capture' | 'pdf'; value: string };

function EvidenceItem({
  lang,
  caseKind,
  code,
  item,
  n,
}: {
  lang: Lang;
  caseKind: 'complaints' | 'reports';
  code: string;
  item: EvidenceView;
  n: number;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    let objectUrl: string | null = null;
    (async () => {
      const blob = await api.evidence(caseKind, code, item.id);
      if (item.contentType === 'text/html') return { kind: 'capture' as const, value: await blob.text() };
      if (item.contentType === 'application/pdf') {
        objectUrl = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        return { kind: 'pdf' as const, value: objectUrl };
      }
      // Typed from the registry's record, not from whatever the answer said.
      return { kind: 'image' as const, value: await dataUrl(new Blob([blob], { type: item.contentType })) };
    })().then(
      (value) => live && setLoaded(value),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [caseKind, code, item.id, item.contentType]);

  const name = item.name ?? w(lang, 'unnamed');
  const when = w(lang, 'captured', { date: formatDate(item.capturedAt, lang) });
  if (error) return <p className="error">{errorText(lang, error)}</p>;
  if (!loaded) return <p>{w(lang, 'loading')}</p>;
  if (loaded.kind === 'image') {
    return (
      <figure>
        <img className="evidence-image" src={loaded.value} alt={w(lang, 'image', { n, name })} />
        <figcaption>
          {w(lang, 'image', { n, name })} — {when}
        </figcaption>
      </figure>
    );
  }
  if (loaded.kind === 'capture') {
    return (
      <figure>
        <iframe
          className="evidence-capture"
          sandbox=""
          srcDoc={INERT_POLICY + loaded.value}
          title={w(lang, 'capture', { n, name })}
        />
        <figcaption>
          {w(lang, 'capture', { n, name })} — {when}
        </figcaption>
      </figure>
    );
  }
  return (
    <a href={loaded.value} download={item.name ?? `evidence-${n}.pdf`}>
      {w(lang, 'pdf', { n, name })}
    </a>
  );
}

export function EvidenceList({
  lang,
  caseKind,
  code,
  evidence,
}: {
  lang: Lang;
  caseKind: 'complaints' | 'reports';
  code: string;
  evidence: EvidenceView[];
}) {
  return (
    <section className="card" aria-label={w(lang, 'heading', { count: evidence.length })}>
      <h2>{w(lang, 'heading', { count: evidence.length })}</h2>
      {evidence.length === 0 ? (
        <p>{w(lang, 'none')}</p>
      ) : (
        <ul className="evidence">
          {evidence.map((item, i) => (
            <li key={item.id}>
              <EvidenceItem lang={lang} caseKind={caseKind} code={code} item={item} n={i + 1} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
