/**
 * New cases per hour, counted per hashed client address and per install key, for every kind of
 * case: neither many installs behind one address nor one install hopping addresses gets past the
 * limit. A complaint or a report is cheap to send and each one is work for a person (a seller, a
 * platform, a moderator), so both kinds are limited alike. In memory per node, like the general
 * limiter; 0 disables it.
 */
import { createHmac } from 'node:crypto';
import { ApiError } from '../http/errors';
import { RateLimiter } from '../http/rate-limit';
import { sha256Hex } from './tokens';

/**
 * The client address as stored or counted: keyed with the registry's secret, because a bare
 * sha256 of an IPv4 address is reversed by trying all 2^32 of them.
 */
export function addressHash(secret: string, address: string): string {
  return createHmac('sha256', secret).update(`antam-report-ip-v1:${address}`, 'utf8').digest('hex');
}

/** An install as counted: never the install key itself. */
export function installHash(installKey: string): string {
  return sha256Hex(`antam-report-install-v1:${installKey}`);
}

export class SubmissionLimits {
  private readonly perAddress: RateLimiter;
  private readonly perInstall: RateLimiter;

  /** `noun` names the cases in the refusal: "reports", "complaints". */
  constructor(
    private readonly perHour: number,
    clock: () => Date,
    private readonly noun: string,
  ) {
    const hourly = { requests: perHour, windowSeconds: 3600 };
    this.perAddress = new RateLimiter(hourly, () => clock().getTime());
    this.perInstall = new RateLimiter(hourly, () => clock().getTime());
  }

  /** Counts one new case; answers 429 with Retry-After over the limit. */
  admit(addressHash: string, installKey: string | undefined): void {
    this.refuseOver(this.perAddress.checkKey(addressHash), 'address');
    if (installKey !== undefined)
      this.refuseOver(this.perInstall.checkKey(installHash(installKey)), 'install');
  }

  private refuseOver(decision: { allowed: boolean; retryAfterSeconds: number }, what: string): void {
    if (decision.allowed) return;
    throw new ApiError(
      429,
      'rate_limited',
      `too many ${this.noun} from this ${what}: at most ${this.perHour} an hour; try again later`,
      undefined,
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }
}
