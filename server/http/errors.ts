import type { ErrorBody, ErrorCode } from '../../lib/registry/schemas';

export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** An error the API answers as `{ error: { code, message } }` with the given status. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Headers the answer carries, such as Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  return details ? { error: { code, message, details } } : { error: { code, message } };
}

const PG_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
  '40001', // serialization_failure: retryable
  '40P01', // deadlock_detected: retryable
  '55P03', // lock_not_available
  '57014', // statement timeout
]);

/**
 * True for failures of the database itself (down, locked, busy, unreachable) as opposed to bugs:
 * those are answered 503 so that clients retry, and never with the driver's message (which can
 * carry SQL).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'SQLITE_CANTOPEN')
      return true;
    if (PG_UNAVAILABLE.has(code)) return true;
  }
  return /database connection is not open|driver has already been destroyed|Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
    err.message,
  );
}
