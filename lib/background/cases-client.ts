/**
 * The background's client of the registry's complaint, report and evidence API (used only by the
 * outbox and polling). Every answer is parsed with the shared zod schemas of lib/registry/cases.ts
 * before anyone sees it. Failures are CaseRequestErrors that say whether trying again can help:
 * the outbox retries network failures, timeouts, 5xx, 408 and 429 (after Retry-After), and records
 * any other 4xx as the registry's final word, with its message.
 */
import type { z } from 'zod';
import type { CaseKind } from '../cases/model';
import {
  type CaseAction,
  ComplaintView,
  EVIDENCE_HEADERS,
  type EvidenceSource,
  EvidenceView,
  ReportView,
  type SubmitComplaintRequest,
  type SubmitReportRequest,
  SubmittedComplaint,
  SubmittedReport,
} from '../registry/cases';
import type { EvidenceType } from '../registry/evidence-type';
import { ErrorBody } from '../registry/schemas';
import type { FetchLike } from './registry-client';

/** A submission waits for a database write; a 5 MB upload on a slow line takes longer still. */
export const CASES_TIMEOUT_MS = 15_000;
export const UPLOAD_TIMEOUT_MS = 120_000;

/** Like RegistryError (./registry-client.ts), plus what the outbox needs to decide. */
export class CaseRequestError extends Error {
  override readonly name = 'CaseRequestError';
  constructor(
    message: string,
    /** The HTTP status, when the registry answered at all. */
    readonly status: number | undefined,
    /** True when the same request may succeed later; false when the registry refused it for good. */
    readonly retryable: boolean,
    /** The registry's error code (ErrorBody), when it sent one. */
    readonly code: string | null = null,
    /** From Retry-After, in ms. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface Submitted {
  trackingCode: string;
  token: string | null;
  status: string;
  /** 201: this request created the case; false for 200, a replay of an earlier submission. */
  created: boolean;
}

export interface EvidenceUploadInput {
  bytes: Uint8Array;
  type: EvidenceType;
  sha256: string;
  /** ms since epoch. */
  capturedAt: number;
  source: EvidenceSource;
  name: string;
}

export interface CasesClientOptions {
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
}

const PATHS: Record<CaseKind, string> = { complaint: 'complaints', report: 'reports' };

function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export class CasesClient {
  readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly uploadTimeoutMs: number;

  constructor(options: CasesClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? CASES_TIMEOUT_MS;
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS;
  }

  /** POST /v1/complaints or /v1/reports with the stored body and idempotency key. */
  async submit(
    kind: CaseKind,
    request: SubmitComplaintRequest | SubmitReportRequest,
    idempotencyKey: string,
  ): Promise<Submitted> {
    const res = await this.send(`/v1/${PATHS[kind]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(request),
    });
    const answer =
      kind === 'complaint'
        ? await parseAnswer(SubmittedComplaint, res)
        : await parseAnswer(SubmittedReport, res);
    return { ...answer, created: res.status === 201 };
  }

  getComplaint(trackingCode: string, token: string): Promise<ComplaintView> {
    return this.get(`/v1/complaints/${encodeURIComponent(trackingCode)}`, token, ComplaintView);
  }

  getReport(trackingCode: string, token: string): Promise<ReportView> {
    return this.get(`/v1/reports/${encodeURIComponent(trackingCode)}`, token, ReportView);
  }

  async view(kind: CaseKind, trackingCode: string, token: string): Promise<ComplaintView | ReportView> {
    return kind === 'complaint'
      ? this.getComplaint(trackingCode, token)
      : this.getReport(trackingCode, token);
  }

  async complaintAction(trackingCode: string, token: string, action: CaseAction): Promise<ComplaintView> {
    const res = await this.send(`/v1/complaints/${encodeURIComponent(trackingCode)}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(action),
    });
    return parseAnswer(ComplaintView, res);
  }

  /** DELETE …/personal-data. A case the registry no longer knows (404) has nothing left to delete. */
  async deletePersonalData(kind: CaseKind, trackingCode: string, token: string): Promise<'deleted' | 'gone'> {
    try {
      const res = await this.send(`/v1/${PATHS[kind]}/${encodeURIComponent(trackingCode)}/personal-data`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      await res.body?.cancel().catch(() => undefined);
      return 'deleted';
    } catch (err) {
      if (err instanceof CaseRequestError && err.status === 404) return 'gone';
      throw err;
    }
  }

  /** Raw bytes with their sniffed type and SHA-256; 201 new, 200 the same file already there. */
  async uploadEvidence(
    kind: CaseKind,
    trackingCode: string,
    token: string,
    file: EvidenceUploadInput,
  ): Promise<EvidenceView> {
    const res = await this.send(
      `/v1/${PATHS[kind]}/${encodeURIComponent(trackingCode)}/evidence`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': file.type,
          [EVIDENCE_HEADERS.sha256]: file.sha256,
          [EVIDENCE_HEADERS.capturedAt]: new Date(file.capturedAt).toISOString(),
          [EVIDENCE_HEADERS.source]: file.source,
          [EVIDENCE_HEADERS.name]: encodeURIComponent(file.name),
        },
        body: file.bytes as Uint8Array<ArrayBuffer>,
      },
      this.uploadTimeoutMs,
    );
    const view = await parseAnswer(EvidenceView, res);
    if (view.sha256 !== file.sha256) {
      // The registry stored other bytes than ours: never count that as delivered.
      throw new CaseRequestError(
        `the registry stored a file with SHA-256 ${view.sha256}, not ${file.sha256}`,
        res.status,
        true,
      );
    }
    return view;
  }

  private async get<T>(path: string, token: string, schema: z.ZodType<T>): Promise<T> {
    const res = await this.send(path, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    return parseAnswer(schema, res);
  }

  private async send(path: string, init: RequestInit, timeoutMs = this.timeoutMs): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
        // The case token is the only credential: no cookies, no referrer.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new CaseRequestError(
        timedOut ? `no answer from the registry within ${timeoutMs} ms` : 'registry unreachable',
        undefined,
        true,
        null,
        null,
        { cause: err },
      );
    }
    if (res.ok) return res;
    throw await errorFrom(res);
  }
}

async function errorFrom(res: Response): Promise<CaseRequestError> {
  let code: string | null = null;
  let message = `registry answered HTTP ${res.status}`;
  try {
    const body = ErrorBody.safeParse(JSON.parse(await res.text()));
    if (body.success) {
      code = body.data.error.code;
      message = body.data.error.message;
    }
  } catch {
    // Not our JSON (a proxy's error page): the status says enough.
  }
  const status = res.status;
  const retryable = status >= 500 || status === 408 || status === 429;
  return new CaseRequestError(
    message,
    status,
    retryable,
    code,
    parseRetryAfter(res.headers.get('retry-after')),
  );
}

async function parseAnswer<T>(schema: z.ZodType<T>, res: Response): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await res.text());
  } catch (err) {
    // A 2xx that is not our JSON came from something in between: worth another try.
    throw new CaseRequestError('registry answer is not JSON', res.status, true, null, null, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CaseRequestError('registry answer has the wrong shape', res.status, true, null, null, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
