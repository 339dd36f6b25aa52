/**
 * Webhook signatures. Each delivery carries
 *
 *   X-AnTam-Timestamp: <unix seconds>
 *   X-AnTam-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 *
 * where `body` is the raw request body, byte for byte as received (parse it only after checking),
 * and the timestamp is the moment that request was sent: each attempt (retries too) is signed
 * right before it goes out (./dispatcher.ts), however long it waited for a free slot.
 * Receivers call `verifySignature` (or re-implement it: it is only an HMAC and a clock check); the
 * timestamp is signed too, so a captured delivery cannot be replayed after the tolerance. Several
 * `v1=` values separated by commas are accepted, so that a secret can be rotated later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';

export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_VERSION}=${mac}`;
}

/**
 * True when `header` (X-AnTam-Signature) is a valid signature of `body` at `timestamp`
 * (X-AnTam-Timestamp, as sent) under `secret`, and the timestamp is within `toleranceSeconds` of
 * `now`. Pure: no I/O, constant-time comparison.
 */
export function verifySignature(
  secret: string,
  timestamp: string | number,
  body: string,
  header: string | null | undefined,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  const ts =
    typeof timestamp === 'number' ? timestamp : /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts)) return false;
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, ts, body).slice(SIGNATURE_VERSION.length + 1), 'hex');
  for (const part of header.split(',')) {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const given = Buffer.from(m[1].toLowerCase(), 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}
