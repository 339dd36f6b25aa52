// Evidence files of complaints and counterfeit reports, on every engine: uploads checked before
// anything is stored (SHA-256, size, type by content, headers), idempotent per file, limited per
// case, served only to those who may see them and never as active content, and deleted with the
// rest of the personal data. With SQLite the bytes are files under the evidence directory; with
// PostgreSQL they are rows of evidence_blobs.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ComplaintView,
  EvidenceView,
  ReportView,
  type SubmitComplaintInput,
  SubmittedComplaint,
  SubmittedReport,
} from '../../lib/registry/cases';
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PER_CASE } from '../../lib/registry/evidence-type';
import { ErrorBody } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { complaintKind } from '../../server/cases/complaint';
import { SubmissionLimits } from '../../server/cases/limits';
import { Writer } from '../../server/db/transaction';
import { FileEvidenceBlobs } from '../../server/evidence/blobs';
import { addEvidence } from '../../server/evidence/store';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';
const OTHER_SHOP = 'lazada:6548';

const COMPLAINT: SubmitComplaintInput = {
  seller: SHOP,
  installKey: 'complaint-tests-install-key',
  order: { orderCode: '2410150QWERTY', items: [], currency: 'VND' },
  category: 'counterfeit',
  desiredOutcome: 'refund',
  description: 'Son môi nhận được khác màu, vỏ in sai chính tả — nghi hàng giả.',
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
};

/** A tiny PNG-signed file: the registry recognises types by their leading bytes. */
function png(seed: string): Uint8Array<ArrayBuffer> {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return new Uint8Array([...head, ...new TextEncoder().encode(`IHDR ${seed}`)]);
}
const HTML_CAPTURE = new TextEncoder().encode(
  '<!doctype html><html><head><title>Đơn hàng</title></head><body><script>alert(document.cookie)</script>Mã đơn 2410150QWERTY</body></html>',
);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface UploadOptions {
  type?: string;
  sha?: string;
  capturedAt?: string;
  source?: string;
  name?: string;
  omit?: string[];
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const text = await res.text();
  expect(text).not.toMatch(/at .*\.ts|select |insert |SQLITE|stack/i);
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe.each(DIALECTS)('evidence files on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let evidenceDir: string;
  let sellerKey: string;
  let otherSellerKey: string;
  let moderatorKey: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    evidenceDir = mkdtempSync(join(tmpdir(), 'antam-evidence-test-'));
    const created = createApp({
      db: database.db,
      clock: () => NOW,
      config: { rateLimit: { requests: 0, windowSeconds: 60 } },
      evidenceDir,
    });
    await created.deps.buckets.init();
    app = created.app;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Shop', sellers: [SHOP] }, NOW))
      .key;
    otherSellerKey = (
      await createApiKey(database.db, { role: 'seller', label: 'Other', sellers: [OTHER_SHOP] }, NOW)
    ).key;
    moderatorKey = (await createApiKey(database.db, { role: 'moderator', label: 'Điều phối' }, NOW)).key;
  });

  async function complaint(body: SubmitComplaintInput = COMPLAINT) {
    const res = await postJson(app, '/v1/complaints', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const answer = SubmittedComplaint.parse(await res.json());
    if (!answer.token) throw new Error('no token');
    return { code: answer.trackingCode, token: answer.token };
  }

  async function report() {
    const res = await postJson(
      app,
      '/v1/reports',
      {
        seller: SHOP,
        listing: { url: 'https://shopee.vn/son-i.672907573.42', title: 'Son lì chính hãng', currency: 'VND' },
        reason: 'Vỏ hộp in sai chính tả, mã vạch không có thật.',
        installKey: `install_${randomUUID().replaceAll('-', '')}`,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(201);
    const answer = SubmittedReport.parse(await res.json());
    if (!answer.token) throw new Error('no token');
    return { code: answer.trackingCode, token: answer.token };
  }

  function upload(path: string, token: string, bytes: Uint8Array<ArrayBuffer>, o: UploadOptions = {}) {
    const headers: Record<string, string> = {
      'content-type': o.type ?? 'image/png',
      'x-evidence-sha256': o.sha ?? sha256(bytes),
      'x-evidence-captured-at': o.capturedAt ?? '2026-10-31T21:15:00+07:00',
      'x-evidence-source': o.source ?? 'screenshot',
      ...(o.name === undefined ? {} : { 'x-evidence-name': o.name }),
      ...bearer(token),
    };
    for (const h of o.omit ?? []) delete headers[h];
    return app.request(path, { method: 'POST', body: bytes, headers });
  }

  async function uploadOk(
    path: string,
    token: string,
    bytes: Uint8Array<ArrayBuffer>,
    o: UploadOptions = {},
  ) {
    const res = await upload(path, token, bytes, o);
    expect(res.status).toBe(201);
    return EvidenceView.parse(await res.json());
  }

  async function storedBytes(id: string): Promise<Uint8Array | null> {
    if (engine === 'postgres') {
      const row = await database.db
        .selectFrom('evidence_blobs')
        .select('bytes')
        .where('evidence_id', '=', id)
        .executeTakeFirst();
      return row ? new Uint8Array(row.bytes) : null;
    }
    const file = join(evidenceDir, id.slice(0, 2), id);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
  }

  function storedFiles(): string[] {
    if (!existsSync(evidenceDir)) return [];
    return readdirSync(evidenceDir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  }

  it('stores a complaint’s evidence once, shows it in the case and serves it as an inert download', async () => {
    const c = await complaint();
    const bytes = png('order page');
    const path = `/v1/complaints/${c.code}/evidence`;
    const name = encodeURIComponent('Ảnh chụp đơn hàng.png');
    const first = await uploadOk(path, c.token, bytes, { name });
    expect(first).toMatchObject({
      sha256: sha256(bytes),
      contentType: 'image/png',
      size: bytes.byteLength,
      name: 'Ảnh chụp đơn hàng.png',
      source: 'screenshot',
      capturedAt: '2026-10-31T14:15:00.000Z',
      uploadedAt: NOW.toISOString(),
    });
    expect(await storedBytes(first.id)).toEqual(bytes);

    // The outbox retries: the same file answers 200 with the same evidence, never a second copy.
    const retry = await upload(path, c.token, bytes, { name });
    expect(retry.status).toBe(200);
    expect(EvidenceView.parse(await retry.json())).toEqual(first);

    const view = ComplaintView.parse(
      await (await app.request(`/v1/complaints/${c.code}`, { headers: bearer(c.token) })).json(),
    );
    expect(view.evidence).toEqual([first]);

    const got = await app.request(`/v1/complaints/${c.code}/evidence/${first.id}`, {
      headers: bearer(c.token),
    });
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${first.sha256.slice(0, 12)}.png"; filename*=UTF-8''${name}`,
    );
  });

  it('serves an HTML page capture only as a sandboxed attachment', async () => {
    const c = await complaint();
    const ev = await uploadOk(`/v1/complaints/${c.code}/evidence`, c.token, HTML_CAPTURE, {
      type: 'text/html; charset=utf-8',
      source: 'page_capture',
    });
    expect(ev.contentType).toBe('text/html');
    const got = await app.request(`/v1/complaints/${c.code}/evidence/${ev.id}`, { headers: bearer(c.token) });
    expect(got.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="evidence-[0-9a-f]{12}\.html"$/,
    );
    expect(got.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(await got.text()).toBe(new TextDecoder().decode(HTML_CAPTURE));
  });

  it('refuses a corrupted upload, a wrong or unknown type, an oversized file and bad headers, storing nothing', async () => {
    const c = await complaint();
    const path = `/v1/complaints/${c.code}/evidence`;
    const bytes = png('x');

    const corrupted = await upload(path, c.token, bytes, { sha: sha256(png('y')) });
    expect(corrupted.status).toBe(400);
    expect((await errorOf(corrupted)).message).toMatch(/does not match X-Evidence-Sha256/);

    const declaredJpeg = await upload(path, c.token, bytes, { type: 'image/jpeg' });
    expect(declaredJpeg.status).toBe(415);
    expect(await errorOf(declaredJpeg)).toMatchObject({ code: 'unsupported_media_type' });

    const script = new TextEncoder().encode('#!/bin/sh\nrm -rf /\n');
    const unknown = await upload(path, c.token, script, { type: 'image/png' });
    expect(unknown.status).toBe(415);
    expect((await errorOf(unknown)).code).toBe('unsupported_media_type');

    // HTML is accepted only as the extension's own page capture: a "photo" that is HTML is refused.
    const htmlPhoto = await upload(path, c.token, HTML_CAPTURE, { type: 'text/html', source: 'photo' });
    expect(htmlPhoto.status).toBe(415);
    expect((await errorOf(htmlPhoto)).message).toMatch(/only as a page capture/);

    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(png('big'));
    const tooBig = await upload(path, c.token, big);
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).code).toBe('payload_too_large');

    const empty = await upload(path, c.token, new Uint8Array(), { sha: sha256(new Uint8Array()) });
    expect(empty.status).toBe(400);

    const cases: [UploadOptions, RegExp][] = [
      [{ omit: ['x-evidence-sha256'] }, /X-Evidence-Sha256/],
      [{ sha: sha256(bytes).toUpperCase() }, /X-Evidence-Sha256/],
      [{ omit: ['x-evidence-captured-at'] }, /X-Evidence-Captured-At/],
      [{ capturedAt: 'hôm qua' }, /X-Evidence-Captured-At/],
      [{ source: 'scan' }, /X-Evidence-Source/],
      [{ name: encodeURIComponent('a\u0007b.png') }, /X-Evidence-Name/],
      [{ name: encodeURIComponent('x'.repeat(201)) }, /X-Evidence-Name/],
      [{ name: encodeURIComponent('../../etc/passwd') }, /X-Evidence-Name/],
      [{ name: '%E0%A4%A' }, /X-Evidence-Name/],
    ];
    for (const [o, header] of cases) {
      const res = await upload(path, c.token, bytes, o);
      expect(res.status, JSON.stringify(o)).toBe(400);
      expect(JSON.stringify(await errorOf(res))).toMatch(header);
    }

    expect(await database.db.selectFrom('evidence').selectAll().execute()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it(`takes at most ${MAX_EVIDENCE_PER_CASE} files per case`, async () => {
    const c = await complaint();
    const path = `/v1/complaints/${c.code}/evidence`;
    for (let i = 0; i < MAX_EVIDENCE_PER_CASE; i++) await uploadOk(path, c.token, png(`file ${i}`));
    const over = await upload(path, c.token, png('one too many'));
    expect(over.status).toBe(409);
    expect((await errorOf(over)).message).toMatch(/at most 10/);
    // A retry of one already stored is still answered.
    expect((await upload(path, c.token, png('file 3'))).status).toBe(200);
    expect(storedFiles()).toHaveLength(engine === 'sqlite' ? MAX_EVIDENCE_PER_CASE : 0);
  });

  it('counts concurrent uploads to one case against the same limit', async () => {
    const c = await complaint();
    const path = `/v1/complaints/${c.code}/evidence`;
    const answers = await Promise.all(
      Array.from({ length: MAX_EVIDENCE_PER_CASE + 4 }, (_, i) => upload(path, c.token, png(`racing ${i}`))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_EVIDENCE_PER_CASE);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect(storedFiles()).toHaveLength(engine === 'sqlite' ? MAX_EVIDENCE_PER_CASE : 0);
  });

  it('lets only the shopper add, and shows the seller the evidence only with consent', async () => {
    const shared = await complaint();
    const ev = await uploadOk(`/v1/complaints/${shared.code}/evidence`, shared.token, JPEG, {
      type: 'image/jpeg',
    });
    const byModerator = await upload(`/v1/complaints/${shared.code}/evidence`, moderatorKey, png('m'));
    expect(byModerator.status).toBe(403);
    expect((await upload(`/v1/complaints/${shared.code}/evidence`, sellerKey, png('s'))).status).toBe(403);

    const file = `/v1/complaints/${shared.code}/evidence/${ev.id}`;
    expect((await app.request(file, { headers: bearer(sellerKey) })).status).toBe(200);
    expect((await app.request(file, { headers: bearer(moderatorKey) })).status).toBe(200);
    expect((await app.request(file, { headers: bearer(otherSellerKey) })).status).toBe(404);
    expect((await app.request(file)).status).toBe(401);
    const sellerView = ComplaintView.parse(
      await (await app.request(`/v1/complaints/${shared.code}`, { headers: bearer(sellerKey) })).json(),
    );
    expect(sellerView.evidence).toEqual([ev]);

    const privateCase = await complaint({
      ...COMPLAINT,
      consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: true },
    });
    const hidden = await uploadOk(`/v1/complaints/${privateCase.code}/evidence`, privateCase.token, JPEG, {
      type: 'image/jpeg',
    });
    const notShared = await app.request(`/v1/complaints/${privateCase.code}/evidence/${hidden.id}`, {
      headers: bearer(sellerKey),
    });
    // Not shared with the seller: not there for it in any form, the same 404 as a wrong code.
    expect(notShared.status).toBe(404);
    const hiddenView = await app.request(`/v1/complaints/${privateCase.code}`, {
      headers: bearer(sellerKey),
    });
    expect(hiddenView.status).toBe(404);
    expect(await hiddenView.text()).not.toContain(hidden.id);
    expect(
      (
        await app.request(`/v1/complaints/${privateCase.code}/evidence/${hidden.id}`, {
          headers: bearer(moderatorKey),
        })
      ).status,
    ).toBe(200);

    // Another case's evidence id, a wrong token, a malformed id: all 404, the same for each.
    const crossed = await app.request(`/v1/complaints/${shared.code}/evidence/${hidden.id}`, {
      headers: bearer(shared.token),
    });
    expect(crossed.status).toBe(404);
    expect((await app.request(file, { headers: bearer(privateCase.token) })).status).toBe(404);
    expect(
      (
        await app.request(`/v1/complaints/${shared.code}/evidence/..%2F..%2Fregistry.sqlite`, {
          headers: bearer(shared.token),
        })
      ).status,
    ).toBe(404);
  });

  it("deletes a complaint's evidence with its personal data, and takes none afterwards", async () => {
    const c = await complaint();
    const path = `/v1/complaints/${c.code}/evidence`;
    const a = await uploadOk(path, c.token, png('a'));
    const b = await uploadOk(path, c.token, HTML_CAPTURE, { type: 'text/html', source: 'page_capture' });
    const other = await complaint();
    const kept = await uploadOk(`/v1/complaints/${other.code}/evidence`, other.token, png('a'));

    const erased = await app.request(`/v1/complaints/${c.code}/personal-data`, {
      method: 'DELETE',
      headers: bearer(c.token),
    });
    expect(erased.status).toBe(200);
    expect(ComplaintView.parse(await erased.json()).evidence).toEqual([]);
    expect(await storedBytes(a.id)).toBeNull();
    expect(await storedBytes(b.id)).toBeNull();
    expect(await storedBytes(kept.id)).toEqual(png('a'));
    expect((await app.request(`${path}/${a.id}`, { headers: bearer(c.token) })).status).toBe(404);

    const late = await upload(path, c.token, png('after'));
    expect(late.status).toBe(409);
    expect((await errorOf(late)).message).toMatch(/personal data was deleted/);
    expect(storedFiles()).toHaveLength(engine === 'sqlite' ? 1 : 0);
  });

  it("stores a report's evidence for its reporter and moderators, and deletes it on request", async () => {
    const r = await report();
    const path = `/v1/reports/${r.code}/evidence`;
    const ev = await uploadOk(path, r.token, HTML_CAPTURE, { type: 'text/html', source: 'page_capture' });
    expect(
      (await upload(path, r.token, HTML_CAPTURE, { type: 'text/html', source: 'page_capture' })).status,
    ).toBe(200);
    expect((await upload(path, moderatorKey, png('m'))).status).toBe(403);

    const asReporter = ReportView.parse(
      await (await app.request(`/v1/reports/${r.code}`, { headers: bearer(r.token) })).json(),
    );
    expect(asReporter.evidence).toEqual([ev]);
    const queue = (await (
      await app.request('/v1/moderation/reports', { headers: bearer(moderatorKey) })
    ).json()) as { reports: ReportView[] };
    expect(queue.reports[0]?.evidence).toEqual([ev]);

    const file = `/v1/reports/${r.code}/evidence/${ev.id}`;
    const got = await app.request(file, { headers: bearer(moderatorKey) });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await app.request(file, { headers: bearer(r.token) })).status).toBe(200);
    expect((await app.request(file, { headers: bearer(sellerKey) })).status).toBe(403);
    const other = await report();
    expect((await app.request(file, { headers: bearer(other.token) })).status).toBe(404);

    const erased = await app.request(`/v1/reports/${r.code}/personal-data`, {
      method: 'DELETE',
      headers: bearer(r.token),
    });
    expect(ReportView.parse(await erased.json()).evidence).toEqual([]);
    expect(await storedBytes(ev.id)).toBeNull();
    expect((await upload(path, r.token, png('after'))).status).toBe(409);
  });

  // Files on disk are SQLite's storage (PostgreSQL keeps the bytes in the row's own transaction):
  // declared only for SQLite rather than skipped, since under CI=true a skipped test is an error.
  if (engine === 'sqlite') {
    it('removes the file again when its row does not commit', async () => {
      const c = await complaint();
      const row = await database.db
        .selectFrom('complaints')
        .select('id')
        .where('tracking_code', '=', c.code)
        .executeTakeFirstOrThrow();
      const blobs = new FileEvidenceBlobs(evidenceDir);
      // No bucket cache here to refresh: evidence never changes the public data.
      const writer = new Writer(database.db, async () => {});
      const file = {
        bytes: png('doomed'),
        sha256: sha256(png('doomed')),
        contentType: 'image/png' as const,
        name: null,
        source: 'photo' as const,
        capturedAt: NOW.toISOString(),
      };
      // A real failure of the database inside the row's transaction, after the file was written.
      await sql`create trigger evidence_fails before insert on evidence begin select raise(abort, 'disk full'); end`.execute(
        database.db,
      );
      try {
        await expect(
          addEvidence(
            writer,
            blobs,
            complaintKind({ answerDeadlineDays: 7 }, new SubmissionLimits(0, () => NOW, 'complaints')),
            row.id,
            file,
            NOW,
          ),
        ).rejects.toThrow(/disk full/);
      } finally {
        await sql`drop trigger evidence_fails`.execute(database.db);
      }
      expect(storedFiles()).toEqual([]);
      // A case that does not exist: nothing stored either.
      expect(
        await addEvidence(
          writer,
          blobs,
          complaintKind({ answerDeadlineDays: 7 }, new SubmissionLimits(0, () => NOW, 'complaints')),
          randomUUID(),
          file,
          NOW,
        ),
      ).toEqual({
        kind: 'not_found',
      });
      expect(storedFiles()).toEqual([]);
      // And the same upload succeeds once the database does.
      expect(
        (
          await addEvidence(
            writer,
            blobs,
            complaintKind({ answerDeadlineDays: 7 }, new SubmissionLimits(0, () => NOW, 'complaints')),
            row.id,
            file,
            NOW,
          )
        ).kind,
      ).toBe('created');
      expect(storedFiles()).toHaveLength(1);
    });

    it('sweeps files a crash left without their row, once old enough, and keeps every file with a row', async () => {
      const blobs = new FileEvidenceBlobs(evidenceDir);
      // A file with its committed row, which must survive any sweep.
      const c = await complaint();
      const res = await upload(`/v1/complaints/${c.code}/evidence`, c.token, png('kept'));
      expect(res.status).toBe(201);
      const before = new Set(storedFiles());
      expect(before.size).toBeGreaterThan(0);
      // A crash after the rename, before the commit; and one in the middle of writing.
      const orphan = randomUUID();
      await blobs.prepare(orphan, png('orphan'));
      const temp = join(evidenceDir, orphan.slice(0, 2), `${orphan}.${randomUUID()}.tmp`);
      writeFileSync(temp, png('half'));
      const hour = 60 * 60_000;
      const now = Date.now();
      // Too young: an upload of another node may still be committing.
      expect(await blobs.sweepOrphans(database.db, hour, now)).toBe(0);
      const old = new Date(now - 2 * hour);
      utimesSync(join(evidenceDir, orphan.slice(0, 2), orphan), old, old);
      utimesSync(temp, old, old);
      for (const name of before) utimesSync(join(evidenceDir, name.slice(0, 2), name), old, old);
      expect(await blobs.sweepOrphans(database.db, hour, now)).toBe(2);
      expect(new Set(storedFiles())).toEqual(before);
      // Every remaining file still serves its row.
      const rows = await database.db.selectFrom('evidence').select('id').execute();
      for (const row of rows) expect(await blobs.read(database.db, row.id)).not.toBeNull();
    });
  }

  it('documents the evidence routes with a binary body', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    for (const p of ['/v1/complaints/{code}/evidence', '/v1/reports/{code}/evidence']) {
      expect(Object.keys(doc.paths[p]?.post?.requestBody?.content ?? {})).toContain('image/png');
    }
    expect(doc.paths['/v1/complaints/{code}/evidence/{id}']?.get).toBeDefined();
    expect(doc.paths['/v1/reports/{code}/evidence/{id}']?.get).toBeDefined();
  });
});
