/**
 * The HTTP side of evidence files, shared by the complaint and report routes: checking an upload
 * (headers, size, SHA-256, type by content) before anything is stored, and serving a stored file
 * so that it can never act on the registry's origin.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { EvidenceName, EvidenceSource, Sha256Hex } from '../../lib/registry/cases';
import {
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_PER_CASE,
  sniffEvidenceType,
  typeAllowedForSource,
} from '../../lib/registry/evidence-type';
import type { Env } from '../context';
import type { AddEvidenceResult, EvidenceRow, EvidenceUpload } from '../evidence/store';
import { readBody } from '../http/body';
import { ApiError } from '../http/errors';

/** Percent-encoded UTF-8 (encodeURIComponent) on the wire, where header values are Latin-1. */
const PercentEncodedName = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '') return null;
    try {
      return decodeURIComponent(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be percent-encoded UTF-8 (encodeURIComponent)' });
      return z.NEVER;
    }
  })
  .pipe(EvidenceName.nullable());

/** The upload's facts, in headers beside the binary body; error paths name the header. */
export const EvidenceUploadHeaders = z.object({
  'X-Evidence-Sha256': Sha256Hex,
  'X-Evidence-Captured-At': z.iso.datetime({ offset: true }),
  'X-Evidence-Source': EvidenceSource,
  'X-Evidence-Name': PercentEncodedName,
});
export type EvidenceUploadHeaders = z.output<typeof EvidenceUploadHeaders>;

/**
 * Reads and checks one upload, its headers already checked (cheap), then the body with the size limit (never
 * buffered beyond it), then the SHA-256 the client computed (a corrupted upload is refused, never
 * stored), then the type recognised from the bytes, which must be the declared one.
 */
export async function readEvidenceUpload(
  c: Context<Env>,
  headers: EvidenceUploadHeaders,
): Promise<EvidenceUpload> {
  const declared = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!declared) {
    throw new ApiError(415, 'unsupported_media_type', 'send the file with its Content-Type');
  }
  const bytes = await readBody(c, MAX_EVIDENCE_BYTES);
  if (bytes.byteLength === 0) throw new ApiError(400, 'bad_request', 'the evidence file is empty');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== headers['X-Evidence-Sha256']) {
    throw new ApiError(
      400,
      'bad_request',
      `the file received does not match X-Evidence-Sha256 (received ${bytes.byteLength} bytes with SHA-256 ${sha256}); send it again`,
    );
  }
  const sniffed = sniffEvidenceType(bytes);
  if (sniffed === null) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'evidence must be a PNG, JPEG or WebP image, a PDF, or an HTML page capture (recognised by content)',
    );
  }
  if (sniffed !== declared) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `the file is ${sniffed} by its content but was declared as ${declared}`,
    );
  }
  if (!typeAllowedForSource(sniffed, headers['X-Evidence-Source'])) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `an HTML file is accepted only as a page capture (X-Evidence-Source: page_capture), not as a ${headers['X-Evidence-Source']}`,
    );
  }
  return {
    bytes,
    sha256,
    contentType: sniffed,
    name: headers['X-Evidence-Name'],
    source: headers['X-Evidence-Source'],
    // One spelling of the instant, whatever offset the client used.
    capturedAt: new Date(headers['X-Evidence-Captured-At']).toISOString(),
  };
}

/** Maps the store's answer to HTTP: 201 for a new file, 200 for the same file again. */
export function evidenceAnswer(c: Context<Env>, result: AddEvidenceResult, notFound: () => ApiError) {
  c.header('Cache-Control', 'no-store');
  if (result.kind === 'created') return c.json(result.evidence, 201);
  if (result.kind === 'existing') return c.json(result.evidence, 200);
  if (result.kind === 'limit') {
    throw new ApiError(409, 'conflict', `a case holds at most ${MAX_EVIDENCE_PER_CASE} evidence files`);
  }
  if (result.kind === 'erased') {
    throw new ApiError(409, 'conflict', "this case's personal data was deleted: it takes no more evidence");
  }
  throw notFound();
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/html': 'html',
};

/**
 * A stored file as a download that cannot act on the registry's origin: attachment, no sniffing,
 * and a sandbox CSP in case a browser renders it anyway (an HTML page capture holds the
 * marketplace's markup and maybe its scripts).
 */
export function evidenceResponse(row: EvidenceRow, bytes: Uint8Array<ArrayBuffer>): Response {
  const type = row.content_type === 'text/html' ? 'text/html; charset=utf-8' : row.content_type;
  const fallback = `evidence-${row.sha256.slice(0, 12)}.${EXTENSIONS[row.content_type] ?? 'bin'}`;
  const disposition =
    row.name === null
      ? `attachment; filename="${fallback}"`
      : `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(row.name)}`;
  return new Response(bytes, {
    status: 200,
    headers: {
      'Content-Type': type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': disposition,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${row.sha256}"`,
    },
  });
}
