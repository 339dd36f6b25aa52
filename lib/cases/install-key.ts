/**
 * The random per-install id counterfeit reports carry (SubmitReportRequest.installKey): the
 * registry keeps only its hash, to allow one report per reporter per listing and to rate-limit
 * per install. Random and local: it names this browser profile, not the shopper, and it is
 * dropped with "delete my data" (a new one is made on the next report).
 */
import type { AntamDb } from '../store/db';

const KEY = 'installKey';

export async function getInstallKey(db: AntamDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const found = await db.meta.get(KEY);
    if (found) return found.value;
    const value = crypto.randomUUID();
    await db.meta.put({ key: KEY, value });
    return value;
  });
}

export async function forgetInstallKey(db: AntamDb): Promise<void> {
  await db.meta.delete(KEY);
}
